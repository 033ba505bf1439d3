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
file, the common case, is parsed once: ``plain_data`` builds the data straight
from the parser's events under the same limits, and gives up at the first
thing it does not expect (a syntax error, an anchor, a tag, a duplicate key, a
limit reached, a value YAML cannot build...). The careful path then runs and
names the problem exactly as before. The lines of a valid file are only needed
for messages (an entry that fails validation), so they are worked out when
first asked for.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, DataProblem
from .yamlfast import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_VALUES,
    MERGE_TAG,
    TIMESTAMP_TAG,
    UNWANTED,
    SafeLoader,
    Unusual,
    plain_data,
)

Path_ = tuple[str | int, ...]
"""Where a value sits in the document: keys and list indexes from the root."""


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
        data = plain_data(text)
    except Unusual:
        data = _parse_checked(text, file)[0]
    return YamlDocument(file=file, data=data, text=text)


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
    found = UNWANTED.search(text)
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
            if key_node.tag == MERGE_TAG:
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
    found = UNWANTED.search(node.value)
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
        if node.tag == TIMESTAMP_TAG:
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
