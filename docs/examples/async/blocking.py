"""What a blocking call does to an event loop, and two ways to avoid it.

Every task on the loop shares one thread. A handler that calls time.sleep, a
synchronous database driver or requests.get holds that thread, so nothing else
runs until it returns: not the other requests, not even a timer.
"""

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable


def slow_report() -> str:
    """A synchronous library call: it keeps its thread busy for 0.3 seconds."""
    time.sleep(0.3)
    return "report"


async def handler_that_blocks() -> str:
    return slow_report()  # the mistake: a blocking call inside async def


async def handler_in_a_thread() -> str:
    return await asyncio.to_thread(slow_report)  # the loop keeps running meanwhile


async def handler_that_awaits() -> str:
    await asyncio.sleep(0.3)  # the async version of the same wait
    return "report"


async def longest_pause(handler: Callable[[], Awaitable[str]]) -> float:
    """Run a 10 ms heartbeat beside the handler; return the longest gap between beats."""
    beats: list[float] = []

    async def heartbeat() -> None:
        while True:
            beats.append(time.perf_counter())
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.02)  # let the heartbeat start
    await handler()
    await asyncio.sleep(0.02)
    ticker.cancel()
    return max(later - earlier for earlier, later in itertools.pairwise(beats))
