"""The copies a benchmark builds: base, its pre-rendered twin, x10 rows and x10 pages."""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.termlinks import GLOSSARY_PAGE, anchor
from scripts.bench import (
    ARTICLE,
    BUILD_TIMEOUT,
    CAPTURE_ENV,
    CAPTURE_HOOK,
    FACTOR,
    FRONT_MATTER,
    RENDER_MACROS,
    REPORTED,
    VARIANTS,
    BenchError,
)
from scripts.bench.config import (
    prefixed_nav,
    read_config,
    with_abbreviations,
    with_hook,
    with_nav,
    without_extension,
    without_plugin,
)
from scripts.project import ROOT, build_env, copy_project

# ---------------------------------------------------------------- copies


def _run(args: Sequence[str], cwd: Path, what: str) -> None:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        # The copy's own macros/ comes first (the working folder); the commands from this checkout.
        env=build_env(PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"{what} failed in {cwd}:\n{_tail(result.stdout + result.stderr)}")


@dataclass(frozen=True)
class Build:
    seconds: float
    reported: float | None


def mkdocs_build(project: Path, site: Path, extra_env: dict[str, str] | None = None) -> Build:
    """A strict build of ``project`` into ``site``, timed; raises if it fails."""
    start = time.perf_counter()
    result = subprocess.run(
        [
            *(sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"),
            *("--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)),
        ],
        cwd=project,
        env=build_env(**(extra_env or {})),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchError(f"strict build of {project.name} failed:\n{_tail(result.stderr)}")
    reported = REPORTED.search(result.stderr)
    return Build(seconds, float(reported.group(1)) if reported else None)


def write_exports(project: Path) -> None:
    """The data downloads the site links to, as ``make exports`` writes them."""
    _run(["-m", "scripts.exports", "docs/downloads/data", "data"], project, "exports")


def check_data(project: Path) -> None:
    _run(["-m", "scripts.check", "data"], project, "data validation")


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def count_pages(docs: Path) -> int:
    """Markdown pages MkDocs builds: hidden folders and examples/ (excluded) left out."""
    return sum(
        1
        for path in docs.rglob("*.md")
        if not any(
            part.startswith(".") or part == "examples" for part in path.relative_to(docs).parts
        )
    )


# ---------------------------------------------------------------- variants


TERM_LINK = re.compile(r"\[([^\]]*)\]\(term:([a-z0-9-]+)\)")


def with_static_term_links(markdown: str, terms: dict[str, dict[str, str]]) -> str:
    """``markdown`` with each ``[text](term:id)`` written out as the link it becomes.

    What macros.termlinks does in the build, done in the text, so the static
    twin needs no glossary: ``/glossary/index.md#term-id`` with the definition
    as the title, and the term's name where the label is empty.
    """

    def link(match: re.Match[str]) -> str:
        label, ident = match.groups()
        term = terms[ident]
        if not label.strip():
            label = html.escape(term["name"]).replace("[", "\\[").replace("]", "\\]")
        # Python-Markdown keeps a backslash in a title as it is; an entity it passes on.
        title = term["definition"].replace('"', "&quot;")
        return f'[{label}]({GLOSSARY_PAGE}#{anchor(ident)} "{title}")'

    return TERM_LINK.sub(link, markdown)


def static_page(source: str, rendered: str) -> str:
    """A page with body ``rendered`` under ``source``'s front matter, minus ``render_macros``."""
    match = FRONT_MATTER.match(source)
    if match is None:
        return rendered
    kept = [
        line for line in match.group(1).splitlines(keepends=True) if not RENDER_MACROS.match(line)
    ]
    if not any(line.strip() for line in kept):
        return rendered
    return "---\n" + "".join(kept) + "---\n\n" + rendered


def prerender_pages(project: Path, capture: Path) -> int:
    """Turn ``project`` into its static twin; return the number of pages rewritten.

    One build with a capture hook saves each page's Markdown after mkdocs-macros
    rendered it; those bodies go back into the pages with their glossary links
    written out, the ``macros`` plugin and the data layer's Markdown extensions
    (``macros.termlinks``, ``macros.tableblocks``) leave mkdocs.yml, and
    ``macros.glossary`` becomes plain ``abbr`` with the glossary's abbreviations
    written in, so the HTML stays the same.
    """
    config_path = project / "mkdocs.yml"
    original = config_path.read_text(encoding="utf-8")
    config_path.write_text(with_hook(original, CAPTURE_HOOK), "utf-8")
    try:
        mkdocs_build(project, capture / "site", {CAPTURE_ENV: str(capture)})
    finally:
        config_path.write_text(original, encoding="utf-8")

    docs = project / "docs"
    terms = json.loads((capture / "terms.json").read_text(encoding="utf-8"))
    captured = sorted(p for p in (capture / "pages").rglob("*") if p.is_file())
    for path in captured:
        page = docs / path.relative_to(capture / "pages")
        source = page.read_text(encoding="utf-8")
        rendered = with_static_term_links(path.read_text(encoding="utf-8"), terms)
        page.write_text(static_page(source, rendered), encoding="utf-8")

    config = without_plugin(original, "macros")
    for extension in ("macros.termlinks", "macros.tableblocks"):
        config = without_extension(config, extension)
    glossary = json.loads((capture / "abbreviations.json").read_text(encoding="utf-8"))
    if glossary:
        config = with_abbreviations(config, glossary)
    config_path.write_text(config, encoding="utf-8")
    return len(captured)


def multiplied_entries(entries: list[Any], factor: int) -> list[Any]:
    """``entries`` followed by ``factor - 1`` copies, each with its own id and name."""
    out = list(entries)
    for number in range(2, factor + 1):
        for entry in entries:
            twin = copy.deepcopy(entry)  # shared objects would be dumped as YAML aliases
            twin["id"] = f"{entry['id']}-copy{number}"
            twin["name"] = f"{entry['name']} (copy {number})"
            out.append(twin)
    return out


def multiply_rows(data_dir: Path, factor: int) -> dict[str, int]:
    """Rewrite every data file with ``factor`` times its entries; return the new counts."""
    counts: dict[str, int] = {}
    for path in sorted(data_dir.glob("*.yml")):
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if not isinstance(entries, list):
            raise BenchError(f"{path} does not hold a list of entries")
        many = multiplied_entries(entries, factor)
        text = yaml.safe_dump(many, sort_keys=False, allow_unicode=True, width=1000)
        path.write_text(
            f"# {path.name} with every entry {factor} times, written by macros.bench\n{text}",
            encoding="utf-8",
        )
        counts[path.stem] = len(many)
    return counts


def _copied_page_file(relative: Path) -> bool:
    """Files a copy of the pages needs: not the theme's folders, not the excluded examples."""
    parts = relative.parts
    return not (
        any(part.startswith(".") for part in parts)
        or parts[0] in ("assets", "examples")
        or re.fullmatch(r"copy-\d+", parts[0])
    )


def multiply_pages(project: Path, factor: int) -> int:
    """Copy the pages (and the downloads they link to) into docs/copy-N/ for N = 2..factor.

    The nav gains one section "Copy N" per copy that mirrors the original nav.
    Returns the number of pages the site then has.
    """
    docs = project / "docs"
    files = [
        path
        for path in sorted(docs.rglob("*"))
        if path.is_file() and _copied_page_file(path.relative_to(docs))
    ]
    for number in range(2, factor + 1):
        for path in files:
            target = docs / f"copy-{number}" / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    nav = read_config(text).get("nav")
    if not isinstance(nav, list):
        raise BenchError("mkdocs.yml has no nav list to mirror")
    copies = [{f"Copy {n}": prefixed_nav(nav, f"copy-{n}/")} for n in range(2, factor + 1)]
    config_path.write_text(with_nav(text, nav + copies), encoding="utf-8")
    return count_pages(docs)


def prepare_variants(work: Path) -> dict[str, tuple[Path, int]]:
    """The copies to build, each with its page count."""
    projects: dict[str, tuple[Path, int]] = {}
    for name in VARIANTS:
        project = copy_project(work / name)
        write_exports(project)
        if name.startswith("rows10"):
            multiply_rows(project / "data", FACTOR)
            check_data(project)
            write_exports(project)
        if name.endswith("static"):
            prerender_pages(project, work / f"capture-{name}")
        elif name == "pages10":
            multiply_pages(project, FACTOR)
        projects[name] = (project, count_pages(project / "docs"))
    return projects


def articles(site: Path) -> dict[str, str]:
    """Each built page's ``<article>`` element (empty when it has none), by path."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        match = ARTICLE.search(path.read_text(encoding="utf-8"))
        found[path.relative_to(site).as_posix()] = match.group(0) if match else ""
    return found


def article_differences(base_site: Path, other_site: Path) -> list[str]:
    """Pages whose article differs between the two sites, or that only one of them has."""
    base, other = articles(base_site), articles(other_site)
    return sorted(
        name
        for name in base.keys() | other.keys()
        if base.get(name) is None or base.get(name) != other.get(name)
    )
