"""Load data files into typed entries, with errors a contributor can act on.

``load_dataset`` reads a file once and keeps the result until the file changes
on disk (``make serve`` edits show on the next rebuild without re-reading the
untouched files); ``load_index`` gives the same entries by id, built once per
version of the file. Every problem found is reported at once, each naming
``file:line``, the entry id, the field, what is wrong and a hint.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import DataError, DataProblem
from .models import (
    ApiStyle,
    Architecture,
    Database,
    Entry,
    Framework,
    GlossaryTerm,
    Language,
    Tool,
    WebServer,
    is_placeholder,
)
from .yamlfile import YamlDocument, read_yaml

E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class Dataset(Generic[E]):
    """A kind of data file: its name (the file's stem) and the model of its entries."""

    name: str
    model: type[E]
    description: str

    def file_in(self, data_dir: Path) -> Path:
        return data_dir / f"{self.name}.yml"


LANGUAGES = Dataset("languages", Language, "Programming languages used on the server")
FRAMEWORKS = Dataset(
    "frameworks", Framework, "Frameworks, runtimes and libraries that back ends are built on"
)

DATABASES = Dataset("databases", Database, "Database systems, by data model")
WEB_SERVERS = Dataset("web-servers", WebServer, "Web servers, reverse proxies and load balancers")
API_STYLES = Dataset("api-styles", ApiStyle, "Ways for programs to talk to a back end")
ARCHITECTURES = Dataset("architectures", Architecture, "Ways to structure a back end")
TOOLS = Dataset("tools", Tool, "Everyday tools: version control, containers, CI/CD and more")
GLOSSARY = Dataset("glossary", GlossaryTerm, "Terms a newcomer meets, with definitions")

DATASETS: dict[str, Dataset[Any]] = {
    d.name: d
    for d in (
        LANGUAGES,
        FRAMEWORKS,
        DATABASES,
        WEB_SERVERS,
        API_STYLES,
        ARCHITECTURES,
        TOOLS,
        GLOSSARY,
    )
}


@dataclass(frozen=True)
class _Loaded:
    """One version of a data file: what ``load_dataset`` keeps until the file changes."""

    key: tuple[int, int]
    """The file's modification time (ns) and size when it was read."""
    entries: tuple[Entry, ...]
    doc: YamlDocument
    by_id: Mapping[str, Entry]


_cache: dict[Path, _Loaded] = {}

MAX_PROBLEMS = 100
"""Validation of a file stops after this many problems: fix those and run again."""

# How a message names one entry of a dataset ("'x' is not a known language").
_NOUNS = {"glossary": "glossary term"}


def load_dataset(dataset: Dataset[E], data_dir: Path, root: Path | None = None) -> tuple[E, ...]:
    """The validated entries of ``dataset``, re-read only when its file changed."""
    return _load(dataset, data_dir, root).entries  # type: ignore[return-value]


def load_index(dataset: Dataset[E], data_dir: Path, root: Path | None = None) -> Mapping[str, E]:
    """The entries of ``load_dataset`` by id (read-only, rebuilt when the file changed)."""
    return _load(dataset, data_dir, root).by_id  # type: ignore[return-value]


def _load(dataset: Dataset[Any], data_dir: Path, root: Path | None) -> _Loaded:
    path = dataset.file_in(data_dir).resolve()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataError(
            [
                DataProblem(
                    file=_display(path, root),
                    line=None,
                    message="data file is missing",
                    dataset=dataset.name,
                    hint=f"create it with a list of {dataset.name} entries",
                )
            ]
        ) from None
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached and cached.key == key:
        return cached
    doc = read_yaml(path, _display(path, root))
    entries = validate_document(dataset, doc)
    by_id = types.MappingProxyType({entry.id: entry for entry in entries})
    loaded = _cache[path] = _Loaded(key, entries, doc, by_id)
    return loaded


def _document(dataset: Dataset[Any], data_dir: Path) -> YamlDocument | None:
    cached = _cache.get(dataset.file_in(data_dir).resolve())
    return cached.doc if cached else None


def load_all(data_dir: Path, root: Path | None = None) -> dict[str, tuple[Entry, ...]]:
    """Validate every ``*.yml`` file in ``data_dir``; unknown files are errors too."""
    problems: list[DataProblem] = []
    loaded: dict[str, tuple[Entry, ...]] = {}
    for path in sorted(data_dir.glob("*.y*ml")):
        name = path.stem
        dataset = DATASETS.get(name)
        if dataset is None or path.suffix != ".yml":
            problems.append(
                DataProblem(
                    file=_display(path, root),
                    line=None,
                    message="not a known dataset file",
                    hint=_closest(name, DATASETS, "rename it to")
                    or f"known datasets: {', '.join(sorted(DATASETS))}",
                )
            )
            continue
        try:
            loaded[name] = load_dataset(dataset, data_dir, root)
        except DataError as exc:
            problems.extend(exc.problems)
    for name, dataset in DATASETS.items():
        if name not in loaded and not dataset.file_in(data_dir).exists():
            problems.append(
                DataProblem(
                    file=_display(dataset.file_in(data_dir), root),
                    line=None,
                    message="data file is missing",
                    dataset=name,
                )
            )
    if not problems:
        problems.extend(check_references(loaded, data_dir))
    if problems:
        raise DataError(problems)
    return loaded


def check_references(loaded: dict[str, tuple[Entry, ...]], data_dir: Path) -> list[DataProblem]:
    """Every field that names an entry of another dataset names one that exists.

    Runs only on valid files, so entries are in file order and their index in
    the file is their index here.
    """
    problems: list[DataProblem] = []
    for name, entries in loaded.items():
        dataset = DATASETS[name]
        doc = _document(dataset, data_dir)
        for field, target in dataset.model.references.items():
            known = {entry.id for entry in loaded.get(target, ())}
            singular = _NOUNS.get(target, target.removesuffix("s"))
            for index, entry in enumerate(entries):
                value = getattr(entry, field)
                values = value if isinstance(value, (list, tuple)) else [value]
                for position, ident in enumerate(values):
                    if ident is None or ident in known:
                        continue
                    loc: tuple[str | int, ...] = (index, field)
                    if isinstance(value, (list, tuple)):
                        loc = (*loc, position)
                    problems.append(
                        DataProblem(
                            file=doc.file if doc else _display(dataset.file_in(data_dir), None),
                            line=doc.line_of(loc) if doc else None,
                            message=f"'{ident}' is not a known {singular} in {target}.yml",
                            dataset=name,
                            entry=entry.id,
                            field=field,
                            hint=_closest(ident, sorted(known), "did you mean"),
                        )
                    )
    return problems


def validate_document(dataset: Dataset[E], doc: YamlDocument) -> tuple[E, ...]:
    """Turn a parsed document into entries, or raise every problem in it."""
    if not isinstance(doc.data, list):
        raise DataError(
            [
                DataProblem(
                    file=doc.file,
                    line=doc.line_of(()),
                    message=f"the file must hold a list of entries, found {_kind(doc.data)}",
                    dataset=dataset.name,
                    hint="start each entry with '- id: ...'",
                )
            ]
        )
    if not doc.data:
        raise DataError(
            [
                DataProblem(
                    file=doc.file,
                    line=doc.line_of(()),
                    message="the file holds an empty list",
                    dataset=dataset.name,
                    hint="a dataset needs at least one entry",
                )
            ]
        )
    problems: list[DataProblem] = []
    entries: list[E] = []
    first_index_of_id: dict[str, int] = {}  # lines only for a message: working them out is slow
    for index, item in enumerate(doc.data):
        if len(problems) >= MAX_PROBLEMS:
            problems.append(
                DataProblem(
                    file=doc.file,
                    line=doc.line_of((index,)),
                    message=f"stopped after {len(problems)} problems; "
                    f"{len(doc.data) - index} entries from here on were not checked",
                    dataset=dataset.name,
                    hint="fix the problems above and run the check again",
                )
            )
            break
        label = _label(item, index)
        if not isinstance(item, dict):
            problems.append(
                DataProblem(
                    file=doc.file,
                    line=doc.line_of((index,)),
                    message=f"each entry must be a mapping of fields, found {_kind(item)}",
                    dataset=dataset.name,
                    entry=label,
                )
            )
            continue
        try:
            entry = dataset.model.model_validate(item)
        except ValidationError as exc:
            problems.extend(
                _problem_from(error, dataset, doc, index, label) for error in exc.errors()
            )
            continue
        if entry.id in first_index_of_id:
            first_line = doc.line_of((first_index_of_id[entry.id], "id"))
            problems.append(
                DataProblem(
                    file=doc.file,
                    line=doc.line_of((index, "id")),
                    message=f"duplicate id '{entry.id}' (first used on line {first_line})",
                    dataset=dataset.name,
                    entry=label,
                    field="id",
                    hint="ids must be unique: choose another",
                )
            )
            continue
        first_index_of_id[entry.id] = index
        entries.append(entry)
    if problems:
        raise DataError(problems)
    return tuple(entries)


def _problem_from(
    error: ErrorDetails, dataset: Dataset[Any], doc: YamlDocument, index: int, label: str
) -> DataProblem:
    loc = tuple(error["loc"])
    field = _dotted(loc)
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
        hint = _closest(str(loc[-1]), allowed, "did you mean") or (
            f"allowed fields: {', '.join(allowed)}"
        )
    elif kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        message = f"{_show(value)} is not one of: {', '.join(expected)}"
        hint = _closest(str(value), expected, "did you mean")
    elif kind in _SHAPE_HINTS:
        wanted = "a list" if kind == "list_type" else "a mapping of fields"
        message = f"expected {wanted}, found {_kind(value)}"
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


def _closest(word: str, choices: Iterable[str], prefix: str) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"{prefix} '{matches[0]}'?" if matches else None


def _dotted(loc: Sequence[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _label(item: object, index: int) -> str:
    if isinstance(item, dict):
        ident = item.get("id")
        if isinstance(ident, str) and ident.strip() and not is_placeholder(ident):
            return ident.strip()[:40]
    return f"#{index + 1}"


def _kind(value: object) -> str:
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


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
