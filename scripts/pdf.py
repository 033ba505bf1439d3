"""The PDF edition: the print page of the whole guide, printed to a book by Chromium.

``mkdocs build -f mkdocs-pdf.yml`` writes one print page with every page of
the guide in navigation order (the print-site plugin: cover, contents,
numbered chapters, links rewritten to anchors inside the page). This module
opens it in headless Chromium and prints it twice: the first print tells on
which page each chapter starts, those numbers are written into the contents,
and the second print is the book. Then the document information (title,
author, subject, language, dates from SOURCE_DATE_EPOCH) is set with pypdf.
Diagrams are already SVG in the page (macros/diagrams.py): nothing to wait for.

    python -m scripts.pdf <built-pdf-site> <output.pdf> <edition>
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from scripts.project import CHROMIUM, CHROMIUM_ARGS

TITLE = "Backend Atlas"
AUTHOR = "The Backend Atlas contributors"
SUBJECT = "An open guide to back-end development"

# The edition, top right on every page but the cover (print.css draws the rest).
EDITION_STYLE = (
    '@page {{ @top-right {{ content: "{edition}"; font: 8pt sans-serif; color: #555; }} }}'
    " @page :first {{ @top-right {{ content: none; }} }}"
)

# Print-only changes to the page, made in the browser before printing:
# content tabs become labeled blocks one after another; the collapsed answers
# of each chapter's "Check your understanding" move, numbered like their
# questions, to an "Answers" block at the end of the chapter (a book prints
# them, where the screen hides them until opened); any other collapsed block
# prints open; and each contents entry gets a slot for its page number.
PREPARE = """
() => {
  for (const chapter of document.querySelectorAll('section.print-page[id]')) {
    // Sections nest (a navigation section holds its pages): only this page's own.
    const heading = [...chapter.querySelectorAll('h2')].find(
      h => h.closest('section.print-page') === chapter
        && h.textContent.trim().startsWith('Check your understanding'));
    if (!heading) continue;
    const found = [];
    for (let node = heading.nextElementSibling; node && node.tagName !== 'H2';
         node = node.nextElementSibling) {
      found.push(...node.querySelectorAll('details'));
    }
    if (!found.length) continue;
    const block = document.createElement('div');
    block.className = 'atlas-print-answers';
    const title = document.createElement('p');
    title.className = 'atlas-print-answers-title';
    title.textContent = 'Answers to "Check your understanding"';
    const list = document.createElement('ol');
    for (const details of found) {
      const question = details.closest('li');
      const item = document.createElement('li');
      if (question && question.parentElement.tagName === 'OL') {
        const start = Number(question.parentElement.getAttribute('start') || 1);
        item.value = start + [...question.parentElement.children].indexOf(question);
      }
      for (const child of [...details.childNodes]) {
        if (child.nodeName !== 'SUMMARY') item.append(child);
      }
      details.remove();
      list.append(item);
    }
    block.append(title, list);
    chapter.append(block);
  }
  for (const details of document.querySelectorAll('details')) details.open = true;
  for (const set of document.querySelectorAll('.tabbed-set')) {
    const labels = [...set.querySelectorAll(':scope > .tabbed-labels > label')];
    const blocks = [...set.querySelectorAll(':scope > .tabbed-content > .tabbed-block')];
    blocks.forEach((block, i) => {
      const title = document.createElement('p');
      title.className = 'atlas-print-tab';
      title.textContent = labels[i] ? labels[i].textContent.trim() : '';
      block.before(title);
    });
  }
  const entries = [...document.querySelectorAll('#print-page-toc a[href^="#"]')];
  for (const a of entries) {
    const slot = document.createElement('span');
    slot.className = 'atlas-toc-page';
    slot.textContent = '000';
    a.append(slot);
  }
  return entries.map(a => a.getAttribute('href').slice(1));
}
"""
FILL_NUMBERS = """
(numbers) => {
  const slots = [...document.querySelectorAll('#print-page-toc .atlas-toc-page')];
  slots.forEach((slot, i) => { slot.textContent = numbers[i] || ''; });
}
"""


def _print(page: Any) -> bytes:
    pdf: bytes = page.pdf(
        print_background=True,
        outline=True,
        tagged=True,
        prefer_css_page_size=True,
    )
    return pdf


def chapter_pages(pdf: bytes, anchors: list[str]) -> list[str]:
    """Page number (1-based) of each anchor, read from the PDF's named destinations."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    destinations = reader.named_destinations
    numbers = []
    for anchor in anchors:
        dest = destinations.get(anchor) or destinations.get(f"/{anchor}")
        index = None if dest is None else reader.get_destination_page_number(dest)
        numbers.append("" if index is None else str(index + 1))
    return numbers


