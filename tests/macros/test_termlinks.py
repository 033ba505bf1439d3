"""Glossary links written as Markdown links to ``term:<id>``."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from macros.models import GlossaryTerm
from macros.termlinks import GLOSSARY_PAGE, TermLinks, UnknownTermError


def glossary_term(ident: str, name: str, definition: str) -> GlossaryTerm:
    return GlossaryTerm.model_validate(
        {"id": ident, "name": name, "definition": definition, "reviewed": "2026-11-23"}
    )


TERMS = {
    "jit": glossary_term("jit", "JIT compilation", "Compiling code to machine code as it runs."),
    "quote": glossary_term("quote", "A <b> & co", 'Says "hi" & <leaves>.'),
}


def convert(text: str, error: type[Exception] | None = None) -> str:
    extensions = ["abbr", "attr_list", "pymdownx.superfences", TermLinks(TERMS, error=error)]
    return markdown.Markdown(extensions=extensions).convert(text)


def test_a_term_link_points_at_the_entry_with_the_definition_as_title() -> None:
    html = convert("Read about [compiling early](term:jit).")
    assert html == (
        f'<p>Read about <a href="{GLOSSARY_PAGE}#term-jit" '
        'title="Compiling code to machine code as it runs.">compiling early</a>.</p>'
    )


def test_an_empty_label_shows_the_terms_name_escaped() -> None:
    assert '">JIT compilation</a>' in convert("[](term:jit)")
    html = convert("[](term:quote)")
    assert ">A &lt;b&gt; &amp; co</a>" in html
    assert 'title="Says &quot;hi&quot; &amp; &lt;leaves&gt;."' in html


def test_markdown_in_the_label_is_kept() -> None:
    assert '"><strong>JIT</strong> work</a>' in convert("[**JIT** work](term:jit)")


def test_code_is_never_touched() -> None:
    html = convert("`[x](term:nope)`\n\n```md\n[x](term:nope)\n```\n")
    assert "term:nope" in html and "<a " not in html


def test_other_links_are_left_alone() -> None:
    html = convert("[a](https://example.org/term:jit) [b](../glossary/index.md#term-jit)")
    assert 'href="https://example.org/term:jit"' in html
    assert 'href="../glossary/index.md#term-jit"' in html


def test_an_unknown_id_fails_with_the_closest_known_one() -> None:
    with pytest.raises(UnknownTermError, match=r"'term:jitt' is not a term in data/glossary\.yml"):
        convert("[x](term:jitt)")
    with pytest.raises(UnknownTermError, match=r"did you mean 'term:jit'\?"):
        convert("[x](term:jitt)")


def test_the_build_chooses_which_error_an_unknown_id_raises() -> None:
    class BuildStop(Exception):
        pass

    with pytest.raises(BuildStop, match="'term:zzz' is not a term"):
        convert("[x](term:zzz)", error=BuildStop)


def test_unknown_term_on_a_page_fails_the_build_naming_the_page(tmp_path: Path) -> None:
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "basics" / "http.md"
    page.write_text(page.read_text("utf-8") + "\nSee [JIT](term:jitt).\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Error reading page 'basics/http.md'" in result.stderr
    assert "'term:jitt' is not a term in data/glossary.yml (did you mean 'term:jit'?)" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
