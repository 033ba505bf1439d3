"""llms.txt lists every page, and every page has a Markdown copy with nothing left unrendered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.build

DOCS = ROOT / "docs"
FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1", re.M | re.S)
CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
LEFTOVERS = ("{{", "{%", "--8<--", "](term:", "](repo:", "<table", "<a href", "class=\"atlas-")


def pages() -> list[str]:
    """Every page of the guide, as its source path under docs/."""
    return sorted(
        str(p.relative_to(DOCS))
        for p in DOCS.rglob("*.md")
        if not {"examples", ".overrides"} & set(p.relative_to(DOCS).parts)
    )


def copy_of(page: str, directory_urls: bool = True) -> str:
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.md"
    return f"{stem}/index.md" if directory_urls else f"{stem}.md"


def prose(text: str) -> str:
    """The copy without code blocks and code spans, where `{{` may be the example's own."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def listed(index: str) -> list[str]:
    return re.findall(r"^- \[[^\]]+\]\(([^)]+)\): \S", index, re.M)


def test_llms_txt_lists_every_page_once_with_a_description(built_site: Path) -> None:
    index = (built_site / "llms.txt").read_text(encoding="utf-8")
    assert index.startswith("# Backend Atlas\n\n> ")
    addresses = listed(index)
    copies = [copy_of(page) for page in pages()]
    assert sorted(a.split("/", 3)[3] for a in addresses) == sorted(copies)
    assert "## Building blocks" in index and "## Reference" in index


@pytest.mark.parametrize("page", pages())
def test_each_page_has_a_rendered_markdown_copy(built_site: Path, page: str) -> None:
    copy = built_site / copy_of(page)
    assert copy.is_file(), f"no Markdown copy of docs/{page} at {copy_of(page)}"
    text = copy.read_text(encoding="utf-8")
    assert text.startswith("# ") or "\n# " in text, f"{copy_of(page)}: no title"
    left = [item for item in LEFTOVERS if item in prose(text)]
    assert left == [], f"{copy_of(page)}: unrendered {left}"
    for target in re.findall(r"\]\((\.\.?/[^)#\s]+\.md)", text):
        assert (copy.parent / target).resolve().is_file(), f"{copy_of(page)}: dead link {target}"


def test_generated_tables_become_markdown_tables(built_site: Path) -> None:
    text = (built_site / "languages" / "index.md").read_text(encoding="utf-8")
    assert "| Language | Primary uses |" in text and "| C# (on .NET) |" in text


def test_the_offline_edition_carries_them_with_relative_links(offline_bundle: Path) -> None:
    index = (offline_bundle / "llms.txt").read_text(encoding="utf-8")
    addresses = listed(index)
    assert len(addresses) == len(pages())
    missing = [a for a in addresses if not (offline_bundle / a).is_file()]
    assert missing == [], f"llms.txt of the offline edition links missing files: {missing}"
    assert (offline_bundle / copy_of("basics/http.md", directory_urls=False)).is_file()
