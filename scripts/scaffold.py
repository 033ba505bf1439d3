"""A new data entry to fill in, generated from the dataset's schema.

Every value is a placeholder starting with ``TODO`` that says what belongs
there; validation refuses placeholders, so the build points at each field
until it is filled in (or, for optional fields, deleted).

    python -m scripts.scaffold frameworks      # appends a new entry to data/frameworks.yml
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from macros.datasets import DATASETS, Dataset
from macros.fields import PLACEHOLDER
from macros.models import Entry

HEADER = (
    "# New entry from `make new-entry`: replace every TODO with a sourced value,\n"
    "# delete optional lines you cannot source, then run `make test`.\n"
)


def _placeholder(spec: dict[str, Any], defs: dict[str, Any]) -> Any:
    if "$ref" in spec:
        return _placeholder(defs[spec["$ref"].rsplit("/", 1)[-1]], defs)
    if "anyOf" in spec:
        option = next(o for o in spec["anyOf"] if o.get("type") != "null")
        return _placeholder({**option, "description": spec.get("description", "")}, defs)
    if "enum" in spec:
        return f"{PLACEHOLDER}: one of {', '.join(map(str, spec['enum']))}"
    kind = spec.get("type")
    if kind == "object" and "properties" not in spec:
        return {}  # a map such as capabilities: optional, filled key by key with its sources
    if kind == "object":
        return {name: _placeholder(sub, defs) for name, sub in spec["properties"].items()}
    if kind == "array":
        return [_placeholder(spec.get("items", {}), defs)]
    if spec.get("format") == "date":
        return f"{PLACEHOLDER}: YYYY-MM-DD"
    if spec.get("format") == "uri":
        return f"{PLACEHOLDER}: https://..."
    description = " ".join(str(spec.get("description", "")).split())
    return f"{PLACEHOLDER}: {description}".rstrip(": ") if description else PLACEHOLDER


def new_entry(dataset: Dataset[Any]) -> dict[str, Any]:
    """A placeholder for every field of the dataset's model, in declaration order."""
    model: type[Entry] = dataset.model
    schema = model.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    entry = {
        name: _placeholder(spec, defs)
        for name, spec in schema["properties"].items()
        if name != "sources"
    }
    entry["sources"] = [
        {
            "url": f"{PLACEHOLDER}: https://... a page that states the facts",
            "supports": list(model.sourced_fields) or [f"{PLACEHOLDER}: field names"],
            "accessed": f"{PLACEHOLDER}: YYYY-MM-DD",
        }
    ]
    entry["reviewed"] = entry.pop("reviewed")
    return entry


class _HouseStyle(yaml.SafeDumper):
    """Indents lists inside mappings, as the data files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def scaffold_text(dataset: Dataset[Any]) -> str:
    body = yaml.dump(
        [new_entry(dataset)], Dumper=_HouseStyle, sort_keys=False, allow_unicode=True, width=1000
    )
    return HEADER + body


def append_entry(data_dir: Path, name: str) -> tuple[Path, int]:
    """Append a new entry to ``data/<name>.yml``; return the file and the entry's first line."""
    if name not in DATASETS:
        raise SystemExit(f"unknown dataset {name!r}: choose one of {', '.join(DATASETS)}")
    path = DATASETS[name].file_in(data_dir)
    text = path.read_text(encoding="utf-8")
    separator = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    line = text.count("\n") + separator.count("\n") + HEADER.count("\n") + 1
    path.write_text(text + separator + scaffold_text(DATASETS[name]), encoding="utf-8")
    return path, line


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(f"usage: make new-entry DATASET=<{'|'.join(DATASETS)}>", file=sys.stderr)
        return 2
    path, line = append_entry(Path("data"), argv[0])
    print(f"{path}:{line}: new entry added; replace each TODO, then run make test")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
