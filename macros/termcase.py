"""Build check (an MkDocs hook): glossary links keep common nouns lower case mid-sentence.

``A visitor's [Request](term:request) reaches ...`` reads as a proper name where
the guide means the common noun. For every page, :func:`macros.termlinks.capitalized_links`
finds such links in the page's source, and each one is a warning naming file, line
and the fix; ``mkdocs build --strict`` (and mkdocs.yml's ``strict: true``) turns the
warnings into a failed build. Terms that keep their capital (abbreviations, names
like PostgreSQL, entries with ``proper_name: true``) pass anywhere.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from macros.glossary import glossary_terms
from macros.termlinks import capitalized_links

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.termcase")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = Path(config.config_file_path).parent / "data"
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    for problem in capitalized_links(page.file.content_string, glossary_terms(data)):
        log.warning(problem.message(path))
    return markdown
