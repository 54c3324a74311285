"""The one module that writes workbooks with openpyxl: SheetSpecs -> an .xlsx file.

openpyxl (write-only mode) writes the whole structure: sheets, styles, tables, charts, and
the Summary's rows. The rows of the big list sheets are then streamed into their sheets as
XML text (reports/sheetxml.py): openpyxl's per-cell cost would make 100,000 participants
take longer than everything else together. Every string is stored as a string cell, never
a formula: openpyxl itself would turn a value starting with '=' into a live formula.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.styles import Font, NamedStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from reports.labels import DATE_FORMATS, DAY_FORMATS
from reports.safety import clean_cell
from reports.sheetxml import column_xml, row_xml
from reports.tables import SheetSpec

_TABLE_STYLE = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
_CHART_SIZE_CM = (18, 8)  # width, height: readable on a laptop screen beside the figures
# zlib level 1: a third of level 6's time on 50 MB of sheet XML, for a file ~15% bigger
_ZIP_LEVEL = 1
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')


def write_workbook(sheets: list[SheetSpec], path: Path, language: str) -> None:
    """Write the sheets to `path` (the caller makes it atomic)."""
    book = Workbook(write_only=True)
    styles = _Styles(book, language)
    streamed: dict[str, SheetSpec] = {}
    for position, spec in enumerate(sheets, start=1):
        if _streamable(spec):
            _write_sheet(book, spec, styles, header_only=True)
            streamed[f"xl/worksheets/sheet{position}.xml"] = spec
        else:
            _write_sheet(book, spec, styles)
    if not streamed:
        book.save(path)
        return
    skeleton = path.with_name(path.name + ".skeleton")
    style_ids = styles.ids(book)  # before saving: the styles part is written by save()
    try:
        book.save(skeleton)
        _splice_rows(skeleton, path, streamed, style_ids)
    finally:
        skeleton.unlink(missing_ok=True)


def _streamable(spec: SheetSpec) -> bool:
    """One table and no chart: its rows can go straight into the sheet's XML."""
    return len(spec.blocks) == 1 and not spec.charts and spec.blocks[0].title is None


def _splice_rows(skeleton: Path, path: Path, streamed: dict[str, SheetSpec],
                 style_ids: tuple[int, int]) -> None:
    """Copy the workbook openpyxl wrote, with each streamed sheet's rows after its header."""
    with zipfile.ZipFile(skeleton) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=_ZIP_LEVEL) as target:
        for item in source.infolist():
            spec = streamed.get(item.filename)
            if spec is None:
                target.writestr(item, source.read(item.filename))
                continue
            xml = source.read(item.filename).decode("utf-8")
            head, tail = xml.split("</sheetData>", 1)
            block = spec.blocks[0]
            last_column = get_column_letter(max(len(block.header), 1))
            head = _DIMENSION.sub(f'<dimension ref="A1:{last_column}{1 + block.n_rows}"/>', head)
            with target.open(item.filename, "w", force_zip64=True) as out:
                out.write(head.encode("utf-8"))
                if block.columns is not None:
                    rows = column_xml(block.columns, 2, spec.text_columns, *style_ids)
                else:
                    rows = row_xml(block.rows, 2, spec.text_columns, *style_ids)
                for chunk in rows:
                    out.write(chunk.encode("utf-8"))
                out.write(("</sheetData>" + tail).encode("utf-8"))


class _Styles:
    def __init__(self, book: Workbook, language: str):
        self.datetime = NamedStyle(name="regsync datetime", number_format=DATE_FORMATS[language])
        self.date = NamedStyle(name="regsync date", number_format=DAY_FORMATS[language])
        self.header = NamedStyle(name="regsync header", font=Font(bold=True))
        self.title = NamedStyle(name="regsync title", font=Font(bold=True, size=13))
        for style in (self.datetime, self.date, self.header, self.title):
            book.add_named_style(style)

    def ids(self, book: Workbook) -> tuple[int, int]:
        """The cell-style numbers (s="...") of a date-time and a date cell in this book."""
        sheet = book.worksheets[0]
        return _style_id(sheet, self.datetime), _style_id(sheet, self.date)


def _style_id(sheet, style: NamedStyle) -> int:
    cell = WriteOnlyCell(sheet, dt.datetime(2000, 1, 1))
    cell.style = style.name
    return cell.style_id


