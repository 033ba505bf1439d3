"""A customer's orders, looked up with a parameterized query.

The ? in the SQL is a placeholder. The email goes to SQLite separately from the
SQL text, so whatever it contains is compared as a value and never run as SQL.
"""

import sqlite3

from run import open_shop

ORDERS_FOR_EMAIL = """
    SELECT o.id, o.status, o.ordered_on
    FROM orders AS o
    JOIN customers AS c ON c.id = o.customer_id
    WHERE c.email = ?
    ORDER BY o.id
"""


def orders_for(db: sqlite3.Connection, email: str) -> list[tuple[int, str, str]]:
    return db.execute(ORDERS_FOR_EMAIL, (email,)).fetchall()


if __name__ == "__main__":
    shop = open_shop()
    for email in ["ada@example.com", "x' OR '1'='1"]:
        print(f"{email!r}: {orders_for(shop, email)}")
