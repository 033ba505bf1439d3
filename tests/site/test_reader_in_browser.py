"""What a reader does in a real browser: sort and filter tables, with nothing fetched elsewhere.

Runs headless Debian Chromium through Playwright (`make test-browser`); `.ci/run`
installs the browser. Never `playwright install`: it downloads a browser.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitecheck import html_pages

pytestmark = pytest.mark.browser


def release_column(page: object) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined, no-any-return]
        '.atlas-table[data-dataset="languages"] tbody tr:not([hidden]) td[data-sort]',
        "cells => cells.map(c => c.dataset.sort)",
    )


def test_table_sorts_by_a_clicked_header_and_says_so(page: object, site_url: str) -> None:
    page.goto(site_url + "languages/")  # type: ignore[attr-defined]
    header = page.locator(  # type: ignore[attr-defined]
        '.atlas-table[data-dataset="languages"] th', has_text="First release"
    )
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    dates = release_column(page)
    assert dates == sorted(dates) and len(dates) == 8
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert release_column(page) == sorted(dates, reverse=True)


def test_sorting_works_from_the_keyboard(page: object, site_url: str) -> None:
    page.goto(site_url + "languages/")  # type: ignore[attr-defined]
    button = page.locator(  # type: ignore[attr-defined]
        '.atlas-table[data-dataset="languages"] th button', has_text="First release"
    )
    button.focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert release_column(page) == sorted(release_column(page))


def test_filter_box_hides_rows_that_do_not_match(page: object, site_url: str) -> None:
    page.goto(site_url + "frameworks/")  # type: ignore[attr-defined]
    box = page.get_by_label("Filter rows of: Frameworks and related projects")  # type: ignore[attr-defined]
    box.press_sequentially("tokio")
    visible = page.locator(  # type: ignore[attr-defined]
        '.atlas-table[data-dataset="frameworks"] tbody tr:not([hidden])'
    )
    assert visible.count() >= 1
    # The match may be in a column the compact view hides (the summary): read every cell.
    texts = visible.evaluate_all("rows => rows.map(row => row.textContent)")
    assert all("tokio" in text.lower() for text in texts)
    assert (
        "shown"
        in page.locator('.atlas-table[data-dataset="frameworks"] .atlas-table-status').inner_text()
    )  # type: ignore[attr-defined]
    box.fill("")
    box.press_sequentially(" ")
    assert visible.count() > 30


def test_no_page_requests_anything_outside_the_site(
    browser: object, site_url: str, built_site: Path
) -> None:
    """Every page, with every request intercepted: fonts, scripts, images, APIs all local."""
    own = urlsplit(site_url).netloc
    page_url = site_url
    seen: list[str] = []
    outside: list[str] = []

    def intercept(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        seen.append(url)
        if urlsplit(url).netloc in (own, ""):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(f"{page_url}: {url}")
            route.abort()  # type: ignore[attr-defined]

    context = browser.new_context()  # type: ignore[attr-defined]
    context.route("**/*", intercept)
    page = context.new_page()
    # Pages by address: "languages/" for languages/index.html, "404.html" as it is.
    pages = sorted(
        path.relative_to(built_site).as_posix().removesuffix("index.html")
        for path in html_pages(built_site)
    )
    try:
        for path in pages:
            page_url = site_url + path
            page.goto(page_url, wait_until="networkidle")
        # Search loads its worker and index on first use.
        page.keyboard.press("/")
        page.keyboard.type("cache")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    print(f"{len(pages)} pages, {len(seen)} requests, {len(outside)} outside the site")
    assert len(pages) >= 50
    assert outside == []


def test_code_tabs_switch_language(page: object, site_url: str) -> None:
    page.goto(site_url + "frameworks/first-endpoint/")  # type: ignore[attr-defined]
    page.locator(".tabbed-labels label", has_text="Go (Gin)").click()  # type: ignore[attr-defined]
    visible = page.locator(".tabbed-block:visible code")  # type: ignore[attr-defined]
    assert "gin.Default()" in visible.first.inner_text()
    page.locator(".tabbed-labels label", has_text="Rust (Axum)").click()  # type: ignore[attr-defined]
    assert "Router::new()" in visible.first.inner_text()


@pytest.mark.parametrize("width", [1280, 1920])
def test_every_header_tab_is_visible_on_a_laptop(
    browser: object, site_url: str, width: int
) -> None:
    """The tab bar shows every top-level section whole: none cut off at the right edge."""
    context = browser.new_context(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(site_url)
        tabs = page.eval_on_selector_all(
            ".md-tabs__item",
            """items => items.map(item => {
                const box = item.getBoundingClientRect();
                const bar = item.closest('.md-tabs__list').getBoundingClientRect();
                return {text: item.innerText.trim(), visible: item.checkVisibility(),
                        inside: box.left >= bar.left && box.right <= bar.right + 0.5
                                && box.right <= window.innerWidth};
            })""",
        )
    finally:
        context.close()
    assert len(tabs) >= 2, "no header tabs found (.md-tabs__item)"
    clipped = [tab["text"] for tab in tabs if not (tab["visible"] and tab["inside"])]
    assert clipped == [], f"at {width} px these tabs are hidden or cut off: {clipped}"


@pytest.mark.parametrize("path", ["production/data-protection/", "tasks/fast-queries/"])
def test_no_sidebar_link_is_covered_on_a_laptop(browser: object, site_url: str, path: str) -> None:
    """Material scrolls the left sidebar to the current page: no link may end up under another box.

    Its section title used to stick to the top of the sidebar and cover the links
    scrolled under it (atlas.css; Lighthouse's target-size). Links the sidebar's
    own scrolling box cuts off are out of view, not covered.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(site_url + path)
        covered = page.evaluate(
            """() => [...document.querySelectorAll('.md-sidebar--primary a.md-nav__link')]
              .filter(link => link.checkVisibility())
              .filter(link => {
                const box = link.getBoundingClientRect();
                const view = link.closest('.md-sidebar__scrollwrap').getBoundingClientRect();
                if (box.top < view.top || box.bottom > view.bottom) return false;
                const x = box.left + box.width / 2, y = box.top + box.height / 2;
                const hit = document.elementFromPoint(x, y);
                return !(hit && link.contains(hit));
              })
              .map(link => link.getAttribute('href'))"""
        )
        scrolled = page.evaluate(
            "document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTop"
        )
    finally:
        context.close()
    assert scrolled > 0, f"{path}: the sidebar did not scroll: nothing could slide under its title"
    assert covered == [], f"{path}: sidebar links covered by another element: {covered}"
