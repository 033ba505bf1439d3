"""Glossary links keep a common noun lower case mid-sentence (macros/termcase.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_project, mkdocs_build

from macros.models import GlossaryTerm
from macros.termlinks import capitalized_links, keeps_capital


def term(ident: str, name: str, **extra: object) -> GlossaryTerm:
    fields = {"id": ident, "name": name, "definition": "A definition.", "reviewed": "2026-11-23"}
    return GlossaryTerm.model_validate(fields | extra)


TERMS = {
    "request": term("request", "Request"),
    "event-loop": term("event-loop", "Event loop"),
    "http": term("http", "HTTP", expansion="Hypertext Transfer Protocol"),
    "postgresql": term("postgresql", "PostgreSQL"),
    "redis": term("redis", "Redis", proper_name=True),
}


def found(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.label) for p in capitalized_links(text, TERMS)]


@pytest.mark.parametrize(
    "text",
    [
        "A visitor's [Request](term:request) arrives.",
        "It runs an [Event loop](term:event-loop).",
        "Scale out ([Request](term:request) by request).",
        "The first line\ncontinues with a [Request](term:request) here.",
        "| Name | what a **[Request](term:request)** is |",
        "- A list item with a [Request](term:request) inside",
        "Two sentences. Then a [Request](term:request) mid-way.",
    ],
)
def test_a_capitalized_common_noun_mid_sentence_is_found(text: str) -> None:
    assert [label for _, label in found(text)] in (["Request"], ["Event loop"])


@pytest.mark.parametrize(
    "text",
    [
        "[Request](term:request) starts the sentence.",
        "It ends. [Request](term:request) starts the next one.",
        "Is it over? **[Request](term:request)** is bold here.",
        "- [Request](term:request) opens a list item",
        "1. [Request](term:request) opens a numbered item",
        "## [Request](term:request) in a heading",
        "| Term | Meaning |\n| --- | --- |\n| [Request](term:request) | a cell |",
        "Terms:\n:   [Request](term:request) in a definition",
        "Speaks [HTTP](term:http), keeps [PostgreSQL](term:postgresql) and [Redis](term:redis).",
        "A visitor's [request](term:request) is lower case.",
        "Behind an [API gateway](term:request) or [GraphQL](term:event-loop) as written.",
        "Code: `a [Request](term:request)` is left alone.",
        "```\nx = a [Request](term:request)\n```",
        "Two blocks end here\n\n[Request](term:request) starts a paragraph.",
        "A link to an [Unknown](term:missing) term is the other check's job.",
    ],
)
def test_sentence_starts_names_and_code_pass(text: str) -> None:
    assert found(text) == []


def test_problems_name_the_line_and_the_fix() -> None:
    problems = capitalized_links("Intro.\n\nThen the\nuser's [Request](term:request).", TERMS)
    assert [p.line for p in problems] == [4]
    message = problems[0].message("docs/basics/http.md")
    assert message.startswith("docs/basics/http.md:4: glossary link [Request](term:request)")
    assert "write [request](term:request)" in message and "proper_name: true" in message


def test_a_label_written_as_a_name_passes_whatever_the_entry() -> None:
    assert found("It speaks [HTTP/2](term:request) and [Protocol Buffers](term:request).") == []


def test_which_terms_keep_their_capital() -> None:
    kept = {ident for ident, entry in TERMS.items() if keeps_capital(entry)}
    assert kept == {"http", "postgresql", "redis"}


@pytest.mark.build
def test_the_strict_build_fails_naming_file_line_and_fix(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "basics" / "http.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "is a [request](term:request)" in text)
    lines[line - 1] = lines[line - 1].replace("[request]", "[Request]")
    page.write_text("\n".join(lines), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    expected = f"docs/basics/http.md:{line}: glossary link [Request](term:request) starts"
    assert expected in result.stderr
    assert "write [request](term:request)" in result.stderr
