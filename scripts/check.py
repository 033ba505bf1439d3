"""Validate every data file and print what is wrong, where, and how to fix it.

    python -m scripts.check            # data/ in the current folder
    python -m scripts.check path/data  # another data folder

Exit status 0 when every dataset is valid, 1 otherwise. In GitHub Actions the
problems are also printed as ``::error`` annotations on the files and lines.
This is what pre-commit runs; the site build runs the same validation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.datasets import load_all
from macros.errors import DataError


def check(data_dir: Path) -> tuple[int, str]:
    """The exit status and the text to print for the data in ``data_dir``."""
    try:
        loaded = load_all(data_dir, Path.cwd())
    except DataError as error:
        annotations = error.ci_annotations()
        return 1, error.report() + (f"\n{annotations}" if annotations else "")
    entries = sum(len(items) for items in loaded.values())
    return 0, f"{data_dir}: {len(loaded)} datasets, {entries} entries, all valid"


def main(argv: list[str]) -> int:
    status, text = check(Path(argv[0]) if argv else Path("data"))
    print(text, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
