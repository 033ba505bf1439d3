"""``[text](repo:path)`` links become addresses under mkdocs.yml's repo_url."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from macros.repolinks import branch, expand

REPO = "https://github.com/example/atlas"


@pytest.mark.parametrize(
    ("edit_uri", "expected"),
    [("edit/main/docs/", "main"), ("blob/trunk/docs/", "trunk"), ("", "main")],
)
def test_the_branch_comes_from_edit_uri(edit_uri: str, expected: str) -> None:
    assert branch(edit_uri) == expected


def test_repo_links_point_into_the_repository() -> None:
    text = "From [`data/x.yml`](repo:data/x.yml); see [a](b.md) and `](repo:code)` too."
    assert expand(text, REPO + "/", "edit/main/docs/") == (
        f"From [`data/x.yml`]({REPO}/blob/main/data/x.yml); see [a](b.md) "
        f"and `]({REPO}/blob/main/code)` too."
    )


def test_a_repo_link_without_repo_url_stops_the_build() -> None:
    with pytest.raises(PluginError, match=r"docs/a\.md: a repo: link needs repo_url"):
        expand("[x](repo:x)", "", "", "docs/a.md")
    assert expand("no links", "", "") == "no links"
