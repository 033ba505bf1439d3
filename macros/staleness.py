"""When each fact was last checked: the Data page's review list and the stale-fact warning.

A fact is a value that can go out of date together with the page that
supports it: a source of an entry (for the fields it ``supports``), a notable
user, a measured share. Its review date is the day somebody last read that
page (``accessed``). Facts read more than ``STALE_AFTER_DAYS`` ago are listed
by ``python -m scripts.check`` as warnings; they do not fail the build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .htmltable import format_html
from .models import Entry, Language

STALE_AFTER_DAYS = 365
"""A fact last read longer ago than this is due for another look."""


@dataclass(frozen=True, order=True)
class Fact:
    """One stale-able value and when its source was last read."""

    checked: dt.date
    dataset: str
    entry: str
    """The entry's id."""
    name: str
    """The entry's name, as tables show it."""
    what: str
    """The fields the source supports, or the dated fact (e.g. 'notable user: Netflix')."""
    url: str


def facts_of(dataset: str, entry: Entry) -> list[Fact]:
    """Every fact of ``entry``: one per source, notable user and measured share."""
    found = [
        Fact(s.accessed, dataset, entry.id, entry.name, ", ".join(s.supports), str(s.url))
        for s in entry.sources
    ]
    if isinstance(entry, Language):
        found += [
            Fact(
                u.accessed,
                dataset,
                entry.id,
                entry.name,
                f"notable user: {u.organization}",
                str(u.source),
            )
            for u in entry.notable_users
        ]
        found += [
            Fact(
                r.accessed,
                dataset,
                entry.id,
                entry.name,
                f"share of {r.population} ({r.as_of})",
                str(r.source),
            )
            for r in entry.web_share
        ]
    return found


def all_facts(loaded: Mapping[str, Sequence[Entry]]) -> list[Fact]:
    """Every fact of every dataset, oldest review first (then by dataset and entry)."""
    return sorted(
        fact for name, entries in loaded.items() for e in entries for fact in facts_of(name, e)
    )


def stale(facts: Iterable[Fact], today: dt.date, days: int = STALE_AFTER_DAYS) -> list[Fact]:
    """The facts last read more than ``days`` days before ``today``, oldest first."""
    limit = today - dt.timedelta(days=days)
    return sorted(fact for fact in facts if fact.checked < limit)


def warnings(facts: Iterable[Fact], today: dt.date, days: int = STALE_AFTER_DAYS) -> list[str]:
    """One line per stale fact, for ``make validate``: where it is and what to do."""
    return [
        f"data/{f.dataset}.yml: {f.dataset}[{f.entry}]: {f.what} last checked "
        f"{f.checked.isoformat()}, over {days} days ago: read {f.url} again and update 'accessed'"
        for f in stale(facts, today, days)
    ]


def review_summary(facts: Sequence[Fact], today: dt.date, oldest: int = 25) -> Markup:
    """Two tables for the Data page: facts per dataset by review age, and the oldest facts."""
    by_dataset: dict[str, list[Fact]] = {}
    for fact in facts:
        by_dataset.setdefault(fact.dataset, []).append(fact)
    due = {id(f) for f in stale(facts, today)}
    rows = Markup("").join(
        format_html(
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>',
            name,
            len(group),
            min(f.checked for f in group).isoformat(),
            sum(id(f) in due for f in group),
        )
        for name, group in sorted(by_dataset.items())
    )
    counts = format_html(
        '<div class="atlas-table" data-dataset="review-counts">\n<table>\n'
        "<caption>Facts per dataset, and how many were last checked over {} days ago</caption>\n"
        '<thead><tr><th scope="col">Dataset</th><th scope="col">Facts</th>'
        '<th scope="col">Oldest check</th><th scope="col">Due again</th></tr></thead>\n'
        "<tbody>{}</tbody>\n</table>\n</div>",
        STALE_AFTER_DAYS,
        rows,
    )
    listed = Markup("").join(
        format_html(
            '<tr><td><time datetime="{0}">{0}</time></td><th scope="row">{1}</th><td>{2}</td>'
            '<td><a href="{3}">{4}</a></td></tr>',
            f.checked.isoformat(),
            f"{f.name} ({f.dataset})",
            f.what,
            f.url,
            _host(f.url),
        )
        for f in list(facts)[:oldest]
    )
    table = format_html(
        '<div class="atlas-table" data-dataset="review-oldest">\n<table>\n'
        "<caption>The {} facts checked longest ago, oldest first</caption>\n"
        '<thead><tr><th scope="col">Checked</th><th scope="col">Entry</th>'
        '<th scope="col">Fact</th><th scope="col">Source</th></tr></thead>\n'
        "<tbody>{}</tbody>\n</table>\n</div>",
        min(oldest, len(facts)),
        listed,
    )
    return counts + Markup("\n\n") + table


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]
