"""The theme: Material extended by blocks and mended by named edits, never copied."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import NamedTuple

import material
import pytest
from bs4 import Tag
from conftest import ROOT, build_project, copy_project, mkdocs_build
from mkdocs.exceptions import PluginError
from sitecheck import html_pages, parse

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


HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)")


def test_overrides_name_no_hashed_material_asset() -> None:
    """Material's asset names change with its version: only Material may write them."""
    named = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in sorted(OVERRIDES.rglob("*"))
        if path.is_file()
        for match in HASHED_ASSET.finditer(path.read_text(encoding="utf-8"))
    ]
    assert named == []


def test_overrides_extend_material_never_copy_its_templates() -> None:
    """main.html is Material's place for overrides; any other of its names is a copy."""
    copies = [
        path.relative_to(OVERRIDES).as_posix()
        for path in sorted(OVERRIDES.rglob("*"))
        if path.is_file() and path.name != "main.html"
        if (MATERIAL / path.relative_to(OVERRIDES)).exists()
    ]
    assert copies == [], "extend main.html's blocks or add an edit to macros/theme.py"


def theme_faults(page: Path, site: Path) -> list[str]:
    """What a reader of ``page`` would meet of the faults the theme edits fix."""
    soup = parse(page)
    html = page.read_text(encoding="utf-8")
    faults = []
    dialog = soup.select_one('div.md-search[role="dialog"]')
    if dialog is not None and dialog.get("aria-label") != "Search":
        faults.append('search dialog without aria-label="Search"')
    bundles = [
        script
        for script in soup.find_all("script", src=True)
        if isinstance(script, Tag) and "assets/javascripts/bundle." in str(script["src"])
    ]
    if len(bundles) != 1 or not bundles[0].has_attr("defer"):
        faults.append("Material's bundle is not loaded once, with defer")
    toggles = soup.select("#__drawer, #__search")
    form = soup.select_one('form#__toggles[autocomplete="off"][hidden]')
    if form is None or [t.get("form") for t in toggles] != ["__toggles", "__toggles"]:
        faults.append("drawer and search checkboxes outside the autocomplete=off form")
    if any(toggle.has_attr("autocomplete") for toggle in toggles):
        faults.append("autocomplete on a checkbox")
    if soup.select('label[tabindex=""]'):
        faults.append('label with tabindex=""')
    ids = {str(tag["id"]) for tag in soup.find_all(id=True) if isinstance(tag, Tag)}
    for label in soup.select("label[for]"):
        if str(label["for"]) not in ids:
            faults.append(f"label for a missing control: {label['for']}")
    if "api.github.com" in html or soup.select('[data-md-component="source"]'):
        faults.append("the header asks api.github.com for repository facts")
    return [f"{page.relative_to(site)}: {fault}" for fault in faults]


@pytest.mark.build
def test_built_pages_carry_every_theme_fix(built_site: Path) -> None:
    faults = [fault for page in html_pages(built_site) for fault in theme_faults(page, built_site)]
    assert faults == []
    assert (built_site / "404.html").is_file(), "404.html is rendered on its own: check it too"


@pytest.mark.build
def test_pdf_editions_print_page_carries_the_theme_fixes(tmp_path: Path) -> None:
    """print-site renders and writes its page after the page events: the hook mends it too."""
    site = build_project(tmp_path / "site", "mkdocs-pdf.yml")
    print_page = site / "print_page" / "index.html"
    assert theme_faults(print_page, site) == []


@pytest.mark.build
def test_build_fails_naming_the_edit_and_the_page_when_materials_markup_changes(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    search = project / "docs" / ".overrides" / "partials" / "search.html"
    search.parent.mkdir(parents=True)
    shutil.copy(MATERIAL / "partials" / "search.html", search)
    markup = search.read_text(encoding="utf-8")
    assert 'role="dialog">' in markup
    search.write_text(markup.replace('role="dialog">', 'role="dialog" aria-modal="true">'), "utf-8")

    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"\S+\.html: theme edit 'search-dialog-name' no longer applies", result.stderr)
