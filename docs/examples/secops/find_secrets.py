"""Fail the build when a file about to be committed holds something that looks like a secret.

Run with:  python find_secrets.py $(git diff --cached --name-only)
It prints one line per finding (file, line, rule) and exits with 1 if there is
any, so a pre-commit hook or a CI step stops there. It never prints the secret
itself: the CI log would leak it a second time.
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

RULES = {
    "aws-access-key-id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "github-token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "private-key": re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"),
    "password-in-url": re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s:@]{3,}@"),
}
ALLOW_MARK = "secret-scan: allow"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: remove it and rotate the credential"


def scan_text(path: str, text: str) -> list[Finding]:
    """Every line that matches a rule, unless the line says it is a known example."""
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        if ALLOW_MARK in line:
            continue
        for rule, pattern in RULES.items():
            if pattern.search(line):
                findings.append(Finding(path, number, rule))
    return findings


def main(paths: list[str]) -> int:
    findings = []
    for name in paths:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue  # binary or deleted files
        findings += scan_text(name, text)
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
