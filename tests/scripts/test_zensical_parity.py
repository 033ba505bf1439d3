"""The Zensical parity check on small hand-made sites: what fails, what waits on Zensical.

``make zensical`` runs it on the real builds (and .ci/run runs that); these tests
need no Zensical and build nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from scripts.zensical_parity import (
    KNOWN_GAPS,
    Difference,
    KnownGap,
    compare_sites,
    judge,
    main,
    parse_page,
    resolve,
    summary,
)

TABLE = """<div class="atlas-table" data-dataset="frameworks"><table>
<thead><tr><th data-key="name">Name</th></tr></thead>
<tbody>{rows}</tbody></table></div>"""
ROWS = (
    '<tr id="frameworks-django"><th>Django</th></tr><tr id="frameworks-flask"><th>Flask</th></tr>'
)
HOME = '<h1 id="top">Home</h1><a href="frameworks/">Frameworks</a><a href="#top">Top</a>'


def page(body: str) -> str:
    return f"<!doctype html><html><body>{body}</body></html>"


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(body) if name.endswith(".html") else body, encoding="utf-8")
    return root


def site_pair(tmp_path: Path, **zensical_changes: str) -> tuple[Path, Path]:
    """The same two-page site twice; keyword arguments replace pages of the Zensical one."""
    pages = {"index.html": HOME, "frameworks/index.html": TABLE.format(rows=ROWS)}
    mkdocs = write_site(tmp_path / "mkdocs", pages)
    changed = {name.replace("__", "/") + ".html": body for name, body in zensical_changes.items()}
    zensical = write_site(tmp_path / "zensical", {**pages, **changed})
    return mkdocs, zensical


def kinds(differences: list[Difference]) -> list[tuple[str, str, str]]:
    return [(d.kind, d.page, d.detail) for d in differences]


def test_identical_sites_have_no_difference(tmp_path: Path) -> None:
    assert compare_sites(*site_pair(tmp_path)) == []


def test_a_page_missing_from_zensical_is_reported(tmp_path: Path) -> None:
    mkdocs, zensical = site_pair(tmp_path)
    (zensical / "frameworks" / "index.html").unlink()
    found = compare_sites(mkdocs, zensical)
    assert ("missing-page", "frameworks/index.html", "") in kinds(found)
    # The home page's link to it is broken now, and says so too.
    assert ("broken-link", "index.html", "frameworks/") in kinds(found)


def test_a_missing_row_is_named_by_its_id(tmp_path: Path) -> None:
    only_django = TABLE.format(rows='<tr id="frameworks-django"><th>Django</th></tr>')
    found = compare_sites(*site_pair(tmp_path, frameworks__index=only_django))
    assert kinds(found) == [
        ("missing-row", "frameworks/index.html", "frameworks#0: frameworks-flask")
    ]


def test_rows_without_ids_are_named_by_their_first_cell() -> None:
    html = (
        "<table><thead><tr><th>Job</th></tr></thead>"
        "<tr><td> Routing <b>x</b></td><td>2</td></tr></table>"
    )
    assert parse_page(html).tables == {"table#0": ["Routing x"]}


def test_a_leftover_term_link_fails(tmp_path: Path) -> None:
    body = TABLE.format(rows=ROWS) + '<p><a href="term:idempotent">idempotent</a></p>'
    found = compare_sites(*site_pair(tmp_path, frameworks__index=body))
    assert kinds(found) == [("term-link", "frameworks/index.html", "term:idempotent")]
    assert judge(found).failures == found


def test_a_leftover_repo_link_fails_as_a_project_link(tmp_path: Path) -> None:
    body = HOME + '<a href="repo:CONTRIBUTING.md">guide</a>'
    found = compare_sites(*site_pair(tmp_path, index=body))
    assert kinds(found) == [("project-link", "index.html", "repo:CONTRIBUTING.md")]


@pytest.mark.parametrize(
    "href", ["missing/", "frameworks/#nowhere", "#nowhere", "../outside.html", "/gone.css"]
)
def test_broken_links_and_anchors_are_reported(tmp_path: Path, href: str) -> None:
    found = compare_sites(*site_pair(tmp_path, index=HOME + f'<a href="{href}">x</a>'))
    assert kinds(found) == [("broken-link", "index.html", href)]


def test_links_that_reach_a_file_or_leave_the_site_pass(tmp_path: Path) -> None:
    links = ["frameworks/index.html", "./frameworks/#frameworks-flask", "https://example.org/"]
    body = HOME + "".join(f'<a href="{href}">x</a>' for href in links) + '<img src="a.png">'
    mkdocs, zensical = site_pair(tmp_path, index=body)
    (zensical / "a.png").write_bytes(b"")
    (mkdocs / "a.png").write_bytes(b"")
    assert compare_sites(mkdocs, zensical) == []


def test_an_unrendered_macro_outside_code_fails_and_code_is_left_alone(tmp_path: Path) -> None:
    body = HOME + "<p>{{ frameworks() }}</p><pre><code>{{ x }} {% if %}</code></pre>"
    found = compare_sites(*site_pair(tmp_path, index=body))
    assert kinds(found) == [("unrendered-macro", "index.html", "{{ frameworks() }}")]


def test_a_file_only_mkdocs_writes_is_reported_but_engine_files_are_not(tmp_path: Path) -> None:
    mkdocs, zensical = site_pair(tmp_path)
    write_site(mkdocs, {"llms.txt": "# Atlas", "assets/javascripts/bundle.1.min.js": ""})
    write_site(zensical, {"search.json": "{}"})
    assert kinds(compare_sites(mkdocs, zensical)) == [("missing-file", "llms.txt", "")]


def test_resolve_follows_directory_urls() -> None:
    assert resolve("a/b/index.html", "../c/") == ("a/c/index.html", "")
    assert resolve("a/index.html", "/x/#y") == ("x/index.html", "y")
    assert resolve("index.html", "#top") == ("index.html", "top")
    assert resolve("index.html", "//cdn.example.org/x.js") is None


GAP = KnownGap("missing-file", "*.md", "", "written by an MkDocs hook", "https://example.org/1")


def test_a_known_upstream_difference_is_listed_and_does_not_fail() -> None:
    difference = Difference("missing-file", "basics/index.md")
    verdict = judge([difference], [GAP])
    assert verdict.passed
    assert verdict.known == [(difference, GAP)]
    report = summary(verdict, pages=2)
    assert "passed" in report and "Known upstream" in report
    assert "https://example.org/1" in report and "basics/index.md" in report


def test_a_known_gap_that_no_longer_occurs_is_reported_and_fails() -> None:
    verdict = judge([], [GAP])
    assert verdict.stale == [GAP] and not verdict.passed
    report = summary(verdict, pages=2)
    assert "FAILED" in report and "no longer occur" in report and GAP.reason in report


def test_a_difference_outside_the_known_gaps_fails() -> None:
    difference = Difference("missing-page", "faq/index.html")
    verdict = judge([difference], [GAP])
    assert verdict.failures == [difference] and not verdict.passed
    assert "- `missing-page` faq/index.html" in summary(verdict, pages=2)


def test_every_known_gap_says_why_and_where_upstream() -> None:
    for gap in KNOWN_GAPS:
        assert gap.reason and gap.reference.startswith("https://"), gap


def test_main_writes_the_summary_and_appends_it_to_the_job_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mkdocs, zensical = site_pair(tmp_path, index=HOME + '<a href="term:x">x</a>')
    job_summary = tmp_path / "step-summary.md"
    job_summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(job_summary))
    out = tmp_path / "out" / "parity.md"
    assert main([str(mkdocs), str(zensical), "--summary", str(out)]) == 1
    report = out.read_text(encoding="utf-8")
    assert "`term-link` index.html: term:x" in report
    assert job_summary.read_text(encoding="utf-8") == "earlier step\n" + report
    assert report in capsys.readouterr().out


def test_main_refuses_a_site_that_was_not_built(tmp_path: Path) -> None:
    assert main([str(tmp_path / "none"), str(tmp_path / "none")]) == 2


def test_the_zensical_config_is_mkdocs_yml_with_its_own_folder() -> None:
    config = yaml.safe_load((ROOT / "mkdocs-zensical.yml").read_text(encoding="utf-8"))
    assert config == {"INHERIT": "mkdocs.yml", "site_dir": "build/zensical-site", "strict": False}
