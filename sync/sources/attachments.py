"""A letter's attachment as tables of text: .xlsx, .xls, .csv, .docx, .htm.

Attachments come from strangers, so:
- the kind is told by the bytes, not by the name (an .xls that is really a web page or an
  .xlsx is read as what it is);
- sizes are limited: the attachment itself, and for .xlsx/.docx (zip packages) the sizes
  their entries declare, all together and each against its packed size, before anything is
  unpacked (Python's zipfile stops at the declared size, so a package cannot unpack to more);
- nothing is executed or opened outside Python readers; formulas are read as the values
  Excel saved with them (openpyxl data_only, xlrd), never evaluated; XML is parsed with
  defusedxml (openpyxl uses it when it is installed) or lxml without entities (python-docx);
- tables are read up to MAX_ROWS rows and MAX_COLUMNS columns.

What cannot be read is not an error: it comes back with a note code ("mail.pdf") for the
report's review sheet.
"""

from __future__ import annotations

import io
import itertools
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from sync.errors import SourceError
from sync.sources.docx_tables import docx_tables
from sync.sources.files import _csv_grid, cell_text, decode_csv_bytes
from sync.sources.html_text import html_segments

MiB = 1024 * 1024
# A registration list is a few hundred KB; 10 MB leaves room for a logo or a photo inside.
MAX_ATTACHMENT_BYTES = 10 * MiB
# What a package's entries may declare unpacked, together.
MAX_UNPACKED_BYTES = 50 * MiB
# Sheet XML packs ten to fifty times smaller; a bomb packs thousands of times smaller. Only
# entries unpacking to more than RATIO_FLOOR_BYTES are checked: small ones cannot hurt.
MAX_PACK_RATIO = 200
RATIO_FLOOR_BYTES = 1 * MiB
MAX_PACKAGE_ENTRIES = 5_000
MAX_ROWS = 5_000
MAX_COLUMNS = 100
# This many blank rows in a row end a sheet: a sheet's declared size can be a million rows.
MAX_BLANK_RUN = 500

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")
_ARCHIVES = (b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")
# Names whose kind holds tables; attaching one is a sign that a list is meant.
TABULAR_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".csv", ".ods", ".docx", ".doc",
                              ".odt", ".rtf", ".htm", ".html", ".tsv"})
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp",
                             ".heic", ".webp"})


@dataclass
class Attachment:
    """What came of one attachment: its tables, or why it could not be read."""

    tables: list[tuple[str, list[list[str]]]] = field(default_factory=list)  # (label, rows)
    note: str | None = None  # a code such as "mail.pdf" when it could not be read
    tabular: bool = False  # of a kind that holds tables (a spreadsheet, a Word file ...)


class _Unreadable(Exception):
    def __init__(self, note: str):
        super().__init__(note)
        self.note = note


def read_attachment(name: str, data: bytes, charset: str | None = None) -> Attachment:
    """`charset`: what the letter declares for a text attachment, tried first."""
    suffix = PurePath(name.lower()).suffix
    tabular = suffix in TABULAR_SUFFIXES
    if len(data) > MAX_ATTACHMENT_BYTES:
        return Attachment(note="mail.too_big", tabular=tabular)
    try:
        tables, tabular = _tables(name, suffix, data, tabular, charset)
    except _Unreadable as e:
        return Attachment(note=e.note, tabular=tabular)
    return Attachment(tables=tables, tabular=tabular)


def _tables(name: str, suffix: str, data: bytes, tabular: bool, charset: str | None
            ) -> tuple[list[tuple[str, list[list[str]]]], bool]:
    head = data[:16]
    if head.startswith(_ZIP):
        members = check_package(data)
        if "word/document.xml" in members:
            return [("" if i == 0 else f"#{i + 1}", t) for i, t in enumerate(_docx(data))], True
        if "xl/workbook.xml" in members:
            return _xlsx(data), True
        if "content.xml" in members:
            raise _Unreadable("mail.odf")
        raise _Unreadable("mail.archive")
    if head.startswith(_OLE2):
        if suffix in (".doc", ".dot"):
            raise _Unreadable("mail.doc")
        return _xls(data), True
    if head.startswith(b"%PDF"):
        raise _Unreadable("mail.pdf")
    if head.startswith(_IMAGES) or head[4:12] in (b"ftypheic", b"ftypmif1") or (
            head.startswith(b"RIFF") and head[8:12] == b"WEBP") or suffix in _IMAGE_SUFFIXES:
        raise _Unreadable("mail.image")
    if head.startswith(b"{\\rtf"):
        raise _Unreadable("mail.rtf")
    if head.startswith(_ARCHIVES):
        raise _Unreadable("mail.archive")
    text_like = suffix in (".csv", ".tsv", ".txt", ".htm", ".html", ".xls")
    if not text_like:
        return [], tabular
    text = _text(data, name, charset)
    if text.lstrip()[:1] == "<":  # a web page (Excel's "save as web page", 1C exports)
        return [(_label(i), t) for i, t in enumerate(html_segments(text).tables())], True
    if suffix == ".txt":
        return [], False
    try:
        return [("", _csv_grid(text, PurePath(name)))], True
    except SourceError:
        raise _Unreadable("mail.damaged")


