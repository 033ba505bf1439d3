"""Render comparison tables from validated entries, as HTML.

Pure functions: entries in, markup out, no MkDocs. Every value that comes from
a data file passes through ``markupsafe.escape`` (``format_html`` escapes what
it puts into its template, as ``Markup.format`` does), so a contributor's text
can never become live markup.

The output is a raw HTML block for Python-Markdown: it must start at the
beginning of a line with a blank line before and after it. To place a table
inside an indented block (a content tab, an admonition), indent it with Jinja's
``indent`` filter.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from markupsafe import Markup, escape

from .models import (
    DATABASE_MODELS,
    FRAMEWORK_KINDS,
    SERVER_ROLES,
    TOOL_CATEGORIES,
    Entry,
    Framework,
    Language,
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
) -> Markup:
    """An accessible HTML table of ``entries``.

    ``select`` picks and orders columns by key (the first column always labels
    the row); ``sort`` is a column key, with a leading ``-`` for descending.
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

    head = Markup("").join(
        format_html('<th scope="col">{}</th>', column.header) for column in chosen
    )
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
        '<div class="atlas-table" data-dataset="{}">\n'
        "<table>\n"
        "<caption>{}</caption>\n"
        "<thead><tr>{}</tr></thead>\n"
        "<tbody>\n{}\n</tbody>\n"
        "</table>\n"
        "</div>",
        dataset,
        caption,
        head,
        Markup("\n").join(body_rows),
    )


