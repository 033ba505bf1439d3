"""What a framework gives you: the capability matrix, one mark per capability.

Each mark says how the framework provides the capability (in the box, in its
own project's package, in a package others publish, not at all) and links the
page of the framework's documentation that says so; the level's words and the
note are in its accessible name and its tooltip, so nothing depends on the
shape of the mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from .capability import (
    CAPABILITY_LEVELS,
    DATABASE_CAPABILITIES,
    FRAMEWORK_CAPABILITIES,
    SERVER_CAPABILITIES,
)
from .htmltable import (
    NOT_RECORDED,
    Column,
    TableOptionError,
    format_html,
    render_table,
    unknown_option,
)
from .models import Framework, Language
from .tables import language_names

MARKS = {"built-in": "\u25cf", "official": "\u25d0", "third-party": "\u25cb", "none": "\u00d7"}
"""Filled, half, empty, cross: built in, official package, third-party package, not provided
(a dash is kept for a value the data does not give)."""
RANK = {level: str(rank) for rank, level in enumerate(CAPABILITY_LEVELS)}


def capability_cell(
    entry: Any, key: str, labels: Mapping[str, str] = FRAMEWORK_CAPABILITIES
) -> Markup:
    """The mark for ``key``, linked to its first source; a dash when the data has no value.

    ``entry`` is any entry with ``capabilities`` (frameworks, databases, web servers);
    ``labels`` names its capabilities.
    """
    capability = entry.capabilities.get(key)
    if capability is None:
        return NOT_RECORDED
    words = CAPABILITY_LEVELS[capability.level]
    if capability.note:
        words += f": {capability.note}"
    source = next(s for s in entry.sources if f"capabilities.{key}" in s.supports)
    checked = source.accessed.isoformat()
    label = f"{labels[key]} in {entry.name}: {words} (source, checked {checked})"
    return format_html(
        '<a class="atlas-cap atlas-cap--{}" href="{}" title="{}" aria-label="{}">{}</a>',
        capability.level,
        str(source.url),
        words,
        label,
        MARKS[capability.level],
    )


def capability_columns(labels: Mapping[str, str]) -> tuple[Column[Any], ...]:
    """One sortable column per capability in ``labels`` (best level first when sorted)."""
    return tuple(_capability_column(key, labels) for key in labels)


def _capability_column(key: str, labels: Mapping[str, str]) -> Column[Any]:
    return Column(
        key,
        labels[key],
        lambda e: capability_cell(e, key, labels),
        lambda e: RANK[e.capabilities[key].level] if key in e.capabilities else "9",
        sort_attribute=True,
    )


def legend() -> Markup:
    """What the marks mean, for the line above the matrix."""
    return Markup(" ").join(
        format_html(
            '<span class="atlas-cap atlas-cap--{}" aria-hidden="true">{}</span> {}',
            level,
            mark,
            CAPABILITY_LEVELS[level],
        )
        for level, mark in MARKS.items()
    )


def capabilities_table(
    frameworks: Sequence[Framework],
    languages: Sequence[Language],
    *,
    language: str | None = None,
    columns: Sequence[str] | None = None,
    sort: str | None = "name",
    caption: str | None = None,
) -> Markup:
    """Web frameworks that have capability data, one column per capability."""
    names = language_names(languages, language)
    rows = [
        fw for fw in frameworks if fw.capabilities and (language is None or fw.language == language)
    ]
    name_column: Column[Framework] = Column(
        "name",
        "Framework",
        lambda fw: format_html("{}<br><small>{}</small>", fw.name, names[fw.language]),
        lambda fw: fw.name.casefold(),
    )
    all_columns = (name_column, *capability_columns(FRAMEWORK_CAPABILITIES))
    if caption is None:
        caption = "What each web framework gives you"
        if language is not None:
            caption = f"What each {names[language]} web framework gives you"
    table = render_table(
        rows,
        all_columns,
        dataset="framework-capabilities",
        caption=caption,
        select=columns,
        sort=sort,
        source="frameworks",
    )
    return format_html('<p class="atlas-legend">{}</p>\n\n{}', legend(), table)


CAPABILITY_LABELS: dict[str, Mapping[str, str]] = {
    "frameworks": FRAMEWORK_CAPABILITIES,
    "databases": DATABASE_CAPABILITIES,
    "web-servers": SERVER_CAPABILITIES,
}
"""The datasets whose entries have capabilities, and the names of those capabilities."""


def dataset_capabilities(
    dataset: str,
    entries: Sequence[Any],
    *,
    columns: Sequence[str] | None = None,
    sort: str | None = "name",
    caption: str | None = None,
) -> Markup:
    """The capability matrix of ``dataset`` (databases, web servers): entries that have data."""
    if dataset not in CAPABILITY_LABELS:
        raise TableOptionError(
            unknown_option("dataset with capabilities", dataset, CAPABILITY_LABELS)
        )
    labels = CAPABILITY_LABELS[dataset]
    rows = [entry for entry in entries if entry.capabilities]
    name_column: Column[Any] = Column(
        "name", "Name", lambda e: escape(e.name), lambda e: e.name.casefold()
    )
    table = render_table(
        rows,
        (name_column, *capability_columns(labels)),
        dataset=f"{dataset}-capabilities",
        caption=caption or f"What each of the {dataset.replace('-', ' ')} gives you",
        select=columns,
        sort=sort,
        source=dataset,
    )
    return format_html('<p class="atlas-legend">{}</p>\n\n{}', legend(), table)
