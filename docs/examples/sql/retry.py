"""Run a transaction again from the start when the database aborts it for a conflict.

A deadlock victim or a serialization failure did nothing wrong: the same work,
started again a moment later, usually succeeds. Any other error is raised at once.
"""

import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# PostgreSQL: 40001 serialization_failure, 40P01 deadlock_detected.
# MySQL reports its deadlock error (1213) with SQLSTATE 40001 as well.
RETRYABLE_SQLSTATES = {"40001", "40P01"}


def is_retryable(error: Exception) -> bool:
    """True when the error means "run the whole transaction again"."""
    if getattr(error, "sqlstate", None) in RETRYABLE_SQLSTATES:  # psycopg, mysql-connector
        return True
    return isinstance(error, sqlite3.OperationalError) and "database is locked" in str(error)


def in_transaction(
    db: sqlite3.Connection,
    work: Callable[[sqlite3.Connection], T],
    attempts: int = 4,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run work(db) inside one transaction, starting over on a retryable error.

    work must read what it needs inside the transaction, and must not do anything
    outside the database (send an email, call an API): it may run more than once.
    db must be in autocommit mode (isolation_level=None), as run.open_shop() makes it.
    """
    for attempt in range(1, attempts + 1):
        try:
            db.execute("BEGIN IMMEDIATE")  # SQLite: take the write lock before reading
            result = work(db)
            db.execute("COMMIT")
            return result
        except Exception as error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if attempt == attempts or not is_retryable(error):
                raise
            # Wait longer after each failure, at random, so two retries do not collide again.
            sleep(0.05 * 2**attempt * random.random())  # noqa: S311 (not cryptography)
    raise ValueError(f"attempts must be at least 1, not {attempts}")
