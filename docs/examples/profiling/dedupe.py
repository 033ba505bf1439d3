"""Remove repeated order ids, keeping the first of each: a slow version and a fix.

dedupe_slow checks each id against a list, which scans the list every time, so
the work grows with the square of the input. dedupe_fast remembers the ids it
has seen in a set, where a membership check takes about the same time however
many ids it holds. Both return the same list.
"""


def seen_before(kept: list[str], order_id: str) -> bool:
    """True if order_id is already in kept: a scan of the whole list."""
    return order_id in kept


def dedupe_slow(order_ids: list[str]) -> list[str]:
    kept: list[str] = []
    for order_id in order_ids:
        if not seen_before(kept, order_id):
            kept.append(order_id)
    return kept


def dedupe_fast(order_ids: list[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for order_id in order_ids:
        if order_id not in seen:
            seen.add(order_id)
            kept.append(order_id)
    return kept
