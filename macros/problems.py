"""Validation errors turned into problems a contributor can act on.

pydantic reports where in the data a value failed and why, in its own terms;
these helpers say it the way a contributor reads it: the file and line, the
entry's id, the field, what is wrong, and a hint (the closest allowed value, the
field's description, the expected shape).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .errors import DataProblem, closest
from .fields import is_placeholder
from .yamlfile import YamlDocument

if typing.TYPE_CHECKING:
    from .datasets import Dataset


def problem_from(
    error: ErrorDetails, dataset: Dataset[Any], doc: YamlDocument, index: int, label: str
) -> DataProblem:
    loc = tuple(error["loc"])
    field = _dotted(loc[:-2] if loc[-1:] == ("[key]",) else loc)  # a mapping's key: name the map
    kind = error["type"]
    value = error.get("input")
    hint: str | None = None
    if kind == "missing":
        message = "required field is missing"
        description = _field_description(dataset.model, loc)
        hint = f"add '{loc[-1]}:'" + (f"; {description}" if description else "")
    elif kind == "extra_forbidden":
        allowed = _fields_at(dataset.model, loc[:-1])
        message = f"unknown field {_show(str(loc[-1]))}"
        field = _dotted(loc[:-1])
        hint = closest_hint(str(loc[-1]), allowed, "did you mean") or (
            f"allowed fields: {', '.join(allowed)}"
        )
    elif kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        message = f"{_show(value)} is not one of: {', '.join(expected)}"
        hint = closest_hint(str(value), expected, "did you mean")
    elif kind in _SHAPE_HINTS:
        wanted = "a list" if kind == "list_type" else "a mapping of fields"
        message = f"expected {wanted}, found {kind_of(value)}"
        if not isinstance(value, (dict, list)):
            message += f" {_show(value)}"
        hint = _SHAPE_HINTS[kind]
    elif kind == "string_type" and isinstance(value, (bool, int, float, dt.date)):
        message = f"{error['msg']}, got {_show(value)}"
        hint = (
            "quote it: YAML reads yes, no, on and off as true or false"
            if isinstance(value, bool)
            else "quote it to keep it as text"
        )
    elif kind == "value_error" and not loc:
        message = error["msg"].removeprefix("Value error, ")
    else:
        message = error["msg"].removeprefix("Value error, ")
        if value is not None and not isinstance(value, (dict, list)) and str(value) not in message:
            message += f", got {_show(value)}"
    return DataProblem(
        file=doc.file,
        line=doc.line_of((index, *loc)),
        message=message,
        dataset=dataset.name,
        entry=label,
        field=field or None,
        hint=hint,
    )


_SHAPE_HINTS = {
    "list_type": "write [a, b] on one line, or one '- item' per line",
    "model_type": "write 'field: value' lines indented under it",
    "dict_type": "write 'field: value' lines indented under it",
}


def _fields_at(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _field_description(model: type[BaseModel], loc: Sequence[int | str]) -> str | None:
    parents = _fields_at(model, loc[:-1])
    if not parents:
        return None
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, str) and current is not None:
            info = current.model_fields.get(part)
            current = _model_in(info.annotation) if info else None
    if current is None:
        return None
    info = current.model_fields.get(str(loc[-1]))
    return info.description if info else None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as ``Release``, ``list[Source]``, ``X | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def closest_hint(word: str, choices: Iterable[str], prefix: str) -> str | None:
    """``prefix 'match'?`` for the choice closest to ``word``, if one is close."""
    match = closest(word, choices)
    return f"{prefix} '{match}'?" if match else None


def _dotted(loc: Sequence[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def entry_label(item: object, index: int) -> str:
    if isinstance(item, dict):
        ident = item.get("id")
        if isinstance(ident, str) and ident.strip() and not is_placeholder(ident):
            return ident.strip()[:40]
    return f"#{index + 1}"


def kind_of(value: object) -> str:
    kinds: dict[type, str] = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }
    return kinds.get(type(value), f"a {type(value).__name__}")


def _show(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
