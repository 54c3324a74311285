"""Report files: every file of a run written into a private staging folder, then all put in
place together (the dated report, latest.xlsx, the per-institution and sign-in folders), or
none.

The staging folder is made by mkdtemp inside the report folder: a fresh name nobody can
predict, readable by this user only, on the same disk as the reports so that putting files
in place is a rename. Nothing is ever written through a path another program could have
planted a link at; a link found where a report goes is moved aside like an old report. A run
killed midway leaves only its staging folder, which the next run removes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from zoneinfo import ZoneInfo

from sync.config import Config
from sync.errors import ReportError, os_problem

if TYPE_CHECKING:
    from reports.model import ReportData

REPORT_PREFIX = "registrations-"
LATEST_NAME = "latest.xlsx"
INSTITUTION_PREFIX = "by-institution-"
CHECKIN_PREFIX = "checkin-"
STAGING_PREFIX = ".regsync-"
# What an earlier regsync (before staging folders) left when it was killed: ".<name>.<pid>.tmp"
_OLD_LEFTOVERS = (".registrations-*.tmp", ".registrations-*.bak", ".latest.xlsx.*.tmp",
                  ".by-institution-*.tmp", ".by-institution-*.old")


def report_path(config: Config, now: dt.datetime) -> Path:
    day = now.astimezone(ZoneInfo(config.report.timezone)).date()
    return config.report.dir / f"{REPORT_PREFIX}{day.isoformat()}.xlsx"


def institution_folder(report: Path) -> Path:
    """output/registrations-2025-10-09.xlsx -> output/by-institution-2025-10-09/"""
    return report.with_name(INSTITUTION_PREFIX + report.stem[len(REPORT_PREFIX):])


def checkin_folder(report: Path) -> Path:
    """output/registrations-2025-10-09.xlsx -> output/checkin-2025-10-09/"""
    return report.with_name(CHECKIN_PREFIX + report.stem[len(REPORT_PREFIX):])


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove what killed runs left in the report folder; returns what was removed.

    Called under the run lock, so no other run's staging folder is in use.
    """
    if not folder.is_dir():
        return []
    found = [*folder.glob(STAGING_PREFIX + "*"), *(p for pattern in _OLD_LEFTOVERS
                                                   for p in folder.glob(pattern))]
    for path in found:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return found


class Staging:
    """The files of one run, written here first; see the module docstring."""

    def __init__(self, report_dir: Path):
        try:
            report_dir.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=report_dir))
        except OSError as e:
            raise ReportError(f"cannot write in the report folder {report_dir}: {os_problem(e)}")
        self._placed: list[tuple[Path, Path]] = []  # (staged, target), in order

    def write_report(self, data: "ReportData", target: Path) -> None:
        """The workbook, to become `target` and latest.xlsx."""
        from reports import write_report

        for path in (target, target.parent / LATEST_NAME):
            if path.is_dir() and not path.is_symlink():
                raise ReportError(f"cannot write the report: {path} is a folder")
        staged = self.folder / target.name
        try:
            write_report(data, staged)
            shutil.copyfile(staged, self.folder / LATEST_NAME)
        except OSError as e:
            raise ReportError(f"cannot write the report in {target.parent}: {os_problem(e)}")
        self._placed += [(staged, target), (self.folder / LATEST_NAME, target.parent / LATEST_NAME)]

    def write_institution_workbooks(self, data: "ReportData", target: Path) -> None:
        """One workbook per institution, to become the folder `target`."""
        from reports.per_institution import write_institution_workbooks

        self._write_folder(write_institution_workbooks, data, target, "per-institution workbooks")

    def write_checkin_workbooks(self, data: "ReportData", target: Path) -> None:
        """One sign-in workbook per session, to become the folder `target`."""
        from reports.checkin import write_checkin_workbooks

        self._write_folder(write_checkin_workbooks, data, target, "sign-in lists")

    def _write_folder(self, writer: Callable[[ReportData, Path], list[Path]], data: ReportData,
                      target: Path, what: str) -> None:
        staged = self.folder / target.name
        try:
            staged.mkdir()
            writer(data, staged)
        except OSError as e:
            raise ReportError(f"cannot write the {what} in {target.parent}: {os_problem(e)}")
        self._placed.append((staged, target))

    def put_in_place(self) -> None:
        """Every staged file to its target, or, if one cannot be, every target as it was.

        A file replaces its target in one rename, so a report is never missing even for a
        moment; the old one is kept here (a second link to it, or a copy) to put back. A
        folder cannot be replaced in one rename: the old one is moved here first, and back.
        """
        placed: list[tuple[Path, Path | None]] = []  # (target, what it held before, kept here)
        target = None
        try:
            for number, (staged, target) in enumerate(self._placed):
                if staged.is_file() and target.is_dir() and not target.is_symlink():
                    raise IsADirectoryError(21, "is a folder", str(target))
                previous = self.folder / f"previous-{number}"
                had = target.exists() or target.is_symlink()
                if staged.is_dir():
                    if had:
                        os.replace(target, previous)
                    placed.append((target, previous if had else None))
                    os.replace(staged, target)
                else:
                    if had:
                        _keep(target, previous)
                    os.replace(staged, target)
                    placed.append((target, previous if had else None))
        except OSError as e:
            problem = f"cannot put the report in place at {target}: {os_problem(e)}"
            if not self._put_back(placed):
                kept = self.folder.with_name(f"regsync-not-put-back-{self.folder.name[1:]}")
                self.folder.rename(kept)
                raise ReportError(f"{problem}; what could not be put back is in {kept}")
            raise ReportError(f"{problem}; the reports are as they were")

    @staticmethod
    def _put_back(placed: list[tuple[Path, Path | None]]) -> bool:
        """Every target as it was; False when one could not be (its old files stay here)."""
        whole = True
        for target, previous in reversed(placed):
            try:
                if previous is None:
                    if target.is_dir() and not target.is_symlink():
                        shutil.rmtree(target)
                    else:
                        target.unlink(missing_ok=True)
                elif previous.is_dir() and not previous.is_symlink():
                    if target.exists():
                        shutil.rmtree(target)
                    os.replace(previous, target)
                else:
                    os.replace(previous, target)
            except OSError:
                whole = False
        return whole

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _keep(target: Path, kept: Path) -> None:
    """A second name for the file (or link) at `target`: a hard link costs nothing; where
    the disk has none, a copy."""
    try:
        if os.link in os.supports_follow_symlinks:  # a planted link is kept as a link
            os.link(target, kept, follow_symlinks=False)
        else:  # Windows takes no follow_symlinks here
            os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept, follow_symlinks=False)


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
