"""Dependencies point one way (DESIGN.md): the core imports no Qt, documents no database."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

import pytest


def loaded_after_importing(packages: list[str], watched: tuple[str, ...]) -> list[str]:
    """Import every module of ``packages`` in a fresh interpreter; the modules
    from ``watched`` (name prefixes) that came along."""
    code = (
        "import sys, pkgutil, importlib\n"
        f"for name in {packages!r}:\n"
        "    pkg = importlib.import_module(name)\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, name + '.'):\n"
        "        importlib.import_module(m.name)\n"
        f"print(','.join(sorted(m for m in sys.modules if m.startswith({watched!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return [m for m in out.stdout.strip().split(",") if m]


def test_domain_services_and_documents_do_not_import_qt():
    loaded = loaded_after_importing(["lto_desk.domain", "lto_desk.services", "lto_desk.documents"], ("PySide6", "shiboken6"))
    assert loaded == []


def test_domain_imports_neither_qt_nor_peewee():
    assert loaded_after_importing(["lto_desk.domain"], ("PySide6", "peewee", "lto_desk.store")) == []


def test_documents_know_nothing_of_database_services_or_qt():
    watched = ("PySide6", "shiboken6", "peewee", "lto_desk.services", "lto_desk.store", "lto_desk.ui")
    assert loaded_after_importing(["lto_desk.documents"], watched) == []


# The arrows between lto_desk's own modules, read from the source: every import
# counts, at the top, inside a function or under TYPE_CHECKING (a cycle closed by
# an import inside a function is still a cycle to whoever reads the code).

PACKAGE = Path(__file__).resolve().parent.parent / "lto_desk"

# Modules allowed past MAX_LINES, each with the reason it must stay whole.
LONG_MODULES: dict[str, str] = {}
MAX_LINES = 700


def module_files() -> dict[str, Path]:
    files = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        files[".".join(parts)] = path
    return files


def imports_of(name: str, path: Path, known: Collection[str]) -> set[str]:
    """The lto_desk modules ``name`` imports, wherever in the file the import is."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source)
    return {m for m in found if m.startswith("lto_desk")}


def import_graph() -> dict[str, set[str]]:
    files = module_files()
    return {name: imports_of(name, path, files) for name, path in files.items()}


def cycles_within(package: str, graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules under ``package``."""
    nodes = [m for m in graph if m.startswith(package + ".")]
    edges = {m: sorted(t for t in graph[m] if t in nodes and t != m) for m in nodes}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return found


def test_the_graph_reader_sees_imports_inside_functions_and_type_checking(tmp_path):
    source = tmp_path / "b.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .a import A\n"
        "def later():\n    from lto_desk.c import d\n    import lto_desk.e\n"
    )
    known = {"lto_desk.x.a", "lto_desk.c.d", "lto_desk.e"}
    assert imports_of("lto_desk.x.b", source, known) == known
    graph = {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}, "p.d": {"p.a"}}
    assert cycles_within("p", graph) == [["p.a", "p.b", "p.c"]]


def test_the_window_reaches_the_database_only_through_services():
    arrows = sorted(
        f"{m} -> {t}" for m, targets in import_graph().items() if m.startswith("lto_desk.ui")
        for t in targets if t.startswith("lto_desk.store")
    )
    assert arrows == []


@pytest.mark.parametrize("package", ["lto_desk.services", "lto_desk.ui", "lto_desk.store", "lto_desk.documents", "lto_desk.domain", "lto_desk.demo"])
def test_no_import_cycle_among_a_packages_modules(package):
    assert cycles_within(package, import_graph()) == []


def test_no_import_cycle_anywhere_in_the_program():
    assert cycles_within("lto_desk", import_graph()) == []


def test_modules_stay_small_enough_to_hold_one_idea():
    too_long = {
        name: n for name, path in module_files().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES and name not in LONG_MODULES
    }
    assert too_long == {}


def test_only_the_store_runs_hand_written_sql():
    """Services build their queries with peewee's builder or call the store (the store
    says why a measured hot path keeps a written-out text), so the PostgreSQL dialect
    has one package to change."""
    found = sorted(
        f"{name}: {needle}" for name, path in module_files().items() if not name.startswith("lto_desk.store")
        for needle in ("execute_sql(", ".raw(", "SELECT ", "INSERT INTO", "UPDATE ")
        if needle in path.read_text(encoding="utf-8")
    )
    assert found == []


def test_nothing_in_the_program_leans_on_the_demo():
    arrows = sorted(
        f"{m} -> {t}" for m, targets in import_graph().items()
        if not m.startswith(("lto_desk.demo", "lto_desk.cli")) for t in targets if t.startswith("lto_desk.demo")
    )
    assert arrows == []
