"""A Mermaid SVG made fit for a page: the theme's colors, unique ids, an accessible name.

Mermaid bakes colors into its SVG. So that a diagram drawn once at build time
follows the reader's light or dark scheme, ``make diagrams`` asks Mermaid to
paint with :data:`THEME_VARIABLES`: every color it uses is a *sentinel*, a
made-up color that stands for one :data:`ROLES` entry. :func:`page_svg` then
swaps each sentinel for a CSS custom property of Material's palette, in the
SVG's stylesheet and in its attributes, and maps the few colors Mermaid writes
without asking the theme (:data:`FIXED_COLORS`). A color with no role stops the
build: nothing is guessed.

It also gives every id the diagram's own prefix (two diagrams on one page must
not share one), makes the SVG an image named by its ``accTitle``/``accDescr``
lines, sizes it by its viewBox so that it shrinks to the column, and rounds
its coordinates (Mermaid writes 16 digits). Plain string work on Mermaid's
own output: no MkDocs, no browser.
"""

from __future__ import annotations

import re

__all__ = [
    "FIXED_COLORS",
    "ROLES",
    "THEME_VARIABLES",
    "DiagramSvgError",
    "colors_in",
    "page_svg",
]


class DiagramSvgError(ValueError):
    """Mermaid's SVG holds something this module cannot make palette-neutral."""


ROLES: dict[str, str] = {
    "bg": "var(--md-default-bg-color)",
    "node": "var(--md-code-bg-color)",
    "border": "var(--md-default-fg-color--light)",
    "text": "var(--md-default-fg-color)",
    "edge": "var(--md-default-fg-color--light)",
    "group": "var(--md-default-fg-color--lightest)",
    "group-border": "var(--md-default-fg-color--lighter)",
    "lifeline": "var(--md-default-fg-color--lighter)",
    "number": "var(--md-default-bg-color)",
}
"""What each color of a diagram is, and the palette's custom property that paints it.

Material sets each of them for the light (``default``) and the dark
(``slate``) scheme: outlines and lines keep 3:1 on the page, labels 4.5:1 on
their boxes, in both.
"""

_VARIABLE_ROLES: dict[str, tuple[str, ...]] = {
    "bg": (
        "background",
        "edgeLabelBackground",
        "actorBkg",
        "noteBkgColor",
        "errorBkgColor",
        "tertiaryColor",
        "attributeBackgroundColorOdd",
    ),
    "node": (
        "primaryColor",
        "mainBkg",
        "secondaryColor",
        "labelBoxBkgColor",
        "activationBkgColor",
        "attributeBackgroundColorEven",
    ),
    "border": (
        "primaryBorderColor",
        "nodeBorder",
        "secondaryBorderColor",
        "tertiaryBorderColor",
        "border1",
        "border2",
        "actorBorder",
        "labelBoxBorderColor",
        "labelTextColor",
        "activationBorderColor",
        "gradientStart",
        "gradientStop",
    ),
    "text": (
        "primaryTextColor",
        "secondaryTextColor",
        "tertiaryTextColor",
        "textColor",
        "nodeTextColor",
        "titleColor",
        "actorTextColor",
        "noteBorderColor",
        "errorTextColor",
    ),
    "edge": (
        "lineColor",
        "defaultLinkColor",
        "arrowheadColor",
        "signalColor",
        "signalTextColor",
        "loopTextColor",
        "noteTextColor",
    ),
    "group": ("clusterBkg",),
    "group-border": ("clusterBorder",),
    "lifeline": ("actorLineColor",),
    "number": ("sequenceNumberColor",),
}


def _sentinel(index: int) -> str:
    return f"#c0ff{index:02x}"


_SENTINELS: dict[str, str] = {_sentinel(i): role for i, role in enumerate(ROLES)}
THEME_VARIABLES: dict[str, str] = {
    variable: _sentinel(list(ROLES).index(role))
    for role, variables in _VARIABLE_ROLES.items()
    for variable in variables
}
"""Mermaid's ``themeVariables`` for ``make diagrams``: each a sentinel of its role."""

FIXED_COLORS: dict[str, str] = {
    # Markers, KaTeX paths and shadow floods Mermaid draws in black or gray.
    "black": "edge",
    "#000": "edge",
    "#000000": "edge",
    "#333": "edge",
    "#666": "edge",
    "#999": "edge",
    # Sequence actor boxes and notes (their classes repaint them), ER marker circles.
    "white": "bg",
    "#eaeaea": "bg",
    "#edf2ae": "bg",
    # Drop shadows of the "neo" look and of the sequence popup menu.
    "rgba(185,185,185,1)": "group",
    "rgba(0,0,0,0.2)": "group",
    "rgb(000/0.4)": "group",
}
"""Colors Mermaid writes without asking the theme, by their spelling without spaces."""

