"""make new-entry: a scaffold that fails validation field by field until it is filled in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import copy_project, mkdocs_build

from macros.datasets import DATASETS, load_all
from macros.errors import DataError
from macros.scaffold import append_entry

# What a contributor writes over the placeholders (the CONTRIBUTING example).
FILLED = {
    "id": "litestar",
    "name": "Litestar",
    "language": "python",
    "kind": "micro-web-framework",
    "summary": "An asynchronous Python framework for APIs with typed request handling.",
    "first_release": {"date": "2021", "version": "0.1.0"},
    "license": "MIT",
    "repository": "https://github.com/litestar-org/litestar",
    "website": "https://litestar.dev/",
    "sources": [
        {
            "url": "https://github.com/litestar-org/litestar/releases",
            "supports": ["first_release", "license"],
            "accessed": "2026-11-23",
        }
    ],
    "reviewed": "2026-11-23",
}


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
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(entries[-1]) == set(FILLED)  # the scaffold offers exactly the model's fields
    text = path.read_text(encoding="utf-8")
    start = text.index("# New entry from `make new-entry`")
    filled = yaml.safe_dump([FILLED], sort_keys=False)
    path.write_text(text[:start] + filled, encoding="utf-8")
    load_all(project / "data", project)  # valid now
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "frameworks" / "index.html").read_text(encoding="utf-8")
    assert 'id="frameworks-litestar"' in page
