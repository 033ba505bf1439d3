"""Keep Markdown code out of Jinja's reach on pages that render macros.

Jinja sees a page as one template, so ``{{ x }}`` inside a fenced code block
would be evaluated, ``{# ... #}`` would vanish and ``{% for %}`` would loop,
all without a warning. :func:`protect_code` wraps every fenced code block and
every inline code span in ``{% raw %}...{% endraw %}`` before Jinja parses
the page, so code reaches Markdown byte for byte. :class:`CodeGuard` is the
Jinja extension that applies it (listed in ``mkdocs.yml`` under
``plugins.macros.j2_extensions``).
"""

from __future__ import annotations

import re

from jinja2 import Environment
from jinja2.ext import Extension

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)")


def protect_code(
    markdown: str,
    block_start: str = "{%",
    block_end: str = "%}",
    variable_start: str = "{{",
    variable_end: str = "}}",
    comment_start: str = "{#",
) -> str:
    """Return ``markdown`` with code blocks and code spans wrapped as Jinja raw text."""
    tokens = (block_start, variable_start, comment_start)
    delimiters = (block_start, block_end, variable_start, variable_end)
    out: list[str] = []
    lines = markdown.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if match:
            fence = match.group("fence")
            end = i + 1
            while end < len(lines):
                closing = lines[end].strip()
                if closing.startswith(fence[0] * len(fence)) and set(closing) == {fence[0]}:
                    break
                end += 1
            block = "".join(lines[i : end + 1])
            out.append(_raw(block, *delimiters) if _has(block, tokens) else block)
            i = end + 1
            continue
        line = lines[i]
        if _has(line, tokens) and "`" in line:
            line = INLINE_CODE.sub(
                lambda m: _raw(m.group(0), *delimiters) if _has(m.group(0), tokens) else m.group(0),
                line,
            )
        out.append(line)
        i += 1
    return "".join(out)


def _has(text: str, tokens: tuple[str, ...]) -> bool:
    return any(token in text for token in tokens)


def _raw(
    text: str, block_start: str, block_end: str, variable_start: str, variable_end: str
) -> str:
    """Wrap ``text`` in a raw block, splitting around any endraw tag inside it."""
    endraw = re.compile(re.escape(block_start) + r"-?\s*endraw\s*-?" + re.escape(block_end))
    opening = f"{block_start} raw {block_end}"
    closing = f"{block_start} endraw {block_end}"
    parts = []
    position = 0
    for found in endraw.finditer(text):
        parts.append(text[position : found.start()])
        parts.append(f"{closing}{variable_start} {found.group(0)!r} {variable_end}{opening}")
        position = found.end()
    parts.append(text[position:])
    return opening + "".join(parts) + closing


class CodeGuard(Extension):
    """Jinja extension: run :func:`protect_code` on every template source."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        env = self.environment
        return protect_code(
            source,
            block_start=env.block_start_string,
            block_end=env.block_end_string,
            variable_start=env.variable_start_string,
            variable_end=env.variable_end_string,
            comment_start=env.comment_start_string,
        )
