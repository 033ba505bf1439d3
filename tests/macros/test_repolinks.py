"""``[text](repo:path)`` links become addresses under mkdocs.yml's repo_url."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.exceptions import PluginError

from macros.repolinks import RepoLinks, branch, expand

REPO = "https://github.com/example/atlas"


def render(text: str, repo_url: str = REPO + "/", edit_uri: str = "edit/main/docs/") -> str:
    return markdown.markdown(text, extensions=[RepoLinks(repo_url=repo_url, edit_uri=edit_uri)])


@pytest.mark.parametrize(
    ("edit_uri", "expected"),
    [("edit/main/docs/", "main"), ("blob/trunk/docs/", "trunk"), ("", "main")],
)
def test_the_branch_comes_from_edit_uri(edit_uri: str, expected: str) -> None:
    assert branch(edit_uri) == expected


def test_repo_links_point_into_the_repository_and_code_is_left_alone() -> None:
    html = render("From [`data/x.yml`](repo:data/x.yml); see [a](b.md) and `](repo:code)` too.")
    assert html == (
        f'<p>From <a href="{REPO}/blob/main/data/x.yml"><code>data/x.yml</code></a>; '
        'see <a href="b.md">a</a> and <code>](repo:code)</code> too.</p>'
    )


def test_a_repo_link_without_repo_url_stops_the_build() -> None:
    with pytest.raises(PluginError, match=r"'repo:x': a repo: link needs repo_url"):
        render("[x](repo:x)", repo_url="")
    assert render("no links", repo_url="") == "<p>no links</p>"


def test_the_markdown_copies_get_the_same_addresses() -> None:
    text = "From [`data/x.yml`](repo:data/x.yml); see [a](b.md)."
    assert expand(text, REPO + "/", "edit/main/docs/") == (
        f"From [`data/x.yml`]({REPO}/blob/main/data/x.yml); see [a](b.md)."
    )
    with pytest.raises(PluginError, match=r"docs/a\.md: a repo: link needs repo_url"):
        expand("[x](repo:x)", "", "", "docs/a.md")
