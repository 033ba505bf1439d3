"""Cache-aside: answer from Redis when possible, from the database otherwise.

Reads try the cache first; on a miss they run the query and store the result
with a time to live (SET key value EX seconds). Writes update the database,
then delete the cached copy so the next read fetches fresh data.
"""

import json
import os
import sqlite3
from typing import Any

import redis

TTL_SECONDS = 300


def cache_key(product_id: int) -> str:
    # A version in the key lets a deploy that changes the cached shape
    # start from an empty cache instead of reading old entries.
    return f"product:v1:{product_id}"


def get_product(
    db: sqlite3.Connection, cache: redis.Redis, product_id: int
) -> dict[str, Any] | None:
    key = cache_key(product_id)
    cached = cache.get(key)
    if cached is not None:
        return json.loads(cached)  # hit: no database work at all

    row = db.execute(
        "SELECT id, name, price_cents FROM products WHERE id = ?", (product_id,)
    ).fetchone()
    if row is None:
        return None
    product = {"id": row[0], "name": row[1], "price_cents": row[2]}
    cache.set(key, json.dumps(product), ex=TTL_SECONDS)
    return product


def update_price(
    db: sqlite3.Connection, cache: redis.Redis, product_id: int, price_cents: int
) -> None:
    with db:  # commit the change before touching the cache
        db.execute("UPDATE products SET price_cents = ? WHERE id = ?", (price_cents, product_id))
    # Delete rather than overwrite: two writers racing to SET could leave
    # the older value in the cache; a delete cannot.
    cache.delete(cache_key(product_id))


def create_demo_database() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price_cents INTEGER)")
    db.execute("INSERT INTO products VALUES (1, 'Desk lamp', 3900)")
    db.commit()
    return db


if __name__ == "__main__":
    cache = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
    db = create_demo_database()
    print(get_product(db, cache, 1))  # miss: runs the query, fills the cache
    print(get_product(db, cache, 1))  # hit: served from Redis
    update_price(db, cache, 1, 3500)
    print(get_product(db, cache, 1))  # miss again, with the new price
