"""The full-text search example does what docs/databases/full-text-search.md says it does.

docs/examples/search/search.py runs on the Python sqlite3 module's own SQLite,
which must have been compiled with FTS5 (these tests fail if it was not). Stemming,
BM25 order, title weighting, the triggers that keep the index in step, the
quoting of user input and the printed output the page shows are all checked.
"""

from __future__ import annotations

import re
import runpy
import sqlite3

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "search"
PAGE = ROOT / "docs" / "databases" / "full-text-search.md"
examples_on_path = examples_fixture(FOLDER, ("search",))


def query_plan(db: sqlite3.Connection, sql: str) -> str:
    return " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql))


def titles(rows: list[tuple[int, str, float]]) -> list[str]:
    return [title for _id, title, _score in rows]


def test_stemming_finds_other_forms_of_the_word_and_like_does_not() -> None:
    search = example("search")
    db = search.open_db()
    assert titles(search.search(db, "migrate")) == [
        "Running database migrations safely",
        "Connection pools",  # "migration" in the body: a stem match LIKE '%migrate%' misses
    ]
    assert search.like_search(db, "migrate") == ["Running database migrations safely"]


def test_like_matches_inside_words_and_full_text_search_does_not() -> None:
    search = example("search")
    db = search.open_db()
    assert search.like_search(db, "cat") == ["Concatenating strings in SQL"]
    assert search.search(db, "cat") == []


def test_results_are_ranked_best_first_with_title_matches_weighted() -> None:
    search = example("search")
    db = search.open_db()
    rows = search.search(db, "index")
    assert titles(rows) == ["Indexes and query plans", "Reading a slow query"]
    scores = [score for _id, _title, score in rows]
    assert scores == sorted(scores) and scores[0] < scores[1] < 0  # bm25(): lower is better


def test_triggers_keep_the_index_in_step_with_the_table() -> None:
    search = example("search")
    db = search.open_db()
    with db:
        db.execute("UPDATE articles SET title = 'Pooling connections' WHERE id = 2")
        db.execute("DELETE FROM articles WHERE id = 1")
        db.execute("INSERT INTO articles (title, body) VALUES ('Zero-downtime migrations', '')")
    assert titles(search.search(db, "migration")) == [
        "Zero-downtime migrations",
        "Pooling connections",
    ]
    assert search.search(db, "running") == []
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_user_input_is_never_parsed_as_query_syntax() -> None:
    search = example("search")
    db = search.open_db()
    with pytest.raises(sqlite3.OperationalError):
        db.execute(search.SEARCH, ('index NOT "', 10)).fetchall()
    # "not" is an ordinary word here: only the article whose text has both words matches.
    assert titles(search.search(db, 'index NOT "')) == ["Indexes and query plans"]
    assert titles(search.search(db, "  index!! ")) == titles(search.search(db, "index"))
    assert search.search(db, '"*()') == []


def test_like_with_a_leading_wildcard_reads_every_row() -> None:
    search = example("search")
    db = search.open_db()
    db.execute("CREATE INDEX articles_title ON articles (title)")
    plan = query_plan(db, "SELECT id FROM articles WHERE title LIKE '%index%'")
    assert plan.startswith("SCAN articles"), plan
    fts_plan = query_plan(db, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'index'")
    assert "VIRTUAL TABLE INDEX" in fts_plan, fts_plan


def test_the_page_shows_what_the_script_prints(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(FOLDER / "search.py"), run_name="__main__")
    printed = capsys.readouterr().out
    blocks = re.findall(r"```text\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)
    assert printed in blocks, "full-text-search.md: paste the new output of search.py there"
