"""Accessibility gate: axe-core finds nothing on any page, light or dark, and the keyboard works.

axe-core (npm, installed by `make node`) runs in headless Chromium on every page
of the built site with the WCAG 2.0/2.1 level A and AA rules, once in each color
scheme and at three widths (a phone at 390 px, a laptop at 1280, a desktop at 1920:
the layout, the header tabs and scrolling regions change with the width).
Material follows the reader's `prefers-color-scheme`, so a browser context per
scheme shows every page as a reader with that setting sees it. Any violation
fails the test with its page, scheme, rule and the elements to fix. Fix a
violation at its cause: CSS in docs/assets/stylesheets/atlas.css, Material's
markup in docs/.overrides/, a table's in macros/tables.py or tables.js. Never
by turning a rule off.

The keyboard tests walk the pages with Tab, Enter and Material's search shortcut.
The browser tests are marked `browser` (`make test-browser`); the check that the
copy of Material's search partial still matches Material's own runs in `make test`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from sitecheck import html_pages

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# Playwright's color_scheme, and the scheme Material's palette then puts on <body>.
SCHEMES = {"light": "default", "dark": "slate"}
# Reader's screens: Material's layout changes at 76.25em (tabs) and 60em (sidebars).
VIEWPORTS = {"390": (390, 844), "1280": (1280, 800), "1920": (1920, 1080)}
# Selectors listed per rule and page; the count of the others follows.
SHOWN_TARGETS = 8

DRAWN = "document.documentElement.hasAttribute('data-atlas-drawn')"
"""True once every block skipped while the page loaded is drawn (docs/.overrides/main.html)."""

AXE_RUN = """options => axe.run(document, options).then(result => result.violations.map(v => ({
  rule: v.id,
  help: v.help,
  targets: v.nodes.map(node => node.target.join(" ")),
  summary: v.nodes[0].failureSummary,
})))"""


@dataclass(frozen=True)
class Violation:
    page: str
    scheme: str
    rule: str
    help: str
    targets: tuple[str, ...]
    summary: str

    def __str__(self) -> str:
        shown = list(self.targets[:SHOWN_TARGETS])
        if len(self.targets) > SHOWN_TARGETS:
            shown.append(f"and {len(self.targets) - SHOWN_TARGETS} more")
        summary = " ".join(self.summary.split())
        return (
            f"{self.page} ({self.scheme}) {self.rule}: {self.help}\n"
            f"    elements: {'; '.join(shown)}\n"
            f"    first: {summary}"
        )


def page_paths(site: Path) -> list[str]:
    """Every HTML page of ``site`` as a path under the site's root URL (404.html included)."""
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in html_pages(site)]


def scheme_context(browser: object, scheme: str, width: str = "1280") -> Any:
    """A context in which every page shows in ``scheme`` at ``width``, with axe-core loaded."""
    assert AXE_JS.is_file(), f"{AXE_JS.relative_to(ROOT)} is missing: run `make node`"
    x, y = VIEWPORTS[width]
    context = browser.new_context(  # type: ignore[attr-defined]
        color_scheme=scheme, viewport={"width": x, "height": y}
    )
    # Loaded on each page before its own scripts; faster than add_script_tag per page.
    context.add_init_script(path=AXE_JS)
    return context


def run_axe(page: Any, name: str, scheme: str) -> list[Violation]:
    """What axe-core finds wrong on ``page`` as it is now, reported as ``name``."""
    return [
        Violation(page=name, scheme=scheme, targets=tuple(v.pop("targets")), **v)
        for v in page.evaluate(AXE_RUN, AXE_OPTIONS)
    ]


def audit(page: Any, url: str, name: str, scheme: str) -> tuple[str | None, list[Violation]]:
    """The color scheme ``page`` shows at ``url``, and what axe-core finds wrong there."""
    page.goto(url)
    page.wait_for_function(DRAWN)
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    return shown, run_axe(page, name, scheme)


