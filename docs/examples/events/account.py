"""An event-sourced bank account: the events are the record, the balance is derived from them."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    account_id: str
    version: int  # position in this account's stream: 1, 2, 3 ...
    kind: str  # "opened", "deposited" or "withdrawn"
    amount_cents: int = 0


class ConcurrencyConflict(Exception):
    """Someone appended to the stream after we read it: reload and decide again."""


class InsufficientFunds(Exception):
    pass


class EventStore:
    """One append-only stream per account. Nothing is ever updated or deleted."""

    def __init__(self) -> None:
        self._streams: dict[str, list[Event]] = {}
        self.subscribers: list[Callable[[Event], None]] = []

    def load(self, account_id: str) -> list[Event]:
        return list(self._streams.get(account_id, []))

    def append(self, account_id: str, new: list[Event], expected_version: int) -> None:
        stream = self._streams.setdefault(account_id, [])
        if len(stream) != expected_version:
            raise ConcurrencyConflict(
                f"{account_id}: expected version {expected_version}, found {len(stream)}"
            )
        stream.extend(new)
        for event in new:
            for subscriber in self.subscribers:
                subscriber(event)


@dataclass
class Account:
    account_id: str
    version: int = 0
    balance_cents: int = 0

    @classmethod
    def from_events(cls, account_id: str, events: list[Event]) -> "Account":
        """Rebuild the current state by replaying every event in order."""
        account = cls(account_id)
        for event in events:
            account.apply(event)
        return account

    def apply(self, event: Event) -> None:
        if event.kind == "deposited":
            self.balance_cents += event.amount_cents
        elif event.kind == "withdrawn":
            self.balance_cents -= event.amount_cents
        self.version = event.version

    def deposit(self, amount_cents: int) -> list[Event]:
        return [Event(self.account_id, self.version + 1, "deposited", amount_cents)]

    def withdraw(self, amount_cents: int) -> list[Event]:
        """Check the rule against the current state; return the events to record."""
        if amount_cents > self.balance_cents:
            raise InsufficientFunds(f"balance {self.balance_cents}, asked {amount_cents}")
        return [Event(self.account_id, self.version + 1, "withdrawn", amount_cents)]


def withdraw(store: EventStore, account_id: str, amount_cents: int) -> None:
    account = Account.from_events(account_id, store.load(account_id))
    store.append(account_id, account.withdraw(amount_cents), expected_version=account.version)
