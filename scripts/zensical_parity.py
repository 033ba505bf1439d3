"""Parity of the Zensical build with the MkDocs build of the same sources.

``make zensical`` builds the site with MkDocs (``build/mkdocs-site``) and with
Zensical (``build/zensical-site``), then compares the two:

    python -m scripts.zensical_parity build/mkdocs-site build/zensical-site --summary out.md

- **pages**: both sites have the same HTML pages;
- **rows**: each table of each page has the same rows, known by the row's id
  (the data tables give every row one) or else by its first cell's text;
- **links** in the Zensical site: no ``term:`` (or other project) link left
  unresolved, and every relative link and ``#anchor`` reaches a file and an id
  of that site;
- **macros**: no ``{{`` or ``{%`` left outside code on a Zensical page;
- **files**: the other files MkDocs writes for this project (``llms.txt``, the
  pages' Markdown copies) are there too; each engine's own theme bundles and
  search index are not compared.

Every difference is listed in a Markdown summary (the file given, and the job
summary when ``GITHUB_STEP_SUMMARY`` is set). A difference that waits on Zensical
itself matches an entry of :data:`KNOWN_GAPS`, with its reason and the upstream
reference, and does not fail; any other difference does (exit 1). So does an
entry of :data:`KNOWN_GAPS` that matched nothing: Zensical caught up, and the
entry is to be deleted, so the list never outlives the gap.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

WEB_SCHEMES = frozenset({"http", "https", "mailto", "tel", "data"})
"""Link schemes a browser follows; any other (``term:``, ``repo:``) is the project's own."""

CODE_TAGS = frozenset({"code", "pre", "script", "style", "textarea"})
"""Elements whose text may show ``{{`` on purpose (examples, scripts)."""

ENGINE_FILES = (
    *("assets/javascripts/*", "assets/stylesheets/main.*", "assets/stylesheets/palette.*"),
    *("assets/stylesheets/classic/*", "assets/stylesheets/modern/*"),
    *("assets/images/favicon.png", "search/*", "search.json", "sitemap.xml.gz"),
)
"""Files each engine's theme and search write for themselves: not this project's output."""

VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass(frozen=True)
class Difference:
    """One way the Zensical site differs from the MkDocs site."""

    kind: str
    """missing-page, extra-page, missing-table, missing-row, extra-row, term-link,
    project-link, broken-link, unrendered-macro or missing-file."""
    page: str
    """The page or file, as a path inside the site (``frameworks/index.html``)."""
    detail: str = ""

    def line(self) -> str:
        return f"`{self.kind}` {self.page}" + (f": {self.detail}" if self.detail else "")


@dataclass(frozen=True)
class KnownGap:
    """Differences that only a change in Zensical can remove, with the reason and its source."""

    kind: str
    page: str
    """A glob on :attr:`Difference.page`."""
    detail: str
    """A glob on :attr:`Difference.detail`."""
    reason: str
    reference: str
    """An upstream issue or documentation page that says so."""

    def matches(self, difference: Difference) -> bool:
        return (
            difference.kind == self.kind
            and fnmatchcase(difference.page, self.page)
            and fnmatchcase(difference.detail, self.detail)
        )


ZENSICAL_PLUGINS = "https://zensical.org/docs/compatibility/mkdocs/plugins/"

KNOWN_GAPS: tuple[KnownGap, ...] = (
    KnownGap(
        kind="broken-link",
        page="*",
        detail="/glossary/index.md#term-*",
        reason=(
            "glossary links are written relative to docs/ (`/glossary/index.md#term-id`, "
            "macros/termlinks.py) for mkdocs.yml's `validation: absolute_links: "
            "relative_to_docs`, which makes MkDocs turn them into links relative to each "
            "page; Zensical 0.0.73 leaves them as written, so they miss in the built site"
        ),
        reference="https://github.com/zensical/zensical/issues/801",
    ),
    KnownGap(
        kind="missing-file",
        page="*.md",
        detail="",
        reason=(
            "llms.txt and each page's Markdown copy are written by an MkDocs hook "
            "(macros/llmstxt.py); Zensical runs no MkDocs hooks or plugins it does not "
            "reimplement itself, and has no public module API for a project's own yet"
        ),
        reference=ZENSICAL_PLUGINS,
    ),
    KnownGap(
        kind="missing-file",
        page="llms.txt",
        detail="",
        reason="written by the same MkDocs hook as the pages' Markdown copies (see above)",
        reference=ZENSICAL_PLUGINS,
    ),
)
"""What waits on Zensical: each entry matched by at least one difference, or reported stale."""


