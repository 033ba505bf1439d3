"""What runs and connects back ends: application servers, message brokers, serverless platforms.

The guide's pages on web servers, queues and serverless compare these; like
every other dataset, each stale-able value needs a source (``sourced_fields``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from .fields import HttpsUrl, Id, ShortText, Spdx, Text, Uses, one_of
from .models import Entry, Hosting, Release

APP_SERVER_INTERFACES: dict[str, str] = {
    "wsgi": "WSGI",
    "asgi": "ASGI",
    "rack": "Rack",
    "fastcgi": "FastCGI",
    "servlet": "Jakarta Servlet",
    "aspnet-core": "ASP.NET Core hosting",
    "node-http": "Node.js HTTP",
    "native": "Its own HTTP server",
}
"""How an application server talks to your code."""
if TYPE_CHECKING:
    AppInterface = str
else:
    AppInterface = one_of(APP_SERVER_INTERFACES)


class AppServer(Entry):
    """A server that runs your application's code: it owns the processes, threads or event loop."""

    sourced_fields: ClassVar[tuple[str, ...]] = ("first_release", "license", "interfaces")
    references: ClassVar[dict[str, str]] = {"languages": "languages"}

    languages: list[Id] = Field(
        min_length=1, description="Ids of the languages it runs, from languages.yml."
    )
    interfaces: list[AppInterface] = Field(
        min_length=1,
        description="How it calls your code: " + ", ".join(APP_SERVER_INTERFACES) + ".",
    )
    concurrency: Text = Field(
        description="How it serves many requests at once: workers, threads, event loop."
    )
    summary: Text = Field(description="One sentence on what it is and when you meet it.")
    first_release: Release | None = Field(default=None, description="The first public release.")
    license: Spdx | None = Field(default=None, description="Its license.")
    repository: HttpsUrl | None = Field(default=None, description="Where its source lives.")
    website: HttpsUrl | None = Field(default=None, description="Its official site.")


BROKER_KINDS: dict[str, str] = {
    "message-queue": "Message queue",
    "log": "Event log (stream)",
    "pub-sub": "Publish-subscribe",
    "task-queue": "Task queue",
}
"""What a broker is built around: queues consumers drain, an append-only log readers replay,
topics that fan out to subscribers, or jobs for workers."""
if TYPE_CHECKING:
    BrokerKind = str
else:
    BrokerKind = one_of(BROKER_KINDS)


class MessageBroker(Entry):
    """A broker or queue that carries messages between parts of a system."""

    sourced_fields: ClassVar[tuple[str, ...]] = (
        "first_release",
        "license",
        "delivery",
        "protocols",
    )

    kind: BrokerKind = Field(
        description="What it is built around: " + ", ".join(BROKER_KINDS) + "."
    )
    protocols: Uses = Field(
        description="Wire protocols and client APIs, e.g. AMQP 0-9-1, MQTT, HTTP."
    )
    delivery: ShortText = Field(
        description="Delivery guarantee as its docs state it, e.g. 'at least once'."
    )
    ordering: ShortText | None = Field(default=None, description="What order messages arrive in.")
    hosting: list[Hosting] = Field(
        min_length=1, description="How you can run it: self-hosted, managed-service."
    )
    summary: Text = Field(description="One sentence on what it is and what sets it apart.")
    first_release: Release | None = Field(default=None, description="The first public release.")
    license: Spdx | None = Field(
        default=None, description="Its license; LicenseRef-Proprietary for closed services."
    )
    repository: HttpsUrl | None = Field(default=None, description="Where its source lives.")
    website: HttpsUrl | None = Field(default=None, description="Its official site.")


SERVERLESS_KINDS: dict[str, str] = {
    "functions": "Functions",
    "edge-functions": "Edge functions",
    "containers": "Serverless containers",
    "backend-as-a-service": "Backend as a service",
}
"""What you hand the platform: a function, a function run near users, a container image, or
nothing but data and rules (a hosted back end)."""
if TYPE_CHECKING:
    ServerlessKind = str
else:
    ServerlessKind = one_of(SERVERLESS_KINDS)


class ServerlessPlatform(Entry):
    """A platform that runs code (or a whole back end) without servers for you to manage."""

    sourced_fields: ClassVar[tuple[str, ...]] = (
        "first_release",
        "license",
        "runtimes",
        "max_duration",
    )

    provider: ShortText = Field(description="Who runs it, e.g. 'Amazon Web Services'.")
    kind: ServerlessKind = Field(
        description="What you deploy: " + ", ".join(SERVERLESS_KINDS) + "."
    )
    runtimes: Uses = Field(description="Languages or runtimes it runs, as its docs list them.")
    max_duration: ShortText | None = Field(
        default=None, description="The longest one invocation may run, e.g. '15 minutes'."
    )
    summary: Text = Field(description="One sentence on what it is and what it is good for.")
    first_release: Release | None = Field(
        default=None, description="When it became public (preview or launch), from the provider."
    )
    license: Spdx | None = Field(
        default=None,
        description="LicenseRef-Proprietary for hosted services; the code's license otherwise.",
    )
    repository: HttpsUrl | None = Field(
        default=None, description="Where its source lives, if open."
    )
    website: HttpsUrl | None = Field(default=None, description="Its official page.")
