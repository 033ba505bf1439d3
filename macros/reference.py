"""The Data page: a catalog of the downloads and a field reference per dataset,
both generated from the models so they can never drift from the data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from .datasets import DATASETS, Dataset
from .schemas import schema_for


def data_catalog(counts: dict[str, int], downloads: str = "../downloads/data") -> str:
    """A Markdown list of every dataset with links to its exports (relative to the page)."""
    lines = []
    for name, dataset in DATASETS.items():
        links = ", ".join(
            f"[{label}]({downloads}/{name}.{suffix})"
            for label, suffix in (("JSON", "json"), ("CSV", "csv"), ("JSON Schema", "schema.json"))
        )
        lines.append(
            f"- **{name}**: {dataset.description}; {counts.get(name, 0)} entries. {links}. "
            f"[Fields](#fields-{name})."
        )
    return "\n".join(lines)


def _type_of(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in spec:
        return " or ".join(
            _type_of(option) for option in spec["anyOf"] if option != {"type": "null"}
        )
    if "enum" in spec:
        return "one of: " + ", ".join(map(str, spec["enum"]))
    if "const" in spec:
        return repr(spec["const"])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(spec.get('items', {}))}"
    if spec.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if spec.get("format") == "uri":
        return "URL"
    return str(kind)


FieldRow = tuple[str, str, str, str]
"""A field's name, type, whether it is needed, and its meaning."""


def field_tables(dataset: Dataset[Any]) -> list[tuple[str, str, list[FieldRow]]]:
    """The fields of ``dataset``'s model and of the models it nests, from its JSON Schema."""
    schema = schema_for(dataset)
    tables = []
    for model_name, model in schema["$defs"].items():
        required = set(model.get("required", []))
        rows = [
            (
                field,
                _type_of(spec),
                "required" if field in required else "optional",
                " ".join(str(spec.get("description", "")).split()),
            )
            for field, spec in model["properties"].items()
        ]
        tables.append((model_name, " ".join(str(model.get("description", "")).split()), rows))
    return tables


def field_reference(dataset: Dataset[Any]) -> Markup:
    """An HTML table of the fields of ``dataset`` and of the models it nests."""
    parts = []
    for model_name, description, field_rows in field_tables(dataset):
        rows = Markup("").join(
            Markup(
                '<tr><th scope="row"><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td></tr>'
            ).format(*row)
            for row in field_rows
        )
        parts.append(
            Markup(
                '<div class="atlas-table" data-dataset="fields-{dataset}-{model}">\n<table>\n'
                "<caption>{model}: {description}</caption>\n"
                '<thead><tr><th scope="col">Field</th><th scope="col">Type</th>'
                '<th scope="col">Needed</th><th scope="col">Meaning</th></tr></thead>\n'
                "<tbody>{rows}</tbody>\n</table>\n</div>"
            ).format(dataset=dataset.name, model=model_name, description=description, rows=rows)
        )
    return Markup("\n\n").join(parts)


EDITIONS = (
    ("-html.zip", "HTML bundle", "unzip it anywhere and open index.html; search works offline"),
    (".pdf", "PDF book", "contents with page numbers, numbered chapters, a bookmark per page"),
)


def editions(downloads: Path, link_base: str, releases_url: str) -> str:
    """Markdown list of the offline editions present in ``downloads``, with their sizes.

    The Pages workflow builds them and copies them there before building the site;
    a local build has none, and says where to get them instead.
    """
    lines = []
    for suffix, label, how in EDITIONS:
        found = sorted(downloads.glob(f"backend-atlas-*{suffix}"))
        if found:
            file = found[-1]
            size = f"{file.stat().st_size / 1e6:.1f} MB"
            lines.append(f"- [{label}]({link_base}/{file.name}) ({size}): {how}.")
        else:
            lines.append(
                f"- {label}: not part of this build of the site; every "
                f"[release]({releases_url}) carries one: {how}."
            )
    return "\n".join(lines)
