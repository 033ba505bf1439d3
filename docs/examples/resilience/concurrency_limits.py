"""Cap how much work runs at once, and refuse the rest straight away.

One ConcurrencyLimit per dependency is a bulkhead: a slow payment provider can
hold its own slots, never every worker. One in front of the whole service sheds
load: when it is full, a new request is refused at once (answer 503 with
Retry-After) instead of waiting, and the last slots are kept for critical work.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Rejected(Exception):
    """No free slot: answer now, with an error or a fallback, rather than wait."""


class ConcurrencyLimit:
    def __init__(self, name: str, limit: int, reserved_for_critical: int = 0) -> None:
        if not 0 <= reserved_for_critical < limit:
            raise ValueError(f"{name}: reserve {reserved_for_critical} of {limit} slots")
        self.name = name
        self.limit = limit
        self.reserved = reserved_for_critical
        self.in_use = 0
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, critical: bool = False) -> Iterator[None]:
        ceiling = self.limit if critical else self.limit - self.reserved
        with self._lock:
            if self.in_use >= ceiling:
                raise Rejected(f"{self.name}: {self.in_use} of {self.limit} slots busy")
            self.in_use += 1
        try:
            yield
        finally:
            with self._lock:
                self.in_use -= 1
