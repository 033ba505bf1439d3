"""The PDF edition reads like a book: every page in order, navigable, nothing leaking.

Builds the print site and prints it with Debian's Chromium (scripts/pdf.py), so
these checks run with the browser suite (`make test-browser`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, build_project
from sitecheck import parse

pytestmark = pytest.mark.browser

A4_WIDTH = 595.28  # points
RIGHT_MARGIN = 16 / 25.4 * 72  # 16 mm, as print.css sets it


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, browser: object) -> Iterator[tuple[Path, Path]]:
    """(the PDF, the print page it was printed from)."""
    from scripts.pdf import build_pdf

    work = tmp_path_factory.mktemp("pdf")
    build_project(work / "site", "mkdocs-pdf.yml")
    pdf = work / "book.pdf"
    build_pdf(work / "site", pdf, "test-edition", browser=browser)
    yield pdf, work / "site" / "print_page" / "index.html"


def reader(pdf: Path) -> Any:
    from pypdf import PdfReader

    return PdfReader(pdf)


def flat_outline(pdf: Any, items: list[Any] | None = None) -> list[tuple[str, int]]:
    """Every outline entry, depth first: (title, 1-based page)."""
    found: list[tuple[str, int]] = []
    for item in pdf.outline if items is None else items:
        if isinstance(item, list):
            found += flat_outline(pdf, item)
        else:
            found.append((str(item.title), pdf.get_destination_page_number(item) + 1))
    return found


def chapters(print_page: Path) -> list[tuple[str, str]]:
    """(section id, H1 text) of every page of the guide, in navigation order."""
    soup = parse(print_page)
    found = []
    for section in soup.select("section.print-page[id]"):
        heading = section.find("h1")
        # print-site adds a section-N divider for each navigation section: not a page.
        if heading is not None and not str(section["id"]).startswith("section-"):
            text = heading.get_text("").replace("¶", "").strip()
            found.append((str(section["id"]), " ".join(text.split())))
    return found


def test_every_page_of_the_guide_is_a_chapter_in_navigation_order(
    book: tuple[Path, Path],
) -> None:
    _, print_page = book
    docs = ROOT / "docs"
    # Every page but Contributing, which is for the repository's contributors.
    pages = [
        p
        for p in docs.rglob("*.md")
        if "examples" not in p.relative_to(docs).parts and p.name != "contributing.md"
    ]
    found = chapters(print_page)
    assert len(found) == len(pages)
    nav_order = [section for section, _ in found]
    assert nav_order[:3] == ["index", "basics", "basics-what-is-backend"]


def test_outline_has_an_entry_per_page_in_order(book: tuple[Path, Path]) -> None:
    pdf, print_page = book
    outline = flat_outline(reader(pdf))
    # Chromium writes a bookmark from the laid-out heading, where a line wrap may add or
    # drop a space: titles are compared without their whitespace.
    titles = ["".join(title.split()) for title, _ in outline]
    position, pages_seen = 0, []
    for _, heading in chapters(print_page):
        bare = "".join(heading.split())
        match = next((i for i in range(position, len(titles)) if titles[i].endswith(bare)), None)
        assert match is not None, f"no bookmark for {heading!r} after entry {position}"
        pages_seen.append(outline[match][1])
        position = match + 1
    assert pages_seen == sorted(pages_seen), "chapters must follow each other in the PDF"


def test_contents_page_numbers_point_at_the_chapters(book: tuple[Path, Path]) -> None:
    pdf = reader(book[0])
    destinations = pdf.named_destinations
    contents = pdf.pages[1].extract_text()
    for section, _ in chapters(book[1])[:12]:
        page = pdf.get_destination_page_number(destinations[f"/{section}"]) + 1
        assert re.search(rf"\b{page}\b", contents), f"contents lack page {page} ({section})"


def test_no_markdown_or_macro_syntax_reaches_the_text(book: tuple[Path, Path]) -> None:
    text = "\n".join(page.extract_text() for page in reader(book[0]).pages)
    leaks = {
        "macro call": r"\{\{\s*[a-z_]+\(",
        "Jinja block": r"\{%\s*(if|for|set|raw)\b",
        "snippet include": r"--8<--",
        "Markdown link": r"\]\((\.\./|https?://|#)",
        "admonition": r"^!!! ",
        "content tab": r'^=== "',
    }
    # A page may show such syntax on purpose, as code (Jinja tags on
    # the server-rendered page): only occurrences beyond those count as leaks.
    code = "\n".join(block.get_text() for block in parse(book[1]).select("code"))
    found = {
        name: hits[:3]
        for name, p in leaks.items()
        if len(hits := re.findall(p, text, re.MULTILINE)) > len(re.findall(p, code, re.MULTILINE))
    }
    assert found == {}


def test_no_text_runs_past_the_right_margin(book: tuple[Path, Path], tmp_path: Path) -> None:
    assert shutil.which("pdftotext"), "pdftotext is missing: apt-get install poppler-utils"
    html = tmp_path / "boxes.html"
    subprocess.run(["pdftotext", "-bbox", str(book[0]), str(html)], check=True, timeout=120)
    limit = A4_WIDTH - RIGHT_MARGIN + 2  # two points of rounding
    words = re.findall(
        r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', html.read_text()
    )
    over = [(text, float(x)) for x, text in words if float(x) > limit]
    assert len(words) > 50_000 and over == []


def test_internal_links_jump_inside_the_pdf(book: tuple[Path, Path]) -> None:
    """Every internal link annotation lands on a destination that exists."""
    pdf = reader(book[0])
    named = pdf.named_destinations
    internal, broken = 0, []
    for number, page in enumerate(pdf.pages, 1):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            action = link.get("/A") or {}
            target = link.get("/Dest", action.get("/D") if action.get("/S") == "/GoTo" else None)
            if target is None:
                continue
            internal += 1
            if isinstance(target, str) and target not in named:
                broken.append(f"page {number}: no destination named {target!r}")
    assert internal > 200
    assert broken == []


def test_print_page_links_stay_inside_the_book(book: tuple[Path, Path]) -> None:
    """In the page that becomes the PDF, every link to the guide is an anchor that exists.

    A link Chromium cannot resolve is silently dropped from the PDF, so the
    check is made on the HTML: same-document anchors must exist, and no link
    may point at another page of the site (it would lead nowhere on paper).
    """
    soup = parse(book[1])
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
    broken = []
    for anchor in soup.select("article a[href]"):
        href = str(anchor["href"])
        if href.startswith(("http://", "https://", "mailto:")):
            continue
        if not href.startswith("#"):
            broken.append(f"{href} (a link to a site page, not inside the book)")
        elif href[1:] and href[1:] not in ids:
            broken.append(f"{href} (no such anchor)")
    assert broken == [], "\n".join(sorted(set(broken))[:30])


def test_metadata_and_size(book: tuple[Path, Path]) -> None:
    pdf = reader(book[0])
    info = pdf.metadata
    assert info.title == "Backend Atlas (test-edition)"
    assert info.author and info.subject
    assert str(pdf.trailer["/Root"]["/Lang"]) == "en"
    # 79 pages of the guide (56 before December 2026's new chapters and the chooser's
    # cards): a bound that catches an accident such as embedded raster images.
    assert book[0].stat().st_size < 25_000_000
    assert 100 < len(pdf.pages) < 700  # 547 pages for 79 chapters in December 2026


def bare(text: str) -> str:
    """Letters and digits only, lower case: PDF text loses spaces at wraps, quotes
    become curly and "fi" may come out as a ligature."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


def test_knowledge_check_answers_print_at_the_end_of_their_chapter(
    book: tuple[Path, Path],
) -> None:
    """On screen the answers are collapsed; in the book they follow the chapter, numbered."""
    text = bare("".join(p.extract_text() for p in reader(book[0]).pages))
    soup = parse(book[1])
    checks = [
        h
        for h in soup.select("section.print-page h2")
        if h.get_text(" ").strip().startswith("Check your understanding")
    ]
    assert checks, "no chapter has a knowledge check"
    assert text.count(bare('Answers to "Check your understanding"')) == len(checks)
    for heading in checks:
        question = heading.find_next("li")
        answer = question.find("details")
        chapter = heading.find_previous("h1").get_text(" ").strip()
        assert answer is not None, f"{chapter}: the first question has no answer"
        answer.summary.decompose()
        told = bare(" ".join(answer.get_text(" ").split()[:6]))
        answer.decompose()
        asked = bare(" ".join(question.get_text(" ").split()[:6]))
        start = text.index(asked)
        assert text.index(told, start) > text.index("furtherreading", start), (
            f"{chapter}: the answer {told!r} does not follow the chapter's further reading"
        )
