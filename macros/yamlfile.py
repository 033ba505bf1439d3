"""Read a YAML data file once, with the line of every value.

A data file is plain text, numbers, dates, lists and mappings, and nothing
else. Before the document is built, a cheap pass over the raw text and the
parser's events refuses what a data file never needs and what could hang or
crash the build: invisible and control characters, tags (``!!python/...``),
anchors and aliases (the "billion laughs" expansion), nesting deeper than
``MAX_DEPTH`` and more than ``MAX_VALUES`` values. Only then is the document
composed (libyaml's composer recurses in C and crashes on very deep input) and
walked for lines, duplicate keys and values that YAML cannot build, such as
the date 2026-02-30. Every refusal is a DataError naming the file and line.

That careful path parses the text twice and walks the result twice. A valid
file, the common case, is parsed once: ``_plain_data`` builds the data straight
from the parser's events under the same limits, and gives up at the first
thing it does not expect (a syntax error, an anchor, a tag, a duplicate key, a
limit reached, a value YAML cannot build...). The careful path then runs and
names the problem exactly as before. The lines of a valid file are only needed
for messages (an entry that fails validation), so they are worked out when
first asked for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, DataProblem

try:  # libyaml is part of the PyYAML wheels; the pure-Python loader is a slow fallback.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]
"""Where a value sits in the document: keys and list indexes from the root."""

MAX_BYTES = 2_000_000
"""The largest data file read; the biggest real one is about 40 kB."""
MAX_DEPTH = 20
"""The deepest nesting of lists and mappings; real entries nest 5 levels."""
MAX_VALUES = 100_000
"""The most values (keys, texts, lists, mappings) in one file; real files hold about 2,000."""

# Characters that are invisible in an editor and a review, or that no text
# needs: control characters (tab and line breaks aside), the byte order mark,
# bidirectional overrides ("Trojan Source"), line and paragraph separators.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff]"
)

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_BUILT_TAGS = frozenset(
    {
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        _TIMESTAMP,
    }
)
"""Implicit tags besides text that ``_plain_data`` builds; any other sends a file
down the careful path (``<<`` and ``=`` resolve to tags of their own)."""


@dataclass(frozen=True)
class YamlDocument:
    """Plain Python data plus the 1-based line where each value starts.

    ``lines`` is worked out from ``text`` on first use: only messages about a
    problem need it.
    """

    file: str
    data: Any
    text: str = field(repr=False)

    @cached_property
    def lines(self) -> dict[Path_, int]:
        """Where each value starts, by its path from the root."""
        return _parse_checked(self.text, self.file)[1]

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest known value along ``path``."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def parse_yaml(source: str | bytes, file: str) -> YamlDocument:
    """Parse one YAML document; raise DataError naming ``file`` and the line."""
    if len(source) > MAX_BYTES:
        raise _too_large(file)
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = source[: exc.start].count(b"\n") + 1
            raise _error(
                file, line, "file is not valid UTF-8", "save it with UTF-8 encoding"
            ) from None
    else:
        text = source
    _refuse_unwanted_characters(text, file)
    try:
        data = _plain_data(text)
    except _Unusual:
        data = _parse_checked(text, file)[0]
    return YamlDocument(file=file, data=data, text=text)


class _Unusual(Exception):
    """``_plain_data`` met something a valid data file does not hold."""


def _plain_data(text: str) -> Any:
    """The data of ``text``, built in one pass over the parser's events.

    Raises _Unusual for anything the careful path (``_parse_checked``) would
    refuse, or might: an error message is always that path's. Limits hold
    here too, so hostile input costs no more than a second pass.
    """
    loader = SafeLoader(text)
    try:
        if loader.yaml_path_resolvers:  # pragma: no cover (nothing registers them)
            raise _Unusual
        return _build(loader)
    except yaml.YAMLError:
        raise _Unusual from None
    finally:
        loader.dispose()


_NO_KEY = object()


def _build(loader: Any) -> Any:
    """The one document of ``loader``'s stream, as lists, dicts and scalars."""
    get_event = loader.get_event
    resolve = loader.resolve
    constructors = loader.yaml_constructors
    unwanted = _UNWANTED.search
    scalar_event, scalar_node = yaml.ScalarEvent, yaml.ScalarNode
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    if not isinstance(get_event(), yaml.StreamStartEvent):  # pragma: no cover
        raise _Unusual
    if not isinstance(get_event(), yaml.DocumentStartEvent):
        raise _Unusual  # no document: empty, or only comments
    root: list[Any] = []
    container: Any = root  # the list or mapping that the next value goes into
    keys: set[str] | None = None  # in a mapping: the keys so far, as written
    key: Any = _NO_KEY  # in a mapping: the key whose value comes next
    stack: list[tuple[Any, set[str] | None]] = []
    resolved: dict[str, str] = {}  # plain scalar -> its implicit tag (keys repeat a lot)
    values = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            values += 1
            if values > MAX_VALUES:
                raise _Unusual
            written = event.value
            if unwanted(written):
                raise _Unusual
            value: Any = written
            if event.implicit[0]:  # plain: the resolver reads it as text, a number, a date...
                tag = resolved.get(written)
                if tag is None:
                    tag = resolved[written] = resolve(scalar_node, written, event.implicit)
                if tag != _STR:
                    if tag not in _BUILT_TAGS:
                        raise _Unusual
                    node = scalar_node(tag, written, event.start_mark, event.end_mark)
                    try:
                        value = constructors[tag](loader, node)
                    except (ValueError, OverflowError):
                        raise _Unusual from None
            if keys is None:
                container.append(value)
            elif key is _NO_KEY:
                if written in keys:
                    raise _Unusual
                keys.add(written)
                key = value
            else:
                container[key] = value
                key = _NO_KEY
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            values += 1
            if values > MAX_VALUES or len(stack) >= MAX_DEPTH:
                raise _Unusual
            new: Any = {} if kind is mapping_start else []
            if keys is None:
                container.append(new)
            elif key is _NO_KEY:
                raise _Unusual  # a list or mapping as a key
            else:
                container[key] = new
            stack.append((container, keys))
            container, keys, key = new, set() if kind is mapping_start else None, _NO_KEY
        elif kind in collection_ends:
            container, keys = stack.pop()
            key = _NO_KEY
        elif kind is yaml.DocumentEndEvent:
            break
        else:
            raise _Unusual  # an alias
    if not isinstance(get_event(), yaml.StreamEndEvent):
        raise _Unusual  # a second document
    return root[0]


