"""Run an example file against a fresh copy of the shop and print the result.

    python3 run.py join_left.sql

Every run loads shop.sql into a new in-memory SQLite database, so one example
never changes the data another one sees. The table looks like the one the
sqlite3 shell prints with: sqlite3 -table -nullvalue NULL
"""

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
Row = tuple[object, ...]


def open_shop(path: str = ":memory:") -> sqlite3.Connection:
    """A connection to the shop, in autocommit mode: BEGIN and COMMIT are yours to send."""
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript((HERE / "shop.sql").read_text(encoding="utf-8"))
    return db


def statements(sql: str) -> list[str]:
    """Split a file into statements, each ending where the sqlite3 shell would run it."""
    found: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    return found


def run(db: sqlite3.Connection, sql: str) -> tuple[list[str], list[Row]]:
    """Run every statement; return the columns and rows of the last one that returned rows."""
    columns: list[str] = []
    rows: list[Row] = []
    for statement in statements(sql):
        cursor = db.execute(statement)
        if cursor.description is not None:
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
    return columns, rows


def as_table(columns: list[str], rows: list[Row]) -> str:
    """Columns and rows drawn as a text table, NULL shown as NULL."""
    cells = [["NULL" if value is None else str(value) for value in row] for row in rows]
    widths = [max(len(text) for text in column) for column in zip(columns, *cells, strict=True)]
    rule = "+" + "+".join("-" * (width + 2) for width in widths) + "+"

    def centered(text: str, width: int) -> str:
        left = (width - len(text)) // 2
        return " " * left + text + " " * (width - len(text) - left)

    header = "| " + " | ".join(map(centered, columns, widths)) + " |"
    body = ["| " + " | ".join(map(str.ljust, row, widths)) + " |" for row in cells]
    return "\n".join([rule, header, rule, *body, rule])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 run.py EXAMPLE.sql")
    shop = open_shop()
    print(as_table(*run(shop, (HERE / sys.argv[1]).read_text(encoding="utf-8"))))
