"""`make lighthouse`: medians, goals and the summary (the runs themselves are in .ci/run)."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

from conftest import ROOT

from scripts.lighthouse import (
    GOALS,
    Result,
    median_run,
    median_scores,
    missed_goals,
    render_summary,
    scores_of,
    slug,
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


def test_summary_names_each_page_and_what_it_missed() -> None:
    good = Result("home page", "index.html", "mobile", [PERFECT, PERFECT, PERFECT])
    bad = Result(
        "largest table page",
        "data/index.html",
        "desktop",
        [{**PERFECT, "performance": p} for p in (98, 99, 97)],
    )
    summary = render_summary([good, bad], runs=3)
    assert "| home page: `index.html` | mobile | 100 | 100 | 100 | 100 | 100, 100, 100 | met |" in (
        summary
    )
    assert "98, 99, 97 | missed: performance 98 < 100 |" in summary
    assert (slug("index.html"), slug("data/index.html")) == ("home", "data")
    assert bad.report == "data-desktop.report.html"


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
