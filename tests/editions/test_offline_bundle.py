"""The offline HTML edition: complete, self-contained and reproducible as a zip."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_config
from sitecheck import broken_internal_links, outside_references, parse

from scripts.bundle import zip_tree

pytestmark = pytest.mark.build


def plugin(config_file: str, name: str) -> object:
    plugins = mkdocs_config(config_file)["plugins"]
    return next(p[name] for p in plugins if isinstance(p, dict) and name in p)


def test_offline_config_renders_macros_exactly_like_the_site() -> None:
    site, offline = plugin("mkdocs.yml", "macros"), plugin("mkdocs-offline.yml", "macros")
    assert isinstance(site, dict) and isinstance(offline, dict)
    assert offline == site


def test_every_page_of_the_guide_is_in_the_bundle(offline_bundle: Path) -> None:
    docs = ROOT / "docs"
    pages = [p for p in docs.rglob("*.md") if "examples" not in p.relative_to(docs).parts]
    missing = [
        str(page.relative_to(docs))
        for page in pages
        if not (offline_bundle / page.relative_to(docs).with_suffix(".html")).is_file()
    ]
    assert len(pages) > 40 and missing == []


def test_links_work_from_disk_and_nothing_comes_from_elsewhere(offline_bundle: Path) -> None:
    assert broken_internal_links(offline_bundle, from_disk=True) == []
    assert outside_references(offline_bundle) == []


def test_search_index_is_inlined_for_file_urls(offline_bundle: Path) -> None:
    script = (offline_bundle / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    head = parse(offline_bundle / "index.html").find_all("script", src=True)
    assert any("iframe-worker/shim.js" in str(s["src"]) for s in head)


def test_zip_is_reproducible(offline_bundle: Path, tmp_path: Path) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    zip_tree(offline_bundle, first, "top")
    os.utime(offline_bundle / "index.html", (1, 1))  # file times must not leak in
    zip_tree(offline_bundle, second, "top")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
    assert names == sorted(names) and all(n.startswith("top/") for n in names)
    assert "top/index.html" in names
