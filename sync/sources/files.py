"""CSV and XLSX exports: the Sheet's CSV download, the Forms CSV, Excel files.

Every cell is read as text, so phones and codes keep their leading zeros and '+'.
Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, and cp1251 (Excel on a Russian
Windows, usually with ';'). Anything else is refused with a clear error, never mojibake.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import logging
import re
import zipfile
from pathlib import Path
from typing import Iterator

from sync.config import FileSource
from sync.errors import SourceError
from sync.normalize.text import LOST_LETTERS
from sync.sources.table import (HEADER_SEARCH_ROWS, MAX_CELL_CHARS, MAX_QUESTIONS, SharedAnswers,
                                SheetTable, build_table, fill_merged_down, too_long_a_cell,
                                within_limits)

log = logging.getLogger("regsync")

# A file whose start has more control bytes (NUL, BEL, ESC ...; not tab or newlines) than this
# share is binary, or UTF-16 without a BOM; a few in a text file are typing accidents.
_BINARY_CONTROL_SHARE = 0.01
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
_SNIFF_BYTES = 64 * 1024
_DELIMITERS = (",", ";", "\t")
_SNIFF_ROWS = 50
# Rows parsed at once: a chunk's unshared copies are a few MB before they are let go.
_CHUNK_ROWS = 10_000
_XLSX_MAGIC = b"PK\x03\x04"
# Excel's lock file beside an open workbook: "~$Регистрация.xlsx"
_LOCK_PREFIX = "~$"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
# In real Russian text most Cyrillic letters are lower case; a file in another 8-bit
# encoding (KOI8-R, cp866) decoded as cp1251 comes out mostly upper case or as symbols.
_MIN_CP1251_LOWER_SHARE = 0.5
_MAX_CP1251_SYMBOL_SHARE = 0.02
# Signs Russian text holds beside its letters ("школа №12", «», dashes): not symbols of a
# wrong encoding.
_CP1251_TEXT_SIGNS = frozenset("№«»—–…“”„‘’•°")
# Words mixing Latin and Cyrillic letters happen in real text as typos ("Кaзнy"), rarely.
_MAX_CP1251_MIXED_WORD_SHARE = 0.2
_LETTERS = re.compile(r"[^\W\d_]+")
_LINE_END = re.compile(r"\r\n|\r|\n")
# A workbook is a zip archive: its parts are checked before anything is unpacked. A real
# response sheet compresses 5-30 times; a part over 100 times smaller than what it unpacks
# to, and past a size where that matters, is a zip bomb (15 MB that unpack to 3 GB).
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_PACKING_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 50 * 1024**2
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")
_SCAN_BYTES = 1024 * 1024
# A merged cell in a sheet's XML: its first column's letters, its first and its last row.
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+):[A-Z]+(\d+)"')


def read_file_source(source: FileSource) -> SheetTable:
    path = source.path
    if path.is_dir():
        raise SourceError(f"source '{source.name}': {path} is a folder, not a file")
    if path.name.startswith(_LOCK_PREFIX):
        raise SourceError(f"source '{source.name}': {path} is the small file Excel keeps while "
                          f"a workbook is open, not the workbook: name "
                          f"{path.name[len(_LOCK_PREFIX):]} instead")
    where = str(path)
    if source.type == "xlsx":
        grid, chosen = _xlsx_grid(_read_bytes(source), path, source.sheet)
        if chosen:
            where = f"{path} (sheet {chosen!r})"
    else:  # the bytes go as soon as they are decoded: a big file is not held twice
        grid = _csv_grid(decode_csv_bytes(_read_bytes(source), path), path)
    if not grid or not any(cell.strip() for cell in grid[0]):
        raise SourceError(f"{where}: the file is empty or its first row (the questions) is "
                          "blank")
    return build_table(source.name, where, grid, source.timezone)


def _read_bytes(source: FileSource) -> bytes:
    try:
        return source.path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"source '{source.name}': file not found: {source.path}")
    except OSError as e:
        raise SourceError(f"source '{source.name}': cannot read {source.path}: {e.strerror}")


# --- CSV -------------------------------------------------------------------------------

def decode_csv_bytes(data: bytes, path: Path) -> str:
    """Decode a CSV file's bytes, or raise SourceError saying why it cannot be read."""
    if data.startswith(_XLSX_MAGIC) or data.startswith(_OLD_EXCEL_MAGIC):
        raise SourceError(f"{path}: this is an Excel workbook, not CSV; set type = \"xlsx\"")
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path)
    head = data[:_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > _BINARY_CONTROL_SHARE:
        raise SourceError(f"{path}: looks like a binary file, not CSV text "
                          "(save it as CSV UTF-8 from your spreadsheet program)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _decode(data, "cp1251", path)
    if not _plausible_cp1251(text):
        raise SourceError(f"{path}: the text encoding is not UTF-8, UTF-16 or Windows-1251; "
                          "save it as CSV UTF-8 from your spreadsheet program")
    if lost := sum(map(len, LOST_LETTERS.findall(text))):
        log.warning("warning: %s was saved as Windows-1251, which has no Kazakh letters: \"?\" "
                    "stands for %d of them; save it as CSV UTF-8 to keep them", path, lost)
    return text


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise SourceError(f"{path}: not valid {encoding.upper()} text (byte {e.start}); "
                          "save it as CSV UTF-8 from your spreadsheet program")


def _plausible_cp1251(text: str) -> bool:
    high = [c for c in text if ord(c) > 0x7F and c not in _CP1251_TEXT_SIGNS]
    if not high:
        return True
    cyrillic = [c for c in high if "\u0400" <= c <= "\u04ff"]
    symbols = len(high) - len(cyrillic)
    if not cyrillic or symbols / len(high) > _MAX_CP1251_SYMBOL_SHARE:
        return False
    lower = sum(1 for c in cyrillic if c.islower())
    if lower / len(cyrillic) < _MIN_CP1251_LOWER_SHARE:
        return False
    # Latin-1 accents decoded as cp1251 land inside Latin words: José -> Josй, Müller -> Mьller
    words = [w for w in _LETTERS.findall(text) if any("\u0400" <= c <= "\u04ff" for c in w)]
    mixed = sum(1 for w in words if any(c.isascii() for c in w))
    return mixed / len(words) <= _MAX_CP1251_MIXED_WORD_SHARE


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits rows consistently into the header's width.

    Text uses ", " and "; " inside answers, with a space after; a real delimiter has none.
    So rows must agree in width, fields starting with a space count against a delimiter, and
    the header must split into two or more non-blank questions; ties go to ',' (Google's
    CSV), then ';' (Excel on a Russian Windows), then tab. The header is the first row that
    does so: title lines above it ("Регистрация на PlastNet 2025;;;") are one cell wide.
    """
    sample = text[:_SNIFF_BYTES]
    sample = sample[: sample.rfind("\n") + 1] or sample  # no half row at the cut
    best, best_score = ",", -1.0
    for delimiter in _DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                    if r][:_SNIFF_ROWS]
        except csv.Error:
            continue
        header = next((k for k, r in enumerate(rows[:HEADER_SEARCH_ROWS])
                       if sum(1 for h in r if h.strip()) >= 2), None)
        if header is None:
            continue
        rows = rows[header:]
        width = len(rows[0])
        agreeing = sum(1 for r in rows if len(r) == width) / len(rows)
        later_fields = [f for r in rows for f in r[1:]]
        spaced = sum(1 for f in later_fields if f[:1] == " ") / max(len(later_fields), 1)
        score = agreeing - spaced
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_grid(text: str, path: Path) -> list[tuple[str, ...]]:
    """The rows, read a chunk at a time so repeated answers are shared as they come in."""
    reader = csv.reader(_lines(text), delimiter=sniff_delimiter(text))
    rows = _checked_rows(reader, path)
    shared = SharedAnswers()
    grid: list[tuple[str, ...]] = []
    limit = csv.field_size_limit(MAX_CELL_CHARS)  # a longer cell is refused as it is read
    try:
        while chunk := list(itertools.islice(rows, _CHUNK_ROWS)):
            grid += shared.rows(chunk)
    finally:
        csv.field_size_limit(limit)
    return grid


def _checked_rows(reader, path: Path) -> Iterator[list[str]]:
    """The rows as read, one that is too wide refused before the next comes in (build_table
    checks every row again, once the table is whole)."""
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield within_limits(row, path, number) if len(row) > MAX_QUESTIONS else row
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise SourceError(f"{path}: row {number + 1}: {too_long_a_cell()}")
        raise SourceError(f"{path}: not a readable CSV file: {e}")


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their endings, as a file opened with newline="" gives them.

    io.StringIO would do the same, but first copies the text at four bytes a character.
    """
    start = 0
    for end in _LINE_END.finditer(text):
        yield text[start:end.end()]
        start = end.end()
    if start < len(text):
        yield text[start:]


# --- XLSX ------------------------------------------------------------------------------

def _xlsx_grid(data: bytes, path: Path, sheet: str | None) -> tuple[list[list[str]], str]:
    """The rows of the sheet named, or of the sheet that holds the list; and the name of a
    sheet chosen that is not the first ("" when it is, or when it was named)."""
    import openpyxl  # imported here: CSV-only runs do not pay for it

    if not data:
        raise SourceError(f"{path}: the file is empty (0 bytes); save the workbook again")
    if not data.startswith(_XLSX_MAGIC):
        return _older_workbook(data, path, sheet)
    formulas = _check_archive(data, path)
    chosen = "" if sheet else _sheet_with_the_list(openpyxl, data, path)
    sheet = sheet or chosen or None
    rows = _xlsx_rows(openpyxl, data, path, sheet, values=True)
    if formulas:
        # cells whose formula has no saved value come back blank; the formula is shown
        # instead, so that the row is kept and a person sees why
        typed = _xlsx_rows(openpyxl, data, path, sheet, values=False)
        unsaved = []
        for number, (row, formula_row) in enumerate(zip(rows, typed), start=1):
            for column, formula in enumerate(formula_row):
                if formula.startswith("=") and not (row[column] if column < len(row) else ""):
                    row += [""] * (column + 1 - len(row))  # a blank value was cut off the end
                    row[column] = formula
                    unsaved.append(number)
        if unsaved:
            shown = ", ".join(map(str, sorted(set(unsaved))[:10]))
            log.warning("warning: %s: row(s) %s hold formulas without saved values; they are "
                        "kept as typed (open the file in Excel and save it to keep the values)",
                        path, shown)
    return rows, chosen


def _older_workbook(data: bytes, path: Path, sheet: str | None) -> tuple[list[list[str]], str]:
    """An Excel 97-2003 workbook (.xls), or a web page saved as one (what many systems
    export): read as the mailbox reads such attachments (sync/sources/attachments.py)."""
    from sync.sources.attachments import read_attachment

    found = read_attachment(path.stem + ".xls", data)
    if found.note or not found.tables:
        raise SourceError(f"{path}: not a workbook regsync can read (an .xlsx, an old .xls, or "
                          "a table saved as a web page); open it and save as Excel Workbook "
                          "(.xlsx)")
    names = [name for name, _ in found.tables]
    if sheet is not None and sheet not in names:
        raise SourceError(f"{path}: no sheet named {sheet!r}; sheets: "
                          + ", ".join(repr(n) for n in names))
    filled = [0 if sheet not in (None, name) else _filled_rows(rows) for name, rows in found.tables]
    best = max(range(len(filled)), key=lambda i: (filled[i], -i))
    return found.tables[best][1], (names[best] if best and sheet is None else "")


def _filled_rows(rows) -> int:
    """Rows holding two answers or more: a list's rows, not lines of text."""
    return sum(1 for row in rows if sum(1 for v in row if cell_text(v).strip()) >= 2)


def _sheet_with_the_list(openpyxl, data: bytes, path: Path) -> str:
    """With no sheet named in config.toml, the sheet holding the most rows of two answers or
    more, the first on a tie: a tab added in front ("Инструкция", a title page) holds
    lines of text, not a list. "" when that is the first sheet."""
    book = _open_workbook(openpyxl, data, path, values=True)
    try:
        if len(book.worksheets) < 2:
            return ""
        filled = []
        for ws in book.worksheets:
            ws.reset_dimensions()
            filled.append(_filled_rows(ws.iter_rows(values_only=True)))
        best = max(range(len(filled)), key=lambda i: (filled[i], -i))
        return book.sheetnames[best] if best else ""
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise SourceError(f"{path}: the workbook is damaged or incomplete ({type(e).__name__})")
    finally:
        book.close()


def _open_workbook(openpyxl, data: bytes, path: Path, values: bool):
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=values)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as e:
        raise SourceError(f"{path}: the workbook is damaged or incomplete ({type(e).__name__})")


def _check_archive(data: bytes, path: Path) -> bool:
    """Refuse a workbook that would unpack to far more than it holds, before unpacking it;
    True when its sheets hold formulas (their saved values may be missing)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            unpacked = sum(part.file_size for part in parts)
            bomb = any(part.file_size > RATIO_CHECKED_FROM_BYTES
                       and part.file_size > MAX_PACKING_RATIO * max(part.compress_size, 1)
                       for part in parts)
            if unpacked > MAX_UNPACKED_BYTES or bomb:
                raise SourceError(
                    f"{path}: the workbook would unpack to {unpacked / 1024**2:,.0f} MB from "
                    f"{len(data) / 1024**2:,.1f} MB; regsync does not open a file like that "
                    "(save the sheet again from Excel or Google Sheets, or export it as CSV)")
            return any(_has_formulas(archive, part) for part in parts
                       if part.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise SourceError(f"{path}: the workbook is damaged or incomplete ({type(e).__name__})")


def _has_formulas(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    with archive.open(part) as stream:
        tail = b""
        while chunk := stream.read(_SCAN_BYTES):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]  # a tag cut between two chunks
    return False


def _xlsx_rows(openpyxl, data: bytes, path: Path, sheet: str | None, values: bool
               ) -> list[list[str]]:
    """Every row of the sheet as text: saved values, or (values=False) formulas as typed."""
    book = _open_workbook(openpyxl, data, path, values)
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise SourceError(f"{path}: no sheet named {sheet!r}; sheets: "
                              + ", ".join(repr(n) for n in book.sheetnames))
        # the size the sheet declares can be anything (A1:XFD1048576): rows are read as
        # they are, not padded to it
        ws.reset_dimensions()
        try:
            rows = ([cell_text(v) for v in row] for row in ws.iter_rows(values_only=True))
            grid = [within_limits(row, path, number) if len(row) > MAX_QUESTIONS else row
                    for number, row in enumerate(rows, start=1)]
            if values:
                _fill_merged_down(grid, data, getattr(ws, "_worksheet_path", ""))
            return grid
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
            raise SourceError(f"{path}: the workbook is damaged or incomplete ({type(e).__name__})")
    finally:
        book.close()


def _fill_merged_down(grid: list[list[str]], data: bytes, part: str) -> None:
    """fill_merged_down with the merges of the sheet's XML (`part`, its path in the archive):
    openpyxl reading only does not keep them."""
    from openpyxl.utils import column_index_from_string

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if part.lstrip("/") not in archive.namelist():
            return
        with archive.open(part.lstrip("/")) as stream:
            tail, merged = b"", set()
            while chunk := stream.read(_SCAN_BYTES):
                merged.update(_MERGED.findall(tail + chunk))
                tail = chunk[-64:]  # a tag cut between two chunks
    fill_merged_down(grid, [(column_index_from_string(letters.decode()) - 1, int(first), int(last))
                            for letters, first, last in merged])


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees, without Excel's number formatting."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = getattr(value, "text", None)  # an array formula: its text is what was typed
    return text if isinstance(text, str) else str(value)
