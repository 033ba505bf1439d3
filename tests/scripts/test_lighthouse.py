"""`make lighthouse`: pages, medians, goals and the summary (the runs are in .ci/run and CI)."""

from __future__ import annotations

import argparse
import gzip
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from scripts.lighthouse import (
    CATEGORIES,
    FORM_FACTORS,
    GOALS,
    Result,
    gate_categories,
    gate_failures,
    lowest,
    median_run,
    median_scores,
    missed_goals,
    plan,
    render_summary,
    roles,
    scores_of,
    slug,
    sweep,
    sweep_pages,
)
from scripts.project import serve

PERFECT = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}


def test_scores_are_read_as_lighthouse_shows_them() -> None:
    report = {
        "categories": {
            "performance": {"score": 0.954},
            "accessibility": {"score": 1},
            "best-practices": {"score": 0.96},
            "seo": {"score": 1.0},
        }
    }
    assert scores_of(report) == {
        "performance": 95,
        "accessibility": 100,
        "best-practices": 96,
        "seo": 100,
    }


def test_the_median_run_is_kept_and_scored() -> None:
    runs = [{**PERFECT, "performance": p} for p in (91, 99, 96)]
    assert median_run(runs) == 2
    assert median_scores(runs)["performance"] == 96
    assert median_run([{**PERFECT, "performance": p} for p in (97, 97)]) == 0


def test_goals_differ_by_form_factor() -> None:
    nearly = {**PERFECT, "performance": 96}
    assert missed_goals("mobile", nearly) == []
    assert missed_goals("desktop", nearly) == ["performance 96 < 100"]
    assert missed_goals("mobile", {**PERFECT, "seo": 92}) == ["seo 92 < 100"]
    assert GOALS["mobile"]["performance"] == 95


def test_summary_lists_every_page_lowest_first_and_what_it_missed() -> None:
    good = Result("home page", "index.html", "mobile", [PERFECT, PERFECT, PERFECT])
    bad = Result(
        "largest table page",
        "data/index.html",
        "desktop",
        [{**PERFECT, "performance": p} for p in (98, 99, 97)],
    )
    once = Result("", "guide/index.html", "mobile", [{**PERFECT, "performance": 97}])
    summary = render_summary([good, bad, once], runs=3, load="2 cores, load average 4.00")
    assert summary.startswith("# Lighthouse: 3 pages, median of 3 runs on the lowest, one run")
    rows = [line for line in summary.splitlines() if line.startswith("| ")][1:]
    assert [row.split(" | ")[0] for row in rows] == [
        "| `guide/index.html`",
        "| home page: `index.html`",
        "| largest table page: `data/index.html`",
    ], "mobile first, then desktop; lowest first"
    assert "| home page: `index.html` | mobile | 100 | 100 | 100 | 100 | 100, 100, 100 | met |" in (
        summary
    )
    assert "98, 99, 97 | missed: performance 98 < 100 |" in summary
    assert "Lowest mobile performance: `guide/index.html`, 97 (median of 1)." in summary
    assert "1 of 3 page and form factor pairs miss a goal." in summary
    assert "Machine: 2 cores, load average 4.00." in summary
    assert (slug("index.html"), slug("data/index.html")) == ("home", "data")
    assert bad.report == "data-desktop.report.html"


def _result(page: str, form_factor: str, **scores: int) -> Result:
    return Result("", page, form_factor, [{**PERFECT, **scores}])


def test_the_lowest_are_those_closest_to_missing_a_goal_per_form_factor() -> None:
    results = [
        _result("a/index.html", "mobile", performance=99),
        _result("b/index.html", "mobile", performance=96),
        _result("c/index.html", "mobile", performance=97),
        _result("d/index.html", "mobile", performance=100, accessibility=98),
        _result("e/index.html", "mobile", performance=96),
        _result("a/index.html", "desktop", performance=99),
        _result("b/index.html", "desktop"),
    ]
    chosen = [(r.page, r.form_factor) for r in lowest(results, 3)]
    assert chosen == [
        ("d/index.html", "mobile"),  # accessibility 2 under its goal
        ("b/index.html", "mobile"),  # performance 1 over its goal; ties go to the first path
        ("e/index.html", "mobile"),
        ("a/index.html", "desktop"),
        ("b/index.html", "desktop"),
    ]


def test_a_sweep_runs_every_page_once_then_the_lowest_to_the_median(tmp_path: Path) -> None:
    performance = {"a/": 99, "b/": 96, "c/": 100, "d/": 97, "": 98}
    calls: list[tuple[str, str]] = []

    def run(url: str, form_factor: str, output: Path) -> dict[str, int]:
        page = url.removeprefix("http://site/")
        calls.append((page, form_factor))
        return {**PERFECT, "performance": performance[page]}

    pages = {f"{p}index.html": "" for p in performance}
    results = sweep(plan(pages), "http://site/", tmp_path, runs=5, count=3, run=run)
    assert len(results) == 2 * len(pages)
    runs = {(r.page, r.form_factor): len(r.runs) for r in results}
    for form_factor in FORM_FACTORS:
        assert [p for p in pages if runs[p, form_factor] == 5] == [
            "b/index.html",
            "d/index.html",
            "index.html",
        ]
        assert [p for p in pages if runs[p, form_factor] == 1] == ["a/index.html", "c/index.html"]
    assert len(calls) == 2 * (5 + 3 * 4)
    calls.clear()
    every = sweep(plan(pages), "http://site/", tmp_path, runs=2, count=0, run=run)
    assert {len(r.runs) for r in every} == {2} and len(calls) == 2 * 5 * 2


