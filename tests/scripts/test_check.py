"""`python -m scripts.check` (make validate, the pre-commit data hook)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from macros.datasets import DATASETS, load_all
from macros.staleness import all_facts
from scripts.check import check


def test_valid_data_says_so() -> None:
    status, text = check(ROOT / "data")
    assert status == 0
    assert f"{len(DATASETS)} datasets" in text and text.endswith("all valid")


def test_bad_data_names_file_line_and_fix_and_annotates_only_in_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    languages = data / "languages.yml"
    languages.write_text(languages.read_text("utf-8").replace("typing: static", "typing: statc", 1))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    status, text = check(data)
    assert status == 1 and "languages.yml:" in text and "did you mean 'static'" in text
    assert "::error" not in text
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    status, text = check(data)
    assert status == 1 and "::error file=" in text and "languages.yml,line=" in text


def test_year_old_facts_are_warnings_that_do_not_fail() -> None:
    status, text = check(ROOT / "data", dt.date(2099, 1, 1))
    assert status == 0
    assert "facts are due for another look" in text
    assert "warning: data/" in text
    loaded = load_all(ROOT / "data", ROOT)
    oldest = min(fact.checked for fact in all_facts(loaded))
    status, text = check(ROOT / "data", oldest + dt.timedelta(days=365))
    assert (status, "warning:" in text) == (0, False)
