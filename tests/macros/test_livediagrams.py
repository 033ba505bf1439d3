"""The live-preview hook: only `mkdocs serve` draws in the browser, and only where needed."""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import Any

import pytest

from macros.diagrams import LIVE
from macros.livediagrams import MERMAID_JS, on_page_content, on_startup


def page(url: str) -> Any:
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=url + "index.md"))


def test_serve_turns_the_live_preview_on_and_build_turns_it_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(LIVE[0], raising=False)
    on_startup(command="serve", dirty=False)
    assert os.environ[LIVE[0]] == LIVE[1]
    on_startup(command="build", dirty=False)
    assert LIVE[0] not in os.environ


def test_mermaid_is_added_to_a_page_with_a_diagram_drawn_in_the_browser() -> None:
    html = '<p>x</p><pre class="mermaid"><code>flowchart LR</code></pre>'
    out = on_page_content(html, page=page("basics/lifecycle/"), config=None, files=None)  # type: ignore[arg-type]
    assert out == f'{html}\n<script src="../../{MERMAID_JS}"></script>'


def test_a_page_with_drawn_diagrams_only_is_left_alone() -> None:
    html = '<figure class="atlas-diagram"><svg id="diagram-1"></svg></figure>'
    assert on_page_content(html, page=page(""), config=None, files=None) == html  # type: ignore[arg-type]
