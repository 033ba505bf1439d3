"""Anti-corruption layer: translate the old CRM's records at the border, so its terms stay there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from order import Money

# The CRM's one-letter statuses, in the ordering context's terms: may this buyer order?
CAN_ORDER = {"A": True, "H": False, "C": False}  # active, on hold, closed


@dataclass(frozen=True)
class Buyer:
    """A customer as the ordering context sees one: nothing else from the CRM gets in."""

    id: str
    credit_limit: Money
    can_order: bool


class UnreadableRecord(ValueError):
    pass


def buyer_from_crm(record: Mapping[str, str]) -> Buyer:
    number = record.get("CUSTNO", "").strip()
    status = record.get("CUST_STAT", "").strip()
    if not number:
        raise UnreadableRecord("CRM record without CUSTNO")
    if status not in CAN_ORDER:
        raise UnreadableRecord(f"CRM customer {number}: unknown CUST_STAT {status!r}")
    try:
        limit = Decimal(record.get("CRLIM", ""))  # "1500.00", in the currency CUR names
    except InvalidOperation:
        raise UnreadableRecord(f"CRM customer {number}: CRLIM is not a number") from None
    return Buyer(
        id=f"crm-{number}",
        credit_limit=Money(int(limit * 100), record.get("CUR", "").strip()),
        can_order=CAN_ORDER[status],
    )
