"""Display labels of the enum fields: each kind written once, in the order tables list them.

The keys are the values a data file may hold; models.py turns each mapping into
the Literal type pydantic validates against, and tables show the labels.
"""

from __future__ import annotations

TYPINGS: dict[str, str] = {"static": "Static", "dynamic": "Dynamic"}
"""How a language checks types, and the label tables show."""

FRAMEWORK_KINDS: dict[str, str] = {
    "full-stack-web-framework": "Full-stack web framework",
    "micro-web-framework": "Micro web framework",
    "runtime": "Runtime",
    "orm": "ORM",
    "real-time-library": "Real-time library",
    "ui-framework": "UI framework",
    "actor-framework": "Actor framework",
    "async-runtime": "Async runtime",
    "specification": "Specification",
}
"""Display labels of the framework kinds, in the order tables list them."""

DATABASE_MODELS: dict[str, str] = {
    "relational": "Relational",
    "document": "Document",
    "key-value": "Key-value",
    "wide-column": "Wide-column",
    "graph": "Graph",
    "search": "Search engine",
    "time-series": "Time-series",
    "analytical": "Analytical (columnar)",
}

SERVER_ROLES: dict[str, str] = {
    "web-server": "Web server",
    "reverse-proxy": "Reverse proxy",
    "load-balancer": "Load balancer",
    "api-gateway": "API gateway",
}

TOOL_CATEGORIES: dict[str, str] = {
    "version-control": "Version control",
    "code-hosting": "Code hosting and review",
    "containers": "Containers",
    "orchestration": "Orchestration",
    "ci-cd": "CI/CD",
    "editor": "Editors and IDEs",
    "database-client": "Database clients",
    "api-testing": "API testing",
}
