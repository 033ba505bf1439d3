"""The theme as readers get it: Material extended, never copied, every fix on every built page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import material
import pytest
from bs4 import Tag
from conftest import ROOT, build_project, copy_project, mkdocs_build
from sitecheck import html_pages, parse

from macros.theme import EDITS

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "docs" / ".overrides"


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
