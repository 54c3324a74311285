"""Rows of a big sheet as SpreadsheetML text, written without a cell object per value.

openpyxl spends about five microseconds on each cell; a 100,000-participant list has 1.4
million of them. These rows are spliced by reports/xlsx.py into the sheet openpyxl wrote
(header, widths, table, styles), so the workbook's structure stays openpyxl's.
Every string is an inline string (t="inlineStr"): never a formula, whatever it starts with.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Iterable, Iterator

from openpyxl.utils import get_column_letter

from reports.safety import clean_cell

EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
SECONDS_PER_DAY = 86_400
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def excel_serial(value: dt.date) -> float:
    """A naive date or datetime as Excel's serial day number."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value - EXCEL_EPOCH).total_seconds() / SECONDS_PER_DAY


def row_xml(rows: Iterable[list], first_row: int, text_columns: tuple[int, ...],
            datetime_style: int, date_style: int) -> Iterator[str]:
    """One `<row>` element per row of values, numbered from `first_row`."""
    letters: list[str] = []
    for number, values in enumerate(rows, start=first_row):
        while len(letters) < len(values):
            letters.append(get_column_letter(len(letters) + 1))
        cells = []
        for column, value in enumerate(values):
            if value is None or value != value or value == "":  # None, NaN, NaT, "": blank
                continue
            ref = f"{letters[column]}{number}"
            if isinstance(value, str):
                cells.append(_text(ref, value))
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, dt.datetime):
                cells.append(f'<c r="{ref}" s="{datetime_style}"><v>{excel_serial(value)!r}</v></c>')
            elif isinstance(value, dt.date):
                cells.append(f'<c r="{ref}" s="{date_style}"><v>{excel_serial(value)!r}</v></c>')
            elif isinstance(value, float) and math.isinf(value):
                continue
            elif column in text_columns:
                cells.append(_text(ref, str(value)))
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        yield f'<row r="{number}">{"".join(cells)}</row>'


def _text(ref: str, value: str) -> str:
    text = clean_cell(value)
    if "&" in text or "<" in text or ">" in text:  # rare: three C scans beat a translate
        text = text.translate(_ESCAPES)
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
