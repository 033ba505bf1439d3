"""Data exports for reuse: every dataset as JSON and CSV, with its JSON Schema.

A build step, not a macro: ``python -m scripts.exports docs/downloads/data``
(run by ``make exports``, which ``make serve``, ``make build`` and ``make
test`` depend on) writes the files into the docs tree, where MkDocs serves and
copies them like any other static file. The JSON holds exactly what the YAML
holds, after validation, with dates written as ISO 8601 text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import typing
from pathlib import Path
from typing import Any

from macros.datasets import DATASETS, Dataset, load_all
from macros.errors import DataError
from macros.models import Entry
from macros.schemas import render, schema_for
from macros.yamlfile import read_yaml

LICENSE = "CC-BY-4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


def plain(value: Any) -> Any:
    """YAML data as JSON data: dates become ISO 8601 text."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def to_json(records: list[Any]) -> str:
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def csv_columns(dataset: Dataset[Any]) -> list[str]:
    """One column per field, nested models flattened as ``field.subfield``."""
    columns: list[str] = []
    for name in dataset.model.model_fields:
        if name == "first_release":
            columns += ["first_release.date", "first_release.version"]
        elif name == "capabilities":
            keys = typing.get_args(dataset.model.model_fields[name].annotation)[0]
            columns += [f"capabilities.{key}" for key in typing.get_args(keys)]
        elif name == "sources":
            columns.append("sources")
        else:
            columns.append(name)
    return columns


def _item(item: dict[str, Any]) -> str:
    """One nested record in a cell, with its source kept next to the fact."""
    if "supports" in item:
        return f"{item['url']} ({', '.join(item['supports'])}; accessed {item['accessed']})"
    cite = f"({item['publisher']}, {item['as_of']}, {item['source']})" if "source" in item else ""
    if "organization" in item:
        return f"{item['organization']}: {item['statement']} {cite}"
    if "percent" in item:
        return f"{item['percent']}% of {item['population']} {cite}"
    return ", ".join(f"{key}: {value}" for key, value in item.items())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return " | ".join(_item(item) for item in value)
        return "; ".join(str(item) for item in value)
    return str(value)


def to_csv(dataset: Dataset[Any], records: list[dict[str, Any]]) -> str:
    """A spreadsheet-friendly table: lists joined with '; ', sources with ' | '."""
    columns = csv_columns(dataset)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        row = []
        for column in columns:
            head, _, tail = column.partition(".")
            value = record.get(head)
            if tail:
                value = value.get(tail) if isinstance(value, dict) else None
            if head == "capabilities" and isinstance(value, dict):
                value = ": ".join(str(value[k]) for k in ("level", "note") if value.get(k))
            row.append(_cell(value))
        writer.writerow(row)
    return buffer.getvalue()


def records_of(dataset: Dataset[Any], data_dir: Path) -> list[dict[str, Any]]:
    data = read_yaml(dataset.file_in(data_dir)).data
    return [plain(item) for item in data]


def write_exports(data_dir: Path, target: Path) -> list[Path]:
    """Validate every dataset, then write its JSON, CSV and schema into ``target``."""
    loaded: dict[str, tuple[Entry, ...]] = load_all(data_dir, Path.cwd())
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    catalog = []
    for name, dataset in DATASETS.items():
        records = records_of(dataset, data_dir)
        files = {
            f"{name}.json": to_json(records),
            f"{name}.csv": to_csv(dataset, records),
            f"{name}.schema.json": render(schema_for(dataset)),
        }
        for filename, text in files.items():
            path = target / filename
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            written.append(path)
        catalog.append(
            {
                "dataset": name,
                "description": dataset.description,
                "entries": len(loaded[name]),
                "files": sorted(files),
            }
        )
    index = target / "index.json"
    manifest = {"license": LICENSE, "license_url": LICENSE_URL, "datasets": catalog}
    index.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(index)
    return written


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("docs/downloads/data")
    data_dir = Path(argv[1]) if len(argv) > 1 else Path("data")
    try:
        written = write_exports(data_dir, target)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        if annotations := error.ci_annotations():
            print(annotations)
        return 1
    print(f"wrote {len(written)} files to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
