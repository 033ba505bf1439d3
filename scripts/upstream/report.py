"""The Markdown report and the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from macros.errors import DataError
from scripts.upstream.check import Outcome, check_all, subjects
from scripts.upstream.remote import GitRemote, Remote


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def report(outcomes: Sequence[Outcome]) -> str:
    differences = [d for outcome in outcomes for d in outcome.differences]
    unreachable = [o for o in outcomes if o.unreachable]
    not_compared = [o for o in outcomes if o.not_compared]
    lines = [
        "## Upstream check",
        "",
        "Each entry's `license` and `first_release` against its repository's license "
        "files and release tags.",
        "",
    ]
    if differences:
        lines += [
            "| Entry | Field | Data says | Upstream says | Evidence |",
            "|---|---|---|---|---|",
        ]
        for d in differences:
            source = d.source
            evidence = (
                f"[{_cell(source.evidence or str(source.url))}]({source.url})" if source else "-"
            )
            lines.append(
                f"| `{d.entry}` | {d.field} | {_cell(d.data)} | {_cell(d.upstream)} | {evidence} |"
            )
        lines += [
            "",
            "Review each: when the upstream is right, fix the entry in `data/` (value, "
            "source, evidence, `accessed`); when the data is, its evidence says why.",
        ]
    else:
        lines.append("No differences.")
    if unreachable:
        lines += ["", "Unreachable (checked again next week):", ""]
        lines += [
            f"- `{o.subject.label}` ({o.subject.repository}): {_cell(o.unreachable or '')}"
            for o in unreachable
        ]
    if not_compared:
        lines += ["", "Not compared (a LicenseRef- side may hold):", ""]
        lines += [
            f"- `{o.subject.label}`: {_cell('; '.join(o.not_compared))}" for o in not_compared
        ]
    lines += [
        "",
        f"- Entries checked: {len(outcomes)}",
        f"- Unreachable: {len(unreachable)}",
        f"- Differences: {len(differences)}",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str], remote: Remote | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.upstream",
        description="Compare each entry's license and first release with its repository.",
    )
    parser.add_argument("data", type=Path, help="the folder of data files, e.g. data")
    parser.add_argument(
        "--summary",
        type=Path,
        metavar="FILE",
        help="also append the report to FILE, e.g. $GITHUB_STEP_SUMMARY",
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"{args.data} is not a folder of data files")
    try:
        found = subjects(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    if not found:
        parser.error(f"no entry in {args.data} has a repository")
    text = report(check_all(found, remote or GitRemote()))
    print(text, end="")
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(text)
    return 0
