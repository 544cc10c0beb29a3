"""A private CUPS scheduler for printing tests: its own configuration, spool and socket
in a temporary folder (never the machine's own CUPS), with queues that write to files."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SBIN = ("/usr/sbin", "/usr/local/sbin", "/sbin")
TOOLS = ("cupsd", "lp", "lpstat", "lpadmin", "cupsreject", "cupsdisable", "cancel")
#: A PDF printer's description that ships with CUPS (cups-filters): its queue writes the
#: page it was sent into a file, so a test can see it arrived.
PDF_PRINTER_PPDS = ("/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd", "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd")


def tool(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(SBIN))


def missing_tools() -> list[str]:
    return [name for name in TOOLS if tool(name) is None]


class PrivateCups:
    """``start()`` runs cupsd on a socket in ``folder``; ``env`` points lp and lpstat
    at it (CUPS_SERVER); ``add_queue`` adds a queue printing into ``folder/out``."""

    def __init__(self) -> None:
        # Under /tmp with its own mode: the filters run as CUPS's "lp" user and must
        # reach the spool (pytest's own temp folders are private to their owner).
        self.folder = Path(tempfile.mkdtemp(prefix="lto-cups-", dir="/tmp"))
        self.folder.chmod(0o755)
        self.socket = self.folder / "cups.sock"
        self.out = self.folder / "out"
        self.env = {**os.environ, "CUPS_SERVER": str(self.socket), "LC_ALL": "C"}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        for name in ("spool", "cache", "state", "log", "tmp", "out"):
            (self.folder / name).mkdir()
        (self.folder / "tmp").chmod(0o1777)
        self.out.chmod(0o777)
        (self.folder / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel warn\nBrowsing No\nDefaultAuthType None\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )
        (self.folder / "cups-files.conf").write_text(
            "FileDevice Yes\nSandboxing Relaxed\n"
            f"ServerRoot {self.folder}\nRequestRoot {self.folder}/spool\nCacheDir {self.folder}/cache\n"
            f"StateDir {self.folder}/state\nTempDir {self.folder}/tmp\nAccessLog {self.folder}/log/access_log\n"
            f"ErrorLog {self.folder}/log/error_log\nPageLog {self.folder}/log/page_log\n"
        )
        self.process = subprocess.Popen(
            [tool("cupsd"), "-f", "-c", str(self.folder / "cupsd.conf"), "-s", str(self.folder / "cups-files.conf")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"cupsd stopped at once: {self.log()}")
            if self.socket.exists() and self.run("lpstat", "-r", check=False).returncode == 0:
                return
            time.sleep(0.05)
        raise RuntimeError(f"cupsd did not answer within 15 s: {self.log()}")

    def run(self, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([tool(name), *args], env=self.env, capture_output=True, text=True, timeout=30,
                              check=check, stdin=subprocess.DEVNULL)

    def add_queue(self, name: str, *options: str) -> Path:
        """A queue that writes what it prints to ``out/<name>.pdf`` (returned). Without a
        PDF printer description it is a raw queue: its jobs complete, writing nothing."""
        ppd = next((["-P", p] for p in PDF_PRINTER_PPDS if Path(p).exists()), ["-m", "raw"])
        target = self.out / f"{name}.pdf"
        self.run("lpadmin", "-p", name, "-E", "-v", f"file:{target}", *ppd, *options)
        return target

    def log(self) -> str:
        path = self.folder / "log" / "error_log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else "(no log)"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
