"""Rewrite the JSON Schemas in ``data/schemas/`` from the models (``make schemas``).

python -m scripts.schemas [target folder, default data/schemas]
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.datasets import DATASETS
from macros.schemas import render, schema_for


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
