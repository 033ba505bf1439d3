"""Markdown copies of pages: generated HTML, includes and links made plain Markdown."""

from __future__ import annotations

from pathlib import Path

from macros.mdcopy import html_to_markdown, markdown_copy

TABLE = """<div class="atlas-table" data-dataset="x">
<table>
<caption>Languages</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Uses</th></tr></thead>
<tbody>
<tr><th scope="row">C#<br><small>on .NET</small></th><td><ul class="atlas-cell-list">
<li>APIs</li><li>Games | tools</li></ul></td></tr>
<tr><th scope="row">Go</th>
<td><a class="atlas-cap" href="https://go.dev" title="Built in">●</a></td></tr>
</tbody>
</table>
</div>"""


def test_a_generated_table_becomes_a_markdown_table() -> None:
    assert html_to_markdown(TABLE) == (
        "**Languages**\n\n"
        "| Name | Uses |\n| --- | --- |\n"
        "| C# (on .NET) | APIs; Games \\| tools |\n"
        "| Go | [Built in](https://go.dev) |"
    )


def test_lists_links_and_emphasis() -> None:
    html = '<ul class="atlas-facts"><li><strong>Netflix</strong>: ran it (<a href="https://x.test/a">blog</a>)</li><li>two</li></ul>'
    assert html_to_markdown(html) == "- **Netflix**: ran it ([blog](https://x.test/a))\n- two"


def test_a_page_copy_includes_snippets_and_rewrites_links(tmp_path: Path) -> None:
    (tmp_path / "hello.py").write_text('print("hi")\n', encoding="utf-8")
    page = "\n".join(
        [
            "# Title { .lead }",
            "",
            '<div class="grid" markdown>',
            "",
            "See [REST](../apis/rest.md#verbs), a [request](term:request) and [out](https://x.test).",
            "",
            "</div>",
            "",
            "```python",
            '    --8<-- "hello.py"',
            "```",
            "",
            TABLE,
        ]
    )
    links = {"../apis/rest.md#verbs": "../../apis/rest/index.md#verbs", "term:request": "g.md#t"}
    text = markdown_copy(page, [tmp_path], links.get)
    assert text.startswith(
        "# Title\n\nSee [REST](../../apis/rest/index.md#verbs), a [request](g.md#t)"
    )
    assert "[out](https://x.test)" in text and "<div" not in text and "</div>" not in text
    assert '```python\n    print("hi")\n```' in text
    assert "| Go | [Built in](https://go.dev) |" in text and "<table" not in text


def test_html_a_macro_wrote_inside_a_sentence_becomes_markdown() -> None:
    line = (
        'PHP ran on 74.9% in W3Techs&#39; survey (<a href="https://w3techs.com/x" '
        'title="Checked">W3Techs</a>, <time datetime="2010-11-02">2 November 2010</time>).'
    )
    assert markdown_copy(line, [], lambda _: None) == (
        "PHP ran on 74.9% in W3Techs' survey ([W3Techs](https://w3techs.com/x), 2 November 2010).\n"
    )
