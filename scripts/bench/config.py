"""Edits to a copy's mkdocs.yml: plugins, extensions, hooks and nav."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from scripts.bench import BenchError

# ---------------------------------------------------------------- mkdocs.yml edits


class _TaglessLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data: !ENV and !!python/name values become None."""


_TaglessLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(text: str) -> dict[str, Any]:
    config = yaml.load(text, Loader=_TaglessLoader)  # noqa: S506
    if not isinstance(config, dict):
        raise BenchError("mkdocs.yml does not hold a mapping")
    return config


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The first line after ``start`` that is not blank and not indented deeper than ``indent``."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def without_plugin(text: str, name: str) -> str:
    """``text`` (a mkdocs.yml) without the plugin ``name`` and its options."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^plugins\s*:", line)), None)
    if start is None:
        raise BenchError("mkdocs.yml has no top-level plugins list")
    item = re.compile(rf"^(\s*)- {re.escape(name)}:?\s*$")
    block = range(start + 1, _block_end(lines, start, 0))
    index = next((i for i in block if item.match(lines[i])), None)
    if index is None:
        raise BenchError(f"plugin {name!r} not found in mkdocs.yml")
    end = _block_end(lines, index, _indent(lines[index]))
    result = "".join(lines[:index] + lines[end:])
    plugins = read_config(result).get("plugins") or []
    if name in [next(iter(p)) if isinstance(p, dict) else p for p in plugins]:
        raise BenchError(f"could not remove plugin {name!r} from mkdocs.yml")
    return result


def with_abbreviations(text: str, glossary: dict[str, str]) -> str:
    """``text`` with ``macros.glossary`` replaced by plain ``abbr`` holding ``glossary``."""
    match = re.search(r"^(\s*)- macros\.glossary\s*$", text, re.MULTILINE)
    if match is None:
        raise BenchError("mkdocs.yml does not list the glossary extension as '- macros.glossary'")
    indent = match.group(1)
    replacement = f"{indent}- abbr:\n{indent}    glossary: {json.dumps(glossary)}"
    return text[: match.start()] + replacement + text[match.end() :]


def without_extension(text: str, name: str) -> str:
    """``text`` without the Markdown extension ``name`` (listed as ``- name``, no options)."""
    pattern = re.compile(rf"^\s*- {re.escape(name)}\s*\n", re.MULTILINE)
    if pattern.search(text) is None:
        raise BenchError(f"mkdocs.yml does not list the extension {name!r} as '- {name}'")
    return pattern.sub("", text, count=1)


def with_hook(text: str, hook: Path) -> str:
    """``text`` with ``hook`` added to its ``hooks:`` list (the list is made if missing)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^hooks\s*:", line)), None)
    if start is None:
        return text.rstrip("\n") + f"\n\nhooks:\n  - {hook}\n"
    end = _block_end(lines, start, 0)
    return "".join([*lines[:end], f"  - {hook}\n", *lines[end:]])


def with_nav(text: str, nav: list[Any]) -> str:
    """``text`` with its top-level ``nav:`` block replaced by ``nav``."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if re.match(r"^nav\s*:", line):
            end = _block_end(lines, index, 0)
            block = yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True, width=1000)
            return "".join(lines[:index]) + block + "".join(lines[end:])
    raise BenchError("mkdocs.yml has no top-level nav")


def prefixed_nav(nav: Any, prefix: str) -> Any:
    """``nav`` with every page path under ``prefix`` (links to other sites unchanged)."""
    if isinstance(nav, list):
        return [prefixed_nav(item, prefix) for item in nav]
    if isinstance(nav, dict):
        return {title: prefixed_nav(item, prefix) for title, item in nav.items()}
    if isinstance(nav, str) and "://" not in nav:
        return prefix + nav
    return nav


def nav_pages(nav: Any) -> list[str]:
    """Every page path in ``nav``, in order."""
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return [page for item in nav.values() for page in nav_pages(item)]
    if isinstance(nav, str) and "://" not in nav:
        return [nav]
    return []
