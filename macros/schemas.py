"""JSON Schemas of the data files, generated from the models.

The models are the single source of truth; the schemas in ``data/schemas/``
are derived from them for editors (completion and errors while typing) and for
anyone reusing the data. ``make schemas`` (scripts/schemas.py) rewrites them; a
test fails when they are out of date.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from .datasets import Dataset

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(dataset: Dataset[Any]) -> dict[str, Any]:
    """The JSON Schema of one data file: a list of entries of the dataset's model."""
    generated = TypeAdapter(list[dataset.model]).json_schema(mode="validation")  # type: ignore[name-defined]
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{dataset.name}.schema.json",
        "title": f"Backend Atlas: {dataset.name}",
        "description": f"{dataset.description}. Each entry needs a unique id.",
        **generated,
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
