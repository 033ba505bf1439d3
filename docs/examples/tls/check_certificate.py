"""Check a site's certificate the way a strict client does, and warn before it expires.

Run it from cron or your monitoring system, apart from whatever renews the
certificate, so a renewal that fails quietly still gets noticed:

    python check_certificate.py shop.example.com api.example.com

Exit status 0 means every certificate is valid and has time left; 1 means at
least one needs attention. Standard library only.
"""

from __future__ import annotations

import socket
import ssl
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

DAY = 86_400
# Renewal tools start at about a third of the lifetime left (certbot since 4.0).
# Warn when less than a fifth is left: renewal should have happened by then,
# and there are still days to fix it. A fraction keeps working as lifetimes shrink.
WARN_FRACTION = 1 / 5


@dataclass(frozen=True)
class CertificateStatus:
    host: str
    not_before: float  # seconds since the epoch
    not_after: float
    checked_at: float

    @property
    def lifetime_days(self) -> float:
        return (self.not_after - self.not_before) / DAY

    @property
    def days_left(self) -> float:
        return (self.not_after - self.checked_at) / DAY

    @property
    def needs_attention(self) -> bool:
        return self.days_left < self.lifetime_days * WARN_FRACTION


def check_certificate(
    host: str,
    port: int = 443,
    *,
    context: ssl.SSLContext | None = None,
    timeout: float = 10,
    now: float | None = None,
) -> CertificateStatus:
    """Connect, verify the chain and the name, and report the validity dates.

    Raises ssl.SSLCertVerificationError for an expired certificate, a wrong
    name or an incomplete chain. Python, like curl and most programs that are
    not browsers, does not fetch a missing intermediate for you.
    """
    context = context or ssl.create_default_context()
    with (
        socket.create_connection((host, port), timeout=timeout) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        certificate = tls.getpeercert()
    return CertificateStatus(
        host=host,
        not_before=ssl.cert_time_to_seconds(certificate["notBefore"]),
        not_after=ssl.cert_time_to_seconds(certificate["notAfter"]),
        checked_at=time.time() if now is None else now,
    )


def main(argv: Sequence[str], now: float | None = None) -> int:
    status = 0
    for target in argv:
        host, _, port = target.partition(":")
        try:
            result = check_certificate(host, int(port or 443), now=now)
        except (OSError, ssl.SSLError) as error:  # includes verification failures
            print(f"FAIL {target}: {error}")
            status = 1
            continue
        if result.needs_attention:
            print(f"WARN {target}: {result.days_left:.1f} days left, renewal is overdue")
            status = 1
        else:
            print(f"OK   {target}: {result.days_left:.1f} of {result.lifetime_days:.0f} days left")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
