"""The SQL examples return what the pages in docs/databases/ say they return.

Every query file in docs/examples/sql runs against a fresh copy of the shop
(shop.sql) in SQLite, and its rows must match the result table beside it in
results/, which the SQL page shows. The transaction examples run on two real
connections to one database file, so the conflicts they handle really happen.
"""

from __future__ import annotations

import runpy
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "sql"
RESULTS = FOLDER / "results"
MODULES = ("run", "parameters", "optimistic", "retry")
QUERIES = sorted(p.stem for p in FOLDER.glob("*.sql") if p.name != "shop.sql")


examples_on_path = examples_fixture(FOLDER, MODULES)


def shop() -> sqlite3.Connection:
    return example("run").open_shop()


def rows_of(name: str, db: sqlite3.Connection | None = None) -> list[tuple[object, ...]]:
    sql = (FOLDER / f"{name}.sql").read_text(encoding="utf-8")
    return example("run").run(db or shop(), sql)[1]


@pytest.fixture
def shop_file(tmp_path: Path) -> Path:
    """The shop in a file, for tests that need two connections at once."""
    path = tmp_path / "shop.db"
    example("run").open_shop(str(path)).close()
    return path


def connect(path: Path, timeout: float = 0.05) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=timeout)


# --- every query's result table is what a fresh run prints ---


def test_every_query_has_a_result_table_and_every_table_a_query() -> None:
    tables = {p.stem for p in RESULTS.glob("*.txt")}
    scripts = {p.stem for p in FOLDER.glob("*.py") if p.stem != "run" and p.stem != "retry"}
    assert tables == set(QUERIES) | scripts


@pytest.mark.parametrize("name", QUERIES)
def test_result_table_matches_a_fresh_run(name: str) -> None:
    run = example("run")
    sql = (FOLDER / f"{name}.sql").read_text(encoding="utf-8")
    printed = run.as_table(*run.run(run.open_shop(), sql))
    expected = (RESULTS / f"{name}.txt").read_text(encoding="utf-8")
    assert printed + "\n" == expected, f"results/{name}.txt is out of date: python3 run.py"


def test_run_py_prints_the_table_from_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["run.py", "join_left.sql"])
    runpy.run_path(str(FOLDER / "run.py"), run_name="__main__")
    assert capsys.readouterr().out == (RESULTS / "join_left.txt").read_text(encoding="utf-8")


def test_statements_are_split_like_the_shell_splits_them() -> None:
    split = example("run").statements("-- note; not a statement\nSELECT 1;\nSELECT ';'\n;\n")
    assert split == ["-- note; not a statement\nSELECT 1;", "SELECT ';'\n;"]


# --- SELECT, INSERT, UPDATE, DELETE ---


def test_order_by_runs_before_limit() -> None:
    assert rows_of("select_where") == [("Desk lamp", 3900), ("Fountain pen", 2500)]


def test_insert_gets_the_next_id_and_the_unique_email_holds() -> None:
    db = shop()
    assert rows_of("insert", db) == [(5, "Edsger Dijkstra", "Austin")]
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        rows_of("insert", db)


def test_update_changes_one_row_and_without_where_it_changes_all() -> None:
    db = shop()
    before = db.total_changes
    prices = dict((row[0], row[2]) for row in rows_of("update", db))
    assert db.total_changes - before == 1
    assert prices == {1: 4500, 2: 450, 3: 2500, 4: 8900, 5: 4200}

    careless = shop().execute("UPDATE products SET price_cents = 4500")
    assert careless.rowcount == 5, "the usual mistake: every product now costs 45.00"


def test_delete_removes_the_canceled_order_and_its_items() -> None:
    db = shop()
    assert [row[0] for row in rows_of("delete", db)] == [1, 2, 3, 5]
    assert db.execute("SELECT count(*) FROM order_items WHERE order_id = 4").fetchone() == (0,)


def test_foreign_keys_stop_orphans_only_when_sqlite_is_asked_to() -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        shop().execute("DELETE FROM orders WHERE id = 4")

    unchecked = shop()
    unchecked.execute("PRAGMA foreign_keys = OFF")  # what a new connection has by default
    unchecked.execute("DELETE FROM orders WHERE id = 4")
    orphans = unchecked.execute("SELECT count(*) FROM order_items WHERE order_id = 4")
    assert orphans.fetchone() == (1,)
    assert sqlite3.connect(":memory:").execute("PRAGMA foreign_keys").fetchone() == (0,)


# --- joins and aggregates ---