@dataclass
class Page:
    """What the comparison reads of one HTML page."""

    tables: dict[str, list[str]] = field(default_factory=dict)
    """``dataset#n`` (the n-th table of that dataset on the page) -> its row keys in order."""
    links: list[str] = field(default_factory=list)
    """Every ``href`` and ``src`` of the page, as written."""
    ids: set[str] = field(default_factory=set)
    macros: list[str] = field(default_factory=list)
    """Text outside code that still holds ``{{`` or ``{%``."""


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.datasets: list[str | None] = []
        self.seen: Counter[str] = Counter()
        self.table: list[str] | None = None
        self.row: str | None = None  # the open row's id ("" when it has none)
        self.cells = 0  # cells of the open row so far
        self.in_cell = False
        self.first: list[str] = []  # the open row's first cell's text
        self.head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name):
                self.page.links.append(values[name])
        if tag not in VOID_TAGS:
            self.stack.append(tag)
        if tag == "div":
            self.datasets.append(values.get("data-dataset"))
        elif tag == "table":
            dataset = next((d for d in reversed(self.datasets) if d), "table")
            key = f"{dataset}#{self.seen[dataset]}"
            self.seen[dataset] += 1
            self.table = self.page.tables.setdefault(key, [])
        elif tag == "thead":
            self.head = True
        elif tag == "tr" and self.table is not None and not self.head:
            self.row, self.cells, self.first = values.get("id", ""), 0, []
        elif tag in {"td", "th"} and self.row is not None:
            self.cells += 1
            self.in_cell = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if tag == "div" and self.datasets:
            self.datasets.pop()
        elif tag == "table":
            self.table = None
        elif tag == "thead":
            self.head = False
        elif tag == "tr" and self.row is not None and self.table is not None:
            self.table.append(self.row or " ".join("".join(self.first).split()))
            self.row = None
        elif tag in {"td", "th"}:
            self.in_cell = False

    def handle_data(self, data: str) -> None:
        if self.row is not None and self.in_cell and self.cells == 1:
            self.first.append(data)
        if ("{{" in data or "{%" in data) and not CODE_TAGS & set(self.stack):
            self.page.macros.append(" ".join(data.split())[:80])


def parse_page(html: str) -> Page:
    """The tables, links, ids and leftover macros of one page's HTML."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.page


def read_site(site: Path) -> dict[str, Page]:
    """Every HTML page of ``site`` by its path inside it."""
    return {
        path.relative_to(site).as_posix(): parse_page(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }


def project_files(site: Path) -> set[str]:
    """The files of ``site`` that are not pages and not the engine's own (:data:`ENGINE_FILES`)."""
    return {
        name
        for path in site.rglob("*")
        if path.is_file()
        and not (name := path.relative_to(site).as_posix()).endswith(".html")
        and not any(fnmatchcase(name, pattern) for pattern in ENGINE_FILES)
    }


def compare_pages(mkdocs: dict[str, Page], zensical: dict[str, Page]) -> list[Difference]:
    """Pages missing from either site, and tables and rows missing or added on each page."""
    found = [Difference("missing-page", name) for name in sorted(mkdocs.keys() - zensical.keys())]
    found += [Difference("extra-page", name) for name in sorted(zensical.keys() - mkdocs.keys())]
    for name in sorted(mkdocs.keys() & zensical.keys()):
        ours, theirs = mkdocs[name].tables, zensical[name].tables
        for table, rows in ours.items():
            if table not in theirs:
                found.append(Difference("missing-table", name, f"{table} ({len(rows)} rows)"))
                continue
            missing = Counter(rows) - Counter(theirs[table])
            extra = Counter(theirs[table]) - Counter(rows)
            found += [Difference("missing-row", name, f"{table}: {row}") for row in missing]
            found += [Difference("extra-row", name, f"{table}: {row}") for row in extra]
    return found


def resolve(page: str, href: str) -> tuple[str, str] | None:
    """The file (a path inside the site) and fragment a relative link of ``page`` points at.

    None for a link that leaves the site (a scheme or ``//host``).
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    base = "" if path.startswith("/") else posixpath.dirname(page)
    target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if path.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return target, parts.fragment


def check_links(site: Path, pages: dict[str, Page]) -> list[Difference]:
    """Unresolved ``term:`` and project links, and relative links or anchors that reach nothing."""
    found: list[Difference] = []
    for name, page in sorted(pages.items()):
        for href in dict.fromkeys(page.links):
            scheme = urlsplit(href).scheme.lower()
            if scheme == "term":
                found.append(Difference("term-link", name, href))
                continue
            if scheme and scheme not in WEB_SCHEMES and scheme != "javascript":
                found.append(Difference("project-link", name, href))
                continue
            target = resolve(name, href)
            if target is None:
                continue
            path, fragment = target
            if path.startswith("../") or not (site / path).is_file():
                if (site / path).is_dir() and (site / path / "index.html").is_file():
                    path = posixpath.join(path, "index.html")
                else:
                    found.append(Difference("broken-link", name, href))
                    continue
            if fragment and path in pages and fragment not in pages[path].ids:
                found.append(Difference("broken-link", name, href))
    return found


def check_macros(pages: dict[str, Page]) -> list[Difference]:
    """Jinja left in a page's text outside code: a macro that was never rendered."""
    return [
        Difference("unrendered-macro", name, text)
        for name, page in sorted(pages.items())
        for text in page.macros
    ]


