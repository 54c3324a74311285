"""Turns clean DataFrames into workbooks. Knows nothing of Google, config files or the store."""

from __future__ import annotations

from pathlib import Path

from reports.model import ReportData


def write_report(data: ReportData, path: Path) -> None:
    """Build every sheet from `data` and write the workbook to `path`."""
    from reports.tables import build_sheets, footer_note
    from reports.xlsx import write_workbook

    write_workbook(build_sheets(data), path, data.language, footer_note(data))


__all__ = ["ReportData", "write_report"]
