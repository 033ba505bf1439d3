"""Wait for several slow calls at once instead of one after another.

fetch_price stands in for any input or output: a database query, an HTTP call
to another service. While one call waits, the event loop runs the others.
"""

import asyncio
from dataclasses import dataclass, field


@dataclass
class PriceService:
    """A fake remote service that counts how many calls are in flight at once."""

    delay: float = 0.05
    failing: frozenset[int] = frozenset()
    in_flight: int = 0
    most_in_flight: int = 0
    canceled: list[int] = field(default_factory=list)

    async def fetch_price(self, product_id: int) -> int:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if product_id in self.failing:  # an error comes back at once
                await asyncio.sleep(0)
                raise LookupError(f"no price for product {product_id}")
            await asyncio.sleep(self.delay)  # the wait: other tasks run meanwhile
            return product_id * 100
        except asyncio.CancelledError:
            self.canceled.append(product_id)
            raise
        finally:
            self.in_flight -= 1


async def prices_one_by_one(service: PriceService, ids: list[int]) -> list[int]:
    """Each await finishes before the next call starts: the waits add up."""
    return [await service.fetch_price(product_id) for product_id in ids]


async def prices_together(service: PriceService, ids: list[int], limit_s: float) -> list[int]:
    """All calls wait at the same time; the whole page gets one deadline.

    If one call fails, the task group cancels the others and raises; if the
    deadline passes, every call is canceled and TimeoutError is raised.
    """
    async with asyncio.timeout(limit_s):
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(service.fetch_price(i)) for i in ids]
    return [task.result() for task in tasks]
