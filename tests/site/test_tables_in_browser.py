"""The comparison tables as a reader uses them: facets, columns, details, compare, the address.

Runs headless Debian Chromium through Playwright against the built site
(`make test-browser`). The frameworks page is the hard case: 57 rows, two
tables from one data file (the frameworks and their capability matrix).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


def _accessibility() -> Any:
    """tests/site/test_accessibility.py, for its axe helpers (tests/site is no package)."""
    import importlib.util
    import sys
    from pathlib import Path

    if "test_accessibility" in sys.modules:
        return sys.modules["test_accessibility"]
    path = Path(__file__).with_name("test_accessibility.py")
    spec = importlib.util.spec_from_file_location("test_accessibility", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["test_accessibility"] = module
    spec.loader.exec_module(module)
    return module


_axe = _accessibility()
SCHEMES, report, run_axe, scheme_context = (
    _axe.SCHEMES,
    _axe.report,
    _axe.run_axe,
    _axe.scheme_context,
)

pytestmark = pytest.mark.browser

TABLE = '.atlas-table[data-dataset="frameworks"]'
ROWS = TABLE + " table:not(.atlas-compare-table) > tbody > tr:not(.atlas-detail)"
SHOWN = ROWS + ":not([hidden])"
COMPARE = "frameworks.pick=django&frameworks.pick=flask&frameworks.pick=gin&frameworks.compare=1"


# Every block drawn (docs/.overrides/main.html) and every table built (tables.js
# builds the tables off the first screens after load, in idle time).
READY = _axe.DRAWN + " && !document.querySelector('.atlas-table:not([data-enhanced])')"


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_function(READY)


@pytest.fixture
def wide(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        yield context.new_page()
    finally:
        context.close()


def status(page: Any) -> str:
    return str(page.locator(TABLE + " .atlas-table-status").inner_text())


def facet_box(page: Any, menu: str, value: str) -> Any:
    table = page.locator(TABLE)
    summary = table.locator("summary", has_text=menu)
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()
    return table.locator(".atlas-option", has_text=value).locator("input")


def count_of(page: Any, value: str) -> int:
    """The count a facet shows next to ``value`` (read even while its menu is closed)."""
    text = page.evaluate(
        "([t, v]) => document.querySelector(t + ` input[value='${v}']`)"
        ".nextElementSibling.textContent",
        [TABLE, value],
    )
    return int(text.rsplit("(", 1)[1].rstrip(")"))


def close_menus(page: Any) -> None:
    """Escape closes the open menu and gives the focus back to its button."""
    page.keyboard.press("Escape")
    assert page.locator(TABLE + " details[open]").count() == 0


def test_frameworks_table_fits_1280_without_scrolling_and_rows_are_short(
    wide: Any, site_url: str
) -> None:
    open_page(wide, site_url + "frameworks/")
    box = wide.evaluate(
        """t => { const c = document.querySelector(t);
        const wrap = c.querySelector('.md-typeset__scrollwrap');
        const rows = [...c.querySelectorAll('tbody tr')].map(r => r.getBoundingClientRect().height);
        return {scroll: wrap.scrollWidth, client: wrap.clientWidth, rows: rows,
                fits: c.hasAttribute('data-fits')}; }""",
        TABLE,
    )
    print(f"frameworks at 1280: {box['scroll']} px in a {box['client']} px box,"
          f" rows up to {max(box['rows']):.0f} px")  # fmt: skip
    assert box["scroll"] <= box["client"], "the table scrolls sideways at its default columns"
    assert box["fits"]
    assert len(box["rows"]) == 57
    assert max(box["rows"]) <= 80
    # The long text is on demand: hidden in the row, shown in its details.
    summary = wide.locator(TABLE + ' th[data-key="summary"]')
    assert not summary.is_visible()
    django = wide.locator(TABLE + " #frameworks-django")
    django.locator(".atlas-expand").click()
    assert django.locator(".atlas-expand").get_attribute("aria-expanded") == "true"
    details = wide.locator(TABLE + " tr.atlas-detail")
    assert details.count() == 1 and "What it is" in details.inner_text()
    # The header stays in sight while the rows scroll under it.
    wide.locator(TABLE + " #frameworks-laravel").scroll_into_view_if_needed()
    wide.mouse.wheel(0, 600)
    top = wide.evaluate(
        "t => document.querySelector(t + ' thead th').getBoundingClientRect().top", TABLE
    )
    assert 40 <= top <= 60, f"the header is at {top} px, not under the page's header"


def test_facets_show_counts_and_combine_with_the_text_filter(wide: Any, site_url: str) -> None:
    open_page(wide, site_url + "frameworks/")
    micro = count_of(wide, "Micro web framework")
    assert micro > 10
    facet_box(wide, "Kind", "Micro web framework").check()
    assert wide.locator(SHOWN).count() == micro
    assert status(wide) == f"{micro} of 57 rows shown"
    assert wide.locator(TABLE + " summary", has_text="Kind (1)").count() == 1
    # Counts in another facet follow the filters: only micro frameworks are counted.
    python = count_of(wide, "Python")
    facet_box(wide, "Language", "Python").check()
    assert wide.locator(SHOWN).count() == python
    assert all("Python" in text for text in wide.locator(SHOWN).all_inner_texts())
    # Two values of one facet: either one.
    facet_box(wide, "Language", "Go").check()
    assert wide.locator(SHOWN).count() == python + count_of(wide, "Go")
    wide.locator(TABLE + " input[type=search]").fill("gin")
    # The text filter reads the hidden long text too: Fiber's summary names Gin.
    names = [t.split("\t")[0].strip() for t in wide.locator(SHOWN).all_inner_texts()]
    assert "Gin" in names and "Fiber" in names and len(names) < python
    assert status(wide) == f"{len(names)} of 57 rows shown"


def test_column_chooser_shows_and_hides_columns(wide: Any, site_url: str) -> None:
    open_page(wide, site_url + "frameworks/")
    facet_box(wide, "Columns", "What it is").check()
    assert wide.locator(TABLE + ' th[data-key="summary"]').is_visible()
    facet_box(wide, "Columns", "Source").uncheck()
    assert not wide.locator(TABLE + ' th[data-key="repository"]').is_visible()
    assert "Hidden: Source" in status(wide)
    assert "frameworks.cols=" in wide.url


def test_compare_shows_picked_rows_side_by_side_with_differences(wide: Any, site_url: str) -> None:
    open_page(wide, site_url + "frameworks/")
    table = wide.locator(TABLE)
    compare = table.locator(".atlas-compare-bar button", has_text="Compare")
    assert compare.is_disabled()
    for name in ("django", "flask", "gin", "fastapi"):
        table.locator(f"#frameworks-{name} .atlas-pick").check()
    assert table.locator("#frameworks-laravel .atlas-pick").is_disabled(), "at most 4"
    table.locator("#frameworks-fastapi .atlas-pick").uncheck()
    compare.click()
    panel = table.locator(".atlas-compare")
    assert panel.is_visible()
    assert wide.evaluate("document.activeElement.classList.contains('atlas-compare')")
    heads = panel.locator("thead th").all_inner_texts()
    assert heads == ["Field", "Django", "Flask", "Gin"]
    fields = panel.locator("tbody th[scope=row]").all_inner_texts()
    # Every field of the table, the hidden long text too, and every capability.
    assert any(f.startswith("What it is") for f in fields)
    assert any(f.startswith("Routing") for f in fields)
    assert panel.locator("th[scope=colgroup]").inner_text() == "What each web framework gives you"
    kind = panel.locator("tr", has=wide.locator("th[scope=row]", has_text="Kind"))
    assert "differs" in kind.inner_text() and "atlas-differs" in kind.get_attribute("class")
    language = panel.locator("tr", has=wide.locator("th[scope=row]", has_text="Language"))
    assert "differs" in language.inner_text()  # Python, Python, Go
    assert "Comparing Django, Flask, Gin" in status(wide)
    same = panel.locator("tbody tr:not(.atlas-differs):not(.atlas-compare-group)")
    assert same.count() >= 1 and same.first.is_visible()
    panel.get_by_label("Only fields that differ").check()
    assert not same.first.is_visible()
    panel.get_by_role("button", name="Close comparison").click()
    assert not panel.is_visible()


def test_the_address_keeps_the_view_through_reload_and_back(wide: Any, site_url: str) -> None:
    open_page(wide, site_url + "frameworks/")
    facet_box(wide, "Kind", "Micro web framework").check()
    micro = wide.locator(SHOWN).count()
    close_menus(wide)
    wide.locator(TABLE + ' th[data-key="first_release"] button').click()
    for name in ("flask", "gin"):
        wide.locator(f"{TABLE} #frameworks-{name} .atlas-pick").check()
    wide.locator(TABLE + " .atlas-compare-bar button", has_text="Compare").click()
    assert "frameworks.compare=1" in wide.url and "frameworks.sort=first_release" in wide.url

    def view() -> list[Any]:
        return [
            wide.locator(SHOWN).count(),
            wide.locator(TABLE + ' th[data-key="first_release"]').get_attribute("aria-sort"),
            wide.locator(TABLE + " .atlas-compare").is_visible(),
            wide.locator(TABLE + " input[value='Micro web framework']").is_checked(),
        ]

    before = view()
    assert before == [micro, "ascending", True, True]
    wide.reload()
    wide.wait_for_function(READY)
    assert view() == before
    wide.go_back()  # before Compare
    assert view() == [micro, "ascending", False, True]
    wide.go_back()
    wide.go_back()  # before the two picks
    wide.go_back()  # before the sort
    assert view() == [micro, None, False, True]
    wide.go_back()  # before the facet
    assert view() == [57, None, False, False]
    wide.go_forward()
    assert view()[0] == micro


def test_phone_shows_cards_not_a_wide_table(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        open_page(page, site_url + "frameworks/")
        layout = page.evaluate(
            """([rows, table]) => { const row = document.querySelector(rows);
            const cell = row.querySelector('td:not(.atlas-col-off)');
            const head = document.querySelector(table + ' thead tr');
            return {page: document.documentElement.scrollWidth,
                    display: getComputedStyle(row).display,
                    width: row.getBoundingClientRect().width,
                    label: getComputedStyle(cell, '::before').content,
                    head: getComputedStyle(head).display}; }""",
            [ROWS, TABLE],
        )
        assert layout["page"] <= 390, "the page scrolls sideways on a phone"
        assert layout["display"] == "block" and layout["width"] <= 390
        assert layout["label"] == '"Language: "'
        assert layout["head"] == "flex", "the headers are not a row of sort buttons"
        page.locator(TABLE + " thead button", has_text="First release").click()
        assert "Sorted by First release, ascending" in status(page)
    finally:
        context.close()


def test_everything_works_from_the_keyboard_and_is_announced(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    try:
        page = context.new_page()
        open_page(page, site_url + "frameworks/")
        page.locator(TABLE + " input[type=search]").focus()
        # Tab order: the filter box, then the facet menus, in the order they show.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Language"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Kind"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # the third kind
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")
        assert " rows shown" in status(page)
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        assert page.locator(TABLE + " details[open]").count() == 0
        # A row: pick it with Space, open its details with Enter.
        page.locator(TABLE + " #frameworks-django .atlas-pick").focus()
        page.keyboard.press("Space")
        assert "1 of 4 rows picked" in status(page)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            "Details of Django"
        )
        page.keyboard.press("Enter")
        assert page.locator(TABLE + " #frameworks-django .atlas-expand").get_attribute(
            "aria-expanded"
        ) == "true"  # fmt: skip
        page.locator(TABLE + ' th[data-key="license"] button').focus()
        page.keyboard.press("Enter")
        assert status(page) == "Sorted by License, ascending"
        assert page.locator(TABLE + " [role=status]").count() == 1
    finally:
        context.close()


def test_without_javascript_and_in_print_the_table_is_complete(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "frameworks/")
        assert page.locator(ROWS).count() == 57
        assert page.locator(TABLE + ' th[data-key="summary"]').is_visible()
        assert page.locator(TABLE + " .atlas-table-controls").count() == 0
    finally:
        context.close()
    context = browser.new_context()
    try:
        page = context.new_page()
        open_page(page, site_url + "frameworks/?frameworks.q=django")
        page.locator(TABLE + " #frameworks-django .atlas-expand").click()
        page.emulate_media(media="print")
        assert page.locator(ROWS + ":visible").count() == 57, "filtered rows must print"
        assert page.locator(TABLE + ' th[data-key="summary"]').is_visible()
        assert not page.locator(TABLE + " .atlas-table-controls").is_visible()
        assert not page.locator(TABLE + " tr.atlas-detail").is_visible()
        assert not page.locator(TABLE + " .atlas-row-tools").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("width", [390, 1280, 1920])
def test_frameworks_page_passes_axe(browser: Any, site_url: str, scheme: str, width: int) -> None:
    """With the controls drawn, a menu open, a row's details and the comparison shown."""
    context = scheme_context(browser, scheme)
    try:
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        open_page(page, site_url + "frameworks/?" + COMPARE)
        page.locator(TABLE + " #frameworks-django .atlas-expand").click()
        page.locator(TABLE + " summary", has_text="Kind").click()
        assert page.locator(TABLE + " .atlas-compare").is_visible()
        violations = run_axe(page, f"frameworks/ at {width} px", scheme)
    finally:
        context.close()
    assert violations == [], report(violations, 1, scheme)


def test_two_tables_of_one_dataset_keep_their_own_state(wide: Any, site_url: str) -> None:
    """frameworks/profiles/ has a frameworks table per language: each has its own keys."""
    open_page(wide, site_url + "frameworks/profiles/")
    tables = wide.locator('.atlas-table[data-dataset="frameworks"]')
    assert tables.count() >= 2
    second = tables.nth(1)
    second.locator("input[type=search]").fill("zzz-no-such-row")
    # page.url follows history.replaceState a moment later: wait on the page's own address.
    wide.wait_for_function("location.search.includes('frameworks-2.q=zzz-no-such-row')")
    wide.reload()
    wide.wait_for_function(READY)
    assert second.locator("tbody tr:not([hidden])").count() == 0
    assert tables.nth(0).locator("tbody tr:not([hidden])").count() >= 1
