"""The YAML reader: one parse, a line for every value, nothing dangerous accepted."""

from __future__ import annotations

import pytest

from macros.errors import DataError
from macros.yamlfile import parse_yaml


def test_lines_point_at_each_value() -> None:
    doc = parse_yaml("- id: a\n  tags:\n    - x\n    - y\n- id: b\n", "f.yml")
    assert doc.data == [{"id": "a", "tags": ["x", "y"]}, {"id": "b"}]
    assert doc.line_of((0, "id")) == 1
    assert doc.line_of((0, "tags", 1)) == 4
    assert doc.line_of((1, "id")) == 5
    assert doc.line_of((1, "missing", "deeper")) == 5


def test_alias_bomb_is_refused_before_expansion() -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    with pytest.raises(DataError, match="anchors and aliases"):
        parse_yaml("\n".join(bomb), "bomb.yml")


def test_non_utf8_bytes_name_the_line() -> None:
    with pytest.raises(DataError, match=r"f.yml:2: file is not valid UTF-8"):
        parse_yaml(b"- id: a\n  name: caf\xe9\n", "f.yml")  # codespell:ignore


def test_oversized_file_is_refused() -> None:
    with pytest.raises(DataError, match="larger than"):
        parse_yaml("x" * 3_000_000, "big.yml")


def test_python_tags_are_not_constructed() -> None:
    with pytest.raises(DataError, match="YAML"):
        parse_yaml("- !!python/object/apply:os.system ['true']\n", "evil.yml")
