"""Diagrams in a real browser: drawn with no script, in the reader's scheme, within the column.

Headless Debian Chromium through Playwright (`make test-browser`). Colors are read
from the computed style, so a diagram that kept Mermaid's baked colors, or lost
its palette properties, fails here even when its markup looks right.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# A flowchart, a sequence diagram and an entity-relationship diagram.
PAGES = {
    "architecture/monolith-and-microservices/": ("g.node > rect.label-container", "g.node text"),
    "basics/request-lifecycle/": ("rect.actor", "text.actor tspan"),
    "databases/relational/": ("g.node > rect.label-container", "g.node text"),
}
SCHEMES = ("light", "dark")

PAINT = """([shape, label]) => {
  const svg = document.querySelector('figure.atlas-diagram svg');
  const node = svg.querySelector(shape), text = svg.querySelector(label);
  let back = svg, bg = 'rgba(0, 0, 0, 0)';
  while (back && /rgba\\(.*, 0\\)|transparent/.test(bg)) {
    bg = getComputedStyle(back).backgroundColor; back = back.parentElement;
  }
  const style = getComputedStyle(node);
  return {fill: style.fill, stroke: style.stroke, text: getComputedStyle(text).fill, bg: bg};
}"""


def rgba(color: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", color)]
    assert color.startswith("rgb") and len(numbers) in (3, 4), color
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) == 4 else 1.0)


def over(color: str, background: str) -> tuple[float, float, float]:
    r, g, b, a = rgba(color)
    br, bg, bb, _ = rgba(background)
    return (r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a))


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def paint(browser: Any, site_url: str, path: str, scheme: str) -> dict[str, str]:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        result: dict[str, str] = page.evaluate(PAINT, list(PAGES[path]))
        return result
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_a_diagram_follows_the_light_and_dark_schemes(
    browser: object, site_url: str, path: str
) -> None:
    painted = {scheme: paint(browser, site_url, path, scheme) for scheme in SCHEMES}
    light, dark = painted["light"], painted["dark"]
    assert light["bg"] != dark["bg"]
    assert light["fill"] != dark["fill"] and light["stroke"] != dark["stroke"], painted
    for scheme, colors in painted.items():
        bg = over(colors["bg"], "rgb(255, 255, 255)")
        node = over(colors["fill"], colors["bg"])
        outline = contrast(over(colors["stroke"], colors["bg"]), bg)
        words = contrast(over(colors["text"], colors["bg"]), node)
        assert outline >= 3, f"{path} ({scheme}): node outline {outline:.1f}:1 on the page"
        assert words >= 4.5, f"{path} ({scheme}): label {words:.1f}:1 on its node"


@pytest.mark.parametrize("width", [390, 1280])
def test_diagrams_draw_without_a_script_and_fit_the_column(
    browser: object, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url + "basics/request-lifecycle/")
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('figure.atlas-diagram svg')].map(svg => {
              const box = svg.getBoundingClientRect();
              const column = svg.closest('article').getBoundingClientRect();
              return {width: box.width, height: box.height, column: column.width,
                      natural: svg.width.baseVal.value};
            })"""
        )
        assert page.evaluate("typeof window.mermaid") == "undefined"
    finally:
        context.close()
    assert sizes and errors == []
    assert not [url for url in requests if "mermaid" in url]
    for size in sizes:
        assert size["width"] <= min(size["column"], size["natural"]) + 0.5, size
        assert size["height"] > 100, size