def report(violations: Sequence[Violation], pages: int, scheme: str) -> str:
    rules = {v.rule for v in violations}
    on_pages = {v.page for v in violations}
    lines = [
        f"axe-core: {sum(len(v.targets) for v in violations)} elements fail"
        f" {len(rules)} rules ({', '.join(sorted(rules))}) on {len(on_pages)} of {pages}"
        f" pages in the {scheme} scheme",
        *map(str, violations),
        "Fix the cause: atlas.css, docs/.overrides/, macros/tables.py or tables.js.",
    ]
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_page_passes_axe(
    browser: object, built_site: Path, site_url: str, scheme: str, width: str
) -> None:
    paths = page_paths(built_site)
    assert len(paths) >= 50, f"only {len(paths)} pages in {built_site}"
    context = scheme_context(browser, scheme, width)
    started = time.monotonic()
    wrong_scheme: list[str] = []
    violations: list[Violation] = []
    try:
        page = context.new_page()
        for path in paths:
            name = f"{path or 'index.html'} at {width} px"
            shown, found = audit(page, site_url + path, name, scheme)
            if shown != SCHEMES[scheme]:
                wrong_scheme.append(f"{path or 'index.html'}: {shown}")
            violations += found
    finally:
        context.close()
    elapsed = time.monotonic() - started
    print(f"axe checked {len(paths)} pages ({scheme}, {width} px) in {elapsed:.1f} s")
    assert wrong_scheme == [], f"pages not shown in the {SCHEMES[scheme]} scheme: {wrong_scheme}"
    assert violations == [], report(violations, len(paths), scheme)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_search_results_pass_axe(browser: object, site_url: str, scheme: str) -> None:
    # Material draws the results when a reader types: counts, highlighted terms,
    # previews of prose and of code. "cache" finds all of them.
    context = scheme_context(browser, scheme)
    try:
        page = context.new_page()
        page.goto(site_url)
        page.keyboard.press("/")
        page.keyboard.type("cache")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.md-search-result mark')]"
            ".some(mark => mark.textContent.toLowerCase() === 'cache')",
            timeout=10_000,
        )
        shows = page.evaluate(
            "['.md-search-result__meta', '.md-search-result pre > code mark',"
            " '.md-search-result p mark'].map(s => document.querySelector(s) !== null)"
        )
        violations = run_axe(page, "search results for 'cache'", scheme)
    finally:
        context.close()
    assert shows == [True, True, True], "the results no longer show a count, code and prose"
    assert violations == [], report(violations, 1, scheme)


# Drawn from the start, as a page of the site is once its script has drawn every block.
BAD_PAGE = """<!doctype html><html lang="en" data-atlas-drawn><head><title>Bad</title></head>
<body data-md-color-scheme="default"><main><h1>Bad</h1>
<p style="color:#aaa;background:#fff">Faint text.</p><img src="x.png"></main></body></html>"""


@pytest.mark.browser
def test_audit_reports_page_scheme_rule_and_elements(browser: object) -> None:
    context = scheme_context(browser, "light")
    # A page served by the test itself: nothing leaves the machine.
    context.route(
        "http://atlas.invalid/**",
        lambda route: route.fulfill(body=BAD_PAGE, content_type="text/html"),
    )
    try:
        shown, found = audit(context.new_page(), "http://atlas.invalid/bad/", "bad/", "light")
    finally:
        context.close()
    assert shown == "default"
    assert {v.rule: v.targets for v in found} == {"color-contrast": ("p",), "image-alt": ("img",)}
    text = report(found, 1, "light")
    assert text.startswith("axe-core: 2 elements fail 2 rules (color-contrast, image-alt)")
    assert "bad/ (light) image-alt: Images must have alternative text" in text
    assert "elements: img" in text


@pytest.mark.browser
def test_search_dialog_has_an_accessible_name(browser: object, site_url: str) -> None:
    # aria-dialog-name is one of axe's best practices, outside the WCAG tags above.
    context = scheme_context(browser, "light")
    try:
        page = context.new_page()
        page.goto(site_url)
        result = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'rule', values: ['aria-dialog-name']}})"
            ".then(r => [r.passes.length, r.violations.length])"
        )
        name = page.get_by_role("dialog").get_attribute("aria-label")
    finally:
        context.close()
    assert result == [1, 0], f"aria-dialog-name: [passes, violations] = {result}"
    assert name == "Search"


# Keyboard. Reduced motion makes Material skip its transitions, so a focused
# element's style is final when the test reads it.


@pytest.fixture
def keyboard(browser: object) -> Iterator[Any]:
    context = browser.new_context(reduced_motion="reduce")  # type: ignore[attr-defined]
    try:
        yield context.new_page()
    finally:
        context.close()


FOCUSED = """() => {
  const element = document.activeElement;
  // Material's palette toggle is a hidden radio; its label shows the focus.
  const shown = element.classList.contains("md-option") ? element.nextElementSibling : element;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  let opacity = 1;
  for (let node = shown; node; node = node.parentElement) {
    opacity *= parseFloat(getComputedStyle(node).opacity);
  }
  return {
    tag: element.tagName.toLowerCase(),
    role: element.getAttribute("role"),
    type: element.type || "",
    classes: element.className,
    text: (element.textContent || element.getAttribute("aria-label") || "").trim().slice(0, 40),
    href: element.getAttribute("href"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    opacity,
    visible: box.width > 0 && box.height > 0,
    inArticle: element.closest("article.md-content__inner") !== null,
  };
}"""


