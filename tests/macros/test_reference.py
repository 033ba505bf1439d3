"""The Data page's helpers: the offline editions, linked when the build has them."""

from __future__ import annotations

from pathlib import Path

from macros.reference import editions


def test_editions_link_the_bundle_with_its_size_when_the_build_has_it(tmp_path: Path) -> None:
    releases = "https://example.org/releases"
    assert "[release](https://example.org/releases)" in editions(tmp_path, "downloads", releases)
    (tmp_path / "backend-atlas-1.2.0-html.zip").write_bytes(b"x" * 2_500_000)
    text = editions(tmp_path, "downloads", releases)
    assert "[HTML bundle](downloads/backend-atlas-1.2.0-html.zip) (2.5 MB)" in text
