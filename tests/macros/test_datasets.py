"""Data files: the real ones validate, broken ones fail with messages a contributor can act on."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_env, copy_project, mkdocs_build
from corpus_cases import GENERATED, Case, corpus_cases, data_dir_with, failing_cases, inert_cases

from macros import datasets
from macros.datasets import DATASETS, LANGUAGES, load_all, load_dataset, validate_document
from macros.errors import DataError
from macros.yamlfile import parse_yaml, read_yaml


def test_every_data_file_validates() -> None:
    loaded = load_all(ROOT / "data", ROOT)
    assert set(loaded) == set(DATASETS)
    assert all(loaded.values()), "a dataset is empty"


def test_languages_are_the_eight_of_the_brief() -> None:
    ids = {lang.id for lang in load_dataset(LANGUAGES, ROOT / "data", ROOT)}
    assert ids == {"javascript", "python", "java", "php", "csharp", "ruby", "go", "rust"}


# Where time and memory are the point: each runs as `python -m scripts.check`
# in a process with at most 1 GiB of address space (a crash there fails one
# test, not the whole run). The rest load in this process, faster.
RESOURCE_CASES = {
    "glossary/alias-bomb",
    "frameworks/deep-nesting",
    "web-servers/deep-block-nesting",
    "tools/huge-summary",
    "databases/huge-number",
    *GENERATED,
}
ADDRESS_SPACE = 1 << 30
TIMEOUT = 60  # wall seconds: only a guard against a hang; the bound is on CPU time


@pytest.mark.parametrize(
    "case",
    [case for case in failing_cases() if case.name not in RESOURCE_CASES],
    ids=lambda case: case.name,
)
def test_bad_input_is_reported_with_file_line_and_fix(case: Case, tmp_path: Path) -> None:
    """Each case fails validation of the whole data folder, quickly, with a short report."""
    assert case.expected, f"{case.name} says neither '# expect:' nor '# inert:'"
    data = data_dir_with(case, tmp_path)
    start = time.perf_counter()
    with pytest.raises(DataError) as caught:
        load_all(data, tmp_path)
    elapsed = time.perf_counter() - start
    report = caught.value.report()
    for wanted in case.fragments():
        assert wanted in report, f"expected {wanted!r} in:\n{report}"
    assert elapsed < 5, f"{case.name}: refused after {elapsed:.1f} s"
    assert max(map(len, report.splitlines())) < 500, "the report echoes a huge value"
    if not any(text.startswith(": ") for text in case.expected):  # whole-file problems aside
        assert all(problem.line for problem in caught.value.problems), "a problem has no line"


@pytest.mark.parametrize("case", inert_cases(), ids=lambda case: case.name)
def test_hostile_text_is_valid_data(case: Case, tmp_path: Path) -> None:
    """Markup and template text is allowed in data: the site must show it, not run it."""
    loaded = load_all(data_dir_with(case, tmp_path, append=True), tmp_path)
    real = load_dataset(DATASETS[case.dataset], ROOT / "data", ROOT)
    assert len(loaded[case.dataset]) > len(real)


def test_corpus_covers_every_kind_of_bad_input() -> None:
    cases = corpus_cases()
    assert len(cases) >= 36
    assert {case.dataset for case in cases} == set(DATASETS)
    text = "\n".join(fragment for case in cases for fragment in case.expected)
    for kind in (
        "YAML syntax error",
        "indent with spaces, never tabs",
        "required field is missing",
        "unknown field",
        "is not a known language",
        "is not a known glossary term",
        "duplicate id",
        "duplicate key",
        "URL scheme should be",
        "is not an https:// address",
        "is not a calendar date",
        "is in the future",
        "at most 300 characters",
        "anchors and aliases",
        "nest more than",
        "not valid UTF-8",
        "byte order mark",
        "U+0000",
        "file is empty",
        "only comments",
        "expected a mapping of fields, found a list",
        "expected a list, found a mapping",
    ):
        assert kind in text, f"no corpus case expects {kind!r}"
    assert any("<script" in line for case in inert_cases() for line in case.inert)
    assert any("{{" in line for case in inert_cases() for line in case.inert)


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_check(data: Path) -> tuple[int, str, float, int]:
    """Exit status, stderr, seconds and peak memory (bytes) of ``scripts.check`` on ``data``."""
    env = {**build_env(), "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as errors:
        start = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts.check", data.name],
            cwd=data.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            preexec_fn=_limit_address_space,
        )
        while True:  # os.wait4, not Popen.wait: it also returns the child's peak memory
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > TIMEOUT:
                process.kill()
                os.wait4(process.pid, 0)
                pytest.fail(f"scripts.check still ran after {TIMEOUT} s")
            time.sleep(0.01)
        # CPU seconds, not wall time: the bound is on the work, whatever else the machine runs.
        elapsed = usage.ru_utime + usage.ru_stime
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    return process.returncode, stderr, elapsed, usage.ru_maxrss * 1024


@pytest.mark.parametrize(
    "case",
    [case for case in failing_cases() if case.name in RESOURCE_CASES],
    ids=lambda case: case.name,
)
def test_bad_input_is_refused_in_bounded_time_and_memory(case: Case, tmp_path: Path) -> None:
    status, stderr, elapsed, peak = run_check(data_dir_with(case, tmp_path))
    assert status == 1, f"exit status {status} (a crash, not a report):\n{stderr[-2000:]}"
    assert "Traceback" not in stderr and "MemoryError" not in stderr, stderr[-2000:]
    assert re.match(r"\d+ data problems?:\n", stderr), stderr[:2000]
    assert case.display in stderr
    for wanted in case.fragments():
        assert wanted in stderr
    assert elapsed < 10, f"took {elapsed:.1f} s of CPU"
    assert peak < 256 << 20, f"peak memory {peak >> 20} MiB"


def test_resource_cases_exist() -> None:
    names = {case.name for case in failing_cases()}
    assert names >= RESOURCE_CASES, RESOURCE_CASES - names


# One of each way a file can break: its YAML, its bytes, its nesting, its references.
BUILD_CASES = (
    "glossary/alias-bomb",
    "databases/latin-1",
    "frameworks/deep-nesting",
    "web-servers/nul-byte",
    "frameworks/unknown-language",
)


@pytest.mark.build
@pytest.mark.parametrize("name", BUILD_CASES)
def test_bad_input_fails_the_site_build(name: str, tmp_path: Path) -> None:
    case = next(case for case in failing_cases() if case.name == name)
    project = copy_project(tmp_path / "project")
    (project / case.display).write_bytes(case.source)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    for wanted in case.fragments():
        assert wanted in result.stderr, f"expected {wanted!r} in:\n{result.stderr[-2000:]}"
    assert not (tmp_path / "site" / "index.html").exists()


def test_all_problems_are_reported_at_once() -> None:
    text = (ROOT / "data" / "languages.yml").read_text(encoding="utf-8")
    text = text.replace("typing: static", "typing: nope").replace("reviewed: ", "reviewd: ")
    with pytest.raises(DataError) as caught:
        validate_document(LANGUAGES, parse_yaml(text, "data/languages.yml"))
    problems = caught.value.problems
    # four static languages with a bad typing, eight with 'reviewd' unknown and 'reviewed' missing
    assert len(problems) == 4 + 8 * 2
    assert str(caught.value).startswith(f"{len(problems)} data problems:")


def test_unknown_data_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "languages.yml").write_bytes((ROOT / "data" / "languages.yml").read_bytes())
    typo = "langauges"  # codespell:ignore
    (tmp_path / f"{typo}.yml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(
        DataError, match=rf"{typo}\.yml: not a known dataset file \(rename it to 'languages'\?\)"
    ):
        load_all(tmp_path)


def test_missing_data_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"languages\.yml: languages: data file is missing"):
        load_all(tmp_path)


def test_file_is_read_again_only_after_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "languages.yml"
    path.write_bytes((ROOT / "data" / "languages.yml").read_bytes())
    reads: list[Path] = []

    def counting_read(p: Path, name: str | None = None):  # type: ignore[no-untyped-def]
        reads.append(p)
        return read_yaml(p, name)

    monkeypatch.setattr(datasets, "read_yaml", counting_read)
    first = load_dataset(LANGUAGES, tmp_path)
    assert load_dataset(LANGUAGES, tmp_path) is first
    assert len(reads) == 1
    path.write_text(path.read_text(encoding="utf-8").replace("name: Go", "name: Golang"), "utf-8")
    changed = load_dataset(LANGUAGES, tmp_path)
    assert len(reads) == 2
    assert "Golang" in {lang.name for lang in changed}


def test_reference_to_an_unknown_language_names_the_closest(tmp_path: Path) -> None:
    for name in DATASETS:
        (tmp_path / f"{name}.yml").write_bytes((ROOT / "data" / f"{name}.yml").read_bytes())
    frameworks = tmp_path / "frameworks.yml"
    text = frameworks.read_text(encoding="utf-8")
    text = text.replace("language: python", "language: pyhton", 1)  # codespell:ignore
    frameworks.write_text(text, encoding="utf-8")
    typo = "language: pyhton"  # codespell:ignore
    line = next(n for n, row in enumerate(text.splitlines(), 1) if typo in row)
    with pytest.raises(DataError) as caught:
        load_all(tmp_path, tmp_path.parent)
    assert (
        f"{tmp_path.name}/frameworks.yml:{line}: frameworks[" in str(caught.value)
        and "].language: 'pyhton' is not a known language in languages.yml (did you mean 'python'?)"
        in str(caught.value)
    )


def test_every_framework_kind_of_the_brief_is_classified_correctly() -> None:
    from macros.datasets import FRAMEWORKS

    kinds = {fw.id: fw.kind for fw in load_dataset(FRAMEWORKS, ROOT / "data", ROOT)}
    assert kinds["nodejs"] == "runtime"
    assert kinds["ef-core"] == "orm"
    assert kinds["signalr"] == "real-time-library"
    assert kinds["blazor"] == "ui-framework"
    assert kinds["orleans"] == "actor-framework"
    assert kinds["tokio"] == "async-runtime"
    assert kinds["jakarta-ee"] == "specification"
    assert kinds["django"] == "full-stack-web-framework"
    assert kinds["flask"] == "micro-web-framework"


def test_annotations_escape_what_github_would_misread() -> None:
    from macros.errors import DataError, DataProblem

    problem = DataProblem(
        file="data/a,b.yml",
        line=7,
        message="50% wrong:\nsecond line",
        dataset="tools",
        entry="x",
        field="name",
        hint="fix it",
    )
    assert problem.annotation() == (
        "::error file=data/a%2Cb.yml,line=7,title=tools[x].name::"
        "50%25 wrong:%0Asecond line (fix it)"
    )
    assert DataError([problem]).annotations() == problem.annotation()
