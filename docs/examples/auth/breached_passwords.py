"""Refuse passwords that appear in known breaches, sending only 5 hex characters of their hash."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

RANGE_URL = "https://api.pwnedpasswords.com/range/{prefix}"

# fetch_range(prefix) returns the service's answer: lines of "SUFFIX:COUNT".
FetchRange = Callable[[str], str]


def times_breached(password: str, fetch_range: FetchRange) -> int:
    digest = hashlib.sha1(password.encode()).hexdigest().upper()  # noqa: S324 (the service's format, not storage)
    prefix, suffix = digest[:5], digest[5:]
    for line in fetch_range(prefix).splitlines():
        candidate, _, count = line.strip().partition(":")
        if candidate == suffix:
            return int(count)
    return 0


def check_new_password(password: str, fetch_range: FetchRange) -> str | None:
    """An error message for the sign-up form, or None if the password is acceptable."""
    if len(password) < 8:
        return "Use at least 8 characters."
    if times_breached(password, fetch_range) > 0:
        return "This password has appeared in a data breach. Please choose another one."
    return None
