"""The code readers copy from the guide: every example file is valid and used.

Example sources live in docs/examples and are pulled into pages by snippets, so
the tests below check exactly what readers see. Python examples run through
their framework's test client. Other languages are parsed by tree-sitter
grammars (installed from the lock, so these always run) and, where the
language's own toolchain is on the machine, by that toolchain too.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT

EXAMPLES = ROOT / "docs" / "examples"
DOCS = ROOT / "docs"
SNIPPET = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$', re.MULTILINE)
SERVER_LANGUAGES = ("javascript", "python", "java", "php", "csharp", "ruby", "go", "rust")


def load_module(path: Path) -> ModuleType:
    """Import an example file as a fresh module, without touching sys.path."""
    name = "atlas_example_" + "_".join(path.relative_to(EXAMPLES).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


# --- every file is shown somewhere, and every language has its first endpoint ---


def included_snippets() -> set[str]:
    found: set[str] = set()
    for page in DOCS.rglob("*.md"):
        found.update(SNIPPET.findall(page.read_text(encoding="utf-8")))
    return found


def test_every_example_file_is_included_by_a_page() -> None:
    included = included_snippets()
    orphans = [
        str(p.relative_to(EXAMPLES))
        for p in example_files()
        if str(p.relative_to(EXAMPLES)) not in included
    ]
    assert not orphans, f"example files no page includes (delete or include them): {orphans}"


def test_first_endpoint_exists_for_each_language() -> None:
    folders = {p.name for p in (EXAMPLES / "first-endpoint").iterdir() if p.is_dir()}
    assert folders == set(SERVER_LANGUAGES)


# --- Python: run through the framework's test client ---


@pytest.fixture(scope="module")
def first_endpoint_client() -> Any:
    from fastapi.testclient import TestClient

    module = load_module(EXAMPLES / "first-endpoint" / "python" / "main.py")
    return TestClient(module.app)


def test_python_health_returns_ok(first_endpoint_client: Any) -> None:
    response = first_endpoint_client.get("/health")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"status": "ok"}


def test_python_book_by_id(first_endpoint_client: Any) -> None:
    response = first_endpoint_client.get("/books/1")
    assert response.status_code == 200
    assert response.json() == {"id": 1, "title": "Dune"}


def test_python_unknown_book_is_404_with_error(first_endpoint_client: Any) -> None:
    response = first_endpoint_client.get("/books/99")
    assert response.status_code == 404
    assert response.json() == {"error": "book not found"}


def test_python_malformed_id_is_rejected_before_the_handler(first_endpoint_client: Any) -> None:
    # The page says FastAPI answers 422 for /books/abc; keep the page honest.
    assert first_endpoint_client.get("/books/abc").status_code == 422


# --- every other language: tree-sitter always, native toolchain where present ---


def _grammar(module: str, function: str = "language") -> Callable[[], Any]:
    def load() -> Any:
        import tree_sitter

        grammar = importlib.import_module(module)
        return tree_sitter.Language(getattr(grammar, function)())

    return load


GRAMMARS: dict[str, Callable[[], Any]] = {
    ".mjs": _grammar("tree_sitter_javascript"),
    ".js": _grammar("tree_sitter_javascript"),
    ".java": _grammar("tree_sitter_java"),
    ".php": _grammar("tree_sitter_php", "language_php"),
    ".cs": _grammar("tree_sitter_c_sharp"),
    ".rb": _grammar("tree_sitter_ruby"),
    ".go": _grammar("tree_sitter_go"),
    ".rs": _grammar("tree_sitter_rust"),
}


def syntax_errors(source: bytes, language: Any) -> list[str]:
    """Line:column of every ERROR or MISSING node in the parse tree."""
    import tree_sitter

    tree = tree_sitter.Parser(language).parse(source)
    problems: list[str] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            row, column = node.start_point
            kind = "missing " + node.type if node.is_missing else "unexpected text"
            problems.append(f"{row + 1}:{column + 1}: {kind}")
        stack.extend(node.children)
    return sorted(problems)


# docs/examples/sql is run, not parsed: tests/examples/test_sql_examples.py runs each
# .sql file in SQLite and compares its rows with the result table in sql/results/.
NON_PYTHON = [
    p for p in example_files() if p.suffix != ".py" and p.relative_to(EXAMPLES).parts[0] != "sql"
]


@pytest.mark.parametrize("path", NON_PYTHON, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_parses(path: Path) -> None:
    assert path.suffix in GRAMMARS, f"no syntax check for {path.suffix}: add a grammar"
    problems = syntax_errors(path.read_bytes(), GRAMMARS[path.suffix]())
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)


def test_syntax_check_catches_a_broken_file() -> None:
    broken = b'package main\n\nfunc main() {\n\tfmt.Println("no closing brace"\n'
    assert syntax_errors(broken, GRAMMARS[".go"]())


NATIVE: dict[str, tuple[str, list[str], str]] = {
    # suffix: (tool, arguments before the file, how to get the tool on Debian)
    ".mjs": ("node", ["--check"], "apt-get install nodejs"),
    ".php": ("php", ["-l"], "apt-get install php-cli"),
    ".rb": ("ruby", ["-c"], "apt-get install ruby"),
    ".go": ("gofmt", ["-e", "-l"], "apt-get install golang-go"),
    ".rs": ("rustfmt", ["--edition", "2021", "--emit", "stdout"], "apt-get install rustfmt"),
    ".java": (
        "javac",
        ["-XDshould-stop.ifNoError=PARSE", "-XDshould-stop.ifError=PARSE", "-d", "{tmp}"],
        "apt-get install default-jdk-headless",
    ),
}
NO_NATIVE = {
    ".cs": "no C# compiler on this machine: the .NET SDK is not packaged in Debian, "
    "so only the tree-sitter C# grammar checks this file (test_example_parses)",
}


def _native_tool(suffix: str) -> tuple[str, list[str]]:
    if suffix in NO_NATIVE:
        pytest.skip(NO_NATIVE[suffix])
    tool, arguments, install = NATIVE[suffix]
    found = shutil.which(tool) or (
        str(Path.home() / ".cargo" / "bin" / tool)
        if (Path.home() / ".cargo" / "bin" / tool).exists()
        else None
    )
    if found is None:
        pytest.skip(f"{tool} is not on PATH ({install}; .ci/run installs it)")
    return found, arguments


@pytest.mark.tools
@pytest.mark.parametrize("path", NON_PYTHON, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_passes_its_own_toolchain(path: Path, tmp_path: Path) -> None:
    tool, arguments = _native_tool(path.suffix)
    command = [tool, *(a.replace("{tmp}", str(tmp_path)) for a in arguments), str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}{result.stderr}"
    if path.suffix == ".go":
        assert result.stdout == "", f"not gofmt-formatted: run gofmt -w {path}"
