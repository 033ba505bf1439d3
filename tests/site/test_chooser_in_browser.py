"""The "choose a stack" page in Chromium: answers narrow the list, live, from the mouse or keyboard.

The expected frameworks are worked out here from data/*.yml with the models,
so each test checks the page against the data, not against itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ROOT

from macros import datasets
from macros.questions import RANK

pytestmark = pytest.mark.browser

PAGE = "frameworks/choose/"
VISIBLE = (
    "() => [...document.querySelectorAll('.atlas-chooser-card')]"
    ".filter(c => c.offsetParent).map(c => c.dataset.framework)"
)


def web_frameworks() -> list[Any]:
    frameworks = datasets.load_dataset(datasets.FRAMEWORKS, ROOT / "data", ROOT)
    return [fw for fw in frameworks if fw.capabilities]


def expected(language: str | None = None, need: str | None = None, limit: int = 2) -> set[str]:
    """The frameworks that should stay: in ``language``, giving ``need`` at ``limit`` or better."""
    return {
        fw.id
        for fw in web_frameworks()
        if (language is None or fw.language == language)
        and (
            need is None or (need in fw.capabilities and RANK[fw.capabilities[need].level] <= limit)
        )
    }


@pytest.fixture
def chooser(browser: Any, site_url: str) -> Iterator[Any]:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + PAGE)
    page.wait_for_selector("form[data-chooser-form]:not([hidden])")
    try:
        yield page
    finally:
        context.close()
    assert errors == [], errors


def control(page: Any, label: str) -> Any:
    """The form control labeled ``label`` (the cards' source links name capabilities too)."""
    return page.locator("form[data-chooser-form]").get_by_label(label)


def count(page: Any) -> str:
    return str(page.locator("[data-chooser-count]").text_content()).strip()


def shown(page: Any) -> set[str]:
    return set(page.evaluate(VISIBLE))


def test_answers_narrow_the_list_and_the_count_is_announced(chooser: Any) -> None:
    total = len(web_frameworks())
    status = chooser.locator("[data-chooser-count]")
    assert status.get_attribute("role") == "status", "a polite live region"
    assert (
        count(chooser)
        == f"All {total} web frameworks are listed. Answer a question to narrow the list."
    )
    assert shown(chooser) == expected()
    assert chooser.locator("[data-chooser-nojs]").is_hidden()

    control(chooser, "Python").check()
    python = expected("python")
    assert shown(chooser) == python
    assert count(chooser) == f"{len(python)} of {total} web frameworks match your answers."
    assert chooser.locator('section[data-language="go"]').is_hidden()

    control(chooser, "ORM or data access").check()
    control(chooser, "Built in only").check()
    strict = expected("python", "data-access", limit=RANK["built-in"])
    assert strict < python and shown(chooser) == strict
    assert count(chooser) == f"{len(strict)} of {total} web frameworks match your answers."
    for ident in strict:
        card = chooser.locator(f"#choose-{ident}")
        verdict = str(card.locator("[data-chooser-verdict]").text_content())
        assert verdict.startswith("Gives what you need: ORM or data access (built in).")
        assert card.locator('[data-cap="data-access"]').get_attribute("data-asked") == "need"

    control(chooser, "Also list the frameworks that do not match").check()
    assert shown(chooser) == python
    order = chooser.eval_on_selector_all(
        'section[data-language="python"] .atlas-chooser-card',
        "cards => cards.map(c => c.dataset.match)",
    )
    assert order == sorted(order, reverse=True), "the matches first, then the others"
    for ident in python - strict:
        verdict = str(chooser.locator(f"#choose-{ident} [data-chooser-verdict]").text_content())
        assert verdict.startswith("Does not match. Lacks: ORM or data access")


def test_no_match_says_what_to_try(chooser: Any) -> None:
    needs = chooser.eval_on_selector_all('input[name="need"]', "boxes => boxes.map(b => b.value)")
    everything = set.intersection(*(expected(need=need, limit=RANK["built-in"]) for need in needs))
    assert everything == set(), f"{everything} now has every need built in: pick fewer needs here"
    for box in chooser.locator('input[name="need"]').all():
        box.check()
    control(chooser, "Built in only").check()
    assert shown(chooser) == set()
    assert count(chooser).startswith("0 of ")
    assert chooser.locator("[data-chooser-empty]").is_visible()
    control(chooser, "Also list the frameworks that do not match").check()
    total = len(web_frameworks())
    assert count(chooser) == (
        f"0 of {total} web frameworks match your answers."
        f" {total} that do not are listed, marked as such."
    )


def test_a_workload_orders_each_language_by_what_that_work_needs(chooser: Any) -> None:
    control(chooser, "Real-time features").check()
    assert shown(chooser) == expected(), "a workload orders, it removes nothing"
    first = chooser.locator('section[data-language="python"] .atlas-chooser-card').first
    assert first.locator('[data-cap="websockets"]').get_attribute("data-asked") == "work"
    scores = chooser.eval_on_selector_all(
        'section[data-language="python"] .atlas-chooser-card',
        """cards => cards.map(card => ['websockets', 'async-handlers'].reduce((sum, key) => {
             const item = card.querySelector(`li[data-cap="${key}"]`);
             const rank = item ? Number(item.dataset.rank) : 3;
             return sum + (rank < 3 ? 3 - rank : 0);
           }, 0))""",
    )
    assert scores == sorted(scores, reverse=True)
    verdict = str(first.locator("[data-chooser-verdict]").text_content())
    assert verdict.startswith("For real-time features it gives WebSockets (")


def test_serverless_shows_where_each_language_runs(chooser: Any) -> None:
    control(chooser, "Serverless functions").check()
    python = chooser.locator('section[data-language="python"]')
    assert python.locator('[data-hosting="serverless"]').is_visible()
    assert python.locator('[data-hosting="servers"]').is_hidden()
    assert "AWS Lambda" in str(python.locator('[data-hosting="serverless"]').text_content())


def test_the_url_holds_the_answers_and_reload_and_back_restore_them(chooser: Any) -> None:
    control(chooser, "Python").check()
    control(chooser, "Admin UI").check()
    control(chooser, "A JSON API").check()
    assert chooser.url.endswith(f"{PAGE}?language=python&workload=api&need=admin-ui")
    answered = shown(chooser)
    assert answered == expected("python", "admin-ui")

    chooser.reload()
    assert control(chooser, "Python").is_checked()
    assert control(chooser, "Admin UI").is_checked()
    assert control(chooser, "A JSON API").is_checked()
    assert shown(chooser) == answered

    chooser.go_back()
    assert chooser.url.endswith("?language=python&need=admin-ui")
    assert control(chooser, "Not sure yet").is_checked()
    chooser.go_back()
    assert chooser.url.endswith("?language=python")
    assert not control(chooser, "Admin UI").is_checked()
    assert shown(chooser) == expected("python")
    chooser.go_back()
    assert chooser.url.endswith(PAGE)
    assert shown(chooser) == expected()
    chooser.go_forward()
    assert control(chooser, "Python").is_checked() and shown(chooser) == expected("python")


def test_a_shared_link_opens_with_its_answers_and_ignores_unknown_ones(
    chooser: Any, site_url: str
) -> None:
    chooser.goto(site_url + PAGE + "?language=go&language=cobol&need=websockets&level=nonsense")
    assert chooser.locator("#chooser-language-go").is_checked()
    assert control(chooser, "Any package, even one others publish").is_checked()
    assert shown(chooser) == expected("go", "websockets")


def test_everything_works_from_the_keyboard(chooser: Any) -> None:
    # The introduction's link to the questions, followed with Enter, then Tab.
    chooser.get_by_role("link", name="go straight to them").focus()
    chooser.keyboard.press("Enter")
    for _ in range(10):
        chooser.keyboard.press("Tab")
        if chooser.evaluate("document.activeElement.id") == "chooser-language-javascript":
            break
    else:
        pytest.fail("Tab never reached the first language")
    focus = chooser.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"
    )
    assert focus, "the focused checkbox shows a visible outline"
    chooser.keyboard.press("Tab")  # Python
    chooser.keyboard.press("Space")
    # page.url follows history.pushState a moment later: wait on the page's own address.
    chooser.wait_for_function("location.search === '?language=python'")
    for _ in range(10):
        chooser.keyboard.press("Tab")
        if chooser.evaluate("document.activeElement.name") == "workload":
            break
    chooser.keyboard.press("ArrowDown")  # from "Not sure yet" to the first kind of work
    assert control(chooser, "A JSON API").is_checked()
    chooser.wait_for_function("location.search.includes('workload=api')")
    for _ in range(30):
        chooser.keyboard.press("Tab")
        if chooser.evaluate("document.activeElement.textContent.trim()") == "Clear the answers":
            break
    else:
        pytest.fail("Tab never reached the Clear button")
    chooser.keyboard.press("Enter")
    chooser.wait_for_function("location.search === ''")
    assert not control(chooser, "Python").is_checked()
    assert shown(chooser) == expected()


