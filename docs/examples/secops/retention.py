"""A nightly retention job: delete what you no longer need, pseudonymize what you must keep.

The rules (yours will differ, and your legal team sets them):
- login events are kept 90 days, then deleted;
- an account closed more than 30 days ago is deleted;
- its orders are kept for the tax records, but the name and e-mail on them are
  replaced by a pseudonym: the orders of one former customer still belong
  together, but only someone holding the secret and an old account id (from a
  backup, say) could link them to a person again.
"""

import hashlib
import hmac
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

LOGIN_EVENTS_DAYS = 90
CLOSED_ACCOUNT_DAYS = 30

SCHEMA = """
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL,
    closed_at TEXT  -- NULL while the account is open
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY, account_id INTEGER, customer_name TEXT,
    customer_email TEXT, total_cents INTEGER NOT NULL, placed_at TEXT NOT NULL
);
CREATE TABLE login_events (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, ip TEXT NOT NULL, at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class PurgeReport:
    login_events_deleted: int
    accounts_deleted: int
    orders_pseudonymized: int


def pseudonym(account_id: int, secret: bytes) -> str:
    """The same account always gets the same pseudonym; without the secret, nobody can link it."""
    digest = hmac.new(secret, str(account_id).encode(), hashlib.sha256).hexdigest()
    return f"erased-{digest[:16]}"


def purge(db: sqlite3.Connection, now: datetime, secret: bytes) -> PurgeReport:
    """Apply the rules in one transaction: either all of them happen or none does."""
    events_before = (now - timedelta(days=LOGIN_EVENTS_DAYS)).isoformat()
    closed_before = (now - timedelta(days=CLOSED_ACCOUNT_DAYS)).isoformat()
    with db:
        events = db.execute("DELETE FROM login_events WHERE at < ?", (events_before,))
        doomed = [
            row[0]
            for row in db.execute(
                "SELECT id FROM accounts WHERE closed_at IS NOT NULL AND closed_at < ?",
                (closed_before,),
            )
        ]
        orders = 0
        for account_id in doomed:
            alias = pseudonym(account_id, secret)
            orders += db.execute(
                "UPDATE orders SET account_id = NULL, customer_name = ?, customer_email = NULL"
                " WHERE account_id = ?",
                (alias, account_id),
            ).rowcount
            db.execute("DELETE FROM login_events WHERE account_id = ?", (account_id,))
            db.execute("DELETE FROM accounts WHERE id = ?", (account_id,))
    return PurgeReport(events.rowcount, len(doomed), orders)
