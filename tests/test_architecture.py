"""The layout of docs/architecture.md holds: the import-linter contracts of pyproject.toml
pass, no module imports itself round a cycle, and modules and functions stay small."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from .support.readback import ROOT

PACKAGE = ROOT / "generator"
#: Beyond these a module or a function is a sign to split (data tables are not counted).
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60
#: Modules allowed to be longer, each with its reason.
LONG_MODULES = {"check/rules.py": "a data table: the rule table and its limits"}
#: Functions allowed to be longer, each with its reason.
LONG_FUNCTIONS = {
    ("source/scaffold.py", "_blocks"): "a data table: the skeleton's text, block by block",
    ("sign/signing.py", "sign_pdf"): "kept whole while signing.py is edited on other branches",
}


def test_import_contracts_pass():
    """`lint-imports` (import-linter) keeps every contract of pyproject.toml."""
    tool = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(tool)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), i.e. import cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph.find_modules_directly_imported_by(module)):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle():
    """No chain of imports, at module or function level, leads back to where it started."""
    assert _cycles(grimp.build_graph("generator")) == []


def test_cycle_finder_finds_a_cycle():
    """The cycle finder itself: a two-module cycle is reported."""
    graph = grimp.ImportGraph()
    for module in ("a", "a.x", "a.y"):
        graph.add_module(module)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    assert _cycles(graph) == [["a.x", "a.y"]]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_small(path: Path):
    """No module runs past ~450 lines."""
    lines = len(path.read_text("utf-8").splitlines())
    if path.relative_to(PACKAGE).as_posix() not in LONG_MODULES:
        assert lines <= MAX_MODULE_LINES, f"{lines} lines"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_functions_fit_a_screen(path: Path):
    """No function runs past ~60 lines."""
    tree = ast.parse(path.read_text("utf-8"))
    where = path.relative_to(PACKAGE).as_posix()
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
        and (where, node.name) not in LONG_FUNCTIONS
    ]
    assert long == []
