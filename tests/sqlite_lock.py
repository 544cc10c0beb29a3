"""Another program holding a database locked, for tests of what LTO Desk does meanwhile."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

_HOLDER = r"""
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
# A WAL database locked against readers too, as some database tools lock it.
con.execute("PRAGMA locking_mode=EXCLUSIVE")
con.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()  # held until the test closes our input
"""


@contextmanager
def locked_by_another_program(database: Path):
    """Another program holds an exclusive lock on ``database`` while the block runs."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(database)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.stdin.close()
        try:
            holder.wait(10)
        except subprocess.TimeoutExpired:
            os.kill(holder.pid, signal.SIGKILL)
            holder.wait(10)
