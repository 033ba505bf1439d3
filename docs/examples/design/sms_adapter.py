"""Adapter: wrap a vendor's client so the rest of the code sees the interface it already uses."""

from __future__ import annotations

from typing import Protocol


class DeliveryFailed(Exception):
    pass


class Notifier(Protocol):
    """What our code calls, whatever the provider."""

    def send(self, to: str, text: str) -> None: ...


class VendorClient(Protocol):
    """The shape of a (made-up) SMS vendor's SDK: other names, a status dict, no exceptions."""

    def create_message(self, *, recipient: str, body: str) -> dict[str, str]: ...


class SmsNotifier:
    def __init__(self, client: VendorClient) -> None:
        self._client = client

    def send(self, to: str, text: str) -> None:
        phone = to.replace(" ", "")
        if not phone.startswith("+"):
            raise DeliveryFailed(f"{to!r}: phone numbers need a country code, such as +44")
        result = self._client.create_message(recipient=phone, body=text[:160])
        if result.get("status") != "queued":
            raise DeliveryFailed(f"SMS to {phone} refused: {result.get('error', 'no reason')}")