def _label(index: int) -> str:
    return "" if index == 0 else f"#{index + 1}"


def _text(data: bytes, name: str, charset: str | None) -> str:
    if charset and charset.casefold() not in ("us-ascii", "ascii"):
        try:
            return data.decode(charset).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: guess as for a file
    try:
        return decode_csv_bytes(data, PurePath(name))
    except SourceError:
        raise _Unreadable("mail.encoding")


def check_package(data: bytes) -> set[str]:
    """The entry names of a zip package, once its declared sizes are found safe to unpack."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise _Unreadable("mail.damaged")
    if len(entries) > MAX_PACKAGE_ENTRIES:
        raise _Unreadable("mail.zip_bomb")
    if sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
        raise _Unreadable("mail.zip_bomb")
    for entry in entries:
        if (entry.file_size > RATIO_FLOOR_BYTES
                and entry.file_size > MAX_PACK_RATIO * max(entry.compress_size, 1)):
            raise _Unreadable("mail.zip_bomb")
    return {e.filename for e in entries}


# A reader of a stranger's bytes can fail in any way (xlrd alone raises a dozen kinds, and
# struct and decoding errors from deep inside): any failure means the file is damaged, and
# one bad attachment must not stop the run. Bugs of our own are outside these calls.
_DAMAGED = (Exception,)


def _xlsx(data: bytes) -> list[tuple[str, list[list[str]]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _DAMAGED:
        raise _Unreadable("mail.damaged")
    try:
        several = len(book.worksheets) > 1
        return [(sheet.title if several else "",
                 _bounded(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), cell_text))
                for sheet in book.worksheets]
    except _DAMAGED:
        raise _Unreadable("mail.damaged")
    finally:
        book.close()


def _xls(data: bytes) -> list[tuple[str, list[list[str]]]]:
    """Excel 97-2003 files, with xlrd: still what many offices' templates are saved as.
    xlrd (pure Python) reads the values Excel saved, formulas' results included."""
    import xlrd

    try:
        with open(os.devnull, "w") as quiet:  # xlrd prints warnings to stdout otherwise
            book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=quiet)
    except _DAMAGED:
        raise _Unreadable("mail.damaged")
    try:
        sheets = book.nsheets

        def cells(sheet):
            for r in range(min(sheet.nrows, MAX_ROWS)):
                yield [_xls_cell(c, book.datemode) for c in sheet.row(r)[:MAX_COLUMNS]]

        return [(book.sheet_by_index(i).name if sheets > 1 else "",
                 _bounded(cells(book.sheet_by_index(i)), str)) for i in range(sheets)]
    except _DAMAGED:
        raise _Unreadable("mail.damaged")
    finally:
        book.release_resources()


def _xls_cell(cell, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate_as_datetime(cell.value, datemode))
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell_text(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""  # "#DIV/0!" is not an answer
    return cell_text(cell.value)


def _docx(data: bytes) -> list[list[list[str]]]:
    try:
        return docx_tables(data)
    except _DAMAGED as e:  # lxml's XMLSyntaxError, python-docx's PackageNotFoundError ...
        raise _Unreadable("mail.damaged") from e


def _bounded(rows, text) -> list[list[str]]:
    """At most MAX_ROWS rows, ending after MAX_BLANK_RUN blank ones in a row."""
    grid: list[list[str]] = []
    blank_run = 0
    for row in itertools.islice(rows, MAX_ROWS):
        cells = ["" if v is None else text(v) for v in row]
        while cells and not cells[-1].strip():  # read-only sheets pad rows to max_col
            cells.pop()
        if cells:
            blank_run = 0
        else:
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                break
        grid.append(cells)
    while grid and not any(c.strip() for c in grid[-1]):
        grid.pop()
    return grid
