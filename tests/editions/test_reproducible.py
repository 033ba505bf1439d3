"""Reproducible: two clean builds of one commit give the same bytes, site and bundle."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build, write_exports

from scripts.bundle import zip_tree

pytestmark = pytest.mark.build


def tree_hashes(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def clean_clone(target: Path) -> Path:
    """A fresh clone of the commit under test, at its own path (no shared caches)."""
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    write_exports(target)
    return target


def test_two_clean_builds_of_a_commit_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit_time = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", commit_time)  # as the Makefile sets it
    trees, zips = [], []
    for name in ("first", "second"):
        project = clean_clone(tmp_path / name / "backend-atlas")
        for config, out in (("mkdocs.yml", "site"), ("mkdocs-offline.yml", "offline")):
            result = mkdocs_build(project, tmp_path / name / out, config=config)
            assert result.returncode == 0, result.stderr
        trees.append(tree_hashes(tmp_path / name / "site"))
        bundle = tmp_path / name / "bundle.zip"
        zip_tree(tmp_path / name / "offline", bundle, "backend-atlas")
        zips.append(hashlib.sha256(bundle.read_bytes()).hexdigest())
    first, second = trees
    assert len(first) > 100 and "index.html" in first
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name])
    assert differ == [], f"{len(differ)} files differ between two builds: {differ[:10]}"
    assert zips[0] == zips[1]
    # The clones live at different paths: no absolute path may leak into the output.
    page = (tmp_path / "first" / "site" / "index.html").read_text(encoding="utf-8")
    assert str(tmp_path) not in page
    print(f"{len(first)} site files identical; bundle sha256 {zips[0][:12]}")
