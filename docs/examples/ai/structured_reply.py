"""Check a model's JSON reply against a small JSON Schema before using it.

The model was asked for a ticket triage as JSON. Its reply is only text: it
may be broken JSON, miss a field, or carry a value outside the allowed set.
This checks the subset of JSON Schema the schema below uses (type, required,
properties, enum, additionalProperties, maxLength) with the standard library.
"""

from __future__ import annotations

import json
from typing import Any

TRIAGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["category", "priority", "summary"],
    "additionalProperties": False,
    "properties": {
        "category": {"type": "string", "enum": ["billing", "bug", "account", "other"]},
        "priority": {"type": "integer", "enum": [1, 2, 3]},
        "summary": {"type": "string", "maxLength": 200},
    },
}

TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "string": (str,),
    "integer": (int,),
    "array": (list,),
    "boolean": (bool,),
}


class InvalidReply(ValueError):
    """The model's reply is not what the schema allows; never act on it."""


def errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Every way value breaks schema, each naming the path of the bad part."""
    expected = schema.get("type")
    if expected is not None:
        is_bool = isinstance(value, bool)
        if not isinstance(value, TYPES[expected]) or (is_bool and expected != "boolean"):
            return [f"{where}: expected {expected}, got {type(value).__name__}"]
    found: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, str) and len(value) > schema.get("maxLength", len(value)):
        found.append(f"{where}: longer than {schema['maxLength']} characters")
    if isinstance(value, dict):
        properties: dict[str, Any] = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{where}: missing required field {name!r}")
        for name, item in value.items():
            if name in properties:
                found.extend(errors(item, properties[name], f"{where}.{name}"))
            elif schema.get("additionalProperties") is False:
                found.append(f"{where}: unexpected field {name!r}")
    return found


def parse_triage(reply_text: str) -> dict[str, Any]:
    """The triage in the model's reply, or InvalidReply saying what is wrong."""
    try:
        value = json.loads(reply_text)
    except json.JSONDecodeError as exc:
        raise InvalidReply(f"not JSON: {exc.msg} at position {exc.pos}") from exc
    problems = errors(value, TRIAGE_SCHEMA)
    if problems:
        raise InvalidReply("; ".join(problems))
    triage: dict[str, Any] = value
    return triage