def _parse_checked(text: str, file: str) -> tuple[Any, dict[Path_, int]]:
    """Screen, compose, check and build ``text``, with the line of every value.

    Every problem raises a DataError naming ``file`` and the line.
    """
    loader = SafeLoader(text)
    try:
        _screen_events(loader, text, file)
    finally:
        loader.dispose()
    loader = SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise _syntax_error(exc, text, file) from None
        if node is None:
            if text.strip():
                raise _error(file, 1, "file holds only comments", "add a list of entries")
            raise _error(file, 1, "file is empty", "a data file holds a list of entries")
        lines: dict[Path_, int] = {}
        _walk(node, (), lines, file, loader)
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:  # pragma: no cover (tags are refused earlier)
            mark = exc.problem_mark or exc.context_mark
            raise _error(
                file,
                mark.line + 1 if mark else None,
                f"YAML value not allowed: {exc.problem or exc.context}",
                "data files hold plain text, numbers, dates, lists and mappings",
            ) from None
    finally:
        loader.dispose()
    return data, lines


def read_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read and parse ``path``; ``display_name`` is what messages call it.

    At most ``MAX_BYTES`` + 1 bytes are read, so a huge file (or a device)
    is refused without filling the memory.
    """
    name = display_name or str(path)
    with path.open("rb") as stream:
        source = stream.read(MAX_BYTES + 1)
    if len(source) > MAX_BYTES:
        raise _too_large(name)
    return parse_yaml(source, name)


def _refuse_unwanted_characters(text: str, file: str) -> None:
    found = _UNWANTED.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    if found.group() == "\ufeff" and found.start() == 0:
        raise _error(
            file,
            1,
            "file starts with a byte order mark (BOM)",
            "save it as UTF-8 without BOM",
        )
    raise _error(
        file,
        line,
        f"{_describe(found.group())} at column {column} is not allowed in a data file",
        "delete it: it is invisible in most editors and in reviews",
    )


def _screen_events(loader: Any, text: str, file: str) -> None:
    """Walk the parser's events once and refuse what must never be composed."""
    depth = 0
    values = 0
    while True:
        try:
            event: yaml.Event = loader.get_event()
        except yaml.YAMLError as exc:
            raise _syntax_error(exc, text, file) from None
        if isinstance(event, yaml.StreamEndEvent):
            return
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            continue
        if not isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)):
            continue
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            raise _error(
                file,
                line,
                "anchors and aliases (&name / *name) are not allowed in data files",
                "write the value out in full",
            )
        if event.tag is not None:
            raise _error(
                file,
                line,
                f"YAML tags such as '{event.tag}' are not allowed in data files",
                "write a plain value; quote text that would otherwise read as a number or date",
            )
        values += 1
        if values > MAX_VALUES:
            raise _error(
                file,
                line,
                f"file holds more than {MAX_VALUES} values",
                "split it up, or look for text repeated by mistake",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _error(
                    file,
                    line,
                    f"lists and mappings nest more than {MAX_DEPTH} levels deep",
                    "entries nest a few levels: look for unclosed or repeated brackets",
                )


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], file: str, loader: Any) -> None:
    line = node.start_mark.line + 1
    lines[path] = line
    if isinstance(node, yaml.ScalarNode):
        _check_scalar(node, file, loader)
    elif isinstance(node, yaml.MappingNode):
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise _error(file, key_line, "keys must be plain text")
            if key_node.tag == _MERGE:
                raise _error(file, key_line, "merge keys (<<) are not allowed in data files")
            _check_scalar(key_node, file, loader)
            key = key_node.value
            if key in keys:
                raise _error(
                    file,
                    key_line,
                    f"duplicate key {_short(key)} (first on line {keys[key]})",
                    "remove one of them",
                )
            keys[key] = key_line
            _walk(value_node, (*path, key), lines, file, loader)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, file, loader)


