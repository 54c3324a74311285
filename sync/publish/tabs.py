"""What the published spreadsheet shows, as plain grids of JSON values; pure, no Google here.

The tabs are built by the workbook's own sheet builders (reports/tables.py), so the sheet
in the browser and the .xlsx never disagree: the same rows, headers, order and counts.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from reports.labels import label
from reports.model import ReportData
from reports.safety import clean_cell, clean_cells
from reports.question_summary import questions_sheets, read_questions
from reports.tables import (SheetSpec, by_institution_sheet, by_specialty_sheet, localized,
                            participants_sheet)

# Times as text that reads the same in every locale and sorts by time when sorted as text;
# written RAW, Sheets keeps it text (it never guesses a date from it).
TIME_FORMAT = "%Y-%m-%d %H:%M"
DAY_FORMAT = "%Y-%m-%d"
# The workbook's column widths are in characters; Sheets wants pixels (Arial 10: ~7 px each).
PIXELS_PER_CHARACTER = 7
# Sheets accepts long tab names; a short one fits on the tab bar and leaves room for " (2)".
MAX_TITLE = 90
INSTITUTION_ROLE = "institution:"
_NOT_IN_TITLES = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class TabContent:
    """One tab as regsync wants it after this run."""

    role: str  # what the tab is, the same in every language and run: "participants", ...
    title: str  # its name in the report's language
    rows: list[list[Any]]  # str, int, float or bool cells, row by row, header included
    widths: tuple[int, ...]  # pixels, column by column
    header_row: bool  # a list with a header: frozen first row and a filter


Builder = Callable[[pd.DataFrame, ReportData], list[SheetSpec]]


def _question_sheets(people: pd.DataFrame, data: ReportData) -> list[SheetSpec]:
    """The Form questions sheet, and Sessions x institutions when the form asks a session."""
    return questions_sheets(data, people, read_questions(data, people))


# The workbook's builders, in the order the tabs come: (the roles of the sheets a builder of
# localized people gives, as many as it gives; the builder).
SHARED_SHEETS: tuple[tuple[tuple[str, ...], Builder], ...] = (
    (("participants",), lambda people, data: [participants_sheet(
        people, data, label("sheet.participants", data.language))]),
    (("by_institution",), lambda people, data: [by_institution_sheet(people, data.language)]),
    (("by_specialty",), lambda people, data: [by_specialty_sheet(people, data.language)]),
    (("questions", "sessions"), _question_sheets),
)


def published_tabs(data: ReportData, per_institution: bool = False) -> list[TabContent]:
    """The tabs to publish: the shared sheets, then one list per institution if asked."""
    people = localized(data.participants, data)
    tabs = [tab_content(role, spec) for roles, build in SHARED_SHEETS
            for role, spec in zip(roles, build(people, data))]
    if per_institution:
        unknown = label("unknown", data.language)
        for institution, group in people.groupby("institution", sort=True):
            name = tab_title(institution or unknown)
            spec = participants_sheet(group, data, name)
            tabs.append(tab_content(INSTITUTION_ROLE + institution, spec))
    return tabs


def tab_title(name: str) -> str:
    """A tab name from free text: one line, trimmed, not too long, never empty."""
    text = " ".join(_NOT_IN_TITLES.sub(" ", name).split())[:MAX_TITLE].strip()
    return text or "_"


def tab_content(role: str, spec: SheetSpec) -> TabContent:
    """A sheet laid out as the workbook lays it out: blocks one blank row apart, each with
    its title (if any) and header row."""
    rows: list[list[Any]] = []
    for number, block in enumerate(spec.blocks):
        if number:
            rows.append([])
        if block.title:
            rows.append([clean_cell(block.title)])
        if block.note:
            rows.append([clean_cell(block.note)])
        if block.header:
            rows.append([clean_cell(h) for h in block.header])
        if block.columns is not None:
            columns = [column_cells(values, position in spec.text_columns)
                       for position, values in enumerate(block.columns)]
            rows.extend(map(list, zip(*columns, strict=True)))
        else:
            rows.extend(row_cells(row, spec.text_columns, spec.percent_columns)
                        for row in block.rows)
    widths = tuple(round(w * PIXELS_PER_CHARACTER) for w in spec.widths)
    return TabContent(role, tab_title(spec.name), rows, widths, spec.as_table)


def column_cells(values: Sequence[Any], as_text: bool) -> list[Any]:
    """A column's cells; a column of text only (most of them) in one pass."""
    if all(type(v) is str for v in values):
        return clean_cells(list(values))
    return [cell(v, as_text) for v in values]


def row_cells(row: Iterable[Any], text_columns: tuple[int, ...],
              percent_columns: tuple[int, ...] = ()) -> list[Any]:
    """A row's cells; a share (0.42) as the workbook shows it, "42 %"."""
    return [f"{round(v * 100)} %" if position in percent_columns and isinstance(v, float)
            else cell(v, position in text_columns) for position, v in enumerate(row)]


def cell(value: Any, as_text: bool = False) -> Any:
    """One value as Sheets keeps it when written RAW: text stays text, whatever it starts
    with ('=', '+', '@'); numbers stay numbers except in text columns (phones, row refs);
    times become text; missing values an empty cell."""
    if isinstance(value, str):
        return clean_cell(value)
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Real):
        if not math.isfinite(value):
            return ""
        if as_text:  # as the workbook writes it
            return clean_cell(str(value))
        return int(value) if isinstance(value, numbers.Integral) else float(value)
    if isinstance(value, dt.datetime):
        return value.strftime(TIME_FORMAT)
    if isinstance(value, dt.date):
        return value.strftime(DAY_FORMAT)
    return clean_cell(str(value))
