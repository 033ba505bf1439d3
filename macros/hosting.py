"""Where a language runs: the application servers and serverless platforms that list it.

The data names languages in two ways: application servers list language ids;
serverless platforms list runtimes as their docs write them ('Node.js', 'Ruby
and PHP', 'OS-only runtime for Go, Rust and other compiled code'). A language
matches a runtime line that contains its name, or its runtime's, as a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Language, Source
from .platforms import APP_SERVER_INTERFACES, AppServer, ServerlessPlatform

IN_A_LIST = {"native": "its own HTTP server"}
"""Interface labels as they read inside a list ('Jetty (Jakarta Servlet, its own ...)')."""

FUNCTION_KINDS = ("functions", "edge-functions")
"""Serverless kinds that run your code as functions (containers run any image)."""


def runtime_names(language: Language) -> tuple[str, ...]:
    """The names a platform may list ``language`` by: its own, and its runtime's.

    ``runtime`` is written to follow the language's name ('on Node.js', so tables
    read 'JavaScript on Node.js'): the words after 'on' name the runtime.
    """
    names = [language.name]
    if language.runtime:
        names.append(language.runtime.removeprefix("on ").rsplit(" on ", 1)[-1].strip())
    return tuple(dict.fromkeys(name for name in names if name))


def _word(name: str) -> re.Pattern[str]:
    # 'Go' but not 'Google', 'Java' but not 'JavaScript', 'C#' and '.NET' as written.
    return re.compile(r"(?<![\w.#+])" + re.escape(name) + r"(?![\w#+])")


@dataclass(frozen=True)
class Listing:
    """A platform or server that runs a language, what it says, and the page that says so."""

    name: str
    says: str
    source: Source | None


def function_platforms(
    language: Language, platforms: Sequence[ServerlessPlatform]
) -> tuple[Listing, ...]:
    """Function platforms whose listed runtimes name ``language`` (or its runtime) as a word."""
    patterns = [_word(name) for name in runtime_names(language)]
    found = []
    for platform in platforms:
        if platform.kind not in FUNCTION_KINDS:
            continue
        line = next((r for r in platform.runtimes if any(p.search(r) for p in patterns)), None)
        if line is not None:
            found.append(Listing(platform.name, line, source_of(platform.sources, "runtimes")))
    return tuple(found)


def container_platforms(platforms: Sequence[ServerlessPlatform]) -> tuple[Listing, ...]:
    """Serverless container platforms: they run an image, whatever its language."""
    return tuple(
        Listing(p.name, "; ".join(p.runtimes), source_of(p.sources, "runtimes"))
        for p in platforms
        if p.kind == "containers"
    )


def app_servers_for(language: Language, servers: Sequence[AppServer]) -> tuple[Listing, ...]:
    """Application servers that list ``language``, with the interfaces they call code through."""
    return tuple(
        Listing(
            server.name,
            ", ".join(IN_A_LIST.get(i, APP_SERVER_INTERFACES[i]) for i in server.interfaces),
            source_of(server.sources, "interfaces"),
        )
        for server in servers
        if language.id in server.languages
    )


def source_of(sources: Sequence[Source], field: str) -> Source | None:
    """The first of ``sources`` that supports ``field``."""
    return next((s for s in sources if field in s.supports), None)
