"""Mermaid diagrams drawn at build time: each ```mermaid fence becomes an inline SVG.

Pages keep their Mermaid source. ``make diagrams`` (scripts/diagrams.py)
renders each fence once with Chromium and the vendored Mermaid and commits the
SVG as ``docs/.diagrams/<key>.svg``, where the key hashes the fence's source, the
Mermaid release (``docs/assets/vendor/mermaid/vendor.json``) and
:data:`MERMAID_CONFIG`. :func:`fence_format`, the superfences formatter that
mkdocs.yml declares for ``mermaid``, finds that file and inlines it in a
``<figure>``, in the reader's palette (:mod:`macros.diagramsvg`): no browser
at build time, no script on the page.

A fence whose SVG is missing (new or edited since ``make diagrams``) stops a
build with the fix to run; MkDocs names the page. Under ``mkdocs serve``
(:mod:`macros.livediagrams` sets ``ATLAS_DIAGRAMS=live``) it is drawn in the
browser by Mermaid instead, so an edit shows at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from markdown import Markdown
from pymdownx.superfences import (  # type: ignore[import-untyped]
    SuperFencesException,
    fence_code_format,
)

from macros.diagramsvg import THEME_VARIABLES, DiagramSvgError, page_svg
from macros.errors import BuildError

__all__ = [
    "CACHE_DIR",
    "LIVE",
    "MERMAID_CONFIG",
    "DiagramError",
    "cache_key",
    "fence_format",
    "figure",
    "normalize",
    "renderer",
]

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "docs" / ".diagrams"
VENDOR_MANIFEST = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "vendor.json"
LIVE = ("ATLAS_DIAGRAMS", "live")
"""The environment variable, and its value, that let a missing SVG be drawn in the browser."""

# Material's text fonts when the theme loads none (theme.font: false): Mermaid
# measures the labels in the font the reader's browser will use.
FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
MERMAID_CONFIG: dict[str, Any] = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "deterministicIds": True,
    "theme": "base",
    "themeVariables": {"fontFamily": FONT, "fontSize": "16px", **THEME_VARIABLES},
    "fontFamily": FONT,
    # Labels as SVG text: HTML labels (foreignObject) would not scale with the image.
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False},
    # The sizes Material gives sequence diagrams when it draws them in the browser.
    "sequence": {"actorFontSize": "16px", "messageFontSize": "16px", "noteFontSize": "16px"},
}
"""What Mermaid is given to draw every diagram; part of each diagram's cache key."""


class DiagramError(BuildError, SuperFencesException):  # type: ignore[misc]
    """A diagram the build cannot draw. MkDocs names the page; the message names the fix.

    A :class:`SuperFencesException` so superfences does not swallow it, a
    :class:`~macros.errors.BuildError` (MkDocs' ``PluginError``) so MkDocs stops
    with the message and no traceback.
    """


def normalize(source: str) -> str:
    """The fence's source as its key sees it: dedented, no trailing spaces or blank edges."""
    lines = [line.rstrip() for line in textwrap.dedent(source.expandtabs(4)).splitlines()]
    return "\n".join(lines).strip("\n") + "\n"


@cache
def renderer(manifest: Path = VENDOR_MANIFEST) -> str:
    """The vendored Mermaid release, e.g. ``mermaid@11.17.2`` (written by ``make vendor``)."""
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    return f"{recorded['package']}@{recorded['version']}"


def cache_key(source: str, version: str | None = None) -> str:
    """16 hex digits that change with the source, the Mermaid release and :data:`MERMAID_CONFIG`."""
    drawn_by = json.dumps(
        {"renderer": version or renderer(), "config": MERMAID_CONFIG}, sort_keys=True
    )
    return hashlib.sha256(f"{drawn_by}\n{normalize(source)}".encode()).hexdigest()[:16]


def render_id(key: str) -> str:
    """The id Mermaid gives the diagram's SVG (and prefixes its inner ids with)."""
    return f"diagram-{key}"


def summary(source: str) -> str:
    """A diagram in a few words, for messages: its type and first statement."""
    lines = [line.strip() for line in normalize(source).splitlines() if line.strip()]
    kind = lines[0] if lines else "empty diagram"
    body = [line for line in lines[1:] if not line.startswith(("acc", "%%"))]
    return f"{kind} starting {body[0]!r}" if body else kind


def missing_message(source: str, key: str) -> str:
    return (
        f"the Mermaid diagram ({summary(source)}) has no SVG for its current source:"
        f" docs/.diagrams/{key}.svg is missing or the source changed since it was drawn"
        f" with {renderer()}: run make diagrams, then commit docs/.diagrams/"
    )


# One count of each diagram per page, so a diagram shown twice gets other ids
# the second time. MkDocs converts each page with its own Markdown instance.
_shown: WeakKeyDictionary[Markdown, Counter[str]] = WeakKeyDictionary()


def figure(source: str, md: Markdown | None = None, cache_dir: Path | None = None) -> str | None:
    """The diagram as ``<figure>`` HTML with its SVG inline, or None when it is not drawn yet."""
    key = cache_key(source)
    path = (cache_dir or CACHE_DIR) / f"{key}.svg"
    if not path.is_file():
        return None
    count = 1
    if md is not None:
        shown = _shown.setdefault(md, Counter())
        shown[key] += 1
        count = shown[key]
    svg_id = render_id(key) if count == 1 else f"{render_id(key)}-{count}"
    try:
        svg = page_svg(
            path.read_text(encoding="utf-8"), render_id(key), svg_id, f"docs/.diagrams/{key}.svg"
        )
    except DiagramSvgError as error:
        raise DiagramError(f"{error} ({summary(source)})") from error
    # Search indexes the words that follow the diagram, not its labels run together.
    return f'<figure class="atlas-diagram" data-search-exclude>{svg}</figure>'


def live() -> bool:
    """Whether a missing SVG may be drawn in the browser (``mkdocs serve``)."""
    name, value = LIVE
    return os.environ.get(name) == value


def fence_format(
    src: str,
    language: str,
    class_name: str,
    options: dict[str, Any],
    md: Markdown,
    **kwargs: Any,
) -> str:
    """Superfences formatter for ``mermaid`` fences (mkdocs.yml ``custom_fences``)."""
    drawn = figure(src, md)
    if drawn is not None:
        return drawn
    if live():
        # <pre class="mermaid">, as before: Material draws it with the vendored
        # Mermaid that macros.livediagrams adds to the page.
        code: str = fence_code_format(src, language, class_name, options, md, **kwargs)
        return code
    raise DiagramError(missing_message(src, cache_key(src)))
