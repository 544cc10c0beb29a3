"""Dependencies point one way (DESIGN.md): the core imports no Qt, documents no database."""

from __future__ import annotations

import subprocess
import sys


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
