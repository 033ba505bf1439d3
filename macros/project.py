"""Throw-away copies of the project, for the tests and the benchmark to build.

A copy has no git history, so its pages carry no "last update" dates
(ATLAS_GIT_DATES=false), and the environment matches what `make build` sets.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "CONTRIBUTING.md")
"""What a copy of the project needs to build the site on its own."""


def build_env(**extra: str) -> dict[str, str]:
    """The environment of a build: no MkDocs 2 banner, no bytecode files, no git dates."""
    env = dict(os.environ)
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", ATLAS_GIT_DATES="false")
    env.update(extra)
    return env


def copy_project(target: Path, parts: Sequence[str] = PROJECT_PARTS, root: Path = ROOT) -> Path:
    """Copy ``parts`` of the project into ``target`` (file times kept, caches left out)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = root / part
        if source.is_dir():
            shutil.copytree(
                source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(source, target / part)
    return target
