"""Report files: the workbook written to a temporary file, then put in place with latest.xlsx;
the per-institution folder likewise; old daily reports pruned."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sync.config import Config
from sync.errors import ReportError

if TYPE_CHECKING:
    from reports.model import ReportData

REPORT_PREFIX = "registrations-"
LATEST_NAME = "latest.xlsx"


def report_path(config: Config, now: dt.datetime) -> Path:
    day = now.astimezone(ZoneInfo(config.report.timezone)).date()
    return config.report.dir / f"{REPORT_PREFIX}{day.isoformat()}.xlsx"


def write_report_file(data: "ReportData", target: Path) -> Path:
    """Write to a temporary file beside `target`; the caller renames it into place."""
    from reports import write_report

    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ReportError(f"cannot create the report folder {folder}: {e.strerror}")
    if target.is_dir():
        raise ReportError(f"cannot write the report: {target} is a folder")
    temp = folder / f".{target.name}.{os.getpid()}.tmp"
    try:
        write_report(data, temp)
    except OSError as e:
        temp.unlink(missing_ok=True)
        raise ReportError(f"cannot write the report in {folder}: {e.strerror or e}")
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def publish(temp: Path, target: Path) -> None:
    """Rename the finished report into place and refresh latest.xlsx the same way.

    Both land or neither: if latest.xlsx cannot be replaced, the day's previous report is
    put back.
    """
    latest = target.parent / LATEST_NAME
    latest_temp = target.parent / f".{LATEST_NAME}.{os.getpid()}.tmp"
    backup = target.parent / f".{target.name}.{os.getpid()}.bak"
    try:
        if latest.is_dir():
            raise IsADirectoryError(21, "is a folder", str(latest))
        shutil.copyfile(temp, latest_temp)
        if target.exists():
            os.replace(target, backup)
        try:
            os.replace(temp, target)
            os.replace(latest_temp, latest)
        except OSError:
            if backup.exists():
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
            raise
    except OSError as e:
        hint = " (is it open in Excel? close it and run again)" if isinstance(e, PermissionError) else ""
        where = e.filename or target
        raise ReportError(f"cannot put the report in place at {where}: {e.strerror or e}{hint}")
    finally:
        for leftover in (temp, latest_temp, backup):
            leftover.unlink(missing_ok=True)


def institution_folder(report: Path) -> Path:
    """output/registrations-2025-10-09.xlsx -> output/by-institution-2025-10-09/"""
    return report.with_name("by-institution-" + report.stem[len(REPORT_PREFIX):])


def write_institution_folder(data: "ReportData", target: Path) -> Path:
    """Write one workbook per institution into a temporary folder beside `target`."""
    from reports.per_institution import write_institution_workbooks

    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(temp, ignore_errors=True)
    try:
        temp.mkdir(parents=True)
        write_institution_workbooks(data, temp)
    except OSError as e:
        shutil.rmtree(temp, ignore_errors=True)
        raise ReportError(f"cannot write the per-institution workbooks in {target.parent}: "
                          f"{e.strerror or e}")
    return temp


def publish_folder(temp: Path, target: Path) -> None:
    """Swap the finished folder into place; the previous one is removed only afterwards."""
    old = target.with_name(f".{target.name}.{os.getpid()}.old")
    try:
        if target.exists():
            os.replace(target, old)
        os.replace(temp, target)
    except OSError as e:
        shutil.rmtree(temp, ignore_errors=True)
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise ReportError(f"cannot put the per-institution folder in place at {target}: "
                          f"{e.strerror or e}")
    shutil.rmtree(old, ignore_errors=True)


def prune_reports(folder: Path, keep_days: int, today: dt.date) -> list[Path]:
    """Delete daily reports older than `keep_days` (0 keeps all); returns what was deleted."""
    if keep_days <= 0 or not folder.is_dir():
        return []
    removed = []
    for path in folder.glob(f"{REPORT_PREFIX}*.xlsx"):
        try:
            day = dt.date.fromisoformat(path.stem[len(REPORT_PREFIX):])
        except ValueError:
            continue  # not one of ours
        if (today - day).days >= keep_days:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
