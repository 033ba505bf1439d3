"""The glossary's Markdown extensions: abbreviations become tooltips on every page."""

from __future__ import annotations

from macros.glossary import abbreviations
from macros.models import GlossaryTerm


def term(ident: str, name: str, expansion: str | None) -> GlossaryTerm:
    return GlossaryTerm.model_validate(
        {
            "id": ident,
            "name": name,
            "expansion": expansion,
            "definition": "A definition.",
            "reviewed": "2026-11-23",
        }
    )


def test_only_terms_with_an_expansion_become_abbreviations() -> None:
    terms = [term("api", "API", "Application Programming Interface"), term("cache", "Cache", None)]
    assert abbreviations(terms) == {"API": "Application Programming Interface"}
