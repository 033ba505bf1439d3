"""One range of supported Pythons: pyproject.toml states it, everything else agrees.

A README that promised a Python the lock resolved differently for (3.10 got
mkdocs-material 9.7.7, whose asset names the theme did not have) is how a
green build shipped pages without CSS.
"""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def oldest() -> str:
    match = re.fullmatch(r">=(3\.\d+)", PYPROJECT["project"]["requires-python"])
    assert match, "requires-python is '>=3.N': the oldest supported Python, no upper cap"
    return match.group(1)


def supported() -> list[str]:
    """The classifiers' versions, oldest first."""
    prefix = "Programming Language :: Python :: "
    versions = [
        c.removeprefix(prefix)
        for c in PYPROJECT["project"]["classifiers"]
        if re.fullmatch(re.escape(prefix) + r"3\.\d+", c)
    ]
    return sorted(versions, key=lambda v: int(v.split(".")[1]))


def test_the_classifiers_list_every_version_from_the_oldest_supported() -> None:
    versions = supported()
    assert versions[0] == oldest()
    minors = [int(v.split(".")[1]) for v in versions]
    assert minors == list(range(minors[0], minors[-1] + 1)), f"a version is missing: {versions}"


def test_ruff_and_mypy_check_for_the_oldest_supported_python() -> None:
    assert PYPROJECT["tool"]["ruff"]["target-version"] == "py" + oldest().replace(".", "")
    assert PYPROJECT["tool"]["mypy"]["python_version"] == oldest()


def test_the_lock_is_resolved_for_the_supported_pythons_only() -> None:
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert f"--python-version {oldest()} " in lock.splitlines()[1], "run make lock"
    older = re.findall(rf"python_(?:full_)?version < '{re.escape(oldest())}'", lock)
    assert not older, "the lock still holds alternatives for unsupported Pythons: run make lock"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--python-version $(PYTHON_MIN)" in makefile


def test_every_supported_python_installs_the_same_theme() -> None:
    """The theme's hashed asset names change with its version: one version for all."""
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert len(re.findall(r"^mkdocs-material==", lock, re.MULTILINE)) == 1


def test_the_readme_names_the_supported_pythons() -> None:
    versions = supported()
    named = ", ".join(versions[:-1]) + " or " + versions[-1]
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"you need Python {named} and `make`" in readme


def test_ci_builds_on_the_oldest_and_newest_supported_python() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    versions = supported()
    assert workflow["jobs"]["pythons"]["strategy"]["matrix"]["python"] == [
        versions[0],
        versions[-1],
    ]
    default = (ROOT / ".python-version").read_text(encoding="utf-8").strip()
    assert default in versions, ".python-version (the other CI jobs' Python) is not supported"
