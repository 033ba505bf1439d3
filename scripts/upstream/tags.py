"""Release tags: what ls-remote says, version order, and the tags a source names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from macros.models import Source

_VERSION = re.compile(r"(?<![0-9A-Za-z])v?(\d+(?:[._]\d+)*)")


def parse_ls_remote(text: str) -> dict[str, str]:
    """Tag name -> commit, from ``git ls-remote --tags``; a peeled ``^{}`` line wins."""
    tags: dict[str, str] = {}
    peeled: dict[str, str] = {}
    for line in text.splitlines():
        sha, _, ref = line.partition("\t")
        if not ref.startswith("refs/tags/"):
            continue
        name = ref.removeprefix("refs/tags/")
        if name.endswith("^{}"):
            peeled[name.removesuffix("^{}")] = sha
        else:
            tags[name] = sha
    return {name: peeled.get(name, sha) for name, sha in tags.items()}


def version_key(tag: str) -> tuple[int, ...] | None:
    """The first version number in a tag's name (``release-0.1.0`` -> (0, 1, 0)), or
    None when it has none: then it is not a release tag (``latest``, ``July2015``)."""
    match = _VERSION.search(tag)
    return tuple(int(part) for part in re.split(r"[._]", match.group(1))) if match else None


def same_release(tag: str) -> str:
    return tag.strip().lower().removeprefix("v")


def earliest_day(partial: str) -> dt.date:
    """The first day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    year, month, day = (int(part) for part in f"{partial}-01-01".split("-")[:3])
    return dt.date(year, month, day)


_TAG_PAGE = re.compile(
    r"^(?P<repo>https?://[^/]+/[^/]+/[^/]+?)(?:\.git)?(?:/-)?/(?:releases/tag|tree|tags)/"
    r"(?P<tag>[^?#]+?)/?(?:[?#].*)?$"
)
_TAG_IN_WORDS = re.compile(r"\btag\s+([^\s,;:()'\"]+)")


@dataclass(frozen=True)
class NamedTag:
    """A tag that a source of ``first_release`` names, and the repository it is in."""

    repository: str
    tag: str
    source: Source


def same_repository(a: str, b: str) -> bool:
    def key(url: str) -> str:
        return url.strip().lower().rstrip("/").removesuffix(".git")

    return key(a) == key(b)


def named_tags(repository: str, sources: Iterable[Source]) -> list[NamedTag]:
    """The tags the sources of ``first_release`` name: by their address (a tag or tree
    page, ``.../releases/tag/0.1.0``), else in their evidence ("oldest tag v0.1.0")."""
    found: list[NamedTag] = []
    for source in sources:
        if "first_release" not in source.supports:
            continue
        page = _TAG_PAGE.match(str(source.url))
        if page:
            tag = unquote(page["tag"])
            if version_key(tag) is not None:
                found.append(NamedTag(page["repo"], tag, source))
            continue
        for match in _TAG_IN_WORDS.finditer(source.evidence or ""):
            tag = match.group(1).rstrip(".")
            if version_key(tag) is not None:
                found.append(NamedTag(repository, tag, source))
    return found
