"""Backend Atlas macros: the glue between MkDocs and the pure modules beside it.

``define_env`` only registers. Loading (``datasets``), models (``models``) and
rendering (``tables``) are plain functions that never import MkDocs, so they are
unit-tested without a build and would move unchanged to another generator.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from markupsafe import Markup

__all__ = ["define_env"]

_SUBMODULES = (
    "errors",
    "yamlfile",
    "models",
    "datasets",
    "schemas",
    "tables",
    "facts",
    "reference",
    "codeguard",
    "tableblocks",
    "termlinks",
)
_loaded_mtimes: dict[str, int] = {}


def _fresh_modules() -> None:
    """Reload the pure modules whose source changed since the last build.

    ``mkdocs serve`` keeps this package in ``sys.modules`` between rebuilds, so
    without this an edit to ``macros/*.py`` would not show until a restart.
    Modules are reloaded in dependency order, and everything after the first
    changed one is reloaded too, so no module keeps a stale import.
    """
    reload_rest = False
    for name in _SUBMODULES:
        module = sys.modules.get(f"{__name__}.{name}")
        if module is None or module.__file__ is None:
            continue
        changed = _loaded_mtimes.get(name) != Path(module.__file__).stat().st_mtime_ns
        if reload_rest or changed:
            importlib.reload(module)
            reload_rest = True
    _remember_mtimes()


def _remember_mtimes() -> None:
    for name in _SUBMODULES:
        module = sys.modules.get(f"{__name__}.{name}")
        if module is not None and module.__file__ is not None:
            _loaded_mtimes[name] = Path(module.__file__).stat().st_mtime_ns


def _abbreviations_from_glossary(env: Any, glossary: dict[str, str]) -> None:
    """Give the ``abbr`` extension the glossary's abbreviations, for tooltips on every page."""
    from markdown.extensions.abbr import AbbrExtension

    extensions = env.conf["markdown_extensions"]
    for index, extension in enumerate(extensions):
        if extension == "abbr" or isinstance(extension, AbbrExtension):
            extensions[index] = AbbrExtension(glossary=glossary)


def _add_markdown_extension(env: Any, extension: Any) -> None:
    """Add ``extension`` to the build's Markdown extensions, replacing an older copy."""
    extensions = env.conf["markdown_extensions"]
    kind = type(extension).__name__
    kept = [existing for existing in extensions if type(existing).__name__ != kind]
    extensions[:] = [*kept, extension]


def define_env(env: Any) -> None:
    """Register the data macros with mkdocs-macros (its only entry point)."""
    _fresh_modules()
    from mkdocs.exceptions import PluginError

    from . import codeguard, datasets, facts, reference, tables  # noqa: F401  (codeguard: reloads)
    from .errors import DataError
    from .tableblocks import TableBlocks
    from .termlinks import TermLinks

    _remember_mtimes()

    project = Path(env.project_dir)
    data_dir = project / "data"

    try:
        datasets.load_all(data_dir, project)
    except DataError as exc:
        if annotations := exc.ci_annotations():
            print(annotations, flush=True)  # shown on the pull request's changed lines
        raise PluginError(exc.report()) from None

    def _load(dataset: datasets.Dataset[Any]) -> tuple[Any, ...]:
        return datasets.load_dataset(dataset, data_dir, project)

    _abbreviations_from_glossary(env, reference.abbreviations(_load(datasets.GLOSSARY)))
    _add_markdown_extension(env, TableBlocks())
    terms = datasets.load_index(datasets.GLOSSARY, data_dir, project)
    _add_markdown_extension(env, TermLinks(terms, error=PluginError))

    @env.macro  # type: ignore[untyped-decorator]
    def languages(
        columns: list[str] | None = None,
        sort: str | None = "name",
        caption: str = "Server-side languages compared",
    ) -> Markup:
        """The languages comparison table, from data/languages.yml."""
        return tables.languages_table(
            _load(datasets.LANGUAGES),
            _load(datasets.FRAMEWORKS),
            columns=columns,
            sort=sort,
            caption=caption,
        )

    @env.macro  # type: ignore[untyped-decorator]
    def frameworks(
        language: str | None = None,
        kind: str | None = None,
        columns: list[str] | None = None,
        sort: str | None = "name",
        caption: str | None = None,
    ) -> Markup:
        """Frameworks from data/frameworks.yml, filtered by language or kind."""
        return tables.frameworks_table(
            _load(datasets.FRAMEWORKS),
            _load(datasets.LANGUAGES),
            language=language,
            kind=kind,
            columns=columns,
            sort=sort,
            caption=caption,
        )

    def _register_table(name: str) -> None:
        dataset = datasets.DATASETS[name]

        def table(
            columns: list[str] | None = None,
            sort: str | None = "name",
            caption: str | None = None,
            **where: str,
        ) -> Markup:
            return tables.dataset_table(
                name, _load(dataset), columns=columns, sort=sort, caption=caption, where=where
            )

        table.__doc__ = f"The {name} table, from data/{name}.yml."
        env.macro(table, name.replace("-", "_"))

    for name in tables.TABLES:
        _register_table(name)

    @env.macro  # type: ignore[untyped-decorator]
    def notable_users(language: str) -> Markup:
        """Organizations that run ``language``, each with publisher, date and link."""
        return facts.notable_users_list(facts.find_language(_load(datasets.LANGUAGES), language))

    @env.macro  # type: ignore[untyped-decorator]
    def web_share(language: str, history: bool = False) -> Markup:
        """The latest measured share of websites for ``language``, with its citation."""
        return facts.share_sentence(
            facts.find_language(_load(datasets.LANGUAGES), language), history=history
        )

    @env.macro  # type: ignore[untyped-decorator]
    def offline_editions() -> str:
        """The PDF and HTML bundle, linked when this build includes them (for the home page)."""
        releases = str(env.conf.get("repo_url") or "").rstrip("/") + "/releases"
        downloads = Path(env.conf["docs_dir"]) / "downloads"
        return reference.editions(downloads, "downloads", releases)

    @env.macro  # type: ignore[untyped-decorator]
    def data_catalog() -> str:
        """Markdown list of the datasets and their downloads (for the Data page)."""
        counts = {name: len(_load(dataset)) for name, dataset in datasets.DATASETS.items()}
        return reference.data_catalog(counts)

    @env.macro  # type: ignore[untyped-decorator]
    def field_reference(dataset: str) -> Markup:
        """The fields of one dataset, generated from its model."""
        return reference.field_reference(datasets.DATASETS[dataset])
