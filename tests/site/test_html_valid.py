"""Every page of the site and of the offline edition is valid HTML.

The W3C Nu HTML Checker (vnu.jar from npm `vnu-jar`, installed by `make node`)
runs once per tree on Java and reads local files only: it fetches nothing.
Errors fail the test; warnings may stay (Pygments' `<a name>` line anchors, the
`/>` that pymdownx.tabbed writes on its radio inputs). Fix an error where the
markup comes from: a named edit in macros/theme.py for Material's templates,
the macro for a table. Never by filtering the checker's output.

The checker tests are marked `browser` (`make test-browser`, which installs the
npm tools).
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT
from sitecheck import html_pages

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# JSON on stdout; --verbose names each file checked on stderr.
VNU_OPTIONS = ("--errors-only", "--format", "json", "--stdout", "--verbose")


@dataclass(frozen=True)
class HtmlError:
    page: str
    line: int
    column: int
    message: str
    extract: str

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}:{self.column}"


def java() -> str:
    found = shutil.which("java")
    assert found, "Java is missing: apt-get install default-jre-headless (.ci/run installs a JDK)"
    return found


def check_html(root: Path, pages: Sequence[Path]) -> list[HtmlError]:
    """The checker's errors for ``pages`` (files under ``root``), in one Java run."""
    assert VNU_JAR.is_file(), f"{VNU_JAR.relative_to(ROOT)} is missing: run `make node`"
    result = subprocess.run(
        [java(), "-jar", str(VNU_JAR), *VNU_OPTIONS, *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode in (0, 1), f"vnu failed ({result.returncode}):\n{result.stderr}"
    # --verbose names each file it checked on stderr; it skips unreadable ones silently.
    checked = {line for line in result.stderr.splitlines() if line.endswith(".html")}
    unchecked = sorted(str(page) for page in pages if str(page) not in checked)
    assert unchecked == [], f"vnu did not check: {unchecked}\n{result.stderr}"
    return [
        HtmlError(
            page=_page_name(root, message.get("url", "")),
            line=message.get("lastLine", 0),
            column=message.get("firstColumn", 0),
            message=f"{message['type']}: {message['message']}",
            extract=" ".join(message.get("extract", "").split()),
        )
        for message in json.loads(result.stdout)["messages"]
    ]


def _page_name(root: Path, url: str) -> str:
    path = Path(unquote(urlsplit(url).path))
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return url or "(no file)"


def report(errors: Sequence[HtmlError], pages: int) -> str:
    """The errors grouped by message, most frequent first, with one example of the markup."""
    by_message: dict[str, list[HtmlError]] = defaultdict(list)
    for error in errors:
        by_message[error.message].append(error)
    on_pages = len({error.page for error in errors})
    lines = [f"{len(errors)} HTML errors of {len(by_message)} kinds on {on_pages} of {pages} pages"]
    for message, group in sorted(by_message.items(), key=lambda item: (-len(item[1]), item[0])):
        lines += ["", f"{message} ({len(group)}x)", f"  markup: {group[0].extract}"]
        lines += [f"  {error.where}" for error in sorted(group, key=lambda e: (e.page, e.line))]
    lines += ["", "Fix Material's markup with an edit in macros/theme.py, a table's in its macro."]
    return "\n".join(lines)


def assert_valid_html(root: Path) -> None:
    pages = list(html_pages(root))
    assert len(pages) >= 50, f"only {len(pages)} pages in {root}"
    started = time.monotonic()
    errors = check_html(root, pages)
    print(f"vnu checked {len(pages)} pages in {time.monotonic() - started:.1f} s")
    assert errors == [], report(errors, len(pages))


@pytest.mark.browser
def test_site_pages_are_valid_html(built_site: Path) -> None:
    assert_valid_html(built_site)


@pytest.mark.browser
def test_offline_edition_pages_are_valid_html(offline_bundle: Path) -> None:
    assert_valid_html(offline_bundle)


@pytest.mark.browser
def test_checker_reports_each_error_with_its_page_and_line(tmp_path: Path) -> None:
    # Markup Material's templates write before macros/theme.py mends it.
    (tmp_path / "guide").mkdir()
    page = tmp_path / "guide" / "index.html"
    page.write_text(
        '<!doctype html>\n<html lang="en"><head><title>Old markup</title></head><body>\n'
        '<input type="checkbox" id="__drawer" autocomplete="off">\n'
        '<input type="checkbox" id="__nav_2"><label for="__nav_2" tabindex="">A</label>\n'
        '<label for="__toc">Table of contents</label>\n'
        "</body></html>\n",
        encoding="utf-8",
    )
    errors = check_html(tmp_path, [page])
    assert [(e.page, e.line) for e in errors] == [
        ("guide/index.html", 3),
        ("guide/index.html", 4),
        ("guide/index.html", 5),
    ]
    text = report(errors, 1)
    assert text.startswith("3 HTML errors of 3 kinds on 1 of 1 pages")
    assert "“autocomplete” is only allowed" in text and "guide/index.html:5:" in text


@pytest.mark.browser
def test_drawer_and_search_stay_closed_after_going_back(page: object, site_url: str) -> None:
    # Material's autocomplete="off" kept browsers from restoring these checkboxes;
    # the form="__toggles" that replaces it must keep doing so.
    page.goto(site_url + "apis/rest/")  # type: ignore[attr-defined]
    toggles = "['__drawer', '__search'].map(id => document.getElementById(id))"
    page.evaluate(f"{toggles}.forEach(toggle => {{ toggle.checked = true }})")  # type: ignore[attr-defined]
    page.goto(site_url + "apis/graphql/")  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    assert page.url.endswith("/apis/rest/")  # type: ignore[attr-defined]
    assert page.evaluate(f"{toggles}.map(toggle => toggle.checked)") == [False, False]  # type: ignore[attr-defined]
