"""Placing an order across three services as a saga. The order ID travels with every call
as an idempotency key, so a retried step or compensation takes effect only once."""

from typing import Protocol

from saga import Step, run_saga


class Inventory(Protocol):
    def reserve(self, order_id: str, sku: str, quantity: int) -> None: ...
    def release(self, order_id: str) -> None: ...


class Payments(Protocol):
    def charge(self, order_id: str, amount_cents: int) -> None: ...
    def refund(self, order_id: str) -> None: ...


class Shipping(Protocol):
    def schedule(self, order_id: str) -> None: ...


def place_order(
    order_id: str,
    sku: str,
    amount_cents: int,
    inventory: Inventory,
    payments: Payments,
    shipping: Shipping,
    log: list[str],
) -> None:
    run_saga(
        [
            Step(
                "reserve stock",
                lambda: inventory.reserve(order_id, sku, 1),
                lambda: inventory.release(order_id),
            ),
            Step(
                "charge card",
                lambda: payments.charge(order_id, amount_cents),
                lambda: payments.refund(order_id),
            ),
            Step("schedule shipping", lambda: shipping.schedule(order_id)),
        ],
        log,
    )