_KEEP = frozenset({"none", "transparent", "currentcolor", "inherit"})
_NAMED = (
    "black|white|red|green|blue|yellow|orange|purple|silver|maroon|navy|teal|olive|lime"
    "|aqua|fuchsia|gainsboro|whitesmoke|gray|lightgray|darkgray"
    "|grey|lightgrey|darkgrey"  # codespell:ignore
)
COLOR = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|(?:rgb|hsl)a?\([^)]*\)" rf"|(?<![\w-])(?:{_NAMED})(?![\w-])",
    re.IGNORECASE,
)
_PAINT_ATTRIBUTE = re.compile(r'\s(fill|stroke|stop-color|flood-color|color)="([^"]*)"')
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_DECLARATIONS = re.compile(r"\{([^{}]*)\}")
_ID = re.compile(r'\sid="([^"]+)"')


def _role_of(color: str) -> str | None:
    spelled = re.sub(r"\s+", "", color.lower())
    if spelled in _SENTINELS:
        return _SENTINELS[spelled]
    if spelled in FIXED_COLORS:
        return FIXED_COLORS[spelled]
    channels = re.fullmatch(r"rgba?\((\d+),(\d+),(\d+)(?:,[\d.]+)?\)", spelled)
    if channels:
        hexed = "#" + "".join(f"{int(c):02x}" for c in channels.groups())
        return _SENTINELS.get(hexed)
    return None


def _recolor(text: str, where: str) -> str:
    """``text`` with each color replaced by its role's custom property."""

    def swap(match: re.Match[str]) -> str:
        role = _role_of(match.group(0))
        if role is None:
            raise DiagramSvgError(
                f"{where}: the color {match.group(0)!r} has no role. Diagrams take their"
                " colors from the theme: remove colors set with style or classDef; if"
                " Mermaid chose it, give its theme variable a role in macros/diagramsvg.py"
                " (_VARIABLE_ROLES), or add it to FIXED_COLORS if Mermaid writes it itself"
            )
        return f"var(--d-{role})"

    return COLOR.sub(swap, text)


def colors_in(svg: str) -> list[str]:
    """Every literal color of ``svg``'s stylesheets and paint attributes (for the tests)."""
    found: list[str] = []
    for style in re.findall(r"<style>(.*?)</style>", svg, re.DOTALL):
        for block in _DECLARATIONS.findall(style):
            found.extend(m.group(0) for m in COLOR.finditer(block))
    for _, value in _PAINT_ATTRIBUTE.findall(svg):
        if value.lower() not in _KEEP and not value.startswith("url("):
            found.append(value)
    for value in _STYLE_ATTRIBUTE.findall(svg):
        found.extend(m.group(0) for m in COLOR.finditer(value))
    return found


def _recolor_style(svg: str, where: str) -> str:
    def block(match: re.Match[str]) -> str:
        return "{" + _recolor(match.group(1), where) + "}"

    def sheet(match: re.Match[str]) -> str:
        return "<style>" + _DECLARATIONS.sub(block, match.group(1)) + "</style>"

    return re.sub(r"<style>(.*?)</style>", sheet, svg, flags=re.DOTALL)


def _paint_attributes(svg: str, where: str) -> tuple[str, set[tuple[str, str]]]:
    """Paint attributes become classes painted by zero-specificity rules.

    A presentation attribute loses to every rule of the stylesheet, and a rule
    inside ``:where()`` does too, so the class keeps the attribute's weight
    while its color comes from the palette.
    """
    used: set[tuple[str, str]] = set()

    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        classes: list[str] = []
        for attribute, value in _PAINT_ATTRIBUTE.findall(text):
            if value.lower() in _KEEP or value.startswith("url("):
                continue
            role = _role_of(value)
            if role is None:
                _recolor(value, where)  # raises, naming the color
                continue
            used.add((attribute, role))
            classes.append(f"d-{attribute}-{role}")
            text = text.replace(f' {attribute}="{value}"', "", 1)
        text = _STYLE_ATTRIBUTE.sub(
            lambda m: f' style="{_recolor(m.group(1), where)}"' if m.group(1).strip(" ;") else "",
            text,
        )
        if classes:
            if ' class="' in text:
                text = text.replace(' class="', ' class="' + " ".join(classes) + " ", 1)
            else:
                text = re.sub(r"(\s*/?>)$", f' class="{" ".join(classes)}"\\1', text, count=1)
        return text

    return re.sub(r"<[a-zA-Z][^<>]*>", tag, svg), used


def _unique_ids(svg: str, prefix: str) -> str:
    """Give ids Mermaid did not prefix (sequence actors) the diagram's prefix, references too."""
    for old in dict.fromkeys(_ID.findall(svg)):
        if prefix in old:
            continue
        new = f"{prefix}-{old}"
        quoted = re.escape(old)
        svg = re.sub(rf'(\sid=")({quoted})(")', rf"\g<1>{new}\3", svg)
        svg = re.sub(rf"url\(#{quoted}\)", f"url(#{new})", svg)
        svg = re.sub(rf'(href=")#{quoted}"', rf'\g<1>#{new}"', svg)
        svg = re.sub(rf"#{quoted}(?![\w-])", f"#{new}", svg)
    return svg


