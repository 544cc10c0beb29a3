"""The fonts printed pages use: DejaVu Sans when found, so accents always print.

Search order for a regular + bold pair of TrueType files:

1. DejaVu Sans in the project's ``resources/fonts`` folder, the usual system
   folders, ReportLab's own ``fonts`` folder and matplotlib's font folder;
2. Bitstream Vera (DejaVu's parent, shipped inside every ReportLab install);
3. the built-in Helvetica (no file needed; it still prints Latin-1 accents
   through WinAnsi encoding, so "María Peña" prints either way).

Fonts are registered with ReportLab once per process (thread-safe) under the
stable names in :data:`REGULAR_NAME` / :data:`BOLD_NAME`, as :class:`HouseFont`:
what a PDF embeds of a font (the subset's glyphs, widths and text map) is made
once per process and reused by every document, instead of once per receipt.
PDF streams are Flate-compressed without the extra ASCII85 layer (files a
quarter smaller and quicker to make; every PDF reader reads binary streams).
"""

from __future__ import annotations

import importlib.util
import os
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap

rl_config.useA85 = 0

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


#: Letters and marks beyond ASCII that receipts, letters and reports print often
#: (Spanish, names, dates, punctuation). Every document's first subset starts with
#: them (at most 31, the codes free below the space), so almost every document
#: embeds the same subset, made once; a character not here is added as usual.
COMMON_CHARACTERS = "áéíóúüñÁÉÍÓÚÜÑ¡¿·—–…“”‘’°ºª€çÇ"


class _Bytes(pdfdoc.PDFObject):
    """A PDF value formatted once (a subset's widths)."""

    def __init__(self, text: bytes) -> None:
        self.text = text

    def format(self, document) -> bytes:
        return self.text


@dataclass(frozen=True)
class _SubsetParts:
    base_name: str
    widths: bytes
    font_program: bytes  # compressed when ``compressed``
    font_length: int  # uncompressed
    text_map: bytes  # the ToUnicode CMap, compressed when ``compressed``
    compressed: bool


def _stream(content: bytes, compressed: bool, **entries) -> pdfdoc.PDFStream:
    """A stream whose content is already encoded (Flate when ``compressed``)."""
    dictionary = pdfdoc.PDFDictionary(entries)
    if compressed:  # a Filter entry tells ReportLab the content is encoded already
        dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    return pdfdoc.PDFStream(dictionary, content)


class HouseFont(TTFont):
    """A TrueType font whose subsets start with :data:`COMMON_CHARACTERS` and whose
    embedded subset objects are made once per process (LRU of :attr:`KEEP`)."""

    KEEP = 32

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._parts: OrderedDict[tuple, _SubsetParts] = OrderedDict()
        self._parts_lock = threading.Lock()

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (ReportLab API)
        if doc not in self.state:
            super().splitString(COMMON_CHARACTERS, doc)
        return super().splitString(text, doc, encoding)

    def _subset_parts(self, n: int, subset: tuple[int, ...], compressed: bool) -> _SubsetParts:
        key = (n, subset, compressed)
        with self._parts_lock:
            parts = self._parts.get(key)
            if parts is not None:
                self._parts.move_to_end(key)
                return parts
        face = self.face
        base_name = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
        program = face.makeSubset(list(subset))
        text_map = makeToUnicodeCMap(base_name, list(subset)).encode("utf-8")
        widths = pdfdoc.PDFArray([face.getCharWidth(code) for code in subset]).format(pdfdoc.DummyDoc())
        pack = zlib.compress if compressed else bytes
        parts = _SubsetParts(base_name, widths, pack(program), len(program), pack(text_map), compressed)
        with self._parts_lock:
            self._parts[key] = parts
            while len(self._parts) > self.KEEP:
                self._parts.popitem(last=False)
        return parts

    def addObjects(self, doc) -> None:  # noqa: N802 (ReportLab API)
        """As ``TTFont.addObjects``, with each subset's parts made once per process."""
        state = self.state.get(doc)
        if state is None:
            return super().addObjects(doc)
        state.frozen = 1
        face = self.face
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            parts = self._subset_parts(n, tuple(subset), bool(doc.compression))
            base_name = parts.base_name
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal_name
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = _Bytes(parts.widths)
            font.ToUnicode = doc.Reference(_stream(parts.text_map, parts.compressed), "toUnicodeCMap:" + base_name)
            program = doc.Reference(
                _stream(parts.font_program, parts.compressed, Length1=parts.font_length),
                f"fontFile:{face.filename}({base_name})",
            )
            descriptor = pdfdoc.PDFDictionary({
                "Type": "/FontDescriptor",
                "Ascent": face.ascent,
                "CapHeight": face.capHeight,
                "Descent": face.descent,
                "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox),
                "FontName": pdfdoc.PDFName(base_name),
                "ItalicAngle": face.italicAngle,
                "StemV": face.stemV,
                "FontFile2": program,
                "MissingWidth": face.defaultWidth,
            })
            font.FontDescriptor = doc.Reference(descriptor, "fontDescriptor:" + base_name)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]


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
            pdfmetrics.registerFont(HouseFont(REGULAR_NAME, str(regular)))
            pdfmetrics.registerFont(HouseFont(BOLD_NAME, str(bold)))
            pdfmetrics.registerFontFamily(
                REGULAR_NAME, normal=REGULAR_NAME, bold=BOLD_NAME, italic=REGULAR_NAME, boldItalic=BOLD_NAME
            )
            return FontPair(REGULAR_NAME, BOLD_NAME, regular)
        except Exception:  # a damaged or unreadable font file: print with Helvetica rather than fail
            pass
    return FontPair("Helvetica", "Helvetica-Bold", None)
