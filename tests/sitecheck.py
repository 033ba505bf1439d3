"""Checks on a built site, shared by the tests: links, anchors, assets, leftover macros."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

# Jinja syntax that should never reach a reader: {{ ... }}, {% ... %}, {# ... #}.
MACRO_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
CODE_TAGS = ("code", "pre", "script", "style", "textarea")
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
# What a browser fetches for a page: stylesheets, icons, scripts, images, media.
ASSET_ATTRIBUTES = (
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
)
# url(...) with or without quotes, and @import "...": what a stylesheet fetches.
CSS_REFERENCE = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"""
)


@dataclass(frozen=True)
class BrokenLink:
    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href} ({self.reason})"


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text_outside_code(soup: BeautifulSoup) -> str:
    """The page's text with code, scripts and styles taken out."""
    for tag in soup.find_all(CODE_TAGS):
        tag.decompose()
    return soup.get_text(" ")


def leftover_macros(site: Path) -> list[str]:
    """``page: snippet`` for every Jinja-looking text outside code in the site."""
    found = []
    for page in html_pages(site):
        soup = parse(page)
        attribute_values = " ".join(
            str(value)
            for tag in soup.find_all(True)
            for name, value in tag.attrs.items()
            if name not in ("class",)
        )
        text = text_outside_code(soup) + " " + attribute_values
        found.extend(
            f"{page.relative_to(site)}: {match.group(0)[:80]!r}"
            for match in MACRO_SYNTAX.finditer(text)
        )
    return found


def ids_of(soup: BeautifulSoup) -> set[str]:
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
    ids.update(str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True}))
    return ids


def broken_internal_links(site: Path, *, from_disk: bool = False) -> list[BrokenLink]:
    """Every link, script, stylesheet or image inside the site that does not resolve.

    Fragments are checked against the ids of the target page. External links
    (with a scheme or starting with ``//``) are out of scope here. With
    ``from_disk`` (the offline edition, opened by file://), a link to a folder is
    broken too: browsers show a file listing there, not the folder's index.html.
    """
    site = site.resolve()
    id_cache: dict[Path, set[str]] = {}
    broken: list[BrokenLink] = []
    for page in html_pages(site):
        soup = parse(page)
        id_cache.setdefault(page, ids_of(soup))
        page_name = page.relative_to(site).as_posix()
        for tag_name, attribute in LINK_ATTRIBUTES.items():
            for tag in soup.find_all(tag_name):
                if not isinstance(tag, Tag) or not tag.has_attr(attribute):
                    continue
                href = str(tag[attribute])
                parts = urlsplit(href)
                if parts.scheme or href.startswith("//"):
                    continue
                path = unquote(parts.path)
                if path.startswith("/"):
                    # Only the 404 page may use root-relative links: the server
                    # shows it at any depth, so relative ones would break there.
                    if page_name != "404.html":
                        broken.append(BrokenLink(page_name, href, "absolute path"))
                        continue
                    path = posixpath.relpath(path, "/")
                target = _resolve(site, page, path)
                if from_disk and path and _is_folder(site, page, path):
                    broken.append(BrokenLink(page_name, href, "folder link, fails from disk"))
                    continue
                if target is None:
                    broken.append(BrokenLink(page_name, href, "no such file"))
                    continue
                if parts.fragment and target.suffix == ".html":
                    if target not in id_cache:
                        id_cache[target] = ids_of(parse(target))
                    if unquote(parts.fragment) not in id_cache[target]:
                        broken.append(BrokenLink(page_name, href, "no such anchor"))
    return broken


def _is_folder(site: Path, page: Path, path: str) -> bool:
    base = page.parent.relative_to(site).as_posix()
    return (site / posixpath.normpath(posixpath.join(base, path))).is_dir()


