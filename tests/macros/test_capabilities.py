"""The capability matrix: a mark per capability, its words for screen readers, its source linked."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.capabilities import capabilities_table
from macros.htmltable import TableOptionError
from macros.models import Framework, Language

LANGUAGE = Language.model_validate(
    {
        "id": "zeta",
        "name": "Zeta",
        "primary_uses": ["Servers"],
        "execution": "Compiled.",
        "performance": "Fast.",
        "concurrency": "Threads.",
        "typing": "static",
        "typing_notes": "Types.",
        "reviewed": "2026-01-01",
    }
)


def framework(ident: str, capabilities: dict[str, object]) -> Framework:
    return Framework.model_validate(
        {
            "id": ident,
            "name": ident.title(),
            "language": "zeta",
            "kind": "micro-web-framework",
            "summary": "A demo.",
            "capabilities": capabilities,
            "sources": [
                {
                    "url": f"https://example.org/{ident}/docs",
                    "supports": [f"capabilities.{key}" for key in capabilities],
                    "accessed": "2026-01-02",
                }
            ]
            if capabilities
            else [],
            "reviewed": "2026-01-02",
        }
    )


def test_a_mark_links_its_source_and_says_its_level_in_words() -> None:
    fw = framework(
        "alpha", {"routing": "built-in", "data-access": {"level": "official", "note": "Alpha-DB"}}
    )
    soup = BeautifulSoup(str(capabilities_table([fw], [LANGUAGE])), "html.parser")
    (row,) = soup.select("#framework-capabilities-alpha")
    marks = {a["aria-label"]: a for a in row.select("a.atlas-cap")}
    routing = marks["Routing in Alpha: Built in (source, checked 2026-01-02)"]
    assert routing["href"] == "https://example.org/alpha/docs"
    assert (
        "ORM or data access in Alpha: Official package: Alpha-DB (source, checked 2026-01-02)"
        in marks
    )
    # A capability the data does not give shows a dash with words, never an empty cell.
    assert row.find_all("td")[3].get_text() == "\u2014not given: no primary source states it"


def test_only_frameworks_with_capabilities_are_rows_and_sorting_ranks_levels() -> None:
    frameworks = [
        framework("alpha", {"routing": "third-party"}),
        framework("beta", {"routing": "built-in"}),
        framework("gamma", {}),
    ]
    html = str(capabilities_table(frameworks, [LANGUAGE], sort="routing"))
    soup = BeautifulSoup(html, "html.parser")
    assert [tr["id"] for tr in soup.tbody("tr")] == [
        "framework-capabilities-beta",
        "framework-capabilities-alpha",
    ]
    assert "Third-party package" in soup.select_one(".atlas-legend").get_text()


def test_an_unknown_language_or_column_fails_with_a_did_you_mean() -> None:
    frameworks = [framework("alpha", {"routing": "built-in"})]
    with pytest.raises(TableOptionError, match="did you mean 'zeta'"):
        capabilities_table(frameworks, [LANGUAGE], language="zetta")
    with pytest.raises(TableOptionError, match="did you mean 'routing'"):
        capabilities_table(frameworks, [LANGUAGE], columns=["name", "routng"])
