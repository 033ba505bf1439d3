"""Which pages of the site a change affects, for the pull-request preview.

CI lists the files a pull request changes (``git diff --name-only``) and this
module turns them into the pages a reviewer should open in the preview, each
with the reason: the page itself, a data file behind one of its tables, or an
included example. Changes to the theme, the macros or the configuration touch
every page and are reported as such.

    git diff --name-only origin/main... | python -m scripts.preview >> "$GITHUB_STEP_SUMMARY"
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from macros.datasets import DATASETS

# What each macro reads, beyond its own dataset's references (models' `references`).
MACRO_DATASETS: dict[str, tuple[str, ...]] = {
    "languages": ("languages",),
    "frameworks": ("frameworks",),
    "framework_capabilities": ("frameworks",),
    "stack_chooser": ("frameworks", "languages", "app-servers", "serverless-platforms"),
    "capabilities_of": ("databases", "web-servers"),
    "databases": ("databases",),
    "web_servers": ("web-servers",),
    "api_styles": ("api-styles",),
    "architectures": ("architectures",),
    "tools": ("tools",),
    "app_servers": ("app-servers",),
    "message_brokers": ("message-brokers",),
    "serverless_platforms": ("serverless-platforms",),
    "glossary": ("glossary",),
    "notable_users": ("languages",),
    "web_share": ("languages",),
    "data_catalog": tuple(DATASETS),
    "review_dates": tuple(DATASETS),
}
EVERY_PAGE = re.compile(
    r"^(mkdocs[\w-]*\.yml|macros/.*\.py|docs/\.overrides/.*|docs/assets/.*|"
    r"requirements\.txt|data/glossary\.yml)$"
)
_MACRO_CALL = re.compile(r"\{\{-?\s*([a-z_]+)\(")
_TERM_LINK = re.compile(r"\]\(term:[a-z0-9-]+")  # [text](term:id), see macros/termlinks.py
_SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']([^"']+)["']""", re.MULTILINE)


@dataclass(frozen=True)
class Page:
    source: str  # docs-relative path, e.g. "languages/index.md"
    title: str
    url: str  # site-relative, e.g. "languages/"
    datasets: frozenset[str]
    snippets: frozenset[str]


def _with_references(names: Iterable[str]) -> set[str]:
    found = set(names)
    for name in list(found):
        found.update(DATASETS[name].model.references.values())
    return found


def read_page(docs_dir: Path, path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, object] = {}
    if text.startswith("---\n"):
        meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
    source = path.relative_to(docs_dir).as_posix()
    url = re.sub(r"(^|/)index\.md$", r"\1", source)
    url = re.sub(r"\.md$", "/", url)
    used: set[str] = set()
    if meta.get("render_macros"):
        for macro in _MACRO_CALL.findall(text):
            used.update(MACRO_DATASETS.get(macro, ()))
    if _TERM_LINK.search(text):
        used.add("glossary")
    return Page(
        source=source,
        title=str(meta.get("title") or source),
        url=url,
        datasets=frozenset(_with_references(used)),
        snippets=frozenset(_SNIPPET.findall(text)),
    )


def site_pages(docs_dir: Path) -> list[Page]:
    return [
        read_page(docs_dir, path)
        for path in sorted(docs_dir.rglob("*.md"))
        if not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
        and "examples" not in path.relative_to(docs_dir).parts[:1]
        and "assets" not in path.relative_to(docs_dir).parts[:1]
    ]


def affected_pages(changed: Iterable[str], pages: list[Page]) -> tuple[bool, dict[str, list[str]]]:
    """Whether every page is affected, and page source -> why, for the other changes."""
    everything = False
    reasons: dict[str, list[str]] = {}
    for name in sorted(set(changed)):
        path = PurePosixPath(name)
        if EVERY_PAGE.match(name):
            everything = True
        if name == "CONTRIBUTING.md":
            reasons.setdefault("contributing.md", []).append("CONTRIBUTING.md is this page")
            continue
        if path.parts[:1] == ("docs",) and path.suffix == ".md":
            source = PurePosixPath(*path.parts[1:]).as_posix()
            reasons.setdefault(source, []).append("page edited")
        elif path.parts[:2] == ("docs", "examples"):
            snippet = PurePosixPath(*path.parts[2:]).as_posix()
            for page in pages:
                if snippet in page.snippets:
                    reasons.setdefault(page.source, []).append(f"includes `{snippet}`")
        elif path.parts[:1] == ("data",) and path.stem in DATASETS and len(path.parts) == 2:
            for page in pages:
                if path.stem in page.datasets:
                    reasons.setdefault(page.source, []).append(f"shows data from `{name}`")
    known = {page.source for page in pages}
    return everything, {page: why for page, why in reasons.items() if page in known}


def summary(changed: list[str], pages: list[Page]) -> str:
    """The job summary: a Markdown list of the pages to review in the preview."""
    everything, reasons = affected_pages(changed, pages)
    by_source = {page.source: page for page in pages}
    lines = ["## Pages this pull request affects", ""]
    if not changed:
        lines.append("No files changed.")
    if everything:
        lines.append(
            "The theme, the macros, the configuration or the glossary changed: **every page** "
            f"({len(pages)}) may look different. Start with these:"
        )
        lines.append("")
    if reasons:
        lines.append("| Page | In the preview | Why |")
        lines.append("|---|---|---|")
        order = {page.source: number for number, page in enumerate(pages)}
        for source in sorted(reasons, key=order.__getitem__):
            page = by_source[source]
            why = "; ".join(dict.fromkeys(reasons[source]))
            lines.append(f"| {page.title} | `{page.url}index.html` | {why} |")
    elif changed and not everything:
        lines.append("No page of the site changes (tests, workflows or tooling only).")
    lines += [
        "",
        "Download the **site-preview** artifact of this run, unzip it, and open the files "
        "listed above in a browser (or run `python3 -m http.server -d site` in the folder).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    docs_dir = Path(argv[0]) if argv else Path("docs")
    changed = [line.strip() for line in sys.stdin if line.strip()]
    print(summary(changed, site_pages(docs_dir)), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
