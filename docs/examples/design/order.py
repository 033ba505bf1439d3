"""An order aggregate: the root is the only way in, and it keeps the order's rules true.

Invariants, checked before every change is kept:
- each line's quantity is between 1 and MAX_QUANTITY;
- the order's total never exceeds the customer's credit limit;
- a placed order no longer changes, and an empty order cannot be placed.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_QUANTITY = 10


@dataclass(frozen=True)
class Money:
    """A value object: no identity, equal when its values are equal, never modified."""

    cents: int
    currency: str

    def __post_init__(self) -> None:
        if self.cents < 0:
            raise ValueError(f"an amount cannot be negative, got {self.cents} cents")
        if len(self.currency) != 3 or not self.currency.isupper():
            raise ValueError(f"currency must be a code such as 'EUR', got {self.currency!r}")

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.cents + other.cents, self.currency)

    def times(self, quantity: int) -> Money:
        return Money(self.cents * quantity, self.currency)


@dataclass(frozen=True)
class OrderLine:
    sku: str
    quantity: int
    unit_price: Money

    @property
    def subtotal(self) -> Money:
        return self.unit_price.times(self.quantity)


@dataclass(frozen=True)
class OrderPlaced:
    """A domain event: a fact, named in the past tense, that other parts may react to."""

    order_id: str
    customer_id: str
    total: Money


class OrderRuleBroken(Exception):
    """The change would break one of the order's rules; the order is unchanged."""


class Order:
    """The aggregate root: other code reads an order freely but changes it only here."""

    def __init__(self, order_id: str, customer_id: str, credit_limit: Money) -> None:
        self.id = order_id
        self.customer_id = customer_id
        self.credit_limit = credit_limit
        self.placed = False
        self._lines: dict[str, OrderLine] = {}
        self._events: list[OrderPlaced] = []

    @property
    def lines(self) -> tuple[OrderLine, ...]:
        return tuple(self._lines.values())

    @property
    def total(self) -> Money:
        return _total(self._lines, self.credit_limit.currency)

    def add(self, sku: str, quantity: int, unit_price: Money) -> None:
        self._check_open()
        if unit_price.currency != self.credit_limit.currency:
            raise OrderRuleBroken(
                f"{sku}: priced in {unit_price.currency}, order is in {self.credit_limit.currency}"
            )
        lines = dict(self._lines)  # work on a copy; keep it only if every rule holds
        if sku in lines:
            if lines[sku].unit_price != unit_price:
                raise OrderRuleBroken(f"{sku}: already in the order at another price")
            quantity += lines[sku].quantity
        if not 1 <= quantity <= MAX_QUANTITY:
            raise OrderRuleBroken(f"{sku}: quantity must be 1 to {MAX_QUANTITY}, got {quantity}")
        lines[sku] = OrderLine(sku, quantity, unit_price)
        if _total(lines, self.credit_limit.currency).cents > self.credit_limit.cents:
            raise OrderRuleBroken(f"{sku}: the total would exceed the credit limit")
        self._lines = lines

    def remove(self, sku: str) -> None:
        self._check_open()
        if self._lines.pop(sku, None) is None:
            raise OrderRuleBroken(f"{sku}: not in the order")

    def place(self) -> None:
        self._check_open()
        if not self._lines:
            raise OrderRuleBroken("an empty order cannot be placed")
        self.placed = True
        self._events.append(OrderPlaced(self.id, self.customer_id, self.total))

    def pull_events(self) -> list[OrderPlaced]:
        """Hand over the events recorded since the last call, for publishing after saving."""
        events, self._events = self._events, []
        return events

    def _check_open(self) -> None:
        if self.placed:
            raise OrderRuleBroken(f"order {self.id} is placed and can no longer change")


def _total(lines: dict[str, OrderLine], currency: str) -> Money:
    total = Money(0, currency)
    for line in lines.values():
        total = total + line.subtotal
    return total
