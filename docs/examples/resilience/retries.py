"""Retry a temporary failure with capped exponential backoff and full jitter.

Use it only for operations that are safe to repeat (idempotent). Any error
other than TransientError is raised at once: retrying a bug or a refusal
such as 400, 404 or 409 only repeats it.
"""

import random
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from deadlines import Deadline

T = TypeVar("T")


class TransientError(Exception):
    """A failure that may pass: a timeout, a dropped connection, a 503 or a 429.

    retry_after is the server's Retry-After header in seconds, when it sent one.
    """

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def backoff_delays(
    retries: int, base: float = 0.1, cap: float = 10.0, rng: random.Random | None = None
) -> Iterator[float]:
    """The wait before each retry: random between 0 and min(cap, base * 2**n)."""
    rng = rng or random.Random()  # noqa: S311 (spreading retries out, not cryptography)
    for n in range(retries):
        yield rng.uniform(0, min(cap, base * 2**n))


def call_with_retries(
    operation: Callable[[], T],
    *,
    attempts: int = 3,
    base: float = 0.1,
    cap: float = 10.0,
    deadline: Deadline | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> T:
    """Run operation, retrying a TransientError until attempts calls have been made."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, not {attempts}")
    for delay in backoff_delays(attempts - 1, base, cap, rng):
        try:
            return operation()
        except TransientError as error:
            wait = max(delay, error.retry_after or 0.0)
            if deadline is not None and wait >= deadline.remaining():
                raise  # no time left to wait and try again
            sleep(wait)
    return operation()  # the last attempt: its error goes to the caller
