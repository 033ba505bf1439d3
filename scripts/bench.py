"""Build benchmark (issue 9): what the data layer costs and how the build scales.

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

import argparse
import copy
import datetime as dt
import html
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from macros.termlinks import GLOSSARY_PAGE, anchor
from scripts.project import PROJECT_PARTS, ROOT, build_env, copy_project

SERVE_PARTS = (*PROJECT_PARTS, "Makefile", "pyproject.toml", "requirements.txt")
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
"""Seconds until a data edit shows under ``make serve``: the promise of issue 7."""

SERVE_EDITS = 5
POLL_SECONDS = 0.05
STARTUP_SECONDS = 120.0
EDIT_SECONDS = 60.0
BUILD_TIMEOUT = 900

CAPTURE_HOOK = "bench_capture_hook.py"
CAPTURE_ENV = "ATLAS_BENCH_CAPTURE"
# A MkDocs hook that saves each page's Markdown as mkdocs-macros left it. Hooks
# run after plugins, and the low priority puts it after any plugin's handler.
CAPTURE_HOOK_SOURCE = '''\
"""Written by macros.bench: saves every page's Markdown after the plugins ran."""

import json
import os
from pathlib import Path

from markdown.extensions.abbr import AbbrExtension
from mkdocs.plugins import event_priority

OUT = Path(os.environ["ATLAS_BENCH_CAPTURE"])


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = OUT / "pages" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown


def on_post_build(config):
    glossary = None
    terms = {}
    for extension in config["markdown_extensions"]:
        if isinstance(extension, AbbrExtension):
            glossary = extension.getConfig("glossary")
        if type(extension).__name__ == "TermLinks":
            terms = {
                ident: {"name": term.name, "definition": term.definition}
                for ident, term in extension.terms.items()
            }
    (OUT / "abbreviations.json").write_text(json.dumps(glossary), encoding="utf-8")
    (OUT / "terms.json").write_text(json.dumps(terms), encoding="utf-8")