def _resolve(site: Path, page: Path, path: str) -> Path | None:
    if not path:
        return page
    base = page.parent.relative_to(site).as_posix()
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined.startswith(".."):
        return None
    candidate = site / joined
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def outside_references(site: Path) -> list[str]:
    """Scripts, styles, fonts and images that a page would fetch from another host."""
    outside = []
    for page in html_pages(site):
        soup = parse(page)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                value = str(element.get(attribute, ""))
                rel = element.get("rel") or []
                if tag == "link" and not {"stylesheet", "preload", "icon", "preconnect"} & set(rel):
                    continue
                if re.match(r"^(https?:)?//", value):
                    outside.append(f"{page.relative_to(site)}: {value}")
    return outside


def images_without_alt(site: Path) -> list[str]:
    """Images a screen reader cannot describe: no alt text, or only spaces."""
    return [
        f"{page.relative_to(site).as_posix()}: {img.get('src')}"
        for page in html_pages(site)
        for img in parse(page).find_all("img")
        if not str(img.get("alt", "")).strip()
    ]


@dataclass(frozen=True)
class AssetReference:
    """``reference`` as written in ``referrer``; relative ones start from ``folder``."""

    referrer: str
    folder: str
    reference: str


def css_references(css: str) -> list[str]:
    """Every ``url(...)`` and ``@import`` target in a stylesheet, as written."""
    return [
        next(group for group in match.groups() if group is not None)
        for match in CSS_REFERENCE.finditer(css)
    ]


def _srcset(value: str) -> list[str]:
    """The URLs of a ``srcset``: comma-separated candidates, each ``URL [descriptor]``."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def asset_references(site: Path) -> Iterator[AssetReference]:
    """Everything a browser fetches to show the site's pages.

    From each page: ``<link href>``, ``<script src>``, ``<img src srcset>``,
    ``<source src srcset>``, ``url(...)`` in ``<style>`` and ``style=""``, and
    what Material's bundle loads on its own (the search worker named in
    ``__config``, and ``search/search_index.json`` under its ``base``). From each
    stylesheet of the site: its ``url(...)`` and ``@import`` targets, relative to
    the stylesheet.
    """
    site = site.resolve()
    for page in html_pages(site):
        soup = parse(page)
        name = page.relative_to(site).as_posix()
        folder = posixpath.dirname(name)
        for tag_name, attribute in ASSET_ATTRIBUTES:
            for tag in soup.find_all(tag_name):
                if not isinstance(tag, Tag) or not tag.has_attr(attribute):
                    continue
                value = str(tag[attribute])
                values = _srcset(value) if attribute == "srcset" else [value]
                yield from (AssetReference(name, folder, url) for url in values)
        styles = [style.get_text() for style in soup.find_all("style")]
        styles += [str(tag["style"]) for tag in soup.find_all(style=True)]
        for css in styles:
            yield from (AssetReference(name, folder, url) for url in css_references(css))
        config = soup.find("script", id="__config")
        if config is not None:
            settings = json.loads(config.get_text())
            if settings.get("search"):
                yield AssetReference(name, folder, settings["search"])
                index = posixpath.join(settings.get("base", "."), "search/search_index.json")
                yield AssetReference(name, folder, index)
    for stylesheet in sorted(site.rglob("*.css")):
        name = stylesheet.relative_to(site).as_posix()
        for url in css_references(stylesheet.read_text(encoding="utf-8")):
            yield AssetReference(name, posixpath.dirname(name), url)


def missing_assets(site: Path) -> list[BrokenLink]:
    """Every asset a page or stylesheet of ``site`` references that is not a file in it.

    Addresses with a scheme (``https:``, ``data:``) or starting with ``//`` are
    not the site's; fragments alone (``url(#clip)``) fetch nothing. A path from
    ``/`` is read from the site's top folder.
    """
    site = site.resolve()
    missing = []
    for ref in asset_references(site):
        parts = urlsplit(ref.reference)
        if parts.scheme or ref.reference.startswith("//") or not parts.path:
            continue
        path = unquote(parts.path)
        joined = posixpath.normpath(
            path.lstrip("/") if path.startswith("/") else posixpath.join(ref.folder, path)
        )
        if joined == ".." or joined.startswith("../"):
            missing.append(BrokenLink(ref.referrer, ref.reference, "outside the site"))
            continue
        target = site / joined
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            missing.append(BrokenLink(ref.referrer, ref.reference, "no such file"))
    return missing
