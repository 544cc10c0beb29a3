"""The temp file a backup is written to before it is checked and given its name:
``.<name>.<computer>-<process>.<random>.partial``.

Named after the computer and the process making it, so the next backup can tell a copy
cut short (the program was killed: its process is gone) from one still being made by
another window, and remove the first at once instead of leaving a whole copy's worth of
disk taken. A temp file of another computer (a database in a shared folder), or of a
version before these names, is removed once a day old.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import tempfile
from pathlib import Path

SUFFIX = ".partial"
#: The temp file, and SQLite's own files beside it while it is written.
ENDINGS = (SUFFIX, SUFFIX + "-journal", SUFFIX + "-wal")
HOST = re.sub(r"[^A-Za-z0-9-]", "-", platform.node()) or "computer"
_MAKER = re.compile(r"\.(?P<host>[A-Za-z0-9-]+)-(?P<pid>\d+)\.[A-Za-z0-9_]+\.partial(?:-journal|-wal)?")
_STILL_ACTIVE = 259  # what Windows says of a process that has not ended


def make(target: Path) -> Path:
    """A new, empty temp file beside ``target`` (raises OSError)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.{HOST}-{os.getpid()}.", suffix=SUFFIX, dir=target.parent)
    os.close(fd)
    return Path(name)


def running(pid: int) -> bool:
    """True when process ``pid`` of this computer runs (or cannot be told: it is then left alone)."""
    if pid == os.getpid():
        return True  # another thread of this program may be making a backup
    if os.name == "nt":
        return _running_on_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process is there
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, and another user's
    return True


def _running_on_windows(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it runs, as another user
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def left_behind(folder: Path, prefixes: tuple[str, ...], now: dt.datetime) -> list[Path]:
    """The temp files in ``folder`` (names starting with one of ``prefixes``) of backups cut
    short: made by a process of this computer that is gone, or untouched for a day."""
    day_ago = (now - dt.timedelta(days=1)).timestamp()
    found = []
    try:
        paths = list(folder.iterdir())
    except OSError:
        return []
    for path in paths:
        name = path.name
        if not name.startswith(prefixes) or not name.endswith(ENDINGS):
            continue
        maker = _MAKER.search(name)
        gone = maker is not None and maker.group("host") == HOST and not running(int(maker.group("pid")))
        try:
            if gone or path.stat().st_mtime < day_ago:
                found.append(path)
        except OSError:  # gone meanwhile
            continue
    return found
