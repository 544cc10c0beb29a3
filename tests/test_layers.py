"""Dependencies point one way: the core imports no Qt."""

from __future__ import annotations

import subprocess
import sys


def test_domain_services_and_documents_do_not_import_qt():
    code = (
        "import sys, pkgutil, importlib\n"
        "import lto_desk.domain, lto_desk.services, lto_desk.documents\n"
        "for pkg in (lto_desk.domain, lto_desk.services, lto_desk.documents):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6') or m.startswith('shiboken'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_domain_imports_neither_qt_nor_peewee():
    code = (
        "import sys, pkgutil, importlib, lto_desk.domain\n"
        "for m in pkgutil.walk_packages(lto_desk.domain.__path__, 'lto_desk.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'peewee'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
