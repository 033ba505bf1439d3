"""Stampede protection inside one process: concurrent misses on the same key share one load.

The first caller runs load(); callers arriving meanwhile wait for its result (or its error)
instead of querying the database themselves. Across processes, use a lock in the shared
cache instead, such as Redis SET with NX and EX.
"""

import random
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class _Call:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class SingleFlight:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, _Call] = {}

    def do(self, key: str, load: Callable[[], T]) -> T:
        with self._lock:
            call = self._calls.get(key)
            leader = call is None
            if call is None:
                call = self._calls[key] = _Call()
        if not leader:
            call.done.wait()
            if call.error is not None:
                raise call.error
            result: T = call.result
            return result
        try:
            value = load()
            call.result = value
            return value
        except BaseException as error:
            call.error = error
            raise
        finally:
            with self._lock:
                del self._calls[key]
            call.done.set()


def jittered(ttl: float, spread: float = 0.1, rng: random.Random | None = None) -> float:
    """A TTL within +/- spread of ttl, so entries written together do not expire together."""
    rng = rng or random.Random()  # noqa: S311 (spreading expiry times, not cryptography)
    return ttl * (1 + rng.uniform(-spread, spread))
