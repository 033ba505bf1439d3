"""Run a tool call the model proposed, only if the user may run it themselves.

The model never executes anything: it returns a proposal such as
{"name": "refund_order", "arguments": {"order_id": 42}}. This code decides.
The tool must be on the allow-list, its arguments must have the right names
and types, and the signed-in user must hold the permission the tool needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class User:
    id: int
    permissions: frozenset[str]


@dataclass(frozen=True)
class Tool:
    run: Callable[[User, dict[str, Any]], str]
    permission: str
    arguments: dict[str, type]


class ToolRefused(PermissionError):
    """The proposed call was not run; the reason goes back to the model and the log."""


def order_status(user: User, args: dict[str, Any]) -> str:
    return f"order {args['order_id']} of user {user.id}: shipped"


def refund_order(user: User, args: dict[str, Any]) -> str:
    return f"order {args['order_id']} refunded by user {user.id}"


TOOLS: dict[str, Tool] = {
    "order_status": Tool(order_status, "orders:read", {"order_id": int}),
    "refund_order": Tool(refund_order, "orders:refund", {"order_id": int}),
}


def dispatch(proposal: dict[str, Any], user: User) -> str:
    """The tool's result, run with the user's own permissions, or ToolRefused."""
    name = proposal.get("name")
    tool = TOOLS.get(name) if isinstance(name, str) else None
    if tool is None:
        raise ToolRefused(f"tool {name!r} is not on the allow-list")
    if tool.permission not in user.permissions:
        raise ToolRefused(f"user {user.id} lacks {tool.permission!r} for {name}")
    args = proposal.get("arguments")
    if not isinstance(args, dict) or set(args) != set(tool.arguments):
        raise ToolRefused(f"{name} takes exactly {sorted(tool.arguments)}")
    for arg, kind in tool.arguments.items():
        if type(args[arg]) is not kind:
            raise ToolRefused(f"{name}: {arg} must be {kind.__name__}")
    return tool.run(user, args)
