"""Dated facts (notable users, share of websites) render with publisher, date and link."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from macros.facts import find_language, human_date, notable_users_list, share_sentence
from macros.models import Language

BASE: dict[str, Any] = {
    "id": "php",
    "name": "PHP",
    "primary_uses": ["Web applications"],
    "execution": "Interpreted from cached bytecode.",
    "performance": "Quick per request.",
    "concurrency": "One process per request.",
    "typing": "dynamic",
    "typing_notes": "Optional type declarations.",
    "first_release": {"date": "1995-06-08", "version": "PHP Tools 1.0"},
    "sources": [
        {
            "url": "https://example.org/php",
            "supports": ["first_release"],
            "accessed": "2026-11-23",
            "evidence": "the announcement's title and date",
        }
    ],
    "reviewed": "2026-11-23",
}


def reading(percent: float, as_of: str) -> dict[str, Any]:
    return {
        "percent": percent,
        "population": "websites whose server-side language is known",
        "as_of": as_of,
        "publisher": "W3Techs",
        "source": "https://example.org/share",
        "accessed": "2026-11-23",
    }


def language(**extra: Any) -> Language:
    return Language.model_validate({**BASE, **extra})


@pytest.mark.parametrize(
    ("partial", "shown"),
    [("1995", "1995"), ("2023-08", "August 2023"), ("2016-12-01", "1 December 2016")],
)
def test_dates_read_as_precisely_as_their_source(partial: str, shown: str) -> None:
    assert human_date(partial) == shown


def test_share_names_publisher_date_and_link() -> None:
    html = str(share_sentence(language(web_share=[reading(77.2, "2023-08")])))
    assert html.startswith("77.2% of websites whose server-side language is known (")
    assert '<a href="https://example.org/share" title="Checked 2026-11-23">W3Techs</a>' in html
    assert '<time datetime="2023-08">August 2023</time>' in html


def test_share_history_shows_earlier_readings_newest_first() -> None:
    php = language(
        web_share=[reading(74.9, "2010-11"), reading(76.0, "2020-01"), reading(77.2, "2023-08")]
    )
    text = str(share_sentence(php, history=True))
    assert text.index("77.2%") < text.index("76%") < text.index("74.9%")
    assert "earlier readings" not in str(share_sentence(php))


def test_readings_out_of_order_are_rejected() -> None:
    with pytest.raises(ValidationError, match="oldest first"):
        language(web_share=[reading(77.2, "2023-08"), reading(74.9, "2010-11")])


def test_notable_users_are_escaped_and_cited() -> None:
    user = {
        "organization": "<script>alert(1)</script>",
        "statement": "runs <b>everything</b>",
        "as_of": "2016",
        "publisher": "Engineering & Co",
        "source": "https://example.org/post",
        "accessed": "2026-11-23",
    }
    html = str(notable_users_list(language(notable_users=[user])))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "runs &lt;b&gt;everything&lt;/b&gt;" in html
    assert ">Engineering &amp; Co</a>" in html


def test_missing_facts_fail_loudly_instead_of_rendering_nothing() -> None:
    with pytest.raises(ValueError, match="no notable_users"):
        notable_users_list(language())
    with pytest.raises(ValueError, match="no web_share"):
        share_sentence(language())


def test_unknown_language_lists_the_known_ids() -> None:
    with pytest.raises(ValueError, match=r"unknown language id 'pyhton' \(known: php\)"):
        find_language([language()], "pyhton")  # codespell:ignore
