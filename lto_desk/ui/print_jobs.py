"""A page handed to a CUPS print queue (``lp``) and watched (``lpstat``) until the print
system says it printed, will not print, or still holds it: Qt's QPrinter never tells."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PySide6.QtCore import QObject, QTimer, Signal

#: lp answers a scheduler on this machine in milliseconds; this bounds one that does
#: not answer (Qt's own print path waited on CUPS the same way, on the same thread).
SEND_TIMEOUT_SECONDS = 5.0
#: A job the queue still holds after this long is said to be "not confirmed yet".
CONFIRM_SECONDS = 4.0
#: A job not confirmed is still asked about (every few seconds) for this long.
WATCH_SECONDS = 120.0
#: How often the print system is asked while the clerk waits, then afterwards.
ASK_EVERY_SECONDS = 0.2
ASK_LATER_EVERY_SECONDS = 2.0
#: How often the watch looks whether a question was answered.
TICK_MS = 50

_REQUEST_ID = re.compile(r"request id is (\S+)")


class PrintProblem(Exception):
    """The page was saved but did not print; the message says why."""


@dataclass(frozen=True)
class SentJob:
    """Attributes: job: the print system's id for it ("Receipt80-12"); printer: the queue."""

    job: str
    printer: str


@dataclass(frozen=True)
class Answer:
    """What the print system says of one job.

    Attributes:
      printed: True printed; False will not print; None still in the queue.
      why: the reason it will not print, or the printer's own message while it waits.
    """

    printed: bool | None
    why: str = ""


def cups_here() -> bool:
    """Whether this machine prints through CUPS (Linux, macOS): lp and lpstat are on PATH."""
    return shutil.which("lp") is not None and shutil.which("lpstat") is not None


def _english() -> dict[str, str]:
    """The environment for lp and lpstat: their answers are read, so in one language."""
    return {**os.environ, "LC_ALL": "C", "LANG": "C"}


def send(path: Path, printer: str, media: str = "") -> SentJob:
    """Hand the PDF at ``path`` to the queue ``printer`` (``media``: CUPS's name of the
    page size). Raises PrintProblem when the queue refuses it, does not exist, or the
    print system does not answer."""
    command = ["lp", "-d", printer, "-t", path.name]
    if media:
        command += ["-o", f"media={media}"]
    command.append(str(path))
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=SEND_TIMEOUT_SECONDS,
                              env=_english(), stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        raise PrintProblem("the print system did not answer") from None
    except OSError as exc:
        raise PrintProblem(f"the print system could not be asked ({exc.strerror})") from None
    found = _REQUEST_ID.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise PrintProblem(refusal(printer, done.stderr or done.stdout))
    return SentJob(found.group(1), printer)


def refusal(printer: str, said: str) -> str:
    """lp's refusal in the words a clerk reads."""
    text = said.strip()
    if "not accepting" in text:
        return f"the printer “{printer}” is not accepting jobs"
    if "does not exist" in text or "Invalid destination" in text:
        return f"the printer “{printer}” cannot be found"
    if "connect" in text.lower():
        return "the print system cannot be reached"
    first = re.sub(r"^\w+:\s*(Error - )?", "", text.splitlines()[0]) if text else ""
    return first.rstrip(".") or "the print system refused the page"


def _blocks(listing: str) -> dict[str, list[str]]:
    """lpstat's answer as {a job's id, or "printer NAME": its lines}; a printer's first
    line is its state ("... disabled since ..."), the next its message."""
    blocks: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in listing.splitlines():
        if line[:1].isspace():
            lines.append(line.strip())
        elif line.strip():
            words = line.split()
            printer = words[0] == "printer" and len(words) > 1
            lines = blocks.setdefault(f"printer {words[1]}" if printer else words[0], [])
            if printer:
                lines.append(line)
    return blocks


def waiting_answer(job: SentJob, listing: str) -> Answer | None:
    """From ``lpstat -p P -W not-completed -o P``: the job the queue still holds (in a
    stopped queue it will not print), or None when the queue no longer holds it."""
    blocks = _blocks(listing)
    if job.job not in blocks:
        return None
    printer = blocks.get("printer " + job.printer, [""])
    message = printer[1] if len(printer) > 1 else ""
    if " disabled since " in printer[0]:
        return Answer(False, f"the printer “{job.printer}” is stopped" + (f" ({message})" if message else ""))
    return Answer(None, message)


