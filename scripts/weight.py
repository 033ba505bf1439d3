"""Page weight: what a reader's browser downloads on a first visit to a page.

A first visit fetches the page, the stylesheets and scripts it links, its
icon and images, and Material's search worker, which then fetches the search
index. Sizes are gzip-compressed (level 6, what common web servers send);
the search index is counted as a request but its bytes are budgeted apart,
since it is shared by every page and loads after the page is usable.

The budget holds for the home page, the longest article and the
largest table page, which ``budget_pages`` picks from the built site itself,
so the pages measured follow the content as it grows.

    python -m scripts.weight <built-site>       # every page, heaviest first
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


def _pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.name in ("index.html", "404.html")
    )


def prose_words(soup: BeautifulSoup) -> int:
    """Words in the page's article outside the generated data tables and diagrams."""
    article = soup.find("article")
    if article is None:
        return 0
    for generated in article.select(f"{DATA_TABLE}, {DIAGRAM}"):
        generated.decompose()
    return len(article.get_text(" ").split())


def data_table_cells(soup: BeautifulSoup) -> int:
    return len(soup.select(f"{DATA_TABLE} td, {DATA_TABLE} th"))


def budget_pages(site: Path) -> dict[str, str]:
    """The pages the budget names: the home page, the longest article, the largest table page.

    The longest article has the most words outside data tables; the largest
    table page has the most cells in data tables. Ties go to the first path.
    """
    words: dict[str, int] = {}
    cells: dict[str, int] = {}
    for page in _pages(site):
        if page == "404.html":
            continue
        cells[page] = data_table_cells(_parse(site / page))
        words[page] = prose_words(_parse(site / page))
    return {
        "home page": "index.html",
        "longest article": max(sorted(words), key=lambda p: words[p]),
        "largest table page": max(sorted(cells), key=lambda p: cells[p]),
    }


def report(weights: list[PageWeight]) -> str:
    lines = [f"{'page':48} {'KB':>7} {'requests':>8}"]
    for weight in sorted(weights, key=lambda w: (-w.compressed, w.page)):
        lines.append(f"{weight.page:48} {weight.compressed / 1024:7.1f} {weight.requests:8d}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(argv[0])
    weights = [weigh(site, page) for page in _pages(site)]
    print(report(weights))
    print()
    named = budget_pages(site)
    problems = []
    for role, page in named.items():
        weight = weigh(site, page)
        print(f"{role}: {page}, {weight.compressed / 1024:.1f} KB, {weight.requests} requests")
        problems += weight.problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
