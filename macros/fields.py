"""The value types of data fields (ids, texts, dates, links, licenses, choices) and ``Model``.

Each carries its own validation and message, so every model that uses it
checks the same way; the models in ``macros.models`` are built from them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    field_validator,
)

from .errors import closest

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=40),
    Field(description="Stable identifier: lowercase letters, digits and single hyphens."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=80, strip_whitespace=True)]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_partial_date(value: str) -> str:
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"not a calendar date: {exc}") from None
    return value


PartialDate = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_partial_date),
    Field(
        description=(
            "A date only as precise as its source: YYYY, YYYY-MM or YYYY-MM-DD. "
            "Quote it in YAML so it stays text."
        ),
        examples=["1995", "2009-11", "2012-03-28"],
        json_schema_extra={"pattern": _PARTIAL_DATE.pattern},
    ),
]


def _check_not_future(value: dt.date) -> dt.date:
    # A day of slack: a contributor east of the build machine may already be on tomorrow.
    if value > dt.date.today() + dt.timedelta(days=1):
        raise ValueError(f"{value.isoformat()} is in the future: write the day it happened")
    return value


CheckedOn = Annotated[dt.date, AfterValidator(_check_not_future)]
"""A day somebody read or checked something: a real date, never in the future."""


def _check_https(value: HttpUrl) -> HttpUrl:
    if value.scheme != "https":
        raise ValueError(f"'{value}' is not an https:// address: link the https:// page")
    return value


HttpsUrl = Annotated[
    HttpUrl, AfterValidator(_check_https), Field(json_schema_extra={"pattern": "^https://"})
]
"""A link readers follow from a table: https only (sources may be older http pages)."""


PLACEHOLDER = "TODO"
"""What ``make new-entry`` writes into every field; validation refuses it."""


def is_placeholder(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().startswith(PLACEHOLDER)
    if isinstance(value, list):
        return any(is_placeholder(item) for item in value)
    return False


def one_of(labels: dict[str, str]) -> Any:
    """The type of a field whose value is one of the keys of ``labels``.

    The keys and their display labels are written once, in ``labels``; pydantic
    sees ``Literal[key, ...]`` (its errors and the JSON Schema's ``enum``), mypy
    sees ``str``.
    """
    return Literal[tuple(labels)]


# SPDX identifiers the data uses; extend the list when a new license appears.
# LicenseRef-* is SPDX's form for a license without an identifier.
SPDX_IDS = frozenset(
    {
        "AGPL-3.0-only",
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "Classpath-exception-2.0",
        "BSL-1.0",
        "BUSL-1.1",
        "CDDL-1.0",
        "Elastic-2.0",
        "EPL-2.0",
        "curl",
        "GPL-2.0-only",
        "GPL-2.0-or-later",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
        "LGPL-2.1-only",
        "LGPL-3.0-only",
        "MIT",
        "MPL-2.0",
        "PHP-3.01",
        "PostgreSQL",
        "Ruby",
        "SSPL-1.0",
    }
)


def _check_spdx(value: str) -> str:
    for part in re.split(r"\s+(?:OR|AND|WITH)\s+", value.strip("() ")):
        if part in SPDX_IDS or re.fullmatch(r"LicenseRef-[A-Za-z0-9.-]+", part):
            continue
        close = closest(part, SPDX_IDS)
        hint = f" (did you mean '{close}'?)" if close else ""
        raise ValueError(f"'{part}' is not a known SPDX license identifier{hint}")
    return value


Spdx = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=80),
    AfterValidator(_check_spdx),
    Field(
        description="SPDX license identifier or expression, e.g. MIT or Apache-2.0 OR MIT.",
        examples=["MIT", "BSD-3-Clause", "Apache-2.0"],
    ),
]


Uses = Annotated[list[ShortText], Field(min_length=1, max_length=6)]


class Model(BaseModel):
    """Base of every data model: strict about unknown keys, immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_placeholders(cls, value: object) -> object:
        if is_placeholder(value):
            raise ValueError(
                "still holds the placeholder from make new-entry: write the real value, "
                "or delete the line if the field is optional"
            )
        return value
