"""A page's Markdown as a reader-agent gets it: no Jinja, no includes, no HTML tables.

:func:`markdown_copy` takes a page's Markdown after mkdocs-macros has rendered it
(what MkDocs converts to HTML) and makes it stand on its own:

- blocks of HTML that macros wrote (the data tables, lists of facts) become
  Markdown: tables with a header row, lists, links;
- ``--8<-- "file"`` includes are replaced by the file's text (code examples,
  CONTRIBUTING.md), read from the same folders as pymdownx.snippets;
- links to other pages (``../apis/rest.md``) point at those pages' copies, and
  glossary links (``term:id``) at the entry in the glossary page's copy;
- the wrappers of ``markdown``-attribute HTML blocks and attribute lists
  (``{ .class }``) are dropped.

Pure functions of text; macros/llmstxt.py runs them during the build.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path

FENCE = re.compile(r"^\s*(```|~~~)")
SNIPPET = re.compile(r'^(\s*)--8<--\s+"([^"]+)"\s*$')
ATTR_LIST = re.compile(r"\s*\{:?\s*[.#][^{}]*\}\s*$")
MD_WRAPPER = re.compile(r"^\s*<(div|section)\b[^>]*\bmarkdown\b[^>]*>\s*$")
LINK = re.compile(r"\]\(([^)\s]+)\)")
INLINE_LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.S)
INLINE_WRAPPER = re.compile(r"</?(?:time|abbr|span|small)\b[^>]*>")
ITEM = re.compile(r"^\s*(?:-|1\.) ")
SKIPPED_TAGS = {"script", "style", "button", "input", "svg", "label", "form", "select"}
BLOCK_TAGS = {"p", "div", "ul", "ol", "table", "dl", "caption", "figure", "section"}


class _HtmlToMarkdown(HTMLParser):
    """A small converter for the HTML our macros write (tables, lists, links, emphasis)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []  # finished blocks
        self.text: list[str] = []  # the inline text being collected
        self.links: list[tuple[str, str]] = []  # open <a>: href, title
        self.skip = 0
        self.lists: list[str] = []
        self.row: list[str] | None = None
        self.rows: list[list[str]] = []
        self.header_rows = 0
        self.in_head = False
        self.caption = ""

    # inline text -----------------------------------------------------------
    def _flush(self) -> str:
        text = re.sub(r"\s+", " ", "".join(self.text)).strip()
        self.text = []
        return text

    def _block(self) -> None:
        text = self._flush()
        if text:
            if self.lists:
                indent = "  " * (len(self.lists) - 1)
                marker = "1." if self.lists[-1] == "ol" else "-"
                self.out.append(f"{indent}{marker} {text}")
            else:
                self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag in SKIPPED_TAGS:
            self.skip += 1
        elif self.skip:
            return
        elif tag == "a":
            self.links.append((attr.get("href", ""), attr.get("title", "")))
            self.text.append("\0")  # where the link text starts
        elif tag in {"strong", "b"}:
            self.text.append("**")
        elif tag in {"em", "i"}:
            self.text.append("*")
        elif tag == "code":
            self.text.append("`")
        elif tag == "br":
            self.text.append("; " if self.row is not None else " ")
        elif tag == "small":
            if self.text and self.text[-1] in {"; ", " "}:
                self.text.pop()  # "C#<br><small>on .NET</small>": "C# (on .NET)"
            self.text.append(" (")
        elif self.row is not None and tag == "li":  # a list in a table cell: items in a row
            if "".join(self.text).strip():
                self.text.append("; ")
        elif self.row is not None and (tag in BLOCK_TAGS or tag == "li"):
            return
        elif tag in {"ul", "ol"}:
            self._block()
            self.lists.append(tag)
        elif tag == "li":
            self._block()
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row = []
        elif tag in {"td", "th"}:
            self.text = []
        elif tag in BLOCK_TAGS or re.fullmatch(r"h[1-6]|dt|dd", tag):
            self._block()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skip = max(0, self.skip - 1)
        elif self.skip:
            return
        elif tag == "a" and self.links:
            href, title = self.links.pop()
            joined = "".join(self.text)
            start = joined.rfind("\0")
            label = joined[start + 1 :].strip()
            if title and not any(ch.isalnum() for ch in label):
                label = title  # a symbol (●) stands for what its title says
            link = f"[{label}]({href})" if href and not href.startswith("#") else label
            self.text = [joined[:start], link]
        elif tag in {"strong", "b"}:
            self.text.append("**")
        elif tag in {"em", "i"}:
            self.text.append("*")
        elif tag == "code":
            self.text.append("`")
        elif tag == "small":
            self.text.append(")")
        elif self.row is not None and (tag in BLOCK_TAGS or tag == "li"):
            return
        elif tag in {"ul", "ol"}:
            self._block()
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self._block()
        elif tag == "caption":
            self.caption = self._flush()
        elif tag in {"td", "th"} and self.row is not None:
            self.row.append(self._flush().replace("|", "\\|"))
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.header_rows += self.in_head
            self.row = None
        elif tag == "thead":
            self.in_head = False
        elif tag == "table":
            self._table()
        elif tag in BLOCK_TAGS or re.fullmatch(r"h[1-6]|dt|dd", tag):
            self._block()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)

    def _table(self) -> None:
        rows, self.rows = self.rows, []
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        header, body = (rows[0], rows[1:]) if self.header_rows else ([""] * width, rows)
        lines = [f"**{self.caption}**", ""] if self.caption else []
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + " --- |" * width)
        lines += ["| " + " | ".join(row) + " |" for row in body]
        self.out.append("\n".join(lines))
        self.caption, self.header_rows = "", 0

    def result(self) -> str:
        """The blocks, a blank line apart; items of one list stay together."""
        self._block()
        text = ""
        for part in filter(None, self.out):
            item = ITEM.match(part)
            together = item and text and ITEM.match(text.rsplit("\n", 1)[-1])
            text += ("\n" if together else "\n\n" if text else "") + part
        return text


