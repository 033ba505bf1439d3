"""The pull-request preview's summary: which pages a change affects, and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, MacrosEnv

from scripts.preview import affected_pages, site_pages, summary


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    pages = {
        "index.md": "---\ntitle: Home\nrender_macros: true\n---\n# Home\n{{ languages() }}\n",
        "frameworks/index.md": "---\ntitle: Frameworks\nrender_macros: true\n---\n"
        "# F\n{{ frameworks() }}\n",
        "apis/rest.md": '---\ntitle: REST\n---\n# REST\n--8<-- "first-endpoint/go/main.go"\n',
        "notes.md": "---\ntitle: Notes\n---\n# Notes\nWriting {{ tools() }} without "
        "render_macros is only text.\n",
    }
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "ignored.md").write_text("# not a page\n", encoding="utf-8")
    return tmp_path


def test_a_data_file_affects_the_pages_showing_it_and_those_referencing_it(docs: Path) -> None:
    everything, reasons = affected_pages(["data/languages.yml"], site_pages(docs))
    # Frameworks name their language, so the frameworks table changes too.
    assert not everything
    assert set(reasons) == {"index.md", "frameworks/index.md"}
    _, reasons = affected_pages(["data/frameworks.yml"], site_pages(docs))
    assert set(reasons) == {"frameworks/index.md"}


def test_an_example_affects_the_pages_that_include_it(docs: Path) -> None:
    _, reasons = affected_pages(["docs/examples/first-endpoint/go/main.go"], site_pages(docs))
    assert reasons == {"apis/rest.md": ["includes `first-endpoint/go/main.go`"]}


def test_glossary_links_make_a_page_use_the_glossary_without_macros(docs: Path) -> None:
    (docs / "apis" / "rest.md").write_text(
        "---\ntitle: REST\n---\n# REST\nA [stateless](term:stateless) API.\n", encoding="utf-8"
    )
    pages = {page.source: page for page in site_pages(docs)}
    assert "glossary" in pages["apis/rest.md"].datasets
    assert "glossary" not in pages["notes.md"].datasets


def test_macro_calls_count_only_on_pages_that_render_them(docs: Path) -> None:
    _, reasons = affected_pages(["data/tools.yml"], site_pages(docs))
    assert reasons == {}


@pytest.mark.parametrize(
    "changed", ["macros/tables.py", "mkdocs.yml", "docs/.overrides/main.html", "data/glossary.yml"]
)
def test_theme_macros_config_and_glossary_affect_every_page(docs: Path, changed: str) -> None:
    everything, _ = affected_pages([changed], site_pages(docs))
    assert everything
    assert "**every page** (4)" in summary([changed], site_pages(docs))


def test_the_summary_is_a_table_of_pages_with_their_preview_file(docs: Path) -> None:
    text = summary(["docs/apis/rest.md", "data/languages.yml"], site_pages(docs))
    assert "| Home | `index.html` | shows data from `data/languages.yml` |" in text
    assert "| REST | `apis/rest/index.html` | page edited |" in text
    assert "site-preview" in text


def test_tooling_only_changes_say_no_page_changes(docs: Path) -> None:
    assert "No page of the site changes" in summary(["tests/test_x.py"], site_pages(docs))


def test_every_real_page_is_known_with_its_title() -> None:
    pages = site_pages(ROOT / "docs")
    assert len(pages) >= 49
    assert all(page.title != page.source for page in pages)
    _, reasons = affected_pages(["data/databases.yml"], pages)
    assert "databases/index.md" in reasons


def test_the_preview_knows_what_every_registered_macro_reads() -> None:
    """MACRO_DATASETS is checked against the macros define_env really registers."""
    import macros
    from scripts.preview import MACRO_DATASETS

    env = MacrosEnv()
    macros.define_env(env)
    reads_no_data = {"offline_editions", "field_reference"}
    assert set(MACRO_DATASETS) == set(env.macros) - reads_no_data
