"""The everyday-task examples do what the pages in docs/tasks/ say they do.

The files live in docs/examples/tasks/python and import each other by plain
module name (roles.py imports tokens.py), exactly as a reader would run them
from one folder. The fixture below puts that folder on sys.path for this module
only and forgets the imported modules afterwards.
"""

from __future__ import annotations

import ast
import base64
import io
import json
import logging
import runpy
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import argon2
import fakeredis
import jwt
import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture
from fastapi.testclient import TestClient

FOLDER = ROOT / "docs" / "examples" / "tasks" / "python"
MODULES = ("passwords", "tokens", "roles", "cached_query", "request_logging")
SIGNING_KEY = "test-only-signing-key-0123456789abcdef"
CHEAP = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}  # fast, for setup only


examples_on_path = examples_fixture(FOLDER, MODULES)


@pytest.fixture(autouse=True)
def jwt_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JWT_SECRET", SIGNING_KEY)


def run_main(name: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    runpy.run_path(str(FOLDER / f"{name}.py"), run_name="__main__")
    return capsys.readouterr().out.splitlines()


# --- passwords.py: Argon2id hashes, salted, upgraded on login ---


def test_same_password_hashes_differently_and_both_verify() -> None:
    passwords = example("passwords")
    first = passwords.hash_password("correct horse battery staple")
    second = passwords.hash_password("correct horse battery staple")
    assert first != second, "each hash needs its own random salt"
    assert first.startswith("$argon2id$")
    assert "correct horse" not in first
    assert passwords.verify_password(second, "correct horse battery staple")


def test_wrong_password_or_garbage_hash_is_rejected_not_raised() -> None:
    passwords = example("passwords")
    stored = argon2.PasswordHasher(**CHEAP).hash("correct horse battery staple")
    assert passwords.verify_password(stored, "Tr0ub4dor&3") is False
    assert passwords.verify_password("not a hash", "anything") is False


def test_log_in_stores_only_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    passwords = example("passwords")
    monkeypatch.setattr(passwords, "hasher", argon2.PasswordHasher(**CHEAP))
    users: dict[str, str] = {}
    passwords.sign_up(users, "ada@example.com", "correct horse battery staple")
    assert "correct horse battery staple" not in users["ada@example.com"]
    assert passwords.log_in(users, "ada@example.com", "correct horse battery staple")
    assert not passwords.log_in(users, "ada@example.com", "Tr0ub4dor&3")
    assert not passwords.log_in(users, "nobody@example.com", "correct horse battery staple")
    assert list(users) == ["ada@example.com"]


def test_login_upgrades_a_hash_made_with_old_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    passwords = example("passwords")
    old_hash = argon2.PasswordHasher(**CHEAP).hash("correct horse battery staple")
    current = argon2.PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    monkeypatch.setattr(passwords, "hasher", current)
    users = {"ada@example.com": old_hash}

    assert not passwords.log_in(users, "ada@example.com", "wrong")
    assert users["ada@example.com"] == old_hash, "a failed login must not rewrite the hash"

    assert passwords.log_in(users, "ada@example.com", "correct horse battery staple")
    upgraded = users["ada@example.com"]
    assert upgraded != old_hash
    assert not current.check_needs_rehash(upgraded)
    assert passwords.log_in(users, "ada@example.com", "correct horse battery staple")
    assert users["ada@example.com"] == upgraded, "an up-to-date hash is left alone"


def test_default_settings_need_no_rehash_and_are_argon2id() -> None:
    passwords = example("passwords")
    assert passwords.hasher.type is argon2.Type.ID
    assert not passwords.hasher.check_needs_rehash(passwords._DUMMY_HASH)


def test_passwords_main_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = argon2.PasswordHasher
    monkeypatch.setattr(argon2, "PasswordHasher", lambda: real(**CHEAP))
    lines = run_main("passwords", capsys)
    assert lines[0].startswith("$argon2id$")
    assert lines[1:] == ["True", "False"]


# --- tokens.py: short-lived HS256 JWTs, checked strictly ---


def claims_of(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_token_round_trip() -> None:
    tokens = example("tokens")
    claims = tokens.verify_token(tokens.issue_token("user-1187", ["editor"]))
    assert claims["sub"] == "user-1187"
    assert claims["roles"] == ["editor"]
    assert claims["iss"] == tokens.ISSUER
    assert claims["aud"] == tokens.AUDIENCE
    assert claims["exp"] - claims["iat"] == tokens.LIFETIME.total_seconds() <= 3600


def test_expired_token_is_rejected() -> None:
    tokens = example("tokens")
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    token = tokens.issue_token("user-1187", ["editor"], now=an_hour_ago)
    with pytest.raises(tokens.InvalidTokenError) as caught:
        tokens.verify_token(token)
    assert isinstance(caught.value.__cause__, jwt.ExpiredSignatureError)


def test_tampered_payload_is_rejected() -> None:
    tokens = example("tokens")
    token = tokens.issue_token("user-1187", ["editor"])
    header, _, signature = token.split(".")
    promoted = {**claims_of(token), "roles": ["admin"]}
    with pytest.raises(tokens.InvalidTokenError):
        tokens.verify_token(f"{header}.{b64(promoted)}.{signature}")


def test_token_signed_with_another_key_is_rejected() -> None:
    tokens = example("tokens")
    claims = claims_of(tokens.issue_token("user-1187", ["editor"]))
    forged = jwt.encode(claims, "another-key-that-is-long-enough-0123456789", algorithm="HS256")
    with pytest.raises(tokens.InvalidTokenError):
        tokens.verify_token(forged)


@pytest.mark.parametrize(
    ("claim", "value"),
    [("aud", "https://billing.example.com"), ("iss", "https://evil.example.net")],
    ids=["another-audience", "another-issuer"],
)
def test_token_for_another_api_or_from_another_issuer_is_rejected(claim: str, value: str) -> None:
    tokens = example("tokens")
    claims = claims_of(tokens.issue_token("user-1187", ["editor"]))
    foreign = jwt.encode({**claims, claim: value}, SIGNING_KEY, algorithm="HS256")
    with pytest.raises(tokens.InvalidTokenError):
        tokens.verify_token(foreign)


def test_unsigned_alg_none_token_is_rejected() -> None:
    tokens = example("tokens")
    claims = claims_of(tokens.issue_token("user-1187", ["admin"]))
    unsigned = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}."
    with pytest.raises(tokens.InvalidTokenError):
        tokens.verify_token(unsigned)


def test_token_without_expiry_is_rejected() -> None:
    tokens = example("tokens")
    claims = claims_of(tokens.issue_token("user-1187", ["editor"]))
    del claims["exp"]
    with pytest.raises(tokens.InvalidTokenError):
        tokens.verify_token(jwt.encode(claims, SIGNING_KEY, algorithm="HS256"))


@pytest.mark.parametrize("value", [None, "too-short"])
def test_missing_or_weak_secret_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    tokens = example("tokens")
    if value is None:
        monkeypatch.delenv("JWT_SECRET")
    else:
        monkeypatch.setenv("JWT_SECRET", value)
    with pytest.raises(RuntimeError, match="JWT_SECRET"):
        tokens.issue_token("user-1187", ["editor"])


def test_tokens_main_runs(capsys: pytest.CaptureFixture[str]) -> None:
    token, subject = run_main("tokens", capsys)
    assert token.count(".") == 2
    assert subject == "user-1187"


# --- roles.py: 401 without a valid token, 403 without the role ---


@pytest.fixture(scope="module")
def roles_client() -> TestClient:
    return TestClient(example("roles").app)


def bearer(*roles: str, **issue: Any) -> dict[str, str]:
    return {
        "Authorization": "Bearer " + example("tokens").issue_token("user-7", list(roles), **issue)
    }


def test_no_token_is_401_with_a_bearer_challenge(roles_client: TestClient) -> None:
    response = roles_client.delete("/users/42")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "authorization",
    ["Bearer not-a-jwt", "Basic dXNlcjpwYXNz", "Bearer"],
    ids=["garbage", "wrong-scheme", "empty"],
)
def test_unusable_credentials_are_401(roles_client: TestClient, authorization: str) -> None:
    response = roles_client.delete("/users/42", headers={"Authorization": authorization})
    assert response.status_code == 401


