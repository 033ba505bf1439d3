"""The network, behind an interface: ``Remote``, and ``GitRemote`` that asks git."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeVar

from scripts.upstream.licenses import is_license_file
from scripts.upstream.tags import parse_ls_remote

CANDIDATES = 5
"""How many release tags (lowest version numbers first) are dated per repository."""
TIMEOUT = 120.0
"""Seconds one git command may take before its repository counts as unreachable."""
WORKERS = 4
"""Repositories asked at the same time."""


class RemoteError(Exception):
    """The upstream did not answer (a missing repository, a timeout, a refused fetch)."""


class Remote(Protocol):
    def tags(self, url: str) -> Mapping[str, str]:
        """Tag name -> the commit it points at."""
        ...

    def tag_dates(self, url: str, tags: Sequence[str]) -> Mapping[str, dt.date]:
        """Tag name -> the date of its commit."""
        ...

    def license_files(self, url: str) -> Mapping[str, str]:
        """File name -> text of the license files at the root of the default branch."""
        ...


def _git_env() -> dict[str, str]:
    # Never wait for a password a missing repository asks for; errors in English.
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def _address(url: str) -> str:
    if url.startswith("-"):  # git would read it as an option
        raise RemoteError(f"{url!r} is not a repository address")
    return url


class GitRemote:
    """``Remote`` as git answers it: ls-remote, and shallow, filtered fetches into a
    scratch repository that is deleted afterwards. Nothing is cloned."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout

    def _git(self, *args: str, cwd: str | None = None) -> str:
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=cwd,
                env=_git_env(),
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RemoteError(f"git {args[0]} took over {self.timeout:.0f} s") from None
        if done.returncode:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            # The first fatal line says why ("repository ... not found"); later ones, how.
            fatal = [line.strip() for line in lines if "fatal:" in line]
            raise RemoteError((fatal or lines or [f"git {args[0]} failed"])[0])
        return done.stdout.decode("utf-8", "replace")

    def _scratch(self, directory: str, url: str, filter_: str, *refs: str) -> None:
        """Fetch ``refs`` of ``url`` into a new bare repository at ``directory``."""
        self._git("-c", "init.defaultBranch=main", "init", "--quiet", "--bare", directory)
        fetch = ("fetch", "--quiet", "--no-tags", "--depth=1", f"--filter={filter_}")
        self._git(*fetch, _address(url), *refs, cwd=directory)

    def tags(self, url: str) -> Mapping[str, str]:
        return parse_ls_remote(self._git("ls-remote", "--tags", _address(url)))

    def tag_dates(self, url: str, tags: Sequence[str]) -> Mapping[str, dt.date]:
        with tempfile.TemporaryDirectory(prefix="upstream-tags-") as scratch:
            self._scratch(scratch, url, "tree:0", *(f"refs/tags/{t}:refs/tags/{t}" for t in tags))
            return {
                tag: dt.date.fromisoformat(
                    self._git("log", "-1", "--format=%cs", f"refs/tags/{tag}", cwd=scratch).strip()
                )
                for tag in tags
            }

    def license_files(self, url: str) -> Mapping[str, str]:
        with tempfile.TemporaryDirectory(prefix="upstream-license-") as scratch:
            self._scratch(scratch, url, "blob:none", "HEAD")
            listing = self._git("ls-tree", "-z", "FETCH_HEAD", cwd=scratch)
            files = {}
            for item in filter(None, listing.split("\0")):
                meta, _, name = item.partition("\t")
                mode, kind, oid = meta.split()
                if kind == "blob" and mode != "120000" and is_license_file(name):
                    files[name] = self._git("cat-file", "blob", oid, cwd=scratch)
            return dict(sorted(files.items(), key=lambda item: (len(item[0]), item[0])))


T = TypeVar("T")


class Memo:
    """A ``Remote`` that asks each question once, whichever thread asks (several entries
    share a repository); a failure is remembered too."""

    def __init__(self, remote: Remote) -> None:
        self.remote = remote
        self._lock = threading.Lock()
        self._keys: dict[tuple[str, ...], threading.Lock] = {}
        self._answers: dict[tuple[str, ...], object] = {}

    def _once(self, key: tuple[str, ...], ask: Callable[[], T]) -> T:
        with self._lock:
            lock = self._keys.setdefault(key, threading.Lock())
        with lock:
            if key not in self._answers:
                try:
                    self._answers[key] = ask()
                except RemoteError as error:
                    self._answers[key] = error
        answer = self._answers[key]
        if isinstance(answer, RemoteError):
            raise answer
        return answer  # type: ignore[return-value]

    def tags(self, url: str) -> Mapping[str, str]:
        return self._once(("tags", url), lambda: self.remote.tags(url))

    def tag_dates(self, url: str, tags: Sequence[str]) -> Mapping[str, dt.date]:
        return self._once(("dates", url, *tags), lambda: self.remote.tag_dates(url, tags))

    def license_files(self, url: str) -> Mapping[str, str]:
        return self._once(("license", url), lambda: self.remote.license_files(url))
