"""The site as a reader gets it: a strict build, no leftover macros, no broken links."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_project, mkdocs_build, mkdocs_config
from sitecheck import (
    broken_internal_links,
    images_without_alt,
    leftover_macros,
    outside_references,
    parse,
)

from macros.datasets import LANGUAGES, load_dataset

pytestmark = pytest.mark.build


def test_strict_build_produces_the_pages_in_the_nav(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "languages" / "index.html").is_file()
    assert (built_site / "search" / "search_index.json").is_file()


def test_languages_page_shows_every_language_from_the_data(built_site: Path) -> None:
    soup = parse(built_site / "languages" / "index.html")
    table = soup.select_one('div.atlas-table[data-dataset="languages"] table')
    assert table is not None, "the languages table is missing from the page"
    rows = table.select("tbody tr")
    languages = load_dataset(LANGUAGES, ROOT / "data", ROOT)
    assert [row["id"] for row in rows] == [
        f"languages-{lang.id}" for lang in sorted(languages, key=lambda x: x.name.casefold())
    ]
    for row, lang in zip(rows, sorted(languages, key=lambda x: x.name.casefold()), strict=True):
        header = row.find("th")
        assert header is not None
        assert lang.name in header.get_text()
        if lang.first_release is None:
            continue  # a dash, and the data file says why
        assert row.find("time", attrs={"datetime": lang.first_release.date}) is not None
        links = [a["href"] for a in row.select("a.atlas-source")]
        assert links, f"{lang.id}: no source link on the first release"


def test_no_unrendered_macro_syntax_outside_code(built_site: Path) -> None:
    assert leftover_macros(built_site) == []


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken = broken_internal_links(built_site)
    assert not broken, "broken links:\n" + "\n".join(map(str, broken))


def test_pages_fetch_nothing_from_other_hosts(built_site: Path) -> None:
    """Fonts, scripts and styles come from the site itself."""
    assert outside_references(built_site) == []


def fenced_blocks(markdown: str) -> list[str]:
    """The bodies of the fenced code blocks of ``markdown``, in order, dedented."""
    blocks = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        match = re.match(r"^(\s*)(`{3,}|~{3,})", lines[i])
        if match:
            indent, fence = match.groups()
            body = []
            i += 1
            while not lines[i].strip().startswith(fence):
                body.append(lines[i][len(indent) :])
                i += 1
            blocks.append("\n".join(body))
        i += 1
    return blocks


def test_code_blocks_on_macro_pages_reach_readers_byte_for_byte(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page_source = (FIXTURES / "pages" / "code-braces.md").read_text(encoding="utf-8")
    (project / "docs" / "fixtures").mkdir()
    (project / "docs" / "fixtures" / "code-braces.md").write_text(page_source, encoding="utf-8")
    (project / "mkdocs-fixture.yml").write_text(
        "INHERIT: mkdocs.yml\nnot_in_nav: |\n  /fixtures/\n", encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site", config="mkdocs-fixture.yml")
    assert result.returncode == 0, result.stderr

    soup = parse(tmp_path / "site" / "fixtures" / "code-braces" / "index.html")
    assert soup.select_one('div.atlas-table[data-dataset="languages"]'), "macros did not run"
    rendered_blocks = [code.get_text().rstrip("\n") for code in soup.select("pre > code")]
    assert rendered_blocks == fenced_blocks(page_source)
    inline = [code.get_text() for code in soup.select("p > code")]
    assert inline == ["{{ x }}", "{# c #}", "{% for i in x %}"]


def test_broken_data_fails_the_build_naming_file_entry_and_field(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "languages.yml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("typing: static", "typing: staticc", 1)
    data.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if "typing: staticc" in x)) + 1
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"data/languages.yml:{line}: languages[" in result.stderr
    assert "].typing: 'staticc' is not one of: static, dynamic (did you mean 'static'?)" in (
        result.stderr
    )
    assert not (tmp_path / "site" / "languages" / "index.html").exists()


def test_in_github_actions_data_problems_become_error_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "languages.yml"
    text = data.read_text(encoding="utf-8").replace("typing: static", "typing: staticc", 1)
    data.write_text(text, encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "typing: staticc" in x)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    annotation = f"::error file=data/languages.yml,line={line},title=languages["
    assert annotation in result.stdout
    assert "].typing::'staticc' is not one of: static, dynamic" in result.stdout


def test_glossary_links_carry_the_definition_as_tooltip(built_site: Path) -> None:
    soup = parse(built_site / "languages" / "index.html")
    link = soup.select_one('a[href="../glossary/#term-jit"]')
    assert link is not None and "machine code" in str(link.get("title"))
    assert (built_site / "glossary" / "index.html").read_text().count('id="term-jit"') == 1


def test_abbreviations_show_their_expansion_from_the_glossary(built_site: Path) -> None:
    from macros.datasets import GLOSSARY

    expansions = {t.name: t.expansion for t in load_dataset(GLOSSARY, ROOT / "data", ROOT)}
    seen = 0
    for page in ("basics/http", "apis/rest", "databases/relational"):
        for abbr in parse(built_site / page / "index.html").select("article abbr"):
            assert abbr.get("title") == expansions[abbr.get_text()], abbr
            seen += 1
    assert seen > 10


def test_pages_show_when_they_were_last_updated(built_site: Path) -> None:
    """In a clone, each page gives the date of its last commit (a copy builds without)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git clone: this build has no history to date pages from")
    date = parse(built_site / "basics" / "http" / "index.html").select_one(
        ".md-source-file .git-revision-date-localized-plugin"
    )
    assert date is not None and re.fullmatch(r"\w+ \d{1,2}, \d{4}", date.get_text(strip=True))


def test_every_image_has_alt_text(built_site: Path) -> None:
    assert images_without_alt(built_site) == []


def test_search_indexes_the_pages_and_nothing_else(built_site: Path) -> None:
    """Data exports and print pages are files to download, not pages to search: the index stays small."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {doc["location"].split("#", 1)[0] for doc in index["docs"]}
    pages = {
        p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.rglob("index.html")
        if p.parent != built_site
    } | {""}
    assert indexed == pages
    assert not [p for p in indexed if p.startswith(("downloads/", "print"))]
    assert (built_site / "downloads" / "data" / "index.json").is_file()
    # Only pages and assets are published: no theme template files.
    assert not list(built_site.rglob("*.tpl"))


def test_the_pdf_build_makes_no_search_index() -> None:
    """The book has no search box; the print page would make an index nobody loads."""
    plugins = mkdocs_config("mkdocs-pdf.yml")["plugins"]
    names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    assert "search" not in names and "print-site" in names


@pytest.mark.build
def test_no_cell_reads_as_unfinished(built_site: Path) -> None:
    """A fact no primary source gives shows a dash (and words for screen readers), never a to-do."""
    tables = re.compile(r'<div class="atlas-table".*?</table>', re.DOTALL)
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "not yet sourced" not in text, f"{page.relative_to(built_site)}"
        for table in tables.findall(text):
            checked += 1
            for phrase in ("TODO", "unknown", "not yet"):
                assert phrase not in table, (
                    f"{page.relative_to(built_site)}: a cell says {phrase!r}"
                )
    assert checked > 20, "the generated tables were not found"
