"""Glossary links in plain Markdown: ``[idempotent](term:idempotent)``.

A link whose address is ``term:<id>`` points at that entry of
``data/glossary.yml``. :class:`TermLinks` turns it into a link to the entry on
the glossary page with the definition as its title, which the browser shows as
a tooltip; an empty label, ``[](term:jit)``, takes the term's name. An id the
glossary does not have stops the build, naming the closest id it does have.

Being Markdown, not a macro, these links need no ``render_macros`` and no Jinja
on the page, and they never reach code blocks or code spans.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import NamedTuple, Protocol

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


class NamedTerm(Protocol):
    """What the capital-letter check reads of a glossary entry."""

    @property
    def name(self) -> str: ...

    @property
    def expansion(self) -> str | None: ...

    @property
    def proper_name(self) -> bool: ...


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


LINK = re.compile(r"\[([^\]\n]*)\]\(term:([^)\s]*)\)")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)[^`].*?\1")
# What may open a line before the sentence starts: a list marker, a heading, a
# quote, a definition, an admonition or tab title, a table cell.
LINE_START = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|#+\s+|>\s*|:\s+|(?:\?\?\?|!!!|===)\+?.*)+")
SENTENCE_END = (".", "!", "?", ":")


class CapitalProblem(NamedTuple):
    line: int
    label: str
    ident: str

    def message(self, path: str) -> str:
        fixed = self.label[:1].lower() + self.label[1:]
        return (
            f"{path}:{self.line}: glossary link [{self.label}](term:{self.ident}) starts with a "
            f"capital mid-sentence; write [{fixed}](term:{self.ident}) (a name that keeps its "
            f"capital, like Redis, gets proper_name: true in data/glossary.yml)"
        )


def keeps_capital(term: NamedTerm) -> bool:
    """A term written with a capital anywhere: an abbreviation, a name like PostgreSQL or Redis."""
    return bool(term.expansion) or term.proper_name or term.name[1:] != term.name[1:].lower()


def written_as_a_name(label: str) -> bool:
    """A label that reads as a name whatever the glossary says: API, CI/CD, Protocol Buffers."""
    words = label.split()
    inner = any(word[1:] != word[1:].lower() for word in words)
    return inner or sum(word[:1].isupper() for word in words) > 1


def _mid_sentence(lines: list[str]) -> bool:
    """Whether the text of a block up to a link (``lines``) leaves the link mid-sentence."""
    text = ""
    for line in lines:
        opened = LINE_START.match(line)
        # A list item, heading or definition starts a sentence afresh.
        text = line[opened.end() :] if opened else f"{text} {line}"
    text = text.rsplit("|", 1)[-1].rstrip(" *_\"'([")  # a table cell starts afresh
    return bool(text.strip()) and not text.endswith(SENTENCE_END)


def capitalized_links(markdown: str, terms: Mapping[str, NamedTerm]) -> list[CapitalProblem]:
    """Glossary links that capitalize a common noun mid-sentence, with their line numbers.

    ``[Request](term:request)`` after "A visitor's" is wrong: the glossary's "Request"
    is a common noun. A sentence, list item, heading or table cell may start with one,
    and a term that keeps its capital (:func:`keeps_capital`) may appear anywhere.
    Code blocks and code spans are skipped.
    """
    problems: list[CapitalProblem] = []
    block: list[str] = []  # the lines of the current block so far
    in_fence = False
    for number, line in enumerate(markdown.split("\n"), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            block = []
            continue
        if in_fence or not line.strip():
            block = []
            continue
        text = CODE_SPAN.sub(lambda m: "x" * len(m.group(0)), line)
        for match in LINK.finditer(text):
            label, ident = match.group(1), match.group(2)
            term = terms.get(ident)
            if not label[:1].isupper() or term is None or keeps_capital(term):
                continue
            if written_as_a_name(label):
                continue
            if _mid_sentence([*block, text[: match.start()]]):
                problems.append(CapitalProblem(number, label, ident))
        block.append(text)
    return problems


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
