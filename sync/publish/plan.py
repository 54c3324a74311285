"""What to ask of Google to bring the spreadsheet to the wanted tabs; pure, no Google here.

regsync marks every tab it creates with developer metadata (key MARK_KEY, value the tab's
role) and afterwards finds its tabs by that mark, never by title: a tab without the mark
is the organizers' own and is never renamed, resized, cleared, written or deleted, even
when it has the name regsync wants (regsync then takes "<name> (2)"). A marked tab whose
role is no longer wanted (an institution nobody registers from any more) is deleted; a
tab renamed by hand gets its name back on the next run.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any, Mapping

from sync.publish.tabs import MAX_TITLE, TabContent
from sync.sources.google_sheet import quote_tab

MARK_KEY = "regsync.tab"
# Rows a tab gets beyond those it needs, so that a list growing by a few people a day
# is not resized every run: half again, at least this many.
MIN_SPARE_ROWS = 100
_MAX_SHEET_ID = 2**31 - 1  # sheet ids are positive 32-bit integers


@dataclass(frozen=True)
class ExistingTab:
    sheet_id: int
    title: str
    index: int
    row_count: int
    column_count: int
    role: str | None  # the role regsync marked it with; None: not regsync's


@dataclass
class Plan:
    structure: list[dict[str, Any]] = field(default_factory=list)  # spreadsheets:batchUpdate
    clear: list[str] = field(default_factory=list)  # ranges for values:batchClear
    writes: list[tuple[str, list[list[Any]]]] = field(default_factory=list)  # (quoted tab, rows)
    created: list[str] = field(default_factory=list)  # titles
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new)
    resized: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def existing_tabs(metadata: Mapping[str, Any]) -> list[ExistingTab]:
    """The tabs of a spreadsheets.get answer, each with regsync's mark if it has one."""
    tabs = []
    for sheet in metadata.get("sheets", []):
        properties = sheet.get("properties", {})
        grid = properties.get("gridProperties", {})
        marks = [m.get("metadataValue", "") for m in sheet.get("developerMetadata", [])
                 if m.get("metadataKey") == MARK_KEY]
        tabs.append(ExistingTab(properties.get("sheetId", 0), properties.get("title", ""),
                                properties.get("index", len(tabs)), grid.get("rowCount", 0),
                                grid.get("columnCount", 0), marks[0] if marks else None))
    return sorted(tabs, key=lambda t: t.index)


def plan(existing: list[ExistingTab], wanted: list[TabContent]) -> Plan:
    """Requests that turn `existing` into `wanted`, touching regsync's own tabs only.

    A role marked on several tabs (a marked tab duplicated by hand) is the first one's; the
    copies are left alone."""
    ours: dict[str, ExistingTab] = {}
    for tab in existing:
        if tab.role is not None:
            ours.setdefault(tab.role, tab)
    result = Plan()
    taken = {t.title.casefold() for t in existing}
    ids = {t.sheet_id for t in existing}
    for content in wanted:
        rows = max(len(content.rows), 1)
        columns = max((len(row) for row in content.rows), default=1) or 1
        tab = ours.get(content.role)
        if tab is None:
            title = _free_title(content.title, taken)
            sheet_id = _free_sheet_id(content.role, ids)
            result.structure.extend(_new_tab(sheet_id, title, content, rows, columns))
            result.created.append(title)
        else:
            title = tab.title
            if title != content.title and content.title.casefold() not in taken - {title.casefold()}:
                result.structure.append(_rename(tab.sheet_id, content.title))
                result.renamed.append((title, content.title))
                taken.discard(title.casefold())
                title = content.title
            if rows > tab.row_count or columns > tab.column_count:
                result.structure.append(_resize(tab.sheet_id, max(tab.row_count, _with_spare(rows)),
                                                max(tab.column_count, columns)))
                if content.header_row:  # the filter covers the rows it was set on: set it again
                    result.structure.append(_filter(tab.sheet_id))
                result.resized.append(title)
            result.clear.append(quote_tab(title))
        taken.add(title.casefold())
        result.writes.append((quote_tab(title), content.rows))
    roles = {content.role for content in wanted}
    for role, tab in ours.items():
        if role not in roles:  # after the additions: a spreadsheet must keep at least one tab
            result.structure.append({"deleteSheet": {"sheetId": tab.sheet_id}})
            result.deleted.append(tab.title)
    return result


def _new_tab(sheet_id: int, title: str, content: TabContent, rows: int, columns: int
             ) -> list[dict[str, Any]]:
    """A tab with its size, frozen header, column widths, filter and regsync's mark: the
    look is set once, here; afterwards the organizers may change it."""
    grid = {"rowCount": _with_spare(rows), "columnCount": columns}
    if content.header_row:
        grid["frozenRowCount"] = 1
    requests: list[dict[str, Any]] = [
        {"addSheet": {"properties": {"sheetId": sheet_id, "title": title, "gridProperties": grid}}},
        {"createDeveloperMetadata": {"developerMetadata": {
            "metadataKey": MARK_KEY, "metadataValue": content.role,
            "location": {"sheetId": sheet_id}, "visibility": "DOCUMENT"}}},
    ]
    for start, end, pixels in _runs(content.widths[:columns]):
        requests.append({"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": start,
                      "endIndex": end},
            "properties": {"pixelSize": pixels}, "fields": "pixelSize"}})
    if content.header_row:
        requests.append(_filter(sheet_id))
    return requests


def _rename(sheet_id: int, title: str) -> dict[str, Any]:
    return {"updateSheetProperties": {"properties": {"sheetId": sheet_id, "title": title},
                                      "fields": "title"}}


def _resize(sheet_id: int, rows: int, columns: int) -> dict[str, Any]:
    return {"updateSheetProperties": {
        "properties": {"sheetId": sheet_id,
                       "gridProperties": {"rowCount": rows, "columnCount": columns}},
        "fields": "gridProperties.rowCount,gridProperties.columnCount"}}


def _filter(sheet_id: int) -> dict[str, Any]:
    return {"setBasicFilter": {"filter": {"range": {"sheetId": sheet_id}}}}


def _with_spare(rows: int) -> int:
    return rows + max(MIN_SPARE_ROWS, rows // 2)


def _runs(widths: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """(start, end, pixels) for each run of equal widths: one request per run, not per column."""
    runs: list[tuple[int, int, int]] = []
    for column, pixels in enumerate(widths):
        if runs and runs[-1][2] == pixels and runs[-1][1] == column:
            runs[-1] = (runs[-1][0], column + 1, pixels)
        else:
            runs.append((column, column + 1, pixels))
    return runs


def _free_title(title: str, taken: set[str]) -> str:
    """`title`, or "title (2)", "title (3)", ...: the first no tab has (Sheets ignores case)."""
    candidate, number = title, 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = title[:MAX_TITLE - len(suffix)] + suffix
    return candidate


def _free_sheet_id(role: str, ids: set[int]) -> int:
    """An id derived from the role (the same every run, so tests and logs are stable),
    moved on until no tab has it; 0 is left to Google's first tab."""
    sheet_id = zlib.crc32(role.encode("utf-8")) % _MAX_SHEET_ID or 1
    while sheet_id in ids:
        sheet_id = sheet_id % _MAX_SHEET_ID + 1
    ids.add(sheet_id)
    return sheet_id
