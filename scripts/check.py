"""Validate every data file and print what is wrong, where, and how to fix it.

    python -m scripts.check            # data/ in the current folder
    python -m scripts.check path/data  # another data folder

Exit status 0 when every dataset is valid, 1 otherwise. Facts whose source was
last read over a year ago are listed as warnings, which do not fail. In GitHub Actions the
problems are also printed as ``::error`` annotations on the files and lines.
This is what pre-commit runs; the site build runs the same validation.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from macros.datasets import load_all
from macros.errors import DataError
from macros.staleness import all_facts, warnings


def check(data_dir: Path, today: dt.date | None = None) -> tuple[int, str]:
    """The exit status and the text to print for the data in ``data_dir``.

    Facts last read over a year before ``today`` are listed as warnings after the
    summary; they never change the exit status.
    """
    try:
        loaded = load_all(data_dir, Path.cwd())
    except DataError as error:
        annotations = error.ci_annotations()
        return 1, error.report() + (f"\n{annotations}" if annotations else "")
    entries = sum(len(items) for items in loaded.values())
    facts = all_facts(loaded)
    lines = [f"{data_dir}: {len(loaded)} datasets, {entries} entries, all valid"]
    due = warnings(facts, today or dt.date.today())
    if due:
        lines.append(f"{len(due)} of {len(facts)} facts are due for another look:")
        lines += [f"  warning: {line}" for line in due]
    return 0, "\n".join(lines)


def main(argv: list[str]) -> int:
    status, text = check(Path(argv[0]) if argv else Path("data"))
    print(text, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
