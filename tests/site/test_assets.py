"""Every stylesheet, script, image and font a page asks for is a file of the site.

A theme that names another Material release's hashed files (``bundle.a5f9d56c``
on a build that installed 9.7.7's ``bundle.d7400e89``) builds green with
``--strict`` and ships pages with no CSS or JS; only a look at the output
catches it. ``pytest tests/site/test_assets.py --built-site DIR`` runs the same
check on a site built elsewhere (another Python, for instance: .ci/same-site).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitecheck import asset_references, html_pages, missing_assets


@pytest.mark.build
def test_every_asset_a_page_references_is_in_the_site(built_site: Path) -> None:
    missing = missing_assets(built_site)
    assert not missing, "missing assets:\n" + "\n".join(map(str, missing))


@pytest.mark.build
def test_every_page_loads_the_themes_stylesheet_script_and_search(built_site: Path) -> None:
    """The check above looks at what matters: each page's CSS, JS and search worker."""
    pages = {page.relative_to(built_site).as_posix() for page in html_pages(built_site)}
    assert "index.html" in pages and "404.html" in pages
    wanted = {
        "stylesheet": lambda name: name.startswith("main.") and name.endswith(".min.css"),
        "script": lambda name: name.startswith("bundle.") and name.endswith(".min.js"),
        "search worker": lambda name: name.startswith("search.") and name.endswith(".min.js"),
    }
    found: dict[str, set[str]] = {what: set() for what in wanted}
    for ref in asset_references(built_site):
        name = ref.reference.rsplit("/", 1)[-1]
        for what, matches in wanted.items():
            if matches(name):
                found[what].add(ref.referrer)
    for what, referrers in found.items():
        assert referrers == pages, f"pages that load no {what}: {sorted(pages - referrers)}"


@pytest.mark.build
def test_a_theme_naming_another_material_release_is_caught(
    built_site: Path, tmp_path: Path
) -> None:
    """Issue 16: pages named 9.8.1's bundle; Python 3.10 had installed 9.7.7's."""
    site = shutil.copytree(built_site, tmp_path / "site")
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    bundle.rename(bundle.with_name("bundle.d7400e89.min.js"))
    missing = missing_assets(site)
    assert {item.page for item in missing} == {
        page.relative_to(site).as_posix() for page in html_pages(site)
    }
    assert {item.href.rsplit("/", 1)[-1] for item in missing} == {bundle.name}


# The checker itself, on a tiny site that holds one reference of every kind.
TINY_SITE = {
    "index.html": """<!doctype html><html><head>
<link rel="canonical" href="https://example.org/">
<link rel="icon" href="img/favicon.png">
<link rel="stylesheet" href="assets/main.css">
<link rel="next" href="sub/">
<style>body { background: url('img/inline.png') }</style>
<script id="__config" type="application/json">{"base": ".", "search": "assets/search.js"}</script>
<script src="assets/app.js"></script>
<script src="https://cdn.example.org/lib.js"></script>
</head><body>
<img src="img/a.png" srcset="img/a.png 1x, img/a%402x.png 2x" alt="a">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="dot">
<picture><source srcset="img/b.webp" type="image/webp"><img src="img/b.png" alt="b"></picture>
<video><source src="media/clip.mp4" type="video/mp4"></video>
<p style="background-image: url(img/styled.png)">styled</p>
<a href="nowhere.html">a link is not an asset (the link check covers it)</a>
</body></html>
""",
    "sub/index.html": """<!doctype html><html><head>
<link rel="stylesheet" href="../assets/main.css">
<link rel="prev" href="..">
<script src="/assets/app.js"></script>
</head><body></body></html>
""",
    "assets/main.css": """@import "print.css";
.a { background: url(../img/bg.svg) }
.b { src: url("../fonts/text.woff2") format("woff2") }
.c { mask: url("data:image/svg+xml;charset=utf-8,<svg viewBox='0 0 1 1'>(x)</svg>") }
.d { clip-path: url(#clip) }
""",
    "assets/print.css": "",
    "assets/app.js": "",
    "assets/search.js": "",
    "search/search_index.json": "{}",
    "img/favicon.png": "",
    "img/inline.png": "",
    "img/a.png": "",
    "img/a@2x.png": "",
    "img/b.webp": "",
    "img/b.png": "",
    "img/bg.svg": "",
    "img/styled.png": "",
    "fonts/text.woff2": "",
    "media/clip.mp4": "",
}


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    for name, text in TINY_SITE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_site_with_every_asset_passes(tiny_site: Path) -> None:
    assert missing_assets(tiny_site) == []


@pytest.mark.parametrize(
    ("removed", "reported"),
    [
        ("assets/app.js", ["index.html: assets/app.js", "sub/index.html: /assets/app.js"]),
        ("img/favicon.png", ["index.html: img/favicon.png"]),
        ("img/inline.png", ["index.html: img/inline.png"]),
        ("img/a@2x.png", ["index.html: img/a%402x.png"]),
        ("img/b.webp", ["index.html: img/b.webp"]),
        ("img/b.png", ["index.html: img/b.png"]),
        ("media/clip.mp4", ["index.html: media/clip.mp4"]),
        ("img/styled.png", ["index.html: img/styled.png"]),
        ("assets/search.js", ["index.html: assets/search.js"]),
        ("search/search_index.json", ["index.html: ./search/search_index.json"]),
        ("sub/index.html", ["index.html: sub/"]),
        ("assets/print.css", ["assets/main.css: print.css"]),
        ("img/bg.svg", ["assets/main.css: ../img/bg.svg"]),
        ("fonts/text.woff2", ["assets/main.css: ../fonts/text.woff2"]),
    ],
)
def test_each_missing_asset_is_reported_with_the_file_that_needs_it(
    tiny_site: Path, removed: str, reported: list[str]
) -> None:
    (tiny_site / removed).unlink()
    assert [f"{item.page}: {item.href}" for item in missing_assets(tiny_site)] == reported
    assert all(item.reason == "no such file" for item in missing_assets(tiny_site))


def test_a_missing_stylesheet_is_reported_on_every_page_that_loads_it(tiny_site: Path) -> None:
    (tiny_site / "assets" / "main.css").unlink()
    assert [f"{item.page}: {item.href}" for item in missing_assets(tiny_site)] == [
        "index.html: assets/main.css",
        "sub/index.html: ../assets/main.css",
    ]


def test_a_reference_out_of_the_site_is_reported(tiny_site: Path) -> None:
    (tiny_site / "sub" / "index.html").write_text(
        '<script src="../../theme/app.js"></script>', encoding="utf-8"
    )
    assert [str(item) for item in missing_assets(tiny_site)] == [
        "sub/index.html: ../../theme/app.js (outside the site)"
    ]
