"""Slow down failed sign-ins per account and per address, without locking anyone out for good."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

BASE_DELAY = 1.0  # seconds of wait after the first free failures
MAX_DELAY = 15 * 60.0  # never make a real user wait longer than this
FREE_FAILURES = 3  # typos are normal: no delay for the first few
ACCOUNT_LIMIT = 100  # consecutive failures before the account needs another way in


@dataclass
class Counter:
    failures: int = 0
    blocked_until: float = 0.0


@dataclass
class LoginThrottle:
    clock: Callable[[], float]
    accounts: dict[str, Counter] = field(default_factory=dict)
    addresses: dict[str, Counter] = field(default_factory=dict)

    def retry_after(self, account: str, address: str) -> float:
        """Seconds the caller must wait before this attempt is even checked (0 = go ahead)."""
        now = self.clock()
        waits = [
            counter.blocked_until - now
            for counter in (self.accounts.get(account), self.addresses.get(address))
            if counter is not None
        ]
        return max([0.0, *waits])

    def needs_reset(self, account: str) -> bool:
        """True once the account has had ACCOUNT_LIMIT failures in a row."""
        counter = self.accounts.get(account)
        return counter is not None and counter.failures >= ACCOUNT_LIMIT

    def record_failure(self, account: str, address: str) -> None:
        now = self.clock()
        for table, key in ((self.accounts, account), (self.addresses, address)):
            counter = table.setdefault(key, Counter())
            counter.failures += 1
            extra = counter.failures - FREE_FAILURES
            if extra > 0:
                delay = min(MAX_DELAY, BASE_DELAY * 2 ** (extra - 1))
                counter.blocked_until = now + delay

    def record_success(self, account: str) -> None:
        # Only the account's count resets: one good password must not clear an address
        # that is trying thousands of other accounts.
        self.accounts.pop(account, None)
