"""Lighthouse on every page of a built site, mobile and desktop.

Serves a built site the way a host does (gzip for text) and runs the npm
``lighthouse`` from package-lock.json with Debian's Chromium. The full sweep
(``--pages all``, what `make lighthouse` does) runs every page once per form
factor, then runs the three lowest pages of each form factor again until they
have ``--runs`` runs, and keeps their median: Lighthouse's own advice for
scores that vary between runs. ``--pages kinds`` (CI) runs one page of each
kind (``scripts.weight.page_kinds``) ``--runs`` times. Writes the kept run's
HTML and JSON reports and a summary listing every page to the output folder;
exits 1 if a page misses a goal.

    python -m scripts.lighthouse <built-site> <out-dir> [--pages all|kinds] [--runs 5]
        [--lowest 3] [--port 8765] [--gate performance,accessibility,best-practices,seo]

``--gate`` names the categories whose missed goal fails the run (all four
unless told); a goal missed in another category is reported, not failed.

The error page (404.html) is left out: it is not a page a reader or a search
engine is sent to, and a host serves it with status 404.

Build the site with SITE_URL set to the address it is served at, so the
canonical links Lighthouse checks point at the pages it loads (`make lighthouse`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scripts.project import CHROMIUM, serve
from scripts.weight import page_kinds, site_pages

LIGHTHOUSE = Path("node_modules/.bin/lighthouse")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    " --disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
# The lowest acceptable score (0-100, as Lighthouse shows it) per form factor and category.
GOALS: dict[str, dict[str, int]] = {
    "mobile": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
    "desktop": {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100},
}


def scores_of(report: dict[str, object]) -> dict[str, int]:
    """Category scores of one Lighthouse JSON report, 0-100 as its HTML report shows them."""
    categories = report["categories"]
    assert isinstance(categories, dict)
    return {name: round(float(categories[name]["score"]) * 100) for name in CATEGORIES}


def median_scores(runs: list[dict[str, int]]) -> dict[str, int]:
    return {name: round(statistics.median(run[name] for run in runs)) for name in CATEGORIES}


def median_run(runs: list[dict[str, int]]) -> int:
    """Index of the run whose performance score is the median (the report kept)."""
    order = sorted(range(len(runs)), key=lambda i: (runs[i]["performance"], i))
    return order[(len(order) - 1) // 2]


def missed_goals(
    form_factor: str, scores: dict[str, int], categories: tuple[str, ...] = CATEGORIES
) -> list[str]:
    goals = GOALS[form_factor]
    return [
        f"{name} {scores[name]} < {goals[name]}"
        for name in categories
        if scores[name] < goals[name]
    ]


def gate_categories(text: str) -> tuple[str, ...]:
    """The categories named in ``--gate`` (comma-separated), checked against Lighthouse's."""
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in CATEGORIES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"--gate takes categories from {', '.join(CATEGORIES)}; got {text!r}"
        )
    return names


def gate_failures(results: list[Result], gate: tuple[str, ...]) -> list[str]:
    """Each page and form factor that missed a goal in a ``gate`` category, and which."""
    return [
        f"{r.page} ({r.form_factor}): {', '.join(missed)}"
        for r in results
        if (missed := missed_goals(r.form_factor, r.scores, gate))
    ]


@dataclass
class Result:
    role: str
    """The kinds the page stands for (``page_kinds``), or empty."""
    page: str
    form_factor: str
    runs: list[dict[str, int]] = field(default_factory=list)

    @property
    def scores(self) -> dict[str, int]:
        return median_scores(self.runs)

    @property
    def missed(self) -> list[str]:
        return missed_goals(self.form_factor, self.scores)

    @property
    def margin(self) -> int:
        """Median minus goal in the category closest to its goal (below 0: missed)."""
        goals = GOALS[self.form_factor]
        return min(self.scores[name] - goals[name] for name in CATEGORIES)

    @property
    def report(self) -> str:
        return f"{slug(self.page)}-{self.form_factor}.report.html"


def slug(page: str) -> str:
    name = page.removesuffix("index.html").strip("/").replace("/", "-")
    return name or "home"


def sweep_pages(site: Path) -> list[str]:
    """The pages a full sweep runs: every page of the build but the error page."""
    return [page for page in site_pages(site) if page != "404.html"]


def roles(site: Path) -> dict[str, str]:
    """Page -> the kinds it stands for, e.g. ``"largest table page, longest article"``."""
    found: dict[str, list[str]] = {}
    for kind, page in page_kinds(site).items():
        found.setdefault(page, []).append(kind)
    return {page: ", ".join(kinds) for page, kinds in found.items()}


def lowest(results: list[Result], count: int) -> list[Result]:
    """The ``count`` results of each form factor closest to missing a goal (or furthest below).

    Ranked by margin (``Result.margin``), then performance, then path.
    """
    chosen = []
    for form_factor in FORM_FACTORS:
        same = [r for r in results if r.form_factor == form_factor]
        same.sort(key=lambda r: (r.margin, r.scores["performance"], r.page))
        chosen += same[:count]
    return chosen


def _order(result: Result) -> tuple[int, int, int, str]:
    return (
        FORM_FACTORS.index(result.form_factor),
        result.margin,
        result.scores["performance"],
        result.page,
    )


