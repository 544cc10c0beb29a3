"""The import benchmark cannot rot: it runs on a small book and reports each step and a verified result."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_benchmark_measures_each_step_of_a_small_book():
    done = subprocess.run(
        [sys.executable, "benchmarks/import_book.py", "--customers", "60", "--vehicles", "12", "--agreements", "8"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    for step in ("read the files", "check every row (preview)", "write in one transaction", "total"):
        assert step in done.stdout
    assert "verify OK                    yes" in done.stdout
