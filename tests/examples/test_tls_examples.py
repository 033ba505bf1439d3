"""The certificate check in docs/production/tls-certificates.md does what the page says.

A real TLS server runs on 127.0.0.1 in a thread, with the private test chain
in tests/fixtures/tls (a root, an intermediate and a leaf for localhost, valid
until 2126). One server sends the full chain, the other only the leaf: the
missing-intermediate mistake the page describes. Only loopback, no network.
"""

from __future__ import annotations

import contextlib
import importlib.util
import socket
import ssl
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "tls" / "check_certificate.py"
CERTS = ROOT / "tests" / "fixtures" / "tls"
DAY = 86_400


@pytest.fixture(scope="module")
def checker() -> Iterator[ModuleType]:
    name = "atlas_example_tls_check_certificate"
    spec = importlib.util.spec_from_file_location(name, EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(name, None)


@contextlib.contextmanager
def tls_server(chain_file: Path) -> Iterator[int]:
    """Accept TLS handshakes on a free loopback port until the block ends."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain_file, CERTS / "leaf.key")
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection, contextlib.suppress(ssl.SSLError, OSError):
                connection.settimeout(5)
                with context.wrap_socket(connection, server_side=True) as tls:
                    tls.recv(1)  # wait for the client to close

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


@pytest.fixture(scope="module")
def full_chain_port() -> Iterator[int]:
    with tls_server(CERTS / "fullchain.pem") as port:
        yield port


@pytest.fixture(scope="module")
def leaf_only_port() -> Iterator[int]:
    with tls_server(CERTS / "leaf.pem") as port:
        yield port


def trusting_test_root() -> ssl.SSLContext:
    """A client that trusts only the test root, as a browser trusts its root store."""
    return ssl.create_default_context(cafile=CERTS / "root.pem")


def test_full_chain_verifies_and_reports_its_dates(
    checker: ModuleType, full_chain_port: int
) -> None:
    status = checker.check_certificate("localhost", full_chain_port, context=trusting_test_root())
    assert status.host == "localhost"
    assert round(status.lifetime_days) == 36500
    assert 36000 < status.days_left <= 36500
    assert not status.needs_attention


def test_missing_intermediate_fails_verification(checker: ModuleType, leaf_only_port: int) -> None:
    with pytest.raises(ssl.SSLCertVerificationError, match="unable to get local issuer"):
        checker.check_certificate("localhost", leaf_only_port, context=trusting_test_root())


def test_a_name_the_certificate_does_not_cover_fails(
    checker: ModuleType, full_chain_port: int
) -> None:
    with pytest.raises(ssl.SSLCertVerificationError, match="mismatch"):
        checker.check_certificate("127.0.0.1", full_chain_port, context=trusting_test_root())


def test_near_expiry_needs_attention(checker: ModuleType, full_chain_port: int) -> None:
    fresh = checker.check_certificate("localhost", full_chain_port, context=trusting_test_root())
    late = checker.check_certificate(
        "localhost", full_chain_port, context=trusting_test_root(), now=fresh.not_after - 3 * DAY
    )
    assert late.needs_attention
    assert late.days_left == pytest.approx(3)


@pytest.mark.parametrize(
    ("lifetime_days", "days_left", "warn"),
    [
        (90, 30, False),  # certbot renews about here: a third left
        (90, 17, True),  # under a fifth left: renewal has failed
        (45, 10, False),
        (45, 8, True),
        (6.67, 1.2, True),  # six-day certificates scale the same way
    ],
)
def test_the_warning_scales_with_the_certificate_lifetime(
    checker: ModuleType, lifetime_days: float, days_left: float, warn: bool
) -> None:
    issued = 1_000_000.0
    status = checker.CertificateStatus(
        host="shop.example",
        not_before=issued,
        not_after=issued + lifetime_days * DAY,
        checked_at=issued + (lifetime_days - days_left) * DAY,
    )
    assert status.needs_attention is warn


def test_command_line_exit_status(
    checker: ModuleType,
    full_chain_port: int,
    leaf_only_port: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # ssl.create_default_context() reads SSL_CERT_FILE, as OpenSSL tools do.
    monkeypatch.setenv("SSL_CERT_FILE", str(CERTS / "root.pem"))
    assert checker.main([f"localhost:{full_chain_port}"]) == 0
    assert checker.main([f"localhost:{full_chain_port}", f"localhost:{leaf_only_port}"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"OK   localhost:{full_chain_port}: ")
    assert lines[2].startswith(f"FAIL localhost:{leaf_only_port}: ")
    assert "unable to get local issuer certificate" in lines[2]


def test_command_line_warns_when_renewal_is_overdue(
    checker: ModuleType,
    full_chain_port: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(CERTS / "root.pem"))
    not_after = checker.check_certificate("localhost", full_chain_port).not_after
    assert checker.main([f"localhost:{full_chain_port}"], now=not_after - 2 * DAY) == 1
    assert capsys.readouterr().out == (
        f"WARN localhost:{full_chain_port}: 2.0 days left, renewal is overdue\n"
    )