def _check_scalar(node: yaml.ScalarNode, file: str, loader: Any) -> None:
    """Refuse escaped control characters and values YAML reads but cannot build."""
    line = node.start_mark.line + 1
    found = _UNWANTED.search(node.value)
    if found:
        raise _error(
            file,
            line,
            f"{_describe(found.group())} is not allowed in a data file",
            "delete the escape sequence that writes it",
        )
    try:
        loader.construct_object(node)
    except yaml.constructor.ConstructorError:
        # A bare `=` or `<<` is YAML's "value" or "merge" key, which safe loading cannot build.
        raise _error(
            file,
            line,
            f"{_short(node.value)} is special in YAML and cannot stand alone as a value",
            f'quote it to keep it as text: "{node.value}"',
        ) from None
    except (ValueError, OverflowError) as exc:
        if node.tag == _TIMESTAMP:
            raise _error(
                file,
                line,
                f"{_short(node.value)} is not a calendar date: {exc}",
                "write a real date as YYYY-MM-DD",
            ) from None
        raise _error(
            file,
            line,
            f"{_short(node.value)} is not a usable number",
            "quote it to keep it as text",
        ) from None


def _syntax_error(exc: yaml.YAMLError, text: str, file: str) -> DataError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        start = exc.context_mark.line + 1 if exc.context_mark else None
        context = exc.context or ""
        # An unclosed bracket or quote is reported where the file ends: say where it opened.
        if exc.problem and start and start != where and ("flow" in context or "quoted" in context):
            problem += f" ({context} that starts on line {start})"
        hint = None
        if "\t" in _line_text(text, where):
            hint = "indent with spaces, never tabs"
        elif "another document" in problem:
            hint = "a data file holds one list: remove the '---' line"
        return _error(file, where, f"YAML syntax error: {problem}", hint)
    return _error(file, None, f"YAML error: {exc}")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"character U+{ord(char):04X}" + (f" ({name})" if name else " (a control character)")


def _short(value: str, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _line_text(text: str, line: int | None) -> str:
    if not line:
        return ""
    rows = text.splitlines()
    return rows[line - 1] if 0 < line <= len(rows) else ""


def _too_large(file: str) -> DataError:
    return _error(file, None, f"file is larger than {MAX_BYTES} bytes", "split it up")


def _error(file: str, line: int | None, message: str, hint: str | None = None) -> DataError:
    return DataError([DataProblem(file=file, line=line, message=message, hint=hint)])