def test_expired_token_is_401(roles_client: TestClient) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    response = roles_client.get("/me", headers=bearer("admin", now=yesterday))
    assert response.status_code == 401


def test_valid_token_without_the_role_is_403(roles_client: TestClient) -> None:
    headers = bearer("editor")
    assert roles_client.get("/me", headers=headers).status_code == 200
    assert roles_client.delete("/users/42", headers=headers).status_code == 403


def test_admin_is_let_through(roles_client: TestClient) -> None:
    response = roles_client.delete("/users/42", headers=bearer("editor", "admin"))
    assert response.status_code == 200
    assert response.json() == {"deleted": "42", "deleted_by": "user-7"}


# --- cached_query.py: cache-aside with a TTL and invalidation ---


@pytest.fixture
def shop() -> Iterator[tuple[sqlite3.Connection, fakeredis.FakeRedis, list[str]]]:
    cached_query = example("cached_query")
    db = cached_query.create_demo_database()
    selects: list[str] = []
    db.set_trace_callback(lambda sql: selects.append(sql) if sql.startswith("SELECT") else None)
    yield db, fakeredis.FakeRedis(), selects
    db.close()


def test_second_read_within_ttl_skips_the_database(shop: Any) -> None:
    cached_query = example("cached_query")
    db, cache, selects = shop
    first = cached_query.get_product(db, cache, 1)
    second = cached_query.get_product(db, cache, 1)
    assert first == second == {"id": 1, "name": "Desk lamp", "price_cents": 3900}
    assert len(selects) == 1
    assert 0 < cache.ttl(cached_query.cache_key(1)) <= cached_query.TTL_SECONDS


