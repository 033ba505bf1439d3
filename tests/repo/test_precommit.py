"""pre-commit: the fast checks CI runs, with the locked tools, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

CONFIG = ROOT / ".pre-commit-config.yaml"
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _hooks() -> list[dict[str, object]]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_every_hook_is_local_and_runs_a_locked_tool() -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    for hook in _hooks():
        entry = str(hook["entry"]).split()[0]
        assert entry.startswith(".venv/bin/"), f"{hook['id']} runs {entry}, not a locked tool"
        assert (ROOT / entry).exists(), f"{hook['id']}: {entry} is not installed from the lock"


def test_the_hooks_cover_what_the_issue_asks_for() -> None:
    ids = {str(hook["id"]) for hook in _hooks()}
    assert {"data", "markdownlint", "codespell", "ruff-check", "trailing-whitespace"} <= ids


def _project_copy(target: Path) -> Path:
    """The working tree's files (tracked and new, not ignored) in a fresh git repository."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(ROOT / ".venv")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=target, check=True)
    subprocess.run([*git, "add", "-A"], cwd=target, check=True)
    return target


def _run_all(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files", "--color=never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.tools
def test_pre_commit_is_clean_and_catches_what_it_should(tmp_path: Path) -> None:
    project = _project_copy(tmp_path / "project")
    clean = _run_all(project, tmp_path / "cache")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.count("Passed") == len(_hooks())

    page = project / "docs" / "faq.md"
    typo = "databse"  # codespell:ignore
    page.write_text(page.read_text(encoding="utf-8") + f"\nThe {typo} answers.\n", "utf-8")
    data = project / "data" / "languages.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("typing: static", "typing: statc", 1))
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    broken = _run_all(project, tmp_path / "cache")
    assert broken.returncode == 1
    assert "docs/faq.md" in broken.stdout and f"{typo} ==> database" in broken.stdout
    assert "data/languages.yml:" in broken.stdout and "did you mean 'static'" in broken.stdout
