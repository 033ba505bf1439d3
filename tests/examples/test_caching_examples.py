"""The caching examples do what docs/production/caching-strategies.md says they do.

lru_ttl.py evicts the least recently used entry and expires entries after their TTL, on a
fake clock; single_flight.py lets twenty threads that miss together trigger one load;
cache_aside.py combines both and drops its copy after a write.
"""

from __future__ import annotations

import random
import threading
import time

from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "caching"
MODULES = ("lru_ttl", "single_flight", "cache_aside")


# Fresh modules for every test: cache_aside keeps its cache at module level.
examples_on_path = examples_fixture(FOLDER, MODULES, scope="function")


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# --- lru_ttl.py ---


def test_a_full_cache_evicts_the_least_recently_used_entry() -> None:
    cache = example("lru_ttl").LRUCache(max_entries=2, ttl=60, clock=FakeClock())
    cache.set("a", 1)
    cache.set("b", 2)
    assert cache.get("a") == 1  # "a" is now more recent than "b"
    cache.set("c", 3)
    assert (cache.get("b"), cache.get("a"), cache.get("c")) == (None, 1, 3)
    assert cache.evictions == 1


def test_entries_expire_after_their_ttl() -> None:
    clock = FakeClock()
    cache = example("lru_ttl").LRUCache(max_entries=10, ttl=60, clock=clock)
    cache.set("price:42", 8_900)
    cache.set("stock:42", 3, ttl=5)
    clock.now += 5
    assert (cache.get("price:42"), cache.get("stock:42")) == (8_900, None)
    clock.now += 55
    assert cache.get("price:42") is None
    assert (cache.hits, cache.misses) == (1, 2)


def test_setting_an_existing_key_replaces_it_without_evicting() -> None:
    cache = example("lru_ttl").LRUCache(max_entries=2, ttl=60, clock=FakeClock())
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("a", 10)
    assert (cache.get("a"), cache.get("b"), cache.evictions) == (10, 2, 0)


# --- single_flight.py ---


def test_concurrent_misses_share_one_load() -> None:
    flights = example("single_flight").SingleFlight()
    loads = 0
    started = threading.Barrier(20)
    results: list[str] = []

    def slow_query() -> str:
        nonlocal loads
        loads += 1
        time.sleep(0.2)  # long enough for every thread to arrive while it runs
        return "row 42"

    def request() -> None:
        started.wait()
        results.append(flights.do("product:42", slow_query))

    threads = [threading.Thread(target=request) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == 1
    assert results == ["row 42"] * 20


def test_a_failed_load_reaches_the_waiters_and_the_next_call_retries() -> None:
    flights = example("single_flight").SingleFlight()
    loads = 0
    started = threading.Barrier(5)
    errors: list[BaseException] = []

    def failing_query() -> str:
        nonlocal loads
        loads += 1
        time.sleep(0.2)
        raise TimeoutError("database timed out")

    def request() -> None:
        started.wait()
        try:
            flights.do("product:42", failing_query)
        except TimeoutError as error:
            errors.append(error)

    threads = [threading.Thread(target=request) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (loads, len(errors)) == (1, 5)
    assert flights.do("product:42", lambda: "fresh") == "fresh"


def test_jittered_ttls_spread_within_the_bounds() -> None:
    jittered = example("single_flight").jittered
    rng = random.Random(7)  # noqa: S311 (repeatable test data)
    ttls = [jittered(300, 0.1, rng) for _ in range(1_000)]
    assert all(270 <= ttl <= 330 for ttl in ttls)
    assert max(ttls) - min(ttls) > 50


# --- cache_aside.py ---


def test_cache_aside_loads_once_then_serves_the_copy_until_a_write() -> None:
    cache_aside = example("cache_aside")
    database = {42: 8_900}
    queries: list[int] = []

    def load(product_id: int) -> dict[str, object]:
        queries.append(product_id)
        return {"id": product_id, "price_cents": database[product_id]}

    def save(product_id: int, cents: int) -> None:
        database[product_id] = cents

    assert cache_aside.get_product(42, load)["price_cents"] == 8_900
    assert cache_aside.get_product(42, load)["price_cents"] == 8_900
    assert queries == [42]
    cache_aside.update_price(42, 7_900, save)
    assert cache_aside.get_product(42, load)["price_cents"] == 7_900
    assert queries == [42, 42]
