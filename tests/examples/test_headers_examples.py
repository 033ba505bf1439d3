"""The security-header examples send exactly what docs/production/security-headers.md says.

The files live in docs/examples/headers; app.py imports security_headers.py by
plain module name, as a reader would run them from one folder. Every request
goes through Starlette's test client: no server, no network.
"""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture
from fastapi.testclient import TestClient

FOLDER = ROOT / "docs" / "examples" / "headers"
MODULES = ("security_headers", "app")
NONCE = re.compile(r"'nonce-([A-Za-z0-9_-]+)'")

FIXED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


examples_on_path = examples_fixture(FOLDER, MODULES)


def https_client(app: Any) -> TestClient:
    return TestClient(app, base_url="https://shop.example")


def nonce_of(policy: str) -> str:
    found = NONCE.findall(policy)
    assert len(found) == 1, f"one nonce expected in {policy!r}"
    return found[0]


async def plain_app(scope: Any, receive: Any, send: Any) -> None:
    """An app that sets one header itself, to check the middleware keeps it."""
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"X-Frame-Options", b"SAMEORIGIN"), (b"content-type", b"text/plain")],
        }
    )
    await send({"type": "http.response.body", "body": b"ok"})


# --- the policy string itself ---


def test_policy_directives_are_exactly_the_ones_the_page_explains() -> None:
    policy = example("security_headers").content_security_policy("abc")
    assert policy == (
        "default-src 'self'; script-src 'self' 'nonce-abc'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_policy_with_reporting_names_both_report_directives() -> None:
    policy = example("security_headers").content_security_policy("abc", "/csp-reports")
    assert policy.endswith("; report-uri /csp-reports; report-to csp")


# --- app.py: every header and value on an HTTPS response ---


def test_https_response_carries_every_header_with_its_value() -> None:
    response = https_client(example("app").app).get("/")
    assert response.status_code == 200
    for name, value in FIXED.items():
        assert response.headers[name] == value, name
    assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    assert "preload" not in response.headers["strict-transport-security"]
    assert response.headers["reporting-endpoints"] == 'csp="/csp-reports"'
    # app.py starts in report-only mode: the policy is reported, not enforced.
    assert "content-security-policy" not in response.headers
    policy = response.headers["content-security-policy-report-only"]
    nonce = nonce_of(policy)
    assert policy == (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; report-uri /csp-reports; report-to csp"
    )


def test_the_page_script_carries_the_nonce_from_its_own_header() -> None:
    response = https_client(example("app").app).get("/")
    nonce = nonce_of(response.headers["content-security-policy-report-only"])
    assert f'<script nonce="{nonce}">' in response.text


def test_each_response_gets_a_fresh_128_bit_nonce() -> None:
    client = https_client(example("app").app)
    nonces = {
        nonce_of(client.get("/").headers["content-security-policy-report-only"]) for _ in range(5)
    }
    assert len(nonces) == 5, "a nonce must never repeat"
    for nonce in nonces:
        assert len(base64.urlsafe_b64decode(nonce + "==")) == 16


def test_error_responses_get_the_headers_too() -> None:
    response = https_client(example("app").app).get("/no-such-page")
    assert response.status_code == 404
    for name, value in FIXED.items():
        assert response.headers[name] == value, name
    assert "strict-transport-security" in response.headers


def test_enforcing_mode_sends_the_real_header_and_no_report_only() -> None:
    middleware = example("security_headers").SecurityHeaders(example("app").api)
    response = https_client(middleware).get("/")
    assert "content-security-policy-report-only" not in response.headers
    assert "reporting-endpoints" not in response.headers
    nonce = nonce_of(response.headers["content-security-policy"])
    assert response.headers["content-security-policy"].endswith("frame-ancestors 'none'")
    assert f'nonce="{nonce}"' in response.text


def test_a_header_the_app_sets_itself_is_kept_not_duplicated() -> None:
    middleware = example("security_headers").SecurityHeaders(plain_app)
    response = https_client(middleware).get("/")
    assert response.headers.get_list("x-frame-options") == ["SAMEORIGIN"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_hsts_options_change_the_header() -> None:
    middleware = example("security_headers").SecurityHeaders(
        plain_app, hsts_max_age=300, include_subdomains=False
    )
    response = https_client(middleware).get("/")
    assert response.headers["strict-transport-security"] == "max-age=300"


# --- plain HTTP: redirected, and never told HSTS ---


def test_plain_http_is_redirected_to_the_same_url_over_https() -> None:
    client = TestClient(example("app").app, base_url="http://shop.example:8080")
    response = client.get("/kettles/7?color=red", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "https://shop.example/kettles/7?color=red"
    assert "strict-transport-security" not in response.headers


def test_a_post_over_http_is_redirected_with_308_so_it_stays_a_post() -> None:
    client = TestClient(example("app").app, base_url="http://shop.example")
    response = client.post("/csp-reports", content=b"{}", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "https://shop.example/csp-reports"


def test_without_redirect_http_gets_the_headers_but_no_hsts() -> None:
    middleware = example("security_headers").SecurityHeaders(plain_app, redirect_http=False)
    response = TestClient(middleware, base_url="http://shop.example").get("/")
    assert response.status_code == 200
    assert "strict-transport-security" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"


def test_csp_reports_are_accepted(caplog: pytest.LogCaptureFixture) -> None:
    response = https_client(example("app").app).post(
        "/csp-reports", json={"csp-report": {"blocked-uri": "inline"}}
    )
    assert response.status_code == 204
    assert "CSP violation" in caplog.text and "blocked-uri" in caplog.text
