"""Build benchmark: what the data layer costs and how the build scales.

    python -m scripts.bench OUTDIR [--runs N] [--skip-make-test]

Four copies of the project are built side by side, in interleaved rounds so
that noise hits them alike:

- ``base``: the project as it is;
- ``static``: the same pages with every macro call already rendered to static
  Markdown and the ``macros`` plugin removed (the baseline: base/static is the
  cost of the data layer);
- ``rows10``: every data file with ten times its entries;
- ``pages10``: ten copies of the pages, each under its own nav section.

Then an edit to data/languages.yml is timed until ``make serve`` shows it, and
``make test`` runs once in the real project. The results go to
``OUTDIR/<date>.json`` and ``OUTDIR/<date>.md``; the exit status is 1 when a
goal is missed or ``make test`` fails (after writing both files), 2 when the
benchmark itself could not run.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.project import PROJECT_PARTS

SERVE_PARTS = (*PROJECT_PARTS, "scripts", "Makefile", "pyproject.toml", "requirements.txt")
"""A copy that ``make serve`` runs in."""

VARIANTS = ("base", "static", "rows10", "rows10-static", "pages10")
FACTOR = 10

DATA_LAYER_GOAL = 1.10
"""base/static: what rendering the data costs over the same site written by hand."""
ROWS_GOAL = 1.20
"""rows10/base: ten times the data builds in at most 1.2 times the time."""
PAGES_GOAL = 1.00
"""Seconds per page with ten times the pages over seconds per page now: linear or better."""
SERVE_GOAL = 3.0
"""Seconds until a data edit shows under ``make serve``: the live-edit promise to contributors."""

SERVE_EDITS = 5
POLL_SECONDS = 0.05
STARTUP_SECONDS = 120.0
EDIT_SECONDS = 60.0
BUILD_TIMEOUT = 900

CAPTURE_HOOK = Path(__file__).with_name("capture_hook.py")
"""A MkDocs hook that saves each page's Markdown as mkdocs-macros left it."""
CAPTURE_ENV = "ATLAS_BENCH_CAPTURE"  # read by capture_hook.py

# mkdocs.utils.meta.YAML_RE: how MkDocs splits front matter from the body.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
RENDER_MACROS = re.compile(r"^render_macros\s*:")
ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
REPORTED = re.compile(r"Documentation built in ([0-9.]+) seconds")


class BenchError(Exception):
    """The benchmark could not run: a copy did not build, or differs where it must not."""
