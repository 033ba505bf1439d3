"""Links that grant one action on one object until they expire.

This is the idea behind pre-signed object storage URLs. The server that holds
the secret signs the method, the object key and an expiry time; whoever holds
the link can do that one thing until the time passes, and changing any part
of it breaks the signature. Real object stores sign more fields (S3's
Signature Version 4 also signs the host, headers and credentials), but check
a link the same way.
"""

import hashlib
import hmac
import time
from collections.abc import Callable
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

MAX_LIFETIME = 15 * 60  # seconds: enough to start a transfer, short if the link leaks


class LinkRejected(Exception):
    """The link has expired, was altered, or is for another action."""


class LinkSigner:
    def __init__(
        self, secret: bytes, base_url: str, clock: Callable[[], float] = time.time
    ) -> None:
        if len(secret) < 32:
            raise ValueError("use a random secret of at least 32 bytes")
        self._secret = secret
        self._base_url = base_url.rstrip("/")
        self._base_path = urlsplit(self._base_url).path + "/"
        self._clock = clock

    def _signature(self, method: str, key: str, expires: int) -> str:
        message = f"{method.upper()}\n{key}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def sign(self, method: str, key: str, lifetime: int) -> str:
        """A link allowing method on key for lifetime seconds from now."""
        if not 0 < lifetime <= MAX_LIFETIME:
            raise ValueError(f"lifetime must be 1 to {MAX_LIFETIME} seconds, not {lifetime}")
        expires = int(self._clock()) + lifetime
        signature = self._signature(method, key, expires)
        query = urlencode({"expires": expires, "signature": signature})
        return f"{self._base_url}/{quote(key)}?{query}"

    def verify(self, method: str, url: str) -> str:
        """The object key the link grants method on, or LinkRejected."""
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        try:
            expires = int(query["expires"][0])
            signature = query["signature"][0]
        except (KeyError, ValueError):
            raise LinkRejected("missing or malformed expires or signature") from None
        if not parts.path.startswith(self._base_path):
            raise LinkRejected("not a link to this store")
        key = unquote(parts.path[len(self._base_path) :])
        expected = self._signature(method, key, expires)
        if not hmac.compare_digest(signature.encode(), expected.encode()):
            raise LinkRejected("signature does not match")
        if self._clock() >= expires:
            raise LinkRejected("link has expired")
        return key
