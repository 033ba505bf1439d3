"""The glossary as Markdown extensions, declared in mkdocs.yml.

    markdown_extensions:
      - macros.glossary          # abbr, with every glossary abbreviation as a tooltip
      - macros.termlinks         # [text](term:id) links to the glossary page
      - macros.tableblocks       # generated tables skip the HTML block parser

Declared there, not added by ``define_env``, so every engine that reads
mkdocs.yml (MkDocs, Zensical) runs the same extensions. Both glossary
extensions read ``data/glossary.yml`` (``data_dir`` is relative to the folder
the build runs in, as MkDocs' own paths are); the file is read again only when
it changed, so a glossary edit shows on the next ``make serve`` rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from markdown.extensions.abbr import AbbrExtension

from .datasets import GLOSSARY, load_index
from .errors import DataError
from .models import GlossaryTerm

DATA_DIR = "data"
"""Where the data files are, relative to the project (mkdocs.yml's folder)."""


class GlossaryConfigError(ValueError):
    """The glossary could not be read: the message names file, line, field and fix."""


def glossary_terms(data_dir: str | Path = DATA_DIR) -> Mapping[str, GlossaryTerm]:
    """The validated glossary by id; a problem in the file raises with its report."""
    folder = Path(data_dir)
    try:
        return load_index(GLOSSARY, folder, Path.cwd())
    except DataError as exc:
        raise GlossaryConfigError(exc.report()) from None


def abbreviations(terms: Iterable[GlossaryTerm]) -> dict[str, str]:
    """Abbreviation -> expansion for every glossary term that has one.

    Fed to Python-Markdown's ``abbr`` extension, so every page shows the
    expansion as a tooltip on e.g. "API", from the glossary itself rather than
    a second list kept by hand.
    """
    return {term.name: term.expansion for term in terms if term.expansion}


def makeExtension(data_dir: str = DATA_DIR) -> AbbrExtension:
    """``abbr`` with the glossary's abbreviations (``macros.glossary`` in mkdocs.yml)."""
    return AbbrExtension(glossary=abbreviations(glossary_terms(data_dir).values()))
