"""When facts were last checked: the Data page's review list and the year-old warning."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup
from conftest import ROOT

from macros import datasets
from macros.staleness import Fact, all_facts, review_summary, stale, warnings


def fact(day: str, entry: str = "demo", dataset: str = "tools") -> Fact:
    return Fact(
        dt.date.fromisoformat(day), dataset, entry, entry.title(), "license", "https://x.org/l"
    )


def test_facts_come_oldest_first_with_every_source_user_and_share() -> None:
    loaded = datasets.load_all(ROOT / "data", ROOT)
    facts = all_facts(loaded)
    assert [f.checked for f in facts] == sorted(f.checked for f in facts)
    sources = sum(len(e.sources) for entries in loaded.values() for e in entries)
    languages = loaded["languages"]
    dated = sum(len(lang.notable_users) + len(lang.web_share) for lang in languages)  # type: ignore[attr-defined]
    assert len(facts) == sources + dated


def test_a_fact_is_stale_after_a_year_and_the_warning_says_what_to_do() -> None:
    today = dt.date(2027, 12, 3)
    old, fresh = fact("2026-12-02", "old"), fact("2026-12-04", "fresh")
    assert stale([fresh, old], today) == [old]
    (line,) = warnings([old, fresh], today)
    assert line.startswith("data/tools.yml: tools[old]: license last checked 2026-12-02")
    assert "read https://x.org/l again and update 'accessed'" in line


def test_the_data_page_counts_per_dataset_and_lists_the_oldest() -> None:
    facts = sorted(
        [fact("2025-01-01", "a"), fact("2026-11-30", "b"), fact("2026-06-01", "c", "databases")]
    )
    soup = BeautifulSoup(str(review_summary(facts, dt.date(2026, 12, 3), oldest=2)), "html.parser")
    counts, oldest = soup.find_all("table")
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in counts.tbody("tr")
    }
    assert rows == {"databases": ["1", "2026-06-01", "0"], "tools": ["2", "2025-01-01", "1"]}
    assert [tr.th.get_text() for tr in oldest.tbody("tr")] == ["A (tools)", "C (databases)"]


def test_contributor_text_in_the_review_list_is_escaped() -> None:
    evil = Fact(
        dt.date(2026, 1, 1), "tools", "x", "<script>alert(1)</script>", "license", "https://x.org/"
    )
    html = str(review_summary([evil], dt.date(2026, 12, 3)))
    assert "<script>" not in html and "&lt;script&gt;" in html
