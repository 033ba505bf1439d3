"""The site checks themselves catch what they claim to catch."""

from __future__ import annotations

from pathlib import Path

from sitecheck import broken_internal_links, images_without_alt, leftover_macros


def write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_broken_links_and_anchors_are_found(tmp_path: Path) -> None:
    write(tmp_path / "index.html", '<h2 id="top">Top</h2><a href="guide/">ok</a>')
    write(
        tmp_path / "guide" / "index.html",
        '<a href="../#top">ok</a> <a href="../#gone">bad anchor</a> <a href="../missing/">bad</a>'
        ' <a href="/guide/">absolute</a> <a href="https://example.org/x">external</a>'
        ' <img src="../img/logo.png" alt="">',
    )
    found = {(b.page, b.href, b.reason) for b in broken_internal_links(tmp_path)}
    assert found == {
        ("guide/index.html", "../#gone", "no such anchor"),
        ("guide/index.html", "../missing/", "no such file"),
        ("guide/index.html", "/guide/", "absolute path"),
        ("guide/index.html", "../img/logo.png", "no such file"),
    }


def test_leftover_macros_are_found_outside_code_only(tmp_path: Path) -> None:
    write(
        tmp_path / "index.html",
        "<p>{{ languages() }}</p><pre><code>{{ fine }}</code></pre>"
        '<p>{% if x %}</p><div title="{# c #}"></div><p><code>{% ok %}</code></p>',
    )
    found = leftover_macros(tmp_path)
    assert len(found) == 3
    assert all(item.startswith("index.html: ") for item in found)


def test_images_without_alt_text_are_found(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<img src="a.png" alt="A diagram"><img src="b.png"><img src="c.png" alt=" ">',
        encoding="utf-8",
    )
    assert images_without_alt(tmp_path) == ["index.html: b.png", "index.html: c.png"]
