"""The theme: our copies of Material's templates differ from Material's only where we fixed them."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest
from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "docs" / ".overrides"


COPIED_TEMPLATES = {
    "base.html": [
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
        ' autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
        ' autocomplete="off">',
        "<script src=\"{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}\"></script>",
    ],
    "partials/nav-item.html": [
        '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"'
        ' tabindex="{{ tabindex }}">',
        '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"'
        ' tabindex="{{ tabindex }}">',
    ],
    "partials/toc.html": ['<label class="md-nav__title" for="__toc">'],
}
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def changed_lines(original: str, copy: str) -> list[str]:
    """Lines of ``original`` that ``copy`` replaces or drops, leading comments aside."""
    before = LEADING_COMMENT.sub("", original).splitlines()
    after = LEADING_COMMENT.sub("", copy).splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    return [
        line.strip()
        for tag, start, end, _, _ in matcher.get_opcodes()
        if tag in ("replace", "delete")
        for line in before[start:end]
    ]


@pytest.mark.parametrize("name", sorted(COPIED_TEMPLATES))
def test_copied_material_template_differs_only_where_fixed(name: str) -> None:
    original = (MATERIAL / name).read_text(encoding="utf-8")
    copy = (OVERRIDES / name).read_text(encoding="utf-8")
    assert changed_lines(original, copy) == COPIED_TEMPLATES[name], (
        f"Material's {name} changed since docs/.overrides/{name} was copied from it:"
        " copy it again and redo the changes its header comment describes"
    )




def test_search_partial_copy_differs_from_material_only_in_the_dialog_name() -> None:
    name = "partials/search.html"
    original = (MATERIAL / name).read_text(encoding="utf-8")
    copy = (OVERRIDES / name).read_text(encoding="utf-8")
    assert changed_lines(original, copy) == [
        '<div class="md-search" data-md-component="search" role="dialog">'
    ], (
        f"Material's {name} changed since docs/.overrides/{name} was copied from it:"
        " copy it again and add the aria-label its header comment describes"
    )