def _write_sheet(book: Workbook, spec: SheetSpec, styles: _Styles, header_only: bool = False
                 ) -> None:
    ws = book.create_sheet(spec.name)
    # printed or turned into PDF: landscape, as wide as one page, as long as it takes
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for column, width in enumerate(spec.widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    if spec.as_table and spec.blocks:
        ws.freeze_panes = "A2"
    row_number = 0
    block_ranges = []
    for index, block in enumerate(spec.blocks):
        if index:
            ws.append([])
            row_number += 1
        if block.title:
            ws.append([_styled(ws, block.title, styles.title)])
            row_number += 1
        ws.append([_styled(ws, clean_cell(h), styles.header) for h in block.header])
        row_number += 1
        header_row = row_number
        if header_only:  # the rows are streamed in afterwards (see _splice_rows)
            row_number += block.n_rows
        else:
            for values in block.rows:
                ws.append(_cells(ws, values, styles, spec.text_columns))
                row_number += 1
        block_ranges.append((header_row, row_number, len(block.header)))
    if spec.as_table and spec.blocks and spec.blocks[0].n_rows:
        header_row, last, width = block_ranges[0]
        ref = f"A{header_row}:{get_column_letter(width)}{last}"
        table = Table(displayName=_table_name(spec.name), ref=ref, tableStyleInfo=_TABLE_STYLE)
        # write-only mode cannot read the header back: name the columns as written
        names = _unique([clean_cell(h) or f"Column {i}" for i, h in
                         enumerate(spec.blocks[0].header, start=1)])
        table.tableColumns = [TableColumn(id=i, name=n) for i, n in enumerate(names, start=1)]
        table.autoFilter = AutoFilter(ref=ref)
        with warnings.catch_warnings():  # openpyxl warns even when the columns are given
            warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
            ws.add_table(table)
    for chart in spec.charts:
        header_row, last, _ = block_ranges[chart.block]
        if last > header_row:
            ws.add_chart(_chart(ws, chart.kind, chart.title, header_row, last), chart.anchor)


def _cells(ws, values: Iterable, styles: _Styles, text_columns: tuple[int, ...]) -> list:
    cells = []
    for column, value in enumerate(values):
        if value is None or (isinstance(value, float) and value != value):  # None or NaN
            cells.append(None)
        elif isinstance(value, str):
            cells.append(_text(ws, value))
        elif isinstance(value, dt.datetime):
            cells.append(_styled(ws, value, styles.datetime))
        elif isinstance(value, dt.date):
            cells.append(_styled(ws, value, styles.date))
        elif column in text_columns:
            cells.append(_text(ws, str(value)))
        else:
            cells.append(value)
    return cells


def _text(ws, value: str):
    """A literal string cell. Plain str is fast; openpyxl makes a formula of text starting
    with '=' and an error value of "#N/A", "#DIV/0!" and the like: those are forced to text."""
    value = clean_cell(value)
    if not value.startswith(("=", "#")):
        return value
    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"
    return cell


def _styled(ws, value, style: NamedStyle):
    cell = WriteOnlyCell(ws, value)
    if isinstance(value, str):
        cell.value = clean_cell(value)
        cell.data_type = "s"
    cell.style = style.name
    return cell


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
        out.append(name if seen[name.casefold()] == 1 else f"{name} ({seen[name.casefold()]})")
    return out


def _table_name(sheet_name: str) -> str:
    """Excel table names: letters, digits, underscores; unique in the book."""
    return f"Table_{zlib.crc32(sheet_name.encode()):08x}"


def _chart(ws, kind: str, title: str, header_row: int, last: int):
    chart = {"line": LineChart, "bar": BarChart, "pie": PieChart}[kind]()
    chart.title = title
    chart.width, chart.height = _CHART_SIZE_CM
    data = Reference(ws, min_col=2, min_row=header_row, max_row=last)
    categories = Reference(ws, min_col=1, min_row=header_row + 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    if kind == "bar":
        chart.type = "bar"  # horizontal: long institution names stay readable
        chart.legend = None
        chart.height = _CHART_SIZE_CM[1] * 1.5  # room for one label per bar
        chart.x_axis.scaling.orientation = "maxMin"  # the biggest at the top, as in the table
    if kind == "line":
        chart.legend = None
        for series in chart.series:
            series.smooth = False  # a day count is not a curve
    return chart
