"""Reference helpers: glossary abbreviations feed the tooltips on every page."""

from __future__ import annotations

from pathlib import Path

from macros.models import GlossaryTerm
from macros.reference import abbreviations


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


def test_editions_link_the_bundle_with_its_size_when_the_build_has_it(tmp_path: Path) -> None:
    from macros.reference import editions

    releases = "https://example.org/releases"
    assert "[release](https://example.org/releases)" in editions(tmp_path, "downloads", releases)
    (tmp_path / "backend-atlas-1.2.0-html.zip").write_bytes(b"x" * 2_500_000)
    text = editions(tmp_path, "downloads", releases)
    assert "[HTML bundle](downloads/backend-atlas-1.2.0-html.zip) (2.5 MB)" in text
