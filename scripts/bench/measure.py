"""Timing builds, the live preview and make test, and the benchmark's main loop."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from scripts.bench import (
    EDIT_SECONDS,
    POLL_SECONDS,
    SERVE_EDITS,
    SERVE_PARTS,
    STARTUP_SECONDS,
    VARIANTS,
    BenchError,
)
from scripts.bench.results import (
    BuildResult,
    MakeTestResult,
    Results,
    ServeResult,
    evaluate,
    median_summary,
)
from scripts.bench.variants import (
    Build,
    _tail,
    article_differences,
    mkdocs_build,
    prepare_variants,
    write_exports,
)
from scripts.project import ROOT, build_env, copy_project, free_port, wait_for

# ---------------------------------------------------------------- measuring


def edited_languages(text: str, marker: str) -> str:
    """data/languages.yml with the first entry's typing_notes replaced by ``marker``."""
    edited, count = re.subn(r"^(  typing_notes:).*$", rf"\1 {marker}", text, count=1, flags=re.M)
    if count != 1:
        raise BenchError("data/languages.yml has no typing_notes line to edit")
    return edited


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """End ``process`` and everything it started (its own process group)."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def measure_serve(work: Path, edits: int = SERVE_EDITS) -> ServeResult:
    """Seconds from saving a data edit to the languages page showing it, under ``make serve``.

    ``-o <stamp>`` tells make to treat the venv's install stamp as up to date, so
    the benchmark never reinstalls packages into the shared venv; everything
    else is ``make serve`` as a contributor runs it.
    """
    project = copy_project(work, SERVE_PARTS)
    write_exports(project)
    venv = Path(sys.prefix)
    port = free_port()
    args = [
        *("make", "-o", f"{venv}/.installed-from-lock", "serve"),
        *(f"VENV={venv}", f"PORT={port}", "HOST=127.0.0.1"),
    ]
    log_path = work.parent / "serve.log"
    page = f"http://127.0.0.1:{port}/languages/"
    samples: list[float] = []
    timeouts = 0
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            args,
            cwd=project,
            env=build_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            startup = wait_for(page, 'data-dataset="languages"', STARTUP_SECONDS, POLL_SECONDS)
            if startup is None:
                raise BenchError(
                    f"make serve did not answer on {page} within {STARTUP_SECONDS:.0f} s:\n"
                    + _tail(log_path.read_text(encoding="utf-8", errors="replace"))
                )
            data = project / "data" / "languages.yml"
            for number in range(1, edits + 1):
                marker = f"Bench marker {number} {secrets.token_hex(4)}"
                data.write_text(
                    edited_languages(data.read_text(encoding="utf-8"), marker), encoding="utf-8"
                )
                seconds = wait_for(page, marker, EDIT_SECONDS, POLL_SECONDS)
                if seconds is None:
                    timeouts += 1
                else:
                    samples.append(seconds)
                time.sleep(1.0)  # let the server settle before the next edit
        finally:
            _stop_group(process)
    command = " ".join(args).replace(str(port), "<port>")
    return ServeResult(
        command, round(startup, 3), median_summary(samples) if samples else None, timeouts
    )


def measure_make_test(root: Path = ROOT) -> MakeTestResult:
    start = time.perf_counter()
    result = subprocess.run(
        ["make", "test"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    return MakeTestResult(round(seconds, 2), result.returncode, _tail(result.stdout, 20))


def git_commit(root: Path = ROOT) -> str | None:
    """The checked-out commit, read from .git's files (no git command runs)."""
    git = root / ".git"
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not head.startswith("ref: "):
        return head or None
    ref = head.removeprefix("ref: ")
    try:
        return (git / ref).read_text(encoding="utf-8").strip()
    except OSError:
        pass
    try:
        packed = (git / "packed-refs").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in packed.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] == ref:
            return parts[0]
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "mkdocs_macros_plugin": _version("mkdocs-macros-plugin"),
        "git_commit": git_commit(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run_benchmark(runs: int, make_test: bool, log: Callable[[str], None] = _log) -> Results:
    """Prepare the copies, check them, time them; then make serve and make test."""
    machine = machine_info()
    date = dt.datetime.now(dt.UTC).date().isoformat()
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        work = Path(tmp)
        log("preparing " + ", ".join(VARIANTS))
        projects = prepare_variants(work)
        sites = {name: work / "sites" / name for name in VARIANTS}
        for name in VARIANTS:
            build = mkdocs_build(projects[name][0], sites[name])
            log(f"warm-up {name}: {build.seconds:.2f} s, {projects[name][1]} pages")
        for built, twin in (("base", "static"), ("rows10", "rows10-static")):
            different = article_differences(sites[built], sites[twin])
            if different:
                raise BenchError(
                    f"the {twin} variant's article HTML differs from {built}'s on: "
                    + ", ".join(different)
                )
        samples: dict[str, list[Build]] = {name: [] for name in VARIANTS}
        for number in range(1, runs + 1):
            for name in VARIANTS:
                samples[name].append(mkdocs_build(projects[name][0], sites[name]))
            log(
                f"round {number}/{runs}: "
                + ", ".join(f"{n} {samples[n][-1].seconds:.2f} s" for n in VARIANTS)
            )
        builds = {
            name: BuildResult(
                pages=projects[name][1],
                wall=median_summary([b.seconds for b in samples[name]]),
                reported=median_summary([b.reported for b in samples[name] if b.reported])
                if all(b.reported for b in samples[name])
                else None,
            )
            for name in VARIANTS
        }
        log("make serve: timing data edits")
        serve = measure_serve(work / "serve" / "project")
    make = None
    if make_test:
        log("make test: running the suite once")
        make = measure_make_test()
    return Results(
        date=date,
        machine=machine,
        runs=runs,
        builds=builds,
        serve=serve,
        make_test=make,
        checks=evaluate(builds, serve, make),
    )
