"""Optimistic locking: save an edit only if nobody changed the row since you read it.

Each product row carries a version number. Reading returns it; saving sends it
back in the WHERE clause and bumps it. If another save got there first, the
version no longer matches, the UPDATE changes 0 rows, and this code says so
instead of silently overwriting the other person's change.
"""

import sqlite3

from run import open_shop


class StaleVersionError(Exception):
    """The row changed (or was deleted) after it was read: reload it and decide again."""


def read_product(db: sqlite3.Connection, product_id: int) -> tuple[str, int, int]:
    """Name, price in cents and version of one product."""
    row = db.execute(
        "SELECT name, price_cents, version FROM products WHERE id = ?", (product_id,)
    ).fetchone()
    if row is None:
        raise LookupError(f"no product {product_id}")
    return row


def save_price(db: sqlite3.Connection, product_id: int, price_cents: int, version: int) -> int:
    """Set the price if the row is still at `version`; return the row's new version."""
    cursor = db.execute(
        """
        UPDATE products
        SET price_cents = ?, version = version + 1
        WHERE id = ? AND version = ?
        """,
        (price_cents, product_id, version),
    )
    if cursor.rowcount == 0:
        raise StaleVersionError(f"product {product_id} is no longer at version {version}")
    return version + 1


if __name__ == "__main__":
    shop = open_shop()
    # Two people open the edit form for the desk lamp: both see version 1.
    _, _, ana_saw = read_product(shop, 1)
    _, _, ben_saw = read_product(shop, 1)
    print("Ana saves 45.00, now at version", save_price(shop, 1, 4500, ana_saw))
    try:
        save_price(shop, 1, 3500, ben_saw)
    except StaleVersionError as error:
        print("Ben is refused:", error)
    print("Ben reloads and sees", read_product(shop, 1))
