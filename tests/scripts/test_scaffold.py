"""make new-entry: a scaffold that fails validation field by field until it is filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, mkdocs_build

from macros.datasets import DATASETS, load_all
from macros.errors import DataError
from scripts.reference import with_field_reference
from scripts.scaffold import append_entry

CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def _worked_example() -> tuple[dict[str, object], str]:
    """The entry CONTRIBUTING.md fills in, and the validation error it shows before that."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    block = re.search(r"<!-- worked-example: frameworks.*?-->\n\n```yaml\n(.*?)```", text, re.S)
    shown = re.search(r"```text\n(data/frameworks\.yml:\d+: .*?)\n```", text, re.S)
    assert block and shown, "CONTRIBUTING.md lost its worked example"
    (entry,) = yaml.safe_load(block.group(1))
    return entry, shown.group(1)


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_placeholder_is_refused_with_its_field_and_line(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path / "project")
    path, first_line = append_entry(project / "data", name)
    with pytest.raises(DataError) as caught:
        load_all(project / "data", project)
    problems = caught.value.problems
    assert problems and all("placeholder from make new-entry" in p.message for p in problems)
    assert all(p.file.endswith(path.name) and (p.line or 0) >= first_line for p in problems)
    fields = {p.field for p in problems}
    assert "id" in fields and "reviewed" in fields


@pytest.mark.build
def test_scaffold_fill_validate_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path, _ = append_entry(project / "data", "frameworks")
    filled_entry, shown_error = _worked_example()
    with pytest.raises(DataError) as caught:
        load_all(project / "data", project)
    # The error CONTRIBUTING.md shows is the one a contributor gets (line numbers aside).
    first = str(caught.value.problems[0])
    assert re.sub(r":\d+:|#\d+", "", first) == re.sub(r":\d+:|#\d+", "", shown_error)
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(filled_entry) <= set(entries[-1])  # every field it fills is one the scaffold offers
    text = path.read_text(encoding="utf-8")
    start = text.index("# New entry from `make new-entry`")
    filled = yaml.safe_dump([filled_entry], sort_keys=False)
    path.write_text(text[:start] + filled, encoding="utf-8")
    load_all(project / "data", project)  # valid now
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "frameworks" / "index.html").read_text(encoding="utf-8")
    assert 'id="frameworks-falcon"' in page


def test_contributing_field_reference_is_generated_from_the_models() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert with_field_reference(text) == text, "run make schemas to refresh CONTRIBUTING.md"
    for name in DATASETS:
        assert f"### `data/{name}.yml`" in text


@pytest.mark.build
def test_the_contributing_page_is_contributing_md(built_site: Path) -> None:
    page = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="contributing-to-backend-atlas">' in page
    assert "worked-example" in page and "falcon" in page
    assert page.count("<table>") >= len(DATASETS)
