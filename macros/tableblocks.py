"""Hand the generated tables to Python-Markdown as finished HTML.

A macro's table reaches Markdown as a raw HTML block, and Python-Markdown
finds where such a block ends by running it through an HTML parser, tag by
tag. For the tables that is wasted work: they are whole, escaped HTML from
:mod:`macros.tables`, and nothing inside them is Markdown. :class:`TableBlocks`
recognizes them by their first and last line and puts them in Markdown's raw
HTML store in one step, which is what the parser would have done in the end.
Only a block with a blank line (or the page's edge) on both sides is taken.

The output is byte for byte the same (tests/macros/test_tableblocks.py compares both
ways), except inside an HTML block marked ``markdown="1"``, where md_in_html
would re-indent the rows: the same table, other whitespace. The preprocessor
runs right after MkDocs reads the page's raw HTML for anchor ids (priority 21)
and before Python-Markdown's own HTML block step (priority 20), so links to a
table row are still checked. Anything else is left to Markdown.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

BLOCK_OPEN = '<div class="atlas-table"'
BLOCK_CLOSE = "</div>"


class TableBlockPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith(BLOCK_OPEN) and (i == 0 or not lines[i - 1].strip()):
                end = _closing_line(lines, i)
                if end is None:
                    out.append(line)
                    i += 1
                    continue
                # Python-Markdown keeps the newline that ends an HTML block.
                block = "\n".join(lines[i : end + 1]) + "\n"
                out.extend(["", self.md.htmlStash.store(block), ""])
                i = end + 1
                continue
            out.append(line)
            i += 1
        return out


def _closing_line(lines: list[str], start: int) -> int | None:
    """The line that closes the block opened at ``start``, when a blank line or the end follows."""
    try:
        end = lines.index(BLOCK_CLOSE, start + 1)
    except ValueError:
        return None
    if end + 1 < len(lines) and lines[end + 1].strip():
        return None
    return end


class TableBlocks(Extension):
    """Python-Markdown extension: generated tables skip the HTML block parser."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After MkDocs' mkdocs_raw_html (21), before Python-Markdown's html_block (20).
        md.preprocessors.register(TableBlockPreprocessor(md), "atlas_table_blocks", 20.5)


def makeExtension() -> TableBlocks:
    """``macros.tableblocks`` in mkdocs.yml."""
    return TableBlocks()
