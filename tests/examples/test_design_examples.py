"""The design examples do what docs/architecture/*.md says they do.

The files live in docs/examples/design and import each other by plain module
name, as a reader would run them from one folder.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "design"
MODULES = ("order", "events", "repository", "shipping", "sms_adapter", "legacy_crm")


examples_on_path = examples_fixture(FOLDER, MODULES)


# --- order.py: the aggregate keeps its invariants ---


def eur(cents: int) -> Any:
    return example("order").Money(cents, "EUR")


def new_order(limit_cents: int = 10_000) -> Any:
    return example("order").Order("o-1", "c-7", credit_limit=eur(limit_cents))


def test_money_is_a_value_compared_by_value_and_never_negative() -> None:
    order = example("order")
    assert order.Money(500, "EUR") == order.Money(500, "EUR")
    assert order.Money(500, "EUR") + order.Money(250, "EUR") == order.Money(750, "EUR")
    with pytest.raises(ValueError, match="negative"):
        order.Money(-1, "EUR")
    with pytest.raises(ValueError, match="cannot add USD to EUR"):
        order.Money(1, "EUR") + order.Money(1, "USD")
    with pytest.raises(AttributeError):
        order.Money(1, "EUR").cents = 2  # type: ignore[misc]


def test_adding_lines_updates_the_total_and_merges_the_same_sku() -> None:
    o = new_order()
    o.add("kettle", 1, eur(2_500))
    o.add("mug", 2, eur(800))
    o.add("mug", 1, eur(800))
    assert [(line.sku, line.quantity) for line in o.lines] == [("kettle", 1), ("mug", 3)]
    assert o.total == eur(4_900)


def test_a_change_over_the_credit_limit_is_refused_and_leaves_the_order_as_it_was() -> None:
    rules = example("order")
    o = new_order(limit_cents=5_000)
    o.add("kettle", 1, eur(2_500))
    with pytest.raises(rules.OrderRuleBroken, match="credit limit"):
        o.add("kettle", 2, eur(2_500))
    assert o.total == eur(2_500)
    assert [(line.sku, line.quantity) for line in o.lines] == [("kettle", 1)]


@pytest.mark.parametrize("quantities", [(0,), (-2,), (6, 5)])
def test_quantities_stay_between_one_and_the_maximum(quantities: tuple[int, ...]) -> None:
    rules = example("order")
    o = new_order(limit_cents=1_000_000)
    with pytest.raises(rules.OrderRuleBroken, match="quantity"):
        for quantity in quantities:
            o.add("mug", quantity, eur(100))
    assert sum(line.quantity for line in o.lines) <= rules.MAX_QUANTITY


def test_prices_must_match_the_order_currency_and_the_earlier_price() -> None:
    rules = example("order")
    o = new_order()
    o.add("mug", 1, eur(800))
    with pytest.raises(rules.OrderRuleBroken, match="another price"):
        o.add("mug", 1, eur(700))
    with pytest.raises(rules.OrderRuleBroken, match="priced in USD"):
        o.add("tea", 1, rules.Money(300, "USD"))


def test_lines_cannot_be_changed_from_outside() -> None:
    o = new_order()
    o.add("mug", 1, eur(800))
    with pytest.raises(AttributeError):
        o.lines.append("anything")
    with pytest.raises(AttributeError):
        o.lines[0].quantity = 99


def test_placing_records_one_event_and_freezes_the_order() -> None:
    rules = example("order")
    o = new_order()
    o.add("kettle", 1, eur(2_500))
    o.place()
    assert o.pull_events() == [rules.OrderPlaced("o-1", "c-7", eur(2_500))]
    assert o.pull_events() == [], "events are handed over once"
    for change in (lambda: o.add("mug", 1, eur(800)), lambda: o.remove("kettle"), o.place):
        with pytest.raises(rules.OrderRuleBroken, match="placed"):
            change()
    assert o.total == eur(2_500)


def test_an_empty_order_cannot_be_placed_and_unknown_lines_cannot_be_removed() -> None:
    rules = example("order")
    o = new_order()
    with pytest.raises(rules.OrderRuleBroken, match="empty"):
        o.place()
    with pytest.raises(rules.OrderRuleBroken, match="not in the order"):
        o.remove("kettle")
    assert o.pull_events() == []


# --- events.py: observer ---


def test_subscribers_get_their_event_type_and_a_failing_one_does_not_stop_the_rest() -> None:
    bus = example("events").EventBus()
    rules = example("order")
    seen: list[str] = []

    def broken(event: Any) -> None:
        raise RuntimeError("mail server down")

    bus.subscribe(rules.OrderPlaced, lambda e: seen.append(f"email {e.order_id}"))
    bus.subscribe(rules.OrderPlaced, broken)
    bus.subscribe(rules.OrderPlaced, lambda e: seen.append(f"reserve {e.order_id}"))
    bus.subscribe(str, lambda e: seen.append("wrong type"))
    failures = bus.publish(rules.OrderPlaced("o-1", "c-7", eur(100)))
    assert seen == ["email o-1", "reserve o-1"]
    assert [str(f) for f in failures] == ["mail server down"]


# --- repository.py: one contract, two stores, injected into the service ---


class FakeMailer:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, to: str, subject: str) -> None:
        self.sent.append((to, subject))


@pytest.fixture(params=["memory", "sqlite"])
def customers(request: pytest.FixtureRequest) -> Iterator[Any]:
    repo = example("repository")
    if request.param == "memory":
        yield repo.InMemoryCustomers()
    else:
        connection = sqlite3.connect(":memory:")
        yield repo.SqliteCustomers(connection)
        connection.close()


def test_both_repositories_keep_the_same_contract(customers: Any) -> None:
    repo = example("repository")
    assert customers.get_by_email("ada@example.com") is None
    customers.add(repo.Customer("c-1", "Ada@Example.com"))
    found = customers.get_by_email("ADA@example.com")
    assert found is not None and found.id == "c-1"


def test_sign_up_uses_whatever_it_is_given(customers: Any) -> None:
    repo = example("repository")
    mailer = FakeMailer()
    sign_up = repo.SignUp(customers, mailer)
    sign_up("c-1", "ada@example.com")
    with pytest.raises(repo.EmailTaken):
        sign_up("c-2", "ADA@example.com")
    assert mailer.sent == [("ada@example.com", "Welcome!")]


# --- shipping.py: strategies chosen by a factory ---


@pytest.mark.parametrize(
    ("config", "weight_g", "total_cents", "price"),
    [
        ({"kind": "flat", "cents": 495}, 12_000, 1_000, 495),
        ({"kind": "by-weight", "base_cents": 300, "per_kg_cents": 150}, 1_000, 0, 450),
        ({"kind": "by-weight", "base_cents": 300, "per_kg_cents": 150}, 1_001, 0, 600),
        (
            {
                "kind": "free-over",
                "threshold_cents": 5_000,
                "otherwise": {"kind": "flat", "cents": 495},
            },
            500,
            5_000,
            0,
        ),
        (
            {
                "kind": "free-over",
                "threshold_cents": 5_000,
                "otherwise": {"kind": "flat", "cents": 495},
            },
            500,
            4_999,
            495,
        ),
    ],
)
def test_the_factory_builds_the_configured_rule(
    config: dict[str, object], weight_g: int, total_cents: int, price: int
) -> None:
    rule = example("shipping").shipping_rule(config)
    assert rule(weight_g, total_cents) == price


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"kind": "drone"}, "unknown kind 'drone'"),
        ({"kind": "flat"}, "cents must be a whole number"),
        ({"kind": "flat", "cents": -5}, "cents must be a whole number"),
        ({"kind": "free-over", "threshold_cents": 100}, "needs an 'otherwise' rule"),
    ],
)
def test_bad_configuration_is_refused_with_a_clear_message(
    config: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        example("shipping").shipping_rule(config)


# --- sms_adapter.py: the vendor's interface, translated ---


class FakeVendor:
    def __init__(self, answer: dict[str, str]) -> None:
        self.answer = answer
        self.calls: list[dict[str, str]] = []

    def create_message(self, *, recipient: str, body: str) -> dict[str, str]:
        self.calls.append({"recipient": recipient, "body": body})
        return self.answer


def test_adapter_translates_the_call_and_the_vendor_status() -> None:
    sms = example("sms_adapter")
    vendor = FakeVendor({"status": "queued"})
    sms.SmsNotifier(vendor).send("+44 20 7946 0000", "x" * 200)
    assert vendor.calls == [{"recipient": "+442079460000", "body": "x" * 160}]
    refused = FakeVendor({"status": "rejected", "error": "number blocked"})
    with pytest.raises(sms.DeliveryFailed, match="number blocked"):
        sms.SmsNotifier(refused).send("+442079460000", "hi")


def test_adapter_refuses_numbers_without_a_country_code_before_calling() -> None:
    sms = example("sms_adapter")
    vendor = FakeVendor({"status": "queued"})
    with pytest.raises(sms.DeliveryFailed, match="country code"):
        sms.SmsNotifier(vendor).send("020 7946 0000", "hi")
    assert vendor.calls == []


# --- legacy_crm.py: anti-corruption layer ---


def test_crm_record_becomes_a_buyer_in_our_terms() -> None:
    crm, rules = example("legacy_crm"), example("order")
    record = {"CUSTNO": " 00417 ", "CUST_STAT": "A", "CRLIM": "1500.00", "CUR": "EUR", "FAX": ""}
    assert crm.buyer_from_crm(record) == crm.Buyer("crm-00417", rules.Money(150_000, "EUR"), True)
    on_hold = {**record, "CUST_STAT": "H"}
    assert crm.buyer_from_crm(on_hold).can_order is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"CUST_STAT": "X"}, "unknown CUST_STAT 'X'"),
        ({"CRLIM": "n/a"}, "CRLIM is not a number"),
        ({"CUSTNO": "  "}, "without CUSTNO"),
    ],
)
def test_unreadable_crm_records_are_stopped_at_the_border(
    change: dict[str, str], message: str
) -> None:
    crm = example("legacy_crm")
    record = {"CUSTNO": "00417", "CUST_STAT": "A", "CRLIM": "1500.00", "CUR": "EUR", **change}
    with pytest.raises(crm.UnreadableRecord, match=message):
        crm.buyer_from_crm(record)
