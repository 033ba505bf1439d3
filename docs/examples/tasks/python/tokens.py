"""Issue and verify short-lived access tokens (JWTs signed with HS256).

The signing secret comes from the JWT_SECRET environment variable; generate
one with:  python -c "import secrets; print(secrets.token_urlsafe(32))"
"""

import os
from datetime import datetime, timedelta, timezone
from typing import Any

import jwt

ALGORITHM = "HS256"
ISSUER = "https://auth.example.com"
AUDIENCE = "https://api.example.com"
LIFETIME = timedelta(minutes=15)


class InvalidTokenError(Exception):
    """The token is expired, altered, signed with another key or meant for another API."""


def _secret() -> str:
    secret = os.environ.get("JWT_SECRET", "")
    if len(secret) < 32:
        raise RuntimeError(
            "Set JWT_SECRET to a random string of at least 32 characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(32))')."
        )
    return secret


def issue_token(
    user_id: str,
    roles: list[str],
    *,
    now: datetime | None = None,
    lifetime: timedelta = LIFETIME,
) -> str:
    issued_at = now or datetime.now(timezone.utc)
    claims = {
        "sub": user_id,
        "roles": roles,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": issued_at,
        "exp": issued_at + lifetime,
    }
    return jwt.encode(claims, _secret(), algorithm=ALGORITHM)


def verify_token(token: str) -> dict[str, Any]:
    """Return the claims of a valid token or raise InvalidTokenError."""
    try:
        return jwt.decode(
            token,
            _secret(),
            # Fixed here, never taken from the token's own header: a token
            # that says "alg": "none" or names another algorithm is refused.
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
    except jwt.InvalidTokenError as error:
        raise InvalidTokenError(str(error)) from error


if __name__ == "__main__":
    token = issue_token("user-1187", ["editor"])
    print(token)  # header.payload.signature, each part base64url-encoded
    print(verify_token(token)["sub"])  # user-1187
