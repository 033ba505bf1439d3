"""What the macros tell tables.js: which columns are facets, which are long text, the source.

tables.js builds its facet filters, its compact view and its comparison from
these attributes alone, so every data table gets them without page code.
"""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from conftest import FIXTURES
from markupsafe import Markup

from macros.capabilities import capabilities_table
from macros.datasets import FRAMEWORKS, LANGUAGES, validate_document
from macros.htmltable import Column, label_column, list_column, render_table, text_column
from macros.tables import TABLES, frameworks_table
from macros.yamlfile import read_yaml


def headers(html: str) -> dict[str, dict[str, Any]]:
    soup = BeautifulSoup(html, "html.parser")
    return {th["data-key"]: th.attrs for th in soup.select("thead th")}


def frameworks_html() -> str:
    languages = validate_document(LANGUAGES, read_yaml(FIXTURES / "data" / "languages.yml"))
    frameworks = validate_document(FRAMEWORKS, read_yaml(FIXTURES / "data" / "frameworks.yml"))
    return str(frameworks_table(frameworks, languages))


def test_frameworks_headers_name_their_key_and_role() -> None:
    found = headers(frameworks_html())
    assert list(found) == ["name", "language", "kind", "summary", "first_release", "license",
                           "repository"]  # fmt: skip
    facets = [key for key, attrs in found.items() if attrs.get("data-facet") == "true"]
    long = [key for key, attrs in found.items() if attrs.get("data-long") == "true"]
    assert facets == ["language", "kind"]
    assert long == ["summary"]
    assert all(attrs["scope"] == "col" for attrs in found.values())


def test_the_table_names_its_source_and_the_capability_matrix_shares_it() -> None:
    soup = BeautifulSoup(frameworks_html(), "html.parser")
    container = soup.select_one("div.atlas-table")
    assert container is not None
    assert (container["data-dataset"], container["data-source"]) == ("frameworks", "frameworks")
    languages = validate_document(LANGUAGES, read_yaml(FIXTURES / "data" / "languages.yml"))
    matrix = BeautifulSoup(str(capabilities_table([], languages)), "html.parser")
    div = matrix.select_one("div.atlas-table")
    assert div is not None
    assert (div["data-dataset"], div["data-source"]) == ("framework-capabilities", "frameworks")


def test_column_helpers_set_the_roles() -> None:
    assert label_column("kind", "Kind", {"a": "A"}).facet
    assert list_column("roles", "Roles", {"a": "A"}).facet
    assert not list_column("strengths", "Strengths").facet
    assert list_column("hosting", "How you run it", facet=True).facet
    assert text_column("summary", "What it is", long=True).long
    assert not text_column("provider", "Provider").long
    assert list_column("typical_uses", "Typical uses", long=True).long


def test_lists_of_sentences_are_long_in_the_databases_and_web_servers_tables() -> None:
    long = {
        name: [column.key for column in columns if column.long]
        for name, (_, columns) in TABLES.items()
    }
    assert long["databases"] == ["summary", "typical_uses"]
    assert long["web-servers"] == ["architecture", "strengths"]


def test_every_dataset_table_with_a_summary_hides_it_in_the_compact_view() -> None:
    for name, (_, columns) in TABLES.items():
        for column in columns:
            if column.key == "summary":
                assert column.long, f"{name}: its summary column is not marked long"


def test_header_words_are_escaped_and_attributes_in_markdown_order() -> None:
    column: Column[Any] = Column(
        "x", "<b>X</b> & Y", lambda e: Markup(""), lambda e: "", facet=True, long=True
    )
    assert str(column.header_html()) == (
        '<th data-facet="true" data-key="x" data-long="true" scope="col">'
        "&lt;b&gt;X&lt;/b&gt; &amp; Y</th>"
    )


def test_a_table_without_roles_has_plain_headers() -> None:
    column: Column[Any] = Column("name", "Name", lambda e: Markup(""), lambda e: "")
    html = str(render_table([], [column], dataset="demo", caption="Demo"))
    assert '<th data-key="name" scope="col">Name</th>' in html
    assert 'data-dataset="demo" data-source="demo"' in html
