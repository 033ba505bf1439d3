"""A product page's recommendations that degrade instead of failing.

Each call takes its timeout from the request's deadline and runs inside the
recommendation service's own bulkhead and circuit breaker. When any of them
says no, the page gets this week's bestsellers, which need no other service.
"""

from collections.abc import Callable

from circuit_breaker import CircuitBreaker, CircuitOpen
from concurrency_limits import ConcurrencyLimit, Rejected
from deadlines import Deadline, DeadlineExceeded

Fetch = Callable[[int, float], list[str]]  # (user id, timeout in seconds) -> product ids
BESTSELLERS = ["sku-1001", "sku-1002", "sku-1003"]  # refreshed by a background job
GIVE_UP = (DeadlineExceeded, Rejected, CircuitOpen, TimeoutError, ConnectionError)


class Recommendations:
    def __init__(self, fetch: Fetch, timeout: float = 0.3) -> None:
        self.fetch = fetch
        self.timeout = timeout
        self.breaker = CircuitBreaker("recommendations", failure_threshold=5, reset_after=30)
        self.bulkhead = ConcurrencyLimit("recommendations", limit=10)

    def for_user(self, user_id: int, deadline: Deadline) -> tuple[list[str], bool]:
        """Personal picks, or bestsellers; the flag says which, for the page and for metrics."""
        try:
            timeout = deadline.timeout(self.timeout)
            with self.bulkhead.slot():
                return self.breaker.call(lambda: self.fetch(user_id, timeout)), True
        except GIVE_UP:
            return BESTSELLERS, False
