"""What every source returns: a header row and answer rows, all cells as text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from sync.headers import unique_headers


@dataclass(frozen=True)
class SheetTable:
    source: str  # the source's name from config
    where: str  # where it came from, for messages: a file path or "Google Sheet 'x', tab 'y'"
    headers: tuple[str, ...]  # unique, never blank
    rows: tuple[tuple[str, ...], ...]  # each exactly len(headers) cells
    row_numbers: tuple[int, ...]  # as a person sees them: header row 1, first answer row 2
    timezone: str  # the zone of timestamps written without one


def build_table(source: str, where: str, grid: Iterable[Sequence[str]], timezone: str,
                header_row_number: int = 1) -> SheetTable:
    """Turn a grid of text cells (header first) into a SheetTable.

    Blank rows are skipped; short rows are padded; cells beyond the header get their own
    'Column N' header so nothing a respondent typed is dropped.
    """
    rows_iter = iter(grid)
    header = list(next(rows_iter, []))
    rows: list[list[str]] = []
    numbers: list[int] = []
    for number, row in enumerate(rows_iter, start=header_row_number + 1):
        if not any(cell.strip() for cell in row):
            continue
        rows.append(list(row))
        numbers.append(number)
    width = max([len(header), *(len(r) for r in rows)]) if rows or header else 0
    header += [""] * (width - len(header))
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return SheetTable(source=source, where=where, headers=tuple(unique_headers(header)),
                      rows=tuple(tuple(r) for r in rows), row_numbers=tuple(numbers),
                      timezone=timezone)
