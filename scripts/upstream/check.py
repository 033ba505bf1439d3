"""Deciding: an entry's first release and license against what its upstream says."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from macros.datasets import DATASETS, load_dataset
from macros.models import Release, Source
from scripts.upstream.licenses import describe_license_files, license_verdict
from scripts.upstream.remote import CANDIDATES, WORKERS, Memo, Remote, RemoteError
from scripts.upstream.tags import (
    earliest_day,
    named_tags,
    same_release,
    same_repository,
    version_key,
)


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
    recorded = {same_release(release.version)} | {
        same_release(t.tag) for t in named if same_repository(t.repository, subject.repository)
    }
    recorded_commits = {sha for name, sha in tags.items() if same_release(name) in recorded}
    releases = [
        name
        for name, sha in tags.items()
        if version_key(name) is not None
        and same_release(name) not in recorded
        and sha not in recorded_commits
    ]
    candidates = sorted(releases, key=lambda name: (version_key(name) or (), name))[:CANDIDATES]
    dates = remote.tag_dates(subject.repository, candidates) if candidates else {}
    start = earliest_day(release.date)
    explained = " ".join(s.evidence or "" for s in subject.sources if "first_release" in s.supports)
    # An older tag the evidence already names (and says why it is not the first public
    # release) was reviewed by a person: reporting it every week would bury new findings.
    older = sorted(
        (date, name)
        for name, date in dates.items()
        if date < start and not re.search(rf"(?<![\w.]){re.escape(name)}(?![\w.])", explained)
    )
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
