"""Upstream check: each entry's license and first release against its repository.

Run weekly by .github/workflows/upstream.yml (it needs the internet, which the
build and the tests never do). For every entry with a ``repository``:

- **first release**: ``git ls-remote --tags`` lists the upstream's tags (no
  clone). The few release tags with the lowest version numbers are fetched
  shallow and without files or folders (``--depth=1 --filter=tree:0``) to read
  their commits' dates. A tag on a commit dated before the recorded first
  release is reported (the recorded one is then not the first), and so is a
  tag that a source of ``first_release`` names but the upstream no longer has.
- **license**: the license files at the root of the default branch are read
  (``--depth=1 --filter=blob:none``, then only those files) and matched
  against the opening words of the license texts in ``LICENSE_TEXTS``. A text
  that matches none is "unrecognized", never a guess. An expression matches
  when one side of an ``OR`` does; one that can only hold for a ``LicenseRef-``
  side is "not compared".

    python -m scripts.upstream data                                  # report on stdout
    python -m scripts.upstream data --summary "$GITHUB_STEP_SUMMARY" # appended there too

Differences are for a person to review, not failures: the exit status is 0
whenever the check ran, 1 when the data is invalid, 2 on a usage error. The
network sits behind ``Remote`` (``GitRemote`` asks git); everything that
decides is plain code, tested offline against local repositories.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar
from urllib.parse import unquote

from macros.datasets import DATASETS, load_dataset
from macros.errors import DataError
from macros.models import Release, Source

CANDIDATES = 5
"""How many release tags (lowest version numbers first) are dated per repository."""
TIMEOUT = 120.0
"""Seconds one git command may take before its repository counts as unreachable."""
WORKERS = 4
"""Repositories asked at the same time."""

# --- Tags --------------------------------------------------------------------

_VERSION = re.compile(r"(?<![0-9A-Za-z])v?(\d+(?:[._]\d+)*)")


def parse_ls_remote(text: str) -> dict[str, str]:
    """Tag name -> commit, from ``git ls-remote --tags``; a peeled ``^{}`` line wins."""
    tags: dict[str, str] = {}
    peeled: dict[str, str] = {}
    for line in text.splitlines():
        sha, _, ref = line.partition("\t")
        if not ref.startswith("refs/tags/"):
            continue
        name = ref.removeprefix("refs/tags/")
        if name.endswith("^{}"):
            peeled[name.removesuffix("^{}")] = sha
        else:
            tags[name] = sha
    return {name: peeled.get(name, sha) for name, sha in tags.items()}


def version_key(tag: str) -> tuple[int, ...] | None:
    """The first version number in a tag's name (``release-0.1.0`` -> (0, 1, 0)), or
    None when it has none: then it is not a release tag (``latest``, ``July2015``)."""
    match = _VERSION.search(tag)
    return tuple(int(part) for part in re.split(r"[._]", match.group(1))) if match else None


def _same_release(tag: str) -> str:
    return tag.strip().lower().removeprefix("v")


def earliest_day(partial: str) -> dt.date:
    """The first day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    year, month, day = (int(part) for part in f"{partial}-01-01".split("-")[:3])
    return dt.date(year, month, day)


_TAG_PAGE = re.compile(
    r"^(?P<repo>https?://[^/]+/[^/]+/[^/]+?)(?:\.git)?(?:/-)?/(?:releases/tag|tree|tags)/"
    r"(?P<tag>[^?#]+?)/?(?:[?#].*)?$"
)
_TAG_IN_WORDS = re.compile(r"\btag\s+([^\s,;:()'\"]+)")


@dataclass(frozen=True)
class NamedTag:
    """A tag that a source of ``first_release`` names, and the repository it is in."""

    repository: str
    tag: str
    source: Source


def same_repository(a: str, b: str) -> bool:
    def key(url: str) -> str:
        return url.strip().lower().rstrip("/").removesuffix(".git")

    return key(a) == key(b)


def named_tags(repository: str, sources: Iterable[Source]) -> list[NamedTag]:
    """The tags the sources of ``first_release`` name: by their address (a tag or tree
    page, ``.../releases/tag/0.1.0``), else in their evidence ("oldest tag v0.1.0")."""
    found: list[NamedTag] = []
    for source in sources:
        if "first_release" not in source.supports:
            continue
        page = _TAG_PAGE.match(str(source.url))
        if page:
            tag = unquote(page["tag"])
            if version_key(tag) is not None:
                found.append(NamedTag(page["repo"], tag, source))
            continue
        for match in _TAG_IN_WORDS.finditer(source.evidence or ""):
            tag = match.group(1).rstrip(".")
            if version_key(tag) is not None:
                found.append(NamedTag(repository, tag, source))
    return found


