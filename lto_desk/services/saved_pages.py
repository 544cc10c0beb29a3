"""Pages saved to the data folder before anything prints: the dealer's heading on
them, and a write that never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..documents.receipt import DealerHeader
from ..store.paths import make_private_folder
from .settings import DealerSettings


def dealer_header(settings: DealerSettings) -> DealerHeader:
    return DealerHeader(settings.dealer_name, settings.address, settings.phone)


def write_atomically(path: Path, data: bytes) -> Path:
    """Write to a temporary file beside ``path``, flush it to disk, then rename."""
    make_private_folder(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
