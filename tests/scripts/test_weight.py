"""Page weight: a first visit stays within 150 KB compressed and 15 requests.

The budget is measured on the built site by scripts.weight; a browser check
proves its list of requests is the one Chromium really makes.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitecheck import parse

from scripts.weight import (
    MAX_COMPRESSED_BYTES,
    MAX_REQUESTS,
    SEARCH_INDEX,
    PageWeight,
    Resource,
    budget_pages,
    first_visit,
    weigh,
)

TABLES_JS = "assets/javascripts/tables.js"


@pytest.mark.build
def test_the_named_pages_hold_the_budget(built_site: Path) -> None:
    named = budget_pages(built_site)
    assert named["home page"] == "index.html"
    assert len(set(named.values())) == 3, named
    assert parse(built_site / named["largest table page"]).select_one("div.atlas-table")
    for page in named.values():
        weight = weigh(built_site, page)
        assert weight.problems() == []
        assert SEARCH_INDEX in [r.path for r in weight.resources]


@pytest.mark.build
def test_every_page_holds_the_budget_diagram_pages_too(built_site: Path) -> None:
    """Diagrams are inline SVG drawn at build time: no page loads a diagram library."""
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) > 40
    with_diagrams = 0
    for page in pages:
        weight = weigh(built_site, page)
        assert weight.problems() == []
        assert not any("mermaid" in r.path for r in weight.resources), page
        with_diagrams += parse(built_site / page).select_one("figure.atlas-diagram") is not None
    assert with_diagrams >= 19


@pytest.mark.build
def test_the_table_script_loads_only_on_pages_with_a_data_table(built_site: Path) -> None:
    with_tables = 0
    for path in sorted(built_site.rglob("*.html")):
        page = path.relative_to(built_site).as_posix()
        has_table = parse(path).select_one("div.atlas-table") is not None
        assert (TABLES_JS in first_visit(built_site, page)) == has_table, page
        with_tables += has_table
    assert with_tables >= 8


def test_an_overweight_page_is_reported_with_its_heaviest_files() -> None:
    heavy = PageWeight(
        "big/index.html",
        (
            Resource("big/index.html", 20_000),
            Resource("assets/huge.js", MAX_COMPRESSED_BYTES),
            Resource(SEARCH_INDEX, 10**6),
            *(Resource(f"assets/{n}.css", 10) for n in range(MAX_REQUESTS)),
        ),
    )
    problems = heavy.problems()
    assert len(problems) == 2
    assert "big/index.html: 169.7 KB" in problems[0] and "assets/huge.js 150.0 KB" in problems[0]
    assert SEARCH_INDEX not in problems[0], "the search index has its own budget"
    assert f"{MAX_REQUESTS + 3} requests" in problems[1]


def _page(body: str, base: str = ".") -> str:
    config = f'{{"base": "{base}", "search": "{base}/assets/search.js"}}'
    return (
        f'<html><head><link rel="stylesheet" href="{base}/assets/site.css">'
        f'<link rel="icon" href="{base}/assets/icon.png">'
        '<link rel="stylesheet" href="https://elsewhere.example/x.css"></head>'
        f"<body><article>{body}</article>"
        f'<script id="__config" type="application/json">{config}</script>'
        f'<script defer src="{base}/assets/app.js"></script></body></html>'
    )


def _table(rows: int) -> str:
    cells = "".join(f"<tr><td>{n}</td><td>x</td></tr>" for n in range(rows))
    return f'<div class="atlas-table"><table>{cells}</table></div>'


def test_pages_are_picked_by_their_content_and_requests_read_from_the_html(
    tmp_path: Path,
) -> None:
    pages = {
        "index.html": _page("<p>Welcome</p>"),
        "essay/index.html": _page("<p>" + "word " * 500 + "</p>" + _table(2), ".."),
        "tables/index.html": _page("<p>Short.</p>" + _table(300), ".."),
        "404.html": _page("<p>" + "lost " * 900 + "</p>", ""),
    }
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    assert budget_pages(tmp_path) == {
        "home page": "index.html",
        "longest article": "essay/index.html",
        "largest table page": "tables/index.html",
    }
    assert first_visit(tmp_path, "essay/index.html") == [
        "essay/index.html",
        "assets/site.css",
        "assets/icon.png",
        "assets/search.js",
        SEARCH_INDEX,
        "assets/app.js",
    ]


@pytest.mark.browser
@pytest.mark.parametrize("role", ["home page", "longest article", "largest table page"])
def test_chromium_fetches_exactly_the_files_the_budget_counts(
    browser: object, site_url: str, built_site: Path, role: str
) -> None:
    page = budget_pages(built_site)[role]
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        fetched: list[str] = []
        tab.on("request", lambda request: fetched.append(request.url))
        with tab.expect_response(lambda response: SEARCH_INDEX in response.url):
            tab.goto(site_url + page.removesuffix("index.html"))
        tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    paths = [urlsplit(url).path.lstrip("/") for url in fetched]
    paths = [p + "index.html" if p.endswith("/") or not p else p for p in paths]
    assert sorted(paths) == sorted(first_visit(built_site, page))