# --- Licenses ----------------------------------------------------------------


def words(text: str) -> str:
    """Lower-case words and numbers, one space apart: punctuation, Markdown and line
    breaks never decide a match."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@dataclass(frozen=True)
class LicenseText:
    """A license text, known by the words it opens with."""

    name: str
    """How the report names it."""
    spdx: frozenset[str]
    """The SPDX ids it can stand for (a GPL text does not say -only or -or-later)."""
    opens: tuple[str, ...]
    """Phrases that start it (any one)."""
    requires: tuple[str, ...] = ()
    """Phrases its text must go on to hold."""
    forbids: tuple[str, ...] = ()
    """Phrases its text must not hold (another license that opens the same way)."""


def _text(
    name: str,
    opens: str | tuple[str, ...],
    *,
    spdx: tuple[str, ...] = (),
    requires: tuple[str, ...] = (),
    forbids: tuple[str, ...] = (),
) -> LicenseText:
    def plain(phrases: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(words(phrase) for phrase in phrases)

    return LicenseText(
        name,
        frozenset(spdx or (name,)),
        plain((opens,) if isinstance(opens, str) else opens),
        plain(requires),
        plain(forbids),
    )


_BSD = (
    "Redistribution and use in source and binary forms, with or without modification, "
    "are permitted provided that the following conditions are met"
)
_ENDORSE = "endorse or promote products derived from this software"
# The third clause as BSD-3-Clause words it; variants (Repoze's "without prior written
# permission from the copyright holders", then a fourth clause) are other licenses.
_ENDORSE_3 = _ENDORSE + " without specific prior written permission"
_ADVERTISING = "All advertising materials mentioning features or use of this software"
_ISC_OPENS = (
    "Permission to use, copy, modify, and/or distribute this software for any purpose "
    "with or without fee is hereby granted",
    "Permission to use, copy, modify, and distribute this software for any purpose "
    "with or without fee is hereby granted",
)

LICENSE_TEXTS: tuple[LicenseText, ...] = (
    _text(
        "Apache-2.0",
        "Apache License Version 2.0, January 2004",
        requires=("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",),
    ),
    _text(  # the notice alone, as some LICENSE files hold it
        "Apache-2.0",
        "Licensed under the Apache License, Version 2.0",
        requires=("you may not use this file except in compliance with the License",),
    ),
    _text(
        "MIT",
        "Permission is hereby granted, free of charge, to any person obtaining a copy",
        requires=("The above copyright notice and this permission notice shall be included",),
        forbids=("Except as contained in this notice, the name",),  # X11 and kin
    ),
    _text(
        "ISC",
        _ISC_OPENS,
        requires=(
            "provided that the above copyright notice and this permission notice appear",
            "disclaims all warranties",
        ),
    ),
    _text(
        "curl",
        _ISC_OPENS[1],
        requires=("Except as contained in this notice, the name of a copyright holder",),
    ),
    _text(
        "PostgreSQL",
        "Permission to use, copy, modify, and distribute this software and its documentation "
        "for any purpose, without fee, and without a written agreement is hereby granted",
    ),
    _text("BSD-3-Clause", _BSD, requires=(_ENDORSE_3,), forbids=(_ADVERTISING,)),
    _text("BSD-2-Clause", _BSD, forbids=(_ENDORSE, _ADVERTISING)),
    _text(
        "GPL-2.0-only or -or-later",
        "GNU General Public License Version 2, June 1991",
        spdx=("GPL-2.0-only", "GPL-2.0-or-later"),
    ),
    _text(
        "GPL-3.0-only or -or-later",
        "GNU General Public License Version 3, 29 June 2007",
        spdx=("GPL-3.0-only", "GPL-3.0-or-later"),
    ),
    _text(
        "LGPL-2.0-only or -or-later",
        "GNU Library General Public License Version 2, June 1991",
        spdx=("LGPL-2.0-only", "LGPL-2.0-or-later"),
    ),
    _text(
        "LGPL-2.1-only or -or-later",
        "GNU Lesser General Public License Version 2.1, February 1999",
        spdx=("LGPL-2.1-only", "LGPL-2.1-or-later"),
    ),
    _text(
        "LGPL-3.0-only or -or-later",
        "GNU Lesser General Public License Version 3, 29 June 2007",
        spdx=("LGPL-3.0-only", "LGPL-3.0-or-later"),
    ),
    _text(
        "AGPL-3.0-only or -or-later",
        "GNU Affero General Public License Version 3, 19 November 2007",
        spdx=("AGPL-3.0-only", "AGPL-3.0-or-later"),
    ),
    _text(
        "MPL-2.0",
        (
            "Mozilla Public License Version 2.0 1. Definitions",
            "This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0",
        ),
    ),
    _text(
        "EPL-2.0",
        "Eclipse Public License - v 2.0 THE ACCOMPANYING PROGRAM IS PROVIDED UNDER THE TERMS",
    ),
    _text("BSL-1.0", "Boost Software License - Version 1.0 - August 17th, 2003"),
    _text("SSPL-1.0", "Server Side Public License VERSION 1, OCTOBER 16, 2018"),
    _text("BUSL-1.1", "Business Source License 1.1 Parameters"),
    _text(
        "Elastic-2.0", "Elastic License 2.0 URL: https://www.elastic.co/licensing/elastic-license"
    ),
    _text("CDDL-1.0", "COMMON DEVELOPMENT AND DISTRIBUTION LICENSE (CDDL) Version 1.0"),
    _text("PHP-3.01", "The PHP License, version 3.01"),
    _text("Ruby", "Ruby is copyrighted free software by Yukihiro Matsumoto"),
    _text("Unlicense", "This is free and unencumbered software released into the public domain"),
)
"""The license texts the check recognizes; extend it when the data names another."""

OPENING = 3000
"""A license text must start within this many characters (of ``words``) of the file."""
SPAN = 1500
"""Its required and forbidden phrases are looked for this far from its start."""


def detect_license(text: str) -> LicenseText | None:
    """The license a file opens with, or None: unrecognized, never a guess.

    The earliest opening phrase in the file's first ``OPENING`` characters picks the
    candidates; the text that follows it (up to ``SPAN`` characters, and never past the
    next opening phrase) must hold each candidate's required phrases and none of its
    forbidden ones. Exactly one candidate must be left.
    """
    plain = f" {words(text)} "
    starts: dict[LicenseText, list[int]] = {
        known: [m.start() for p in known.opens for m in re.finditer(f" {p} ", plain)]
        for known in LICENSE_TEXTS
    }
    first = min((at for found in starts.values() for at in found), default=None)
    if first is None or first > OPENING:
        return None
    candidates = [known for known, found in starts.items() if first in found]
    ends = [at for found in starts.values() for at in found if at > first]
    body = plain[first : min([*ends, first + SPAN])]
    fitting = [
        known
        for known in candidates
        if all(f" {p} " in body for p in known.requires)
        and not any(f" {p} " in body for p in known.forbids)
    ]
    return fitting[0] if len(fitting) == 1 else None


_LICENSE_FILE = re.compile(
    r"^(?:licen[cs]e|copying|copyright|unlicense)(?:[-._].*)?$|^.+[-_]licen[cs]e(?:\..*)?$",
    re.IGNORECASE,
)


def is_license_file(name: str) -> bool:
    """LICENSE, LICENSE.md, COPYING, COPYRIGHT, LICENSE-MIT, MIT-LICENSE... (any spelling)."""
    return bool(_LICENSE_FILE.match(name))


def describe_license_files(files: Mapping[str, str]) -> tuple[frozenset[str], str]:
    """The SPDX ids the upstream's license files stand for, and how to say what they are."""
    if not files:
        return frozenset(), "no license file at the root of the default branch"
    ids: set[str] = set()
    said = []
    for name, text in files.items():
        known = detect_license(text)
        if known:
            ids |= known.spdx
        said.append(f"{known.name if known else 'unrecognized'} ({name})")
    return frozenset(ids), "; ".join(said)


