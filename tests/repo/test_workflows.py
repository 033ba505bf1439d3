"""GitHub workflows: linted by actionlint and zizmor, pinned, least privilege."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = ROOT / ".venv" / "bin"


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(BIN))
    assert found, f"{name} is not installed: it comes from the lint group of requirements.txt"
    return found


@pytest.mark.tools
def test_actionlint_reports_nothing() -> None:
    result = subprocess.run(
        [tool("actionlint"), "-no-color", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.tools
def test_zizmor_reports_nothing_even_when_pedantic() -> None:
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--persona=pedantic", "--no-progress", str(GITHUB)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def steps(workflow: dict[str, object]) -> list[dict[str, object]]:
    jobs = workflow.get("jobs", {})
    assert isinstance(jobs, dict)
    return [step for job in jobs.values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_pins_actions_and_grants_nothing_by_default(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow.get("permissions") == {}, "start from no permissions; grant per job"
    for line in re.findall(r"uses:\s*(\S+.*)", text):
        if line.startswith(("$/", "./")):  # this repository's own workflow ($/ is GitHub's syntax)
            assert (ROOT / line.split()[0][2:]).is_file(), f"{path.name}: {line} does not exist"
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), (
            f"{path.name}: '{line}' is not pinned to a commit SHA with a version comment"
        )
    for step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


def test_nothing_is_published_unless_the_tests_pass() -> None:
    """A failing test run deploys no site and releases no files."""
    for name, publisher in (("pages.yml", "build"), ("release.yml", "editions")):
        workflow = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
        jobs = workflow["jobs"]
        assert jobs["test"]["uses"] == "$/.github/workflows/ci.yml"
        needs = jobs[publisher]["needs"]
        assert "test" in ([needs] if isinstance(needs, str) else needs)
    pages = yaml.safe_load((GITHUB / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert pages["jobs"]["deploy"]["needs"] == "build"


def test_dependabot_watches_actions_python_and_npm() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert ecosystems == {"github-actions", "pip", "npm"}


@pytest.mark.tools
def test_the_linters_do_catch_a_dangerous_workflow(tmp_path: Path) -> None:
    """Guard against a silent linter: a known-bad workflow must be flagged by both."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    bad = workflows / "bad.yml"
    bad.write_text(
        "on: pull_request_target\n"
        "jobs:\n  greet:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    lint = subprocess.run(
        [tool("actionlint"), "-no-color", str(bad)], capture_output=True, text=True, check=False
    )
    assert lint.returncode != 0
    assert "github.event.pull_request.title" in lint.stdout
    audit = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", str(tmp_path / ".github")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert audit.returncode != 0
    for finding in ("template-injection", "unpinned-uses", "dangerous-triggers"):
        assert finding in audit.stdout, audit.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_pull_request_code_with_secrets(path: Path) -> None:
    """Pull requests run with a read-only token and no secrets; no privileged triggers."""
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get(True, workflow.get("on", {}))  # YAML 1.1 reads `on` as True
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    if "pull_request" in triggers:
        assert "secrets." not in text, f"{path.name} reads a secret on pull requests"
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            writes = [scope for scope, level in granted.items() if level == "write"]
            assert writes == [], f"{path.name}: job {name} can write {writes} on pull requests"
