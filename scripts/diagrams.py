"""Draw the guide's Mermaid diagrams to SVG, once, for the build to inline.

Every ```mermaid fence under docs/ has its SVG in docs/.diagrams/<key>.svg, the key
hashing its source, the vendored Mermaid release and the configuration
(macros/diagrams.py). This command draws the missing ones in headless Chromium
with the vendored mermaid.min.js (nothing is fetched: every request is
refused) and deletes the SVGs no fence uses any more. Commit docs/.diagrams/ with
the pages.

    python -m scripts.diagrams            # draw what is missing, remove what is unused
    python -m scripts.diagrams --check    # only list missing and unused SVGs; exit 1 if any
    python -m scripts.diagrams --force    # draw every diagram again (a new Mermaid, new fonts)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.diagrams import CACHE_DIR, MERMAID_CONFIG, cache_key, render_id, summary
from macros.diagramsvg import DiagramSvgError, page_svg
from scripts.project import CHROMIUM, CHROMIUM_ARGS, ROOT

DOCS = ROOT / "docs"
MERMAID_JS = DOCS / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")

# mermaid.render() resolves to the SVG; a syntax error rejects with Mermaid's message.
RENDER = """
async ([config, id, source]) => {
  mermaid.initialize(config);
  try {
    return {svg: (await mermaid.render(id, source)).svg};
  } catch (error) {
    return {error: String(error && error.message || error)};
  }
}
"""


@dataclass(frozen=True)
class Fence:
    page: str
    """The page's path under docs/, e.g. ``basics/request-lifecycle.md``."""
    line: int
    """The line of the opening fence, counted from 1."""
    source: str

    @property
    def key(self) -> str:
        return cache_key(self.source)

    @property
    def where(self) -> str:
        return f"docs/{self.page}:{self.line}"


def fences_in(text: str) -> list[tuple[int, str]]:
    """(line, source) of each ```mermaid fence of a Markdown text, nested ones included.

    Other fences are skipped whole, so a Mermaid example shown inside a longer
    ```markdown fence is not a diagram.
    """
    found: list[tuple[int, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        fence, indent = opening.group("fence"), len(opening.group("indent"))
        is_mermaid = opening.group("info").split(" ", 1)[0].strip() == "mermaid"
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            closing = _FENCE.match(lines[j])
            if (
                closing is not None
                and closing.group("fence")[0] == fence[0]
                and len(closing.group("fence")) >= len(fence)
                and not closing.group("info").strip()
            ):
                break
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        if is_mermaid:
            found.append((i + 1, "\n".join(body) + "\n"))
        i = j + 1
    return found


def find_fences(docs: Path = DOCS) -> list[Fence]:
    """Every Mermaid fence of every page under ``docs``, in path order."""
    return [
        Fence(path.relative_to(docs).as_posix(), line, source)
        for path in sorted(docs.rglob("*.md"))
        for line, source in fences_in(path.read_text(encoding="utf-8"))
    ]


def missing(fences: Iterable[Fence], cache_dir: Path = CACHE_DIR) -> list[Fence]:
    """The fences whose SVG is not in ``cache_dir``: new, or edited since they were drawn."""
    return [fence for fence in fences if not (cache_dir / f"{fence.key}.svg").is_file()]


def unused(fences: Iterable[Fence], cache_dir: Path = CACHE_DIR) -> list[Path]:
    """The SVGs in ``cache_dir`` that no fence needs."""
    keys = {fence.key for fence in fences}
    return sorted(path for path in cache_dir.glob("*.svg") if path.stem not in keys)


def problems(fences: Sequence[Fence], cache_dir: Path = CACHE_DIR) -> list[str]:
    """What ``make diagrams`` would change, one line each, naming the page."""
    return [
        f"{fence.where}: the diagram ({summary(fence.source)}) has no SVG for its current"
        f" source (docs/.diagrams/{fence.key}.svg): run make diagrams"
        for fence in missing(fences, cache_dir)
    ] + [
        f"{path.relative_to(cache_dir.parent).as_posix()}: no page uses it: run make diagrams"
        for path in unused(fences, cache_dir)
    ]


class RenderError(RuntimeError):
    pass


def render(fences: Sequence[Fence], cache_dir: Path = CACHE_DIR, browser: Any = None) -> int:
    """Draw each of ``fences`` into ``cache_dir``; return how many SVGs were written.

    Each diagram is drawn on a fresh page, so Mermaid's counters (sequence
    actors are numbered across a page's diagrams) never depend on the others.
    Pass a running Playwright ``browser`` to reuse it.
    """
    if not fences:
        return 0
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            try:
                return render(fences, cache_dir, own)
            finally:
                own.close()
    cache_dir.mkdir(parents=True, exist_ok=True)
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())
    written = 0
    try:
        for fence in dict((fence.key, fence) for fence in fences).values():
            page = context.new_page()
            try:
                page.set_content("<!doctype html><html lang='en'><body></body></html>")
                page.add_script_tag(path=str(MERMAID_JS))
                result = page.evaluate(RENDER, [MERMAID_CONFIG, render_id(fence.key), fence.source])
            finally:
                page.close()
            if "error" in result:
                raise RenderError(
                    f"{fence.where}: Mermaid cannot draw this diagram: {result['error']}"
                )
            svg = str(result["svg"])
            try:
                page_svg(svg, render_id(fence.key), render_id(fence.key), fence.where)
            except DiagramSvgError as error:
                raise RenderError(str(error)) from error
            (cache_dir / f"{fence.key}.svg").write_text(svg + "\n", encoding="utf-8")
            written += 1
    finally:
        context.close()
    return written


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list what is missing or unused")
    parser.add_argument("--force", action="store_true", help="draw every diagram again")
    args = parser.parse_args(argv)
    fences = find_fences()
    if args.check:
        found = problems(fences)
        print("\n".join(found) or f"all {len(fences)} diagrams have their SVG")
        return 1 if found else 0
    todo = fences if args.force else missing(fences)
    try:
        written = render(todo)
    except RenderError as error:
        print(error, file=sys.stderr)
        return 1
    removed = unused(fences)
    for path in removed:
        path.unlink()
    print(
        f"{len(fences)} diagrams: drew {written}, removed {len(removed)} unused SVG(s)"
        f" in {CACHE_DIR.relative_to(ROOT)}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
