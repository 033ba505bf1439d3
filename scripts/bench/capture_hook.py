"""A MkDocs hook for ``make bench``: saves every page's Markdown after the plugins ran.

The benchmark adds this file to a copy's ``hooks:`` for one build. Hooks run
after plugins, and the low priority puts it after any plugin's handler, so what
it saves is the page as mkdocs-macros rendered it. After the build it writes the
glossary that the ``macros.glossary`` and ``macros.termlinks`` extensions read,
so the pre-rendered twin can do without them. ``ATLAS_BENCH_CAPTURE`` names the
folder it writes to.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from macros.glossary import abbreviations, glossary_terms

CAPTURE_ENV = "ATLAS_BENCH_CAPTURE"


def _out() -> Path:
    return Path(os.environ[CAPTURE_ENV])


@event_priority(-100)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    target = _out() / "pages" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown


def on_post_build(config: Any) -> None:
    terms = glossary_terms()
    glossary = abbreviations(terms.values())
    by_id = {ident: {"name": t.name, "definition": t.definition} for ident, t in terms.items()}
    (_out() / "abbreviations.json").write_text(json.dumps(glossary), encoding="utf-8")
    (_out() / "terms.json").write_text(json.dumps(by_id), encoding="utf-8")
