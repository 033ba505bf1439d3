"""Role-based access control in FastAPI.

401 Unauthorized: no token, or a token that fails verification.
403 Forbidden: a valid token whose roles do not include the one required.
Run with JWT_SECRET set:  fastapi dev roles.py
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from tokens import InvalidTokenError, verify_token

Claims = dict[str, Any]

# auto_error=False lets current_user() decide the status code itself.
bearer = HTTPBearer(auto_error=False)


def current_user(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Claims:
    """Who is calling: the verified claims of the bearer token."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Not authenticated", challenge)
    try:
        return verify_token(credentials.credentials)
    except InvalidTokenError:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Invalid or expired token", challenge
        ) from None


def require_role(role: str) -> Callable[[Claims], Claims]:
    """A dependency that lets the request through only if the caller has `role`."""

    def check(user: Annotated[Claims, Depends(current_user)]) -> Claims:
        if role not in user.get("roles", []):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "Not allowed")
        return user

    return check


app = FastAPI()


@app.get("/me")
def read_me(user: Annotated[Claims, Depends(current_user)]) -> dict[str, Any]:
    return {"user_id": user["sub"], "roles": user["roles"]}


@app.delete("/users/{user_id}")
def delete_user(
    user_id: str, admin: Annotated[Claims, Depends(require_role("admin"))]
) -> dict[str, str]:
    # A real handler would delete the row here and write an audit record.
    return {"deleted": user_id, "deleted_by": admin["sub"]}
