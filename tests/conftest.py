"""Shared fixtures: project paths, site builds, golden-file switch."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.project import CHROMIUM as CHROMIUM_PATH
from scripts.project import CHROMIUM_ARGS, PROJECT_PARTS, ROOT, build_env, serve
from scripts.project import copy_project as copy

FIXTURES = Path(__file__).resolve().parent / "fixtures"
__all__ = ["PROJECT_PARTS", "ROOT", "build_env"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current output instead of comparing",
    )
    parser.addoption(
        "--built-site",
        type=Path,
        default=None,
        metavar="DIR",
        help="check this already-built site (e.g. make build's) instead of building one",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def mkdocs_build(
    project: Path, site_dir: Path, config: str = "mkdocs.yml"
) -> subprocess.CompletedProcess[str]:
    """Run a strict build of ``project`` into ``site_dir``; never raises.

    Copies of the project have no git history, so their pages carry no dates.
    """
    env = build_env()
    env["ATLAS_GIT_DATES"] = "true" if (project / ".git").exists() else "false"
    return subprocess.run(
        [
            *(sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"),
            *("--config-file", str(project / config), "--site-dir", str(site_dir)),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def write_exports(project: Path) -> None:
    """The data downloads the site links to (``make exports`` does the same)."""
    from scripts.exports import write_exports as write

    write(project / "data", project / "docs" / "downloads" / "data")


def copy_project(target: Path) -> Path:
    """A throw-away copy of the buildable parts of the project, exports included."""
    copy(target)
    write_exports(target)
    return target


def build_project(site: Path, config: str = "mkdocs.yml") -> Path:
    """Build the real project strictly with ``config`` into ``site``; fail the test if it breaks."""
    write_exports(ROOT)
    result = mkdocs_build(ROOT, site, config=config)
    if result.returncode != 0:
        pytest.fail(f"strict build of {config} failed:\n{result.stderr}", pytrace=False)
    return site


class _MkDocsConfigLoader(yaml.SafeLoader):
    """Reads mkdocs*.yml as plain data: the !ENV and !!python/name tags become None."""


_MkDocsConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def mkdocs_config(name: str = "mkdocs.yml") -> dict[str, Any]:
    text = (ROOT / name).read_text(encoding="utf-8")
    config: dict[str, Any] = yaml.load(text, Loader=_MkDocsConfigLoader)  # noqa: S506
    return config


@pytest.fixture(scope="session")
def built_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The real project, built once per test session with ``--strict``.

    With ``--built-site DIR``, the site already built in DIR instead (the same
    checks on a build made by another Python, for instance).
    """
    given: Path | None = request.config.getoption("--built-site")
    if given is not None:
        if not (given / "index.html").is_file():
            pytest.fail(f"--built-site {given}: no index.html there", pytrace=False)
        yield given.resolve()
        return
    yield build_project(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The offline edition as a reader gets it: built, zipped, unzipped elsewhere.

    Yields the unzipped top folder (the one holding index.html).
    """
    import zipfile

    from scripts.bundle import zip_tree

    work = tmp_path_factory.mktemp("offline")
    build_project(work / "site", "mkdocs-offline.yml")
    archive = work / "backend-atlas-test-html.zip"
    zip_tree(work / "site", archive, "backend-atlas-test")
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(work / "unzipped")
    yield work / "unzipped" / "backend-atlas-test"


# Browser checks drive Debian's Chromium through Playwright; never `playwright install`.
CHROMIUM = Path(CHROMIUM_PATH)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Chromium is missing: apt-get install chromium (.ci/run does)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on a free local port, for browser checks."""
    with serve(built_site, 0) as base:
        yield base


class MacrosEnv:
    """What ``define_env`` touches of mkdocs-macros' env: the project, the config, ``macro``."""

    def __init__(self, **conf: object) -> None:
        self.project_dir = str(ROOT)
        self.conf: dict[str, object] = {"docs_dir": str(ROOT / "docs"), **conf}
        self.macros: dict[str, object] = {}

    def macro(self, function: object, name: str | None = None) -> object:
        self.macros[name or function.__name__] = function  # type: ignore[attr-defined]
        return function
