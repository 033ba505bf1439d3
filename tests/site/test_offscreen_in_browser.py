"""Off-screen blocks cost nothing while a page loads, and a reader never sees the difference.

atlas.css gives every block of an article after its first five (and each phone
card after the fifth, each chooser card) ``content-visibility: auto``: the browser
skips their style, layout and paint while the page loads; after load a script in
docs/.overrides/main.html draws them, in idle time, and marks <html>
``data-atlas-drawn``. Material mounts a code block (copy button, overflow check)
when it first comes into view (``content.lazy`` in mkdocs.yml). These tests hold
the promises that make that invisible: the first screen is drawn at once, every
block is drawn after load, spacing is the same skipped or drawn, a link into the
page lands on its target, a focus ring is not cut, and every code block still gets
its copy button.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser

LOADED = "document.readyState === 'complete'"
DRAWN_ALL = "document.documentElement.hasAttribute('data-atlas-drawn')"
BLOCKS = ".md-content__inner > *"
COPY = ".md-code__nav > button[data-md-type=copy]"
# checkVisibility's contentVisibilityAuto option: false inside a box the browser skips.
DRAWN = "el => el.querySelector('*').checkVisibility({contentVisibilityAuto: true})"
# Every block's top once the reader has scrolled through the whole page.
TOPS_AFTER_READING = """async (skip) => {
  // Skipped: as the stylesheet has it while the page loads (the script's inline style taken off).
  if (skip) document.querySelectorAll('[style*="content-visibility"]').forEach(
    el => el.style.removeProperty('content-visibility'));
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await frame(); }
  window.scrollTo(0, 0); await frame();
  return Array.from(document.querySelectorAll('.md-content__inner > *'),
                    b => [b.tagName + '.' + b.className, Math.round(b.getBoundingClientRect().top)]);
}"""


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_first_screen_is_drawn_and_the_rest_waits_until_near(phone: Any, site_url: str) -> None:
    """As the stylesheet has it while the page loads (the drawing script not run)."""
    phone.add_init_script("window.requestIdleCallback = () => 0;")  # the drawing never runs
    phone.goto(site_url + "databases/sql/")
    phone.wait_for_function(LOADED)
    blocks = phone.locator(BLOCKS + ":has(*)")
    assert blocks.count() > 40
    assert all(blocks.nth(n).evaluate(DRAWN) for n in range(5)), "the first five blocks are drawn"
    last = blocks.last
    assert last.evaluate("el => getComputedStyle(el).contentVisibility") == "auto"
    assert not last.evaluate(DRAWN), "the last block waits while it is far below"
    # The reader scrolls to it (again, while the blocks above it take their real height).
    phone.wait_for_function(
        "el => { el.scrollIntoView(); return (" + DRAWN + ")(el); }", arg=last.element_handle()
    )


@pytest.mark.parametrize("path", ["databases/sql/", "frameworks/", "frameworks/choose/"])
def test_after_load_every_block_is_drawn(phone: Any, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    phone.wait_for_function(DRAWN_ALL)
    skipped = phone.evaluate(
        """() => Array.from(document.querySelectorAll('.md-content__inner *'))
                 .filter(el => !el.checkVisibility({contentVisibilityAuto: true})
                               && el.checkVisibility()).length"""
    )
    assert skipped == 0, f"{path}: {skipped} elements still skipped after load"
    assert (
        phone.evaluate(
            "() => [...document.querySelectorAll('.md-content__inner > *')].pop().style.contentVisibility"
        )
        == "visible"
    )


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path", ["databases/sql/", "production/security/", "frameworks/", "glossary/", "contributing/"]
)
def test_skipping_changes_no_spacing(browser: Any, site_url: str, path: str, width: int) -> None:
    """Containment stops margins collapsing through a box: each block sits where it would without."""
    tops = []
    for skip in (True, False):
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            page.goto(site_url + path)
            page.wait_for_function(LOADED)
            tops.append(page.evaluate(TOPS_AFTER_READING, skip))
        finally:
            context.close()
    moved = [(a[0], a[1], b[1]) for a, b in zip(tops[0], tops[1]) if abs(a[1] - b[1]) > 2]
    assert len(tops[0]) == len(tops[1]) > 3
    assert moved == [], (
        f"{path} at {width} px: blocks moved (block, top skipped, top drawn): {moved[:3]}"
    )


def test_a_link_to_a_row_far_down_lands_on_it(phone: Any, site_url: str) -> None:
    """A term three quarters down the glossary, by its address: the rows above it are skipped."""
    phone.goto(site_url + "glossary/")
    rows = phone.locator(".atlas-table tbody > tr[id]")
    last_id = rows.nth(rows.count() * 3 // 4).get_attribute("id")
    phone.goto(site_url + "glossary/#" + last_id)
    phone.wait_for_function(LOADED)
    phone.wait_for_timeout(500)  # anything that would move it has happened
    top = phone.evaluate("id => document.getElementById(id).getBoundingClientRect().top", last_id)
    assert 0 <= top < 300, f"#{last_id} is at {top} px, not at the top of the screen"


def test_a_focus_ring_at_a_blocks_edge_is_not_cut(phone: Any, site_url: str) -> None:
    phone.goto(site_url + "databases/sql/")
    block = phone.locator(BLOCKS).last
    assert block.evaluate("el => getComputedStyle(el).contentVisibility") == "auto"
    margin = block.evaluate("el => getComputedStyle(el).overflowClipMargin")
    outline = phone.evaluate(
        """() => { const a = document.querySelector('.md-content__inner a[href]');
                   a.focus(); const s = getComputedStyle(a);
                   return parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth); }"""
    )
    assert float(margin.removesuffix("px")) >= outline, f"clip margin {margin}, ring {outline} px"


def test_every_code_block_gets_its_copy_button_when_it_comes_into_view(
    browser: Any, site_url: str
) -> None:
    """Each block the reader can see: closed details opened, the shown tab of a tabbed set."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + "databases/sql/")
        page.wait_for_function(LOADED)
        blocks = page.locator(".md-content__inner pre:has(> code)")
        assert blocks.last.locator(COPY).count() == 0, "mounted only when in view"
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        seen = 0
        for n in range(blocks.count()):
            block = blocks.nth(n)
            block.evaluate("el => el.scrollIntoView({block: 'center'})")
            if not block.is_visible():  # another tab of a tabbed set
                continue
            block.locator(COPY).wait_for(state="attached", timeout=5_000)
            seen += 1
        assert seen > 10
    finally:
        context.close()
