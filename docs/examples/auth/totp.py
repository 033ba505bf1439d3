"""Time-based one-time passwords (RFC 6238) on top of HOTP (RFC 4226), standard library only."""

from __future__ import annotations

import base64
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

DIGITS = 6
STEP = 30  # seconds per time step (RFC 6238's default X)
DRIFT_STEPS = 1  # accept the previous and next step too, for clock drift and typing time


def hotp(key: bytes, counter: int, digits: int = DIGITS, algorithm: str = "sha1") -> str:
    """RFC 4226: HMAC the 8-byte counter, then 'dynamic truncation' to a short number."""
    mac = hmac.new(key, struct.pack(">Q", counter), algorithm).digest()
    offset = mac[-1] & 0x0F
    code = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(code % 10**digits).zfill(digits)


def totp(key: bytes, at: float, digits: int = DIGITS, algorithm: str = "sha1") -> str:
    """RFC 6238: HOTP where the counter is the number of STEP-second steps since 1970."""
    return hotp(key, int(at // STEP), digits, algorithm)


def new_secret() -> str:
    """A 160-bit random key, base32-encoded the way authenticator apps expect it."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def decode_secret(secret: str) -> bytes:
    padding = "=" * (-len(secret) % 8)
    return base64.b32decode(secret.upper() + padding)


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The otpauth:// link that enrollment shows as a QR code."""
    label = quote(f"{issuer}:{account}")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": STEP})
    return f"otpauth://totp/{label}?{query}"


class TotpVerifier:
    """Checks codes for one user and refuses to accept the same time step twice."""

    def __init__(self, secret: str, last_used_step: int = -1) -> None:
        self._key = decode_secret(secret)
        self.last_used_step = last_used_step  # persist this with the user's record

    def verify(self, code: str, at: float | None = None) -> bool:
        now = time.time() if at is None else at
        current = int(now // STEP)
        for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
            if step <= self.last_used_step:
                continue  # already used, or older than a code already used: a replay
            if hmac.compare_digest(hotp(self._key, step), code):
                self.last_used_step = step
                return True
        return False
