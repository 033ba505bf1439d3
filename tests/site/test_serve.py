"""``make serve``: the live preview answers, and an edit to a data file, a page or
the macros shows on the page within LIVE_EDIT_SECONDS, without a restart."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import build_env, copy_project

from scripts.project import free_port, wait_for

pytestmark = pytest.mark.serve

STARTUP_SECONDS = 60
# These tests check that an edit shows without a restart. How fast it shows is
# the 3 s promise to contributors, and that is measured by `make bench` (median
# of several edits on a quiet machine, against SERVE_GOAL), not by a timed test:
# a busy machine would make a 3 s assertion fail for reasons that are not ours.
LIVE_EDIT_SECONDS = 30.0


def poll(url: str, wanted: str, seconds: float) -> float:
    """Seconds until the page at ``url`` contains ``wanted``; fails after ``seconds``."""
    found = wait_for(url, wanted, seconds)
    if found is None:
        pytest.fail(f"{url} did not show {wanted!r} within {seconds} s")
    return found


@pytest.fixture
def served_project(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path / "project")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=build_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serve_answers_and_shows_a_data_edit_without_restart(
    served_project: tuple[Path, str],
) -> None:
    project, base = served_project
    poll(base, "Backend Atlas", STARTUP_SECONDS)
    page = base + "languages/"
    poll(page, 'data-dataset="languages"', STARTUP_SECONDS)

    data = project / "data" / "languages.yml"
    text = data.read_text(encoding="utf-8")
    assert "typing_notes: Static typing with structural interfaces" in text
    data.write_text(
        text.replace(
            "typing_notes: Static typing with structural interfaces",
            "typing_notes: Edited while serving, structural interfaces",
        ),
        encoding="utf-8",
    )
    seconds = poll(page, "Edited while serving", LIVE_EDIT_SECONDS)
    print(f"data edit visible after {seconds:.2f} s")


def test_serve_picks_up_an_edit_to_the_macros_code(served_project: tuple[Path, str]) -> None:
    project, base = served_project
    page = base + "languages/"
    poll(page, 'data-dataset="languages"', STARTUP_SECONDS)
    code = project / "macros" / "tables.py"
    text = code.read_text(encoding="utf-8")
    assert '"Concurrency",' in text
    code.write_text(text.replace('"Concurrency",', '"Concurrency (edited)",'), encoding="utf-8")
    seconds = poll(page, "Concurrency (edited)", LIVE_EDIT_SECONDS)
    print(f"macro edit visible after {seconds:.2f} s")


def test_serve_picks_up_an_edit_to_define_env(served_project: tuple[Path, str]) -> None:
    """The package's own __init__ (which registers the macros) reloads too."""
    project, base = served_project
    page = base + "languages/"
    poll(page, "Server-side languages compared", STARTUP_SECONDS)
    code = project / "macros" / "__init__.py"
    text = code.read_text(encoding="utf-8")
    assert 'caption: str = "Server-side languages compared"' in text
    edited = text.replace('"Server-side languages compared"', '"Languages (define_env edited)"')
    code.write_text(edited, encoding="utf-8")
    seconds = poll(page, "Languages (define_env edited)", LIVE_EDIT_SECONDS)
    print(f"define_env edit visible after {seconds:.2f} s")


def test_serve_shows_a_page_edit_within_the_bound(served_project: tuple[Path, str]) -> None:
    project, base = served_project
    page = base + "faq/"
    poll(page, "Frequently asked questions", STARTUP_SECONDS)
    source = project / "docs" / "faq.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nA sentence added while serving.\n", encoding="utf-8")
    seconds = poll(page, "A sentence added while serving.", LIVE_EDIT_SECONDS)
    print(f"page edit visible after {seconds:.2f} s")


def test_serve_draws_an_edited_diagram_in_the_browser_until_it_is_redrawn(
    served_project: tuple[Path, str],
) -> None:
    """No SVG for the new source yet: the preview falls back to Mermaid for that page only."""
    project, base = served_project
    page = base + "basics/request-lifecycle/"
    poll(page, '<figure class="atlas-diagram"', STARTUP_SECONDS)
    assert "mermaid.min.js" not in urllib.request.urlopen(page).read().decode()
    source = project / "docs" / "basics" / "request-lifecycle.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("SELECT order 42", "SELECT order 43"), encoding="utf-8")
    seconds = poll(page, "SELECT order 43", LIVE_EDIT_SECONDS)
    html = urllib.request.urlopen(page).read().decode()
    assert '<pre class="mermaid">' in html and '<figure class="atlas-diagram"' not in html
    script = base + "assets/vendor/mermaid/mermaid.min.js"
    assert '<script src="../../assets/vendor/mermaid/mermaid.min.js"></script>' in html
    with urllib.request.urlopen(script) as response:
        assert response.status == 200
    print(f"diagram edit visible after {seconds:.2f} s")
