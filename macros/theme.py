"""Material's pages, mended: small named edits to the HTML that Material renders.

MkDocs loads this module as a hook (``hooks:`` in mkdocs.yml). Material's
templates are extended, never copied: ``docs/.overrides/main.html`` adds to
``base.html``'s blocks, and what no block reaches (markup inside Material's
partials, or the lines a block would have to copy with their hashed asset
names) is mended here, one declared :class:`Edit` at a time.

Each edit says which markup of Material's it expects and on which pages it must
find it. When Material changes that markup, the build stops and names the edit
and the page, instead of shipping the old fault again; nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

__all__ = [
    "EDITS",
    "Edit",
    "ThemeEditError",
    "apply_edits",
    "on_post_build",
    "on_post_page",
    "on_post_template",
]

Needed = Callable[[str], bool]
"""Whether a page, by its HTML, must hold an edit's pattern."""


def everywhere(html: str) -> bool:
    """Every page Material renders from base.html needs the edit."""
    return True


def contains(pattern: str) -> Needed:
    """Pages whose HTML matches ``pattern`` need the edit."""
    search = re.compile(pattern).search
    return lambda html: search(html) is not None


def toc_without_checkbox(html: str) -> bool:
    """Pages with a table of contents but no ``__toc`` checkbox for its title to toggle.

    The navigation renders that checkbox only next to a page it lists as a plain
    page: a section's index page (``navigation.indexes``) and a page missing
    from ``nav`` have none.
    """
    return 'data-md-component="toc"' in html and 'id="__toc"' not in html


class Edit(NamedTuple):
    """One change to Material's HTML, and why it is there."""

    name: str
    """Short and stable: error messages and tests refer to the edit by it."""
    template: str
    """Material's template (under material/templates/) that writes the markup."""
    pattern: re.Pattern[str]
    """Material's markup as it is today; every match is replaced."""
    replacement: str
    """What each match becomes (``re.sub`` syntax: ``\\1`` is the first group)."""
    reason: str
    needed: Needed = everywhere
    """The pages the edit is for: there ``pattern`` must match; other pages are left alone."""


EDITS: tuple[Edit, ...] = (
    Edit(
        name="toggles-autocomplete",
        template="base.html",
        pattern=re.compile(
            r'^( *)<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
            r' autocomplete="off">\n'
            r'\1<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
            r' autocomplete="off">$',
            re.MULTILINE,
        ),
        replacement="\n".join(
            (
                r'\1<form id="__toggles" autocomplete="off" hidden></form>',
                r'\1<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
                r' form="__toggles">',
                r'\1<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
                r' form="__toggles">',
            )
        ),
        reason=(
            'autocomplete="off" keeps browsers from restoring the drawer and search'
            " checkboxes checked on a reload or a back navigation, but HTML allows it only"
            " on text-like inputs (Nu HTML Checker error). On a form it is valid and covers"
            " the form's controls: the checkboxes join an empty hidden form that carries it,"
            " and stay where Material's CSS expects them."
        ),
    ),
    Edit(
        name="bundle-defer",
        template="base.html",
        pattern=re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)">'),
        replacement=r'<script defer src="\1">',
        reason=(
            "The page paints without waiting for Material's bundle (issue 9, Lighthouse);"
            " deferred, it still runs before DOMContentLoaded, when Material starts."
        ),
    ),
    Edit(
        name="search-dialog-name",
        template="partials/search.html",
        pattern=re.compile(
            r'<div class="md-search" data-md-component="search" role="dialog">'
            r'(?=[\s\S]*?<nav class="md-search__options" aria-label="([^"]*)">)'
        ),
        replacement=(
            r'<div class="md-search" data-md-component="search" role="dialog" aria-label="\1">'
        ),
        reason=(
            "A dialog needs an accessible name (axe: aria-dialog-name), so screen readers"
            " announce it when it opens. It takes the label Material gives the search"
            " options inside it: lang.t('search'), \"Search\" in English."
        ),
        needed=contains(r'data-md-component="search"'),
    ),
    Edit(
        name="nav-label-tabindex",
        template="partials/nav-item.html",
        pattern=re.compile(
            r'(<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*_label") tabindex=""'
        ),
        replacement=r"\1",
        reason=(
            "A section label that takes no keyboard focus gets no tabindex at all: an"
            " empty one is invalid HTML (Nu HTML Checker)."
        ),
        needed=contains(r'tabindex=""'),
    ),
    Edit(
        name="toc-title-without-checkbox",
        template="partials/toc.html",
        pattern=re.compile(r'<label class="md-nav__title" for="__toc">'),
        replacement=r'<label class="md-nav__title">',
        reason=(
            "On a page without a __toc checkbox (a section's index page), the title of the"
            " table of contents must not point its label at a missing control (Nu HTML"
            " Checker)."
        ),
        needed=toc_without_checkbox,
    ),
    Edit(
        name="source-without-api",
        template="partials/source.html",
        pattern=re.compile(
            r'(<a href="[^"]*" title="[^"]*" class="md-source") data-md-component="source">'
        ),
        replacement=r"\1>",
        reason=(
            'data-md-component="source" makes the browser ask api.github.com, on every visit,'
            " for the repository's stars and latest release. Readers' browsers talk only to"
            " this site, so the repository link stays a plain link."
        ),
        needed=contains(r'class="md-source"'),
    ),
)


class ThemeEditError(PluginError):
    """An edit that no longer finds Material's markup on a page that needs it."""


def apply_edits(html: str, where: str, edits: Sequence[Edit] = EDITS) -> str:
    """``html`` (the page ``where``, for messages) with every edit applied.

    Raises :class:`ThemeEditError` naming each edit whose pattern is missing
    from a page that needs it.
    """
    stale: list[Edit] = []
    for edit in edits:
        if not edit.needed(html):
            continue
        html, count = edit.pattern.subn(edit.replacement, html)
        if count == 0:
            stale.append(edit)
    if stale:
        raise ThemeEditError("\n".join(stale_message(edit, where) for edit in stale))
    return html


def stale_message(edit: Edit, where: str) -> str:
    return (
        f"{where}: theme edit '{edit.name}' no longer applies: Material's {edit.template}"
        f" no longer writes {edit.pattern.pattern!r}. The edit is there because: {edit.reason}"
        f" Compare Material's templates/{edit.template} with the pattern, then update the"
        " edit in macros/theme.py, or remove it if Material fixed the fault itself."
    )


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return apply_edits(output, page.file.dest_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Theme pages rendered on their own, such as 404.html; not sitemap.xml."""
    if not template_name.endswith(".html"):
        return output_content
    return apply_edits(output_content, template_name)


def on_post_build(config: MkDocsConfig) -> None:
    """The print page of the PDF edition, mended in place.

    The print-site plugin renders it with the theme after the page events and
    writes it itself, so neither ``on_post_page`` nor ``on_post_template`` sees it.
    """
    plugin = config.plugins.get("print-site")
    if plugin is None or not plugin.config.get("enabled", True):
        return
    file = plugin.print_page.file
    path = Path(file.abs_dest_path)
    path.write_text(apply_edits(path.read_text(encoding="utf-8"), file.dest_uri), encoding="utf-8")
