"""The fonts printed pages use: DejaVu Sans when found, so accents always print.

Search order for a regular + bold pair of TrueType files:

1. DejaVu Sans in the project's ``resources/fonts`` folder, the usual system
   folders, ReportLab's own ``fonts`` folder and matplotlib's font folder;
2. Bitstream Vera (DejaVu's parent, shipped inside every ReportLab install);
3. the built-in Helvetica (no file needed; it still prints Latin-1 accents
   through WinAnsi encoding, so "María Peña" prints either way).

Fonts are registered with ReportLab once per process (thread-safe) under the
stable names in :data:`REGULAR_NAME` / :data:`BOLD_NAME`.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR_NAME = "LTODeskSans"
BOLD_NAME = "LTODeskSans-Bold"

#: (regular file, bold file) pairs in order of preference.
_FILE_PAIRS: tuple[tuple[str, str], ...] = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("Vera.ttf", "VeraBd.ttf"),
)


@dataclass(frozen=True)
class FontPair:
    """Registered font names; ``source`` is the regular file used (None for Helvetica)."""

    regular: str
    bold: str
    source: Path | None


_lock = threading.Lock()
_registered: FontPair | None = None


def _module_folder(module: str, *parts: str) -> Path | None:
    """A folder inside an installed package, found without importing it."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent.joinpath(*parts)


def font_folders() -> list[Path]:
    """Folders searched for font files, most specific first."""
    here = Path(__file__).resolve()
    folders: list[Path | None] = [
        here.parents[2] / "resources" / "fonts",  # source checkout
        here.parents[1] / "resources" / "fonts",  # bundled beside the package
        Path("/usr/share/fonts/truetype/dejavu"),
        Path("/usr/share/fonts/dejavu"),
        Path("/usr/share/fonts/TTF"),
        Path("/usr/share/fonts/dejavu-sans-fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".local" / "share" / "fonts",
        Path.home() / "Library" / "Fonts",
        Path("/Library/Fonts"),
        Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
        _module_folder("reportlab", "fonts"),
        _module_folder("matplotlib", "mpl-data", "fonts", "ttf"),
    ]
    return [f for f in folders if f is not None]


def find_font_files() -> tuple[Path, Path] | None:
    """The best (regular, bold) TrueType pair found, or None."""
    folders = [f for f in font_folders() if f.is_dir()]
    for regular, bold in _FILE_PAIRS:
        for folder in folders:
            r, b = folder / regular, folder / bold
            if r.is_file() and b.is_file():
                return r, b
    return None


def register_fonts() -> FontPair:
    """Register the receipt fonts once and return their names (Helvetica if none found)."""
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is None:
            _registered = _register()
    return _registered


def _register() -> FontPair:
    found = find_font_files()
    if found is not None:
        regular, bold = found
        try:
            pdfmetrics.registerFont(TTFont(REGULAR_NAME, str(regular)))
            pdfmetrics.registerFont(TTFont(BOLD_NAME, str(bold)))
            pdfmetrics.registerFontFamily(
                REGULAR_NAME, normal=REGULAR_NAME, bold=BOLD_NAME, italic=REGULAR_NAME, boldItalic=BOLD_NAME
            )
            return FontPair(REGULAR_NAME, BOLD_NAME, regular)
        except Exception:  # a damaged or unreadable font file: print with Helvetica rather than fail
            pass
    return FontPair("Helvetica", "Helvetica-Bold", None)
