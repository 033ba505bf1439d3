"""The corpus of bad input: files in tests/corpus/<dataset>/ and what each must do.

A case's first lines say what must happen to it:

- ``# expect: <text>``: loading fails, and the report contains the text; text
  that starts with ``:`` follows the file name (``data/<dataset>.yml:12: ...``).
- ``# inert: <text>``: the entries are valid data (hostile text that the site
  must show, not run); appended to the real dataset, the built page shows the
  text literally.

Cases whose bytes cannot carry such a line (an empty file, UTF-16) keep their
expectations in ``EXPECT_HERE``; cases too big to commit are built by
``GENERATED``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

from macros.datasets import DATASETS

CORPUS = Path(__file__).parent / "corpus"

EXPECT_HERE: dict[str, tuple[str, ...]] = {
    "languages/empty": (":1: file is empty (a data file holds a list of entries)",),
    # Big-endian, so its last byte is a newline and the end-of-file hook leaves it alone.
    "tools/utf-16": (":1: file is not valid UTF-8 (save it with UTF-8 encoding)",),
}

GENERATED: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    # Over the size limit: refused before a byte of it is parsed.
    "languages/over-8-mb": (
        lambda: b"- id: demo\n  name: " + b"x" * 8_100_000 + b"\n",
        (": file is larger than 8000000 bytes (split it up)",),
    ),
    # 900,000 nested brackets: libyaml's composer would crash the process.
    "frameworks/900000-brackets": (
        lambda: b"- " + b"[" * 900_000 + b"]" * 900_000 + b"\n",
        (":1: lists and mappings nest more than 20 levels deep",),
    ),
    # 1,100,000 tiny values in 3.3 MB: each would become a Python object.
    "glossary/too-many-values": (
        lambda: b"- [" + b"0," * 1_100_000 + b"0]\n",
        (":1: file holds more than 1000000 values",),
    ),
    # 50,000 empty entries: five problems each, a 250,000-line report without a cap.
    "tools/too-many-problems": (
        lambda: b"- {}\n" * 50_000,
        (
            ":1: tools[#1].name: required field is missing",
            ":21: tools: stopped after 100 problems; 49980 entries from here on were not checked",
        ),
    ),
}


@dataclass(frozen=True)
class Case:
    name: str
    """``<dataset>/<file stem>``, as the test ids show it."""
    source: bytes
    expected: tuple[str, ...] = ()
    inert: tuple[str, ...] = ()

    @property
    def dataset(self) -> str:
        return self.name.split("/")[0]

    @property
    def display(self) -> str:
        """What error messages call the file."""
        return f"data/{self.dataset}.yml"

    def fragments(self) -> list[str]:
        """The expected texts, with the file name in front of those that need it."""
        return [self.display + text if text.startswith(":") else text for text in self.expected]


def _header(source: bytes, tag: str) -> tuple[str, ...]:
    text = source.decode("utf-8", "replace").removeprefix("\ufeff")
    prefix = f"# {tag}: "
    return tuple(line[len(prefix) :] for line in text.splitlines() if line.startswith(prefix))


def corpus_cases() -> list[Case]:
    """Every committed case, then the generated ones."""
    cases = []
    for path in sorted(CORPUS.glob("*/*.yml")):
        name = f"{path.parent.name}/{path.stem}"
        source = path.read_bytes()
        expected = EXPECT_HERE.get(name) or _header(source, "expect")
        cases.append(Case(name, source, expected, _header(source, "inert")))
    cases.extend(Case(name, make(), expected) for name, (make, expected) in GENERATED.items())
    return cases


def failing_cases() -> list[Case]:
    return [case for case in corpus_cases() if not case.inert]


def inert_cases() -> list[Case]:
    return [case for case in corpus_cases() if case.inert]


def data_dir_with(case: Case, root: Path, append: bool = False) -> Path:
    """``root/data`` holding the real datasets, with ``case`` in its dataset's place.

    With ``append``, the case's entries follow the real ones instead. The real
    files that stay are linked, not copied: the loader's cache then reads them
    once per session.
    """
    data = root / "data"
    data.mkdir(parents=True)
    for name in DATASETS:
        target = data / f"{name}.yml"
        real = ROOT / "data" / f"{name}.yml"
        if name != case.dataset:
            target.symlink_to(real)
        elif append:
            target.write_bytes(real.read_bytes() + b"\n" + case.source)
        else:
            target.write_bytes(case.source)
    return data
