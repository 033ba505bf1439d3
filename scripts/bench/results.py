"""What a benchmark run found: timings, goals met or missed, and its report."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scripts.bench import (
    DATA_LAYER_GOAL,
    FACTOR,
    PAGES_GOAL,
    POLL_SECONDS,
    ROWS_GOAL,
    SERVE_EDITS,
    SERVE_GOAL,
)

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
