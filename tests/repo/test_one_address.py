"""The repository's and the site's addresses are written in one place: mkdocs.yml.

Pages link repository files as ``[text](repo:path)`` (macros/repolinks.py), the
PDF cover and the offline-editions macro read ``config.repo_url``, the Pages
workflow gives ``site_url`` through SITE_URL. Any other file that spells an
address out would go stale when the repository moves.
"""

from __future__ import annotations

import subprocess
from urllib.parse import urlsplit

from conftest import ROOT, mkdocs_config

ALLOWED = {"mkdocs.yml"}


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:  # a copy without git: every file but the generated ones
        skip = {".git", ".venv", "node_modules", "site", "build", "dist"}
        return [
            str(p.relative_to(ROOT))
            for p in ROOT.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(ROOT).parts)
        ]
    return listed.stdout.splitlines()


def addresses() -> list[str]:
    """The repository's address without its scheme, and the GitHub Pages address it implies."""
    repo = urlsplit(mkdocs_config()["repo_url"])
    owner, _, name = repo.path.strip("/").partition("/")
    found = [f"{repo.netloc}/{owner}/{name}"]
    if repo.netloc == "github.com":
        found.append(f"{owner}.github.io/{name}")
    return [address.lower() for address in found]


def test_only_mkdocs_yml_holds_the_addresses() -> None:
    wanted = addresses()
    offenders = []
    for name in tracked_files():
        if name in ALLOWED or not (ROOT / name).is_file():
            continue
        try:
            text = (ROOT / name).read_text(encoding="utf-8").lower()
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            offenders += [f"{name}:{number}: {a}" for a in wanted if a in line]
    assert offenders == [], (
        "the repository or site address is spelled out outside mkdocs.yml; link repository "
        "files as [text](repo:path) and read config.repo_url / site_url instead:\n"
        + "\n".join(offenders)
    )


def test_the_address_is_where_the_check_looks() -> None:
    assert addresses()[0].startswith("github.com/"), "repo_url is not a GitHub address any more"
    assert "repo_name" not in mkdocs_config(), "repo_name is derived from repo_url"
