"""Lighthouse on the pages the page-weight budget names, mobile and desktop.

Serves a built site the way a host does (gzip for text), runs the npm
``lighthouse`` from package-lock.json with Debian's Chromium several times per
page and form factor, and keeps the median: Lighthouse's own advice for
scores that vary between runs. Writes the median run's HTML and JSON reports
and a summary to the output folder; exits 1 if a goal is missed.

    python -m scripts.lighthouse <built-site> <out-dir> [--runs 5] [--port 8765]

Build the site with SITE_URL set to the address it is served at, so the
canonical links Lighthouse checks point at the pages it loads (`make lighthouse`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scripts.project import CHROMIUM, serve
from scripts.weight import budget_pages

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


def missed_goals(form_factor: str, scores: dict[str, int]) -> list[str]:
    goals = GOALS[form_factor]
    return [
        f"{name} {scores[name]} < {goals[name]}"
        for name in CATEGORIES
        if scores[name] < goals[name]
    ]


@dataclass
class Result:
    role: str
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
    def report(self) -> str:
        return f"{slug(self.page)}-{self.form_factor}.report.html"


def slug(page: str) -> str:
    name = page.removesuffix("index.html").strip("/").replace("/", "-")
    return name or "home"


def render_summary(results: list[Result], runs: int) -> str:
    lines = [
        f"# Lighthouse: median of {runs} runs per page and form factor",
        "",
        "| page | form factor | performance | accessibility | best practices | SEO"
        " | runs (performance) | goals |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for result in results:
        scores = result.scores
        runs_text = ", ".join(str(run["performance"]) for run in result.runs)
        verdict = "missed: " + "; ".join(result.missed) if result.missed else "met"
        lines.append(
            f"| {result.role}: `{result.page}` | {result.form_factor}"
            + "".join(f" | {scores[name]}" for name in CATEGORIES)
            + f" | {runs_text} | {verdict} |"
        )
    goals = "; ".join(
        f"{ff}: " + ", ".join(f"{name} >= {value}" for name, value in GOALS[ff].items())
        for ff in FORM_FACTORS
    )
    lines += ["", f"Goals: {goals}. Reports: `<page>-<form factor>.report.html`."]
    return "\n".join(lines) + "\n"


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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `make node` (needs npm)", file=sys.stderr)
        return 2
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    results = []
    with serve(args.site, args.port) as base, tempfile.TemporaryDirectory() as scratch:
        for role, page in budget_pages(args.site).items():
            url = base + page.removesuffix("index.html")
            for form_factor in FORM_FACTORS:
                result = Result(role, page, form_factor)
                for run in range(args.runs):
                    output = Path(scratch) / f"{slug(page)}-{form_factor}-{run}"
                    result.runs.append(run_lighthouse(url, form_factor, output))
                    print(f"{role} {form_factor} run {run + 1}: {result.runs[-1]}", flush=True)
                kept = Path(scratch) / f"{slug(page)}-{form_factor}-{median_run(result.runs)}"
                for suffix in ("json", "html"):
                    shutil.copyfile(
                        f"{kept}.report.{suffix}",
                        args.out / f"{slug(page)}-{form_factor}.report.{suffix}",
                    )
                results.append(result)
    summary = render_summary(results, args.runs)
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
    missed = [f"{r.page} ({r.form_factor}): {', '.join(r.missed)}" for r in results if r.missed]
    for line in missed:
        print(f"Lighthouse goal missed: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
