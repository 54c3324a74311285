"""How sheets print: A4 pages, column widths from content, wrapped rows, page breaks.

Arithmetic only, no openpyxl: tables.py sizes the columns, the writer (reports/xlsx.py)
asks `place` where each row, chart and page break goes. Units are Excel's: column widths
in characters of the default font (Calibri 11; LibreOffice draws its metric twin Carlito),
row heights and page sizes in points.

Pages are laid out for printing at 100 %: sheets are also set to fit the page width, which
may only shrink them, so a block that fits a page here fits it when printed.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

PAPER_A4 = 9  # SpreadsheetML's paperSize code for A4
POINTS_PER_INCH = 72
POINTS_PER_CM = POINTS_PER_INCH / 2.54
PAGE_POINTS = {"portrait": (595.3, 841.9), "landscape": (841.9, 595.3)}  # A4, width x height
MARGIN_SIDE_IN, MARGIN_TOP_IN, MARGIN_BOTTOM_IN = 0.4, 0.6, 0.7
HEADER_FOOTER_IN = 0.3  # the footer's distance from the page edge, inside the bottom margin
# A page's room kept free: Excel and LibreOffice measure fonts a little differently.
SLACK = 0.95
LINE_POINTS = 15.0  # one line of 11-point text, Excel's default row height
DEFAULT_WIDTH = 8.43  # characters: Excel's width of a column no one sized
# A wide sheet is printed over several pages side by side rather than shrunk below this:
# 11-point text at 70 % is still about 8 points.
MIN_SCALE = 0.7
GAP_ROWS = 1  # blank rows between two blocks of one sheet
CHART_OFFSET_POINTS = 3  # a chart starts this far below the top of its row


def column_points(width: float) -> float:
    """A column `width` characters wide, in points (Excel: 7 pixels a character + 5)."""
    return (width * 7 + 5) * 0.75


def page_width_chars(orientation: str) -> float:
    """How many characters of columns fit across the printable width of an A4 page."""
    printable = PAGE_POINTS[orientation][0] - 2 * MARGIN_SIDE_IN * POINTS_PER_INCH
    return (printable * SLACK / 0.75 - 5) / 7


def page_height_points(orientation: str) -> float:
    margins = (MARGIN_TOP_IN + MARGIN_BOTTOM_IN) * POINTS_PER_INCH
    return (PAGE_POINTS[orientation][1] - margins) * SLACK


# --- widths and heights from content ------------------------------------------------------

SAMPLE_VALUES = 2000  # values of a long column looked at for its width
PADDING = 2  # characters beside the text, so that it does not touch the grid line
BOLD = 1.1  # a bold header character is about a tenth wider
# Letters are narrower than the digit "0" a column's width is counted in: a wrapped line
# holds about this many more of them (Calibri's Cyrillic and Latin lower case; kept a
# little short of what LibreOffice fits, so that a row is never too low for its text).
TEXT_DENSITY = 1.08
# ... while a line of capitals and wide letters (Ж, Ш, Ю, M, W) is wider than its count of
# digits: a column is made this much wider than its longest text, so that none is cut.
TEXT_WIDTH = 1.1


def fit_widths(header: Sequence[str], columns: Sequence[Sequence], *, cap: float = 40,
               minimum: float = 5, caps: dict[int, float] | None = None) -> list[float]:
    """Column widths from content: the longest value (of an even sample of a long column)
    or the header's longest word, whichever is wider, between `minimum` and the cap
    (`caps` by column, else `cap`). A header longer than its column wraps."""
    widths = []
    for index, title in enumerate(header):
        values = columns[index] if index < len(columns) else ()
        sample = values[::max(1, len(values) // SAMPLE_VALUES)]
        if all(type(v) is str and "\n" not in v for v in sample):  # most columns: one pass in C
            longest = max(map(len, sample), default=0) * TEXT_WIDTH
        else:
            longest = max(map(_text_width, sample), default=0)
        word = max((len(w) for w in str(title).split()), default=0) * BOLD
        limit = (caps or {}).get(index, cap)
        widths.append(round(min(max(longest, word, minimum - PADDING) + PADDING, limit), 1))
    return widths


def _text_width(value) -> float:
    """How wide the value shows, in digits."""
    if value is None or value != value:  # None, NaN, NaT
        return 0
    if hasattr(value, "hour"):  # a date-time: "09.10.2025 14:03"
        return 16
    if hasattr(value, "day"):
        return 10
    if not isinstance(value, str):
        return len(str(value))
    return (max(map(len, value.split("\n"))) if "\n" in value else len(value)) * TEXT_WIDTH


def line_room(width: float, bold: bool = False, factor: float = 1.0) -> int:
    """Characters a line of a cell `width` characters wide holds (bold ones are wider;
    `factor`: how much wider a bigger font's are)."""
    return max(1, int((width - PADDING) * TEXT_DENSITY / (BOLD if bold else 1) / factor + 0.01))


@lru_cache(maxsize=65536)  # institutions and specialties repeat on every page
def wrapped_lines(text: str, room: int) -> int:
    """Lines `text` takes in a wrapped cell with room for `room` characters a line."""
    if len(text) <= room and "\n" not in text:
        return 1
    return sum(max(1, len(textwrap.wrap(part, room, break_long_words=True)))
               for part in text.split("\n"))


def line_heights(rows_columns: Sequence[Sequence], widths: Sequence[float],
                 wrap: Sequence[int], *, bold: bool = False, minimum: float = LINE_POINTS
                 ) -> list[float]:
    """Each row's height in points when the `wrap` columns wrap; `rows_columns` are the
    rows' values column by column."""
    n_rows = len(rows_columns[0]) if rows_columns else 0
    lines = np.ones(n_rows, dtype=np.int32)
    for index in wrap:
        if index >= len(rows_columns):
            continue
        room = line_room(widths[index] if index < len(widths) else DEFAULT_WIDTH, bold)
        values = rows_columns[index]
        try:  # text: the lengths in one pass in C
            lengths = np.fromiter(map(len, values), dtype=np.int64, count=n_rows)
        except TypeError:
            lengths = np.array([len(v) if isinstance(v, str) else 0 for v in values])
        longer = np.flatnonzero(lengths > room).tolist()  # the common case: none
        if longer:
            lines[longer] = np.maximum(lines[longer],
                                       [wrapped_lines(values[row], room) for row in longer])
    heights = np.maximum(lines * LINE_POINTS, minimum)
    return heights.tolist()


def pages_wide(widths: Sequence[float], orientation: str, repeat_columns: int = 0) -> int:
    """Pages side by side a sheet is printed on, so that it is not shrunk below MIN_SCALE;
    the first `repeat_columns` columns are printed again on each of them."""
    room = page_width_chars(orientation) / MIN_SCALE
    if sum(widths) <= room:
        return 1
    # pages break between columns: fill each page with whole columns, as the printer will
    repeated = sum(widths[:repeat_columns])
    pages, used = 1, repeated
    for width in widths[repeat_columns:]:
        if used + width > room and used > repeated:
            pages, used = pages + 1, repeated
        used += width
    return pages


def orientation_for(widths: Sequence[float]) -> str:
    """Portrait when the columns fit its width without shrinking below MIN_SCALE."""
    return "portrait" if sum(widths) <= page_width_chars("portrait") / MIN_SCALE else "landscape"


# --- placing blocks and charts on pages --------------------------------------------------

@dataclass(frozen=True)
class BlockRows:
    title: int | None  # 1-based row numbers; None when the block has no such row
    note: int | None
    header: int | None
    first: int  # the first data row (the header row + 1, whether or not there are rows)
    last: int  # the last data row; first - 1 when there are none

    @property
    def top(self) -> int:
        return next(r for r in (self.title, self.note, self.header, self.first) if r)


@dataclass(frozen=True)
class Placement:
    blocks: list[BlockRows]
    chart_rows: list[int]  # the row each chart's top-left corner is anchored to
    row_breaks: list[int]  # a page ends after each of these rows


def place(blocks: Sequence, charts: Sequence,
          heights: Callable[[int, BlockRows], dict[int, float]], orientation: str,
          keep_on_page: bool) -> Placement:
    """Where each block's rows go (a title, a note, a header, then the data), each chart
    beside the top of its block, the next block below both after GAP_ROWS blank rows;
    with `keep_on_page`, page breaks so that no block nor chart is cut by a page's end (a
    unit longer than a page starts a page of its own).

    `blocks` are reports.tables.Block, `charts` reports.tables.Chart; `heights(index, rows)`
    gives the heights in points of block `index`'s rows (row number -> points), once its
    rows are known; a row it leaves out is LINE_POINTS high."""
    page = page_height_points(orientation)
    tops = _Tops()
    placed: list[BlockRows] = []
    anchors: list[int] = [0] * len(charts)
    breaks: list[int] = []
    row, page_top = 0, 0.0
    for index, block in enumerate(blocks):
        if index:
            row += GAP_ROWS
        numbers = []
        for present in (block.title is not None, block.note is not None, bool(block.header)):
            row += present
            numbers.append(row if present else None)
        rows = BlockRows(*numbers, row + 1, row + block.n_rows)
        placed.append(rows)
        row += block.n_rows
        tops.heights.update(heights(index, rows))
        mine = [number for number, chart in enumerate(charts) if chart.block == index]
        if not (mine or keep_on_page):  # nothing to place by height: no need to add rows up
            continue
        bottom = tops(row + 1)
        for number in mine:
            anchors[number] = rows.top
            bottom = max(bottom, tops(rows.top) + CHART_OFFSET_POINTS
                         + charts[number].height_cm * POINTS_PER_CM)
        while tops(row + 1) < bottom:  # the next block goes below this one's chart
            row += 1
        if keep_on_page:
            if bottom - page_top > page and rows.top > 1 and tops(rows.top) > page_top:
                breaks.append(rows.top - 1)
                page_top = tops(rows.top)
            while bottom - page_top > page:  # longer than a page: it breaks by itself
                page_top += page
    return Placement(placed, anchors, breaks)


class _Tops:
    """Row number -> its top edge in points from the sheet's top; a row is as high as
    `heights` says, or LINE_POINTS. Worked out as far as asked."""

    def __init__(self):
        self.heights: dict[int, float] = {}
        self.tops = [0.0, 0.0]  # tops[row]; there is no row 0

    def __call__(self, row: int) -> float:
        while len(self.tops) <= row:
            above = len(self.tops) - 1
            self.tops.append(self.tops[-1] + self.heights.get(above, LINE_POINTS))
        return self.tops[row]
