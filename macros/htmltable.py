"""The table machinery: columns, escaped cells, sorting, and options checked loudly.

Every value from data goes through ``format_html`` or ``escape``, so contributor
text never becomes live markup; ``render_table`` picks and sorts the columns a
page asks for and fails, with a did-you-mean, on a name it does not know. The
comparison tables themselves are defined in ``macros.tables``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from markupsafe import Markup, escape

from .errors import closest
from .models import (
    Entry,
    Release,
    Source,
)

E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class Column(Generic[E]):
    """One column: its key for macro options, its header, and how to fill a cell."""

    key: str
    header: str
    cell: Callable[[E], Markup]
    sort_value: Callable[[E], str]
    sort_attribute: bool = False
    """Write ``sort_value`` into the cell for the browser's sorter (when the
    visible text would sort wrongly, as with dates of mixed precision)."""
    facet: bool = False
    """Its values come from a fixed set (an enum field): the browser offers a
    filter with one checkbox per value (``data-facet`` on the header)."""
    long: bool = False
    """Long text (a summary, notes): hidden in the browser's compact view and
    shown when a reader opens a row's details (``data-long`` on the header)."""

    def header_html(self) -> Markup:
        """The column's header: its key and role for tables.js, then its words.

        Attributes in alphabetical order, as Python-Markdown writes them again
        inside a ``markdown="1"`` block (tests/macros/test_tableblocks.py).
        """
        return format_html(
            "<th{}{}{}{}>{}</th>",
            Markup(' data-facet="true"') if self.facet else "",
            Markup(' data-key="{}"').format(self.key),
            Markup(' data-long="true"') if self.long else "",
            Markup(' scope="col"'),
            self.header,
        )


def format_html(template: str, *values: object) -> Markup:
    """``template``, literal HTML with ``{}`` (or ``{0}``) slots, filled with ``values``, escaped.

    The same as ``Markup(template).format(*values)`` (``Markup`` values go in
    as they are, anything else is escaped) without its pure-Python formatter,
    which made tables of many rows slow. ``template`` is a literal from this
    code, never text from data.
    """
    escaped = [value if type(value) is Markup else escape(value) for value in values]
    return Markup(template.format(*escaped))  # noqa: S704 (every value is escaped)


ROW_HEADER = '<th scope="row">{}</th>'
ROW_HEADER_SORTED = '<th scope="row" data-sort="{}">{}</th>'
CELL = "<td>{}</td>"
CELL_SORTED = '<td data-sort="{}">{}</td>'


class TableOptionError(ValueError):
    """A macro was called with an option that does not exist."""


def render_table(
    entries: Sequence[E],
    columns: Sequence[Column[E]],
    *,
    dataset: str,
    caption: str,
    select: Sequence[str] | None = None,
    sort: str | None = None,
    source: str | None = None,
) -> Markup:
    """An accessible HTML table of ``entries``.

    ``select`` picks and orders columns by key (the first column always labels
    the row); ``sort`` is a column key, with a leading ``-`` for descending.
    ``source`` names the data file the rows come from (``dataset`` unless
    given): tables.js compares rows of every table on a page with the same
    source, so a framework's capabilities join its other fields.
    """
    by_key = {column.key: column for column in columns}
    chosen = list(columns) if select is None else [_pick(by_key, key) for key in select]
    if not chosen:
        raise TableOptionError("a table needs at least one column")
    rows = list(entries)
    if sort:
        descending = sort.startswith("-")
        sorter = _pick(by_key, sort.lstrip("-"))
        rows.sort(key=lambda entry: (sorter.sort_value(entry), entry.id), reverse=descending)

    head = Markup("").join(column.header_html() for column in chosen)
    # One template per row, put together from the cells' templates: a format per row, not per cell.
    row = ['<tr id="{}-{}">']
    for position, column in enumerate(chosen):
        if position == 0:
            row.append(ROW_HEADER_SORTED if column.sort_attribute else ROW_HEADER)
        else:
            row.append(CELL_SORTED if column.sort_attribute else CELL)
    row_template = "".join(row) + "</tr>"
    body_rows = []
    for entry in rows:
        values: list[object] = [dataset, entry.id]
        for column in chosen:
            if column.sort_attribute:
                values.append(column.sort_value(entry))
            values.append(column.cell(entry))
        body_rows.append(format_html(row_template, *values))
    return format_html(
        '<div class="atlas-table" data-dataset="{}" data-source="{}">\n'
        "<table>\n"
        "<caption>{}</caption>\n"
        "<thead><tr>{}</tr></thead>\n"
        "<tbody>\n{}\n</tbody>\n"
        "</table>\n"
        "</div>",
        dataset,
        source or dataset,
        caption,
        head,
        Markup("\n").join(body_rows),
    )


