"""The one module that writes workbooks with openpyxl: SheetSpecs -> an .xlsx file.

openpyxl (write-only mode) writes the whole structure: sheets, styles, tables, charts,
print settings, and the rows of the small sheets. The rows of the big list sheets are then
streamed into their sheets as XML text (reports/sheetxml.py): openpyxl's per-cell cost
would make 100,000 participants take longer than everything else together. Every string is
stored as a string cell, never a formula: openpyxl itself would turn a value starting with
'=' into a live formula.

Every sheet prints on A4 (reports/layout.py): its orientation, as wide as its page (or
over a few pages across, with its first columns again on each), the header row again on
every page, page breaks that keep charts and tables whole, and a footer with the sheet's
name, the page number and the report's date.
"""

from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
import warnings
import zipfile
import zlib
from itertools import repeat
from pathlib import Path
from typing import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.chart.reference import DummyWorksheet
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.drawing.spreadsheet_drawing import OneCellAnchor
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.units import cm_to_EMU, pixels_to_EMU
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from reports import layout
from reports.labels import DATE_FORMATS, DAY_FORMATS, DAY_MONTH_FORMATS, label
from reports.safety import clean_cell
from reports.sheetxml import column_xml, row_xml
from reports.tables import Block, Chart, SheetSpec

_TABLE_STYLE = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
# zlib level 1: a third of level 6's time on 50 MB of sheet XML, for a file ~15% bigger
_ZIP_LEVEL = 1
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
TITLE_POINTS = 18.0  # a line of the 13-point title
FOOTER_FONT_POINTS = 9


def write_workbook(sheets: list[SheetSpec], path: Path, language: str, footer: str = "") -> None:
    """Write the sheets to `path` (the caller makes it atomic); `footer`: what each printed
    page says at its foot besides its sheet's name and number (the report's date)."""
    book = Workbook(write_only=True)
    styles = _Styles(book, language)
    streamed: dict[str, tuple[SheetSpec, layout.BlockRows]] = {}
    for position, spec in enumerate(sheets, start=1):
        if _streamable(spec):
            placed = _write_sheet(book, spec, styles, language, footer, header_only=True)
            streamed[f"xl/worksheets/sheet{position}.xml"] = (spec, placed.blocks[0])
        else:
            _write_sheet(book, spec, styles, language, footer)
    if not streamed:
        _save(book, path)
        return
    skeleton = path.with_name(path.name + ".skeleton")
    style_ids = styles.ids(book)  # before saving: the styles part is written by save()
    try:
        _save(book, skeleton)
        _splice_rows(skeleton, path, streamed, style_ids)
    finally:
        skeleton.unlink(missing_ok=True)


@contextmanager
def _new_archive(path: Path, **options) -> Iterator[zipfile.ZipFile]:
    """A zip archive written at `path`, its file closed whatever happens (an open file keeps
    its space after it is deleted, space a failed run needs to be written down in the store).
    An archive whose writing failed is left unfinished for the caller to delete: finishing
    it would raise an error of its own (a part still open: a stop request can come between
    zipfile opening a part and handing it over) in place of the one that says what failed."""
    with open(path, "wb") as file:
        archive = zipfile.ZipFile(file, "w", **options)
        try:
            yield archive
        except BaseException:
            archive.fp = None  # unfinished for good: ZipFile.__del__ must not finish it either
            raise
        archive.close()


