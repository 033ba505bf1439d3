"""Generated tables skip Markdown's HTML parser, and the page comes out the same."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from conftest import ROOT

from macros import datasets, reference, tables
from macros.tableblocks import BLOCK_CLOSE, BLOCK_OPEN, TableBlocks

EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]


def every_generated_table() -> list[str]:
    """Each table the macros make from the real data: datasets and field references."""
    languages = datasets.load_dataset(datasets.LANGUAGES, ROOT / "data", ROOT)
    frameworks = datasets.load_dataset(datasets.FRAMEWORKS, ROOT / "data", ROOT)
    found = [str(tables.languages_table(languages, frameworks))]
    found.append(str(tables.frameworks_table(frameworks, languages)))
    for name, dataset in datasets.DATASETS.items():
        if name not in ("languages", "frameworks"):
            entries = datasets.load_dataset(dataset, ROOT / "data", ROOT)
            found.append(str(tables.dataset_table(name, entries)))
        found.extend(str(reference.field_reference(dataset)).split("\n\n"))
    return found


def convert(text: str, fast: bool) -> str:
    extensions: list[object] = [*EXTENSIONS, TableBlocks()] if fast else list(EXTENSIONS)
    return markdown.Markdown(extensions=extensions).convert(text)  # type: ignore[arg-type]


TABLES = every_generated_table()


def test_every_generated_table_is_one_block_the_extension_recognises() -> None:
    assert len(TABLES) > 20
    for table in TABLES:
        lines = table.splitlines()
        assert lines[0].startswith(BLOCK_OPEN), lines[0]
        assert lines[-1] == BLOCK_CLOSE
        assert BLOCK_CLOSE not in lines[1:-1], "a closing line inside would cut the table short"


@pytest.mark.parametrize(
    "layout",
    [
        "# T\n\nSome *text*.\n\n{table}\n\nMore on API.\n\n*[API]: Application Programming Int.",
        "{table}",
        "Intro line\n{table}\nOutro line",
        "Before.\n\n{table}\n{table}\n\n- a list\n",
        "- item\n\n    {table}\n",
        "```html\n{table}\n```\n",
        "Text {table} inline.",
    ],
)
def test_pages_come_out_the_same_with_and_without_the_extension(layout: str) -> None:
    for table in (TABLES[0], TABLES[-1]):
        page = layout.replace("{table}", table)
        assert convert(page, fast=True) == convert(page, fast=False)


def test_inside_markdown_html_the_table_is_the_same_but_for_whitespace() -> None:
    page = f'<div markdown="1">\n\n{TABLES[0]}\n\n</div>'
    fast, slow = convert(page, fast=True), convert(page, fast=False)
    assert re.sub(r">\s+<", "><", fast) == re.sub(r">\s+<", "><", slow)


def test_a_block_without_its_closing_line_is_left_to_markdown() -> None:
    broken = "Text.\n\n" + TABLES[0].rsplit("\n", 1)[0] + "\n\nAfter."
    assert convert(broken, fast=True) == convert(broken, fast=False)


def test_table_rows_stay_visible_to_mkdocs_anchor_checks(tmp_path: Path) -> None:
    """A link to a row id that does not exist still fails the strict build."""
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "faq.md"
    good = "\n\nSee [PostgreSQL](databases/index.md#databases-postgresql).\n"
    page.write_text(page.read_text(encoding="utf-8") + good, encoding="utf-8")
    assert mkdocs_build(project, tmp_path / "ok").returncode == 0
    bad = good.replace("databases-postgresql", "databases-postgresqll")
    page.write_text(page.read_text(encoding="utf-8") + bad, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "bad")
    assert result.returncode != 0
    assert "databases-postgresqll" in result.stderr