def tab(page: Any) -> dict[str, Any]:
    page.keyboard.press("Tab")
    focused: dict[str, Any] = page.evaluate(FOCUSED)
    return focused


def is_control(focused: dict[str, Any]) -> bool:
    """A link or a button (Material's palette toggle is a radio drawn as a button)."""
    return (
        focused["tag"] in ("a", "button")
        or focused["role"] == "button"
        or "md-option" in focused["classes"]
    )


@pytest.mark.browser
def test_skip_link_is_the_first_tab_stop_and_leads_to_the_content(
    keyboard: Any, site_url: str
) -> None:
    keyboard.goto(site_url + "languages/")
    first = tab(keyboard)
    assert (first["tag"], first["text"]) == ("a", "Skip to content")
    # Shown on top of the page while focused, not only present.
    assert first["opacity"] == 1 and first["visible"]
    on_top = keyboard.evaluate(
        "() => { const e = document.activeElement, b = e.getBoundingClientRect();"
        " return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === e; }"
    )
    assert on_top
    keyboard.keyboard.press("Enter")
    assert keyboard.evaluate("location.hash") == first["href"]
    target = keyboard.evaluate(
        "() => { const t = document.querySelector(location.hash), b = t.getBoundingClientRect();"
        " return [t.closest('.md-content') !== null, b.top >= 0 && b.top < innerHeight]; }"
    )
    assert target == [True, True]
    # The next Tab continues from the content, past the header and navigation.
    assert tab(keyboard)["inArticle"]


@pytest.mark.browser
def test_focused_links_and_buttons_show_a_focus_indicator(keyboard: Any, site_url: str) -> None:
    keyboard.goto(site_url + "languages/")
    stops: list[dict[str, Any]] = []
    for _ in range(400):
        focused = tab(keyboard)
        if focused["tag"] == "body":
            break
        stops.append(focused)
    controls = [stop for stop in stops if is_control(stop)]
    kinds = {stop["classes"].split(" ")[0] for stop in controls}
    assert {"md-skip", "md-tabs__link", "md-nav__link", "atlas-sort", "headerlink"} <= kinds
    assert len(controls) > 50
    unseen = [
        f"<{stop['tag']} class='{stop['classes']}'> {stop['text']!r}"
        for stop in controls
        # Material dims footer links to 0.7 on focus; hidden ones are at 0.
        if not (stop["outline"] or stop["shadow"]) or stop["opacity"] < 0.5 or not stop["visible"]
    ]
    assert unseen == [], "focused without a visible outline or shadow:\n" + "\n".join(unseen)


@pytest.mark.browser
def test_search_opens_from_the_keyboard_and_shows_results(keyboard: Any, site_url: str) -> None:
    keyboard.goto(site_url + "languages/")
    keyboard.keyboard.press("/")
    assert keyboard.evaluate("document.activeElement.classList.contains('md-search__input')")
    keyboard.keyboard.type("postgres")
    results = keyboard.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    # Arrow keys move through the results; Enter opens the chosen page.
    keyboard.keyboard.press("ArrowDown")
    chosen = keyboard.evaluate(
        "() => { const e = document.activeElement;"
        " return e.matches('.md-search-result__link') ? e.href : null; }"
    )
    assert chosen, "ArrowDown did not move the focus to the first result"
    with keyboard.expect_navigation():
        keyboard.keyboard.press("Enter")
    assert keyboard.url.split("?")[0] == chosen.split("?")[0]


@pytest.mark.browser
def test_sortable_header_is_reached_with_tab_and_sorts_with_enter(
    keyboard: Any, site_url: str
) -> None:
    keyboard.goto(site_url + "languages/")
    for _ in range(200):
        focused = tab(keyboard)
        if "atlas-sort" in focused["classes"] and focused["text"] == "First release":
            break
    else:
        pytest.fail("Tab never reached the 'First release' header of the languages table")
    header = keyboard.locator('.atlas-table[data-dataset="languages"] th', has_text="First release")
    column = '.atlas-table[data-dataset="languages"] tbody tr td[data-sort]'
    dates = "cells => cells.map(cell => cell.dataset.sort)"
    keyboard.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    ascending = keyboard.eval_on_selector_all(column, dates)
    assert len(ascending) == 8 and ascending == sorted(ascending)
    keyboard.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert keyboard.eval_on_selector_all(column, dates) == sorted(ascending, reverse=True)