'''

# mkdocs.utils.meta.YAML_RE: how MkDocs splits front matter from the body.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
RENDER_MACROS = re.compile(r"^render_macros\s*:")
ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
REPORTED = re.compile(r"Documentation built in ([0-9.]+) seconds")


class BenchError(Exception):
    """The benchmark could not run: a copy did not build, or differs where it must not."""


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Spread:
    """Samples (seconds) and their median, minimum and maximum."""

    samples: tuple[float, ...]
    median: float
    min: float
    max: float


def median_summary(samples: Sequence[float]) -> Spread:
    if not samples:
        raise ValueError("no samples to summarize")
    return Spread(
        samples=tuple(round(s, 4) for s in samples),
        median=round(statistics.median(samples), 4),
        min=round(min(samples), 4),
        max=round(max(samples), 4),
    )


@dataclass(frozen=True)
class BuildResult:
    """One variant's timed builds: wall time of the whole command, and MkDocs' own figure.

    MkDocs' "Documentation built in" figure leaves out interpreter start-up and
    loading the config and plugins (importing mkdocs-macros, for one), so the wall
    time is the measure.
    """

    pages: int
    wall: Spread
    reported: Spread | None


@dataclass(frozen=True)
class ServeResult:
    command: str
    startup_seconds: float
    edits: Spread | None
    timeouts: int


@dataclass(frozen=True)
class MakeTestResult:
    seconds: float
    exit_code: int
    tail: str


@dataclass(frozen=True)
class Check:
    """One row of the summary: a measure, its goal and whether it was met."""

    measure: str
    median: float
    unit: str
    ratio: float | None
    ratio_of: str
    goal: str
    ok: bool


@dataclass(frozen=True)
class Results:
    date: str
    machine: dict[str, Any]
    runs: int
    builds: dict[str, BuildResult]
    serve: ServeResult | None
    make_test: MakeTestResult | None
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)


def evaluate(
    builds: dict[str, BuildResult], serve: ServeResult | None, make_test: MakeTestResult | None
) -> tuple[Check, ...]:
    """The summary rows, each with its goal, from the measurements."""
    base, static = builds["base"], builds["static"]
    rows, pages = builds["rows10"], builds["pages10"]
    data_layer = base.wall.median / static.wall.median
    rows_ratio = rows.wall.median / base.wall.median
    per_page_base = base.wall.median / base.pages
    per_page = pages.wall.median / pages.pages
    checks = [
        Check(
            "Build, base (cost of the data layer)",
            base.wall.median,
            "s",
            round(data_layer, 3),
            f"static {static.wall.median:.2f} s",
            f"ratio <= {DATA_LAYER_GOAL:.2f}",
            data_layer <= DATA_LAYER_GOAL,
        ),
        Check(
            f"Build, data rows x{FACTOR}",
            rows.wall.median,
            "s",
            round(rows_ratio, 3),
            f"base {base.wall.median:.2f} s",
            f"ratio <= {ROWS_GOAL:.2f}",
            rows_ratio <= ROWS_GOAL,
        ),
        Check(
            f"Build, pages x{FACTOR} ({pages.pages} pages), per page",
            round(per_page, 5),
            "s/page",
            round(per_page / per_page_base, 3),
            f"base {per_page_base:.4f} s/page, {base.pages} pages",
            f"ratio <= {PAGES_GOAL:.2f}",
            per_page <= per_page_base * PAGES_GOAL,
        ),
    ]
    if serve is not None:
        median = serve.edits.median if serve.edits else float("nan")
        checks.append(
            Check(
                "Data edit visible under make serve",
                median,
                "s",
                None,
                "",
                f"median <= {SERVE_GOAL:.1f} s, no timeout",
                serve.edits is not None and serve.timeouts == 0 and median <= SERVE_GOAL,
            )
        )
    if make_test is not None:
        checks.append(
            Check(
                "make test, wall time",
                make_test.seconds,
                "s",
                None,
                "",
                f"exit status 0 (got {make_test.exit_code})",
                make_test.exit_code == 0,
            )
        )
    return tuple(checks)


def where_rows_time_goes(builds: dict[str, BuildResult]) -> list[str]:
    """The x10 rows build set against its own pre-rendered twin (context, no goal)."""
    if "rows10-static" not in builds:
        return []
    base, static = builds["base"].wall.median, builds["static"].wall.median
    rows, rows_static = builds["rows10"].wall.median, builds["rows10-static"].wall.median
    return [
        "",
        f"With {FACTOR} times the rows, the pre-rendered twin alone takes "
        f"{rows_static:.2f} s, {rows_static / static:.3f} times the pre-rendered base "
        f"({static:.2f} s): that much comes from the bigger pages themselves (MkDocs and "
        "the search index read every table). Against that twin, the data layer costs "
        f"{rows / rows_static:.3f} ({rows:.2f} s), where at today's size it costs "
        f"{base / static:.3f}.",
    ]


def _figure(value: float, unit: str) -> str:
    if value != value:  # NaN: nothing measured
        return "n/a"
    return f"{value:.4f} {unit}" if unit == "s/page" else f"{value:.2f} {unit}"


def render_summary(results: Results) -> str:
    """The Markdown summary: one table row per measure, then how it was measured."""
    machine = results.machine
    lines = [
        f"# Build benchmark, {results.date}",
        "",
        "| Measure | Median | Ratio | Goal | OK |",
        "|---|---|---|---|---|",
    ]
    for check in results.checks:
        ratio = f"{check.ratio:.3f} ({check.ratio_of})" if check.ratio is not None else ""
        ok = "yes" if check.ok else "**no**"
        lines.append(
            f"| {check.measure} | {_figure(check.median, check.unit)} | {ratio} "
            f"| {check.goal} | {ok} |"
        )
    missed = [check.measure for check in results.checks if not check.ok]
    lines += ["", f"Goals missed: {', '.join(missed)}." if missed else "Every goal met."]
    lines += where_rows_time_goes(results.builds)
    serve = results.serve
    lines += [
        "",
        "## How it was measured",
        "",
        f"Machine: {machine.get('cpu_count')} CPUs, Python {machine.get('python')}, "
        f"{machine.get('platform')}, MkDocs {machine.get('mkdocs')}, "
        f"commit {str(machine.get('git_commit') or 'unknown')[:12]}.",
        "",
        "Each variant is a copy of the project in a temporary folder, built with "
        "`python -m mkdocs build --strict --clean` (a subprocess; wall time, start-up "
        "included) with NO_MKDOCS_2_WARNING=1, ATLAS_GIT_DATES=false and "
        "PYTHONDONTWRITEBYTECODE=1, as `make build` sets them. Every variant is built "
        f"once to warm up and checked, then {results.runs} rounds each build "
        f"{', '.join(results.builds)} in turn; the table shows medians (raw samples, "
        "minimum and maximum are in the JSON file).",
        "",
        "- base: the project as it is.",
        "- static: every page's Markdown as mkdocs-macros rendered it (captured by a "
        "MkDocs hook), written back under the page's front matter without "
        "`render_macros`, with each glossary link (`[text](term:id)`) written out as "
        "the plain link it becomes; the `macros` plugin removed, and with it the two "
        "Markdown extensions it adds (glossary links, generated-table blocks), and the "
        "glossary abbreviations it gives the `abbr` extension written into mkdocs.yml. "
        "Each page's `<article>` HTML is identical to base's.",
        f"- rows10: every data file with {FACTOR} times its entries (copies get ids "
        "`<id>-copyN` and names `<name> (copy N)`; references still point to the "
        "originals); it passes `python -m scripts.check`.",
        "- rows10-static: rows10 pre-rendered the way static is; its `<article>` HTML "
        "is identical to rows10's.",
        f"- pages10: the pages copied {FACTOR - 1} times into `docs/copy-N/`, each under "
        "a nav section `Copy N` that mirrors the original nav.",
    ]
    if serve is not None:
        lines.append(
            f"- make serve: `{serve.command}` in a further copy; after it answered "
            f"({serve.startup_seconds:.1f} s), {SERVE_EDITS} times a new marker is "
            "written into a language's typing_notes in data/languages.yml and "
            f"/languages/ is polled every {POLL_SECONDS * 1000:.0f} ms until it shows "
            f"({serve.timeouts} timeouts)."
        )
    if results.make_test is not None:
        lines.append(
            "- make test: run once in the real project; wall time of the whole command "
            f"(exit status {results.make_test.exit_code})."
        )
    return "\n".join(lines) + "\n"


def results_json(results: Results) -> str:
    data = asdict(results)
    data["ok"] = results.ok
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_results(results: Results, outdir: Path) -> tuple[Path, Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    json_path = outdir / f"{results.date}.json"
    md_path = outdir / f"{results.date}.md"
    json_path.write_text(results_json(results), encoding="utf-8")
    md_path.write_text(render_summary(results), encoding="utf-8")
    return json_path, md_path


# ---------------------------------------------------------------- copies


def _run(args: Sequence[str], cwd: Path, what: str) -> None:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"{what} failed in {cwd}:\n{_tail(result.stdout + result.stderr)}")


def write_exports(project: Path) -> None:
    """The data downloads the site links to, as ``make exports`` writes them."""
    _run(["-m", "macros.exports", "docs/downloads/data", "data"], project, "exports")


def check_data(project: Path) -> None:
    _run(["-m", "macros.check", "data"], project, "data validation")


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def count_pages(docs: Path) -> int:
    """Markdown pages MkDocs builds: hidden folders and examples/ (excluded) left out."""
    return sum(
        1
        for path in docs.rglob("*.md")
        if not any(
            part.startswith(".") or part == "examples" for part in path.relative_to(docs).parts
        )
    )


# ---------------------------------------------------------------- mkdocs.yml edits


class _TaglessLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data: !ENV and !!python/name values become None."""


_TaglessLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(text: str) -> dict[str, Any]:
    config = yaml.load(text, Loader=_TaglessLoader)  # noqa: S506
    if not isinstance(config, dict):
        raise BenchError("mkdocs.yml does not hold a mapping")
    return config


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The first line after ``start`` that is not blank and not indented deeper than ``indent``."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def without_plugin(text: str, name: str) -> str:
    """``text`` (a mkdocs.yml) without the plugin ``name`` and its options."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^plugins\s*:", line)), None)
    if start is None:
        raise BenchError("mkdocs.yml has no top-level plugins list")
    item = re.compile(rf"^(\s*)- {re.escape(name)}:?\s*$")
    block = range(start + 1, _block_end(lines, start, 0))
    index = next((i for i in block if item.match(lines[i])), None)
    if index is None:
        raise BenchError(f"plugin {name!r} not found in mkdocs.yml")
    end = _block_end(lines, index, _indent(lines[index]))
    result = "".join(lines[:index] + lines[end:])
    plugins = read_config(result).get("plugins") or []
    if name in [next(iter(p)) if isinstance(p, dict) else p for p in plugins]:
        raise BenchError(f"could not remove plugin {name!r} from mkdocs.yml")
    return result


def with_abbreviations(text: str, glossary: dict[str, str]) -> str:
    """``text`` with the ``abbr`` extension configured with ``glossary`` (as macros does)."""
    match = re.search(r"^(\s*)- abbr\s*$", text, re.MULTILINE)
    if match is None:
        raise BenchError("mkdocs.yml does not list the abbr extension as '- abbr'")
    indent = match.group(1)
    replacement = f"{indent}- abbr:\n{indent}    glossary: {json.dumps(glossary)}"
    return text[: match.start()] + replacement + text[match.end() :]


def with_nav(text: str, nav: list[Any]) -> str:
    """``text`` with its top-level ``nav:`` block replaced by ``nav``."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if re.match(r"^nav\s*:", line):
            end = _block_end(lines, index, 0)
            block = yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True, width=1000)
            return "".join(lines[:index]) + block + "".join(lines[end:])
    raise BenchError("mkdocs.yml has no top-level nav")


def prefixed_nav(nav: Any, prefix: str) -> Any:
    """``nav`` with every page path under ``prefix`` (links to other sites unchanged)."""
    if isinstance(nav, list):
        return [prefixed_nav(item, prefix) for item in nav]
    if isinstance(nav, dict):
        return {title: prefixed_nav(item, prefix) for title, item in nav.items()}
    if isinstance(nav, str) and "://" not in nav:
        return prefix + nav
    return nav


def nav_pages(nav: Any) -> list[str]:
    """Every page path in ``nav``, in order."""
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return [page for item in nav.values() for page in nav_pages(item)]
    if isinstance(nav, str) and "://" not in nav:
        return [nav]
    return []


# ---------------------------------------------------------------- variants


TERM_LINK = re.compile(r"\[([^\]]*)\]\(term:([a-z0-9-]+)\)")


def with_static_term_links(markdown: str, terms: dict[str, dict[str, str]]) -> str:
    """``markdown`` with each ``[text](term:id)`` written out as the link it becomes.

    What macros.termlinks does in the build, done in the text, so the static
    twin needs no glossary: ``/glossary/index.md#term-id`` with the definition
    as the title, and the term's name where the label is empty.
    """

    def link(match: re.Match[str]) -> str:
        label, ident = match.groups()
        term = terms[ident]
        if not label.strip():
            label = html.escape(term["name"]).replace("[", "\\[").replace("]", "\\]")
        title = term["definition"].replace("\\", "\\\\").replace('"', '\\"')
        return f'[{label}]({GLOSSARY_PAGE}#{anchor(ident)} "{title}")'

    return TERM_LINK.sub(link, markdown)


def static_page(source: str, rendered: str) -> str:
    """A page with body ``rendered`` under ``source``'s front matter, minus ``render_macros``."""
    match = FRONT_MATTER.match(source)
    if match is None:
        return rendered
    kept = [
        line for line in match.group(1).splitlines(keepends=True) if not RENDER_MACROS.match(line)
    ]
    if not any(line.strip() for line in kept):
        return rendered
    return "---\n" + "".join(kept) + "---\n\n" + rendered


def prerender_pages(project: Path, capture: Path) -> int:
    """Turn ``project`` into its static twin; return the number of pages rewritten.

    One build with a capture hook saves each page's Markdown after mkdocs-macros
    rendered it; those bodies go back into the pages with their glossary links
    written out, the ``macros`` plugin (and the Markdown extensions it adds)
    leaves mkdocs.yml, and the glossary abbreviations it fed to the ``abbr``
    extension are written into mkdocs.yml, so the HTML stays the same.
    """
    config_path = project / "mkdocs.yml"
    original = config_path.read_text(encoding="utf-8")
    if "hooks" in read_config(original):
        raise BenchError("mkdocs.yml already has hooks: the capture hook would need merging")
    hook = project / CAPTURE_HOOK
    hook.write_text(CAPTURE_HOOK_SOURCE, encoding="utf-8")
    config_path.write_text(original.rstrip("\n") + f"\n\nhooks:\n  - {CAPTURE_HOOK}\n", "utf-8")
    try:
        mkdocs_build(project, capture / "site", {CAPTURE_ENV: str(capture)})
    finally:
        hook.unlink()
        config_path.write_text(original, encoding="utf-8")

    docs = project / "docs"
    terms = json.loads((capture / "terms.json").read_text(encoding="utf-8"))
    captured = sorted(p for p in (capture / "pages").rglob("*") if p.is_file())
    for path in captured:
        page = docs / path.relative_to(capture / "pages")
        source = page.read_text(encoding="utf-8")
        rendered = with_static_term_links(path.read_text(encoding="utf-8"), terms)
        page.write_text(static_page(source, rendered), encoding="utf-8")

    config = without_plugin(original, "macros")
    glossary = json.loads((capture / "abbreviations.json").read_text(encoding="utf-8"))
    if glossary:
        config = with_abbreviations(config, glossary)
    config_path.write_text(config, encoding="utf-8")
    return len(captured)


def multiplied_entries(entries: list[Any], factor: int) -> list[Any]:
    """``entries`` followed by ``factor - 1`` copies, each with its own id and name."""
    out = list(entries)
    for number in range(2, factor + 1):
        for entry in entries:
            twin = copy.deepcopy(entry)  # shared objects would be dumped as YAML aliases
            twin["id"] = f"{entry['id']}-copy{number}"
            twin["name"] = f"{entry['name']} (copy {number})"
            out.append(twin)
    return out


def multiply_rows(data_dir: Path, factor: int) -> dict[str, int]:
    """Rewrite every data file with ``factor`` times its entries; return the new counts."""
    counts: dict[str, int] = {}
    for path in sorted(data_dir.glob("*.yml")):
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if not isinstance(entries, list):
            raise BenchError(f"{path} does not hold a list of entries")
        many = multiplied_entries(entries, factor)
        text = yaml.safe_dump(many, sort_keys=False, allow_unicode=True, width=1000)
        path.write_text(
            f"# {path.name} with every entry {factor} times, written by macros.bench\n{text}",
            encoding="utf-8",
        )
        counts[path.stem] = len(many)
    return counts


def _copied_page_file(relative: Path) -> bool:
    """Files a copy of the pages needs: not the theme's folders, not the excluded examples."""
    parts = relative.parts
    return not (
        any(part.startswith(".") for part in parts)
        or parts[0] in ("assets", "examples")
        or re.fullmatch(r"copy-\d+", parts[0])
    )


def multiply_pages(project: Path, factor: int) -> int:
    """Copy the pages (and the downloads they link to) into docs/copy-N/ for N = 2..factor.

    The nav gains one section "Copy N" per copy that mirrors the original nav.
    Returns the number of pages the site then has.
    """
    docs = project / "docs"
    files = [
        path
        for path in sorted(docs.rglob("*"))
        if path.is_file() and _copied_page_file(path.relative_to(docs))
    ]
    for number in range(2, factor + 1):
        for path in files:
            target = docs / f"copy-{number}" / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    nav = read_config(text).get("nav")
    if not isinstance(nav, list):
        raise BenchError("mkdocs.yml has no nav list to mirror")
    copies = [{f"Copy {n}": prefixed_nav(nav, f"copy-{n}/")} for n in range(2, factor + 1)]
    config_path.write_text(with_nav(text, nav + copies), encoding="utf-8")
    return count_pages(docs)


def prepare_variants(work: Path) -> dict[str, tuple[Path, int]]:
    """The copies to build, each with its page count."""
    projects: dict[str, tuple[Path, int]] = {}
    for name in VARIANTS:
        project = copy_project(work / name)
        write_exports(project)
        if name.startswith("rows10"):
            multiply_rows(project / "data", FACTOR)
            check_data(project)
            write_exports(project)
        if name.endswith("static"):
            prerender_pages(project, work / f"capture-{name}")
        elif name == "pages10":
            multiply_pages(project, FACTOR)
        projects[name] = (project, count_pages(project / "docs"))
    return projects


def articles(site: Path) -> dict[str, str]:
    """Each built page's ``<article>`` element (empty when it has none), by path."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        match = ARTICLE.search(path.read_text(encoding="utf-8"))
        found[path.relative_to(site).as_posix()] = match.group(0) if match else ""
    return found


def article_differences(base_site: Path, other_site: Path) -> list[str]:
    """Pages whose article differs between the two sites, or that only one of them has."""
    base, other = articles(base_site), articles(other_site)
    return sorted(
        name
        for name in base.keys() | other.keys()
        if base.get(name) is None or base.get(name) != other.get(name)
    )


# ---------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Build:
    seconds: float
    reported: float | None


def mkdocs_build(project: Path, site: Path, extra_env: dict[str, str] | None = None) -> Build:
    """A strict build of ``project`` into ``site``, timed; raises if it fails."""
    start = time.perf_counter()
    result = subprocess.run(
        [
            *(sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"),
            *("--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)),
        ],
        cwd=project,
        env=build_env(**(extra_env or {})),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchError(f"strict build of {project.name} failed:\n{_tail(result.stderr)}")
    reported = REPORTED.search(result.stderr)
    return Build(seconds, float(reported.group(1)) if reported else None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, wanted: str, seconds: float) -> float | None:
    """Seconds until ``url`` answers with ``wanted`` in its body, or None after ``seconds``."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200 and wanted in response.read().decode("utf-8"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(POLL_SECONDS)
    return None


def edited_languages(text: str, marker: str) -> str:
    """data/languages.yml with the first entry's typing_notes replaced by ``marker``."""
    edited, count = re.subn(r"^(  typing_notes:).*$", rf"\1 {marker}", text, count=1, flags=re.M)
    if count != 1:
        raise BenchError("data/languages.yml has no typing_notes line to edit")
    return edited


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """End ``process`` and everything it started (its own process group)."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def measure_serve(work: Path, edits: int = SERVE_EDITS) -> ServeResult:
    """Seconds from saving a data edit to the languages page showing it, under ``make serve``.

    ``-o <stamp>`` tells make to treat the venv's install stamp as up to date, so
    the benchmark never reinstalls packages into the shared venv; everything
    else is ``make serve`` as a contributor runs it.
    """
    project = copy_project(work, SERVE_PARTS)
    write_exports(project)
    venv = Path(sys.prefix)
    port = free_port()
    args = [
        *("make", "-o", f"{venv}/.installed-from-lock", "serve"),
        *(f"VENV={venv}", f"PORT={port}", "HOST=127.0.0.1"),
    ]
    log_path = work.parent / "serve.log"
    page = f"http://127.0.0.1:{port}/languages/"
    samples: list[float] = []
    timeouts = 0
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            args,
            cwd=project,
            env=build_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            startup = wait_for(page, 'data-dataset="languages"', STARTUP_SECONDS)
            if startup is None:
                raise BenchError(
                    f"make serve did not answer on {page} within {STARTUP_SECONDS:.0f} s:\n"
                    + _tail(log_path.read_text(encoding="utf-8", errors="replace"))
                )
            data = project / "data" / "languages.yml"
            for number in range(1, edits + 1):
                marker = f"Bench marker {number} {secrets.token_hex(4)}"
                data.write_text(
                    edited_languages(data.read_text(encoding="utf-8"), marker), encoding="utf-8"
                )
                seconds = wait_for(page, marker, EDIT_SECONDS)
                if seconds is None:
                    timeouts += 1
                else:
                    samples.append(seconds)
                time.sleep(1.0)  # let the server settle before the next edit
        finally:
            _stop_group(process)
    command = " ".join(args).replace(str(port), "<port>")
    return ServeResult(
        command, round(startup, 3), median_summary(samples) if samples else None, timeouts
    )


def measure_make_test(root: Path = ROOT) -> MakeTestResult:
    start = time.perf_counter()
    result = subprocess.run(
        ["make", "test"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    return MakeTestResult(round(seconds, 2), result.returncode, _tail(result.stdout, 20))


def git_commit(root: Path = ROOT) -> str | None:
    """The checked-out commit, read from .git's files (no git command runs)."""
    git = root / ".git"
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not head.startswith("ref: "):
        return head or None
    ref = head.removeprefix("ref: ")
    try:
        return (git / ref).read_text(encoding="utf-8").strip()
    except OSError:
        pass
    try:
        packed = (git / "packed-refs").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in packed.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] == ref:
            return parts[0]
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "mkdocs_macros_plugin": _version("mkdocs-macros-plugin"),
        "git_commit": git_commit(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run_benchmark(runs: int, make_test: bool, log: Callable[[str], None] = _log) -> Results:
    """Prepare the copies, check them, time them; then make serve and make test."""
    machine = machine_info()
    date = dt.datetime.now(dt.timezone.utc).date().isoformat()
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        work = Path(tmp)
        log("preparing " + ", ".join(VARIANTS))
        projects = prepare_variants(work)
        sites = {name: work / "sites" / name for name in VARIANTS}
        for name in VARIANTS:
            build = mkdocs_build(projects[name][0], sites[name])
            log(f"warm-up {name}: {build.seconds:.2f} s, {projects[name][1]} pages")
        for built, twin in (("base", "static"), ("rows10", "rows10-static")):
            different = article_differences(sites[built], sites[twin])
            if different:
                raise BenchError(
                    f"the {twin} variant's article HTML differs from {built}'s on: "
                    + ", ".join(different)
                )
        samples: dict[str, list[Build]] = {name: [] for name in VARIANTS}
        for number in range(1, runs + 1):
            for name in VARIANTS:
                samples[name].append(mkdocs_build(projects[name][0], sites[name]))
            log(
                f"round {number}/{runs}: "
                + ", ".join(f"{n} {samples[n][-1].seconds:.2f} s" for n in VARIANTS)
            )
        builds = {
            name: BuildResult(
                pages=projects[name][1],
                wall=median_summary([b.seconds for b in samples[name]]),
                reported=median_summary([b.reported for b in samples[name] if b.reported])
                if all(b.reported for b in samples[name])
                else None,
            )
            for name in VARIANTS
        }
        log("make serve: timing data edits")
        serve = measure_serve(work / "serve" / "project")
    make = None
    if make_test:
        log("make test: running the suite once")
        make = measure_make_test()
    return Results(
        date=date,
        machine=machine,
        runs=runs,
        builds=builds,
        serve=serve,
        make_test=make,
        checks=evaluate(builds, serve, make),
    )


def main(
    argv: Sequence[str] | None = None,
    measure: Callable[[int, bool], Results] = run_benchmark,
) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench",
        description="Time the site's build variants, make serve and make test.",
    )
    parser.add_argument("outdir", type=Path, help="where <date>.json and <date>.md go")
    parser.add_argument("--runs", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--skip-make-test", action="store_true", help="do not run make test")
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        results = measure(options.runs, not options.skip_make_test)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    json_path, md_path = write_results(results, options.outdir)
    print(render_summary(results))
    print(f"wrote {json_path} and {md_path}", file=sys.stderr)
    return 0 if results.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