def test_an_interrupted_sweep_keeps_the_runs_made_so_far(tmp_path: Path) -> None:
    def run(url: str, form_factor: str, output: Path) -> dict[str, int]:
        if url.endswith("/b/"):
            raise KeyboardInterrupt  # what SIGTERM raises once main has set it up
        return PERFECT

    results = plan({"index.html": "home page", "a/index.html": "", "b/index.html": ""})
    with pytest.raises(KeyboardInterrupt):
        sweep(results, "http://site/", tmp_path, runs=5, count=3, run=run)
    assert [(r.page, len(r.runs)) for r in results if r.runs] == [
        ("index.html", 1),
        ("index.html", 1),
        ("a/index.html", 1),
        ("a/index.html", 1),
    ]


def test_the_sweep_skips_the_error_page_and_names_the_kinds(tmp_path: Path) -> None:
    pages = {
        "index.html": "<article><p>Home</p></article>",
        "404.html": "<article><p>" + "lost " * 99 + "</p></article>",
        "long/index.html": "<article><p>" + "word " * 50 + "</p></article>",
    }
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    assert sweep_pages(tmp_path) == ["index.html", "long/index.html"]
    assert roles(tmp_path) == {"index.html": "home page", "long/index.html": "longest article"}


def test_pages_are_served_compressed_like_on_the_host(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    html = "<!doctype html><title>x</title>" + "<p>text</p>" * 200
    (tmp_path / "guide" / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "icon.png").write_bytes(b"\x89PNG")
    with serve(tmp_path, 0) as base:
        request = urllib.request.Request(base + "guide/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Content-Type"] == "text/html"
            assert gzip.decompress(response.read()).decode() == html
        with urllib.request.urlopen(base + "guide/", timeout=5) as response:
            assert response.headers["Content-Encoding"] is None
            assert response.read().decode() == html
        request = urllib.request.Request(base + "icon.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["Content-Encoding"] is None


def test_make_lighthouse_builds_for_the_address_it_serves() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nlighthouse:", 1)[1].split("\n\n", 1)[0]
    assert "SITE_URL=http://127.0.0.1:$(LIGHTHOUSE_PORT)/" in target
    assert "--port $(LIGHTHOUSE_PORT)" in target and "$(NODE_STAMP)" in target
    assert "--pages $(LIGHTHOUSE_PAGES)" in target
    assert "\nLIGHTHOUSE_PAGES ?= all\n" in makefile


def test_ci_runs_the_kinds_and_a_weekly_workflow_sweeps_every_page() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake weight\n" in run and "\nmake lighthouse LIGHTHOUSE_PAGES=kinds" in run
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in ci["jobs"]["lighthouse"]["steps"]]
    assert "make lighthouse LIGHTHOUSE_PAGES=kinds" in commands
    text = (ROOT / ".github/workflows/lighthouse.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}  # YAML 1.1 reads `on` as True
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    commands = [step.get("run", "") for step in job["steps"]]
    assert "make lighthouse" in commands
    assert any('"$GITHUB_STEP_SUMMARY"' in c and "summary.md" in c for c in commands)


@pytest.mark.parametrize("form_factor", FORM_FACTORS)
def test_every_form_factor_has_a_goal_per_category(form_factor: str) -> None:
    assert set(GOALS[form_factor]) == {"performance", "accessibility", "best-practices", "seo"}


def test_only_the_gated_categories_fail_the_run() -> None:
    slow = Result("", "a/index.html", "mobile", [{**PERFECT, "performance": 80}])
    unreadable = Result("", "b/index.html", "desktop", [{**PERFECT, "accessibility": 97}])
    results = [slow, unreadable]
    assert gate_failures(results, CATEGORIES) == [
        "a/index.html (mobile): performance 80 < 95",
        "b/index.html (desktop): accessibility 97 < 100",
    ]
    assert gate_failures(results, ("accessibility", "best-practices", "seo")) == [
        "b/index.html (desktop): accessibility 97 < 100"
    ]
    assert gate_failures([slow], ("accessibility",)) == []
    assert gate_categories("accessibility, seo") == ("accessibility", "seo")
    for wrong in ("speed", "", "accessibility,perf"):
        with pytest.raises(argparse.ArgumentTypeError, match="--gate takes categories"):
            gate_categories(wrong)


def test_make_lighthouse_passes_its_gate_and_ci_gates_all_but_performance() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nLIGHTHOUSE_GATE ?= performance,accessibility,best-practices,seo\n" in makefile
    assert "--gate $(LIGHTHOUSE_GATE)" in makefile.split("\nlighthouse:", 1)[1]
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    (line,) = [x for x in run.splitlines() if x.startswith("make lighthouse")]
    assert (
        line
        == "make lighthouse LIGHTHOUSE_PAGES=kinds LIGHTHOUSE_GATE=accessibility,best-practices,seo"
    )
