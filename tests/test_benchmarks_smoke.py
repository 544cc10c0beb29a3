"""The benchmark code cannot rot: generate a tiny dataset, check the program accepts
it (`lto-desk verify`), and run every measurement on it. Checks that each figure
and its baseline are produced, not their values (timings are for benchmarks/)."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
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


def _contents(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows in order (the clerks' PIN hashes are salted at random)."""
    with contextlib.closing(sqlite3.connect(path)) as con:
        tables = [name for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%search%'"  # the full-text indexes' own tables follow the rows
        )]
        return {
            table: con.execute(
                "SELECT id, name, role, active FROM clerk ORDER BY id" if table == "clerk"
                else f"SELECT * FROM {table} ORDER BY 1, 2, 3" if table == "journal_touch"  # no rowid
                else f"SELECT * FROM {table} ORDER BY rowid"
            ).fetchall()
            for table in tables
        }


def test_the_two_process_build_makes_the_same_data_as_one_process(tmp_path):
    """The dealer and group scales build rows in a second process by default: that path,
    with its hand-over of rows between processes, must write exactly what one process does."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    made = {}
    for processes in ("1", "2"):
        db = tmp_path / f"tiny-{processes}.sqlite3"
        done = run("benchmarks/generate.py", "--scale", "tiny", "--out", str(db), "--today", "2026-11-20",
                   "--processes", processes, env=env)
        assert done.returncode == 0, done.stderr
        made[processes] = _contents(db)
    assert made["1"]["ledger_entry"] and made["1"]["journal"]
    assert made["2"] == made["1"]
