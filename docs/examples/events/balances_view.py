"""A CQRS read model: a balances table kept up to date from the account events."""

from account import Event


class BalancesView:
    def __init__(self) -> None:
        self.balances: dict[str, int] = {}
        self._seen: dict[str, int] = {}  # last version applied per account

    def handle(self, event: Event) -> None:
        """Apply one event; a redelivered or older event is ignored."""
        if event.version <= self._seen.get(event.account_id, 0):
            return
        change = {"deposited": 1, "withdrawn": -1}.get(event.kind, 0) * event.amount_cents
        self.balances[event.account_id] = self.balances.get(event.account_id, 0) + change
        self._seen[event.account_id] = event.version

    def largest(self, count: int) -> list[tuple[str, int]]:
        """A query the write side cannot answer without replaying every account."""
        return sorted(self.balances.items(), key=lambda item: -item[1])[:count]