def test_inner_join_drops_the_customer_without_orders_and_left_join_keeps_her() -> None:
    inner = rows_of("join_inner")
    left = rows_of("join_left")
    assert "Katherine Johnson" not in {row[0] for row in inner}
    assert left == [*inner, ("Katherine Johnson", None, None)]


def test_count_of_a_column_skips_nulls_where_count_star_would_not() -> None:
    assert rows_of("group_by")[-1] == ("Katherine Johnson", 0)
    star = shop().execute(
        "SELECT COUNT(*) FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.id"
        " WHERE c.id = 4"
    )
    assert star.fetchone() == (1,)


def test_aggregates_and_sqlite_average_is_a_float() -> None:
    ((count, cheapest, dearest, average, units),) = rows_of("aggregates")
    assert (count, cheapest, dearest, units) == (5, 450, 8900, 247)
    assert isinstance(average, float) and average == 3990


def test_where_filters_rows_before_grouping_and_having_filters_groups() -> None:
    assert rows_of("having") == [("Grace Hopper", 2, 20100), ("Ada Lovelace", 2, 7750)]
    db = shop()
    sql = (FOLDER / "having.sql").read_text(encoding="utf-8")
    without_having = sql.replace(
        "HAVING SUM(oi.quantity * oi.unit_price_cents) > 5000\n", ""
    ).replace("COUNT(DISTINCT o.id)", "COUNT(*)")
    rows = example("run").run(db, without_having)[1]
    assert "Alan Turing" not in {row[0] for row in rows}, "his only order is canceled"
    assert dict((row[0], row[1]) for row in rows)["Grace Hopper"] == 4, "COUNT(*) counts items"


def test_sqlite_accepts_a_bare_column_in_a_grouped_query() -> None:
    # PostgreSQL rejects this query, and so does MySQL with ONLY_FULL_GROUP_BY (its default).
    rows = shop().execute(
        "SELECT c.name, o.status, COUNT(*) FROM customers AS c"
        " JOIN orders AS o ON o.customer_id = c.id GROUP BY c.name"
    )
    assert len(rows.fetchall()) == 3


# --- parameterized queries ---


def test_parameterized_query_treats_hostile_input_as_a_value() -> None:
    parameters = example("parameters")
    db = shop()
    assert parameters.orders_for(db, "ada@example.com") == [
        (1, "shipped", "2026-11-02"),
        (3, "paid", "2026-11-20"),
    ]
    hostile = "x' OR '1'='1"
    assert parameters.orders_for(db, hostile) == []

    pasted = parameters.ORDERS_FOR_EMAIL.replace("?", f"'{hostile}'")  # what never to do
    assert len(db.execute(pasted).fetchall()) == 5, "string-built SQL returns every order"


def test_parameters_main_prints_what_the_page_shows(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(FOLDER / "parameters.py"), run_name="__main__")
    assert capsys.readouterr().out == (RESULTS / "parameters.txt").read_text(encoding="utf-8")


# --- lost updates and the atomic fix ---


def test_read_then_write_loses_a_sale(shop_file: Path) -> None:
    first, second = connect(shop_file), connect(shop_file)
    seen = [
        db.execute("SELECT stock FROM products WHERE id = 4").fetchone()[0]
        for db in (first, second)
    ]
    for db, stock in zip((first, second), seen, strict=True):
        db.execute("UPDATE products SET stock = ? WHERE id = 4", (stock - 1,))
    assert seen == [5, 5]
    assert first.execute("SELECT stock FROM products WHERE id = 4").fetchone() == (4,)


def test_atomic_update_counts_every_sale_and_never_oversells(shop_file: Path) -> None:
    first, second = connect(shop_file), connect(shop_file)
    update = example("run").statements((FOLDER / "atomic_update.sql").read_text())[0]
    sold = [db.execute(update).rowcount for db in (first, second, first, second, first, second)]
    assert sold == [1, 1, 1, 1, 1, 0], "the sixth buyer finds none left"
    assert second.execute("SELECT stock FROM products WHERE id = 4").fetchone() == (0,)


# --- optimistic locking ---


def test_second_save_from_an_old_version_is_refused(shop_file: Path) -> None:
    optimistic = example("optimistic")
    ana, ben = connect(shop_file), connect(shop_file)
    _, _, ana_saw = optimistic.read_product(ana, 1)
    _, _, ben_saw = optimistic.read_product(ben, 1)
    assert optimistic.save_price(ana, 1, 4500, ana_saw) == 2
    with pytest.raises(optimistic.StaleVersionError):
        optimistic.save_price(ben, 1, 3500, ben_saw)
    assert optimistic.read_product(ben, 1) == ("Desk lamp", 4500, 2), "Ana's price survives"
    assert optimistic.save_price(ben, 1, 3500, 2) == 3, "after reloading, Ben may save"


