"""API keys end to end: issue, store only a hash, verify, scope, rotate and revoke."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

PREFIX = "atlas_live_"  # makes leaked keys easy to spot in logs and code scanners


def _digest(secret: str) -> str:
    # A fast hash is enough here: the secret is 256 random bits, not a guessable password.
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class StoredKey:
    key_id: str  # public part, shown in dashboards and logs
    owner: str
    scopes: frozenset[str]
    digest: str  # SHA-256 of the secret part; the secret itself is never stored
    created: datetime
    expires: datetime | None = None
    revoked: bool = False
    last_used: datetime | None = None


@dataclass
class KeyStore:
    keys: dict[str, StoredKey] = field(default_factory=dict)

    def issue(
        self, owner: str, scopes: set[str], now: datetime, ttl: timedelta | None = None
    ) -> str:
        """Create a key and return it in full. This is the only time anyone sees it."""
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        expires = now + ttl if ttl else None
        self.keys[key_id] = StoredKey(
            key_id, owner, frozenset(scopes), _digest(secret), now, expires
        )
        return f"{PREFIX}{key_id}_{secret}"

    def verify(self, presented: str, needed_scope: str, now: datetime) -> StoredKey | None:
        """Return the key's record if it is genuine, live and allowed this scope."""
        if not presented.startswith(PREFIX):
            return None
        key_id, _, secret = presented.removeprefix(PREFIX).partition("_")
        stored = self.keys.get(key_id)
        if stored is None or not hmac.compare_digest(stored.digest, _digest(secret)):
            return None
        if stored.revoked or (stored.expires is not None and now >= stored.expires):
            return None
        if needed_scope not in stored.scopes:
            return None
        stored.last_used = now
        return stored

    def rotate(self, key_id: str, now: datetime, overlap: timedelta) -> str:
        """Issue a replacement with the same scopes; the old key keeps working for `overlap`."""
        old = self.keys[key_id]
        new_key = self.issue(old.owner, set(old.scopes), now)
        cutoff = now + overlap
        old.expires = cutoff if old.expires is None else min(old.expires, cutoff)
        return new_key

    def revoke(self, key_id: str) -> None:
        self.keys[key_id].revoked = True