def test_phone_layout_has_one_column_and_no_sideways_scrolling(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + PAGE + "?language=python&need=data-access")
        page.wait_for_selector("form[data-chooser-form]:not([hidden])")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        lefts = page.eval_on_selector_all(
            "fieldset.atlas-chooser-question",
            "sets => sets.map(s => Math.round(s.getBoundingClientRect().left))",
        )
        assert len(lefts) == 5 and len(set(lefts)) == 1, f"questions side by side: {lefts}"
        widths = page.eval_on_selector_all(
            ".atlas-chooser-card",
            "cards => cards.filter(c => c.offsetParent).map(c => c.getBoundingClientRect().right)",
        )
        assert widths and max(widths) <= 390
    finally:
        context.close()


def test_without_javascript_every_framework_is_listed_and_the_questions_are_not(
    browser: Any, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + PAGE + "?language=python")
        notice = page.locator("[data-chooser-nojs]")
        notice.scroll_into_view_if_needed()  # drawn once near the screen (content-visibility)
        notice.wait_for(state="visible")
        assert page.locator("form[data-chooser-form]").is_hidden()
        # Shown, not hidden: checkVisibility() without its contentVisibilityAuto option
        # counts a card the browser has not drawn yet because it is far below.
        visible = page.locator(".atlas-chooser-card").evaluate_all(
            "cards => cards.filter(card => card.checkVisibility()).length"
        )
        assert visible == len(web_frameworks())
    finally:
        context.close()


AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DRAWN = "document.documentElement.hasAttribute('data-atlas-drawn')"  # docs/.overrides/main.html
AXE_RUN = """() => axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
  resultTypes: ["violations"],
}).then(result => result.violations.map(
  v => `${v.id}: ${v.nodes.map(n => n.target).join(", ")}`))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280, 1920])
def test_answered_page_passes_axe_at_phone_laptop_and_wide_widths(
    browser: Any, site_url: str, scheme: str, width: int
) -> None:
    """tests/site/test_accessibility.py checks every page at one width; this, at three, answered too."""
    assert AXE_JS.is_file(), "node_modules/axe-core is missing: run `make node`"
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.add_init_script(path=AXE_JS)
    try:
        page = context.new_page()
        # Verdicts, asked-for marks, cards that do not match and the empty message all drawn.
        page.goto(site_url + PAGE + "?language=python&workload=realtime&need=admin-ui&all=1")
        page.wait_for_selector("form[data-chooser-form]:not([hidden])")
        page.wait_for_function(DRAWN)
        assert page.locator("[data-chooser-verdict]:visible").count() > 0
        assert page.locator('.atlas-chooser-card[data-match="no"]:visible').count() > 0
        violations = page.evaluate(AXE_RUN)
        page.goto(site_url + PAGE + "?need=admin-ui&need=websockets&need=openapi&level=built-in")
        page.wait_for_selector("form[data-chooser-form]:not([hidden])")
        page.wait_for_function(DRAWN)
        violations += page.evaluate(AXE_RUN)
        page.goto(site_url + PAGE)  # as it loads: every framework, no verdicts
        page.wait_for_selector("form[data-chooser-form]:not([hidden])")
        page.wait_for_function(DRAWN)
        violations += page.evaluate(AXE_RUN)
    finally:
        context.close()
    assert violations == []


def test_on_paper_the_answers_replace_the_questions(chooser: Any, site_url: str) -> None:
    chooser.emulate_media(media="print")
    assert chooser.locator("form[data-chooser-form]").is_hidden()
    assert chooser.locator("[data-chooser-count]").is_hidden()
    assert chooser.locator(".atlas-chooser-print").is_visible(), "unanswered: a note says why"
    assert shown(chooser) == expected(), "unanswered (the PDF edition too): every framework"

    chooser.goto(site_url + PAGE + "?language=python&need=admin-ui")
    chooser.wait_for_selector("form[data-chooser-form]:not([hidden])", state="attached")
    assert chooser.locator(".atlas-chooser-print").is_hidden()
    summary = str(chooser.locator("[data-chooser-summary]").text_content())
    assert summary == (
        "Your answers: Which languages does your team write? Python."
        " What must the framework give you? Admin UI."
    )
    assert chooser.locator("[data-chooser-summary]").is_visible()
    assert chooser.locator("[data-chooser-count]").is_visible()
    assert shown(chooser) == expected("python", "admin-ui"), "the copy lists what the screen shows"
    chooser.emulate_media(media="screen")
    assert chooser.locator("[data-chooser-summary]").is_hidden()
