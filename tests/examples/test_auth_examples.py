"""The sign-in examples do what docs/tasks/sign-in-defenses.md and api-keys-and-sso.md say.

TOTP is checked against the published test vectors: RFC 4226 Appendix D (HOTP) and
RFC 6238 Appendix B (TOTP, 8 digits). The SHA-256 and SHA-512 seeds are the 32- and
64-byte ASCII strings of the RFC's reference code in Appendix A. Time is always passed
in, so every test is instant and deterministic; nothing touches the network.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "auth"
MODULES = ("totp", "api_keys", "login_throttle", "breached_passwords")


examples_on_path = examples_fixture(FOLDER, MODULES)


# --- TOTP and HOTP against the RFC test vectors ---

SEED_SHA1 = b"12345678901234567890"
SEED_SHA256 = b"12345678901234567890123456789012"
SEED_SHA512 = SEED_SHA1 * 3 + b"1234"
SEEDS = {"sha1": SEED_SHA1, "sha256": SEED_SHA256, "sha512": SEED_SHA512}

# RFC 4226 Appendix D: counters 0 to 9, six digits, SHA-1.
HOTP_VECTORS = [
    "755224", "287082", "359152", "969429", "338314",
    "254676", "287922", "162583", "399871", "520489",
]  # fmt: skip

# RFC 6238 Appendix B: (Unix time, TOTP, mode), eight digits, 30-second steps.
TOTP_VECTORS = [
    (59, "94287082", "sha1"),
    (59, "46119246", "sha256"),
    (59, "90693936", "sha512"),
    (1111111109, "07081804", "sha1"),
    (1111111109, "68084774", "sha256"),
    (1111111109, "25091201", "sha512"),
    (1111111111, "14050471", "sha1"),
    (1111111111, "67062674", "sha256"),
    (1111111111, "99943326", "sha512"),
    (1234567890, "89005924", "sha1"),
    (1234567890, "91819424", "sha256"),
    (1234567890, "93441116", "sha512"),
    (2000000000, "69279037", "sha1"),
    (2000000000, "90698825", "sha256"),
    (2000000000, "38618901", "sha512"),
    (20000000000, "65353130", "sha1"),
    (20000000000, "77737706", "sha256"),
    (20000000000, "47863826", "sha512"),
]


def test_seeds_have_the_lengths_the_rfc_gives() -> None:
    assert [len(s) for s in SEEDS.values()] == [20, 32, 64]


@pytest.mark.parametrize(("counter", "expected"), list(enumerate(HOTP_VECTORS)))
def test_hotp_matches_rfc4226_appendix_d(counter: int, expected: str) -> None:
    assert example("totp").hotp(SEED_SHA1, counter) == expected


@pytest.mark.parametrize(("at", "expected", "mode"), TOTP_VECTORS)
def test_totp_matches_rfc6238_appendix_b(at: int, expected: str, mode: str) -> None:
    assert example("totp").totp(SEEDS[mode], at, digits=8, algorithm=mode) == expected


def test_verifier_accepts_a_code_from_the_neighboring_step_once() -> None:
    totp = example("totp")
    secret = totp.new_secret()
    key = totp.decode_secret(secret)
    verifier = totp.TotpVerifier(secret)
    code = totp.totp(key, 1_000_000 - 30)  # typed just before the step changed
    assert verifier.verify(code, at=1_000_000)
    assert not verifier.verify(code, at=1_000_001), "a used code must not work twice"


def test_verifier_refuses_old_codes_and_wrong_codes() -> None:
    totp = example("totp")
    secret = totp.new_secret()
    key = totp.decode_secret(secret)
    verifier = totp.TotpVerifier(secret)
    assert not verifier.verify(totp.totp(key, 1_000_000 - 90), at=1_000_000)
    wrong = "000000" if totp.totp(key, 1_000_000) != "000000" else "111111"
    assert not verifier.verify(wrong, at=1_000_000)


def test_secret_and_provisioning_uri_round_trip() -> None:
    totp = example("totp")
    secret = totp.new_secret()
    assert len(totp.decode_secret(secret)) == 20
    uri = totp.provisioning_uri(secret, "ada@example.com", "Atlas")
    assert uri.startswith("otpauth://totp/Atlas%3Aada%40example.com?")
    assert f"secret={secret}" in uri and "issuer=Atlas" in uri


# --- API keys ---

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_issued_key_verifies_and_only_its_hash_is_stored() -> None:
    api_keys = example("api_keys")
    store = api_keys.KeyStore()
    key = store.issue("acme", {"invoices:read"}, NOW)
    assert key.startswith(api_keys.PREFIX)
    record = store.verify(key, "invoices:read", NOW)
    assert record is not None and record.owner == "acme" and record.last_used == NOW
    secret = key.removeprefix(api_keys.PREFIX).split("_", 1)[1]
    assert secret not in repr(store.keys)
    assert record.digest == hashlib.sha256(secret.encode()).hexdigest()


def test_wrong_secret_unknown_id_and_missing_scope_are_refused() -> None:
    api_keys = example("api_keys")
    store = api_keys.KeyStore()
    key = store.issue("acme", {"invoices:read"}, NOW)
    assert store.verify(key[:-1] + ("A" if key[-1] != "A" else "B"), "invoices:read", NOW) is None
    assert store.verify(api_keys.PREFIX + "000000000000_x", "invoices:read", NOW) is None
    assert store.verify("not-a-key", "invoices:read", NOW) is None
    assert store.verify(key, "invoices:write", NOW) is None


def test_rotation_overlaps_then_the_old_key_stops() -> None:
    api_keys = example("api_keys")
    store = api_keys.KeyStore()
    old = store.issue("acme", {"invoices:read"}, NOW)
    old_id = old.removeprefix(api_keys.PREFIX).split("_")[0]
    new = store.rotate(old_id, NOW, overlap=timedelta(days=7))
    later = NOW + timedelta(days=3)
    assert store.verify(old, "invoices:read", later) is not None
    assert store.verify(new, "invoices:read", later) is not None
    after = NOW + timedelta(days=8)
    assert store.verify(old, "invoices:read", after) is None
    assert store.verify(new, "invoices:read", after) is not None


def test_rotation_never_extends_a_key_that_expires_sooner() -> None:
    api_keys = example("api_keys")
    store = api_keys.KeyStore()
    old = store.issue("acme", {"invoices:read"}, NOW, ttl=timedelta(days=2))
    old_id = old.removeprefix(api_keys.PREFIX).split("_")[0]
    store.rotate(old_id, NOW, overlap=timedelta(days=7))
    assert store.verify(old, "invoices:read", NOW + timedelta(days=3)) is None


def test_revoked_and_expired_keys_are_refused() -> None:
    api_keys = example("api_keys")
    store = api_keys.KeyStore()
    key = store.issue("acme", {"reports:read"}, NOW, ttl=timedelta(days=90))
    key_id = key.removeprefix(api_keys.PREFIX).split("_")[0]
    assert store.verify(key, "reports:read", NOW + timedelta(days=91)) is None
    assert store.verify(key, "reports:read", NOW) is not None
    store.revoke(key_id)
    assert store.verify(key, "reports:read", NOW) is None


# --- Failed sign-in throttle ---


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_first_failures_are_free_then_waits_double() -> None:
    clock = Clock()
    throttle = example("login_throttle").LoginThrottle(clock)
    waits = []
    for _ in range(6):
        throttle.record_failure("ada", "203.0.113.5")
        waits.append(throttle.retry_after("ada", "203.0.113.5"))
    assert waits == [0.0, 0.0, 0.0, 1.0, 2.0, 4.0]


def test_wait_is_capped_and_expires() -> None:
    clock = Clock()
    module = example("login_throttle")
    throttle = module.LoginThrottle(clock)
    for _ in range(40):
        throttle.record_failure("ada", "203.0.113.5")
    assert throttle.retry_after("ada", "203.0.113.5") == module.MAX_DELAY
    clock.now += module.MAX_DELAY
    assert throttle.retry_after("ada", "203.0.113.5") == 0.0


def test_one_address_spraying_many_accounts_is_slowed() -> None:
    clock = Clock()
    throttle = example("login_throttle").LoginThrottle(clock)
    for n in range(10):
        throttle.record_failure(f"user{n}", "198.51.100.7")
    assert throttle.retry_after("user99", "198.51.100.7") > 0
    assert throttle.retry_after("user99", "192.0.2.1") == 0.0


def test_success_resets_the_account_but_not_the_address() -> None:
    clock = Clock()
    throttle = example("login_throttle").LoginThrottle(clock)
    for _ in range(5):
        throttle.record_failure("ada", "198.51.100.7")
    throttle.record_success("ada")
    assert throttle.retry_after("ada", "192.0.2.1") == 0.0
    assert throttle.retry_after("ada", "198.51.100.7") > 0


def test_account_needs_reset_after_the_limit() -> None:
    clock = Clock()
    module = example("login_throttle")
    throttle = module.LoginThrottle(clock)
    for n in range(module.ACCOUNT_LIMIT):
        assert not throttle.needs_reset("ada")
        throttle.record_failure("ada", f"10.0.{n // 250}.{n % 250}")
    assert throttle.needs_reset("ada")


# --- Breached-password check (k-anonymity range query, faked) ---


def fake_range(known: dict[str, int]) -> tuple[list[str], object]:
    asked: list[str] = []

    def fetch(prefix: str) -> str:
        asked.append(prefix)
        lines = []
        for password, count in known.items():
            digest = hashlib.sha1(password.encode()).hexdigest().upper()  # noqa: S324
            if digest.startswith(prefix):
                lines.append(f"{digest[5:]}:{count}")
        lines.append("0" * 35 + ":3")
        return "\r\n".join(lines)

    return asked, fetch


def test_breached_password_is_refused_and_only_five_characters_leave() -> None:
    module = example("breached_passwords")
    asked, fetch = fake_range({"P@ssw0rd": 52_000})
    assert module.times_breached("P@ssw0rd", fetch) == 52_000
    assert asked == [hashlib.sha1(b"P@ssw0rd").hexdigest().upper()[:5]]  # noqa: S324
    assert module.check_new_password("P@ssw0rd", fetch) is not None


def test_unbreached_long_password_is_accepted() -> None:
    module = example("breached_passwords")
    _, fetch = fake_range({"P@ssw0rd": 52_000})
    assert module.check_new_password("correct horse battery staple", fetch) is None
    assert module.check_new_password("short", fetch) == "Use at least 8 characters."