def test_unknown_product_is_a_lookup_error() -> None:
    optimistic = example("optimistic")
    with pytest.raises(LookupError):
        optimistic.read_product(shop(), 99)
    with pytest.raises(optimistic.StaleVersionError):
        optimistic.save_price(shop(), 99, 100, 1)


def test_optimistic_main_prints_what_the_page_shows(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(FOLDER / "optimistic.py"), run_name="__main__")
    assert capsys.readouterr().out == (RESULTS / "optimistic.txt").read_text(encoding="utf-8")


# --- SQLite's database-level locks ---


def test_sqlite_has_one_writer_at_a_time_and_readers_carry_on(shop_file: Path) -> None:
    writer, other_writer, reader = (connect(shop_file) for _ in range(3))
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE products SET stock = 0 WHERE id = 1")
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        other_writer.execute("BEGIN IMMEDIATE")
    assert reader.execute("SELECT stock FROM products WHERE id = 1").fetchone() == (12,)
    writer.execute("COMMIT")
    other_writer.execute("BEGIN IMMEDIATE")
    other_writer.execute("COMMIT")


def test_sqlite_refuses_a_late_write_at_once_whatever_the_timeout(shop_file: Path) -> None:
    setup = connect(shop_file)
    setup.execute("PRAGMA journal_mode = WAL")
    setup.close()
    slow, quick = connect(shop_file, timeout=5), connect(shop_file)
    slow.execute("BEGIN")  # deferred: a read transaction until the first write
    slow.execute("SELECT stock FROM products WHERE id = 4").fetchone()
    quick.execute("UPDATE products SET stock = stock - 1 WHERE id = 4")
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        slow.execute("UPDATE products SET stock = stock - 1 WHERE id = 4")
    assert time.monotonic() - started < 1, "no waiting: waiting could never help"
    slow.execute("ROLLBACK")


def test_sqlite_has_no_select_for_update() -> None:
    with pytest.raises(sqlite3.OperationalError, match="syntax error"):
        shop().execute("SELECT stock FROM products WHERE id = 4 FOR UPDATE")


# --- retrying a transaction the database aborted ---


def sell_one(db: sqlite3.Connection) -> int:
    db.execute("UPDATE products SET stock = stock - 1 WHERE id = 4")
    return int(db.execute("SELECT stock FROM products WHERE id = 4").fetchone()[0])


def test_retry_runs_the_transaction_again_once_the_lock_is_free(shop_file: Path) -> None:
    retry = example("retry")
    holder, worker = connect(shop_file), connect(shop_file)
    holder.execute("BEGIN IMMEDIATE")
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        holder.execute("COMMIT")  # the other transaction finishes while this one waits

    assert retry.in_transaction(worker, sell_one, sleep=sleep) == 4
    assert len(waits) == 1 and 0 <= waits[0] <= 0.1
    assert not worker.in_transaction


def test_retry_gives_up_after_its_attempts(shop_file: Path) -> None:
    retry = example("retry")
    holder, worker = connect(shop_file), connect(shop_file)
    holder.execute("BEGIN IMMEDIATE")
    waits: list[float] = []
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        retry.in_transaction(worker, sell_one, attempts=3, sleep=waits.append)
    assert len(waits) == 2
    assert waits[1] <= 0.2, "the waits grow but stay short"


def test_other_errors_are_not_retried_and_roll_everything_back() -> None:
    retry = example("retry")
    db = shop()
    waits: list[float] = []

    def oversell(db: sqlite3.Connection) -> None:
        sell_one(db)  # fine on its own
        db.execute("UPDATE products SET stock = stock - 10 WHERE id = 4")  # breaks the CHECK

    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        retry.in_transaction(db, oversell, sleep=waits.append)
    assert waits == []
    assert db.execute("SELECT stock FROM products WHERE id = 4").fetchone() == (5,)


class DriverError(Exception):
    """Stands in for a psycopg or mysql-connector error, which carry the SQLSTATE."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("sqlstate", "retryable"),
    [("40P01", True), ("40001", True), ("23505", False), ("42601", False)],
    ids=["deadlock", "serialization-failure", "unique-violation", "syntax-error"],
)
def test_which_server_errors_are_worth_a_retry(sqlstate: str, retryable: bool) -> None:
    assert example("retry").is_retryable(DriverError(sqlstate)) is retryable
