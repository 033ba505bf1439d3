"""The build benchmark (scripts/bench.py): its variants are what they claim to be.

The benchmark itself runs with ``make bench``, never here: these tests check the
copies it times (ten times the data still validates, ten times the pages are
all in the nav, the static twin renders the same articles) and its report.
"""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import ROOT

from scripts import bench
from scripts.bench import __main__ as cli
from scripts.bench import config as mkconfig
from scripts.bench import measure, results, variants
from scripts.check import check


def _entries(path: Path) -> list[dict[str, object]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_multiply_rows_gives_ten_times_the_entries_that_still_validate(tmp_path: Path) -> None:
    data = variants.copy_project(tmp_path, ("data",)) / "data"
    counts = variants.multiply_rows(data, 10)

    status, report = check(data)
    assert status == 0, report
    for path in sorted((ROOT / "data").glob("*.yml")):
        original = _entries(path)
        copied = _entries(data / path.name)
        assert counts[path.stem] == len(copied) == 10 * len(original), path.name
        ids = [entry["id"] for entry in copied]
        names = [entry["name"] for entry in copied]
        assert len(set(ids)) == len(ids), f"{path.name}: ids repeat"
        assert len(set(names)) == len(names), f"{path.name}: names repeat"
        assert copied[: len(original)] == original, f"{path.name}: originals changed"
    frameworks = _entries(data / "frameworks.yml")
    languages = {entry["id"] for entry in _entries(ROOT / "data" / "languages.yml")}
    assert {entry["language"] for entry in frameworks} <= languages, "references moved"


def test_multiply_pages_puts_ten_times_the_pages_in_the_nav(tmp_path: Path) -> None:
    project = variants.copy_project(tmp_path, ("mkdocs.yml", "docs"))
    downloads = project / "docs" / "downloads" / "data"
    downloads.mkdir(parents=True, exist_ok=True)
    (downloads / "index.json").write_text("{}\n", encoding="utf-8")
    before = variants.count_pages(project / "docs")
    after = variants.multiply_pages(project, 10)

    assert after == 10 * before
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = mkconfig.read_config(text)
    nav = config["nav"]
    original = mkconfig.read_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert nav[: len(original)] == original
    assert [next(iter(section)) for section in nav[len(original) :]] == [
        f"Copy {n}" for n in range(2, 11)
    ]
    in_nav = mkconfig.nav_pages(nav)
    docs = project / "docs"
    on_disk = {
        path.relative_to(docs).as_posix()
        for path in docs.rglob("*.md")
        if not any(p.startswith(".") or p == "examples" for p in path.relative_to(docs).parts)
    }
    assert len(in_nav) == len(set(in_nav)) == after
    assert set(in_nav) == on_disk
    # The data page links to ../downloads/data/*: each copy needs its own.
    assert (docs / "copy-7" / "downloads" / "data" / "index.json").is_file()
    assert not (docs / "copy-7" / "assets").exists(), "theme files are shared, not copied"
    # Everything but the nav is left as it was (theme, plugins, validation).
    assert (
        text.split("\nnav:")[0]
        == (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0]
    )


def test_without_plugin_removes_only_that_plugin() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    before = mkconfig.read_config(text)
    after = mkconfig.read_config(mkconfig.without_plugin(text, "macros"))

    def names(config: dict[str, object]) -> list[str]:
        plugins = config["plugins"]
        assert isinstance(plugins, list)
        return [next(iter(p)) if isinstance(p, dict) else p for p in plugins]

    assert "macros" in names(before)
    assert names(after) == [name for name in names(before) if name != "macros"]
    assert after["watch"] == before["watch"], "the watch list also says 'macros'"
    assert {k: v for k, v in after.items() if k != "plugins"} == {
        k: v for k, v in before.items() if k != "plugins"
    }
    with pytest.raises(bench.BenchError):
        mkconfig.without_plugin(text, "no-such-plugin")


def test_with_abbreviations_configures_abbr_with_the_glossary() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    glossary = {"API": 'Application "programming" interface', "DNS": "Domain Name System"}
    config = mkconfig.read_config(mkconfig.with_abbreviations(text, glossary))
    assert {"abbr": {"glossary": glossary}} in config["markdown_extensions"]
    assert "macros.glossary" not in config["markdown_extensions"]


def test_capture_hook_joins_the_hooks_list_or_makes_one(tmp_path: Path) -> None:
    hook = tmp_path / "hook.py"
    made = mkconfig.read_config(mkconfig.with_hook("site_name: x\n", hook))
    assert made["hooks"] == [str(hook)]
    joined = mkconfig.with_hook("hooks:\n  - macros/theme.py\nnav:\n  - a.md\n", hook)
    assert mkconfig.read_config(joined) == {
        "hooks": ["macros/theme.py", str(hook)],
        "nav": ["a.md"],
    }


def test_static_twin_drops_the_data_layer_extensions() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in ("macros.termlinks", "macros.tableblocks"):
        text = mkconfig.without_extension(text, name)
        assert name not in mkconfig.read_config(text)["markdown_extensions"]
    with pytest.raises(bench.BenchError):
        mkconfig.without_extension(text, "macros.termlinks")


def test_static_page_keeps_front_matter_but_render_macros() -> None:
    source = "---\ntitle: T\nrender_macros: true\ndescription: D\n---\n\n# T\n\n{{ x() }}\n"
    page = variants.static_page(source, "# T\n\nrendered")
    assert page == "---\ntitle: T\ndescription: D\n---\n\n# T\n\nrendered"
    assert variants.static_page("# No front matter\n", "body") == "body"


def test_static_term_links_are_written_out_as_the_build_makes_them() -> None:
    terms = {"jit": {"name": "JIT [x]", "definition": 'Says "hi" \\ then'}}
    text = "A [compiler](term:jit), a [](term:jit) and `code`."
    static = variants.with_static_term_links(text, terms)
    assert static == (
        'A [compiler](/glossary/index.md#term-jit "Says &quot;hi&quot; \\ then"), '
        'a [JIT \\[x\\]](/glossary/index.md#term-jit "Says &quot;hi&quot; \\ then") and `code`.'
    )
    # Markdown turns it into the title attribute the glossary extension writes.
    assert 'title="Says &quot;hi&quot; \\ then"' in markdown.markdown(static)


def test_edited_languages_changes_one_visible_value() -> None:
    text = (ROOT / "data" / "languages.yml").read_text(encoding="utf-8")
    edited = measure.edited_languages(text, "Bench marker 1 abc")
    assert edited.count("Bench marker 1 abc") == 1
    assert len(edited.splitlines()) == len(text.splitlines())
    assert yaml.safe_load(edited)[0]["typing_notes"] == "Bench marker 1 abc"


def test_article_differences_names_pages_that_differ_or_are_missing(tmp_path: Path) -> None:
    for site, body in (("a", "same"), ("b", "other")):
        (tmp_path / site / "x").mkdir(parents=True)
        (tmp_path / site / "x" / "index.html").write_text(
            f"<nav>n</nav><article class='md'>{body}</article>", encoding="utf-8"
        )
        (tmp_path / site / "y.html").write_text("<article>y</article><footer>", encoding="utf-8")
    (tmp_path / "a" / "z.html").write_text("<article>z</article>", encoding="utf-8")
    assert variants.article_differences(tmp_path / "a", tmp_path / "b") == [
        "x/index.html",
        "z.html",
    ]
    assert variants.article_differences(tmp_path / "a", tmp_path / "a") == []


def test_median_summary() -> None:
    spread = results.median_summary([3.0, 1.0, 2.0, 10.0])
    assert (spread.median, spread.min, spread.max) == (2.5, 1.0, 10.0)
    assert spread.samples == (3.0, 1.0, 2.0, 10.0)
    with pytest.raises(ValueError, match="no samples"):
        results.median_summary([])


def _build(pages: int, median: float) -> results.BuildResult:
    return results.BuildResult(pages, results.median_summary([median]), None)


def fake_results(rows10: float = 2.2, make_exit: int = 0) -> results.Results:
    builds = {
        "base": _build(50, 2.0),
        "static": _build(50, 1.9),
        "rows10": _build(50, rows10),
        "rows10-static": _build(50, 2.0),
        "pages10": _build(500, 15.0),
    }
    serve = results.ServeResult("make serve", 3.0, results.median_summary([0.8, 0.9]), 0)
    make_test = results.MakeTestResult(100.0, make_exit, "")
    return results.Results(
        date="2026-01-02",
        machine={"cpu_count": 2, "python": "3.11", "platform": "Linux", "mkdocs": "1.6.1"},
        runs=1,
        builds=builds,
        serve=serve,
        make_test=make_test,
        checks=results.evaluate(builds, serve, make_test),
    )


def test_render_summary_marks_a_missed_goal() -> None:
    met = fake_results()
    assert met.ok
    assert "**no**" not in results.render_summary(met)
    assert "Every goal met." in results.render_summary(met)

    missed = fake_results(rows10=2.6)  # 1.3 times base, the goal is 1.2
    assert not missed.ok
    summary = results.render_summary(missed)
    row = next(line for line in summary.splitlines() if line.startswith("| Build, data rows"))
    assert row.endswith("| **no** |"), row
    assert "1.300" in row
    assert "Goals missed: Build, data rows x10." in summary

    failed = fake_results(make_exit=2)
    assert not failed.ok
    assert "exit status 0 (got 2)" in results.render_summary(failed)


def test_summary_sets_the_rows_build_against_its_pre_rendered_twin() -> None:
    summary = results.render_summary(fake_results(rows10=2.2))
    # twin 2.0 s over static 1.9 s; rows10 2.2 s over its twin; base 2.0 over static 1.9
    assert "the pre-rendered twin alone takes 2.00 s, 1.053 times the pre-rendered base" in summary
    assert "the data layer costs 1.100 (2.20 s), where at today's size it costs 1.053." in summary


def test_pages_goal_compares_seconds_per_page() -> None:
    checks = {check.measure.split(" (")[0]: check for check in fake_results().checks}
    pages = checks["Build, pages x10"]
    assert pages.median == pytest.approx(15.0 / 500)
    assert pages.ratio == pytest.approx((15.0 / 500) / (2.0 / 50), abs=1e-3)
    assert pages.ok


@pytest.mark.parametrize(("rows10", "status"), [(2.2, 0), (2.6, 1)])
def test_cli_writes_both_files_then_exits_by_the_goals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows10: float, status: int
) -> None:
    seen: list[tuple[int, bool]] = []

    def measure(runs: int, make_test: bool) -> results.Results:
        seen.append((runs, make_test))
        return fake_results(rows10=rows10)

    out = tmp_path / "results"
    assert cli.main([str(out), "--runs", "2", "--skip-make-test"], measure=measure) == status
    assert seen == [(2, False)]
    text = (out / "2026-01-02.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["ok"] is (status == 0)
    assert data["builds"]["rows10"]["wall"]["samples"] == [rows10]
    assert [check["ok"] for check in data["checks"]].count(False) == status
    summary = (out / "2026-01-02.md").read_text(encoding="utf-8")
    assert summary.startswith("# Build benchmark, 2026-01-02")
    assert summary in capsys.readouterr().out


def test_cli_reports_a_benchmark_that_could_not_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def measure(runs: int, make_test: bool) -> results.Results:
        raise bench.BenchError("strict build of pages10 failed")

    assert cli.main([str(tmp_path / "out")], measure=measure) == 2
    assert "strict build of pages10 failed" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.build
def test_static_variant_renders_the_same_articles_as_base(tmp_path: Path) -> None:
    """The baseline is faithful: pre-rendered pages give base's HTML, page for page."""
    base = variants.copy_project(tmp_path / "base")
    static = variants.copy_project(tmp_path / "static")
    for project in (base, static):
        variants.write_exports(project)
    rewritten = variants.prerender_pages(static, tmp_path / "capture")

    pages = variants.count_pages(static / "docs")
    assert rewritten == pages
    config = mkconfig.read_config((static / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "macros" not in plugins
    for page in (static / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "render_macros" not in text, page
    languages = (static / "docs" / "languages" / "index.md").read_text(encoding="utf-8")
    assert 'data-dataset="languages"' in languages, "the table is not written into the page"
    assert "](term:" not in languages and "](/glossary/index.md#term-" in languages

    variants.mkdocs_build(base, tmp_path / "site-base")
    variants.mkdocs_build(static, tmp_path / "site-static")
    articles = variants.articles(tmp_path / "site-base")
    assert len([a for a in articles.values() if a]) >= pages
    assert variants.article_differences(tmp_path / "site-base", tmp_path / "site-static") == []
