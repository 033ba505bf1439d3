"""Throw-away copies of the project, and a local server for a built site.

The tests and the benchmark build copies. A copy has no git history, so its
pages carry no "last update" dates (ATLAS_GIT_DATES=false), and the
environment matches what `make build` sets. The browser checks and Lighthouse
load a built site from ``serve``, compressed the way the host sends it.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "CONTRIBUTING.md")
"""What a copy of the project needs to build the site on its own."""
# Debian's Chromium, driven headless (Playwright, Lighthouse, the PDF); never a
# browser download. Elsewhere (a GitHub runner has Google Chrome) CHROMIUM names it.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""How Chromium starts here: no sandbox as root, and no call home."""
COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
"""Files a host sends gzip-compressed (GitHub Pages does for these)."""


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


class _CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text, like the hosts the site is published on."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> io.BytesIO | object | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path, port: int) -> Iterator[str]:
    handler = functools.partial(_CompressingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A port on the loopback address that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, wanted: str, seconds: float, every: float = 0.05) -> float | None:
    """Seconds until ``url`` answers with ``wanted`` in its body, or None after ``seconds``."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local pages)
                if response.status == 200 and wanted in response.read().decode("utf-8"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(every)
    return None
