"""Errors that tell a contributor where a data problem is and how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

try:
    from mkdocs.exceptions import PluginError
except ImportError:  # Zensical builds the site without MkDocs installed (make zensical)

    class PluginError(Exception):  # type: ignore[no-redef]
        """What stops a build under another engine, in place of MkDocs' own class."""


BuildError = PluginError
"""What the build's own errors (a bad data file, a stale diagram) are raised as: MkDocs
prints a ``PluginError``'s message with no traceback; Zensical runs without MkDocs."""


@dataclass(frozen=True)
class DataProblem:
    """One problem in one data file.

    Rendered as ``file:line: dataset[entry].field: what is wrong (hint)``, the
    shape compilers use, so editors and CI annotations can jump to the line.
    """

    file: str
    line: int | None
    message: str
    dataset: str | None = None
    entry: str | None = None
    field: str | None = None
    hint: str | None = None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def subject(self) -> str:
        if self.dataset is None:
            return ""
        subject = self.dataset
        if self.entry is not None:
            subject += f"[{self.entry}]"
        if self.field:
            subject += f".{self.field}"
        return subject

    def __str__(self) -> str:
        text = f"{self.location}: "
        if self.subject:
            text += f"{self.subject}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def annotation(self) -> str:
        """The problem as a GitHub Actions workflow command.

        Printed in a CI log, it shows on the changed line of the pull request.
        """
        properties = f"file={_escape_property(self.file)}"
        if self.line:
            properties += f",line={self.line}"
        if self.subject:
            properties += f",title={_escape_property(self.subject)}"
        message = self.message + (f" ({self.hint})" if self.hint else "")
        return f"::error {properties}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class DataError(Exception):
    """One or more problems found while loading or validating data files."""

    def __init__(self, problems: Iterable[DataProblem]) -> None:
        # In file and line order, as an editor or a CI log is read.
        self.problems: tuple[DataProblem, ...] = tuple(
            sorted(problems, key=lambda problem: (problem.file, problem.line or 0))
        )
        if not self.problems:
            raise ValueError("DataError needs at least one problem")
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} data {noun}:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

    def annotations(self) -> str:
        """Every problem as a GitHub Actions ``::error`` line."""
        return "\n".join(problem.annotation() for problem in self.problems)

    def ci_annotations(self) -> str:
        """The annotations when running in GitHub Actions, where they mark the changed
        lines of a pull request; nothing elsewhere."""
        import os

        return self.annotations() if os.environ.get("GITHUB_ACTIONS") == "true" else ""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word``, when one is close enough to be a typo of it.

    The one did-you-mean of the project: data errors, licenses, table options
    and glossary links all suggest through it.
    """
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return matches[0] if matches else None