def _pick(by_key: dict[str, Column[E]], key: str) -> Column[E]:
    try:
        return by_key[key]
    except KeyError:
        close = difflib.get_close_matches(key, list(by_key), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
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


def release_cell(entry: Entry, release: Release | None, field: str = "first_release") -> Markup:
    if release is None:
        return Markup('<span class="atlas-unknown">not yet sourced</span>')
    return format_html(
        '<time datetime="{0}">{0}</time><br><small>{1}</small>{2}',
        release.date,
        release.version,
        source_links(entry, field),
    )


LANGUAGE_TYPING_LABELS = {"static": "Static", "dynamic": "Dynamic"}

LANGUAGE_COLUMNS: tuple[Column[Language], ...] = (
    Column(
        "name",
        "Language",
        lambda lang: (
            format_html("{}<br><small>{}</small>", lang.name, lang.runtime)
            if lang.runtime
            else escape(lang.name)
        ),
        lambda lang: lang.name.casefold(),
    ),
    Column(
        "uses",
        "Primary uses",
        lambda lang: text_list(lang.primary_uses),
        lambda lang: lang.primary_uses[0].casefold(),
    ),
    Column(
        "execution",
        "Execution and performance",
        lambda lang: format_html("{}<br><small>{}</small>", lang.execution, lang.performance),
        lambda lang: lang.execution.casefold(),
    ),
    Column(
        "concurrency",
        "Concurrency",
        lambda lang: escape(lang.concurrency),
        lambda lang: lang.concurrency.casefold(),
    ),
    Column(
        "typing",
        "Typing",
        lambda lang: format_html(
            "<strong>{}</strong><br><small>{}</small>",
            LANGUAGE_TYPING_LABELS[lang.typing],
            lang.typing_notes,
        ),
        lambda lang: lang.typing,
    ),
    Column(
        "first_release",
        "First release",
        lambda lang: release_cell(lang, lang.first_release),
        lambda lang: lang.first_release.date,
        sort_attribute=True,
    ),
)


WEB_FRAMEWORK_KINDS = ("full-stack-web-framework", "micro-web-framework")


def languages_table(
    languages: Sequence[Language],
    frameworks: Sequence[Framework] = (),
    *,
    columns: Sequence[str] | None = None,
    sort: str | None = "name",
    caption: str = "Server-side languages compared",
) -> Markup:
    """The languages table; its web-frameworks column comes from ``frameworks``."""
    by_language: dict[str, list[str]] = {}
    for framework in sorted(frameworks, key=lambda f: f.name.casefold()):
        if framework.kind in WEB_FRAMEWORK_KINDS:
            by_language.setdefault(framework.language, []).append(framework.name)
    frameworks_column: Column[Language] = Column(
        "frameworks",
        "Web frameworks",
        lambda lang: text_list(by_language.get(lang.id, [])),
        lambda lang: ", ".join(by_language.get(lang.id, [])).casefold(),
    )
    all_columns = (*LANGUAGE_COLUMNS[:4], frameworks_column, *LANGUAGE_COLUMNS[4:])
    if columns is None and not frameworks:
        all_columns = LANGUAGE_COLUMNS
    return render_table(
        languages,
        all_columns,
        dataset="languages",
        caption=caption,
        select=columns,
        sort=sort,
    )


def _link(url: object, text: str) -> Markup:
    return format_html('<a href="{}">{}</a>', str(url), text)


def _name_column() -> Column[Any]:
    return Column(
        "name",
        "Name",
        lambda e: _link(e.website, e.name) if getattr(e, "website", None) else _text_of(e.name),
        lambda e: e.name.casefold(),
    )


def _text_of(value: str) -> Markup:
    return escape(value)


def _text_column(key: str, header: str) -> Column[Any]:
    return Column(
        key,
        header,
        lambda e: _text_of(getattr(e, key) or ""),
        lambda e: str(getattr(e, key) or "").casefold(),
    )


def _list_column(key: str, header: str, labels: dict[str, str] | None = None) -> Column[Any]:
    def items(e: Any) -> list[str]:
        return [labels.get(v, v) if labels else v for v in getattr(e, key)]

    return Column(key, header, lambda e: text_list(items(e)), lambda e: "; ".join(items(e)))


def _label_column(key: str, header: str, labels: dict[str, str]) -> Column[Any]:
    order = list(labels)
    return Column(
        key,
        header,
        lambda e: _text_of(labels[getattr(e, key)]),
        lambda e: f"{order.index(getattr(e, key)):02d}",
        sort_attribute=True,
    )


def _release_column() -> Column[Any]:
    return Column(
        "first_release",
        "First release",
        lambda e: release_cell(e, e.first_release),
        lambda e: e.first_release.date if e.first_release else "9999",
        sort_attribute=True,
    )


def _license_column() -> Column[Any]:
    return Column(
        "license",
        "License",
        lambda e: format_html(
            "{}{}",
            (e.license or "not yet sourced").replace("LicenseRef-", ""),
            source_links(e, "license"),
        ),
        lambda e: (e.license or "").casefold(),
    )


FRAMEWORK_COLUMNS: tuple[Column[Framework], ...] = (
    _name_column(),
    _label_column("kind", "Kind", FRAMEWORK_KINDS),
    _text_column("summary", "What it is"),
    _release_column(),
    _license_column(),
    Column(
        "repository",
        "Source",
        lambda fw: _link(fw.repository, "repository") if fw.repository else Markup(""),
        lambda fw: str(fw.repository or ""),
    ),
)


def frameworks_table(
    frameworks: Sequence[Framework],
    languages: Sequence[Language],
    *,
    language: str | None = None,
    kind: str | None = None,
    columns: Sequence[str] | None = None,
    sort: str | None = "name",
    caption: str | None = None,
) -> Markup:
    """Frameworks, optionally only those of one ``language`` or one ``kind``."""
    names = {lang.id: lang.name for lang in languages}
    if language is not None and language not in names:
        raise TableOptionError(_unknown("language", language, names))
    if kind is not None and kind not in FRAMEWORK_KINDS:
        raise TableOptionError(_unknown("kind", kind, FRAMEWORK_KINDS))
    rows = [
        fw
        for fw in frameworks
        if (language is None or fw.language == language) and (kind is None or fw.kind == kind)
    ]
    language_column = Column[Framework](
        "language",
        "Language",
        lambda fw: escape(names[fw.language]),
        lambda fw: names[fw.language].casefold(),
    )
    all_columns = (FRAMEWORK_COLUMNS[0], language_column, *FRAMEWORK_COLUMNS[1:])
    if columns is None and language is not None:
        columns = [c.key for c in all_columns if c.key != "language"]
    if caption is None:
        caption = "Frameworks and related projects"
        if language is not None:
            caption = f"{names[language]} frameworks and related projects"
    return render_table(
        rows, all_columns, dataset="frameworks", caption=caption, select=columns, sort=sort
    )


def _unknown(option: str, value: str, known: Iterable[str]) -> str:
    choices = sorted(known)
    close = difflib.get_close_matches(value, choices, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown {option} '{value}': {hint}choose from {', '.join(choices)}"


TABLES: dict[str, tuple[str, tuple[Column[Any], ...]]] = {
    "databases": (
        "Databases compared",
        (
            _name_column(),
            _label_column("model", "Data model", DATABASE_MODELS),
            _text_column("query_language", "Query language"),
            _text_column("summary", "What it is"),
            _list_column("typical_uses", "Typical uses"),
            _list_column("hosting", "How you run it"),
            _release_column(),
            _license_column(),
        ),
    ),
    "web-servers": (
        "Web servers and proxies compared",
        (
            _name_column(),
            _list_column("roles", "Roles", SERVER_ROLES),
            _text_column("architecture", "How it handles connections"),
            _list_column("strengths", "Strengths"),
            _list_column("platforms", "Platforms"),
            _release_column(),
            _license_column(),
        ),
    ),
    "api-styles": (
        "API styles compared",
        (
            _name_column(),
            _text_column("transport", "Transport"),
            _text_column("payload", "Payload"),
            _text_column("contract", "Contract"),
            _list_column("strengths", "Strengths"),
            _list_column("weaknesses", "Weaknesses"),
            _list_column("typical_uses", "Typical uses"),
            Column(
                "origin",
                "Origin",
                lambda e: format_html("{}{}", e.origin or "", source_links(e, "origin")),
                lambda e: (e.origin or "").casefold(),
            ),
        ),
    ),
    "architectures": (
        "Architectures compared",
        (
            _name_column(),
            _text_column("deployment_unit", "What you deploy"),
            _text_column("scaling", "How it scales"),
            _list_column("strengths", "Strengths"),
            _list_column("trade_offs", "Trade-offs"),
            _text_column("good_fit", "Good fit when"),
            _list_column("examples", "Examples"),
        ),
    ),
    "tools": (
        "Everyday tools",
        (
            _name_column(),
            _label_column("category", "Category", TOOL_CATEGORIES),
            _text_column("summary", "What it does"),
            _release_column(),
            _license_column(),
        ),
    ),
    "glossary": (
        "Glossary",
        (
            Column(
                "name",
                "Term",
                lambda e: format_html('<span id="term-{}">{}</span>', e.id, e.name),
                lambda e: e.name.casefold(),
            ),
            _text_column("expansion", "Stands for"),
            _text_column("definition", "Meaning"),
        ),
    ),
}


def dataset_table(
    dataset: str,
    entries: Sequence[Any],
    *,
    columns: Sequence[str] | None = None,
    sort: str | None = "name",
    caption: str | None = None,
    where: dict[str, str] | None = None,
) -> Markup:
    """The table of any dataset listed in ``TABLES``; ``where`` keeps entries whose
    field equals (or, for list fields, contains) the given value."""
    default_caption, table_columns = TABLES[dataset]
    rows = list(entries)
    for field, wanted in (where or {}).items():
        if rows and not hasattr(rows[0], field):
            raise TableOptionError(f"{dataset} has no field '{field}' to filter on")
        rows = [
            e
            for e in rows
            if (
                wanted in value if isinstance(value := getattr(e, field), list) else value == wanted
            )
        ]
    return render_table(
        rows,
        table_columns,
        dataset=dataset,
        caption=caption or default_caption,
        select=columns,
        sort=sort,
    )