def finished_answer(job: SentJob, listing: str) -> Answer:
    """From ``lpstat -l -W completed -o P``: printed, or cancelled or given up on (why
    from the job's status). A job it no longer lists is not known: still None."""
    if job.job not in (blocks := _blocks(listing)):
        return Answer(None, "")
    said = {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in blocks[job.job] if ":" in line}
    reasons = said.get("Alerts", "")
    if "canceled" in reasons or "cancelled" in reasons:
        return Answer(False, said.get("Status") or "the job was cancelled")
    if "aborted" in reasons:
        return Answer(False, said.get("Status") or "the print system gave up on the job")
    return Answer(True)


class JobWatch(QObject):
    """Asks the print system about one job every so often, never waiting for it on the
    GUI thread (each question is a child process looked at on the next tick).

    ``answered(Answer)`` once the job printed or will not print (a job held by a stopped
    queue is cancelled first, so it does not come out later); ``unconfirmed(str)`` once
    when it is still queued after CONFIRM_SECONDS, with the printer's message."""

    answered = Signal(object)
    unconfirmed = Signal(str)

    def __init__(self, job: SentJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.started = time.monotonic()
        self._next_question = self.started
        self._question: tuple[str, subprocess.Popen, IO[bytes], float] | None = None
        self._held_answer: Answer | None = None  # a stopped queue's, while its job is cancelled
        self._told_unconfirmed = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def stop(self) -> None:
        """No more questions (an unanswered one is ended)."""
        self._timer.stop()
        self._drop_question()

    def _drop_question(self) -> None:
        if self._question is not None:
            _, process, out, _ = self._question
            if process.poll() is None:
                process.kill()
                process.wait()
            out.close()
            self._question = None

    def _ask(self, step: str, *args: str) -> None:
        out = tempfile.TemporaryFile()  # a file, not a pipe: a long history never blocks lpstat
        try:
            process = subprocess.Popen(args, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                       env=_english())
        except OSError:  # lpstat gone since the job was sent: ask again later
            out.close()
            self._next_question = time.monotonic() + ASK_LATER_EVERY_SECONDS
            return
        self._question = (step, process, out, time.monotonic())

    def _tick(self) -> None:
        now = time.monotonic()
        if self._question is None:
            if now >= self._next_question:
                self._ask("waiting", "lpstat", "-p", self.job.printer, "-W", "not-completed", "-o", self.job.printer)
            return
        step, process, out, asked_at = self._question
        if process.poll() is None:
            if now - asked_at > SEND_TIMEOUT_SECONDS:
                self._drop_question()  # the print system stopped answering: ask again later
                self._next_question = now + ASK_LATER_EVERY_SECONDS
            return
        out.seek(0)
        listing = out.read().decode("utf-8", "replace")
        out.close()
        self._question = None
        answer: Answer | None
        if step == "cancel" and self._held_answer is not None:
            answer = self._held_answer
        elif process.returncode != 0:
            answer = Answer(None, "")  # not answered this time
        elif step == "waiting":
            answer = waiting_answer(self.job, listing)
            if answer is None:
                self._ask("finished", "lpstat", "-l", "-W", "completed", "-o", self.job.printer)
                return
            if answer.printed is False:
                self._held_answer = answer
                self._ask("cancel", "cancel", self.job.job)
                return
        else:
            answer = finished_answer(self.job, listing)
        if answer.printed is not None:
            self.stop()
            self.answered.emit(answer)
            return
        waited = now - self.started
        if waited >= CONFIRM_SECONDS and not self._told_unconfirmed:
            self._told_unconfirmed = True
            self.unconfirmed.emit(answer.why)
        if waited >= WATCH_SECONDS:  # asked long enough: it stays "not confirmed yet"
            self.stop()
            self.deleteLater()
            return
        self._next_question = now + (ASK_EVERY_SECONDS if waited < CONFIRM_SECONDS else ASK_LATER_EVERY_SECONDS)
