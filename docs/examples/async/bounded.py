"""Fan out to many calls without opening them all at once.

gather over 10,000 ids starts 10,000 calls together: 10,000 connections to a
service that may allow 100, and a burst that looks like an attack. A semaphore
lets at most `limit` calls be in flight; the rest wait their turn.
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


async def map_unbounded(call: Callable[[T], Awaitable[R]], items: Iterable[T]) -> list[R]:
    return await asyncio.gather(*(call(item) for item in items))  # the mistake


async def map_bounded(call: Callable[[T], Awaitable[R]], items: Iterable[T], limit: int) -> list[R]:
    """Results in the order of items, with never more than limit calls in flight."""
    gate = asyncio.Semaphore(limit)

    async def one(item: T) -> R:
        async with gate:
            return await call(item)

    return await asyncio.gather(*(one(item) for item in items))
