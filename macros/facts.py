"""Dated facts about languages, rendered with their sources: who runs it, how widely.

Every figure or name a reader sees here carries the publisher, the date the
fact held and a link to the page that states it, so a stale claim is visible as
stale instead of being silently wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from .models import DatedFact, Language, NotableUser, UsageShare

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def human_date(partial: str) -> str:
    """'2023-08' -> 'August 2023'; '2016-12-01' -> '1 December 2016'; '1995' -> '1995'."""
    parts = [int(part) for part in partial.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS[parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{parts[2]} {month} {parts[0]}"


def citation(fact: DatedFact) -> Markup:
    """'(W3Techs, August 2023)' with the publisher linked to the source."""
    return Markup(
        '(<a href="{url}" title="Checked {accessed}">{publisher}</a>, '
        '<time datetime="{as_of}">{when}</time>)'
    ).format(
        url=str(fact.source),
        accessed=fact.accessed.isoformat(),
        publisher=fact.publisher,
        as_of=fact.as_of,
        when=human_date(fact.as_of),
    )


def notable_users_list(language: Language) -> Markup:
    """A list of the organizations that run ``language``, each with its citation."""
    if not language.notable_users:
        raise ValueError(
            f"languages[{language.id}] has no notable_users: add some to data/languages.yml "
            "or remove the notable_users() call"
        )
    return Markup('<ul class="atlas-facts">{}</ul>').format(
        Markup("").join(_user_item(user) for user in language.notable_users)
    )


def _user_item(user: NotableUser) -> Markup:
    return Markup("<li><strong>{org}</strong>: {statement} {cite}</li>").format(
        org=user.organization, statement=user.statement, cite=citation(user)
    )


def share_sentence(language: Language, history: bool = False) -> Markup:
    """'77.2% of websites whose server-side language is known (W3Techs, August 2023)'.

    With ``history``, earlier readings follow, so readers see that the figure moves.
    """
    if not language.web_share:
        raise ValueError(
            f"languages[{language.id}] has no web_share readings: add one to "
            "data/languages.yml or remove the web_share() call"
        )
    latest = language.web_share[-1]
    text = _reading(latest)
    if history and len(language.web_share) > 1:
        earlier = Markup("; ").join(
            Markup("{percent} {cite}").format(percent=_percent(r), cite=citation(r))
            for r in reversed(language.web_share[:-1])
        )
        text = Markup("{} (earlier readings: {})").format(text, earlier)
    return text


def _percent(reading: UsageShare) -> str:
    return f"{reading.percent:g}%"


def _reading(reading: UsageShare) -> Markup:
    return Markup("{percent} of {population} {cite}").format(
        percent=_percent(reading), population=reading.population, cite=citation(reading)
    )


def find_language(languages: Sequence[Language], ident: str) -> Language:
    """The language with id ``ident``; an unknown id is an error naming the known ones."""
    for language in languages:
        if language.id == ident:
            return language
    known = ", ".join(sorted(language.id for language in languages))
    raise ValueError(f"unknown language id {ident!r} (known: {known})")
