"""Rows of a big sheet as SpreadsheetML text, written without a cell object per value.

openpyxl spends about five microseconds on each cell; a 100,000-participant list has 1.4
million of them. These rows are spliced by reports/xlsx.py into the sheet openpyxl wrote
(header, widths, table, styles), so the workbook's structure stays openpyxl's.
Every string is an inline string (t="inlineStr"): never a formula, whatever it starts with.

Rows are turned into XML a chunk at a time, column by column: a column of plain strings (or
of date-times) takes one comprehension instead of a type test and a call per cell; any other
column goes cell by cell through `_cell`, which says what every value becomes.
"""

from __future__ import annotations

import datetime as dt
import math
from itertools import chain, islice, repeat
from typing import Iterable, Iterator, Sequence

from openpyxl.utils import get_column_letter

from reports.safety import clean_cells

EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
SECONDS_PER_DAY = 86_400
ROWS_PER_CHUNK = 2000  # rows turned into XML together: big enough to batch, small in memory
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_NONE = type(None)
# Excel drops the spaces and line breaks a text starts or ends with unless its <t> says
# xml:space="preserve" (openpyxl's rule too); a column of texts without any goes without it:
# a fifth less XML to make and compress.
_T_PRESERVE = '<t xml:space="preserve">'


def excel_serial(value: dt.date) -> float:
    """A naive date or datetime as Excel's serial day number."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value - EXCEL_EPOCH).total_seconds() / SECONDS_PER_DAY


def row_xml(rows: Iterable[Sequence], first_row: int, text_columns: tuple[int, ...],
            datetime_style: int, date_style: int, cell_styles: Sequence[int | None] = (),
            heights: Sequence[float] | None = None) -> Iterator[str]:
    """`<row>` elements for `rows`, numbered from `first_row`: one string per chunk of rows.

    `cell_styles`: a style number per column (None: none), given to its blank cells too (a
    border to sign in); `heights`: each row's height in points (None for a row, or for all:
    the sheet's default).
    """
    styles = (datetime_style, date_style)
    rows = iter(rows)
    number = first_row
    while chunk := list(islice(rows, ROWS_PER_CHUNK)):
        width = max(map(len, chunk))
        if any(len(row) != width for row in chunk):  # ragged rows: blanks where a row is short
            chunk = [[*row, *[None] * (width - len(row))] for row in chunk]
        done = number - first_row
        yield _chunk_xml(list(zip(*chunk)), len(chunk), number, text_columns, styles,
                         cell_styles, heights[done:done + len(chunk)] if heights else None)
        number += len(chunk)


def column_xml(columns: list[Sequence], first_row: int, text_columns: tuple[int, ...],
               datetime_style: int, date_style: int, cell_styles: Sequence[int | None] = (),
               heights: Sequence[float] | None = None) -> Iterator[str]:
    """The same as `row_xml` of the rows these equally long columns make."""
    styles = (datetime_style, date_style)
    n_rows = len(columns[0]) if columns else 0
    for start in range(0, n_rows, ROWS_PER_CHUNK):
        chunk = [values[start:start + ROWS_PER_CHUNK] for values in columns]
        yield _chunk_xml(chunk, min(ROWS_PER_CHUNK, n_rows - start), first_row + start,
                         text_columns, styles, cell_styles,
                         heights[start:start + ROWS_PER_CHUNK] if heights else None)


def _chunk_xml(columns: list[Sequence], n_rows: int, first_row: int,
               text_columns: tuple[int, ...], styles: tuple[int, int],
               cell_styles: Sequence[int | None] = (), heights: Sequence[float] | None = None
               ) -> str:
    """The `<row>` elements of `n_rows` rows given as columns, numbered from `first_row`."""
    # as text once: formatting the number again in every cell is a third of a cell's time
    numbers = [str(n) for n in range(first_row, first_row + n_rows)]
    cells = [_column_xml(values, get_column_letter(column + 1), numbers,
                         column in text_columns, styles,
                         cell_styles[column] if column < len(cell_styles) else None)
             for column, values in enumerate(columns)]
    if heights is None:
        starts = [f'<row r="{n}">' for n in numbers]
    else:  # None: the sheet's default height
        starts = [f'<row r="{n}">' if h is None else f'<row r="{n}" ht="{h:g}" customHeight="1">'
                  for n, h in zip(numbers, heights)]
    # row by row: its start, its cells, its end, joined once (no string per row to copy again)
    return "".join(chain.from_iterable(zip(starts, *cells, repeat("</row>"))))


def _column_xml(values: Sequence, letter: str, numbers: list[str], as_text: bool,
                styles: tuple[int, int], style: int | None = None) -> list[str]:
    """Each value's `<c>` element, "" for a blank (or, in a styled column, a blank cell of
    that style): what `_cell` gives, value by value."""
    types = set(map(type, values))
    if types == {str}:
        texts = _escaped(clean_cells(list(values)))
        t = _T_PRESERVE if any(text != text.strip() for text in texts) else "<t>"
        if style is None:
            return [f'<c r="{letter}{n}" t="inlineStr"><is>{t}{text}</t></is></c>'
                    if value else "" for n, value, text in zip(numbers, values, texts)]
        return [f'<c r="{letter}{n}" s="{style}" t="inlineStr"><is>{t}{text}</t></is></c>'
                if value else f'<c r="{letter}{n}" s="{style}"/>'
                for n, value, text in zip(numbers, values, texts)]
    if types <= {dt.datetime, _NONE} and style is None:  # excel_serial's sums, no call per cell
        return ["" if value is None else
                f'<c r="{letter}{n}" s="{styles[0]}"><v>'
                f'{(value - EXCEL_EPOCH).total_seconds() / SECONDS_PER_DAY!r}</v></c>'
                for n, value in zip(numbers, values)]
    return [_cell(f"{letter}{n}", value, as_text, styles, style)
            for n, value in zip(numbers, values)]


def _cell(ref: str, value, as_text: bool, styles: tuple[int, int], style: int | None = None
          ) -> str:
    """One value's `<c>` element at `ref`; "" when the cell stays blank, or with a `style`
    (a border, say) a blank cell of that style. Dates keep their own date styles."""
    styled = "" if style is None else f' s="{style}"'
    if value is None or value != value or value == "":  # None, NaN, NaT, "": blank
        return "" if style is None else f'<c r="{ref}"{styled}/>'
    if isinstance(value, str):
        return _text(ref, value, styled)
    if isinstance(value, bool):
        return f'<c r="{ref}"{styled} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.datetime):
        return f'<c r="{ref}" s="{styles[0]}"><v>{excel_serial(value)!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{styles[1]}"><v>{excel_serial(value)!r}</v></c>'
    if isinstance(value, float) and math.isinf(value):
        return "" if style is None else f'<c r="{ref}"{styled}/>'
    if as_text:
        return _text(ref, str(value), styled)
    return f'<c r="{ref}"{styled}><v>{value}</v></c>'


def _text(ref: str, value: str, styled: str = "") -> str:
    (text,) = _escaped(clean_cells([value]))
    t = _T_PRESERVE if text != text.strip() else "<t>"
    return f'<c r="{ref}"{styled} t="inlineStr"><is>{t}{text}</t></is></c>'


def _escaped(texts: list[str]) -> list[str]:
    """XML's three special characters escaped; the list itself when no text has any."""
    joined = "\n".join(texts)
    if "&" not in joined and "<" not in joined and ">" not in joined:
        return texts
    return [text.translate(_ESCAPES) for text in texts]
