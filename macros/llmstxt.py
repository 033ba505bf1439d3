"""llms.txt and a Markdown copy of every page (an MkDocs hook).

Next to each page's HTML the build writes the page as Markdown
(``basics/http/index.html`` gets ``basics/http/index.md``; the offline edition's
``basics/http.html`` gets ``basics/http.md``), made by :func:`macros.mdcopy.markdown_copy`
from the Markdown mkdocs-macros rendered, so the copy says what the page says. At
the root, ``llms.txt`` (https://llmstxt.org/) lists every page under its header
tab: title, the address of its copy, description. The site links the copies at
``site_url``; the offline edition, read from disk, links them relative to the file.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urljoin

from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from macros.mdcopy import markdown_copy, relative
from macros.repolinks import expand

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

GLOSSARY = "glossary/index.md"
INDEX = "llms.txt"


class Copy(NamedTuple):
    title: str
    description: str
    path: str  # the copy's path in the site
    text: str


_tabs: dict[str, str] = {}  # page source -> title of its header tab, in nav order
_copies: dict[str, Copy] = {}


def copy_path(dest_path: str) -> str:
    """Where the Markdown copy of the page written to ``dest_path`` goes."""
    return str(PurePosixPath(dest_path).with_suffix(".md"))


def _target(src_uri: str, files: Files) -> str | None:
    """The site path of the copy of the page ``src_uri``, None when it is not a page."""
    file = files.get_file_from_path(src_uri)
    if file is None or not file.is_documentation_page():
        return None
    return copy_path(file.dest_uri)


def _linker(page: Page, files: Files) -> Callable[[str], str | None]:
    here = posixpath.dirname(copy_path(page.file.dest_uri))
    folder = posixpath.dirname(page.file.src_uri)

    def link(target: str) -> str | None:
        if target.startswith("term:"):
            glossary = _target(GLOSSARY, files)
            if glossary is None:
                return None
            return f"{relative(glossary, here)}#term-{target.removeprefix('term:')}"
        path, _, fragment = target.partition("#")
        if "://" in path or not path.endswith(".md"):
            return None
        source = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
        found = _target(posixpath.normpath(source), files)
        if found is None:
            return None
        return relative(found, here) + (f"#{fragment}" if fragment else "")

    return link


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _tabs.clear()
    _copies.clear()
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    def pages(item: object) -> list[str]:
        if isinstance(item, Page):
            return [item.file.src_uri]
        return [uri for child in getattr(item, "children", None) or [] for uri in pages(child)]

    for item in nav.items:
        for uri in pages(item):
            _tabs[uri] = str(item.title)
    return nav


def _snippet_paths(config: MkDocsConfig) -> list[Path]:
    root = Path(config.config_file_path).parent
    options = config.mdx_configs.get("pymdownx.snippets", {})
    bases = options.get("base_path", ["."])
    return [root / base for base in ([bases] if isinstance(bases, str) else bases)]


@event_priority(-100)  # after mkdocs-macros and the other hooks have had the page
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    link = _linker(page, files)
    # The page's own repo: links, as the HTML has them (macros.repolinks); not included files'.
    where = f"{config.docs_dir}/{page.file.src_uri}"
    markdown_with_links = expand(markdown, config.repo_url or "", config.edit_uri or "", where)
    text = markdown_copy(markdown_with_links, _snippet_paths(config), link)
    description = str(page.meta.get("description") or "").strip()
    title = str(page.meta.get("title") or page.title or page.file.name)
    _copies[page.file.src_uri] = Copy(title, description, copy_path(page.file.dest_uri), text)
    return markdown


def llms_txt(config: MkDocsConfig, base_url: str) -> str:
    """The index: the guide in a sentence, then each tab's pages, one line each."""
    lines = [f"# {config.site_name}", ""]
    if config.site_description:
        lines += [f"> {' '.join(config.site_description.split())}", ""]
    lines += [
        "Each line is one page of the guide: its title, the address of the page as",
        "Markdown (the same text as the web page, tables included) and what it covers.",
    ]
    section = None
    for uri in [*_tabs, *sorted(set(_copies) - set(_tabs))]:
        copy = _copies.get(uri)
        if copy is None:
            continue
        tab = _tabs.get(uri, "Other pages")
        if tab != section:
            lines += ["", f"## {tab}", ""]
            section = tab
        address = urljoin(base_url, copy.path) if base_url else copy.path
        lines.append(
            f"- [{copy.title}]({address})" + (f": {copy.description}" if copy.description else "")
        )
    return "\n".join(lines) + "\n"


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for copy in _copies.values():
        target = site / copy.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(copy.text, encoding="utf-8")
    # Read from disk, the offline edition has no address: its links are relative.
    offline = any(name.rsplit("/", 1)[-1] == "offline" for name in config.plugins)
    base_url = "" if offline else (config.site_url or "")
    (site / INDEX).write_text(llms_txt(config, base_url), encoding="utf-8")
