"""The print page's links, fixed before printing so that none is dropped from the PDF."""

from __future__ import annotations

from bs4 import BeautifulSoup

from scripts.pdf import fix_print_anchors

PRINT_PAGE = """
<article>
<section class="print-page" id="index"><h1>Home</h1></section>
<section class="print-page" id="glossary"><dl><dt id="term-api">API</dt></dl>
<pre><code><a id="__codelineno-0-1" href="#__codelineno-0-1"></a>x</code></pre></section>
<section class="print-page" id="faq">
<a href="#glossary-term-api">API</a>
<a href="#glossary-__codelineno-0-1">line</a>
<a href="#faq-__codelineno-0-9">no such line</a>
<a href="#.">home page</a>
<a href="../downloads/data/languages.csv">CSV</a>
<a href="https://example.org/">elsewhere</a>
</section>
</article>
"""


def links(html: str) -> dict[str, str | None]:
    soup = BeautifulSoup(html, "html.parser")
    return {a.get_text(): a.get("href") for a in soup.select("#faq a")}


def test_every_link_of_the_print_page_lands() -> None:
    html, renamed, dropped = fix_print_anchors(PRINT_PAGE, "https://atlas.example/guide/")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(id="glossary-term-api") is not None  # the id took its page's prefix
    assert soup.find(id="glossary-__codelineno-0-1") is not None
    assert (renamed, dropped) == (2, 1)
    assert links(html) == {
        "API": "#glossary-term-api",
        "line": "#glossary-__codelineno-0-1",
        "no such line": None,
        "home page": "#index",
        "CSV": "https://atlas.example/guide/downloads/data/languages.csv",
        "elsewhere": "https://example.org/",
    }
