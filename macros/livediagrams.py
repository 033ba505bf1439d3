"""Live preview of diagrams: ``mkdocs serve`` draws in the browser what has no SVG yet.

MkDocs loads this module as a hook (``hooks:`` in mkdocs.yml). A diagram
edited under ``make serve`` has no SVG in docs/.diagrams/ until ``make diagrams``
runs, so :mod:`macros.diagrams` would stop the build. In a preview it writes
the fence as ``<pre class="mermaid">`` instead, and this hook adds the
vendored Mermaid to that page alone, which Material's bundle then uses to
draw it: the edit shows at the next reload. ``mkdocs build`` never does this,
and never publishes Mermaid (``draft_docs`` in mkdocs.yml).
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

from macros.diagrams import LIVE

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

__all__ = ["MERMAID_JS", "on_page_content", "on_startup"]

MERMAID_JS = "assets/vendor/mermaid/mermaid.min.js"
DRAWN_IN_BROWSER = '<pre class="mermaid">'
log = logging.getLogger("mkdocs.hooks.livediagrams")


def on_startup(*, command: str, dirty: bool) -> None:
    """``serve`` lets a missing SVG fall back to the browser; any other command does not."""
    name, value = LIVE
    if command == "serve":
        os.environ[name] = value
    else:
        os.environ.pop(name, None)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if DRAWN_IN_BROWSER not in html:
        return html
    count = html.count(DRAWN_IN_BROWSER)
    log.info(
        "%s: %d diagram(s) drawn in the browser until `make diagrams` draws their SVG",
        page.file.src_uri,
        count,
    )
    # Not deferred: window.mermaid exists before Material's (deferred) bundle
    # looks for it, so Material never fetches its own copy.
    return f'{html}\n<script src="{get_relative_url(MERMAID_JS, page.url)}"></script>'
