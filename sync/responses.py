"""A SheetTable plus its header mapping -> raw responses (docs/architecture.md, "The data contract").

One row per answer row, every answer as text, with provenance: `source`, `source_row`,
`submitted_at` (UTC; NaT when the row has none) and `submitted_at_raw` as typed. In a list
that dates its letters, a row going on a letter shares its date, institution and town where
it leaves them blank (as_their_letters, on all of a source's rows at once).
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
    data["submitted_at"] = parse_timestamps(raw_times, table.timezone)
    data["submitted_at_raw"] = raw_times
    for field in ANSWER_FIELDS:
        data[field] = field_cells(table, mapping, field, branches)
    mapped = set(mapping.values()).union(*branches.values())
    for header in table.headers:
        if header not in mapped:
            data[extra_column(header)] = _cells(table, header)
    return pd.DataFrame(data)


# What the people of one letter share, typed on its first row only in an organizer's list.
LETTERS_SHARE = ("submitted_at", "institution", "city")


def as_their_letters(responses: pd.DataFrame) -> pd.DataFrame:
    """`responses` (in the order of their source rows) with what a row going on a letter
    left blank taken from the letter's first row: in a list that dates some rows (days, not
    a form's times of day), the rows right under a dated one, with no date of their own,
    are its letter's people (a teacher's pupils under her own row) and share its date,
    institution and town."""
    typed = responses["submitted_at_raw"].str.strip()
    dated = typed != ""
    by_source = dated.groupby(responses["source"])
    # a form's rows carry a time of day; a row added to it by hand is no letter's
    timed = typed.str.contains(":", regex=False).groupby(responses["source"]).transform("any")
    lists = by_source.transform("any") & ~by_source.transform("all") & ~timed
    if not lists.any():  # forms' times, and lists with none
        return responses
    rows = responses.loc[lists]
    dated = dated[lists]
    # a letter begins at a dated row, a blank line, or a source's first row; a teacher's
    # listed pupils ("form:12/1") stand on her row
    gap = rows.groupby("source")["source_row"].diff().fillna(2) > 1
    letter = (dated | gap).cumsum()
    on_a_letter = dated.groupby(letter).transform("first")
    responses = responses.copy()
    for field in LETTERS_SHARE:
        values = rows[field]
        blank = values.isna() if field == "submitted_at" else values.str.strip() == ""
        filled = values.where(~blank).groupby(letter).ffill().where(lambda v: v.notna(), values)
        responses.loc[lists, field] = values.where(~(blank & on_a_letter), filled)
    return responses


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
