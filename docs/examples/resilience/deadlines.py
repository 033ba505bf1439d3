"""A time budget for a whole request, shared by every call the request makes.

A timeout limits one call; a deadline limits the request. Each outbound call
gets the shorter of its own timeout and the time the request has left. The
budget travels to the next service as milliseconds remaining, a duration rather
than a clock time, because two machines' clocks never agree exactly.
"""

import time
from collections.abc import Callable, Mapping

HEADER = "X-Request-Budget-Ms"  # any name your services agree on
Clock = Callable[[], float]


class DeadlineExceeded(Exception):
    """The request has no time left: stop working on it."""


class Deadline:
    def __init__(self, seconds: float, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._expires_at = clock() + seconds

    @classmethod
    def from_headers(
        cls, headers: Mapping[str, str], default: float, clock: Clock = time.monotonic
    ) -> "Deadline":
        """The budget the caller sent, but never more than this service's own default."""
        try:
            seconds = min(default, max(0, int(headers[HEADER])) / 1000)
        except (KeyError, ValueError):  # no budget sent, or not a number
            seconds = default
        return cls(seconds, clock)

    def remaining(self) -> float:
        return max(0.0, self._expires_at - self._clock())

    def timeout(self, cap: float) -> float:
        """The timeout for the next call: its own cap or the time left, whichever is shorter."""
        left = self.remaining()
        if left <= 0:
            raise DeadlineExceeded("no time left for this request")
        return min(cap, left)

    def headers(self) -> dict[str, str]:
        """What to send downstream, so the next service knows its budget."""
        return {HEADER: str(round(self.remaining() * 1000))}