def compare_sites(mkdocs_site: Path, zensical_site: Path) -> list[Difference]:
    """Every difference between the two builds (see the module's docstring)."""
    mkdocs, zensical = read_site(mkdocs_site), read_site(zensical_site)
    found = compare_pages(mkdocs, zensical)
    found += check_links(zensical_site, zensical)
    found += check_macros(zensical)
    missing = project_files(mkdocs_site) - project_files(zensical_site)
    found += [Difference("missing-file", name) for name in sorted(missing)]
    return found


@dataclass(frozen=True)
class Verdict:
    """The differences sorted into what fails and what waits on Zensical."""

    failures: list[Difference]
    known: list[tuple[Difference, KnownGap]]
    stale: list[KnownGap]

    @property
    def passed(self) -> bool:
        return not self.failures and not self.stale


def judge(differences: Iterable[Difference], gaps: Sequence[KnownGap] = KNOWN_GAPS) -> Verdict:
    """Each difference with the known gap it matches, or as a failure; gaps that matched none."""
    failures: list[Difference] = []
    known: list[tuple[Difference, KnownGap]] = []
    for difference in differences:
        gap = next((gap for gap in gaps if gap.matches(difference)), None)
        if gap is None:
            failures.append(difference)
        else:
            known.append((difference, gap))
    used = {id(gap) for _, gap in known}
    return Verdict(failures, known, [gap for gap in gaps if id(gap) not in used])


def summary(verdict: Verdict, pages: int, heading: str = "Zensical parity") -> str:
    """The Markdown report: failures first, then stale gaps, then the known upstream gaps."""
    status = "passed" if verdict.passed else "FAILED"
    lines = [f"## {heading}: {status}", ""]
    lines.append(
        f"{pages} pages compared; {len(verdict.failures)} difference(s) to fix here, "
        f"{len(verdict.known)} known upstream, {len(verdict.stale)} stale known gap(s)."
    )
    if verdict.failures:
        lines += ["", "### To fix in this project", ""]
        lines += [f"- {difference.line()}" for difference in verdict.failures]
    if verdict.stale:
        lines += ["", "### Known gaps that no longer occur (delete them from KNOWN_GAPS)", ""]
        lines += [
            f"- `{gap.kind}` {gap.page} {gap.detail}".rstrip() + f": {gap.reason} ({gap.reference})"
            for gap in verdict.stale
        ]
    if verdict.known:
        lines += ["", "### Known upstream (waiting on Zensical; not failing)", ""]
        by_gap: dict[int, list[Difference]] = {}
        for difference, gap in verdict.known:
            by_gap.setdefault(id(gap), []).append(difference)
        for gap in dict.fromkeys(gap for _, gap in verdict.known):
            matched = by_gap[id(gap)]
            lines.append(f"- {gap.reason}: {len(matched)} difference(s); see <{gap.reference}>")
            lines += ["", "  <details><summary>The differences</summary>", ""]
            lines += [f"  - {difference.line()}" for difference in matched]
            lines += ["", "  </details>", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("mkdocs_site", type=Path)
    parser.add_argument("zensical_site", type=Path)
    parser.add_argument("--summary", type=Path, help="write the Markdown summary here too")
    args = parser.parse_args(argv)
    if missing := [
        s for s in (args.mkdocs_site, args.zensical_site) if not (s / "index.html").is_file()
    ]:
        print(f"{missing[0]}: no index.html: build the site first (make zensical)", file=sys.stderr)
        return 2
    pages = len(list(args.mkdocs_site.rglob("*.html")))
    verdict = judge(compare_sites(args.mkdocs_site, args.zensical_site))
    report = summary(verdict, pages)
    print(report.split("\n### Known upstream", 1)[0].rstrip())  # the full list: --summary
    if verdict.known and args.summary:
        print(f"\n{len(verdict.known)} known upstream difference(s): see {args.summary}")
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        args.summary.write_text(report, encoding="utf-8")
    if step_summary := os.environ.get("GITHUB_STEP_SUMMARY"):
        with Path(step_summary).open("a", encoding="utf-8") as out:
            out.write(report)
    return 0 if verdict.passed else 1


if __name__ == "__main__":
    sys.exit(main())
