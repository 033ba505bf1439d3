"""Typed models of the data files: the single source of truth for their shape.

Every model forbids unknown fields, so a typo in a key is an error, not a value
that silently disappears. Facts that can go stale carry their sources: each
model lists them in ``sourced_fields`` and validation checks that some entry in
``sources`` names each one in its ``supports`` list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import (
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)

from .capability import (
    DATABASE_CAPABILITIES,
    FRAMEWORK_CAPABILITIES,
    SERVER_CAPABILITIES,
    Capability,
    DatabaseCapability,
    FrameworkCapability,
    ServerCapability,
)
from .errors import closest
from .fields import (
    CheckedOn,
    HttpsUrl,
    Id,
    Model,
    PartialDate,
    ShortText,
    Spdx,
    Text,
    Uses,
    one_of,
)
from .labels import DATABASE_MODELS, FRAMEWORK_KINDS, SERVER_ROLES, TOOL_CATEGORIES, TYPINGS


class Source(Model):
    """Where a fact comes from, and when somebody last checked it."""

    url: HttpUrl = Field(description="A page that states the fact; primary sources first.")
    supports: list[Annotated[str, StringConstraints(min_length=1, max_length=40)]] = Field(
        min_length=1, description="The fields of this entry that the page supports."
    )
    accessed: CheckedOn = Field(description="When the page was read, as YYYY-MM-DD.")
    evidence: Text | None = Field(
        default=None,
        description="What the page shows, so a reviewer can check it in a minute: for a first "
        "release the oldest release tag and its date (e.g. 'tag 0.0.1, 2010-01-03') or the "
        "announcement's title and date; for a license the file and what it says.",
    )


class Release(Model):
    """A first public release (not 1.0): the oldest release tag, or the project's own
    dated announcement where there are no tags; its source names the evidence."""

    date: PartialDate
    version: ShortText = Field(description="What was released, e.g. 'Go 1' or '0.1.0'.")


class Entry(Model):
    """Fields shared by every entry of every dataset."""

    sourced_fields: ClassVar[tuple[str, ...]] = ()
    """Fields whose facts can go stale: each needs a source that supports it."""
    references: ClassVar[dict[str, str]] = {}
    """Fields that hold the id of an entry in another dataset: field -> dataset."""

    id: Id
    name: ShortText = Field(description="The name as the project itself writes it.")
    sources: list[Source] = Field(
        default_factory=list, description="Sources for the facts that can go stale."
    )
    reviewed: CheckedOn = Field(description="When a person last checked the whole entry.")

    @model_validator(mode="after")
    def _sources_cover_stale_facts(self) -> Entry:
        known = set(type(self).model_fields) - {"sources", "reviewed"}
        capabilities: dict[str, Capability] = getattr(self, "capabilities", {})
        known |= {f"capabilities.{key}" for key in capabilities}
        for index, source in enumerate(self.sources):
            for name in source.supports:
                if name not in known:
                    close = closest(name, known)
                    hint = f"did you mean '{close}'? " if close else ""
                    raise ValueError(
                        f"sources[{index}].supports names '{name}', which is not a field "
                        f"of this entry: {hint}(fields: {', '.join(sorted(known))})"
                    )
        covered = {name for source in self.sources for name in source.supports}
        missing = [
            name
            for name in self.sourced_fields
            if getattr(self, name, None) is not None and name not in covered
        ]
        missing += [
            f"capabilities.{key}" for key in capabilities if f"capabilities.{key}" not in covered
        ]
        if missing:
            raise ValueError(
                f"no source supports {', '.join(missing)}: add a source whose "
                f"'supports' lists {', '.join(repr(m) for m in missing)}"
            )
        if getattr(self, "first_release", None) is not None and not any(
            source.evidence for source in self.sources if "first_release" in source.supports
        ):
            raise ValueError(
                "no source of first_release says what it shows: add 'evidence' to it, e.g. "
                "'oldest release tag v0.1.0, 2010-01-03' or the announcement's title and date"
            )
        return self


class DatedFact(Model):
    """A fact that holds at a date, with the page that states it."""

    as_of: PartialDate = Field(description="When the source says the fact held.")
    source: HttpUrl = Field(description="The page that states it; the company's own first.")
    publisher: ShortText = Field(description="Who published the source, e.g. 'W3Techs'.")
    accessed: CheckedOn = Field(description="When the page was read, as YYYY-MM-DD.")


class NotableUser(DatedFact):
    """An organization that runs (or ran) a language in production, as it says itself."""

    organization: ShortText = Field(description="The organization, e.g. 'Instagram'.")
    statement: Text = Field(
        description="What it runs, in our own words, as precise as the source: "
        "'serves its web traffic with Django', not 'uses Python'."
    )


class UsageShare(DatedFact):
    """A measured share of use, e.g. of websites; the figure moves, so keep each reading."""

    percent: Annotated[float, Field(ge=0, le=100, description="The share, 0 to 100.")]
    population: ShortText = Field(
        description="What the share is of, e.g. 'websites whose server-side language is known'."
    )


if TYPE_CHECKING:
    Typing = str
else:
    Typing = one_of(TYPINGS)


class Language(Entry):
    """A programming language as used on the server."""

    sourced_fields: ClassVar[tuple[str, ...]] = ("first_release",)

    runtime: ShortText | None = Field(
        default=None, description="The server-side runtime, where it differs from the language."
    )
    primary_uses: list[ShortText] = Field(
        min_length=1, max_length=6, description="What teams mostly build with it on the server."
    )
    execution: Text = Field(description="How code runs: compiled, interpreted, JIT, VM.")
    performance: Text = Field(description="What that means for speed, memory and start-up.")
    concurrency: Text = Field(description="How it handles many requests at once.")
    typing: Typing = Field(
        description="static: types checked before the program runs; "
        "dynamic: values carry types that are checked while it runs."
    )
    typing_notes: Text = Field(description="Optional annotations, checkers, strictness.")
    first_release: Release | None = Field(
        default=None,
        description="The first public release; leave out if no primary source dates it.",
    )
    notable_users: list[NotableUser] = Field(
        default_factory=list,
        max_length=8,
        description="Organizations that say, in their own publications, that they run it.",
    )
    web_share: list[UsageShare] = Field(
        default_factory=list,
        description="Readings of its share of websites, oldest first; each with its source.",
    )

    @model_validator(mode="after")
    def _readings_in_order(self) -> Language:
        dates = [reading.as_of for reading in self.web_share]
        if dates != sorted(dates):
            raise ValueError("web_share: list the readings oldest first (by as_of)")
        return self


if TYPE_CHECKING:
    FrameworkKind = str
else:
    FrameworkKind = one_of(FRAMEWORK_KINDS)


class Framework(Entry):
    """A framework, runtime or library that back-end code is built on."""

    sourced_fields: ClassVar[tuple[str, ...]] = ("first_release", "license")
    references: ClassVar[dict[str, str]] = {"language": "languages"}

    language: Id = Field(description="The id of its language in languages.yml.")
    kind: FrameworkKind = Field(
        description="What it is: "
        + "; ".join(f"{key}: {label}" for key, label in FRAMEWORK_KINDS.items())
    )
    summary: Text = Field(description="One sentence, in our own words, on what it is for.")
    first_release: Release | None = Field(
        default=None, description="The first public release; leave out if no source says."
    )
    license: Spdx | None = Field(default=None, description="Its current license.")
    repository: HttpsUrl | None = Field(default=None, description="Where its source lives.")
    website: HttpsUrl | None = Field(default=None, description="Its official site.")
    capabilities: dict[FrameworkCapability, Capability] = Field(
        default_factory=dict,
        description="What it gives you, for web frameworks: "
        + ", ".join(FRAMEWORK_CAPABILITIES)
        + ". Each value needs a source whose 'supports' names it, e.g. 'capabilities.routing'.",
    )


if TYPE_CHECKING:
    DatabaseModel = str
else:
    DatabaseModel = one_of(DATABASE_MODELS)

Hosting = Literal["self-hosted", "managed-service", "embedded"]


class Database(Entry):
    """A database system."""

    sourced_fields: ClassVar[tuple[str, ...]] = ("first_release", "license")

    model: DatabaseModel = Field(
        description="Its data model family: " + ", ".join(DATABASE_MODELS) + "."
    )
    query_language: ShortText = Field(description="How applications ask it for data.")
    summary: Text = Field(description="One sentence on what it is and what sets it apart.")
    strengths: Uses = Field(description="What it does well.")
    typical_uses: Uses = Field(description="What teams use it for.")
    hosting: list[Hosting] = Field(
        min_length=1,
        description="How you can run it: self-hosted, managed-service (a cloud "
        "provider runs it) or embedded (a library inside your program).",
    )
    first_release: Release | None = Field(default=None, description="The first public release.")
    license: Spdx | None = Field(
        default=None, description="Its license; LicenseRef-Proprietary for closed products."
    )
    repository: HttpsUrl | None = Field(default=None, description="Where its source lives.")
    website: HttpsUrl | None = Field(default=None, description="Its official site.")
    capabilities: dict[DatabaseCapability, Capability] = Field(
        default_factory=dict,
        description="What it gives you: "
        + ", ".join(DATABASE_CAPABILITIES)
        + ". Each value needs a source whose 'supports' names it: 'capabilities.replication'.",
    )


if TYPE_CHECKING:
    ServerRole = str
else:
    ServerRole = one_of(SERVER_ROLES)


class WebServer(Entry):
    """A web server, reverse proxy or load balancer."""

    sourced_fields: ClassVar[tuple[str, ...]] = ("first_release", "license")

    roles: list[ServerRole] = Field(
        min_length=1, description="What it is used as: " + ", ".join(SERVER_ROLES) + "."
    )
    architecture: Text = Field(description="How it handles connections (processes, events...).")
    platforms: Uses = Field(description="Operating systems it runs on.")
    summary: Text = Field(description="One sentence on what it is and where it shines.")
    strengths: Uses = Field(description="What it does well.")
    first_release: Release | None = Field(default=None, description="The first public release.")
    license: Spdx | None = Field(default=None, description="Its license.")
    repository: HttpsUrl | None = Field(default=None, description="Where its source lives.")
    website: HttpsUrl | None = Field(default=None, description="Its official site.")
    capabilities: dict[ServerCapability, Capability] = Field(
        default_factory=dict,
        description="What it gives you: "
        + ", ".join(SERVER_CAPABILITIES)
        + ". Each value needs a source whose 'supports' names it, e.g. 'capabilities.http2'.",
    )


class ApiStyle(Entry):
    """A way for programs to talk to a back end."""

    sourced_fields: ClassVar[tuple[str, ...]] = ("origin",)

    transport: ShortText = Field(description="What carries the messages, e.g. HTTP/2.")
    payload: ShortText = Field(description="The format of the messages, e.g. JSON.")
    contract: ShortText = Field(description="How the interface is described, e.g. OpenAPI.")
    summary: Text = Field(description="One sentence on how it works.")
    origin: Text | None = Field(default=None, description="Who created it and when.")
    strengths: Uses = Field(description="What it does well.")
    weaknesses: Uses = Field(description="What it makes harder.")
    typical_uses: Uses = Field(description="Where it is usually chosen.")


class Architecture(Entry):
    """A way to structure a back end."""

    summary: Text = Field(description="One sentence on what it is.")
    deployment_unit: ShortText = Field(description="What gets deployed, e.g. one application.")
    scaling: Text = Field(description="How it grows with load.")
    strengths: Uses = Field(description="What it makes easy.")
    trade_offs: Uses = Field(description="What it costs.")
    good_fit: Text = Field(description="When to choose it.")
    examples: list[ShortText] = Field(
        default_factory=list, max_length=6, description="Products or platforms that embody it."
    )


if TYPE_CHECKING:
    ToolCategory = str
else:
    ToolCategory = one_of(TOOL_CATEGORIES)


class Tool(Entry):
    """A tool back-end developers use every day."""

    sourced_fields: ClassVar[tuple[str, ...]] = ("first_release", "license")

    category: ToolCategory = Field(description="One of: " + ", ".join(TOOL_CATEGORIES) + ".")
    summary: Text = Field(description="One sentence on what it does for you.")
    first_release: Release | None = Field(default=None, description="The first public release.")
    license: Spdx | None = Field(
        default=None, description="Its license; LicenseRef-Proprietary for closed products."
    )
    repository: HttpsUrl | None = Field(default=None, description="Where its source lives.")
    website: HttpsUrl | None = Field(default=None, description="Its official site.")


class GlossaryTerm(Entry):
    """A term a newcomer meets in the guide; also the source of its tooltips."""

    references: ClassVar[dict[str, str]] = {"see_also": "glossary"}

    expansion: ShortText | None = Field(
        default=None, description="What an abbreviation stands for, e.g. for API."
    )
    definition: Text = Field(description="A plain-words definition, one or two sentences.")
    see_also: list[Id] = Field(
        default_factory=list, max_length=6, description="Ids of related glossary terms."
    )
    proper_name: bool = Field(
        default=False, description="A name with its capital mid-sentence too (Redis, Docker)."
    )
