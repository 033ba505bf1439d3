"""The profiling examples find what docs/production/profiling.md says they find.

No test measures time: a timing assertion fails on a busy machine. They check
what a profile records exactly, call counts and function names in cProfile's
statistics, and which source line tracemalloc blames for the most memory.
"""

from __future__ import annotations

import pstats
import tracemalloc
from pathlib import Path

from conftest import ROOT
from examplefiles import example, examples_fixture, load_file

FOLDER = ROOT / "docs" / "examples" / "profiling"
MODULES = ("dedupe", "profile_dedupe")

examples_on_path = examples_fixture(FOLDER, MODULES)


def calls_by_function(profiler: object) -> dict[str, int]:
    """Function name to number of calls, for the functions defined in dedupe.py."""
    stats = pstats.Stats(profiler)  # type: ignore[arg-type]
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]]
    raw = stats.stats  # type: ignore[attr-defined]
    return {
        name: total_calls
        for (filename, _line, name), (_primitive, total_calls, *_rest) in raw.items()
        if Path(filename).name == "dedupe.py"
    }


def test_both_versions_keep_the_first_of_each_id_in_order() -> None:
    dedupe = load_file(FOLDER / "dedupe.py")
    ids = ["b", "a", "b", "c", "a", "d"]
    assert dedupe.dedupe_slow(ids) == ["b", "a", "c", "d"]
    assert dedupe.dedupe_fast(ids) == ["b", "a", "c", "d"]
    sample = example("profile_dedupe").sample_ids(300)
    assert dedupe.dedupe_slow(sample) == dedupe.dedupe_fast(sample)


def test_sample_ids_repeat_about_one_in_three() -> None:
    sample = example("profile_dedupe").sample_ids(300)
    assert len(sample) == 300
    assert len(set(sample)) == 200


def test_the_slow_profile_calls_the_list_scan_once_per_id() -> None:
    run = example("profile_dedupe")
    dedupe = example("dedupe")
    calls = calls_by_function(run.profile(dedupe.dedupe_slow, run.sample_ids(300)))
    assert calls == {"dedupe_slow": 1, "seen_before": 300}


def test_the_fixed_profile_no_longer_calls_the_list_scan() -> None:
    run = example("profile_dedupe")
    dedupe = example("dedupe")
    calls = calls_by_function(run.profile(dedupe.dedupe_fast, run.sample_ids(300)))
    assert calls == {"dedupe_fast": 1}


def test_the_report_names_the_hot_function_with_its_call_count() -> None:
    run = example("profile_dedupe")
    dedupe = example("dedupe")
    text = run.report(run.profile(dedupe.dedupe_slow, run.sample_ids(300)))
    assert "Ordered by: cumulative time" in text
    hot = next(line for line in text.splitlines() if "(seen_before)" in line)
    assert hot.split()[0] == "300"
    assert "dedupe.py:" in hot and "/" not in hot  # strip_dirs keeps file names short


def test_tracemalloc_blames_the_line_that_builds_each_receipt() -> None:
    memory = load_file(FOLDER / "memory_growth.py")
    memory.RECEIPTS.clear()
    top = memory.top_growth(500)
    assert not tracemalloc.is_tracing()
    first = top[0].traceback[0]
    assert Path(first.filename).name == "memory_growth.py"
    source = (FOLDER / "memory_growth.py").read_text(encoding="utf-8").splitlines()
    assert source[first.lineno - 1].strip().startswith("receipt = ")
    assert top[0].count_diff == 500
    assert top[0].size_diff > 0
    assert len(memory.RECEIPTS) == 500
