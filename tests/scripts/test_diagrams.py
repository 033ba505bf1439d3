"""`make diagrams`: every fence of the guide has its drawn SVG, and a stale one is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from macros.diagrams import CACHE_DIR, cache_key, render_id
from macros.diagramsvg import colors_in, page_svg
from scripts.diagrams import Fence, fences_in, find_fences, missing, problems, render, unused

DOCS = ROOT / "docs"


def test_every_diagram_of_the_guide_has_its_svg_and_none_is_unused() -> None:
    """Fails naming the page when a fence changed since `make diagrams` (or an SVG is left over)."""
    fences = find_fences(DOCS)
    assert len(fences) >= 19
    assert problems(fences) == [], "run make diagrams and commit docs/.diagrams/"


def test_a_changed_diagram_is_reported_with_its_page_and_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "basics").mkdir(parents=True)
    page = docs / "basics" / "request-lifecycle.md"
    shutil.copyfile(DOCS / "basics" / "request-lifecycle.md", page)
    assert missing(find_fences(docs), CACHE_DIR) == []
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("SELECT order 42", "SELECT order 43"), encoding="utf-8")
    stale = [p for p in problems(find_fences(docs), CACHE_DIR) if p.startswith("docs/")]
    line = text.splitlines().index("```mermaid") + 1
    assert len(stale) == 1
    assert stale[0].startswith(
        f"docs/basics/request-lifecycle.md:{line}: the diagram (sequenceDiagram"
    )
    assert stale[0].endswith("run make diagrams")


def test_fences_are_found_where_markdown_finds_them() -> None:
    text = "\n".join(
        [
            "!!! note",
            "",
            "    ```mermaid",
            "    flowchart LR",
            "        A --> B",
            "    ```",
            "",
            "````markdown",
            "```mermaid",
            "flowchart LR",
            "```",
            "````",
            "",
            "~~~mermaid",
            "erDiagram",
            "~~~",
            "```python",
            "x = 1",
            "```",
        ]
    )
    assert fences_in(text) == [(3, "flowchart LR\n    A --> B\n"), (14, "erDiagram\n")]


def test_unused_and_missing_svgs(tmp_path: Path) -> None:
    fence = Fence("a.md", 1, "flowchart LR\n  A --> B\n")
    (tmp_path / "0000000000000000.svg").write_text("<svg/>")
    assert missing([fence], tmp_path) == [fence]
    assert unused([fence], tmp_path) == [tmp_path / "0000000000000000.svg"]
    (tmp_path / f"{fence.key}.svg").write_text("<svg/>")
    assert missing([fence], tmp_path) == []


@pytest.mark.browser
def test_a_diagram_is_drawn_offline_into_the_cache(tmp_path: Path, browser: object) -> None:
    source = "flowchart LR\n  accDescr: A box points at another box.\n  A[Start] --> B[End]\n"
    fence = Fence("a.md", 1, source)
    assert render([fence, fence], tmp_path, browser) == 1
    key = cache_key(source)
    raw = (tmp_path / f"{key}.svg").read_text(encoding="utf-8")
    svg = page_svg(raw, render_id(key), render_id(key))
    assert ">Start<" in svg and colors_in(svg) == []
