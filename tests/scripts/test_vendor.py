"""Vendored browser scripts are exactly the released files recorded in scripts/vendor.py."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from scripts.vendor import PACKAGES, Package, sha256

VENDOR = ROOT / "docs" / "assets" / "vendor"


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_vendored_files_match_their_manifest(package: Package) -> None:
    folder = VENDOR / package.name
    recorded = json.loads((folder / "vendor.json").read_text(encoding="utf-8"))
    assert recorded["version"] == package.version, "run make vendor after changing a version"
    for target in package.files.values():
        assert sha256(folder / target) == recorded["files"][target]["sha256"], (
            f"{folder / target} differs from {package.name}@{package.version}: run make vendor"
        )
    assert (folder / "LICENSE").read_text(encoding="utf-8").strip()


def test_nothing_unrecorded_is_vendored() -> None:
    known = {p.name for p in PACKAGES}
    assert {d.name for d in VENDOR.iterdir() if d.is_dir()} == known
