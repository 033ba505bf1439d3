"""A circuit breaker: stop calling a dependency that keeps failing, then test it gently.

closed     calls go through; consecutive failures are counted
open       calls fail at once with CircuitOpen, for reset_after seconds
half-open  one trial call goes through: success closes the circuit, failure opens it again
"""

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitOpen(Exception):
    """Refused without calling the dependency; retry_after is the time until a trial call."""

    def __init__(self, name: str, retry_after: float) -> None:
        super().__init__(f"circuit {name!r} is open; next trial in {retry_after:.1f} s")
        self.retry_after = retry_after


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int = 5,
        reset_after: float = 30.0,
        trips_on: tuple[type[BaseException], ...] = (TimeoutError, ConnectionError),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self.trips_on = trips_on  # only failures of the dependency, never "404 not found"
        self.state = CLOSED
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at = 0.0
        self._trial_running = False

    def call(self, operation: Callable[[], T]) -> T:
        self._admit()
        failed = False
        try:
            return operation()
        except self.trips_on:
            failed = True
            raise
        finally:
            self._record(failed)

    def _admit(self) -> None:
        with self._lock:
            if self.state == OPEN:
                wait = self._opened_at + self.reset_after - self._clock()
                if wait > 0:
                    raise CircuitOpen(self.name, wait)
                self.state = HALF_OPEN
            if self.state == HALF_OPEN:
                if self._trial_running:
                    raise CircuitOpen(self.name, 0.0)
                self._trial_running = True

    def _record(self, failed: bool) -> None:
        with self._lock:
            if self.state == OPEN:
                return  # a call admitted before the circuit opened: old news
            if self.state == HALF_OPEN:
                self._trial_running = False
            if not failed:
                self.state, self._failures = CLOSED, 0
                return
            self._failures += 1
            if self.state == HALF_OPEN or self._failures >= self.failure_threshold:
                self.state, self._opened_at = OPEN, self._clock()
