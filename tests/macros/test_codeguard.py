"""Code on pages that render macros must reach Markdown exactly as written."""

from __future__ import annotations

import jinja2
import pytest

from macros.codeguard import CodeGuard, protect_code


def render(markdown: str, **variables: object) -> str:
    env = jinja2.Environment(
        extensions=[CodeGuard], undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    return env.from_string(markdown).render(**variables)


CODE_SAMPLES = [
    "```jinja\n{{ x }}\n{{x}}\n{# c #}\n{% for i in x %}{{ i }}{% endfor %}\n```\n",
    "~~~~text\n{%raw%}a{% endraw %} b {%- endraw -%} c\n~~~~\n",
    '=== "Tab"\n\n    ```python\n    t = "{{ name }} {% if a %}x{% endif %}"\n    ```\n',
    "````markdown\n```\n{{ nested }}\n```\n````\n",
]


@pytest.mark.parametrize("code", CODE_SAMPLES)
def test_fenced_code_is_untouched(code: str) -> None:
    page = f"Before {{{{ value }}}}.\n\n{code}\nAfter {{{{ value }}}}.\n"
    expected = f"Before 42.\n\n{code}\nAfter 42.\n"
    assert render(page, value=42) == expected


def test_inline_code_is_untouched_and_text_still_renders() -> None:
    page = "Write `{{ x }}` or ``{# c #}`` or `{% if %}`; the answer is {{ answer }}.\n"
    assert render(page, answer=42) == (
        "Write `{{ x }}` or ``{# c #}`` or `{% if %}`; the answer is 42.\n"
    )


def test_text_outside_code_is_still_jinja() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("Plain {{ undefined_name }} here.\n```\n{{ fine }}\n```\n")


def test_pages_without_code_are_returned_unchanged() -> None:
    page = "# Title\n\nNo code, no {{ macro }} in a fence.\n"
    assert protect_code(page) == page


def test_unclosed_fence_protects_to_the_end() -> None:
    page = "```\n{{ x }}\n"
    assert render(page) == page
