"""The offline edition in a real browser, opened from disk by file:// URLs.

Navigation, search, diagrams and table sorting must all work with no server
and no network, and the browser must request nothing outside the bundle.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def reader(browser: object, offline_bundle: Path) -> Iterator[tuple[object, list[str]]]:
    """A page, plus every URL it requests, recorded."""
    context = browser.new_context()  # type: ignore[attr-defined]
    requested: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    try:
        yield page, requested
    finally:
        context.close()


def url(bundle: Path, page: str) -> str:
    return (bundle / page).as_uri()


def test_navigation_works_from_disk(reader: tuple[object, list[str]], offline_bundle: Path) -> None:
    page, _ = reader
    page.goto(url(offline_bundle, "index.html"))  # type: ignore[attr-defined]
    page.locator("article a[href$='what-is-backend.html']").first.click()  # type: ignore[attr-defined]
    assert page.url.endswith("basics/what-is-backend.html")  # type: ignore[attr-defined]
    assert "back-end development" in page.locator("h1").inner_text().lower()  # type: ignore[attr-defined]


def test_search_finds_the_page_that_explains_a_term(
    reader: tuple[object, list[str]], offline_bundle: Path
) -> None:
    page, _ = reader
    page.goto(url(offline_bundle, "index.html"))  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    page.locator("input.md-search__input").press_sequentially("WSDL")  # type: ignore[attr-defined]
    results = page.locator(".md-search-result__item a")  # type: ignore[attr-defined]
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any("apis/soap-grpc-websockets.html" in h for h in hrefs), hrefs


def test_diagrams_and_table_sorting_work_from_disk(
    reader: tuple[object, list[str]], offline_bundle: Path
) -> None:
    page, _ = reader
    page.goto(url(offline_bundle, "basics/request-lifecycle.html"))  # type: ignore[attr-defined]
    # Drawn at build time: the SVG is in the page, with no script to wait for.
    heights = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "figure.atlas-diagram svg", "d => d.map(x => x.getBoundingClientRect().height)"
    )
    assert heights and min(heights) > 100
    assert page.evaluate("typeof window.mermaid") == "undefined"  # type: ignore[attr-defined]
    page.goto(url(offline_bundle, "languages/index.html"))  # type: ignore[attr-defined]
    header = page.locator(  # type: ignore[attr-defined]
        '.atlas-table[data-dataset="languages"] th', has_text="First release"
    ).first
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"


def test_nothing_is_requested_outside_the_bundle(
    reader: tuple[object, list[str]], offline_bundle: Path
) -> None:
    page, requested = reader
    for path in ("index.html", "basics/request-lifecycle.html", "languages/index.html"):
        page.goto(url(offline_bundle, path), wait_until="load")  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    page.locator("input.md-search__input").press_sequentially("cache")  # type: ignore[attr-defined]
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)  # type: ignore[attr-defined]
    root = offline_bundle.as_uri()
    outside = [
        u
        for u in requested
        if not (u.startswith(root) or u.startswith(("data:", "blob:", "about:")))
    ]
    assert requested and outside == []
