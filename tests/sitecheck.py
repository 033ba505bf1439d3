"""Checks on a built site, shared by the tests: links, anchors, leftover macros."""

from __future__ import annotations

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
