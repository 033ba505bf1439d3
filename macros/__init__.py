"""Backend Atlas macros: what MkDocs imports, and nothing else.

``define_env`` (mkdocs-macros' entry point) validates the data and registers
the table macros; the Markdown extensions (``macros.glossary``,
``macros.termlinks``, ``macros.tableblocks``) are declared in mkdocs.yml and
the theme hook (``macros/theme.py``) under ``hooks:``. Loading (``datasets``),
models (``models``) and rendering (``tables``) are plain functions that never
import MkDocs, so they are unit-tested without a build and would move unchanged
to another generator. The commands that make and CI run live in ``scripts/``.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import os
import sys
from pathlib import Path
from typing import Any

from markupsafe import Markup

__all__ = ["define_env"]

PACKAGE_DIR = Path(__file__).resolve().parent

# importlib.reload runs this file again in the same namespace: keep what the
# previous build saw, so a rebuild can tell whether anything changed.
_seen: dict[str, int] = globals().get("_seen", {})


def _sources() -> dict[str, int]:
    """Modification time of every Python file of the package, by module name."""
    return {
        (
            __name__ if path.stem == "__init__" else f"{__name__}.{path.stem}"
        ): path.stat().st_mtime_ns
        for path in sorted(PACKAGE_DIR.glob("*.py"))
    }


def _local_imports(module: str) -> set[str]:
    """The modules of this package that ``module``'s source imports."""
    path = PACKAGE_DIR / ("__init__.py" if module == __name__ else f"{module.split('.')[-1]}.py")
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [node.module] if node.module else [alias.name for alias in node.names]
            found.update(f"{__name__}.{name.split('.')[0]}" for name in names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(f"{__name__}."):
            found.add(f"{__name__}.{node.module.split('.')[1]}")  # type: ignore[union-attr]
    return found - {module}


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` but those under ``if TYPE_CHECKING:`` (not imported at run time)."""
    nodes: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))
    return nodes


def reload_order(modules: set[str]) -> list[str]:
    """``modules`` with each after the package modules it imports (the package last)."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order or name in path or name not in modules:
            return
        for dependency in sorted(_local_imports(name)):
            visit(dependency, (*path, name))
        order.append(name)

    for name in sorted(modules - {__name__}):
        visit(name, ())
    return [*order, __name__] if __name__ in modules else order


def reload_if_changed() -> bool:
    """Reload every loaded ``macros`` module when any file of the package changed.

    ``mkdocs serve`` keeps this package in ``sys.modules`` between rebuilds, so
    without this an edit under macros/ would not show until a restart. When a
    file changed, every loaded module of the package is reloaded, each after the
    modules it imports, so none keeps a stale import; the package itself comes
    last. The first build only records what it saw. True when it reloaded.
    """
    sources = _sources()
    changed = bool(_seen) and sources != _seen
    _seen.clear()
    _seen.update(sources)
    if not changed:
        return False
    loaded = {name for name in sources if name in sys.modules}
    for name in reload_order(loaded):
        importlib.reload(sys.modules[name])
    return True


def build_day() -> dt.date:
    """The day the site is built for: the last commit's (SOURCE_DATE_EPOCH), so a commit
    always builds the same bytes; today when the variable is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def define_env(env: Any) -> None:
    """Register the data macros with mkdocs-macros (its only entry point)."""
    if reload_if_changed():
        # This function may itself have been edited: run the new one.
        sys.modules[__name__].define_env_now(env)
        return
    define_env_now(env)


def define_env_now(env: Any) -> None:
    """Validate every data file, then register the macros (after any reload)."""
    from . import capabilities, datasets, facts, htmltable, reference, staleness, tables
    from .errors import BuildError, DataError

    project = Path(env.project_dir)
    data_dir = project / "data"

    try:
        datasets.load_all(data_dir, project)
    except DataError as exc:
        if annotations := exc.ci_annotations():
            print(annotations, flush=True)  # shown on the pull request's changed lines
        raise BuildError(exc.report()) from None

    def _load(dataset: datasets.Dataset[Any]) -> tuple[Any, ...]:
        return datasets.load_dataset(dataset, data_dir, project)

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

    @env.macro  # type: ignore[untyped-decorator]
    def framework_capabilities(
        language: str | None = None,
        columns: list[str] | None = None,
        sort: str | None = "name",
        caption: str | None = None,
    ) -> Markup:
        """What each web framework gives you, from the capabilities in data/frameworks.yml."""
        return capabilities.capabilities_table(
            _load(datasets.FRAMEWORKS),
            _load(datasets.LANGUAGES),
            language=language,
            columns=columns,
            sort=sort,
            caption=caption,
        )

    @env.macro  # type: ignore[untyped-decorator]
    def stack_chooser(needs: list[str] | None = None, **unknown: object) -> Markup:
        """The questions of the "choose a stack" page and every web framework with its facts."""
        from . import chooser

        chooser.check_options(unknown)
        return chooser.stack_chooser(
            _load(datasets.FRAMEWORKS),
            _load(datasets.LANGUAGES),
            _load(datasets.APP_SERVERS),
            _load(datasets.SERVERLESS),
            needs=needs,
        )

    @env.macro  # type: ignore[untyped-decorator]
    def capabilities_of(
        dataset: str,
        columns: list[str] | None = None,
        sort: str | None = "name",
        caption: str | None = None,
    ) -> Markup:
        """What each database or web server gives you: the capability matrix of ``dataset``."""
        if dataset not in datasets.DATASETS:
            raise htmltable.TableOptionError(
                htmltable.unknown_option("dataset", dataset, datasets.DATASETS)
            )
        return capabilities.dataset_capabilities(
            dataset,
            _load(datasets.DATASETS[dataset]),
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
    def review_dates() -> Markup:
        """Facts per dataset by when they were last checked, and the oldest ones (Data page)."""
        loaded = {name: _load(dataset) for name, dataset in datasets.DATASETS.items()}
        return staleness.review_summary(staleness.all_facts(loaded), build_day())

    @env.macro  # type: ignore[untyped-decorator]
    def field_reference(dataset: str) -> Markup:
        """The fields of one dataset, generated from its model."""
        return reference.field_reference(datasets.DATASETS[dataset])
