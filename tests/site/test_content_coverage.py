"""The guide covers every sub-topic the content brief names (../shared/content-brief.md).

Each topic maps to the pages that teach it and the phrases a reader would look
for there; deleting a section that teaches one of them fails this test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitecheck import parse

TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # topic: (pages, phrases; each phrase is a case-insensitive regular expression)
    "1 what back-end development is": (
        ("basics/what-is-backend",),
        (r"application logic", r"data storage", r"server configuration", r"\bAPIs?\b",
         r"log(ging)? in", r"form", r"purchase|checkout", r"engine", r"dashboard"),
    ),
    "2 how a request is served": (
        ("basics/request-lifecycle", "basics/http"),
        (r"\bDNS\b", r"routing|router", r"validat", r"business rules", r"authenticat",
         r"database quer", r"error handling|errors?\b", r"latenc|milliseconds",
         r"\bGET\b", r"\bPOST\b", r"status codes?", r"headers?", r"cookies?", r"stateless"),
    ),
    "3 languages": (
        ("languages", "languages/profiles", "languages/choosing"),
        (r"Node\.js", r"Python", r"Java\b", r"PHP", r"C#", r"Ruby", r"\bGo\b", r"Rust",
         r"concurrency", r"typing|typed", r"first release", r"goroutines?",
         r"single (statically linked )?binary",
         r"Instagram", r"Netflix", r"Shopify", r"WordPress", r"websites"),
    ),
    "4 frameworks": (
        ("frameworks", "frameworks/profiles", "frameworks/first-endpoint"),
        (r"routing", r"authentication", r"sessions?", r"templates?|templating", r"admin",
         r"schedule|scheduling", r"generate|generation|generator", r"batteries",
         r"Django", r"Flask", r"FastAPI", r"Express", r"NestJS",
         r"Fastify", r"Spring Boot", r"Laravel", r"Symfony", r"Rails", r"ASP\.NET Core",
         r"\bGin\b", r"\bEcho\b", r"Fiber", r"Actix Web", r"Axum", r"runtime",
         r"Entity Framework", r"SignalR", r"Blazor", r"Orleans", r"Tokio", r"Jakarta EE"),
    ),
    "5 databases": (
        ("databases", "databases/relational", "databases/nosql",
         "databases/orms-and-performance"),
        (r"MySQL", r"PostgreSQL", r"SQL Server", r"Oracle", r"SQLite", r"MongoDB", r"CouchDB",
         r"Redis", r"DynamoDB", r"Cassandra", r"HBase", r"Neo4j", r"document", r"key-value",
         r"wide-column", r"graph", r"Active Record", r"Eloquent", r"Entity Framework",
         r"Hibernate", r"SQLAlchemy", r"Django ORM", r"connection pool", r"index",
         r"query plan|EXPLAIN", r"transaction", r"ACID"),
    ),
    "6 APIs": (
        ("apis", "apis/rest", "apis/graphql", "apis/soap-grpc-websockets", "apis/gateways"),
        (r"\bREST\b", r"stateless", r"JSON", r"resources?", r"GraphQL", r"Facebook",
         r"over-fetch", r"\bSOAP\b", r"envelope", r"WSDL", r"bank", r"gRPC", r"WebSockets?",
         r"\bfetch\b", r"gateway", r"rate limit", r"authenticat"),
    ),
    "7 web servers": (
        ("web-servers", "web-servers/servers-compared", "web-servers/proxies-and-load-balancers"),
        (r"Apache", r"1995", r"module|modular", r"Nginx", r"event-driven",
         r"thousands of connections|many connections",
         r"\bIIS\b", r"Windows", r"\.NET", r"static", r"dynamic", r"reverse proxy",
         r"load balancer", r"high availability"),
    ),
    "8 architecture": (
        ("architecture", "architecture/monolith-and-microservices",
         "architecture/serverless-and-baas", "architecture/scaling"),
        (r"monolith", r"microservices", r"serverless", r"AWS Lambda",
         r"Google Cloud (Run )?Functions|Cloud Run functions", r"Azure Functions",
         r"Backend as a Service", r"horizontal", r"vertical", r"trade-offs?"),
    ),
    "9 roles": (
        ("career",),
        (r"front-end developer", r"back-end developer", r"full-stack"),
    ),
    "10 skills": (
        ("career/skills",),
        (r"\bSQL\b", r"API design", r"\bGit\b", r"Linux|command line", r"Docker",
         r"problem solving|under pressure", r"communicat", r"debugging distributed|distributed",
         r"documentation"),
    ),
    "11 tools": (
        ("tools", "tools/git-and-code-review", "tools/containers-and-ci", "tools/daily-tools"),
        (r"\bGit\b", r"GitHub", r"GitLab", r"Bitbucket", r"code review", r"Docker",
         r"Kubernetes", r"Jenkins", r"GitHub Actions", r"GitLab CI", r"CircleCI",
         r"IDE|editor", r"database client|psql|DBeaver", r"Postman"),
    ),
    "12 everyday tasks": (
        ("tasks", "tasks/authentication", "tasks/fast-queries", "tasks/logging-and-errors"),
        (r"sessions?", r"\bJWT\b", r"OAuth", r"password hash", r"role", r"index",
         r"slow quer", r"Redis", r"cache|caching", r"monitor", r"log"),
    ),
    "13 industries": (
        ("industries",),
        (r"e-commerce", r"catalog", r"cart", r"payment", r"inventory", r"sale",
         r"fintech|financial", r"transaction", r"fraud", r"regulat", r"reliab", r"healthcare",
         r"patient record",
         r"schedule|scheduling", r"insurance", r"HIPAA", r"secure storage|encrypt"),
    ),
    "14 learning path": (
        ("learning-path",),
        (r"Python", r"JavaScript", r"\bJava\b", r"\bGo\b", r"freeCodeCamp", r"Odin Project",
         r"Codecademy", r"documentation", r"project", r"deploy", r"months", r"estimate"),
    ),
    "15 FAQ": (
        ("faq",),
        (r"what is the back end actually for", r"languages", r"how long", r"front end",
         r"databases?", r"\bAPI\b", r"frameworks?", r"harder", r"tools", r"earn|pay|median"),
    ),
    "beyond the article": (
        ("production/security", "production/testing", "production/observability",
         "production/queues", "production/caching-and-cdns", "production/config-and-deployment"),
        (r"OWASP Top 10", r"injection", r"access control", r"\bXSS\b", r"\bCSRF\b", r"secrets?",
         r"unit tests?", r"integration tests?", r"contract", r"load test", r"logs", r"metrics",
         r"traces", r"OpenTelemetry", r"RabbitMQ", r"Kafka", r"background jobs?", r"\bCDN",
         r"caching|cache", r"environments?", r"deploy"),
    ),
}  # fmt: skip


def test_faq_answers_the_ten_questions(built_site: Path) -> None:
    article = parse(built_site / "faq" / "index.html").select_one("article")
    assert article is not None
    questions = [
        h for h in article.find_all("h2") if h.get_text().strip().rstrip("¶").endswith("?")
    ]
    assert len(questions) >= 10


def page_text(site: Path, page: str) -> str:
    """The article as a reader sees it, inline code included (methods, function names)."""
    article = parse(site / page / "index.html").select_one("article")
    assert article is not None
    return " ".join(article.get_text(" ").split())


@pytest.mark.build
@pytest.mark.parametrize("topic", TOPICS)
def test_topic_is_covered(built_site: Path, topic: str) -> None:
    pages, phrases = TOPICS[topic]
    text = " ".join(page_text(built_site, page) for page in pages)
    missing = [p for p in phrases if not re.search(p, text, re.IGNORECASE)]
    assert missing == [], f"topic {topic}: nothing on {pages} matches {missing}"
