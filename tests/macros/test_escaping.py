"""Contributor text never becomes live markup on a built page.

Every free-text field of every data file is replaced with a string that would
open a script or an event handler if it reached the HTML unescaped, and the
hostile entries of the bad-input corpus (``# inert:`` cases: Markdown links
and images, Jinja, HTML that tries to close the table) are added; the site is
then built and searched for anything live.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import copy_project, mkdocs_build
from corpus_cases import inert_cases
from sitecheck import html_pages, parse

from macros.capabilities import CAPABILITY_LABELS
from macros.datasets import DATASETS

pytestmark = pytest.mark.build

ATTACK = '<script>alert(1)</script>" onmouseover="alert(2)'
# The page that shows each dataset's full table.
PAGES = {
    "languages": "languages/index.html",
    "frameworks": "frameworks/index.html",
    "databases": "databases/index.html",
    "web-servers": "web-servers/index.html",
    "api-styles": "apis/index.html",
    "architectures": "architecture/index.html",
    "tools": "tools/index.html",
    "app-servers": "web-servers/index.html",
    "message-brokers": "production/queues/index.html",
    "serverless-platforms": "architecture/serverless-and-baas/index.html",
    "glossary": "glossary/index.html",
}
# Fields whose values are validated as ids, dates, enums, URLs or references.
STRUCTURED = {
    "id", "date", "accessed", "reviewed", "url", "supports", "typing", "kind", "model",
    "roles", "hosting", "category", "language", "see_also", "license", "repository", "website",
    "as_of", "source", "level", "languages", "interfaces",
}  # fmt: skip
# A bare capability level is written under the capability's name: structured too.
STRUCTURED |= {key for labels in CAPABILITY_LABELS.values() for key in labels}


def poison(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, str) and key not in STRUCTURED:
        return ATTACK
    return value


def test_hostile_text_in_every_field_renders_inert(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cases = inert_cases()
    for name in DATASETS:
        path = project / "data" / f"{name}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = yaml.safe_dump(poison(data), sort_keys=False)
        text += "".join(case.source.decode() for case in cases if case.dataset == name)
        path.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    inert = 0
    for page in html_pages(tmp_path / "site"):
        soup = parse(page)
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text(), f"{page.name}: live script"
        for style in soup.find_all("style"):
            assert "display:none" not in style.get_text(), f"{page.name}: live style"
        assert soup.find("iframe") is None, f"{page.name}: live iframe"
        handlers = [n for tag in soup.find_all(True) for n in tag.attrs if n.startswith("on")]
        assert handlers == [], f"{page}: event handler attributes {handlers}"
        for tag in soup.find_all(["a", "img", "script", "link", "iframe"]):
            target = str(tag.get("href") or tag.get("src") or "").strip().lower()
            assert not target.startswith("javascript:"), f"{page.name}: {tag}"
            assert "attacker.example" not in target, f"{page.name}: {tag}"
        inert += page.read_text(encoding="utf-8").count("&lt;script&gt;alert(1)")
    assert inert > 100, "the hostile text should be visible, escaped, on the pages"

    for case in cases:
        page = tmp_path / "site" / PAGES[case.dataset]
        shown = parse(page).get_text()
        for text in case.inert:
            assert text in shown, f"{case.name}: {text!r} is not shown as written on {page.name}"
    databases = parse(tmp_path / "site" / PAGES["databases"]).get_text()
    assert "494949" not in databases, "Jinja in the data was run"
