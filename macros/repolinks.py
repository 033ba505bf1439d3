"""One address for the repository (an MkDocs hook): mkdocs.yml's ``repo_url``.

Pages link a file of the repository as ``[data/languages.yml](repo:data/languages.yml)``;
this hook writes the address from ``repo_url`` and the branch of ``edit_uri``
(``edit/main/docs/``), so moving the repository is one edit in mkdocs.yml. The
header's repository name comes from the same address when mkdocs.yml gives none.
tests/repo/test_one_address.py checks that no other file spells the address out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

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
    """``](repo:path)`` links in ``markdown`` made into addresses in the repository."""
    if not repo_url and REPO_LINK.search(markdown):
        raise PluginError(f"{where}: a repo: link needs repo_url in mkdocs.yml")
    return REPO_LINK.sub(lambda m: f"]({file_url(repo_url, edit_uri, m.group(1))})", markdown)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.repo_url and (not config.repo_name or config.repo_name in HOST_NAMES):
        config.repo_name = urlsplit(config.repo_url).path.strip("/").removesuffix(".git")
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = f"{config.docs_dir}/{page.file.src_uri}"
    return expand(markdown, config.repo_url or "", config.edit_uri or "", where)
