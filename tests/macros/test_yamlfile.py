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
        parse_yaml("x" * 9_000_000, "big.yml")


def test_python_tags_are_not_constructed() -> None:
    with pytest.raises(DataError, match="YAML"):
        parse_yaml("- !!python/object/apply:os.system ['true']\n", "evil.yml")


def test_bare_yaml_value_and_merge_keys_are_data_errors_not_crashes() -> None:
    for source in ("- =\n", "- id: a\n  name: <<\n"):
        with pytest.raises(DataError, match=r"special in YAML.*quote it"):
            parse_yaml(source, "f.yml")


TRICKY = [
    "- a: 1\n  a: 2\n",
    "- &x a\n- *x\n",
    "- !!str 1\n",
    "1: a\n'1': b\n",
    "- [1, {a: b}]\n",
    "---\n- a\n---\n- b\n",
    "- 2026-02-30\n",
    "- 0x1F\n- 1e400\n- .nan\n- ~\n- yes\n",
    "- {? [a]: b}\n",
    "# only a comment\n",
    "",
    "- 'unterminated\n",
]


def _outcome(source: bytes | str) -> tuple[object, ...]:
    try:
        doc = parse_yaml(source, "f.yml")
    except DataError as exc:
        return ("error", str(exc))
    return ("data", repr(doc.data), sorted(doc.lines.items(), key=repr))


def test_fast_path_gives_what_the_careful_path_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Valid files are built in one pass; anything unusual goes the careful way.

    Both must agree on every real data file, every corpus case and some tricky
    input: the same data and lines, or the same error.
    """
    from conftest import ROOT
    from corpus_cases import corpus_cases

    from macros import yamlfile

    sources: list[bytes | str] = [p.read_bytes() for p in sorted((ROOT / "data").glob("*.yml"))]
    sources += [case.source for case in corpus_cases() if len(case.source) < 300_000]
    sources += TRICKY
    fast = [_outcome(source) for source in sources]

    def careful_only(text: str) -> object:
        raise yamlfile.Unusual

    monkeypatch.setattr(yamlfile, "plain_data", careful_only)
    careful = [_outcome(source) for source in sources]
    assert len(sources) > 80
    for source, got, expected in zip(sources, fast, careful, strict=True):
        assert got == expected, source[:200]
    assert sum(outcome[0] == "data" for outcome in fast) >= 8
