"""A SheetTable plus its header mapping -> raw responses (docs/architecture.md, "The data contract").

One row per answer row, every answer as text, with provenance: `source`, `source_row`,
`submitted_at` (UTC; NaT when the row has none, the time above where a list left it blank
under a dated row) and `submitted_at_raw` as typed. In such a list a row going on a letter
shares its first row's institution and town where it leaves them blank (LETTERS_SHARE).
Questions that map to no canonical field are kept as `q: <header>` columns.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from sync.fields import ANSWER_FIELDS, NAME_PART_FIELDS
from sync.normalize.names import join_name_parts, parts_in_their_places
from sync.sources.table import ColumnTable, SheetTable, by_column
from sync.timestamps import parse_timestamps

EXTRA_PREFIX = "q: "
Branches = Mapping[str, tuple[str, ...]]  # field -> questions of other branches of the form
NO_BRANCHES: Branches = {}


def extra_column(header: str) -> str:
    return EXTRA_PREFIX + header


def to_responses(table: SheetTable | ColumnTable, mapping: Mapping[str, str],
                 branches: Branches = NO_BRANCHES) -> pd.DataFrame:
    """Raw responses of one table; `mapping` is {field: header} from sync.headers.map_headers,
    `branches` the questions of other branches of the form (FormReading.branches)."""
    if isinstance(table, SheetTable):
        table = by_column(table)
    count = len(table.row_numbers)
    data: dict[str, object] = {
        "source": [table.source] * count,
        "source_row": np.array(table.row_numbers, dtype="int64"),
    }
    raw_times = field_cells(table, mapping, "submitted_at", branches)
    data["submitted_at"] = parse_timestamps(_dated_down(raw_times), table.timezone)
    data["submitted_at_raw"] = raw_times
    for field in ANSWER_FIELDS:
        data[field] = field_cells(table, mapping, field, branches)
    for field in LETTERS_SHARE:
        data[field] = _as_the_letter(data[field], raw_times, table.row_numbers)
    mapped = set(mapping.values()).union(*branches.values())
    for header in table.headers:
        if header not in mapped:
            data[extra_column(header)] = _cells(table, header)
    return pd.DataFrame(data)


# What the people of one letter share, typed on its first row only in an organizer's list.
LETTERS_SHARE = ("institution", "city")


def _as_the_letter(cells: list[str], times: list[str], numbers: tuple[int, ...]) -> list[str]:
    """Each blank cell of a row that goes on a letter (no date of its own, right under the
    row above, in a list dating its letters) as that row's: a teacher's letter names her
    school on her own row, her pupils under it."""
    if all(times) or not any(times) or all(cells):
        return cells
    filled, in_letter = list(cells), False
    for i, time in enumerate(times):
        if time.strip():
            in_letter = True  # a letter's first row
        elif not (i and in_letter and numbers[i] == numbers[i - 1] + 1):
            in_letter = False
        elif not filled[i].strip():
            filled[i] = filled[i - 1]
    return filled


def _dated_down(times: list[str]) -> list[str]:
    """Each blank time as the row's above: an organizer's list dates a letter on its first
    row only, the rest of its people below it."""
    if all(times) or not any(times):  # a form's times, or a list with none
        return times
    dated, last = [], ""
    for time in times:
        last = time if time.strip() else last
        dated.append(last)
    return dated


def field_cells(table: SheetTable | ColumnTable, mapping: Mapping[str, str], field: str,
                branches: Branches = NO_BRANCHES) -> list[str]:
    """The cells answering `field`, one per row, as typed: blanks where the form does not ask
    it, and a full name joined from its parts where the form asks for those instead
    (sync.normalize.names: parts typed into each other's questions put back in their places,
    "нет" for no patronymic left out, a name typed whole into one part and again into
    another written once). A row that left the field's question blank gives its answer to
    the same question in another branch of the form (`branches`), if any."""
    cells = _first_cells(table, mapping, field, branches)
    for question in branches.get(field, ()):
        cells = [cell if cell.strip() else other
                 for cell, other in zip(cells, _cells(table, question))]
    return cells


def _first_cells(table: SheetTable | ColumnTable, mapping: Mapping[str, str], field: str,
                 branches: Branches) -> list[str]:
    if field == "full_name" and field not in mapping:
        parts = {p: field_cells(table, mapping, p, branches)
                 for p in NAME_PART_FIELDS if p in mapping}
        if parts:
            return list(map(join_name_parts, zip(*parts_in_their_places(parts).values())))
    if field not in mapping:
        return [""] * len(table.row_numbers)
    return _cells(table, mapping[field])


def _cells(table: SheetTable | ColumnTable, header: str) -> list[str]:
    index = table.headers.index(header)
    if isinstance(table, ColumnTable):
        return table.columns[index]
    return [row[index] for row in table.rows]
