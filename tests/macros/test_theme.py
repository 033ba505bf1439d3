"""The theme hook's edits, one by one: each mends Material's markup or fails naming itself."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import material
import pytest
from conftest import ROOT
from mkdocs.exceptions import PluginError

from macros.theme import EDITS, Edit, ThemeEditError, apply_edits

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "docs" / ".overrides"
PAGE = "guide/index.html"


class Case(NamedTuple):
    """Material's markup for one edit: as it is today, as mended, and as it might change."""

    material: str
    mended: str
    changed: str


DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
SEARCH = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
TOC_LIST = '<ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>'
OPTIONS = '<nav class="md-search__options" aria-label="Suche">'
SOURCE = '<a href="https://github.com/o/r" title="Go to repository" class="md-source"'
BUNDLE = "assets/javascripts/bundle.0123abcd.min.js"

CASES = {
    "toggles-autocomplete": Case(
        f'    {DRAWER} autocomplete="off">\n    {SEARCH} autocomplete="off">\n',
        '    <form id="__toggles" autocomplete="off" hidden></form>\n'
        f'    {DRAWER} form="__toggles">\n    {SEARCH} form="__toggles">\n',
        f'    {DRAWER} autocomplete="off" hidden>\n    {SEARCH} autocomplete="off" hidden>\n',
    ),
    "bundle-defer": Case(
        f'<script src="../{BUNDLE}"></script>',
        f'<script defer src="../{BUNDLE}"></script>',
        f'<script type="module" src="../{BUNDLE}"></script>',
    ),
    "search-dialog-name": Case(
        f'<div class="md-search" data-md-component="search" role="dialog">\n{OPTIONS}',
        f'<div class="md-search" data-md-component="search" role="dialog" aria-label="Suche">\n'
        f"{OPTIONS}",
        f'<div class="md-search" data-md-component="search" role="dialog" aria-modal="true">\n'
        f"{OPTIONS}",
    ),
    "nav-label-tabindex": Case(
        '<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="">'
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">',
        '<label class="md-nav__link " for="__nav_2" id="__nav_2_label">'
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">',
        '<label class="md-nav__link" id="__nav_2_label" for="__nav_2" tabindex="">',
    ),
    "toc-title-without-checkbox": Case(
        f'<label class="md-nav__title" for="__toc">\n{TOC_LIST}',
        f'<label class="md-nav__title">\n{TOC_LIST}',
        f'<label class="md-nav__title md-nav__title--toc" for="__toc">\n{TOC_LIST}',
    ),
    "source-without-api": Case(
        f'{SOURCE} data-md-component="source">',
        f"{SOURCE}>",
        f'{SOURCE} data-md-component="source" data-md-state="">',
    ),
}


def edit(name: str) -> Edit:
    return next(edit for edit in EDITS if edit.name == name)


def test_every_edit_has_a_case_here() -> None:
    assert sorted(CASES) == sorted(edit.name for edit in EDITS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_edit_mends_materials_markup(name: str) -> None:
    case = CASES[name]
    assert apply_edits(case.material, PAGE, [edit(name)]) == case.mended


@pytest.mark.parametrize("name", sorted(CASES))
def test_edit_whose_markup_changed_fails_naming_itself_and_the_page(name: str) -> None:
    with pytest.raises(PluginError) as raised:
        apply_edits(CASES[name].changed, PAGE, [edit(name)])
    message = str(raised.value)
    assert message.startswith(f"{PAGE}: theme edit '{name}' no longer applies")
    assert f"Material's templates/{edit(name).template}" in message
    assert "macros/theme.py" in message


def test_every_stale_edit_of_a_page_is_reported_at_once() -> None:
    page = CASES["bundle-defer"].changed + CASES["source-without-api"].changed
    with pytest.raises(ThemeEditError) as raised:
        apply_edits(page, PAGE)
    lines = str(raised.value).splitlines()
    assert [re.sub(r".*theme edit '([^']+)'.*", r"\1", line) for line in lines] == [
        "toggles-autocomplete",
        "bundle-defer",
        "source-without-api",
    ]


def test_toc_title_keeps_its_label_where_the_checkbox_exists() -> None:
    page = (
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n'
        + CASES["toc-title-without-checkbox"].material
    )
    assert apply_edits(page, PAGE, [edit("toc-title-without-checkbox")]) == page


def test_pages_without_search_repository_or_unfocusable_sections_need_no_edit_for_them() -> None:
    """The PDF edition has no search; a site without repo_url has no source link."""
    page = '<nav><label class="md-nav__link" tabindex="0">A</label></nav>'
    for name in ("search-dialog-name", "source-without-api", "nav-label-tabindex"):
        assert apply_edits(page, PAGE, [edit(name)]) == page