def _save(book: Workbook, path: Path) -> None:
    """openpyxl's save (save_workbook), into a _new_archive: openpyxl leaves its own open
    when writing fails (a full disk)."""
    with _new_archive(path, compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()


def _streamable(spec: SheetSpec) -> bool:
    """One table and no chart: its rows can go straight into the sheet's XML."""
    return len(spec.blocks) == 1 and not spec.charts and bool(spec.blocks[0].header)


def _splice_rows(skeleton: Path, path: Path,
                 streamed: dict[str, tuple[SheetSpec, layout.BlockRows]],
                 style_ids: _StyleIds) -> None:
    """Copy the workbook openpyxl wrote, with each streamed sheet's rows after its header."""
    with zipfile.ZipFile(skeleton) as source, _new_archive(
            path, compression=zipfile.ZIP_DEFLATED, compresslevel=_ZIP_LEVEL) as target:
        for item in source.infolist():
            spec, placed = streamed.get(item.filename, (None, None))
            if spec is None:
                target.writestr(item, source.read(item.filename))
                continue
            xml = source.read(item.filename).decode("utf-8")
            head, tail = xml.split("</sheetData>", 1)
            block = spec.blocks[0]
            last_column = get_column_letter(max(len(block.header), 1))
            head = _DIMENSION.sub(f'<dimension ref="A1:{last_column}{max(placed.last, 1)}"/>', head)
            kinds = _column_styles(spec, len(block.header))
            cell_styles = [getattr(style_ids, k) if k else None for k in kinds] if any(kinds) else []
            # a row of the sheet's default height needs no height of its own
            default = spec.row_height or layout.LINE_POINTS
            heights = block.heights and [None if h == default else h for h in block.heights]
            extra = dict(cell_styles=cell_styles, heights=heights)
            with target.open(item.filename, "w", force_zip64=True) as out:
                out.write(head.encode("utf-8"))
                if block.columns is not None:
                    rows = column_xml(block.columns, placed.first, spec.text_columns,
                                      style_ids.datetime, style_ids.date, **extra)
                else:
                    rows = row_xml(block.rows, placed.first, spec.text_columns,
                                   style_ids.datetime, style_ids.date, **extra)
                _write_while_making(out, rows)
                out.write(("</sheetData>" + tail).encode("utf-8"))


def _write_while_making(out, chunks: Iterable[str]) -> None:
    """Write each chunk to `out` (compressing it) in a second thread while this one makes
    the next: zlib lets go of the interpreter while it compresses, so on two processors the
    compression of a big sheet costs next to no time of its own."""
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending = None
        for chunk in chunks:
            data = chunk.encode("utf-8")
            if pending is not None:
                pending.result()  # one chunk in flight: memory stays at two chunks
            pending = writer.submit(out.write, data)
        if pending is not None:
            pending.result()


# --- styles -----------------------------------------------------------------------------------

_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# bottom, as Excel puts every other cell: a wrapped name ends on its row's number
_WRAP = Alignment(wrap_text=True, vertical="bottom")
_TOP_WRAP = Alignment(wrap_text=True, vertical="top")
FONT = "Calibri"  # the workbook's own default; named styles without one print in a serif


class _StyleIds:
    """The cell-style numbers (s="...") the streamed rows use."""

    def __init__(self, datetime: int, date: int, wrap: int, wrap_top: int, grid: int):
        self.datetime, self.date, self.grid = datetime, date, grid
        self.wrap, self.wrap_top = wrap, wrap_top


class _Styles:
    def __init__(self, book: Workbook, language: str):
        plain = Font(name=FONT)
        self.datetime = NamedStyle(name="regsync datetime", font=plain,
                                   number_format=DATE_FORMATS[language])
        self.date = NamedStyle(name="regsync date", font=plain, number_format=DAY_FORMATS[language])
        self.header = NamedStyle(name="regsync header", font=Font(name=FONT, bold=True),
                                 alignment=_WRAP)
        self.title = NamedStyle(name="regsync title", font=Font(name=FONT, bold=True, size=13),
                                alignment=_TOP_WRAP)
        self.note = NamedStyle(name="regsync note", font=Font(name=FONT, italic=True),
                               alignment=_TOP_WRAP)
        self.wrap = NamedStyle(name="regsync wrap", font=plain, alignment=_WRAP)
        # a table of text only reads from the top of each row
        self.wrap_top = NamedStyle(name="regsync wrap top", font=plain, alignment=_TOP_WRAP)
        self.percent = NamedStyle(name="regsync percent", font=plain, number_format="0%")
        centered = Alignment(wrap_text=True, vertical="center")
        self.grid = NamedStyle(name="regsync grid", font=plain, border=_GRID, alignment=centered)
        self.grid_header = NamedStyle(name="regsync grid header", font=Font(name=FONT, bold=True),
                                      border=_GRID, alignment=centered)
        for style in (self.datetime, self.date, self.header, self.title, self.note, self.wrap,
                      self.wrap_top, self.percent, self.grid, self.grid_header):
            book.add_named_style(style)

    def ids(self, book: Workbook) -> _StyleIds:
        sheet = book.worksheets[0]
        return _StyleIds(*(_style_id(sheet, s) for s in (self.datetime, self.date, self.wrap,
                                                          self.wrap_top, self.grid)))


def _style_id(sheet, style: NamedStyle) -> int:
    cell = WriteOnlyCell(sheet, dt.datetime(2000, 1, 1))
    cell.style = style.name
    return cell.style_id


# --- a sheet ----------------------------------------------------------------------------------

def _write_sheet(book: Workbook, spec: SheetSpec, styles: _Styles, language: str, footer: str,
                 header_only: bool = False) -> layout.Placement:
    ws = book.create_sheet(spec.name)
    # data rows' heights matter to the layout only where charts or pages are placed by it
    with_data = spec.keep_on_page or bool(spec.charts)
    fixed: dict[int, float] = {}

    def heights(index: int, placed: layout.BlockRows) -> dict[int, float]:
        block = spec.blocks[index]
        found = _fixed_heights(spec, block, placed)
        fixed.update(found)
        if with_data and block.heights:
            found.update(zip(range(placed.first, placed.last + 1), block.heights))
        return found

    placement = layout.place(spec.blocks, spec.charts, heights, spec.orientation,
                             spec.keep_on_page)
    rows = placement.blocks
    _print_setup(ws, spec, placement, language, footer)
    for column, width in enumerate(spec.widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    # where the layout placed charts and page breaks, every row keeps the height it was
    # placed with: LibreOffice would otherwise fit rows to their text after placing charts
    row_height = spec.row_height or (layout.LINE_POINTS if with_data else None)
    if row_height:
        ws.sheet_format.defaultRowHeight = row_height
        ws.sheet_format.customHeight = True
    if len(spec.blocks) == 1 and rows[0].header:
        ws.freeze_panes = f"{get_column_letter(spec.repeat_columns + 1)}{rows[0].header + 1}"

    written = 0
    for block, placed in zip(spec.blocks, rows):
        while written < placed.top - 1:  # blank rows: a gap, or room for a chart above
            written += 1
            if with_data:
                _height(ws, written, layout.LINE_POINTS)
            ws.append([])
        span = _span(block, spec.widths)
        for row, text, style in ((placed.title, block.title, styles.title),
                                 (placed.note, block.note, styles.note)):
            if row:
                _height(ws, row, fixed[row])
                ws.append([_styled(ws, text, style)])
                if span > 1:
                    ws.merged_cells.add(f"A{row}:{get_column_letter(span)}{row}")
        if placed.header:
            _height(ws, placed.header, fixed[placed.header])
            style = styles.grid_header if spec.grid else styles.header
            ws.append([_styled(ws, clean_cell(h), style) for h in block.header])
        written = placed.last
        if header_only:  # the rows are streamed in afterwards (see _splice_rows)
            continue
        cell_style = [getattr(styles, k) if k else None
                      for k in _column_styles(spec, len(block.header))]
        for row, (values, height) in enumerate(zip(block.rows, block.heights or repeat(None)),
                                               start=placed.first):
            if height or with_data:
                _height(ws, row, height or layout.LINE_POINTS)
            ws.append(_cells(ws, values, styles, spec.text_columns, cell_style))
    _add_table(ws, spec, rows[0] if rows else None)
    for chart, anchor in zip(spec.charts, placement.chart_rows):
        drawn = _chart(chart, spec.blocks[chart.block], rows[chart.block], spec.name, language)
        if drawn is not None:
            ws.add_chart(drawn, _anchor(chart, anchor))
    return placement


def _anchor(chart: Chart, row: int) -> OneCellAnchor:
    """The chart's top-left corner: its column, a little below the top of `row` (a chart
    starting right on a page break is drawn on the page before too)."""
    anchor = OneCellAnchor()
    anchor._from.col = column_index_from_string(chart.column) - 1
    anchor._from.row = row - 1
    anchor._from.rowOff = pixels_to_EMU(layout.CHART_OFFSET_POINTS * 4 / 3)
    anchor.ext.width, anchor.ext.height = cm_to_EMU(chart.width_cm), cm_to_EMU(chart.height_cm)
    return anchor


def _fixed_heights(spec: SheetSpec, block: Block, placed: layout.BlockRows) -> dict[int, float]:
    """Heights of a block's title, note and header rows: as many lines as each wraps to."""
    heights: dict[int, float] = {}
    span = (sum(spec.widths[:_span(block, spec.widths)])
            or layout.page_width_chars(spec.orientation))
    if placed.title:
        room = layout.line_room(span, bold=True, factor=TITLE_POINTS / layout.LINE_POINTS)
        heights[placed.title] = TITLE_POINTS * layout.wrapped_lines(block.title, room)
    if placed.note:
        heights[placed.note] = layout.LINE_POINTS * layout.wrapped_lines(
            block.note, layout.line_room(span))
    if placed.header:
        header = [[h] for h in block.header]
        heights[placed.header] = max(layout.line_heights(
            header, spec.widths, range(len(header)), bold=True))
    return heights


def _span(block: Block, widths: list[float]) -> int:
    """Columns a block's title and note spread over: its table's, or every sized one."""
    return len(block.header) or len(widths) or 1


def _height(ws, row: int, points: float) -> None:
    ws.row_dimensions[row] = RowDimension(ws, index=row, ht=points, customHeight=True)


def _print_setup(ws, spec: SheetSpec, placement: layout.Placement, language: str,
                 footer: str) -> None:
    setup = ws.page_setup
    setup.paperSize = layout.PAPER_A4
    setup.orientation = spec.orientation
    setup.fitToWidth = layout.pages_wide(spec.widths, spec.orientation, spec.repeat_columns)
    setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(
        left=layout.MARGIN_SIDE_IN, right=layout.MARGIN_SIDE_IN, top=layout.MARGIN_TOP_IN,
        bottom=layout.MARGIN_BOTTOM_IN, header=layout.HEADER_FOOTER_IN,
        footer=layout.HEADER_FOOTER_IN)
    first = placement.blocks[0] if placement.blocks else None
    if len(spec.blocks) == 1 and first.header:
        ws.print_title_rows = f"{first.header}:{first.header}"
    if spec.repeat_columns:
        ws.print_title_cols = f"A:{get_column_letter(spec.repeat_columns)}"
    for row in placement.row_breaks:
        ws.row_breaks.append(Break(id=row))
    # "&A" is the sheet's name; "&" in our own text is written "&&"
    for part, text in ((ws.oddFooter.left, "&A"),
                       (ws.oddFooter.center, label("print.page", language)),
                       (ws.oddFooter.right, footer.replace("&", "&&"))):
        part.text, part.size = text, FOOTER_FONT_POINTS


def _column_styles(spec: SheetSpec, width: int) -> list[str | None]:
    """Each column's style, by its name in _Styles: grid lines, wrapped text (from the top
    when every column wraps), a percentage, or none."""
    wrap = "wrap_top" if set(range(width)) <= set(spec.wrap) else "wrap"
    return ["grid" if spec.grid else "percent" if i in spec.percent_columns
            else wrap if i in spec.wrap else None for i in range(width)]


def _cells(ws, values: Iterable, styles: _Styles, text_columns: tuple[int, ...],
           cell_style: list[NamedStyle | None]) -> list:
    cells = []
    for column, value in enumerate(values):
        style = cell_style[column] if column < len(cell_style) else None
        if value is None or value == "" or (isinstance(value, float) and value != value):
            cells.append(_styled(ws, None, style) if style is styles.grid else None)
        elif isinstance(value, dt.datetime):
            cells.append(_styled(ws, value, styles.datetime))
        elif isinstance(value, dt.date):
            cells.append(_styled(ws, value, styles.date))
        elif isinstance(value, str) or column in text_columns:
            value = clean_cell(str(value))
            cells.append(_styled(ws, value, style) if style else _text(ws, value))
        else:
            cells.append(_styled(ws, value, style) if style else value)
    return cells


def _text(ws, value: str):
    """A literal string cell (already cleaned). Plain str is fast; openpyxl makes a formula
    of text starting with '=' and an error value of "#N/A", "#DIV/0!" and the like: those
    are forced to text."""
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


def _add_table(ws, spec: SheetSpec, placed: layout.BlockRows | None) -> None:
    if not (spec.as_table and placed and placed.header and spec.blocks[0].n_rows):
        return
    ref = f"A{placed.header}:{get_column_letter(len(spec.blocks[0].header))}{placed.last}"
    table = Table(displayName=_table_name(spec.name), ref=ref, tableStyleInfo=_TABLE_STYLE)
    # write-only mode cannot read the header back: name the columns as written
    names = _unique([clean_cell(h) or f"Column {i}" for i, h in
                     enumerate(spec.blocks[0].header, start=1)])
    table.tableColumns = [TableColumn(id=i, name=n) for i, n in enumerate(names, start=1)]
    table.autoFilter = AutoFilter(ref=ref)
    with warnings.catch_warnings():  # openpyxl warns even when the columns are given
        warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
        ws.add_table(table)


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


def _chart(chart: Chart, block: Block, placed: layout.BlockRows, sheet: str, language: str):
    """The chart of the block's first two columns (or of another sheet's, `chart.data`);
    None when there is nothing to plot."""
    if chart.data is not None:
        other, n_rows = chart.data
        if not n_rows:
            return None
        where, header, first, last = DummyWorksheet(other), 1, 2, n_rows + 1
    else:
        if not block.n_rows or not placed.header:
            return None
        where, header, first, last = DummyWorksheet(sheet), placed.header, placed.first, placed.last
    data = Reference(where, min_col=2, min_row=header, max_row=last)
    categories = Reference(where, min_col=1, min_row=first, max_row=last)
    drawn = {"line": LineChart, "bar": BarChart, "pie": PieChart}[chart.kind]()
    drawn.title = chart.title
    drawn.width, drawn.height = chart.width_cm, chart.height_cm
    drawn.add_data(data, titles_from_data=True)
    drawn.set_categories(categories)
    if chart.kind != "pie":  # openpyxl 3.1 leaves the axes for Excel to hide
        drawn.x_axis.delete = drawn.y_axis.delete = False
    if chart.kind == "bar":
        drawn.type = "bar"  # horizontal: long names stay readable
        drawn.legend = None
        drawn.x_axis.scaling.orientation = "maxMin"  # the biggest at the top, as in the table
    if chart.kind == "line":
        drawn.legend = None
        drawn.x_axis.number_format = DAY_MONTH_FORMATS[language]
        for series in drawn.series:
            series.smooth = False  # a day count is not a curve
    return drawn
