"""Capabilities: what a product gives you, and how (in the box, a package, not at all).

Each dataset with capabilities names its own (``FRAMEWORK_CAPABILITIES``, ...);
a value is a ``Capability``: a level and an optional one-line note. Every value
needs a source whose ``supports`` names it, e.g. ``capabilities.routing``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from .fields import Model, ShortText, one_of

CAPABILITY_LEVELS: dict[str, str] = {
    "built-in": "Built in",
    "official": "Official package",
    "third-party": "Third-party package",
    "none": "Not provided",
}
"""How a product gives you a capability, best first: in the box; in a package its own
project publishes; in a package others publish (the one its docs point to); not at all."""
if TYPE_CHECKING:
    CapabilityLevel = str
else:
    CapabilityLevel = one_of(CAPABILITY_LEVELS)


class Capability(Model):
    """How one product gives you one capability; a bare level is short for ``{level: ...}``."""

    level: CapabilityLevel = Field(
        description="One of: " + "; ".join(f"{k}: {v}" for k, v in CAPABILITY_LEVELS.items())
    )
    note: ShortText | None = Field(
        default=None,
        description="One line where it matters: the package's name, a limit, what is missing.",
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_level(cls, value: object) -> object:
        return {"level": value} if isinstance(value, str) else value


FRAMEWORK_CAPABILITIES: dict[str, str] = {
    "routing": "Routing",
    "validation": "Request validation",
    "data-access": "ORM or data access",
    "migrations": "Schema migrations",
    "authentication": "Authentication",
    "authorization": "Authorization",
    "sessions": "Sessions",
    "templating": "Templating",
    "admin-ui": "Admin UI",
    "background-jobs": "Background jobs",
    "scheduling": "Scheduled tasks",
    "websockets": "WebSockets",
    "openapi": "OpenAPI or schema generation",
    "dependency-injection": "Dependency injection",
    "async-handlers": "Async handlers",
    "test-client": "Test client",
    "scaffolding-cli": "Scaffolding CLI",
}
"""What a web framework can give you, in the order tables and comparisons list them."""
if TYPE_CHECKING:
    FrameworkCapability = str
else:
    FrameworkCapability = one_of(FRAMEWORK_CAPABILITIES)


DATABASE_CAPABILITIES: dict[str, str] = {
    "transactions": "Transactions",
    "replication": "Replication",
    "sharding": "Sharding or partitioning",
    "secondary-indexes": "Secondary indexes",
    "full-text-search": "Full-text search",
    "json-documents": "JSON documents",
    "change-streams": "Change data capture",
    "managed-offerings": "Managed offerings",
}
"""What a database can give you; the note says the scope (e.g. 'multi-document ACID')."""
if TYPE_CHECKING:
    DatabaseCapability = str
else:
    DatabaseCapability = one_of(DATABASE_CAPABILITIES)

SERVER_CAPABILITIES: dict[str, str] = {
    "http2": "HTTP/2",
    "http3": "HTTP/3",
    "automatic-tls": "Automatic TLS (ACME)",
    "reverse-proxy": "Reverse proxy",
    "load-balancing": "Load balancing",
    "hot-reload": "Config reload without downtime",
    "extensions": "Extension mechanism",
}
"""What a web server or proxy can give you; the note names methods, modules or limits."""
if TYPE_CHECKING:
    ServerCapability = str
else:
    ServerCapability = one_of(SERVER_CAPABILITIES)
