"""Cache-aside with the protections from this page: a jittered TTL and one load per key."""

from collections.abc import Callable

from lru_ttl import LRUCache
from single_flight import SingleFlight, jittered

Product = dict[str, object]

cache: LRUCache[str, Product] = LRUCache(max_entries=10_000, ttl=300)
flights = SingleFlight()


def get_product(product_id: int, load_from_db: Callable[[int], Product]) -> Product:
    key = f"product:{product_id}:v3"
    cached = cache.get(key)
    if cached is not None:
        return cached

    def load() -> Product:
        product = load_from_db(product_id)  # the slow part
        cache.set(key, product, ttl=jittered(300))
        return product

    return flights.do(key, load)


def update_price(product_id: int, cents: int, save_to_db: Callable[[int, int], None]) -> None:
    save_to_db(product_id, cents)  # commit first ...
    cache.delete(f"product:{product_id}:v3")  # ... then drop the copy