def license_verdict(recorded: str, ids: frozenset[str]) -> str:
    """``same``, ``different`` or ``not compared`` for the data's SPDX expression.

    One side of an OR that matches is enough; a side joined by AND or WITH matches when
    any of its licenses is found. A mismatch is "not compared" when a LicenseRef- side
    could hold (no text here can show a custom license).
    """
    sides = [
        set(re.split(r"\s+(?:AND|WITH)\s+", side.strip("() ")))
        for side in re.split(r"\s+OR\s+", recorded.strip())
    ]
    if any(side & ids for side in sides):
        return "same"
    if any(part.startswith("LicenseRef-") for side in sides for part in side):
        return "not compared"
    return "different"


# --- The network, behind an interface ----------------------------------------


class RemoteError(Exception):
    """The upstream did not answer (a missing repository, a timeout, a refused fetch)."""


class Remote(Protocol):
    def tags(self, url: str) -> Mapping[str, str]:
        """Tag name -> the commit it points at."""
        ...

    def tag_dates(self, url: str, tags: Sequence[str]) -> Mapping[str, dt.date]:
        """Tag name -> the date of its commit."""
        ...

    def license_files(self, url: str) -> Mapping[str, str]:
        """File name -> text of the license files at the root of the default branch."""
        ...


def _git_env() -> dict[str, str]:
    # Never wait for a password a missing repository asks for; errors in English.
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def _address(url: str) -> str:
    if url.startswith("-"):  # git would read it as an option
        raise RemoteError(f"{url!r} is not a repository address")
    return url


