"""The JSON Schemas for editors and reusers are generated from the models and kept in sync."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from macros.datasets import DATASETS
from macros.schemas import render, schema_for

SCHEMAS = ROOT / "data" / "schemas"


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_committed_schema_matches_the_model(name: str) -> None:
    path = SCHEMAS / f"{name}.schema.json"
    assert path.exists(), f"missing {path.name}: run `make schemas`"
    assert path.read_text(encoding="utf-8") == render(schema_for(DATASETS[name])), (
        f"{path.name} is out of date with macros/models.py: run `make schemas`"
    )


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_data_file_points_editors_at_its_schema(name: str) -> None:
    first_line = (ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=schemas/{name}.schema.json"


def test_schemas_forbid_unknown_fields_and_explain_every_field() -> None:
    for name in DATASETS:
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        for model_name, model in schema["$defs"].items():
            assert model.get("additionalProperties") is False, f"{name}: {model_name}"
            for field, spec in model["properties"].items():
                assert spec.get("description"), f"{name}: {model_name}.{field} has no description"


def test_no_stray_schema_files() -> None:
    names = {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json")}
    assert names == set(DATASETS)
