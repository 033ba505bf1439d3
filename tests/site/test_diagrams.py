"""Diagrams: drawn at build time as inline SVG with a name; no page loads or ships Mermaid."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import ROOT, copy_project, mkdocs_build
from sitecheck import html_pages, parse

from scripts.diagrams import find_fences

# Pages whose flows the guide promises as diagrams.
DIAGRAM_PAGES = (
    "basics/request-lifecycle",
    "web-servers/proxies-and-load-balancers",
    "architecture/monolith-and-microservices",
)

pytestmark = pytest.mark.build


def built_page(site: Path, source: str) -> Path:
    """The HTML file a page under docs/ becomes (use_directory_urls)."""
    path = Path(source).with_suffix("")
    return site / (path.parent if path.name == "index" else path) / "index.html"


def test_no_page_loads_or_ships_mermaid(built_site: Path) -> None:
    for page in html_pages(built_site):
        soup = parse(page)
        scripts = [str(s["src"]) for s in soup.find_all("script", src=True)]
        assert not [s for s in scripts if "mermaid" in s], f"{page} loads Mermaid"
        assert soup.select(".mermaid") == [], f"{page} has a diagram left for the browser"
    assert not [p for p in built_site.rglob("*") if "mermaid" in p.name.lower()]


def test_every_diagram_is_an_inline_svg_with_an_accessible_name(built_site: Path) -> None:
    fences = Counter(fence.page for fence in find_fences(ROOT / "docs"))
    assert sum(fences.values()) >= 19
    for source, count in fences.items():
        page = built_page(built_site, source)
        figures = parse(page).select("figure.atlas-diagram")
        assert len(figures) == count, f"{page}: {count} diagram(s) in docs/{source}"
        for figure in figures:
            svg = figure.find("svg")
            assert isinstance(svg, Tag) and svg.get("role") == "img", page
            assert svg.get("viewbox") and float(str(svg["width"])) > 0, (
                page
            )  # html.parser lowercases
            name = svg.find(id=str(svg.get("aria-labelledby")))
            assert isinstance(name, Tag) and name.name == "title", page
            assert len(name.get_text(strip=True)) > 10, f"{page}: name the diagram"


def test_ids_are_unique_on_every_page_with_a_diagram(built_site: Path) -> None:
    for source in {fence.page for fence in find_fences(ROOT / "docs")}:
        soup = parse(built_page(built_site, source))
        ids = Counter(str(tag["id"]) for tag in soup.find_all(id=True))
        assert [i for i, n in ids.items() if n > 1] == [], source


@pytest.mark.parametrize("page", DIAGRAM_PAGES)
def test_promised_diagrams_are_present(built_site: Path, page: str) -> None:
    soup = parse(built_site / page / "index.html")
    diagrams = soup.select("figure.atlas-diagram")
    assert diagrams, f"{page} should explain its flow with a diagram"
    for diagram in diagrams:
        following = diagram.find_next_sibling("p")
        assert following is not None and len(following.get_text(strip=True)) > 40, (
            f"{page}: follow each diagram with a sentence that says what it shows"
        )


def test_an_edited_diagram_stops_the_build_naming_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "basics" / "request-lifecycle.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("SELECT order 42", "SELECT order 43"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Error reading page 'basics/request-lifecycle.md'" in result.stderr
    assert "run make diagrams" in result.stderr
    assert "Traceback" not in result.stderr
