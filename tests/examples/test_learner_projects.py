"""The learner projects' check suite (docs/projects/atlas_check.py) tells right from wrong.

Each stage's reference solution (tests/fixtures/projects) runs on a free local
port and must pass every check of its stage and the stages before it; with one
rule broken on purpose, the suite must fail that rule's check and no other.
The suite runs the way a learner runs it: one command, in its own process.
The pages that specify the projects list exactly the checks the suite makes.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import re
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from conftest import ROOT
from examplefiles import load_file, on_path

from scripts.project import free_port

PROJECTS = ROOT / "docs" / "projects"
CHECKER = PROJECTS / "atlas_check.py"
SERVER = ROOT / "tests" / "fixtures" / "projects" / "reference_server.py"
CHECKS_PER_STAGE = {1: 8, 2: 7, 3: 7, 4: 9}
BROKEN = {1: ("status-validation", "1.8"), 2: ("ownership", "2.7"),
          3: ("stale-cache", "3.5"), 4: ("oversell", "4.7")}  # fmt: skip
RESULT = re.compile(r"^(PASS|FAIL)  (\d\.\d) ", re.MULTILINE)


server_module = load_file(SERVER)
# Cheap password hashing: the checks sign up dozens of users.
sys.modules["reference_app"].SCRYPT_N = 16


@contextlib.contextmanager
def reference(stage: int, broken: str | None = None) -> Iterator[str]:
    """The reference solution of ``stage`` on a free port, stopped when the block ends.

    It runs in a thread of the test process (a second interpreter would add a
    second of start-up to each test); the suite still runs in its own process.
    """
    server = server_module.make_server(stage, 0, broken)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def check(stage: int, base: str, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(CHECKER), "--stage", str(stage), "--base-url", base]
    return subprocess.run(
        [*command, *options], capture_output=True, text=True, timeout=60, check=False
    )


def results(output: str) -> dict[str, str]:
    return {number: verdict for verdict, number in RESULT.findall(output)}


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_the_reference_solution_passes_its_stage_and_the_earlier_ones(stage: int) -> None:
    with reference(stage) as base:
        result = check(stage, base)
    expected = sum(n for s, n in CHECKS_PER_STAGE.items() if s <= stage)
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(results(result.stdout).values()) == ["PASS"] * expected
    assert f"{expected} of {expected} checks passed." in result.stdout


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_a_broken_rule_fails_its_check_and_says_what_was_expected(stage: int) -> None:
    broken, number = BROKEN[stage]
    with reference(stage, broken) as base:
        result = check(stage, base, "--only")
    verdicts = results(result.stdout)
    assert result.returncode == 1, result.stdout + result.stderr
    assert [n for n, verdict in verdicts.items() if verdict == "FAIL"] == [number]
    assert len(verdicts) == CHECKS_PER_STAGE[stage]
    failure = result.stdout.split(f"FAIL  {number}", 1)[1]
    assert "      expected: " in failure and "      received: " in failure


def test_the_suite_says_so_when_no_server_answers() -> None:
    result = check(1, f"http://127.0.0.1:{free_port()}")
    assert result.returncode == 2
    assert "Nothing answers at http://127.0.0.1:" in result.stdout
    assert "Is your server running?" in result.stdout


def test_a_base_url_without_a_scheme_is_refused() -> None:
    result = check(1, "localhost:8000")
    assert result.returncode == 2
    assert "start it with http:// or https://" in result.stderr


def suite() -> list[tuple[str, str]]:
    with on_path(PROJECTS, ("atlas_check", "atlas_check_more")):
        import atlas_check
        import atlas_check_more  # noqa: F401 (registers stages 3 and 4)

        return [(number, name) for number, name, _ in atlas_check.CHECKS]


def test_each_stage_page_lists_exactly_the_checks_of_its_stage() -> None:
    checks = suite()
    assert {n: sum(c[0][0] == str(n) for c in checks) for n in range(1, 5)} == CHECKS_PER_STAGE
    for stage in range(1, 5):
        page = (PROJECTS / f"stage-{stage}.md").read_text(encoding="utf-8")
        listed = re.findall(r"^\| (\d\.\d) \|", page, re.MULTILINE)
        own = [number for number, _ in checks if number.startswith(f"{stage}.")]
        assert listed == own, f"docs/projects/stage-{stage}.md: the table of checks"
        assert f"--stage {stage}" in page, f"stage-{stage}.md shows how to run its checks"
        downloads = ["atlas_check.py"] + (["atlas_check_more.py"] if stage >= 3 else [])
        for name in downloads:
            assert f"]({name})" in page, f"stage-{stage}.md links {name} for download"


def test_an_answer_of_the_wrong_shape_fails_its_check_instead_of_stopping_the_suite(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with on_path(PROJECTS, ("atlas_check", "atlas_check_more")):
        import atlas_check

        def odd(run: object) -> None:
            raise AttributeError("'list' object has no attribute 'get'")

        checks = [("1.9", "a check that meets an odd answer", odd)]
        run = atlas_check.Run("http://127.0.0.1:1", 1, "secret")
        assert atlas_check.run_checks(run, checks) == 1
    printed = capsys.readouterr().out
    assert "FAIL  1.9 a check that meets an odd answer" in printed
    assert "received: AttributeError(\"'list' object has no attribute 'get'\")" in printed


def test_the_signed_webhook_shown_on_the_stage_4_page_is_signed_correctly() -> None:
    page = (PROJECTS / "stage-4.md").read_text(encoding="utf-8")
    example = page.split("POST /webhooks/payments HTTP/1.1\n", 1)[1].split("```", 1)[0]
    signature = re.search(r"^X-Atlas-Signature: sha256=([0-9a-f]{64})$", example, re.MULTILINE)
    body = example.rstrip("\n").rsplit("\n", 1)[1].encode()
    assert signature is not None
    expected = hmac.new(b"atlas-webhook-secret", body, hashlib.sha256).hexdigest()
    assert signature.group(1) == expected, f"stage-4.md: sign {body!r} again"
