"""Diagrams: Mermaid is served from the site and loaded only where a page has a diagram."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import parse

MERMAID_SRC = "assets/vendor/mermaid/mermaid.min.js"
# Pages whose flows the guide promises as diagrams.
DIAGRAM_PAGES = (
    "basics/request-lifecycle",
    "web-servers/proxies-and-load-balancers",
    "architecture/monolith-and-microservices",
)


def _scripts(page: Path) -> list[str]:
    return [str(s.get("src", "")) for s in parse(page).find_all("script") if s.get("src")]


@pytest.mark.build
def test_mermaid_loads_before_the_theme_only_on_pages_with_a_diagram(built_site: Path) -> None:
    with_diagram, without = [], []
    for page in sorted(built_site.rglob("*.html")):
        soup = parse(page)
        has_diagram = soup.select_one("pre.mermaid") is not None
        scripts = _scripts(page)
        loads = [i for i, src in enumerate(scripts) if src.endswith(MERMAID_SRC)]
        if has_diagram:
            bundle = next(i for i, src in enumerate(scripts) if "/bundle." in src)
            assert loads and loads[0] < bundle, f"{page}: mermaid must load before the bundle"
            with_diagram.append(page)
        else:
            assert not loads, f"{page} has no diagram but loads Mermaid"
            without.append(page)
    assert with_diagram and without


@pytest.mark.build
@pytest.mark.parametrize("page", DIAGRAM_PAGES)
def test_promised_diagrams_are_present(built_site: Path, page: str) -> None:
    soup = parse(built_site / page / "index.html")
    diagrams = soup.select("pre.mermaid")
    assert diagrams, f"{page} should explain its flow with a diagram"
    for diagram in diagrams:
        following = diagram.find_next_sibling("p")
        assert following is not None and len(following.get_text(strip=True)) > 40, (
            f"{page}: follow each diagram with a sentence that says what it shows"
        )
