"""Import the guide's example programs the way a reader runs them: from their folder.

The examples in docs/examples/<topic>/ import each other by plain module name
(``import tokens``), as they do when run from their own folder. A test module
declares its folder and modules once::

    examples_on_path = examples_fixture(FOLDER, ("run", "parameters"))

and gets, for the module's tests only, the folder on sys.path and fresh copies
of those modules, forgotten afterwards so that two topics' ``app`` never meet.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Literal

import pytest


@contextlib.contextmanager
def on_path(folder: Path, modules: Sequence[str]) -> Iterator[None]:
    """The folder first on sys.path, and none of its modules imported before or after."""
    for name in modules:
        sys.modules.pop(name, None)
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name in modules:
            sys.modules.pop(name, None)


def examples_fixture(
    folder: Path, modules: Sequence[str], scope: Literal["module", "function"] = "module"
) -> Callable[[], Iterator[None]]:
    """An autouse fixture that puts the examples' folder on sys.path (per module by default;
    ``scope="function"`` gives every test fresh copies of modules that keep state)."""

    @pytest.fixture(scope=scope, autouse=True)
    def examples_on_path() -> Iterator[None]:
        with on_path(folder, modules):
            yield

    return examples_on_path


def example(name: str) -> ModuleType:
    """An example module by its plain name (the fixture has put its folder on the path)."""
    return importlib.import_module(name)


def load_file(path: Path) -> ModuleType:
    """A standalone example (one that imports no sibling) loaded from its file.

    It is registered under a name made from its folder and file, so examples
    with the same file name in two topics never replace each other.
    """
    name = f"atlas_example_{path.parent.name}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, f"cannot load {path}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
