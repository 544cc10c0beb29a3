"""The benchmark code cannot rot: generate a tiny dataset, check the program accepts
it (`lto-desk verify`), and run every measurement on it. Checks that each figure
and its baseline are produced, not their values (timings are for benchmarks/)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FIGURES_WITH_BASELINE = {
    "lookup: name prefix",
    "lookup: phone digits",
    "lookup: VIN tail",
    "open a customer card",
    "take_payment with its journal row",
    "receipt PDF",
    "late-accounts report (all active)",
    "start to first painted window",
}
OTHER_FIGURES = {"daily close (count, seal, Z report PDF)", "peak memory (window, lookups, cards, late accounts)"}


def run(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_generate_then_run_produces_every_figure_with_its_baseline(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    db = tmp_path / "tiny.sqlite3"
    made = run("benchmarks/generate.py", "--scale", "tiny", "--out", str(db), env=env)
    assert made.returncode == 0, made.stderr
    checked = run("-m", "lto_desk.cli", "verify", "--db", str(db), env=env)
    assert checked.returncode == 0 and "OK" in checked.stdout, checked.stdout + checked.stderr

    out = tmp_path / "figures.json"
    measured = run(
        "benchmarks/run.py", "--scale", "tiny", "--db", str(db), "--repeat", "5", "--start-runs", "1",
        "--json", str(out), env=env,
    )
    assert measured.returncode == 0, measured.stderr
    figures = {f["name"]: f for f in json.loads(out.read_text())}
    assert set(figures) == FIGURES_WITH_BASELINE | OTHER_FIGURES
    for name, f in figures.items():
        assert f["p50_ms"] > 0 and f["p95_ms"] >= f["p50_ms"], name
        assert (f["baseline_ms"] is not None and f["baseline_ms"] > 0) == (name in FIGURES_WITH_BASELINE), name
    table = measured.stdout
    assert "| what | p50 | p95 | baseline (p95) | ratio |" in table
    for name in figures:
        row = next(line for line in table.splitlines() if line.startswith(f"| {name} |"))
        assert row.endswith("x |") == (name in FIGURES_WITH_BASELINE), row
