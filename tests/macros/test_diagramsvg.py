"""A Mermaid SVG made fit for a page: palette colors, unique ids, an accessible name, a size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from macros.diagrams import CACHE_DIR, render_id
from macros.diagramsvg import (
    ROLES,
    THEME_VARIABLES,
    DiagramSvgError,
    colors_in,
    page_svg,
)

NODE = THEME_VARIABLES["mainBkg"]
BORDER = THEME_VARIABLES["nodeBorder"]
EDGE = THEME_VARIABLES["lineColor"]
LABEL = THEME_VARIABLES["edgeLabelBackground"]


def mermaid_like(
    render: str = "diagram-abc",
    *,
    title: str | None = "Two boxes",
    desc: str | None = "A box points at another box.",
    extra: str = "",
) -> str:
    """The shape of Mermaid's output, painted with sentinels, small enough to read."""
    labeled = f' aria-labelledby="chart-title-{render}"' if title else ""
    described = f' aria-describedby="chart-desc-{render}"' if desc else ""
    return (
        f'<svg id="{render}" width="100%" xmlns="http://www.w3.org/2000/svg" class="flowchart"'
        f' style="max-width: 300.123456px;" viewBox="0 0 300.123456 120.5"'
        f' role="graphics-document document" aria-roledescription="flowchart-v2"'
        f"{described}{labeled}>"
        + (f'<title id="chart-title-{render}">{title}</title>' if title else "")
        + (f'<desc id="chart-desc-{render}">{desc}</desc>' if desc else "")
        + f"<style>#{render}{{fill:{EDGE};}}#{render} .node rect{{fill:{NODE};stroke:{BORDER};}}"
        f"#{render} .labelBkg{{background-color:rgba(192, 255, 0, 0.5);}}"
        f"#{render} .edgeLabel rect{{fill:{LABEL};}}"
        f"#{render} [data-look=neo] path"
        "{filter:drop-shadow(1px 2px 2px rgba(185,185,185,1));}</style>"
        f'<g><marker id="{render}_pointEnd"><path style="stroke-width: 1;" fill="black"/></marker>'
        f'<rect class="actor" x="0" fill="#eaeaea" stroke="#666" name="A" data-id="A"/>'
        f'<line id="actor0" stroke="#999"/><use href="#actor0"/>'
        f'<path marker-end="url(#{render}_pointEnd)" style=";" data-points="W3siPSJ9"/>'
        f"{extra}</g></svg>"
    )


def test_no_color_is_left_literal_and_each_becomes_its_role() -> None:
    svg = page_svg(mermaid_like(), "diagram-abc", "diagram-abc")
    assert colors_in(svg) == []
    assert "fill:var(--d-node);stroke:var(--d-border)" in svg
    assert "background-color:var(--d-bg)" in svg  # rgba() of a sentinel, alpha dropped
    assert "filter:drop-shadow(1px 2px 2px var(--d-group))" in svg
    for role, value in ROLES.items():
        assert f"--d-{role}:{value};" in svg


def test_paint_attributes_become_classes_that_lose_to_every_stylesheet_rule() -> None:
    svg = page_svg(mermaid_like(), "diagram-abc", "diagram-abc")
    assert 'class="d-fill-bg d-stroke-edge actor"' in svg
    assert ":where(#diagram-abc .d-fill-bg){fill:var(--d-bg)}" in svg
    assert 'fill="' not in svg.replace('fill="none"', "")


def test_an_unknown_color_stops_with_the_color_and_the_fix() -> None:
    raw = mermaid_like(extra='<rect style="fill:#ff00aa"/>')
    with pytest.raises(DiagramSvgError, match=r"'#ff00aa' has no role.*classDef.*_VARIABLE_ROLES"):
        page_svg(raw, "diagram-abc", "diagram-abc", "diagrams/abc.svg")


def test_every_id_gets_the_diagram_prefix_and_references_follow() -> None:
    svg = page_svg(mermaid_like(), "diagram-abc", "diagram-abc-2")
    ids = re.findall(r'\sid="([^"]+)"', svg)
    assert ids and all("diagram-abc-2" in i for i in ids)
    assert 'href="#diagram-abc-2-actor0"' in svg
    assert "url(#diagram-abc-2_pointEnd)" in svg
    assert "#diagram-abc-2 .node rect" in svg and "#diagram-abc " not in svg