def html_to_markdown(html: str) -> str:
    """Markdown for a block of generated HTML: tables, lists, paragraphs, links."""
    parser = _HtmlToMarkdown()
    parser.feed(html)
    parser.close()
    return parser.result()


def include_snippets(lines: Sequence[str], base_paths: Sequence[Path]) -> list[str]:
    """``--8<-- "file"`` lines replaced by the file, indented like the line."""
    out: list[str] = []
    for line in lines:
        match = SNIPPET.match(line)
        found = match and next((b / match[2] for b in base_paths if (b / match[2]).is_file()), None)
        if not match or found is None:
            out.append(line)
            continue
        text = found.read_text(encoding="utf-8").rstrip("\n")
        if found.suffix == ".md":  # a Markdown include (CONTRIBUTING.md) may include in turn
            text = "\n".join(include_snippets(text.split("\n"), base_paths))
        out += [match[1] + part if part else "" for part in text.split("\n")]
    return out


def inline_html(line: str) -> str:
    """Links and wrappers a macro wrote inside a sentence (a cited share) made Markdown."""
    if "<" not in line:
        return line
    converted = INLINE_LINK.sub(lambda m: f"[{m[2]}]({html.unescape(m[1])})", line)
    converted = INLINE_WRAPPER.sub("", converted)
    return html.unescape(converted) if converted != line else line


def _convert_html_blocks(lines: list[str]) -> list[str]:
    """Blank-line-separated blocks that start with an HTML tag become Markdown."""
    out: list[str] = []
    block: list[str] = []
    in_fence = False
    wrappers = 0

    def flush() -> None:
        first = block[0].lstrip() if block else ""
        if first.startswith("<") and not first.startswith("<!--"):
            out.extend(html_to_markdown("\n".join(block)).split("\n"))
        else:
            out.extend(inline_html(line) for line in block)
        block.clear()

    for line in lines:
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or FENCE.match(line):
            flush()
            out.append(line)
            continue
        if MD_WRAPPER.match(line):
            wrappers += 1
            continue
        if wrappers and line.strip() == "</div>":
            wrappers -= 1
            continue
        if not line.strip():
            flush()
            out.append(line)
            continue
        block.append(ATTR_LIST.sub("", line))
    flush()
    return out


def markdown_copy(
    markdown: str,
    base_paths: Sequence[Path],
    link: Callable[[str], str | None],
) -> str:
    """The stand-alone Markdown of a page (see the module's docstring).

    ``link`` maps a link target as written on the page (``../apis/rest.md#x``,
    ``term:http``) to its target in the copies, or None to leave it.
    """
    lines = include_snippets(markdown.split("\n"), base_paths)
    lines = _convert_html_blocks(lines)
    text = "\n".join(lines)
    text = LINK.sub(lambda m: f"]({link(m[1]) or m[1]})", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def relative(target: str, start_dir: str) -> str:
    """``target`` (a path from the site root) as a link from the folder ``start_dir``."""
    return posixpath.relpath(target, start_dir or ".")
