"""One address for the repository: mkdocs.yml's ``repo_url``.

Pages link a file of the repository as ``[data/languages.yml](repo:data/languages.yml)``.
:class:`RepoLinks`, a Markdown extension declared in mkdocs.yml's
``markdown_extensions`` (so every engine that runs the Markdown runs it, Zensical
too), writes the address from ``repo_url`` and the branch of ``edit_uri``
(``edit/main/docs/``); mkdocs.yml hands both to it by YAML alias, so moving the
repository is still one edit there. Being Markdown, the links never reach code
blocks or code spans. As an MkDocs hook, this module also gives the header its
repository name from the same address when mkdocs.yml gives none.
tests/repo/test_one_address.py checks that no other file spells the address out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from macros.errors import BuildError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SCHEME = "repo:"
REPO_LINK = re.compile(r"\]\(repo:([^)\s]+)\)")
# What MkDocs itself puts in repo_name when mkdocs.yml has none.
HOST_NAMES = {"GitHub", "GitLab", "Bitbucket"}


def branch(edit_uri: str) -> str:
    """The branch in an ``edit_uri`` such as ``edit/main/docs/`` (``main`` when it names none)."""
    parts = [part for part in edit_uri.split("/") if part]
    return parts[1] if len(parts) > 1 and parts[0] in {"edit", "blob", "tree"} else "main"


def file_url(repo_url: str, edit_uri: str, path: str) -> str:
    """The address of ``path`` in the repository, on the branch pages are edited on."""
    return f"{repo_url.rstrip('/')}/blob/{branch(edit_uri)}/{path.lstrip('/')}"


def expand(markdown: str, repo_url: str, edit_uri: str, where: str = "page") -> str:
    """``](repo:path)`` links in ``markdown`` made into addresses (the pages' Markdown copies)."""
    if not repo_url and REPO_LINK.search(markdown):
        raise BuildError(f"{where}: a repo: link needs repo_url in mkdocs.yml")
    return REPO_LINK.sub(lambda m: f"]({file_url(repo_url, edit_uri, m.group(1))})", markdown)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.repo_url and (not config.repo_name or config.repo_name in HOST_NAMES):
        config.repo_name = urlsplit(config.repo_url).path.strip("/").removesuffix(".git")
    return config


class RepoLinkTreeprocessor(Treeprocessor):
    """Every ``<a href="repo:path">`` of a page pointed at the file in the repository."""

    def __init__(self, md: Markdown, repo_url: str, edit_uri: str) -> None:
        super().__init__(md)
        self.repo_url = repo_url
        self.edit_uri = edit_uri

    def run(self, root: ET.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if not href.startswith(SCHEME):
                continue
            if not self.repo_url:
                raise BuildError(f"'{href}': a repo: link needs repo_url in mkdocs.yml")
            link.set("href", file_url(self.repo_url, self.edit_uri, href[len(SCHEME) :]))


class RepoLinks(Extension):
    """Python-Markdown extension for ``repo:`` links (``macros.repolinks`` in mkdocs.yml)."""

    def __init__(self, repo_url: str = "", edit_uri: str = "") -> None:
        super().__init__()
        self.repo_url = repo_url
        self.edit_uri = edit_uri

    def extendMarkdown(self, md: Markdown) -> None:
        # Before MkDocs' own link treeprocessor (priority 0) and next to the term: links.
        processor = RepoLinkTreeprocessor(md, self.repo_url, self.edit_uri)
        md.treeprocessors.register(processor, "atlas_repo_links", 15)


def makeExtension(repo_url: str = "", edit_uri: str = "") -> RepoLinks:
    """``macros.repolinks`` in mkdocs.yml, given ``repo_url`` and ``edit_uri`` by YAML alias."""
    return RepoLinks(repo_url=repo_url, edit_uri=edit_uri)