def test_the_svg_is_an_image_named_by_its_title_and_described() -> None:
    svg = page_svg(mermaid_like(), "diagram-abc", "diagram-abc")
    root = svg[: svg.index(">") + 1]
    assert 'role="img"' in root and "aria-roledescription" not in root
    assert 'aria-labelledby="chart-title-diagram-abc"' in root
    assert 'aria-describedby="chart-desc-diagram-abc"' in root


def test_a_description_alone_becomes_the_name() -> None:
    svg = page_svg(mermaid_like(title=None), "diagram-abc", "diagram-abc")
    assert '<title id="chart-title-diagram-abc">A box points at another box.</title>' in svg
    assert "<desc" not in svg and "aria-describedby" not in svg


def test_a_diagram_without_words_is_refused() -> None:
    with pytest.raises(DiagramSvgError, match="add an accDescr line"):
        page_svg(mermaid_like(title=None, desc=None), "diagram-abc", "diagram-abc")


def test_it_scales_by_its_viewbox_up_to_its_own_size() -> None:
    svg = page_svg(mermaid_like(), "diagram-abc", "diagram-abc")
    root = svg[: svg.index(">") + 1]
    assert 'width="300.12" height="120.5" viewBox="0 0 300.12 120.5"' in root
    assert "max-width" not in root and 'width="100%"' not in root


def test_what_the_html_checker_refuses_is_gone() -> None:
    svg = page_svg(mermaid_like(), "diagram-abc", "diagram-abc")
    assert " name=" not in svg and "data-" not in svg.replace("[data-look=neo]", "")
    assert 'style=";"' not in svg


def test_the_wrong_svg_is_refused() -> None:
    with pytest.raises(DiagramSvgError, match="expected Mermaid's SVG"):
        page_svg(mermaid_like("diagram-other"), "diagram-abc", "diagram-abc")


@pytest.mark.parametrize("path", sorted(CACHE_DIR.glob("*.svg")), ids=lambda p: p.stem)
def test_every_drawn_diagram_comes_out_palette_neutral_and_named(path: object) -> None:
    key = str(path.stem)  # type: ignore[attr-defined]
    raw = (CACHE_DIR / f"{key}.svg").read_text(encoding="utf-8")
    svg = page_svg(raw, render_id(key), render_id(key), f"diagrams/{key}.svg")
    assert colors_in(svg) == [], f"diagrams/{key}.svg keeps literal colors"
    title = re.search(r"<title id=\"[^\"]+\">([^<]+)</title>", svg)
    assert title and title.group(1).strip(), f"diagrams/{key}.svg has no accessible name"
    assert all(key in i for i in re.findall(r'\sid="([^"]+)"', svg))


def test_the_cache_folder_is_where_the_build_looks() -> None:
    assert CACHE_DIR == ROOT / "docs" / ".diagrams"


def test_coordinates_are_rounded_to_two_decimals() -> None:
    extra = (
        '<path d="M-21.5 -17 C-5.117307856237783 -17, 11.390384287524434 -16.9999" x="3.14159"/>'
    )
    svg = page_svg(mermaid_like(extra=extra), "diagram-abc", "diagram-abc")
    assert 'd="M-21.5 -17 C-5.12 -17, 11.39 -17" x="3.14"' in svg


def test_a_rounded_number_does_not_run_on_into_the_next() -> None:
    extra = '<path d="M0 0l5.0001.25-1.2345.5v-17.004.0049.5"/>'
    svg = page_svg(mermaid_like(extra=extra), "diagram-abc", "diagram-abc")
    assert 'd="M0 0l5 .25-1.23.5v-17 0 .5"' in svg


_NUMBER_TOKEN = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")


@pytest.mark.parametrize("path", sorted(CACHE_DIR.glob("*.svg")), ids=lambda p: p.stem)
def test_rounding_keeps_every_number_of_every_drawn_path(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    svg = page_svg(raw, render_id(path.stem), render_id(path.stem), path.name)
    before = [len(_NUMBER_TOKEN.findall(d)) for d in re.findall(r'\sd="([^"]*)"', raw)]
    after = [len(_NUMBER_TOKEN.findall(d)) for d in re.findall(r'\sd="([^"]*)"', svg)]
    assert before == after, f"{path.name}: a path lost or gained numbers in rounding"
