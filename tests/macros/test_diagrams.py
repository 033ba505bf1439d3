"""The mermaid fence formatter: the drawn SVG inline, the fix named when it is missing."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from mkdocs.exceptions import BuildError
from pymdownx.superfences import SuperFencesException

from macros import diagrams
from macros.diagrams import (
    LIVE,
    DiagramError,
    cache_key,
    fence_format,
    figure,
    normalize,
    render_id,
    renderer,
)
from tests.macros.test_diagramsvg import mermaid_like

SOURCE = "flowchart LR\n    accDescr: A box points at another box.\n    A --> B\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A diagram cache holding the SVG of SOURCE, used by the formatter."""
    key = cache_key(SOURCE)
    (tmp_path / f"{key}.svg").write_text(mermaid_like(render_id(key)), encoding="utf-8")
    monkeypatch.setattr(diagrams, "CACHE_DIR", tmp_path)
    monkeypatch.delenv(LIVE[0], raising=False)
    return tmp_path


def convert(text: str) -> str:
    md = markdown.Markdown(
        extensions=["pymdownx.superfences"],
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [{"name": "mermaid", "class": "mermaid", "format": fence_format}]
            }
        },
    )
    return md.convert(text)


def fenced(source: str) -> str:
    return f"```mermaid\n{source}```\n"


def test_the_key_follows_the_source_and_the_renderer_not_the_layout() -> None:
    assert cache_key(SOURCE) == cache_key("  " + SOURCE.replace("\n", "  \n  ").rstrip() + "\n")
    assert cache_key(SOURCE) != cache_key(SOURCE.replace("A --> B", "A --> C"))
    assert cache_key(SOURCE, "mermaid@11.0.0") != cache_key(SOURCE, "mermaid@11.0.1")
    assert re.fullmatch(r"[0-9a-f]{16}", cache_key(SOURCE))


def test_the_renderer_is_the_vendored_mermaid() -> None:
    assert re.fullmatch(r"mermaid@\d+\.\d+\.\d+", renderer())


def test_normalize_dedents_and_trims() -> None:
    assert normalize("\n    a\n      b   \n\n") == "a\n  b\n"


def test_a_drawn_diagram_is_an_inline_svg_in_a_figure(cache: Path) -> None:
    html = convert(fenced(SOURCE))
    assert html.startswith('<figure class="atlas-diagram" data-search-exclude><svg id="diagram-')
    assert 'role="img"' in html and 'class="mermaid"' not in html


def test_the_same_diagram_twice_on_a_page_gets_other_ids(cache: Path) -> None:
    html = convert(fenced(SOURCE) + "\ntext\n\n" + fenced(SOURCE))
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and any(i.endswith("-2") for i in ids)


def test_a_missing_svg_stops_the_build_with_the_fix(cache: Path) -> None:
    edited = SOURCE.replace("A --> B", "A --> C")
    with pytest.raises(DiagramError, match=r"A --> C.*run make diagrams") as raised:
        convert(fenced(edited))
    # superfences lets it through, MkDocs reports it without a traceback
    assert isinstance(raised.value, SuperFencesException) and isinstance(raised.value, BuildError)
    assert f"docs/.diagrams/{cache_key(edited)}.svg" in str(raised.value)


def test_the_live_preview_draws_a_missing_svg_in_the_browser(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(*LIVE)
    html = convert(fenced(SOURCE.replace("A --> B", "A --> C")))
    assert html.startswith('<pre class="mermaid"><code>flowchart LR')
    assert "A --&gt; C" in html
    assert convert(fenced(SOURCE)).startswith('<figure class="atlas-diagram"')


def test_a_broken_svg_names_the_diagram(cache: Path) -> None:
    key = cache_key(SOURCE)
    (cache / f"{key}.svg").write_text(mermaid_like(render_id(key), title=None, desc=None))
    with pytest.raises(
        DiagramError, match=r"add an accDescr line.*flowchart LR starting 'A --> B'"
    ):
        figure(SOURCE)
