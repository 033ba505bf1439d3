"""Every page of the guide meets the house standards a reader relies on.

Front matter with a title and a short description, one H1, an outline without
skipped heading levels, navigation grouped in reader-facing tabs, and chapters
long enough to teach (600 to 1,500 words of prose on each main page, as a
reader reads it through: collapsed answers are not counted).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, mkdocs_config
from sitecheck import parse

DOCS = ROOT / "docs"
# The header's tabs, in order, and what each holds: folders of docs/ (every page
# in them) and single pages, in the order they appear under the tab. At most
# eight tabs fit the header at 1280 px (tests/site/test_reader_in_browser.py looks).
NAV_TABS: dict[str, list[str]] = {
    "Home": ["index.md"],
    "Foundations": ["basics", "learning-path.md", "projects", "faq.md"],
    "Building blocks": ["languages", "frameworks", "databases", "apis", "web-servers"],
    "Architecture": ["architecture", "industries.md"],
    "In production": ["production", "tasks"],
    "Career": ["career", "tools"],
    "Reference": ["glossary", "data", "contributing.md"],
}
MAX_TABS = 8
# Topic folders: the chapters held to the word counts below.
TOPIC_ORDER = [
    part
    for tab, parts in NAV_TABS.items()
    if tab != "Reference"
    for part in parts
    if not part.endswith(".md")
]
MIN_WORDS, MAX_WORDS = 600, 1500


def pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "examples" not in p.relative_to(DOCS).parts)


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.relative_to(ROOT)}: starts without front matter"
    meta = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(meta, dict)
    return meta


def pages_under(node: object) -> list[str]:
    """The pages of a nav entry, in order, however deeply it nests."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for item in node for page in pages_under(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in pages_under(value)]
    return []


def nav_tabs() -> dict[str, list[str]]:
    """Each top-level nav entry (a header tab) and the pages under it."""
    tabs: dict[str, list[str]] = {}
    for entry in mkdocs_config()["nav"]:
        assert isinstance(entry, dict) and len(entry) == 1, f"nav entry {entry!r}: give it a title"
        ((title, node),) = entry.items()
        tabs[title] = pages_under(node)
    return tabs


def nav_pages() -> list[str]:
    return [page for pages in nav_tabs().values() for page in pages]


def built(site: Path, page: Path) -> Path:
    relative = page.relative_to(DOCS).with_suffix("")
    folder = relative.parent if relative.name == "index" else relative
    return site / folder / "index.html"


def is_main_page(page: Path) -> bool:
    relative = page.relative_to(DOCS)
    return relative.parts[0] in TOPIC_ORDER and relative.name != "index.md"


def prose_words(soup: BeautifulSoup) -> int:
    """Words a reader reads: the article without code, diagrams, tables and generated fact lists.

    Collapsed blocks (a knowledge check's answers) are left out too: a reader
    reading the page through does not read them unless they open one.
    """
    article = soup.select_one("article")
    assert article is not None
    skipped = (
        "pre, table, .headerlink, .atlas-facts, .tabbed-labels, .atlas-diagram, details:not([open])"
    )
    for element in article.select(skipped):
        element.decompose()
    return len(article.get_text(" ").split())


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_front_matter_has_title_and_short_description(page: Path) -> None:
    meta = front_matter(page)
    assert isinstance(meta.get("title"), str) and meta["title"], "add a title"
    description = meta.get("description")
    assert isinstance(description, str) and description, "add a description"
    assert len(description) <= 160, f"description is {len(description)} characters (max 160)"
    assert "Draft" not in description and "being written" not in page.read_text()


def test_navigation_has_the_reader_facing_tabs() -> None:
    tabs = nav_tabs()
    assert len(tabs) <= MAX_TABS, f"{len(tabs)} tabs in mkdocs.yml nav: at most {MAX_TABS} fit"
    assert list(tabs) == list(NAV_TABS), "top-level nav titles differ from NAV_TABS"


@pytest.mark.parametrize("tab", list(NAV_TABS))
def test_each_tab_holds_its_folders_in_order(tab: str) -> None:
    """A page goes under the tab of its folder: docs/apis/new.md under "Building blocks"."""
    parts: list[str] = []
    for page in nav_tabs()[tab]:
        part = page.split("/")[0]
        if part not in parts:
            parts.append(part)
    assert parts == NAV_TABS[tab], (
        f"mkdocs.yml nav, tab {tab!r}: holds {parts}; expected {NAV_TABS[tab]} "
        "(put a new page under the tab of its folder, or update NAV_TABS here)"
    )


def test_every_page_is_in_the_navigation() -> None:
    listed = set(nav_pages())
    missing = [str(p.relative_to(DOCS)) for p in pages() if str(p.relative_to(DOCS)) not in listed]
    assert missing == []


@pytest.mark.build
@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_one_h1_and_no_skipped_heading_levels(built_site: Path, page: Path) -> None:
    article = parse(built(built_site, page)).select_one("article")
    assert article is not None
    levels = [int(h.name[1]) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels.count(1) == 1 and levels[0] == 1, f"headings {levels}: exactly one H1, first"
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert skips == [], f"heading levels skip: {skips}"


@pytest.mark.build
@pytest.mark.parametrize(
    "page", [p for p in pages() if is_main_page(p)], ids=lambda p: str(p.relative_to(DOCS))
)
def test_main_pages_are_chapter_length(built_site: Path, page: Path) -> None:
    words = prose_words(parse(built(built_site, page)))
    assert MIN_WORDS <= words <= MAX_WORDS, f"{words} words of prose"


@pytest.mark.build
def test_topics_have_enough_pages(built_site: Path) -> None:
    main = [p for p in pages() if is_main_page(p)]
    assert len(main) >= 12
    for section in TOPIC_ORDER:
        assert (DOCS / section / "index.md").is_file(), f"{section} needs an index page"
