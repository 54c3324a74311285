"""One small workbook per institution, for the contact person to send each its own list.

A workbook holds only the columns meant for the institution (ReportOptions.
institution_columns): by default name, specialty, role, e-mail and phone; never the
organizers' own notes, the source rows or review details unless config.toml names them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import pandas as pd

from reports.checkin import sorted_by_surname
from reports.labels import label
from reports.layout import fit_widths, orientation_for
from reports.model import ReportData
from reports.tables import (EXTRA_PREFIX, PARTICIPANT_FIELDS, Block, SheetSpec, _excel_times,
                            extra_header, footer_note, localized, report_day)

# characters: a name this long still leaves room for the folder's path within the
# 260-character path limit of Windows
MAX_NAME = 120
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f«»“”„]')
# the participants' column (after `localized`) that shows each field
_SHOWN = {"role": "role_label", "registered_at": "registered_local"}


def safe_file_name(name: str) -> str:
    """A file name every system accepts, still readable: КазНУ «им.» -> КазНУ им.

    A name longer than MAX_NAME is cut after its last whole word, never inside one."""
    text = " ".join(_NOT_IN_FILE_NAMES.sub(" ", name).split()).strip(" .")
    if len(text) > MAX_NAME:
        cut = text[:MAX_NAME + 1]
        text = cut.rsplit(" ", 1)[0] if " " in cut else text[:MAX_NAME]
        text = text.strip(" .,;-–")
    if not text or text.casefold() in _WINDOWS_RESERVED:
        text = f"_{text}"
    return text


def unique_file_names(names: Sequence[str]) -> list[str]:
    """safe_file_name of each, with " (2)", " (3)" after a name already given (in any case:
    Windows and macOS do not tell КазНУ from казну)."""
    used: set[str] = set()
    out = []
    for original in names:
        base = safe_file_name(original)
        name, n = base, 1
        while name.casefold() in used:
            n += 1
            name = f"{base} ({n})"
        used.add(name.casefold())
        out.append(name)
    return out


def column_of(entry: str, data: ReportData) -> str | None:
    """The participants' column an institution_columns entry names: a field, or a question
    of the form (as its header, with or without "q: "); None when it names neither (sync
    refuses such a config before it gets here)."""
    if entry in PARTICIPANT_FIELDS:
        return entry
    question = entry if entry.startswith(EXTRA_PREFIX) else EXTRA_PREFIX + entry
    return question if question in data.extra_columns else None


def institution_sheet(institution: str, group: pd.DataFrame, data: ReportData) -> SheetSpec:
    lang = data.language
    columns = [column_of(e, data) for e in data.options.institution_columns]
    columns = [c for c in columns if c is not None]
    group, names = sorted_by_surname(group, lang, [_SHOWN.get(c, c) for c in columns])
    values = [list(range(1, len(group) + 1))]
    for column in columns:
        shown = _SHOWN.get(column, column)
        values.append(names if column == "full_name" else _excel_times(group[shown])
                      if shown == "registered_local" else group[shown].tolist())
    header = [label("col.number", lang),
              *[label(f"col.{c}", lang) if c in PARTICIPANT_FIELDS else extra_header(c, lang)
                for c in columns]]
    text_columns = tuple(i for i, c in enumerate(columns, start=1)
                         if c in ("email", "phone", "source_rows"))
    widths = fit_widths(header, values, caps={0: 6})
    note = label("institution.as_of", lang).format(report_day(data))
    block = Block.of_columns(header, values, title=institution, note=note)
    return SheetSpec(label("sheet.participants", lang), [block], widths=widths, as_table=True,
                     text_columns=text_columns, orientation=orientation_for(widths),
                     repeat_columns=2)


def write_institution_workbooks(data: ReportData, folder: Path) -> list[Path]:
    """Write `<institution>.xlsx` files into `folder` (which must exist); returns them."""
    from reports.tables import split_long
    from reports.xlsx import write_workbook

    people = localized(data.participants, data)
    unknown = label("unknown", data.language)
    groups = list(people.groupby("institution", sort=True))
    names = unique_file_names([institution or unknown for institution, _ in groups])
    written: list[Path] = []
    for name, (institution, group) in zip(names, groups):
        path = folder / f"{name}.xlsx"
        sheets = split_long(institution_sheet(institution or unknown, group, data))
        write_workbook(sheets, path, data.language, footer_note(data))
        written.append(path)
    return written