def _pick(by_key: dict[str, Column[E]], key: str) -> Column[E]:
    try:
        return by_key[key]
    except KeyError:
        close = closest(key, by_key)
        hint = f"did you mean '{close}'? " if close else ""
        raise TableOptionError(
            f"unknown column '{key}': {hint}columns are {', '.join(by_key)}"
        ) from None


def text_list(items: Sequence[str]) -> Markup:
    """A short list inside a cell: a real list for screen readers."""
    return format_html(
        '<ul class="atlas-cell-list">{}</ul>',
        Markup("").join(format_html("<li>{}</li>", item) for item in items),
    )


def source_links(entry: Entry, field: str) -> Markup:
    """Links to the sources that support ``field`` of ``entry``."""
    sources = [source for source in entry.sources if field in source.supports]
    return Markup("").join(_source_link(entry, source, n) for n, source in enumerate(sources, 1))


def _source_link(entry: Entry, source: Source, number: int) -> Markup:
    label = f"Source {number} for {entry.name}, accessed {source.accessed.isoformat()}"
    return format_html(
        ' <a class="atlas-source" href="{0}" title="{1}" aria-label="{1}"><sup>[{2}]</sup></a>',
        str(source.url),
        label,
        number,
    )


NOT_RECORDED = Markup(
    '<span aria-hidden="true">\u2014</span>'
    '<span class="atlas-sr-only">not given: no primary source states it</span>'
)
"""A cell whose fact no primary source gives: a dash, and words for screen readers.

The data file says, in a comment at the entry, why the field is left out."""


def release_cell(entry: Entry, release: Release | None, field: str = "first_release") -> Markup:
    if release is None:
        return NOT_RECORDED
    return format_html(
        '<time datetime="{0}">{0}</time><br><small>{1}</small>{2}',
        release.date,
        release.version,
        source_links(entry, field),
    )


def site_link(url: object, text: str) -> Markup:
    return format_html('<a href="{}">{}</a>', str(url), text)


def name_column() -> Column[Any]:
    return Column(
        "name",
        "Name",
        lambda e: site_link(e.website, e.name) if getattr(e, "website", None) else _text_of(e.name),
        lambda e: e.name.casefold(),
    )


def _text_of(value: str) -> Markup:
    return escape(value)


def text_column(key: str, header: str, *, long: bool = False) -> Column[Any]:
    return Column(
        key,
        header,
        lambda e: _text_of(getattr(e, key) or ""),
        lambda e: str(getattr(e, key) or "").casefold(),
        long=long,
    )


def list_column(
    key: str,
    header: str,
    labels: dict[str, str] | None = None,
    *,
    facet: bool | None = None,
    long: bool = False,
) -> Column[Any]:
    """A list field; a facet when its values are labeled (an enum) unless ``facet`` says;
    ``long`` for a list of sentences, shown in a row's details."""

    def items(e: Any) -> list[str]:
        return [labels.get(v, v) if labels else v for v in getattr(e, key)]

    return Column(
        key,
        header,
        lambda e: text_list(items(e)),
        lambda e: "; ".join(items(e)),
        facet=labels is not None if facet is None else facet,
        long=long,
    )


def label_column(key: str, header: str, labels: dict[str, str]) -> Column[Any]:
    order = list(labels)
    return Column(
        key,
        header,
        lambda e: _text_of(labels[getattr(e, key)]),
        lambda e: f"{order.index(getattr(e, key)):02d}",
        sort_attribute=True,
        facet=True,
    )


def release_column() -> Column[Any]:
    return Column(
        "first_release",
        "First release",
        lambda e: release_cell(e, e.first_release),
        lambda e: e.first_release.date if e.first_release else "9999",
        sort_attribute=True,
    )


def license_column() -> Column[Any]:
    return Column(
        "license",
        "License",
        lambda e: (
            format_html("{}{}", e.license.replace("LicenseRef-", ""), source_links(e, "license"))
            if e.license
            else NOT_RECORDED
        ),
        lambda e: (e.license or "").casefold(),
    )


def unknown_option(option: str, value: str, known: Iterable[str]) -> str:
    choices = sorted(known)
    close = closest(value, choices)
    hint = f"did you mean '{close}'? " if close else ""
    return f"unknown {option} '{value}': {hint}choose from {', '.join(choices)}"
