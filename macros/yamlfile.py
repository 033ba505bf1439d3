"""Read a YAML data file once, with the line of every value.

The file is parsed a single time by libyaml (``CSafeLoader``). While the node
tree is walked to record line numbers, the things a data file never needs and
that only cause trouble are rejected: anchors and aliases (the "billion laughs"
expansion), duplicate keys (YAML silently keeps the last), and tabs in
indentation are already refused by the parser itself.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class YamlDocument:
    """Plain Python data plus the 1-based line where each value starts."""

    file: str
    data: Any
    lines: dict[Path_, int]

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
        raise _error(file, None, f"file is larger than {MAX_BYTES} bytes", "split it up")
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
    loader = SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = mark.line + 1 if mark else None
            problem = exc.problem or exc.context or "invalid YAML"
            hint = "indent with spaces, never tabs" if "\t" in _line_text(text, where) else None
            raise _error(file, where, f"YAML syntax error: {problem}", hint) from None
        except yaml.YAMLError as exc:
            raise _error(file, None, f"YAML error: {exc}") from None
        if node is None:
            raise _error(file, 1, "file is empty", "a data file holds a list of entries")
        lines: dict[Path_, int] = {}
        _walk(node, (), lines, file, set())
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise _error(
                file,
                mark.line + 1 if mark else None,
                f"YAML value not allowed: {exc.problem or exc.context}",
                "data files hold plain text, numbers, dates, lists and mappings",
            ) from None
    finally:
        loader.dispose()
    return YamlDocument(file=file, data=data, lines=lines)


def read_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read and parse ``path``; ``display_name`` is what messages call it."""
    name = display_name or str(path)
    return parse_yaml(path.read_bytes(), name)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], file: str, seen: set[int]) -> None:
    if id(node) in seen:
        raise _error(
            file,
            node.start_mark.line + 1,
            "anchors and aliases (&name / *name) are not allowed in data files",
            "write the value out in full",
        )
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _error(file, key_node.start_mark.line + 1, "keys must be plain text")
            key = key_node.value
            if key in keys:
                raise _error(
                    file,
                    key_node.start_mark.line + 1,
                    f"duplicate key '{key}' (first on line {keys[key]})",
                    "remove one of them",
                )
            keys[key] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), lines, file, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, file, seen)


def _line_text(text: str, line: int | None) -> str:
    if not line:
        return ""
    rows = text.splitlines()
    return rows[line - 1] if 0 < line <= len(rows) else ""


def _error(file: str, line: int | None, message: str, hint: str | None = None) -> DataError:
    return DataError([DataProblem(file=file, line=line, message=message, hint=hint)])
