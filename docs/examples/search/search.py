"""Full-text search inside SQLite with FTS5: an inverted index kept beside the table.

articles is the source of truth; articles_fts is the index, built from it by
triggers in the same transaction as every write. Words are stemmed by the
Porter tokenizer, so "migrate" also finds "migrations", and results are ranked
by BM25, with a match in the title weighted ten times a match in the body.

Run it:  python3 search.py
"""

import re
import sqlite3

SCHEMA = """
CREATE TABLE articles (
    id    INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body  TEXT NOT NULL
);

-- An external-content FTS5 table: it stores the index, and reads the text from articles.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61'
);

-- Keep the index in step with the table, inside the writer's own transaction.
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
"""

# bm25() is lower for better matches, so ascending order puts the best first.
SEARCH = """
SELECT articles.id, articles.title, round(bm25(articles_fts, 10.0, 1.0), 2) AS score
FROM articles_fts
JOIN articles ON articles.id = articles_fts.rowid
WHERE articles_fts MATCH ?
ORDER BY score
LIMIT ?
"""

ARTICLES = [
    ("Running database migrations safely", "Migrate in small steps and keep old code working."),
    ("Connection pools", "Reuse open connections; a migration script needs one too."),
    ("Indexes and query plans", "An index lets the database skip rows it does not need."),
    ("Reading a slow query", "Look for a full scan where an index should have been used."),
    ("Concatenating strings in SQL", "Use || in standard SQL, CONCAT in MySQL."),
]


def open_db(path: str = ":memory:") -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    with db:
        db.executemany("INSERT INTO articles (title, body) VALUES (?, ?)", ARTICLES)
    return db


def as_match_query(user_text: str) -> str:
    """Quote each word the user typed, so that no input is read as FTS5 query syntax."""
    return " ".join(f'"{word}"' for word in re.findall(r"\w+", user_text))


def search(db: sqlite3.Connection, user_text: str, limit: int = 10) -> list[tuple[int, str, float]]:
    query = as_match_query(user_text)
    if not query:
        return []
    return db.execute(SEARCH, (query, limit)).fetchall()


def like_search(db: sqlite3.Connection, word: str) -> list[str]:
    """The naive way: a substring test on every row, no stemming, no ranking."""
    sql = "SELECT title FROM articles WHERE title LIKE ? OR body LIKE ? ORDER BY id"
    pattern = f"%{word}%"
    return [title for (title,) in db.execute(sql, (pattern, pattern))]


if __name__ == "__main__":
    db = open_db()
    for text in ["migrate", "index", "cat"]:
        print(f"search {text!r}:")
        for _id, title, score in search(db, text):
            print(f"  {score:6.2f}  {title}")
        print(f"  LIKE finds: {like_search(db, text)}")
