"""Find the line that allocates the most memory with two tracemalloc snapshots.

handle_request caches every rendered receipt in a module-level dict and never
evicts one: a leak that grows with each request. Run it from this folder:
python memory_growth.py
"""

import tracemalloc

RECEIPTS: dict[int, str] = {}


def handle_request(order_id: int) -> str:
    receipt = f"Receipt for order {order_id}: " + "item line\n" * 50
    RECEIPTS[order_id] = receipt  # never removed: this line leaks
    return receipt


def top_growth(requests: int, limit: int = 3) -> list[tracemalloc.StatisticDiff]:
    """The lines whose allocations grew most while handling the requests."""
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for order_id in range(requests):
            handle_request(order_id)
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    only_this_file = [tracemalloc.Filter(True, __file__)]
    diff = after.filter_traces(only_this_file).compare_to(
        before.filter_traces(only_this_file), "lineno"
    )
    return diff[:limit]


if __name__ == "__main__":
    for stat in top_growth(10_000):
        print(stat)
