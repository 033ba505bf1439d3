"""Every page of the guide meets the house standards a reader relies on.

Front matter with a title and a short description, one H1, an outline without
skipped heading levels, navigation in the brief's topic order, and chapters
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
# Topic sections of the guide, in the content brief's order (topics 1 to 8 first).
TOPIC_ORDER = [
    "basics",
    "languages",
    "frameworks",
    "databases",
    "apis",
    "web-servers",
    "architecture",
    "career",
    "tools",
    "tasks",
    "production",
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


def nav_pages() -> list[str]:
    config = mkdocs_config()
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return found


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


def test_navigation_follows_the_topic_order() -> None:
    sections = []
    for entry in nav_pages():
        section = entry.split("/")[0]
        if section in TOPIC_ORDER and section not in sections:
            sections.append(section)
    assert sections == TOPIC_ORDER


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
