"""Page weight: a first visit to every page stays within 150 KB compressed and 15 requests.

The budget is measured on every page of the built site by scripts.weight; a browser check
proves its list of requests is the one Chromium really makes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitecheck import parse

from scripts.weight import (
    KINDS,
    MAX_COMPRESSED_BYTES,
    MAX_REQUESTS,
    SEARCH_INDEX,
    PageWeight,
    Resource,
    first_visit,
    main,
    page_kinds,
    site_pages,
    weigh,
)

TABLES_JS = "assets/javascripts/tables.js"


@pytest.mark.build
def test_one_page_of_each_kind_is_picked_from_the_site(built_site: Path) -> None:
    kinds = page_kinds(built_site)
    assert list(kinds) == list(KINDS)
    assert kinds["home page"] == "index.html"
    assert len(set(kinds.values())) == 4, kinds
    assert parse(built_site / kinds["largest table page"]).select_one("div.atlas-table")
    assert parse(built_site / kinds["heaviest diagram page"]).select_one("figure.atlas-diagram")


@pytest.mark.build
def test_every_page_holds_the_budget_diagram_pages_too(
    built_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Diagrams are inline SVG drawn at build time: no page loads a diagram library."""
    pages = site_pages(built_site)
    assert len(pages) > 40 and "404.html" in pages
    with_diagrams = 0
    for page in pages:
        weight = weigh(built_site, page)
        assert weight.problems() == []
        assert SEARCH_INDEX in [r.path for r in weight.resources]
        assert not any("mermaid" in r.path for r in weight.resources), page
        with_diagrams += parse(built_site / page).select_one("figure.atlas-diagram") is not None
    assert with_diagrams >= 19
    assert main([str(built_site)]) == 0
    listed = capsys.readouterr().out
    assert all(f"\n{page} " in listed for page in pages)
    assert f"{len(pages)} pages: " in listed


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


def _diagram(paths: int) -> str:
    drawn = "".join(f'<path d="M{n} 0L{n} 9"/>' for n in range(paths))
    return f'<figure class="atlas-diagram"><svg>{drawn}</svg></figure>'


def _write(site: Path, pages: dict[str, str]) -> None:
    """``pages`` and the files ``_page`` links, as a tiny built site."""
    assets = ("assets/site.css", "assets/icon.png", "assets/search.js", "assets/app.js")
    for name, html in {**dict.fromkeys(assets, "x"), SEARCH_INDEX: "{}", **pages}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(html, encoding="utf-8")


def test_pages_are_found_in_the_build_and_picked_by_their_content(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "index.html": _page("<p>Welcome</p>" + _diagram(1)),
            "essay/index.html": _page("<p>" + "word " * 500 + "</p>" + _table(2), ".."),
            # Fewer cells than "tables", more bytes: the bytes decide.
            "wide/index.html": _page("<p>Short.</p>" + _table(80).replace("x", "x" * 90), ".."),
            "tables/index.html": _page("<p>Short.</p>" + _table(300), ".."),
            "guide/deep/index.html": _page(_diagram(60) + _diagram(2), "../.."),
            "404.html": _page("<p>" + "lost " * 900 + "</p>" + _table(900), ""),
        },
    )
    assert site_pages(tmp_path) == [
        "404.html",
        "essay/index.html",
        "guide/deep/index.html",
        "index.html",
        "tables/index.html",
        "wide/index.html",
    ]
    assert page_kinds(tmp_path) == {
        "home page": "index.html",
        "largest table page": "wide/index.html",
        "heaviest diagram page": "guide/deep/index.html",
        "longest article": "essay/index.html",
    }
    assert first_visit(tmp_path, "essay/index.html") == [
        "essay/index.html",
        "assets/site.css",
        "assets/icon.png",
        "assets/search.js",
        SEARCH_INDEX,
        "assets/app.js",
    ]


def test_a_site_without_tables_or_diagrams_has_fewer_kinds(tmp_path: Path) -> None:
    _write(tmp_path, {"index.html": _page("<p>" + "word " * 9 + "</p>")})
    assert page_kinds(tmp_path) == {"home page": "index.html", "longest article": "index.html"}


def test_the_command_fails_naming_every_page_over_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Digests look random to gzip: the pages stay about as heavy compressed.
    noise = "".join(hashlib.sha256(bytes([n % 256, n // 256])).hexdigest() for n in range(5000))
    _write(
        tmp_path,
        {
            "index.html": _page("<p>Light.</p>"),
            "heavy/index.html": _page(f"<p>{noise}</p>", ".."),
            "heavier/index.html": _page(f"<p>{noise}{noise}</p>", ".."),
        },
    )
    assert main([str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "heavy/index.html: " in captured.err and "heavier/index.html: " in captured.err
    assert "index.html: " not in captured.err.replace("heavy/index.html: ", "").replace(
        "heavier/index.html: ", ""
    )
    assert "2 of 3 pages over the budget" in captured.err
    assert "3 pages: " in captured.out and "lightest / median / heaviest" in captured.out
    assert main([str(tmp_path / "nowhere")]) == 2


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_chromium_fetches_exactly_the_files_the_budget_counts(
    browser: object, site_url: str, built_site: Path, kind: str
) -> None:
    page = page_kinds(built_site)[kind]
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
