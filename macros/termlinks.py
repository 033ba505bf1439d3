"""Glossary links in plain Markdown: ``[idempotent](term:idempotent)``.

A link whose address is ``term:<id>`` points at that entry of
``data/glossary.yml``. :class:`TermLinks` turns it into a link to the entry on
the glossary page with the definition as its title, which Material shows as a
tooltip; an empty label, ``[](term:jit)``, takes the term's name. An id the
glossary does not have stops the build, naming the closest id it does have.

Being Markdown, not a macro, these links need no ``render_macros`` and no Jinja
on the page, and they never reach code blocks or code spans.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Protocol

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .errors import closest

SCHEME = "term:"
# Relative to docs/: mkdocs.yml sets validation.links.absolute_links to relative_to_docs,
# so MkDocs turns it into a relative URL from each page and checks the anchor.
GLOSSARY_PAGE = "/glossary/index.md"


class Term(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def definition(self) -> str: ...


class UnknownTermError(ValueError):
    """A ``term:`` link names an id that is not in the glossary."""


def anchor(ident: str) -> str:
    """The id of a term's entry on the glossary page."""
    return f"term-{ident}"


def unknown_term_message(ident: str, known: Mapping[str, object]) -> str:
    close = closest(ident, known)
    hint = f" (did you mean 'term:{close}'?)" if close else ""
    return f"'term:{ident}' is not a term in data/glossary.yml{hint}"


def link_term(link: ET.Element, terms: Mapping[str, Term]) -> None:
    """Point ``link`` (an ``<a href="term:id">``) at the glossary entry."""
    ident = link.get("href", "")[len(SCHEME) :]
    term = terms.get(ident)
    if term is None:
        raise UnknownTermError(unknown_term_message(ident, terms))
    link.set("href", f"{GLOSSARY_PAGE}#{anchor(ident)}")
    link.set("title", term.definition)
    if not (link.text or "").strip() and len(link) == 0:
        link.text = term.name


class TermLinkTreeprocessor(Treeprocessor):
    def __init__(
        self, md: Markdown, terms: Mapping[str, Term], error: type[Exception] | None
    ) -> None:
        super().__init__(md)
        self.terms = terms
        self.error = error

    def run(self, root: ET.Element) -> None:
        for link in root.iter("a"):
            if link.get("href", "").startswith(SCHEME):
                try:
                    link_term(link, self.terms)
                except UnknownTermError as exc:
                    if self.error is None:
                        raise
                    raise self.error(str(exc)) from None


class TermLinks(Extension):
    """Python-Markdown extension for ``term:`` links.

    ``error`` is the exception type raised for an unknown id; the build passes
    MkDocs' ``PluginError`` so the message shows under the page's name without a
    traceback.
    """

    def __init__(self, terms: Mapping[str, Term], error: type[Exception] | None = None) -> None:
        super().__init__()
        self.terms = terms
        self.error = error

    def extendMarkdown(self, md: Markdown) -> None:
        # After 'inline' (20) has made the links; before 'abbr' (7), 'toc' (5)
        # and MkDocs' 'relpath' (0), which makes the address relative and checks it.
        processor = TermLinkTreeprocessor(md, self.terms, self.error)
        md.treeprocessors.register(processor, "atlas_terms", 15)


def _build_error() -> type[Exception] | None:
    """MkDocs' ``PluginError`` when MkDocs runs the build: its message shows under the page."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another engine: a plain ValueError with the same message
        return None
    return PluginError


def makeExtension(data_dir: str = "data") -> TermLinks:
    """``macros.termlinks`` in mkdocs.yml: the terms of ``data_dir``/glossary.yml."""
    from .glossary import glossary_terms

    return TermLinks(glossary_terms(data_dir), error=_build_error())
