"""What MkDocs imports is declared where every engine sees it, and reloads when edited."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import ROOT, MacrosEnv

import macros
from macros.tableblocks import TableBlocks
from macros.termlinks import TermLinks

EXTENSIONS = ("macros.glossary", "macros.tableblocks", "macros.termlinks")


class _Tagless(yaml.SafeLoader):
    """mkdocs.yml's !ENV and !!python/name tags, read as plain values."""


_Tagless.add_multi_constructor("", lambda loader, suffix, node: None)


def declared_extensions(config: str = "mkdocs.yml") -> list[str]:
    data = yaml.load((ROOT / config).read_text(encoding="utf-8"), Loader=_Tagless)  # noqa: S506
    return [
        next(iter(item)) if isinstance(item, dict) else item for item in data["markdown_extensions"]
    ]


def test_mkdocs_yml_declares_the_extensions_the_pages_need() -> None:
    declared = declared_extensions()
    for name in EXTENSIONS:
        assert name in declared, f"mkdocs.yml does not declare {name}"
    assert "abbr" not in declared, "macros.glossary is abbr with the glossary: declare it once"


def test_the_declared_extensions_load_by_name_as_any_engine_loads_them() -> None:
    md = markdown.Markdown(extensions=list(EXTENSIONS))
    html = md.convert("An [](term:idempotency) API.")
    assert 'href="/glossary/index.md#term-idempotency"' in html
    assert '<abbr title="Application Programming Interface">API</abbr>' in html
    assert "atlas_table_blocks" in md.preprocessors
    assert isinstance(TableBlocks(), markdown.Extension)
    assert isinstance(importlib.import_module("macros.termlinks").makeExtension(), TermLinks)


def test_an_unknown_term_fails_with_the_closest_id() -> None:
    md = markdown.Markdown(extensions=["macros.termlinks"])
    with pytest.raises(Exception, match=r"'term:idempotncy' is not a term .*'term:idempotency'"):
        md.convert("[x](term:idempotncy)")


def test_define_env_leaves_the_markdown_extensions_to_mkdocs_yml() -> None:
    env = MacrosEnv(markdown_extensions=["tables"])
    macros.define_env(env)
    assert env.conf["markdown_extensions"] == ["tables"]
    assert {"languages", "frameworks", "tools", "glossary", "field_reference"} <= set(env.macros)


def test_every_module_is_reloaded_after_the_modules_it_imports() -> None:
    names = {name for name in macros._sources() if name in sys.modules}
    order = macros.reload_order(names)
    assert order[-1] == "macros", "the package (define_env) is reloaded last"
    assert sorted(order) == sorted(names), "every loaded module of the package is reloaded"
    for name in order:
        for dependency in macros._local_imports(name):
            if dependency in names:
                assert order.index(dependency) < order.index(name), f"{dependency} before {name}"


def test_no_module_of_macros_is_a_command() -> None:
    """macros/ is what MkDocs imports; commands belong in scripts/."""
    for path in sorted(Path(macros.__file__).parent.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "__main__" not in text, f"{path.name} has a command-line entry point"


def test_no_module_is_over_400_lines() -> None:
    for folder in ("macros", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            assert lines <= 400, f"{path.relative_to(ROOT)} has {lines} lines: split it"