def render_summary(results: list[Result], runs: int, *, load: str = "") -> str:
    """Markdown: every page and form factor, lowest first, with the runs behind each median."""
    several = [r for r in results if len(r.runs) > 1]
    title = f"# Lighthouse: {len({r.page for r in results})} pages, median of {runs} runs" + (
        " on the lowest, one run on the others" if len(several) < len(results) else ""
    )
    lines = [
        title,
        "",
        "| page | form factor | performance | accessibility | best practices | SEO"
        " | runs (performance) | goals |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for result in sorted(results, key=_order):
        scores = result.scores
        runs_text = ", ".join(str(run["performance"]) for run in result.runs)
        verdict = "missed: " + "; ".join(result.missed) if result.missed else "met"
        name = f"{result.role}: `{result.page}`" if result.role else f"`{result.page}`"
        lines.append(
            f"| {name} | {result.form_factor}"
            + "".join(f" | {scores[name]}" for name in CATEGORIES)
            + f" | {runs_text} | {verdict} |"
        )
    goals = "; ".join(
        f"{ff}: " + ", ".join(f"{name} >= {value}" for name, value in GOALS[ff].items())
        for ff in FORM_FACTORS
    )
    lines += ["", f"Goals: {goals}."]
    for form_factor in FORM_FACTORS:
        same = [r for r in results if r.form_factor == form_factor]
        if same:
            low = min(same, key=lambda r: (r.scores["performance"], r.page))
            lines.append(
                f"Lowest {form_factor} performance: `{low.page}`, {low.scores['performance']}"
                f" (median of {len(low.runs)})."
            )
    missed = sum(1 for r in results if r.missed)
    lines.append(f"{missed} of {len(results)} page and form factor pairs miss a goal.")
    if load:
        lines.append(f"Machine: {load}.")
    lines.append("Reports: `<page>-<form factor>.report.html` (the median run's).")
    return "\n".join(lines) + "\n"


def machine_load() -> str:
    """The load average and core count, recorded with the scores (a busy machine scores lower)."""
    one, five, fifteen = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.2f} {five:.2f} {fifteen:.2f} at the end"


def run_lighthouse(url: str, form_factor: str, output: Path) -> dict[str, int]:
    """One Lighthouse run; writes ``output``.report.json and .report.html."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        "--output=html",
        f"--output-path={output}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url} ({form_factor}):\n{completed.stderr}")
    report = json.loads(Path(f"{output}.report.json").read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    return scores_of(report)


Runner = Callable[[str, str, Path], dict[str, int]]


def plan(pages: dict[str, str]) -> list[Result]:
    """A result to fill for each of ``pages`` (page -> role) and form factor."""
    return [Result(role, page, ff) for page, role in pages.items() for ff in FORM_FACTORS]


def sweep(
    results: list[Result], base: str, scratch: Path, runs: int, count: int, run: Runner
) -> list[Result]:
    """Fill ``results`` with Lighthouse runs. ``count`` > 0: one run each, then
    ``runs`` on the ``count`` lowest per form factor; ``count`` 0: ``runs`` on every page.
    Interrupted, ``results`` keep the runs made so far."""

    def more(result: Result, total: int) -> None:
        while len(result.runs) < total:
            output = scratch / f"{slug(result.page)}-{result.form_factor}-{len(result.runs)}"
            url = base + result.page.removesuffix("index.html")
            result.runs.append(run(url, result.form_factor, output))
            print(
                f"{result.page} {result.form_factor} run {len(result.runs)}: {result.runs[-1]}",
                flush=True,
            )

    for result in results:
        more(result, 1 if count else runs)
    if count:
        for result in lowest(results, count):
            more(result, runs)
    return results


def keep_reports(results: list[Result], scratch: Path, out: Path) -> None:
    for result in results:
        kept = scratch / f"{slug(result.page)}-{result.form_factor}-{median_run(result.runs)}"
        for suffix in ("json", "html"):
            shutil.copyfile(
                f"{kept}.report.{suffix}",
                out / f"{slug(result.page)}-{result.form_factor}.report.{suffix}",
            )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", choices=("all", "kinds"), default="all")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lowest", type=int, default=3)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--gate",
        type=gate_categories,
        default=CATEGORIES,
        help="categories whose missed goal fails the run (the others are reported only)",
    )
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `make node` (needs npm)", file=sys.stderr)
        return 2
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    named = roles(args.site)
    if args.pages == "all":
        pages = {page: named.get(page, "") for page in sweep_pages(args.site)}
    else:
        pages = named
    results = plan(pages)
    planned = len(results)
    # A CI time limit ends the job with SIGTERM: what ran so far is still summarized.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with serve(args.site, args.port) as base, tempfile.TemporaryDirectory() as scratch:
        count = args.lowest if args.pages == "all" else 0
        try:
            sweep(results, base, Path(scratch), args.runs, count, run_lighthouse)
        except KeyboardInterrupt:
            print("interrupted: summarizing the runs made so far", file=sys.stderr)
        results = [r for r in results if r.runs]
        keep_reports(results, Path(scratch), args.out)
    summary = render_summary(results, args.runs, load=machine_load())
    if len(results) < planned:
        summary += f"\nInterrupted: {len(results)} of {planned} page and form factor pairs ran.\n"
    (args.out / "summary.md").write_text(summary, encoding="utf-8")
    (args.out / "summary.json").write_text(
        json.dumps(
            [
                {
                    "role": r.role,
                    "page": r.page,
                    "form_factor": r.form_factor,
                    "runs": r.runs,
                    "median": r.scores,
                    "goals": GOALS[r.form_factor],
                    "missed": r.missed,
                }
                for r in results
            ],
            indent=2,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    print(summary)
    failing = gate_failures(results, args.gate)
    for r in results:
        if r.missed:
            gated = any(line.startswith(f"{r.page} ({r.form_factor})") for line in failing)
            said = "Lighthouse goal missed" if gated else "Lighthouse goal missed (reported only)"
            print(f"{said}: {r.page} ({r.form_factor}): {', '.join(r.missed)}", file=sys.stderr)
    return 1 if failing or len(results) < planned else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
