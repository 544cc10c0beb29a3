"""A file to import, read as a table of text: CSV (UTF-8, Windows-1252 as Excel writes it,
or Excel's "Unicode text") or an Excel ``.xlsx`` workbook. Nothing is interpreted here;
the row checks (domain/import_rows.py) read the text with the program's own parsers."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..domain.errors import InvalidInput

#: The delimiters a CSV file may use: what Excel writes in the US (comma), in much of
#: Europe and Latin America (semicolon), and as "Unicode text" or a pasted table (tab).
DELIMITERS = (",", ";", "\t")

#: An OLE2 compound file: an old Excel .xls, or an .xlsx protected by a password.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
#: Lines read to tell the delimiter.
_SNIFF_LINES = 50


@dataclass(frozen=True)
class SourceTable:
    """A file's rows as text, as a spreadsheet shows them.

    Attributes:
      name: the file's name, as shown to people.
      headers: row 1 of the file, each stripped.
      rows: the data rows as text; ``rows[i]`` is spreadsheet row ``i + 2``. Each is
        padded with "" to the header's width; cells beyond it are kept only when one
        has something in it (a comma missing its quotes), so the checks can say so.
        Blank rows at the end are dropped; blank rows in between are kept (so the
        row numbers stay the spreadsheet's) and the checks skip them.
      sha256: hex digest of the file's bytes (the journal names the file by it).
      encoding: "utf-8", "utf-8-sig", "utf-16", "cp1252" or "xlsx".
      delimiter: ",", ";" or "\\t"; "" for a workbook.
    """

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sha256: str
    encoding: str
    delimiter: str

    def row_number(self, index: int) -> int:
        """The spreadsheet row of ``rows[index]`` (the header is row 1)."""
        return index + 2


def read_table(path: str | Path) -> SourceTable:
    """Read a CSV or ``.xlsx`` file into a :class:`SourceTable`.

    Raises InvalidInput with one plain sentence for a file that is not there, is
    empty, has nothing in row 1, is an old ``.xls`` or another kind of spreadsheet,
    is a damaged or password-protected workbook, or is not a table at all.
    """
    file = Path(path)
    name = file.name or str(path)
    if file.is_dir():
        raise InvalidInput(f"{name} is a folder, not a file; choose the CSV or Excel file inside it.")
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {file}; check the folder and the file's name.") from None
    except OSError as exc:
        raise InvalidInput(f"{name} cannot be read ({exc.strerror or exc}); is it open in another program?") from None
    digest = hashlib.sha256(data).hexdigest()
    suffix = file.suffix.lower()
    if not data.strip() or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise InvalidInput(f"{name} is empty: it has no header row and no rows.")
    if data.startswith(_OLE):
        if suffix in (".xlsx", ".xlsm"):
            raise InvalidInput(
                f"{name} is protected by a password; open it in Excel, remove the password "
                "(File → Info → Protect Workbook) and save it again."
            )
        raise InvalidInput(f"{name} is an old Excel file (.xls); open it in Excel and save it as .xlsx or CSV.")
    if suffix == ".xls":
        raise InvalidInput(f"{name} is an old Excel file (.xls); open it in Excel and save it as .xlsx or CSV.")
    if suffix in (".ods", ".numbers"):
        raise InvalidInput(f"{name} is not an Excel or CSV file; save it from your spreadsheet as .xlsx or CSV.")
    if data.startswith(_ZIP) or suffix in (".xlsx", ".xlsm"):
        headers, rows = _read_workbook(name, data)
        return _table(name, headers, rows, digest, "xlsx", "")
    text, encoding = _decode(name, data)
    delimiter = _delimiter(text)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records:  # pragma: no cover - a non-blank text always has a record
        raise InvalidInput(f"{name} is empty: it has no header row and no rows.")
    return _table(name, records[0], records[1:], digest, encoding, delimiter)


def _table(
    name: str, header: list[str], body: list[list[str]] | list[tuple[str, ...]], digest: str, encoding: str,
    delimiter: str,
) -> SourceTable:
    headers = [h.strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()  # the empty columns a spreadsheet leaves at the right
    if not headers:
        raise InvalidInput(f"Row 1 of {name} is empty; it must hold the column names (Name, Phone, …).")
    width = len(headers)
    rows = [_fitted(list(r), width) for r in body]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return SourceTable(name, tuple(headers), tuple(rows), digest, encoding, delimiter)


def _fitted(cells: list[str], width: int) -> tuple[str, ...]:
    if len(cells) < width:
        cells.extend([""] * (width - len(cells)))
    elif len(cells) > width:
        while len(cells) > width and not cells[-1].strip():
            cells.pop()
    return tuple(cells)


def _decode(name: str, data: bytes) -> tuple[str, str]:
    """The file's text and its encoding: UTF-16 with its mark (Excel's "Unicode text"),
    UTF-8 with or without the mark, else Windows-1252 (Excel's "CSV" on Windows)."""
    unreadable = InvalidInput(
        f"{name} is not a spreadsheet or a CSV file the program can read; "
        "save it from your spreadsheet as .xlsx or CSV."
    )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise unreadable from None
    if b"\x00" in data[:65536]:
        raise unreadable  # no text file has NUL bytes: this is a program, an image, a PDF …
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves undefined
            raise unreadable from None
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch not in "\t\r\n" and unicodedata.category(ch) == "Cc")
    if controls > max(2, len(sample) // 200):
        raise unreadable
    return text, encoding


def _delimiter(text: str) -> str:
    """The delimiter that splits the first lines into as many cells as the header has,
    most often (a stray "$1,234.50" in a semicolon file does not fool it); among equals,
    the one that makes the most columns; a file of one column is read with commas."""
    lines = text.splitlines()[:_SNIFF_LINES]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            records = [r for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:  # pragma: no cover - the reader is lenient by default
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        agreeing = sum(1 for r in records[1:] if len(r) == width) / max(1, len(records) - 1)
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_workbook(name: str, data: bytes) -> tuple[list[str], list[tuple[str, ...]]]:
    """Row 1 and the rows of the workbook's first sheet, each cell as text."""
    import openpyxl  # only when a workbook is read: CSV imports and start-up do without it

    damaged = InvalidInput(
        f"{name} cannot be opened as an Excel workbook: it may be damaged or not a workbook at all. "
        "Open it in Excel and save it again, or save it as CSV."
    )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - BadZipFile, KeyError, XML errors …: all mean the same to a person
        raise damaged from None
    try:
        if not book.worksheets:
            raise InvalidInput(f"{name} has no sheets.")
        rows = []
        for row in book.worksheets[0].iter_rows():
            rows.append(tuple(_cell_text(cell) for cell in row))
    except InvalidInput:
        raise
    except Exception:  # noqa: BLE001 - a sheet damaged part-way through
        raise damaged from None
    finally:
        book.close()
    if not rows:
        raise InvalidInput(f"{name} is empty: its first sheet has no header row and no rows.")
    return list(rows[0]), rows[1:]


def _cell_text(cell) -> str:
    """A cell as the person sees it, without float noise: a date as 2024-03-15, a whole
    number as 1234, 1234.5 as "1234.5" (never 1234.4999…), a percentage as "5%"."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, (int, float)):
        if "%" in str(getattr(cell, "number_format", "") or ""):
            # Excel keeps 5% as 0.05; the person typed and sees 5%.
            return _number_text(Decimal(repr(value)) * 100) + "%"
        return _number_text(value)
    return str(value)


def _number_text(value: int | float | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    if not number.is_finite():
        return str(value)
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")