_GEOMETRY = re.compile(
    r'(\s(?:d|points|transform|x|y|x1|x2|y1|y2|width|height|cx|cy|r|rx|ry)=")([^"]*)(")'
)
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _rounded(svg: str) -> str:
    """Coordinates to two decimals: Mermaid writes 16 digits, a screen shows none of them."""

    def numbers(match: re.Match[str]) -> str:
        return match.group(1) + rounded_numbers(match.group(2)) + match.group(3)

    return _GEOMETRY.sub(numbers, svg)


def rounded_numbers(text: str) -> str:
    """Every number in path or list data to two decimals, each kept apart from the next.

    Path data may run numbers together ("256.004.255" is 256.004 then .255): a rounded
    number that would merge with the one before it gets a space.
    """
    out: list[str] = []
    previous = ""
    position = 0
    for match in _NUMBER.finditer(text):
        between = text[position : match.start()]
        token = match.group(0)
        value = _number(token) if _decimals(token) > 2 else token
        if token.lstrip("-").startswith("."):
            value = value.replace("0.", ".", 1) if value.lstrip("-").startswith("0.") else value
        if not between and previous and _runs_on(previous, value):
            between = " "
        out.append(between + value)
        previous = value
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def _decimals(token: str) -> int:
    mantissa = re.split("[eE]", token)[0]
    return len(mantissa.partition(".")[2])


def _runs_on(previous: str, value: str) -> bool:
    """Whether writing value straight after previous would read as one number."""
    if value.startswith("-"):
        return False
    if value[0].isdigit():
        return True
    return "." not in previous and "e" not in previous.lower()


def _number(value: str) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _root(svg: str, svg_id: str, where: str) -> str:
    """The root element: an image named by its title, as wide as its viewBox at most."""
    match = re.match(r"<svg\b[^>]*>", svg)
    if match is None:
        raise DiagramSvgError(f"{where}: not an SVG")
    root = match.group(0)
    view_box = re.search(r'\sviewBox="([^"]+)"', root)
    kind = re.search(r'\sclass="([^"]*)"', root)
    if view_box is None:
        raise DiagramSvgError(f"{where}: the SVG has no viewBox, so it cannot scale")
    numbers = view_box.group(1).split()
    box = " ".join(_number(n) for n in numbers)
    title = f"chart-title-{svg_id}"
    desc = f"chart-desc-{svg_id}"
    has_title = f'<title id="{title}">' in svg
    has_desc = f'<desc id="{desc}">' in svg
    if not has_desc and not has_title:
        raise DiagramSvgError(
            f"{where}: the diagram has no text alternative; add an accDescr line (what the"
            " diagram shows, in words) and, if you like, an accTitle line"
        )
    if not has_title:  # the description is all there is: it becomes the name
        svg = svg.replace(f'<desc id="{desc}">', f'<title id="{title}">', 1)
        svg = re.sub(r"</desc>", "</title>", svg, count=1)
    described = f' aria-describedby="{desc}"' if has_title and has_desc else ""
    new_root = (
        f'<svg id="{svg_id}" xmlns="http://www.w3.org/2000/svg"'
        f' class="{kind.group(1) if kind else ""}"'
        f' width="{_number(numbers[2])}" height="{_number(numbers[3])}" viewBox="{box}"'
        f' role="img" aria-labelledby="{title}"{described}>'
    )
    return new_root + svg[match.end() :]


def _palette_rule(svg_id: str, paints: set[tuple[str, str]]) -> str:
    roles = "".join(f"--d-{role}:{value};" for role, value in ROLES.items())
    rules = [f"#{svg_id}{{{roles}color:var(--d-edge)}}"]
    rules += [
        f":where(#{svg_id} .d-{attribute}-{role}){{{attribute}:var(--d-{role})}}"
        for attribute, role in sorted(paints)
    ]
    return "".join(rules)


def page_svg(raw: str, render_id: str, svg_id: str, where: str = "diagram") -> str:
    """Mermaid's ``raw`` SVG, rendered with ``render_id``, made ready to inline as ``svg_id``.

    ``where`` names the diagram in errors. Raises :class:`DiagramSvgError`.
    """
    svg = raw.strip()
    if not svg.startswith(f'<svg id="{render_id}"'):
        raise DiagramSvgError(f"{where}: expected Mermaid's SVG with id {render_id!r}")
    svg = svg.replace(render_id, svg_id)
    svg = _recolor_style(svg, where)
    svg, paints = _paint_attributes(svg, where)
    svg = re.sub(r'\s(?:data-[\w-]+|name)="[^"]*"', "", svg)
    svg = _rounded(svg)
    svg = _unique_ids(svg, svg_id)
    svg = _root(svg, svg_id, where)
    rule = _palette_rule(svg_id, paints)
    if "<style>" in svg:
        return svg.replace("<style>", "<style>" + rule, 1)
    opening = re.match(r"<svg\b[^>]*>", svg)
    assert opening is not None
    return svg[: opening.end()] + f"<style>{rule}</style>" + svg[opening.end() :]