class GitRemote:
    """``Remote`` as git answers it: ls-remote, and shallow, filtered fetches into a
    scratch repository that is deleted afterwards. Nothing is cloned."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout

    def _git(self, *args: str, cwd: str | None = None) -> str:
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=cwd,
                env=_git_env(),
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RemoteError(f"git {args[0]} took over {self.timeout:.0f} s") from None
        if done.returncode:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            # The first fatal line says why ("repository ... not found"); later ones, how.
            fatal = [line.strip() for line in lines if "fatal:" in line]
            raise RemoteError((fatal or lines or [f"git {args[0]} failed"])[0])
        return done.stdout.decode("utf-8", "replace")

    def _scratch(self, directory: str, url: str, filter_: str, *refs: str) -> None:
        """Fetch ``refs`` of ``url`` into a new bare repository at ``directory``."""
        self._git("-c", "init.defaultBranch=main", "init", "--quiet", "--bare", directory)
        fetch = ("fetch", "--quiet", "--no-tags", "--depth=1", f"--filter={filter_}")
        self._git(*fetch, _address(url), *refs, cwd=directory)

    def tags(self, url: str) -> Mapping[str, str]:
        return parse_ls_remote(self._git("ls-remote", "--tags", _address(url)))

    def tag_dates(self, url: str, tags: Sequence[str]) -> Mapping[str, dt.date]:
        with tempfile.TemporaryDirectory(prefix="upstream-tags-") as scratch:
            self._scratch(scratch, url, "tree:0", *(f"refs/tags/{t}:refs/tags/{t}" for t in tags))
            return {
                tag: dt.date.fromisoformat(
                    self._git("log", "-1", "--format=%cs", f"refs/tags/{tag}", cwd=scratch).strip()
                )
                for tag in tags
            }

    def license_files(self, url: str) -> Mapping[str, str]:
        with tempfile.TemporaryDirectory(prefix="upstream-license-") as scratch:
            self._scratch(scratch, url, "blob:none", "HEAD")
            listing = self._git("ls-tree", "-z", "FETCH_HEAD", cwd=scratch)
            files = {}
            for item in filter(None, listing.split("\0")):
                meta, _, name = item.partition("\t")
                mode, kind, oid = meta.split()
                if kind == "blob" and mode != "120000" and is_license_file(name):
                    files[name] = self._git("cat-file", "blob", oid, cwd=scratch)
            return dict(sorted(files.items(), key=lambda item: (len(item[0]), item[0])))


T = TypeVar("T")


class Memo:
    """A ``Remote`` that asks each question once, whichever thread asks (several entries
    share a repository); a failure is remembered too."""

    def __init__(self, remote: Remote) -> None:
        self.remote = remote
        self._lock = threading.Lock()
        self._keys: dict[tuple[str, ...], threading.Lock] = {}
        self._answers: dict[tuple[str, ...], object] = {}

    def _once(self, key: tuple[str, ...], ask: Callable[[], T]) -> T:
        with self._lock:
            lock = self._keys.setdefault(key, threading.Lock())
        with lock:
            if key not in self._answers:
                try:
                    self._answers[key] = ask()
                except RemoteError as error:
                    self._answers[key] = error
        answer = self._answers[key]
        if isinstance(answer, RemoteError):
            raise answer
        return answer  # type: ignore[return-value]

    def tags(self, url: str) -> Mapping[str, str]:
        return self._once(("tags", url), lambda: self.remote.tags(url))

    def tag_dates(self, url: str, tags: Sequence[str]) -> Mapping[str, dt.date]:
        return self._once(("dates", url, *tags), lambda: self.remote.tag_dates(url, tags))

    def license_files(self, url: str) -> Mapping[str, str]:
        return self._once(("license", url), lambda: self.remote.license_files(url))


# --- Deciding ----------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """One entry to compare: what the data says, and where its upstream lives."""

    dataset: str
    id: str
    repository: str
    first_release: Release | None
    license: str | None
    sources: tuple[Source, ...]

    @property
    def label(self) -> str:
        return f"{self.dataset}/{self.id}"

    def source_of(self, name: str) -> Source | None:
        """The first source of a field, preferring one with evidence."""
        supporting = [s for s in self.sources if name in s.supports]
        return next((s for s in supporting if s.evidence), supporting[0] if supporting else None)


@dataclass(frozen=True)
class Difference:
    entry: str
    field: str
    data: str
    upstream: str
    source: Source | None


@dataclass
class Outcome:
    subject: Subject
    differences: list[Difference] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)
    unreachable: str | None = None


def check_first_release(subject: Subject, remote: Remote) -> list[Difference]:
    release = subject.first_release
    named = named_tags(subject.repository, subject.sources)
    tags = remote.tags(subject.repository)
    found: list[Difference] = []
    for tag in named:
        own = same_repository(tag.repository, subject.repository)
        if tag.tag not in (tags if own else remote.tags(tag.repository)):
            found.append(
                Difference(
                    subject.label,
                    "first_release",
                    f"tag {tag.tag}, named by its source",
                    f"no tag {tag.tag} in {tag.repository}",
                    tag.source,
                )
            )
    if release is None:
        return found
    recorded = {_same_release(release.version)} | {
        _same_release(t.tag) for t in named if same_repository(t.repository, subject.repository)
    }
    recorded_commits = {sha for name, sha in tags.items() if _same_release(name) in recorded}
    releases = [
        name
        for name, sha in tags.items()
        if version_key(name) is not None
        and _same_release(name) not in recorded
        and sha not in recorded_commits
    ]
    candidates = sorted(releases, key=lambda name: (version_key(name) or (), name))[:CANDIDATES]
    dates = remote.tag_dates(subject.repository, candidates) if candidates else {}
    start = earliest_day(release.date)
    older = sorted((date, name) for name, date in dates.items() if date < start)
    if older:
        date, name = older[0]
        found.append(
            Difference(
                subject.label,
                "first_release",
                f"{release.version}, {release.date}",
                f"tag {name}, on a commit of {date.isoformat()}",
                subject.source_of("first_release"),
            )
        )
    return found


def check_entry(subject: Subject, remote: Remote) -> Outcome:
    """Compare one entry with its upstream; an upstream that does not answer is noted
    on the outcome, never raised."""
    outcome = Outcome(subject)
    try:
        outcome.differences += check_first_release(subject, remote)
        if subject.license is not None:
            ids, said = describe_license_files(remote.license_files(subject.repository))
            verdict = license_verdict(subject.license, ids)
            if verdict == "different":
                outcome.differences.append(
                    Difference(
                        subject.label,
                        "license",
                        subject.license,
                        said,
                        subject.source_of("license"),
                    )
                )
            elif verdict == "not compared":
                outcome.not_compared.append(f"license {subject.license} (upstream: {said})")
    except RemoteError as error:
        outcome.unreachable = str(error)
    return outcome


def check_all(subjects: Sequence[Subject], remote: Remote, workers: int = WORKERS) -> list[Outcome]:
    memo = Memo(remote)

    def one(subject: Subject) -> Outcome:
        outcome = check_entry(subject, memo)
        count = len(outcome.differences)
        state = outcome.unreachable or f"{count} difference{'' if count == 1 else 's'}"
        print(f"upstream: {subject.label}: {state}", file=sys.stderr, flush=True)
        return outcome

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, subjects))


def subjects(data_dir: Path) -> list[Subject]:
    """The entries with a ``repository``, from every dataset whose model has one and
    whose file is in ``data_dir`` (``scripts.check`` is what wants every file)."""
    found = []
    for name, dataset in DATASETS.items():
        if "repository" not in dataset.model.model_fields:
            continue
        if not dataset.file_in(data_dir).exists():
            continue
        for entry in load_dataset(dataset, data_dir, Path.cwd()):
            if entry.repository is not None:
                found.append(
                    Subject(
                        name,
                        entry.id,
                        str(entry.repository).rstrip("/"),
                        getattr(entry, "first_release", None),
                        getattr(entry, "license", None),
                        tuple(entry.sources),
                    )
                )
    return found


# --- The report ---------------------------------------------------------------


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


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
