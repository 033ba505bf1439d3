"""Security response headers on every response, as plain ASGI middleware.

It wraps any ASGI application (FastAPI, Starlette, Django's ASGI app) and
needs nothing beyond the standard library:

    app = SecurityHeaders(app, report_only=True, report_to="/csp-reports")
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import quote

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ONE_YEAR = 31_536_000  # seconds

# The same on every response, whatever the page.
FIXED_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def content_security_policy(nonce: str, report_to: str | None = None) -> str:
    """The policy for one response. Inline scripts run only with this nonce."""
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
    if report_to:
        # report-uri for older browsers; browsers that know report-to ignore it.
        directives += [f"report-uri {report_to}", "report-to csp"]
    return "; ".join(directives)


class SecurityHeaders:
    """Adds the headers to each HTTP response the wrapped app sends.

    A header the app has already set on a response is left alone, so one
    route can relax a rule (say, allow framing) without changing the rest.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        hsts_max_age: int = ONE_YEAR,
        include_subdomains: bool = True,
        report_only: bool = False,
        report_to: str | None = None,
        redirect_http: bool = True,
    ) -> None:
        self.app = app
        self.hsts = f"max-age={hsts_max_age}"
        if include_subdomains:
            self.hsts += "; includeSubDomains"
        self.csp_header = (
            "content-security-policy-report-only" if report_only else "content-security-policy"
        )
        self.report_to = report_to
        self.redirect_http = redirect_http

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # websocket and lifespan pass through
            await self.app(scope, receive, send)
            return
        secure = scope.get("scheme", "http") == "https"
        if not secure and self.redirect_http:
            await redirect_to_https(scope, send)
            return

        nonce = secrets.token_urlsafe(16)  # 16 random bytes: 128 bits
        # Handlers and templates read it as request.state.csp_nonce.
        scope.setdefault("state", {})["csp_nonce"] = nonce
        wanted = dict(FIXED_HEADERS)
        wanted[self.csp_header] = content_security_policy(nonce, self.report_to)
        if self.report_to:
            wanted["reporting-endpoints"] = f'csp="{self.report_to}"'
        if secure:  # RFC 6797: never send HSTS over plain HTTP
            wanted["strict-transport-security"] = self.hsts

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {bytes(name).lower() for name, _ in headers}
                for name, value in wanted.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def redirect_to_https(scope: Scope, send: Send) -> None:
    """308 to the same URL over HTTPS; unlike 301, 308 keeps a POST a POST."""
    host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
    if not host:
        await send({"type": "http.response.start", "status": 400, "headers": []})
        await send({"type": "http.response.body", "body": b"missing Host header"})
        return
    path = scope.get("raw_path") or quote(scope["path"]).encode()
    target = "https://" + re.sub(r":\d+$", "", host) + path.decode("latin-1")  # drop any port
    if scope.get("query_string"):
        target += "?" + scope["query_string"].decode("latin-1")
    await send(
        {
            "type": "http.response.start",
            "status": 308,
            "headers": [(b"location", target.encode("latin-1")), (b"content-length", b"0")],
        }
    )
    await send({"type": "http.response.body", "body": b""})
