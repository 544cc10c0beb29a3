"""The fuzz tests' summary line: how many examples ran over how many parsers."""

from __future__ import annotations

from .typed_text import TALLY


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not TALLY:
        return
    profile = "full, --run-slow" if config.getoption("--run-slow") else "default"
    terminalreporter.write_line(
        f"fuzzed {sum(TALLY.values()):,} examples over {len(TALLY)} parsers ({profile} profile)"
    )
