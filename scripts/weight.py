"""Page weight: what a reader's browser downloads on a first visit to a page.

A first visit fetches the page, the stylesheets and scripts it links, its
icon and images, and Material's search worker, which then fetches the search
index. Sizes are gzip-compressed (level 6, what common web servers send);
the search index is counted as a request but its bytes are budgeted apart,
since it is shared by every page and loads after the page is usable.

The budget holds for every page of the built site: ``site_pages`` finds them
in the build, so a new page is measured without being listed anywhere.
``page_kinds`` picks one page of each kind (home, largest table, heaviest
diagrams, longest article) for the checks too slow to run on every page.

    python -m scripts.weight <built-site>   # every page; exit 1 naming each one over
"""

from __future__ import annotations

import gzip
import json
import posixpath
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag

MAX_COMPRESSED_BYTES = 150 * 1024
MAX_REQUESTS = 15
SEARCH_INDEX = "search/search_index.json"
DATA_TABLE = "div.atlas-table"
DIAGRAM = "figure.atlas-diagram"
GZIP_LEVEL = 6


@dataclass(frozen=True)
class Resource:
    path: str
    """Site-relative path, e.g. ``assets/stylesheets/atlas.css``."""
    compressed: int


@dataclass(frozen=True)
class PageWeight:
    page: str
    """Site-relative path of the page's HTML file."""
    resources: tuple[Resource, ...]

    @property
    def requests(self) -> int:
        return len(self.resources)

    @property
    def compressed(self) -> int:
        """Compressed bytes of the first visit, the search index excepted."""
        return sum(r.compressed for r in self.resources if r.path != SEARCH_INDEX)

    def problems(self) -> list[str]:
        """How this page breaks the budget, in words; empty when it holds."""
        found = []
        if self.compressed > MAX_COMPRESSED_BYTES:
            counted = [r for r in self.resources if r.path != SEARCH_INDEX]
            heaviest = sorted(counted, key=lambda r: -r.compressed)[:3]
            found.append(
                f"{self.page}: {self.compressed / 1024:.1f} KB compressed on a first visit,"
                f" over the {MAX_COMPRESSED_BYTES // 1024} KB budget (heaviest: "
                + ", ".join(f"{r.path} {r.compressed / 1024:.1f} KB" for r in heaviest)
                + ")"
            )
        if self.requests > MAX_REQUESTS:
            found.append(
                f"{self.page}: {self.requests} requests, over the budget of {MAX_REQUESTS}"
            )
        return found


@cache
def _compressed_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))


def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _local(page: str, reference: str) -> str | None:
    """``reference`` from ``page`` as a site-relative path, or None if it is not a local file."""
    if not reference or reference.startswith(("data:", "#", "mailto:")) or "//" in reference:
        return None
    reference = reference.split("#", 1)[0].split("?", 1)[0]
    if reference.startswith("/"):  # 404.html links from the site's root
        return posixpath.normpath(reference.lstrip("/"))
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), reference))
    return None if joined.startswith("..") else joined


def first_visit(site: Path, page: str) -> list[str]:
    """Site-relative paths a browser fetches on a first visit to ``page``, in document order."""
    soup = _parse(site / page)
    wanted = [page]
    for tag in soup.find_all(["link", "script", "img"]):
        assert isinstance(tag, Tag)
        if tag.name == "link":
            rel = tag.get_attribute_list("rel")
            if "stylesheet" not in rel and "icon" not in rel:
                continue
            reference = tag.get("href")
        elif tag.name == "script" and tag.get("id") == "__config":
            config = json.loads(tag.get_text())
            # The search worker starts at once and fetches the index.
            wanted.append(str(_local(page, config["search"])))
            wanted.append(str(_local(page, posixpath.join(config["base"], SEARCH_INDEX))))
            continue
        else:
            reference = tag.get("src")
        found = _local(page, str(reference or ""))
        if found is not None:
            wanted.append(found)
    return list(dict.fromkeys(wanted))


def weigh(site: Path, page: str) -> PageWeight:
    return PageWeight(
        page,
        tuple(Resource(path, _compressed_size(site / path)) for path in first_visit(site, page)),
    )


def site_pages(site: Path) -> list[str]:
    """Every page of the built site (its HTML files), found in the build, not listed by hand."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def prose_words(soup: BeautifulSoup) -> int:
    """Words in the page's article outside the generated data tables and diagrams."""
    article = soup.find("article")
    if article is None:
        return 0
    for generated in article.select(f"{DATA_TABLE}, {DIAGRAM}"):
        generated.decompose()
    return len(article.get_text(" ").split())


def _bytes_of(soup: BeautifulSoup, selector: str) -> int:
    return sum(len(str(element).encode()) for element in soup.select(selector))


KINDS = ("home page", "largest table page", "heaviest diagram page", "longest article")
"""The kinds of page Lighthouse runs on in CI, one page each (``page_kinds``)."""


def page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind, chosen by rule from the built site.

    The home page; the largest table page has the most bytes of data tables;
    the heaviest diagram page the most bytes of inline diagrams (SVG); the
    longest article the most words outside tables and diagrams. The error page
    (404.html) is none of them. Ties go to the first path; one page may be of
    several kinds.
    """
    measures: dict[str, dict[str, int]] = {kind: {} for kind in KINDS[1:]}
    for page in site_pages(site):
        if page == "404.html":
            continue
        soup = _parse(site / page)
        measures["largest table page"][page] = _bytes_of(soup, DATA_TABLE)
        measures["heaviest diagram page"][page] = _bytes_of(soup, DIAGRAM)
        measures["longest article"][page] = prose_words(soup)
    kinds = {"home page": "index.html"}
    for kind, by_page in measures.items():
        if by_page and max(by_page.values()) > 0:
            kinds[kind] = max(sorted(by_page), key=lambda p: by_page[p])
    return kinds


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def report(weights: list[PageWeight]) -> str:
    """Every page, heaviest first, then the lightest, median and heaviest weights."""
    lines = [f"{'page':52} {'KB':>7} {'requests':>8}"]
    for weight in sorted(weights, key=lambda w: (-w.compressed, w.page)):
        lines.append(f"{weight.page:52} {weight.compressed / 1024:7.1f} {weight.requests:8d}")
    if weights:
        kb = [w.compressed / 1024 for w in weights]
        requests = [float(w.requests) for w in weights]
        lines += [
            "",
            f"{len(weights)} pages: {min(kb):.1f} / {_median(kb):.1f} / {max(kb):.1f} KB"
            f" compressed, {min(requests):.0f} / {_median(requests):g} / {max(requests):.0f}"
            f" requests (lightest / median / heaviest; budget {MAX_COMPRESSED_BYTES // 1024} KB,"
            f" {MAX_REQUESTS} requests, the search index apart)",
        ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(argv[0])
    pages = site_pages(site)
    if not pages:
        print(f"{site}: no HTML page there; build the site first (make weight)", file=sys.stderr)
        return 2
    weights = [weigh(site, page) for page in pages]
    print(report(weights))
    print()
    for kind, page in page_kinds(site).items():
        print(f"{kind}: {page}")
    problems = [problem for weight in weights for problem in weight.problems()]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        over = len({w.page for w in weights if w.problems()})
        print(f"{over} of {len(weights)} pages over the budget", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