def test_entry_expires_after_its_ttl(shop: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    cached_query = example("cached_query")
    db, cache, selects = shop
    cached_query.get_product(db, cache, 1)
    later = time.time() + cached_query.TTL_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)  # fakeredis reads the clock from here
    assert cache.get(cached_query.cache_key(1)) is None
    cached_query.get_product(db, cache, 1)
    assert len(selects) == 2


def test_update_invalidates_so_the_next_read_is_fresh(shop: Any) -> None:
    cached_query = example("cached_query")
    db, cache, selects = shop
    cached_query.get_product(db, cache, 1)
    cached_query.update_price(db, cache, 1, 3500)
    assert cache.exists(cached_query.cache_key(1)) == 0
    assert cached_query.get_product(db, cache, 1)["price_cents"] == 3500
    assert len(selects) == 2


def test_unknown_product_is_none(shop: Any) -> None:
    db, cache, _ = shop
    assert example("cached_query").get_product(db, cache, 99) is None


def test_cached_query_main_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import redis

    server = fakeredis.FakeRedis()
    monkeypatch.setattr(redis.Redis, "from_url", staticmethod(lambda url: server))
    prices = [ast.literal_eval(line)["price_cents"] for line in run_main("cached_query", capsys)]
    assert prices == [3900, 3900, 3500]


# --- request_logging.py: JSON lines with a request id, safe 500s ---


@pytest.fixture
def logged() -> Iterator[tuple[TestClient, io.StringIO]]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    try:
        module = example("request_logging")  # configures logging on first import
        buffer = io.StringIO()
        module.configure_logging(buffer)
        yield TestClient(module.app), buffer
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])


def lines_of(buffer: io.StringIO) -> list[dict[str, Any]]:
    """The example's own log lines (the test client logs through httpx too)."""
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return [line for line in lines if line["logger"] == "shop"]


def test_every_line_is_json_with_the_generated_request_id(logged: Any) -> None:
    client, buffer = logged
    response = client.get("/orders/42")
    assert response.status_code == 200
    request_id = response.headers["x-request-id"]
    assert len(request_id) == 32
    lines = lines_of(buffer)
    assert [line["message"] for line in lines] == ["order loaded", "request finished"]
    assert {line["request_id"] for line in lines} == {request_id}
    assert lines[0]["order_id"] == 42
    assert lines[1]["status"] == 200 and lines[1]["path"] == "/orders/42"


def test_valid_incoming_request_id_is_kept(logged: Any) -> None:
    client, buffer = logged
    response = client.get("/orders/1", headers={"X-Request-ID": "edge-7f3a9c21"})
    assert response.headers["x-request-id"] == "edge-7f3a9c21"
    assert {line["request_id"] for line in lines_of(buffer)} == {"edge-7f3a9c21"}


@pytest.mark.parametrize("incoming", ['bad"id\nFAKE LOG LINE', "x" * 200, "short"])
def test_invalid_incoming_request_id_is_replaced(logged: Any, incoming: str) -> None:
    client, buffer = logged
    response = client.get("/orders/1", headers={"X-Request-ID": incoming})
    replaced = response.headers["x-request-id"]
    assert replaced != incoming and len(replaced) == 32
    assert {line["request_id"] for line in lines_of(buffer)} == {replaced}


def test_unhandled_error_is_logged_with_the_id_and_hidden_from_the_client(logged: Any) -> None:
    client, buffer = logged
    response = client.get("/reports/daily", headers={"X-Request-ID": "req-500-test"})
    assert response.status_code == 500
    assert response.json() == {"error": "Internal server error", "request_id": "req-500-test"}
    assert "10.0.3.7" not in response.text
    error = next(line for line in lines_of(buffer) if line["level"] == "ERROR")
    assert error["request_id"] == "req-500-test"
    assert "RuntimeError: report store unreachable" in error["exception"]
