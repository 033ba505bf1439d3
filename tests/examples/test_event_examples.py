"""The event-sourcing and saga examples do what docs/architecture/events-and-sagas.md says.

account.py rebuilds an account from its events and refuses a write decided on stale state;
balances_view.py keeps a read model that survives redelivered events and can be rebuilt
from the log; place_order.py compensates finished steps, newest first, when a step fails.
"""

from __future__ import annotations

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "events"
MODULES = ("account", "balances_view", "saga", "place_order")


examples_on_path = examples_fixture(FOLDER, MODULES)


def funded_store(account_id: str = "acc-1") -> object:
    account = example("account")
    store = account.EventStore()
    store.append(account_id, [account.Event(account_id, 1, "opened")], expected_version=0)
    store.append(account_id, [account.Event(account_id, 2, "deposited", 10_000)], 1)
    return store


# --- account.py: state is a fold over the events ---


def test_balance_is_rebuilt_from_the_events() -> None:
    account = example("account")
    store = funded_store()
    account.withdraw(store, "acc-1", 2_500)
    rebuilt = account.Account.from_events("acc-1", store.load("acc-1"))
    assert (rebuilt.balance_cents, rebuilt.version) == (7_500, 3)
    assert [e.kind for e in store.load("acc-1")] == ["opened", "deposited", "withdrawn"]


def test_the_rule_is_checked_against_current_state_and_nothing_is_recorded() -> None:
    account = example("account")
    store = funded_store()
    with pytest.raises(account.InsufficientFunds):
        account.withdraw(store, "acc-1", 20_000)
    assert len(store.load("acc-1")) == 2


def test_a_decision_made_on_stale_state_is_refused() -> None:
    account = example("account")
    store = funded_store()
    first = account.Account.from_events("acc-1", store.load("acc-1"))
    second = account.Account.from_events("acc-1", store.load("acc-1"))
    store.append("acc-1", first.withdraw(8_000), expected_version=first.version)
    # The second handler read the same balance of 10,000 and would overdraw the account.
    with pytest.raises(account.ConcurrencyConflict, match="expected version 2, found 3"):
        store.append("acc-1", second.withdraw(8_000), expected_version=second.version)
    assert account.Account.from_events("acc-1", store.load("acc-1")).balance_cents == 2_000


# --- balances_view.py: a read model fed by the events ---


def test_read_model_follows_the_events_and_ignores_redeliveries() -> None:
    account, view_module = example("account"), example("balances_view")
    store, view = account.EventStore(), view_module.BalancesView()
    store.subscribers.append(view.handle)
    for name, cents in (("acc-1", 5_000), ("acc-2", 9_000), ("acc-3", 1_000)):
        store.append(name, [account.Event(name, 1, "deposited", cents)], expected_version=0)
    account.withdraw(store, "acc-2", 6_000)
    for event in store.load("acc-2"):
        view.handle(event)  # at-least-once delivery: the same events again
    assert view.largest(2) == [("acc-1", 5_000), ("acc-2", 3_000)]


def test_read_model_can_be_rebuilt_from_the_log() -> None:
    account, view_module = example("account"), example("balances_view")
    store, live = account.EventStore(), view_module.BalancesView()
    store.subscribers.append(live.handle)
    store.append("acc-9", [account.Event("acc-9", 1, "deposited", 700)], expected_version=0)
    account.withdraw(store, "acc-9", 200)
    rebuilt = view_module.BalancesView()
    for event in store.load("acc-9"):
        rebuilt.handle(event)
    assert rebuilt.balances == live.balances == {"acc-9": 500}


# --- saga.py and place_order.py: compensation, newest first ---


class Shop:
    """Three fake services sharing one record of what happened, failing where told to."""

    def __init__(self, fail: str = "") -> None:
        self.fail = fail
        self.stock = 5
        self.charged: dict[str, int] = {}
        self.shipments: list[str] = []

    def reserve(self, order_id: str, sku: str, quantity: int) -> None:
        self.stock -= quantity

    def release(self, order_id: str) -> None:
        self.stock += 1

    def charge(self, order_id: str, amount_cents: int) -> None:
        if self.fail == "charge":
            raise RuntimeError("card declined")
        self.charged[order_id] = amount_cents

    def refund(self, order_id: str) -> None:
        del self.charged[order_id]

    def schedule(self, order_id: str) -> None:
        if self.fail == "schedule":
            raise TimeoutError("carrier API timed out")
        self.shipments.append(order_id)


def place(shop: Shop, log: list[str]) -> None:
    example("place_order").place_order("ord-8812", "SHOE-42", 8_900, shop, shop, shop, log)


def test_a_saga_that_succeeds_runs_every_step_once() -> None:
    shop, log = Shop(), []
    place(shop, log)
    assert log == ["done reserve stock", "done charge card", "done schedule shipping"]
    assert (shop.stock, shop.charged, shop.shipments) == (4, {"ord-8812": 8_900}, ["ord-8812"])


def test_a_declined_card_releases_the_stock_only() -> None:
    shop, log = Shop(fail="charge"), []
    with pytest.raises(example("saga").SagaFailed, match="charge card"):
        place(shop, log)
    assert log == ["done reserve stock", "failed charge card", "compensated reserve stock"]
    assert (shop.stock, shop.charged) == (5, {})


def test_a_late_failure_compensates_newest_first() -> None:
    shop, log = Shop(fail="schedule"), []
    with pytest.raises(example("saga").SagaFailed):
        place(shop, log)
    assert log[-3:] == [
        "failed schedule shipping",
        "compensated charge card",
        "compensated reserve stock",
    ]
    assert (shop.stock, shop.charged, shop.shipments) == (5, {}, [])