def set_metadata(pdf: bytes, edition: str) -> bytes:
    """Title, author, subject, keywords and reproducible dates on the document."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    stamp = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata(
        {
            "/Title": f"{TITLE} ({edition})",
            "/Author": AUTHOR,
            "/Subject": SUBJECT,
            "/Keywords": "back end, web development, APIs, databases, architecture",
            "/Creator": "Backend Atlas: MkDocs, print-site, Chromium",
            "/Producer": "pypdf",
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject("en")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fix_print_anchors(html: str, site_url: str) -> tuple[str, int, int]:
    """Make every link of the print page land; return (html, ids renamed, links dropped).

    - print-site prefixes every link with its page ("#glossary-term-api") but
      not the ids that raw HTML and code line numbers carry ("term-api",
      "__codelineno-0-3"), and Chromium silently drops a link whose target is
      missing. Such ids get their page's prefix.
    - Links to code line numbers that still lead nowhere lose their href (a
      line anchor means nothing on paper).
    - A link to the home page comes out as "#.": it goes to the first chapter.
    - Links to files that are not part of the book (the data downloads) point
      at them on the website instead, under ``site_url``.
    """
    from urllib.parse import urljoin

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
    sections = [(str(s["id"]) + "-", s) for s in soup.select("section.print-page[id]")]
    renamed = dropped = 0
    for anchor in soup.select("article a[href]"):
        href = str(anchor["href"])
        if not href.startswith(("#", "http://", "https://", "mailto:")):
            anchor["href"] = urljoin(urljoin(site_url, "print_page/"), href)
    for anchor in soup.select('a[href^="#"]'):
        target = str(anchor["href"])[1:]
        if target == "." and sections:
            anchor["href"] = "#" + sections[0][0][:-1]
            continue
        if not target or target in ids:
            continue
        for prefix, section in sections:
            inner = section.find(id=target[len(prefix) :]) if target.startswith(prefix) else None
            if inner is not None:
                inner["id"] = target
                ids.add(target)
                renamed += 1
                break
        if target not in ids and "__codelineno" in target:
            del anchor["href"]
            dropped += 1
    return str(soup), renamed, dropped


def site_url(site: Path) -> str:
    """The website's address, as the build wrote it into the sitemap (config site_url)."""
    import re

    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    pages = re.findall(r"<loc>(.*?)</loc>", sitemap)
    return min(pages, key=len) if pages else "/"


def build_pdf(site: Path, target: Path, edition: str, browser: Any = None) -> int:
    """Print ``site``'s print page to ``target``; return the number of pages.

    Pass a running Playwright ``browser`` to reuse it (the tests do); otherwise
    Chromium is started and stopped here.
    """
    import io

    from pypdf import PdfReader

    print_page = site / "print_page" / "index.html"
    html, _, _ = fix_print_anchors(print_page.read_text(encoding="utf-8"), site_url(site))
    print_page.write_text(html, encoding="utf-8")
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            try:
                book = _print_book(own, site, edition)
            finally:
                own.close()
    else:
        book = _print_book(browser, site, edition)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(set_metadata(book, edition))
    return len(PdfReader(io.BytesIO(target.read_bytes())).pages)


# The page's own work after load is done, so both passes lay out the same book:
# the blocks skipped while loading are drawn (docs/.overrides/main.html) and
# tables.js has built every table (it builds those far down in idle time).
SETTLED = (
    "document.documentElement.hasAttribute('data-atlas-drawn') && "
    "(!document.querySelector('script[src*=\"tables.js\"]') || "
    "document.documentElement.getAttribute('data-atlas-tables') === 'built')"
)


def _print_book(browser: Any, site: Path, edition: str) -> bytes:
    print_page = site / "print_page" / "index.html"
    page = browser.new_page()
    try:
        page.goto(print_page.resolve().as_uri(), wait_until="load")
        page.wait_for_selector("#print-page-toc a[href^='#']", state="attached", timeout=30000)
        page.wait_for_function(SETTLED, timeout=60000)
        page.emulate_media(media="print")
        page.add_style_tag(content=EDITION_STYLE.format(edition=edition.replace('"', "'")))
        anchors: list[str] = page.evaluate(PREPARE)
        first = _print(page)
        page.evaluate(FILL_NUMBERS, chapter_pages(first, anchors))
        return _print(page)
    finally:
        page.close()


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    site, target, edition = Path(argv[0]), Path(argv[1]), argv[2]
    pages = build_pdf(site, target, edition)
    print(f"wrote {target} ({pages} pages, {target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
