"""The security-operations examples do what docs/production/ says they do.

find_secrets.py (defending-and-testing.md) must stop a commit that holds a
credential, name the file and line, and never echo the secret. retention.py
(data-protection.md) must delete and pseudonymize exactly by its rules, on a
real SQLite database, and leave everything else alone.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "secops"
MODULES = ("find_secrets", "retention")
NOW = datetime(2026, 12, 1, 3, 0)
SECRET = b"pseudonym-secret-kept-in-the-kms"
# Built from parts so that this test file does not trip a real scanner itself.
AWS_KEY = "AKIA" + "Z" * 16
GITHUB_TOKEN = "ghp_" + "a1B2" * 9

examples_on_path = examples_fixture(FOLDER, MODULES)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        (f"AWS_ACCESS_KEY_ID={AWS_KEY}", "aws-access-key-id"),
        (f'token = "{GITHUB_TOKEN}"', "github-token"),
        ("-----BEGIN RSA PRIVATE KEY-----", "private-key"),
        ("-----BEGIN PRIVATE KEY-----", "private-key"),
        ("DATABASE_URL=postgres://shop:hunter22@db:5432/shop", "password-in-url"),
    ],
)
def test_each_rule_finds_its_secret_and_names_the_line(line: str, rule: str) -> None:
    found = example("find_secrets").scan_text("settings.py", f"DEBUG = False\n{line}\n")
    assert [(f.path, f.line, f.rule) for f in found] == [("settings.py", 2, rule)]


@pytest.mark.parametrize(
    "line",
    [
        "DATABASE_URL=postgres://db:5432/shop",
        "key = os.environ['AWS_ACCESS_KEY_ID']",
        "see https://docs.example/keys",
        f"EXAMPLE_KEY={AWS_KEY}  # secret-scan: allow",
    ],
)
def test_ordinary_and_allowed_lines_pass(line: str) -> None:
    assert example("find_secrets").scan_text("settings.py", line) == []


def test_the_script_fails_the_build_without_printing_the_secret(tmp_path: Path) -> None:
    leaky = tmp_path / "config.env"
    leaky.write_text(f"AWS_ACCESS_KEY_ID={AWS_KEY}\n", encoding="utf-8")
    clean = tmp_path / "app.py"
    clean.write_text("print('hello')\n", encoding="utf-8")
    image = tmp_path / "logo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    script = str(FOLDER / "find_secrets.py")

    failed = subprocess.run(
        [sys.executable, script, str(clean), str(leaky), str(image)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 1
    assert failed.stdout == f"{leaky}:1: aws-access-key-id: remove it and rotate the credential\n"
    assert AWS_KEY not in failed.stdout + failed.stderr

    passed = subprocess.run([sys.executable, script, str(clean)], capture_output=True, check=False)
    assert passed.returncode == 0


def days_ago(days: int) -> str:
    return (NOW - timedelta(days=days)).isoformat()


def shop() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(example("retention").SCHEMA)
    db.executemany(
        "INSERT INTO accounts VALUES (?, ?, ?, ?)",
        [
            (1, "ada@example.org", "Ada", None),  # open
            (2, "bo@example.org", "Bo", days_ago(45)),  # closed long enough ago
            (3, "cy@example.org", "Cy", days_ago(10)),  # closed recently: kept for now
        ],
    )
    db.executemany(
        "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)",
        [
            (10, 1, "Ada", "ada@example.org", 4500, days_ago(200)),
            (11, 2, "Bo", "bo@example.org", 1200, days_ago(300)),
            (12, 2, "Bo", "bo@example.org", 800, days_ago(60)),
            (13, 3, "Cy", "cy@example.org", 2000, days_ago(20)),
        ],
    )
    db.executemany(
        "INSERT INTO login_events VALUES (?, ?, ?, ?)",
        [
            (100, 1, "198.51.100.7", days_ago(120)),  # too old
            (101, 1, "198.51.100.7", days_ago(5)),
            (102, 2, "203.0.113.9", days_ago(50)),  # recent, but the account goes
            (103, 3, "192.0.2.44", days_ago(12)),
        ],
    )
    db.commit()
    return db


def test_purge_deletes_and_pseudonymizes_by_the_rules() -> None:
    retention = example("retention")
    db = shop()

    report = retention.purge(db, NOW, SECRET)

    assert report == retention.PurgeReport(
        login_events_deleted=1, accounts_deleted=1, orders_pseudonymized=2
    )
    assert [r[0] for r in db.execute("SELECT id FROM accounts ORDER BY id")] == [1, 3]
    assert [r[0] for r in db.execute("SELECT id FROM login_events ORDER BY id")] == [101, 103]
    alias = retention.pseudonym(2, SECRET)
    assert db.execute("SELECT * FROM orders ORDER BY id").fetchall() == [
        (10, 1, "Ada", "ada@example.org", 4500, days_ago(200)),
        (11, None, alias, None, 1200, days_ago(300)),
        (12, None, alias, None, 800, days_ago(60)),
        (13, 3, "Cy", "cy@example.org", 2000, days_ago(20)),
    ]
    dump = "\n".join(db.iterdump())
    assert "bo@example.org" not in dump and "203.0.113.9" not in dump


def test_purge_is_safe_to_run_twice() -> None:
    retention = example("retention")
    db = shop()
    retention.purge(db, NOW, SECRET)
    before = list(db.iterdump())

    again = retention.purge(db, NOW, SECRET)

    assert again == retention.PurgeReport(0, 0, 0)
    assert list(db.iterdump()) == before


def test_pseudonyms_depend_on_the_secret() -> None:
    retention = example("retention")
    assert retention.pseudonym(2, SECRET) == retention.pseudonym(2, SECRET)
    assert retention.pseudonym(2, SECRET) != retention.pseudonym(2, b"another secret")
    assert retention.pseudonym(2, SECRET) != retention.pseudonym(3, SECRET)
