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

import typing
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from .htmltable import (
    Column,
    TableOptionError,
    format_html,
    label_column,
    license_column,
    list_column,
    name_column,
    release_cell,
    release_column,
    render_table,
    site_link,
    source_links,
    text_column,
    text_list,
    unknown_option,
)
from .labels import DATABASE_MODELS, FRAMEWORK_KINDS, SERVER_ROLES, TOOL_CATEGORIES, TYPINGS
from .models import Framework, Language
from .platforms import APP_SERVER_INTERFACES, BROKER_KINDS, SERVERLESS_KINDS
from .termlinks import anchor

LANGUAGE_TYPING_LABELS = TYPINGS

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
        long=True,
    ),
    Column(
        "concurrency",
        "Concurrency",
        lambda lang: escape(lang.concurrency),
        lambda lang: lang.concurrency.casefold(),
        long=True,
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
        lambda lang: lang.first_release.date if lang.first_release else "9999",
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


FRAMEWORK_COLUMNS: tuple[Column[Framework], ...] = (
    name_column(),
    label_column("kind", "Kind", FRAMEWORK_KINDS),
    text_column("summary", "What it is", long=True),
    release_column(),
    license_column(),
    Column(
        "repository",
        "Source",
        lambda fw: site_link(fw.repository, "repository") if fw.repository else Markup(""),
        lambda fw: str(fw.repository or ""),
    ),
)


def language_names(languages: Sequence[Language], wanted: str | None = None) -> dict[str, str]:
    """Language id -> name; fails with a did-you-mean when ``wanted`` is not one of them."""
    names = {lang.id: lang.name for lang in languages}
    if wanted is not None and wanted not in names:
        raise TableOptionError(unknown_option("language", wanted, names))
    return names


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
    names = language_names(languages, language)
    if kind is not None and kind not in FRAMEWORK_KINDS:
        raise TableOptionError(unknown_option("kind", kind, FRAMEWORK_KINDS))
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
        facet=True,
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


TABLES: dict[str, tuple[str, tuple[Column[Any], ...]]] = {
    "databases": (
        "Databases compared",
        (
            name_column(),
            label_column("model", "Data model", DATABASE_MODELS),
            text_column("query_language", "Query language"),
            text_column("summary", "What it is", long=True),
            list_column("typical_uses", "Typical uses", long=True),
            list_column("hosting", "How you run it", facet=True),
            release_column(),
            license_column(),
        ),
    ),
    "web-servers": (
        "Web servers and proxies compared",
        (
            name_column(),
            list_column("roles", "Roles", SERVER_ROLES),
            text_column("architecture", "How it handles connections", long=True),
            list_column("strengths", "Strengths", long=True),
            list_column("platforms", "Platforms"),
            release_column(),
            license_column(),
        ),
    ),
    "api-styles": (
        "API styles compared",
        (
            name_column(),
            text_column("transport", "Transport"),
            text_column("payload", "Payload"),
            text_column("contract", "Contract"),
            list_column("strengths", "Strengths"),
            list_column("weaknesses", "Weaknesses"),
            list_column("typical_uses", "Typical uses"),
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
            name_column(),
            text_column("deployment_unit", "What you deploy"),
            text_column("scaling", "How it scales"),
            list_column("strengths", "Strengths"),
            list_column("trade_offs", "Trade-offs"),
            text_column("good_fit", "Good fit when", long=True),
            list_column("examples", "Examples"),
        ),
    ),
    "tools": (
        "Everyday tools",
        (
            name_column(),
            label_column("category", "Category", TOOL_CATEGORIES),
            text_column("summary", "What it does", long=True),
            release_column(),
            license_column(),
        ),
    ),
    "app-servers": (
        "Application servers compared",
        (
            name_column(),
            list_column("interfaces", "Interfaces", APP_SERVER_INTERFACES),
            text_column("concurrency", "How it runs requests"),
            text_column("summary", "What it is", long=True),
            release_column(),
            license_column(),
        ),
    ),
    "message-brokers": (
        "Message brokers and queues compared",
        (
            name_column(),
            label_column("kind", "Kind", BROKER_KINDS),
            list_column("protocols", "Protocols"),
            text_column("delivery", "Delivery"),
            text_column("summary", "What it is", long=True),
            list_column("hosting", "How you run it", facet=True),
            release_column(),
            license_column(),
        ),
    ),
    "serverless-platforms": (
        "Serverless platforms compared",
        (
            name_column(),
            text_column("provider", "Provider"),
            label_column("kind", "Kind", SERVERLESS_KINDS),
            list_column("runtimes", "Runtimes"),
            text_column("max_duration", "Longest run"),
            text_column("summary", "What it is", long=True),
            release_column(),
            license_column(),
        ),
    ),
    "glossary": (
        "Glossary",
        (
            Column(
                "name",
                "Term",
                lambda e: format_html('<span id="{}">{}</span>', anchor(e.id), e.name),
                lambda e: e.name.casefold(),
            ),
            text_column("expansion", "Stands for"),
            text_column("definition", "Meaning"),
        ),
    ),
}


def _matches(value: object, wanted: str) -> bool:
    return wanted in value if isinstance(value, list) else value == wanted


def check_filter(dataset: str, entries: Sequence[Any], field: str, wanted: str) -> None:
    """Fail, with a did-you-mean, on a filter no entry could ever pass.

    The field must be one of the dataset's (from its model, so an empty file
    still checks), and the value one that the field allows or the data holds.
    """
    from .datasets import DATASETS

    model = DATASETS[dataset].model
    fields = [name for name in model.model_fields if name not in ("sources", "reviewed")]
    if field not in fields:
        raise TableOptionError(unknown_option(f"{dataset} field", field, fields))
    annotation = model.model_fields[field].annotation
    allowed = {str(arg) for arg in _literal_values(annotation)}
    for entry in entries:
        value = getattr(entry, field)
        allowed.update(map(str, value) if isinstance(value, list) else [str(value)])
    if wanted not in allowed:
        raise TableOptionError(unknown_option(f"{dataset} {field}", wanted, allowed))


def _literal_values(annotation: Any) -> list[Any]:
    """The values of every ``Literal`` inside ``annotation`` (``list[Literal[...]]`` too)."""
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return [value for arg in typing.get_args(annotation) for value in _literal_values(arg)]


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
        check_filter(dataset, entries, field, wanted)
        rows = [e for e in rows if _matches(getattr(e, field), wanted)]
    return render_table(
        rows,
        table_columns,
        dataset=dataset,
        caption=caption or default_caption,
        select=columns,
        sort=sort,
    )
