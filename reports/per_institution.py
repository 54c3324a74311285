"""One small workbook per institution, for the contact person to send each its own list."""

from __future__ import annotations

import re
from pathlib import Path

from reports.model import ReportData
from reports.tables import localized, participants_sheet, split_long
from reports.labels import label

MAX_NAME = 80  # characters: room for the folder path within Windows' 260-character limit
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


def safe_file_name(name: str) -> str:
    """A file name every system accepts, still readable: КазНУ «им.» -> КазНУ им."""
    text = re.sub(r'[<>:"/\\|?*\x00-\x1f«»“”]', " ", name)
    text = " ".join(text.split()).strip(" .")[:MAX_NAME].strip(" .")
    if not text or text.casefold() in _WINDOWS_RESERVED:
        text = f"_{text}"
    return text


def write_institution_workbooks(data: ReportData, folder: Path) -> list[Path]:
    """Write `<institution>.xlsx` files into `folder` (which must exist); returns them."""
    from reports.xlsx import write_workbook

    people = localized(data.participants, data)
    unknown = label("unknown", data.language)
    written: list[Path] = []
    used: set[str] = set()
    for institution, group in people.groupby("institution", sort=True):
        base = safe_file_name(institution or unknown)
        name, n = base, 1
        while name.casefold() in used:
            n += 1
            name = f"{base} ({n})"
        used.add(name.casefold())
        path = folder / f"{name}.xlsx"
        sheet = participants_sheet(group, data, label("sheet.participants", data.language))
        write_workbook(split_long(sheet), path, data.language)
        written.append(path)
    return written
