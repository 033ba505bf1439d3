"""Which license a file's text is: opening words and required phrases, never a guess."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


def words(text: str) -> str:
    """Lower-case words and numbers, one space apart: punctuation, Markdown and line
    breaks never decide a match."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@dataclass(frozen=True)
class LicenseText:
    """A license text, known by the words it opens with."""

    name: str
    """How the report names it."""
    spdx: frozenset[str]
    """The SPDX ids it can stand for (a GPL text does not say -only or -or-later)."""
    opens: tuple[str, ...]
    """Phrases that start it (any one)."""
    requires: tuple[str, ...] = ()
    """Phrases its text must go on to hold."""
    forbids: tuple[str, ...] = ()
    """Phrases its text must not hold (another license that opens the same way)."""


def _text(
    name: str,
    opens: str | tuple[str, ...],
    *,
    spdx: tuple[str, ...] = (),
    requires: tuple[str, ...] = (),
    forbids: tuple[str, ...] = (),
) -> LicenseText:
    def plain(phrases: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(words(phrase) for phrase in phrases)

    return LicenseText(
        name,
        frozenset(spdx or (name,)),
        plain((opens,) if isinstance(opens, str) else opens),
        plain(requires),
        plain(forbids),
    )


_BSD = (
    "Redistribution and use in source and binary forms, with or without modification, "
    "are permitted provided that the following conditions are met"
)
_ENDORSE = "endorse or promote products derived from this software"
# The third clause as BSD-3-Clause words it; variants (Repoze's "without prior written
# permission from the copyright holders", then a fourth clause) are other licenses.
_ENDORSE_3 = _ENDORSE + " without specific prior written permission"
_ADVERTISING = "All advertising materials mentioning features or use of this software"
_ISC_OPENS = (
    "Permission to use, copy, modify, and/or distribute this software for any purpose "
    "with or without fee is hereby granted",
    "Permission to use, copy, modify, and distribute this software for any purpose "
    "with or without fee is hereby granted",
)

LICENSE_TEXTS: tuple[LicenseText, ...] = (
    _text(
        "Apache-2.0",
        "Apache License Version 2.0, January 2004",
        requires=("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",),
    ),
    _text(  # the notice alone, as some LICENSE files hold it
        "Apache-2.0",
        "Licensed under the Apache License, Version 2.0",
        requires=("you may not use this file except in compliance with the License",),
    ),
    _text(
        "MIT",
        "Permission is hereby granted, free of charge, to any person obtaining a copy",
        requires=("The above copyright notice and this permission notice shall be included",),
        forbids=("Except as contained in this notice, the name",),  # X11 and kin
    ),
    _text(
        "ISC",
        _ISC_OPENS,
        requires=(
            "provided that the above copyright notice and this permission notice appear",
            "disclaims all warranties",
        ),
    ),
    _text(
        "curl",
        _ISC_OPENS[1],
        requires=("Except as contained in this notice, the name of a copyright holder",),
    ),
    _text(
        "PostgreSQL",
        "Permission to use, copy, modify, and distribute this software and its documentation "
        "for any purpose, without fee, and without a written agreement is hereby granted",
    ),
    _text("BSD-3-Clause", _BSD, requires=(_ENDORSE_3,), forbids=(_ADVERTISING,)),
    _text("BSD-2-Clause", _BSD, forbids=(_ENDORSE, _ADVERTISING)),
    _text(
        "GPL-2.0-only or -or-later",
        "GNU General Public License Version 2, June 1991",
        spdx=("GPL-2.0-only", "GPL-2.0-or-later"),
    ),
    _text(
        "GPL-3.0-only or -or-later",
        "GNU General Public License Version 3, 29 June 2007",
        spdx=("GPL-3.0-only", "GPL-3.0-or-later"),
    ),
    _text(
        "LGPL-2.0-only or -or-later",
        "GNU Library General Public License Version 2, June 1991",
        spdx=("LGPL-2.0-only", "LGPL-2.0-or-later"),
    ),
    _text(
        "LGPL-2.1-only or -or-later",
        "GNU Lesser General Public License Version 2.1, February 1999",
        spdx=("LGPL-2.1-only", "LGPL-2.1-or-later"),
    ),
    _text(
        "LGPL-3.0-only or -or-later",
        "GNU Lesser General Public License Version 3, 29 June 2007",
        spdx=("LGPL-3.0-only", "LGPL-3.0-or-later"),
    ),
    _text(
        "AGPL-3.0-only or -or-later",
        "GNU Affero General Public License Version 3, 19 November 2007",
        spdx=("AGPL-3.0-only", "AGPL-3.0-or-later"),
    ),
    _text(
        "MPL-2.0",
        (
            "Mozilla Public License Version 2.0 1. Definitions",
            "This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0",
        ),
    ),
    _text(
        "EPL-2.0",
        "Eclipse Public License - v 2.0 THE ACCOMPANYING PROGRAM IS PROVIDED UNDER THE TERMS",
    ),
    _text("BSL-1.0", "Boost Software License - Version 1.0 - August 17th, 2003"),
    _text("SSPL-1.0", "Server Side Public License VERSION 1, OCTOBER 16, 2018"),
    _text("BUSL-1.1", "Business Source License 1.1 Parameters"),
    _text(
        "Elastic-2.0", "Elastic License 2.0 URL: https://www.elastic.co/licensing/elastic-license"
    ),
    _text("CDDL-1.0", "COMMON DEVELOPMENT AND DISTRIBUTION LICENSE (CDDL) Version 1.0"),
    _text("PHP-3.01", "The PHP License, version 3.01"),
    _text("Ruby", "Ruby is copyrighted free software by Yukihiro Matsumoto"),
    _text("Unlicense", "This is free and unencumbered software released into the public domain"),
)
"""The license texts the check recognizes; extend it when the data names another."""

OPENING = 3000
"""A license text must start within this many characters (of ``words``) of the file."""
SPAN = 1500
"""Its required and forbidden phrases are looked for this far from its start."""


def detect_license(text: str) -> LicenseText | None:
    """The license a file opens with, or None: unrecognized, never a guess.

    The earliest opening phrase in the file's first ``OPENING`` characters picks the
    candidates; the text that follows it (up to ``SPAN`` characters, and never past the
    next opening phrase) must hold each candidate's required phrases and none of its
    forbidden ones. Exactly one candidate must be left.
    """
    plain = f" {words(text)} "
    starts: dict[LicenseText, list[int]] = {
        known: [m.start() for p in known.opens for m in re.finditer(f" {p} ", plain)]
        for known in LICENSE_TEXTS
    }
    first = min((at for found in starts.values() for at in found), default=None)
    if first is None or first > OPENING:
        return None
    candidates = [known for known, found in starts.items() if first in found]
    ends = [at for found in starts.values() for at in found if at > first]
    body = plain[first : min([*ends, first + SPAN])]
    fitting = [
        known
        for known in candidates
        if all(f" {p} " in body for p in known.requires)
        and not any(f" {p} " in body for p in known.forbids)
    ]
    return fitting[0] if len(fitting) == 1 else None


_LICENSE_FILE = re.compile(
    r"^(?:licen[cs]e|copying|copyright|unlicense)(?:[-._].*)?$|^.+[-_]licen[cs]e(?:\..*)?$",
    re.IGNORECASE,
)


def is_license_file(name: str) -> bool:
    """LICENSE, LICENSE.md, COPYING, COPYRIGHT, LICENSE-MIT, MIT-LICENSE... (any spelling)."""
    return bool(_LICENSE_FILE.match(name))


def describe_license_files(files: Mapping[str, str]) -> tuple[frozenset[str], str]:
    """The SPDX ids the upstream's license files stand for, and how to say what they are."""
    if not files:
        return frozenset(), "no license file at the root of the default branch"
    ids: set[str] = set()
    said = []
    for name, text in files.items():
        known = detect_license(text)
        if known:
            ids |= known.spdx
        said.append(f"{known.name if known else 'unrecognized'} ({name})")
    return frozenset(ids), "; ".join(said)


def license_verdict(recorded: str, ids: frozenset[str]) -> str:
    """``same``, ``different`` or ``not compared`` for the data's SPDX expression.

    One side of an OR that matches is enough; a side joined by AND or WITH matches when
    any of its licenses is found. A mismatch is "not compared" when a LicenseRef- side
    could hold (no text here can show a custom license).
    """
    sides = [
        set(re.split(r"\s+(?:AND|WITH)\s+", side.strip("() ")))
        for side in re.split(r"\s+OR\s+", recorded.strip())
    ]
    if any(side & ids for side in sides):
        return "same"
    if any(part.startswith("LicenseRef-") for side in sides for part in side):
        return "not compared"
    return "different"
