"""The flow of GUIDE.md, end to end: pull -> store -> normalize -> dedup -> report.

Every source is pulled before anything is stored, so a failed pull stores nothing. The store
changes in one transaction per run, and the report is written to a temporary file that is
renamed into place only when everything else succeeded: a failed run leaves the store and
every report exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator
from zoneinfo import ZoneInfo

import pandas as pd

from sync.beside import PARALLEL_FROM_ROWS, Beside, can_fork
from sync.config import Config, FileSource, Source
from sync.errors import ReportError, RegsyncError
from sync.fields import CANONICAL_ORDER
from sync.headers import map_headers
from sync.progress import Progress
from sync.responses import EXTRA_PREFIX, field_cells, to_responses
from sync.sources.table import SheetTable
from sync.store import Identity, Recorded, Store, SyncCounts

if TYPE_CHECKING:
    from reports.model import ReportData
    from sync.dedup import DedupResult
    from sync.normalize import Known, Reference

log = logging.getLogger("regsync")

REPORT_PREFIX = "registrations-"
LATEST_NAME = "latest.xlsx"


@dataclass(frozen=True)
class Pulled:
    source: Source
    table: SheetTable
    mapping: dict[str, str]
    recorded: Recorded | None = None  # once stored: the table's rows are the current ones


@dataclass(frozen=True)
class RunSummary:
    counts: SyncCounts
    responses: int | None = None
    participants: int | None = None
    report_path: Path | None = None
    seconds: float = 0.0
    report_day: dt.date | None = None  # the report's date in the report's time zone

    def line(self, command: str) -> str:
        """The one line cron mails: figures only, never personal data."""
        c = self.counts
        parts = []
        if command != "report":
            parts.append(f"{c.pulled} rows pulled ({c.new} new, {c.changed} changed, "
                         f"{c.vanished} vanished)")
        if self.participants is not None:
            parts.append(f"{self.responses} responses -> {self.participants} participants")
        if self.report_path is not None:
            parts.append(f"report {self.report_path}")
        parts.append(f"{self.seconds:.1f} s")
        return f"{command} ok: " + ", ".join(parts)


# --- pulling -------------------------------------------------------------------------------

def pull_source(source: Source, google_adapter: Any = None) -> SheetTable:
    if isinstance(source, FileSource):
        from sync.sources.files import read_file_source

        return read_file_source(source)
    from sync.sources.google_sheet import read_google_sheet  # only Google runs import gspread

    return read_google_sheet(source, adapter=google_adapter)


def pull_all(config: Config, google_adapter: Any = None, progress: Progress = Progress()
             ) -> list[Pulled]:
    pulled = []
    for source in config.sources:
        progress.step(f"reading source '{source.name}'…")
        table = pull_source(source, google_adapter)
        mapping = map_headers(table.headers, source.columns, table.where)
        log.debug("source %s: %d rows from %s", source.name, len(table.rows), table.where)
        pulled.append(Pulled(source, table, mapping))
    return pulled


def identity_of(mapping: dict[str, str]) -> Identity:
    others = tuple(mapping[f] for f in ("email", "full_name", "last_name", "phone") if f in mapping)
    return Identity(timestamp=mapping.get("submitted_at"), others=others)


# --- from the store to report data ------------------------------------------------------------

@dataclass(frozen=True)
class Stored:
    """Raw responses from the store, and what the store knows about each (by `ref`)."""

    responses: pd.DataFrame  # raw responses with a unique `ref` ("form:4")
    first_seen_run: dict[str, int]
    vanished: int  # responses deleted from their source, kept here


def stored_responses(store: Store, config: Config, pulled: list[Pulled] = ()) -> Stored:
    """Every stored response as raw responses. One deleted from its source is marked
    "form:4 (deleted)", since row 4 of the sheet may now hold someone else.

    `pulled`: sources just pulled and recorded in the store. Their current responses are
    the pulled rows, cell for cell, so those are taken from the pull instead of being
    decoded from the store again.
    """
    fresh = {item.source.name: item for item in pulled
             if item.recorded is not None and item.table.rows}
    overrides = {s.name: s.columns for s in config.sources}
    frames = []  # (source, header set, frame): put in the store's order below
    for group in store.groups(include_vanished=config.report.include_vanished,
                              leave_out_current=frozenset(fresh)):
        mapping = map_headers(group.table.headers, overrides.get(group.table.source, {}),
                              group.table.where)
        frame = to_responses(group.table, mapping)
        source = group.table.source
        frame["ref"] = [f"{source}:{row}" + (" (deleted)" if gone else "")
                        for row, gone in zip(group.table.row_numbers, group.vanished)]
        frame["_first_seen_run"] = list(group.first_seen_runs)
        frames.append((source, group.header_set, frame))
    for name, item in fresh.items():
        frame = to_responses(item.table, item.mapping)
        frame["ref"] = [f"{name}:{row}" for row in item.table.row_numbers]
        frame["_first_seen_run"] = list(item.recorded.first_seen_runs)
        frames.append((name, item.recorded.header_set, frame))
    if not frames:
        return Stored(pd.DataFrame(), {}, store.count_vanished())
    frames.sort(key=lambda part: part[:2])  # stable: a group's vanished rows before its pull
    responses = pd.concat([frame for _, _, frame in frames], ignore_index=True)
    del frames
    extras = [c for c in responses.columns if c.startswith(EXTRA_PREFIX)]
    responses[extras] = responses[extras].fillna("")
    if responses["ref"].duplicated().any():  # a row deleted twice over the weeks
        repeats = responses.groupby("ref").cumcount()
        responses["ref"] = responses["ref"].where(
            repeats == 0, responses["ref"] + " #" + (repeats + 1).astype(str))
    # Groups come by source, so this copies nothing unless a source's header changed.
    responses = responses.sort_values(list(CANONICAL_ORDER), kind="stable", ignore_index=True)
    first_seen = dict(zip(responses["ref"].tolist(), responses.pop("_first_seen_run").tolist()))
    return Stored(responses, first_seen, store.count_vanished())


def participants_of(responses: pd.DataFrame, config: Config, progress: Progress = Progress(),
                    reference: "Reference | None" = None) -> tuple[pd.DataFrame, "DedupResult"]:
    """Normalize and dedup; `reference` when the caller already loaded it (who reuses it)."""
    normalized = cleaned(responses, config, progress, reference)
    return normalized, deduplicated(normalized, config, progress)


def cleaned(responses: pd.DataFrame, config: Config, progress: Progress = Progress(),
            reference: "Reference | None" = None, known: "Callable[[], Known] | None" = None
            ) -> pd.DataFrame:
    """The responses normalized; `known`: names and phones worked out ahead (_worked_ahead)."""
    from sync.normalize import load_reference, normalize

    progress.step(f"cleaning {len(responses):,} responses…")
    return normalize(responses, reference or load_reference(config.normalize), known)


def deduplicated(normalized: pd.DataFrame, config: Config, progress: Progress = Progress()
                 ) -> "DedupResult":
    from sync.decisions import load_decisions
    from sync.dedup import dedup

    progress.step(f"finding people who registered twice among {len(normalized):,} responses…")
    return dedup(normalized, load_decisions(config.decisions_path))


def report_data(config: Config, store: Store, now: dt.datetime, progress: Progress = Progress(),
                known: "Callable[[], Known] | None" = None, pulled: list[Pulled] | None = None
                ) -> "ReportData":
    """`pulled`: what this run pulled and stored (emptied here once it is in the responses);
    `known`: names and phones worked out ahead."""
    from reports.model import ReportData

    progress.step("loading stored responses…")
    stored = stored_responses(store, config, pulled or ())
    if pulled:
        pulled.clear()  # its rows are in the responses now: let the pulled tables go
    if stored.responses.empty:
        raise ReportError("there are no responses yet: the sources have no answer rows")
    first_seen_run, vanished = stored.first_seen_run, stored.vanished
    normalized = cleaned(stored.responses, config, progress, known=known)
    del stored  # what was typed is in the normalized responses too: the raw ones go
    result = deduplicated(normalized, config, progress)
    last_report = store.last_report_run()
    new_ids = None
    if last_report is not None:
        new_ids = frozenset(
            pid for pid, refs in zip(result.participants["participant_id"],
                                     result.participants["source_rows"])
            if all(first_seen_run[ref] > last_report for ref in refs.split("; ")))
    extras = tuple(c for c in normalized.columns if c.startswith(EXTRA_PREFIX))
    return ReportData(participants=result.participants, responses=normalized,
                      merges=result.merges, possible=result.possible, built_at=now,
                      sources=tuple(s.name for s in config.sources), language=config.report.language,
                      timezone=config.report.timezone, new_ids=new_ids,
                      vanished=vanished,
                      extra_columns=extras)


# --- report files --------------------------------------------------------------------------

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


# --- commands ------------------------------------------------------------------------------

def execute(config: Config, command: str, *, google_adapter: Any = None,
            now: dt.datetime | None = None, by_institution: bool = False,
            progress: Progress = Progress()) -> RunSummary:
    """`run` (pull + store + report), `sync` (pull + store) or `report` (from the store)."""
    from sync.lock import run_lock
    from sync.memory import return_big_arrays_when_freed

    return_big_arrays_when_freed()
    started = time.monotonic()
    now = now or dt.datetime.now(dt.timezone.utc)
    with run_lock(config.store_path), _collector_paused():
        with Store(config.store_path, create=command != "report") as store:
            try:
                pulled = (pull_all(config, google_adapter, progress)
                          if command in ("run", "sync") else [])
            except RegsyncError as e:
                store.record_failed_run(command, now.isoformat(timespec="seconds"), str(e))
                raise
            try:
                summary = _in_transaction(config, store, command, pulled, now, by_institution,
                                          progress)
            finally:
                progress.done()
    today = now.astimezone(ZoneInfo(config.report.timezone)).date()
    summary = RunSummary(summary.counts, summary.responses, summary.participants,
                         summary.report_path, time.monotonic() - started, today)
    if summary.report_path is not None:
        for path in prune_reports(config.report.dir, config.report.keep_days, today):
            log.info("deleted old report %s (keep_days = %d)", path.name, config.report.keep_days)
    return summary


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during a run. A run makes millions of small objects
    (cells, rows, per-value results) that live to its end, and the collector walked them
    again and again: a seventh of a 100,000-response run. What a run throws away is freed by
    reference counting; the few reference cycles wait until the collector is back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _worked_ahead(pulled: list[Pulled]) -> Beside | None:
    """Names and phones of a big pull, the slowest fields to normalize, worked out in a
    forked process while this one stores the pull: the responses reported are the pulled
    ones, but for those deleted from their source, which normalize works out itself. None
    where a second process would not pay."""
    from sync.normalize import Known, work_out

    if sum(len(item.table.rows) for item in pulled) < PARALLEL_FROM_ROWS or not can_fork():
        return None
    names = [c for item in pulled for c in field_cells(item.table, item.mapping, "full_name")]
    phones = [c for item in pulled for c in field_cells(item.table, item.mapping, "phone")]
    # if the child is lost, nothing is known ahead: normalize works it all out (the pulled
    # cells are not kept for that, so they go as soon as the pull is stored)
    return Beside(work_out, names, phones, if_lost=lambda: Known({}, {}))


def _in_transaction(config: Config, store: Store, command: str, pulled: list[Pulled],
                    now: dt.datetime, by_institution: bool, progress: Progress) -> RunSummary:
    started_at = now.isoformat(timespec="seconds")
    temp = temp_folder = None
    ahead = _worked_ahead(pulled) if command == "run" else None
    store.begin()
    try:
        run_id = store.start_run(command)
        counts = SyncCounts()
        progress.step("storing responses…")
        for position, item in enumerate(pulled):
            recorded = store.record_pull(run_id, item.table, identity_of(item.mapping))
            counts += recorded.counts
            pulled[position] = replace(item, recorded=recorded)
        data = target = None
        if command in ("run", "report"):
            data = report_data(config, store, now, progress, ahead.result if ahead else None,
                               pulled)
            target = report_path(config, now)
            progress.step(f"writing the report ({len(data.participants):,} participants)…")
            temp = write_report_file(data, target)
            if by_institution:
                temp_folder = write_institution_folder(data, institution_folder(target))
        pulled.clear()
        participants = len(data.participants) if data is not None else None
        store.finish_run(run_id, counts, participants, str(target) if target else None)
        if temp is not None:
            publish(temp, target)
            temp = None
        if temp_folder is not None:
            publish_folder(temp_folder, institution_folder(target))
            temp_folder = None
        store.commit()
    except BaseException as e:
        if ahead is not None:
            ahead.stop()
        store.rollback()
        if temp is not None:
            temp.unlink(missing_ok=True)
        if temp_folder is not None:
            shutil.rmtree(temp_folder, ignore_errors=True)
        if isinstance(e, (RegsyncError, OSError)):
            store.record_failed_run(command, started_at, str(e))
        raise
    responses = len(data.responses) if data is not None else None
    return RunSummary(counts, responses, participants, target)
