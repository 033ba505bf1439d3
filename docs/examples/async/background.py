"""Two ways a coroutine silently never runs, and the fix for each.

Calling an async function only creates a coroutine object; nothing runs until
it is awaited or scheduled as a task. And the event loop keeps only a weak
reference to a task, so a task nobody holds may be garbage collected early.
"""

import asyncio
from collections.abc import Coroutine
from typing import Any


async def record_audit(entry: str, audit_log: list[str]) -> None:
    await asyncio.sleep(0)  # stands in for a write to the database
    audit_log.append(entry)


async def checkout_buggy(audit_log: list[str]) -> str:
    record_audit("order placed", audit_log)  # BUG: no await, so it never runs
    return "thanks for your order"


async def checkout_fixed(audit_log: list[str]) -> str:
    await record_audit("order placed", audit_log)
    return "thanks for your order"


class BackgroundTasks:
    """Holds a reference to each task it starts until the task finishes."""

    def __init__(self) -> None:
        self._running: set[asyncio.Task[Any]] = set()

    def start(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(work)
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    def __len__(self) -> int:
        return len(self._running)

    async def wait(self) -> None:
        """At shutdown: let the work already started finish."""
        await asyncio.gather(*self._running, return_exceptions=True)
