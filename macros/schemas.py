"""JSON Schemas of the data files, generated from the models.

The models are the single source of truth; the schemas in ``data/schemas/``
are derived from them for editors (completion and errors while typing) and for
anyone reusing the data. ``python -m macros.schemas`` rewrites them; a test
fails when they are out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .datasets import DATASETS, Dataset

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


def write_all(target: Path) -> list[Path]:
    """Write one ``<dataset>.schema.json`` per dataset into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for dataset in DATASETS.values():
        path = target / f"{dataset.name}.schema.json"
        path.write_text(render(schema_for(dataset)), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("data/schemas")
    for path in write_all(target):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
