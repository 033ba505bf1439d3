"""Load data files into typed entries, with errors a contributor can act on.

``load_dataset`` reads a file once and keeps the result until the file changes
on disk (``make serve`` edits show on the next rebuild without re-reading the
untouched files); ``load_index`` gives the same entries by id, built once per
version of the file. Every problem found is reported at once, each naming
``file:line``, the entry id, the field, what is wrong and a hint.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

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
)
from .platforms import AppServer, MessageBroker, ServerlessPlatform
from .problems import closest_hint, display_path, entry_label, kind_of, problem_from
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
APP_SERVERS = Dataset(
    "app-servers", AppServer, "Application servers that run your code: processes, threads, loops"
)
MESSAGE_BROKERS = Dataset(
    "message-brokers", MessageBroker, "Message brokers, event logs and queues"
)
SERVERLESS = Dataset(
    "serverless-platforms",
    ServerlessPlatform,
    "Serverless, edge and backend-as-a-service platforms",
)

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
        APP_SERVERS,
        MESSAGE_BROKERS,
        SERVERLESS,
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
                    file=display_path(path, root),
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
    doc = read_yaml(path, display_path(path, root))
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
                    file=display_path(path, root),
                    line=None,
                    message="not a known dataset file",
                    hint=closest_hint(name, DATASETS, "rename it to")
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
                    file=display_path(dataset.file_in(data_dir), root),
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
                            file=doc.file if doc else display_path(dataset.file_in(data_dir), None),
                            line=doc.line_of(loc) if doc else None,
                            message=f"'{ident}' is not a known {singular} in {target}.yml",
                            dataset=name,
                            entry=entry.id,
                            field=field,
                            hint=closest_hint(ident, sorted(known), "did you mean"),
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
                    message=f"the file must hold a list of entries, found {kind_of(doc.data)}",
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
        label = entry_label(item, index)
        if not isinstance(item, dict):
            problems.append(
                DataProblem(
                    file=doc.file,
                    line=doc.line_of((index,)),
                    message=f"each entry must be a mapping of fields, found {kind_of(item)}",
                    dataset=dataset.name,
                    entry=label,
                )
            )
            continue
        try:
            entry = dataset.model.model_validate(item)
        except ValidationError as exc:
            problems.extend(
                problem_from(error, dataset, doc, index, label) for error in exc.errors()
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
