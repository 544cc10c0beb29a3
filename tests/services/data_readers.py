"""Which functions of the program read or write the dealer's data, found from the code.

A function reads the data when its body names a table (a peewee model of
``lto_desk.store.models``) or the database itself (``db``), or calls a function of
the store or the services that does, however many calls down. Read from the source
text (``ast``), so nothing is run: imports inside functions count like any other.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field

from lto_desk.store import models

Node = tuple[str, str]  # (module name, name at the module's top)

_ROOTS: frozenset[Node] = frozenset(
    {(models.__name__, name) for name, value in vars(models).items()
     if inspect.isclass(value) and issubclass(value, models.Model) and value.__module__ == models.__name__}
    | {(models.__name__, "db")}
)


@dataclass
class _Module:
    name: str
    tree: ast.Module
    defs: dict[str, ast.AST] = field(default_factory=dict)
    names: dict[str, Node] = field(default_factory=dict)  # local name -> what it was imported as
    modules: dict[str, str] = field(default_factory=dict)  # local name -> a module of the program


def program_modules(package: str) -> list[str]:
    """The modules of a package of the program ("lto_desk.ui"), by name."""
    path = importlib.import_module(package).__path__
    return [f"{package}.{info.name}" for info in pkgutil.iter_modules(path)]


def parse_module(name: str) -> _Module:
    """A module's top-level definitions and what its imports (anywhere in it) name."""
    module = importlib.import_module(name)
    parsed = _Module(name, ast.parse(inspect.getsource(module)))
    for top in parsed.tree.body:
        if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            parsed.defs[top.name] = top
    package = name.rsplit(".", 1)[0]
    for node in ast.walk(parsed.tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        base = node.module or ""
        if node.level:
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
        if not base.startswith("lto_desk"):
            continue
        for alias in node.names:
            local = alias.asname or alias.name
            try:
                importlib.import_module(f"{base}.{alias.name}")
            except ImportError:
                parsed.names[local] = (base, alias.name)
            else:
                parsed.modules[local] = f"{base}.{alias.name}"
    return parsed


def _walk(node: ast.AST):
    """Every node under ``node`` but type annotations (a parameter typed ``Customer`` reads nothing)."""
    yield node
    for name, child in ast.iter_fields(node):
        if name in ("annotation", "returns"):
            continue
        for c in child if isinstance(child, list) else [child]:
            if isinstance(c, ast.AST):
                yield from _walk(c)


def references(module: _Module, body: ast.AST) -> set[Node]:
    """What ``body`` (a part of ``module``) names of the program: its own module's
    top-level definitions and what it imported."""
    out: set[Node] = set()
    for node in _walk(body):
        if isinstance(node, ast.Name):
            if node.id in module.defs:
                out.add((module.name, node.id))
            elif node.id in module.names:
                out.add(module.names[node.id])
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in module.modules:
                out.add((module.modules[node.value.id], node.attr))
    return out


class DataReaders:
    """The call graph of the store and the services, and which of their functions reach the data.

    ``harmless``: functions whose reads do not count (read before anyone logs in, or of
    nothing private): a call to one makes nothing a reader."""

    def __init__(self, harmless: set[str]) -> None:
        self.modules = {
            name: parse_module(name)
            for name in program_modules("lto_desk.store") + program_modules("lto_desk.services")
        }
        self.harmless = {(f"lto_desk.services.{h.split('.')[0]}", h.split(".")[1]) for h in harmless}
        self.graph: dict[Node, set[Node]] = {
            (m.name, name): references(m, body) for m in self.modules.values() for name, body in m.defs.items()
        }
        readers = set(_ROOTS)
        grew = True
        while grew:  # until no function is found to call a reader it was not known to
            found = {n for n, calls in self.graph.items() if n not in self.harmless and calls & readers}
            grew = not found <= readers
            readers |= found
        self.readers = frozenset(readers)

    def reads(self, node: Node) -> bool:
        return node in self.readers

    def public_services(self) -> dict[str, ast.FunctionDef]:
        """Short name ("counter.lookup") -> definition, of every public function of the services."""
        out = {}
        for m in self.modules.values():
            if not m.name.startswith("lto_desk.services."):
                continue
            short = m.name.rsplit(".", 1)[1]
            for name, body in m.defs.items():
                if isinstance(body, ast.FunctionDef) and not name.startswith("_"):
                    out[f"{short}.{name}"] = body
        return out

    def readers_without_an_actor(self) -> dict[str, str]:
        """Short name -> first parameter, of every public service function that reads the
        data and whose first parameter is not ``actor`` (nor ``work``: a unit of work is
        opened by a service, for an actor it has checked)."""
        out = {}
        for short, body in self.public_services().items():
            params = [a.arg for a in body.args.posonlyargs + body.args.args + body.args.kwonlyargs]
            first = params[0] if params else ""
            if first in ("actor", "work"):
                continue
            if self.reads((f"lto_desk.services.{short.split('.')[0]}", body.name)):
                out[short] = first
        return out
