"""Running a command end to end: pull -> store -> normalize -> dedup -> report
(docs/architecture.md).

The store changes in one transaction per run, and the report is written to a temporary file
that is put in place only when everything else succeeded: a failed run leaves the store and
every report exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping
from zoneinfo import ZoneInfo

import pandas as pd

from sync.config import Config, ImapSource, Source
from sync.errors import ReportError, RegsyncError, ResourceError, RunFailed, os_problem
from sync.load import stored_responses, unread_letters
from sync.progress import Progress
from sync.pull import Pulled, identity_of, pull_all
from sync.questions.assign import FormReading
from sync.questions.wording import is_note
from sync.report_files import (CHECKIN_PREFIX, INSTITUTION_PREFIX, LATEST_NAME, REPORT_PREFIX,
                               Staging, checkin_folder, institution_folder, prune_reports,
                               remove_leftovers, report_path)
from sync.responses import EXTRA_PREFIX, field_cells
from sync.speedups import PARALLEL_FROM_ROWS, Beside, can_fork, collector_paused
from sync.sources.mail_table import MailTable
from sync.sources.table import SheetTable
from sync.store import Recorded, Store, SyncCounts, backup_leftovers
from sync.timestamps import parse_timestamp, parse_timestamps

if TYPE_CHECKING:
    from reports.model import ReportData
    from sync.decisions import Decisions
    from sync.dedup import DedupResult
    from sync.normalize import Known, Reference

log = logging.getLogger("regsync")
# Row references named in the log line of rows that are not people; the rest are counted.
REFS_LOGGED = 20

@dataclass(frozen=True)
class SourceAlert:
    """A source that lost more of its rows in one pull than its drop_alert allows (all of
    them, say): every one is still stored, as deleted from the source; a person should look."""

    source: str
    before: int  # its current rows before the pull
    now: int
    gone: int  # of the rows before, those the pull did not find

    def line(self) -> str:
        gone = "all of them" if self.gone == self.before else f"{self.gone:,} of them"
        return (f"source '{self.source}' has {self.now:,} answer rows; it had {self.before:,} "
                f"at the last run ({gone} gone). Nothing stored was dropped: they are kept as "
                "deleted from the source. If that is a mistake (an emptied sheet, the wrong "
                "tab or file), put the rows back; the next run finds them again")


def _lost_too_much(source: Source, recorded: Recorded, rows: int) -> SourceAlert | None:
    before = recorded.before
    if before and (rows == 0 or recorded.counts.vanished > source.drop_alert * before):
        return SourceAlert(source.name, before, rows, recorded.counts.vanished)
    return None


@dataclass(frozen=True)
class RunSummary:
    counts: SyncCounts
    responses: int | None = None
    participants: int | None = None
    report_path: Path | None = None
    seconds: float = 0.0
    report_day: dt.date | None = None  # the report's date in the report's time zone
    not_people: tuple[str, ...] = ()  # refs of rows left out as not people ("email:14")
    unread_letters: int = 0  # letters (of every run) that look like registrations, not read
    alerts: tuple[SourceAlert, ...] = ()  # sources that lost most of their rows
    folders: tuple[tuple[str, Path], ...] = ()  # (what, where): other files written

    def line(self, command: str) -> str:
        """The one line cron mails: figures only, never personal data."""
        c = self.counts
        parts = []
        if command != "report":
            parts.append(f"{c.pulled} rows pulled ({c.new} new, {c.changed} changed, "
                         f"{c.vanished} vanished)")
        if self.participants is not None:
            parts.append(f"{self.responses} responses -> {self.participants} participants")
        if self.not_people:
            n = len(self.not_people)
            parts.append(f"{n} row{'' if n == 1 else 's'} not people, left out")
        if self.unread_letters:  # people the report may lack: said beside the figures
            n = self.unread_letters
            parts.append(f"{n} letter{'' if n == 1 else 's'} not read, on the review sheet")
        if self.report_path is not None:
            parts.append(f"report {self.report_path}")
        parts += [f"{what} in {folder}" for what, folder in self.folders]
        parts.append(f"{self.seconds:.1f} s")
        return f"{command} ok: " + ", ".join(parts)

    def not_people_line(self) -> str:
        """Which rows were left out as not people: row references only, never contents."""
        refs = self.not_people
        shown = ", ".join(refs[:REFS_LOGGED])
        more = f" and {len(refs) - REFS_LOGGED} more" if len(refs) > REFS_LOGGED else ""
        return (f"rows left out as not people (empty, a heading, the header row again, a "
                f"test of the form; see the review sheet): {shown}{more}")


def participants_of(responses: pd.DataFrame, config: Config, decisions: "Decisions",
                    progress: Progress = Progress(), reference: "Reference | None" = None
                    ) -> tuple[pd.DataFrame, "DedupResult"]:
    """Normalize and dedup; `reference` when the caller already loaded it (who reuses it)."""
    normalized = cleaned(responses, config, progress, reference)
    return normalized, deduplicated(normalized, config, decisions, progress)


def cleaned(responses: pd.DataFrame, config: Config, progress: Progress = Progress(),
            reference: "Reference | None" = None, known: "Known | None" = None
            ) -> pd.DataFrame:
    """The responses normalized; `known`: fields worked out ahead (_worked_ahead). Without
    them, a big frame has names and phones worked out beside normalize's other fields."""
    from sync.normalize import Known, load_reference, normalize, work_ahead

    progress.step(f"cleaning {len(responses):,} responses…")
    reference = reference or load_reference(config.normalize)
    if known is not None or len(responses) < PARALLEL_FROM_ROWS or not can_fork():
        return normalize(responses, reference, known)
    beside = ("full_name", "phone")  # the rest is normalize's own work meanwhile
    with Beside(work_ahead, {f: responses[f].tolist() for f in beside}) as ahead:
        return normalize(responses, reference, Known(beside, ahead.parts()))


def decisions_of(config: Config, store: Store, pin_run: int | None = None) -> "Decisions":
    """The organizer's decisions (decisions.csv), by the rows' references now; lines not
    used are warned about. `pin_run`: the run that pins them (sync/decision_rows.py)."""
    from sync.decision_rows import resolve, saved_moment
    from sync.decisions import read_decisions

    path = config.decisions_path
    numbered = {s.name for s in config.sources if not isinstance(s, ImapSource)}
    resolved = resolve(read_decisions(path), store, numbered, saved_moment(path), pin_run)
    for problem in resolved.problems:
        log.warning("warning: %s: %s", path.name, problem.line)
    return resolved.decisions


def deduplicated(normalized: pd.DataFrame, config: Config, decisions: "Decisions",
                 progress: Progress = Progress(),
                 known_name_keys: "Mapping[str, str] | None" = None) -> "DedupResult":
    from sync.decisions import missing_rows
    from sync.dedup import dedup

    progress.step(f"finding people who registered twice among {len(normalized):,} responses…")
    for line in missing_rows(decisions, set(normalized["ref"])):
        log.warning("warning: %s: %s", config.decisions_path.name, line)
    return dedup(normalized, decisions, known_name_keys)


def report_data(config: Config, store: Store, now: dt.datetime, run_id: int,
                progress: Progress = Progress(), ahead: "tuple[Reference, Known] | None" = None,
                pulled: list[Pulled] | None = None, alerts: tuple[SourceAlert, ...] = ()
                ) -> "ReportData":
    """`run_id`: the run writing it; `pulled`: what this run pulled and stored (emptied here
    once it is in the responses); `ahead`: the reference and what was worked out ahead with
    it (_worked_ahead); `alerts`: sources that lost most rows."""
    from reports.model import ReportData, ReportOptions

    progress.step("loading stored responses…")
    stored = stored_responses(store, config, pulled or ())
    if pulled:
        pulled.clear()  # its rows are in the responses now: let the pulled tables go
    if stored.responses.empty:
        names = ", ".join(f"'{s.name}'" for s in config.sources)
        raise ReportError(f"there are no responses yet: the sources ({names}) have no answer "
                          "rows below their questions; run again once people have answered")
    first_seen_run, vanished = stored.first_seen_run, stored.vanished
    # as config.toml lists them; a mailbox's columns are regsync's own, nothing to check
    order = {s.name: i for i, s in enumerate(config.sources) if not isinstance(s, ImapSource)}
    readings = dict(sorted(((name, r) for name, r in stored.readings.items() if name in order),
                           key=lambda r: order[r[0]]))
    not_people, reading = stored.not_people, form_reading_table(readings)
    reference, known = ahead or (None, None)
    normalized = cleaned(stored.responses, config, progress, reference, known)
    del stored  # what was typed is in the normalized responses too: the raw ones go
    result = deduplicated(normalized, config, decisions_of(config, store, pin_run=run_id),
                          progress, known and known(NAME_KEYS))
    # "new" is new since the report of an earlier day: a second run today shows the same
    zone = ZoneInfo(config.report.timezone)
    today_began = dt.datetime.combine(now.astimezone(zone).date(), dt.time(), zone)
    last_report = store.last_report_run(before=_moment(today_began))
    new_ids = None
    if last_report is not None:
        new_ids = frozenset(
            pid for pid, refs in zip(result.participants["participant_id"],
                                     result.participants["source_rows"])
            if all(first_seen_run[ref] > last_report for ref in refs.split("; ")))
    extras = tuple(c for c in normalized.columns if c.startswith(EXTRA_PREFIX))
    settings = config.report
    settings.check_questions([c[len(EXTRA_PREFIX):] for c in extras], config.path.name)
    extras = tuple(c for c in extras if _shown(normalized, c))
    options = ReportOptions(session_question=settings.session_question, checkin=settings.checkin,
                            institution_columns=settings.institution_columns)
    return ReportData(participants=result.participants, responses=normalized,
                      merges=result.merges, possible=result.possible, built_at=now,
                      sources=tuple(s.name for s in config.sources), language=config.report.language,
                      timezone=config.report.timezone, new_ids=new_ids,
                      vanished=vanished,
                      extra_columns=extras, unread_letters=unread_letters(store),
                      note_columns=tuple(c for c in extras if is_note(c[len(EXTRA_PREFIX):])),
                      form_reading=reading, not_people=not_people, options=options,
                      shrunk_sources=tuple((a.source, a.before, a.now) for a in alerts))


def form_reading_table(readings: dict[str, FormReading]) -> pd.DataFrame:
    """One row per question of each source's latest header row: how it was read."""
    from reports.model import READING_COLUMNS

    rows = [(source, c.question, c.field or "", c.why, c.share, c.sure, c.branch_of)
            for source, reading in readings.items() for c in reading.choices]
    return pd.DataFrame(rows, columns=READING_COLUMNS)


# --- commands ------------------------------------------------------------------------------

def execute(config: Config, command: str, *, google_adapter: Any = None,
            now: dt.datetime | None = None, by_institution: bool = False,
            progress: Progress = Progress(),
            after_report: "Callable[[ReportData], None] | None" = None) -> RunSummary:
    """`run` (pull + store + report), `sync` (pull + store) or `report` (from the store).

    `after_report`: called with the report's data once the report is in place and the
    store committed (publishing); whatever it does, it cannot undo the run."""
    from sync.lock import run_lock
    from sync.speedups import return_big_arrays_when_freed

    return_big_arrays_when_freed()
    started = time.monotonic()
    now = now or dt.datetime.now(dt.timezone.utc)
    with run_lock(config.store_path), collector_paused():
        # before opening it: a journal file left read-only (chmod 400 on the store, a run)
        # would make every later run fail as if the store were in use
        _make_private(config)
        with Store(config.store_path, create=command != "report") as store:
            for leftover in remove_leftovers(config.report.dir):
                log.debug("removed %s, left by a run that was stopped", leftover.name)
            for leftover in backup_leftovers(config.store_path):
                leftover.unlink(missing_ok=True)
                log.debug("removed %s, left by a run stopped while backing up", leftover.name)
            try:
                pulled = (pull_all(config, google_adapter, progress, store)
                          if command in ("run", "sync") else [])
            except BaseException as e:
                failure = _in_words(e)
                if failure is None:
                    raise
                store.record_failed_run(command, _moment(now), str(failure))
                raise failure from None
            try:
                summary = _in_transaction(config, store, command, pulled, now, by_institution,
                                          progress, after_report)
            finally:
                progress.done()
    today = now.astimezone(ZoneInfo(config.report.timezone)).date()
    summary = replace(summary, seconds=time.monotonic() - started, report_day=today)
    if summary.report_path is not None:
        for path in prune_reports(config.report.dir, config.report.keep_days, today):
            log.info("deleted old report %s (keep_days = %d)", path.name, config.report.keep_days)
    return summary


def _make_private(config: Config) -> None:
    """What an earlier regsync wrote with looser (or stricter) modes, brought to
    config.file_mode."""
    from sync.lock import lock_path
    from sync.privacy import own_folder, restrict, writable_by_owner
    from sync.store import files_of

    folders = {config.report.dir, config.store_path.parent}
    report_dir = config.report.dir
    apart = [folder for prefix in (INSTITUTION_PREFIX, CHECKIN_PREFIX)
             for folder in report_dir.glob(f"{prefix}*")]  # per institution, sign-in lists
    files = [*files_of(config.store_path), lock_path(config.store_path),
             *report_dir.glob(f"{REPORT_PREFIX}*.xlsx"),
             report_dir / LATEST_NAME, *apart]
    files += [p for folder in apart if folder.is_dir() for p in folder.iterdir()]
    restrict([*(f for f in folders if own_folder(f, config.folder)), *files], config.file_mode)
    writable_by_owner(files_of(config.store_path)[1:-1])  # SQLite's journal files


@dataclass(frozen=True)
class _Ahead:
    """The slowest per-value work of a big pull, being done in a forked process (`child`),
    with the reference normalize will use."""

    reference: "Reference"
    child: Beside

    def known(self) -> "tuple[Reference, Known]":
        from sync.normalize import AHEAD, Known

        return self.reference, Known((*AHEAD, NAME_KEYS), self.child.parts())


# What the helper sends after normalize's fields: dedup's key of each name they clean to.
NAME_KEYS = "name_keys"


def _work_ahead_of_run(cells: dict[str, list[str]], reference: "Reference"
                       ) -> Iterator[tuple[str, dict]]:
    """normalize's fields (work_ahead), then NAME_KEYS of the names it cleaned."""
    from sync.dedup.links import name_key_results
    from sync.normalize import work_ahead

    shown: list[str] = []
    for field, results in work_ahead(cells, reference):
        yield field, results
        if field == "full_name":
            shown = [result[0] for result in results.values()]  # the name as the report shows it
    yield NAME_KEYS, name_key_results(shown)


def _worked_ahead(config: Config, pulled: list[Pulled]) -> _Ahead | None:
    """Institutions, names and phones of a big pull, and the names' keys for dedup, worked
    out in a forked process while this one stores the pull: the responses reported are the
    pulled ones, but for those deleted from their source, which normalize and dedup work out
    themselves. None where a second process would not pay."""
    from sync.normalize import AHEAD, load_reference

    if sum(len(item.table.rows) for item in pulled) < PARALLEL_FROM_ROWS or not can_fork():
        return None
    reference = load_reference(config.normalize)
    cells = {field: [c for item in pulled
                     for c in field_cells(item.table, item.mapping, field, item.branches)]
             for field in AHEAD}
    # if the child is lost, what it did not send is worked out by normalize (the pulled
    # cells are not kept for that, so they go as soon as the pull is stored)
    return _Ahead(reference, Beside(_work_ahead_of_run, cells, reference, redo_if_lost=False))


def _in_transaction(config: Config, store: Store, command: str, pulled: list[Pulled],
                    now: dt.datetime, by_institution: bool, progress: Progress,
                    after_report: "Callable[[ReportData], None] | None" = None) -> RunSummary:
    """Store the pull and write the files of the report in one transaction; commit; then
    back the store up and put the files in place. A failure before the commit changes
    nothing; after it, the responses stay stored and every report stays as it was."""
    started_at = _moment(now)
    staging = None
    folders: list[tuple[str, Path]] = []  # (what, where) besides the report
    ahead = _worked_ahead(config, pulled) if command == "run" else None
    store.begin()
    try:
        run_id = store.start_run(command, started_at)
        counts, alerts = SyncCounts(), []
        progress.step("storing responses…")
        for position, item in enumerate(pulled):
            if isinstance(item.table, MailTable):  # only new letters: stored beside the rest
                counts += store.record_letters(run_id, item.table)
                continue
            recorded = store.record_pull(run_id, item.table, identity_of(item.mapping, item.branches))
            counts += recorded.counts
            if alert := _lost_too_much(item.source, recorded, len(item.table.rows)):
                alerts.append(alert)
            pulled[position] = replace(item, recorded=recorded,
                                       table=_with_kept(item.table, recorded))
        data = target = None
        if command in ("run", "report"):
            data = report_data(config, store, now, run_id, progress, ahead and ahead.known(),
                               pulled, tuple(alerts))
            target = report_path(config, now)
            progress.step(f"writing the report ({len(data.participants):,} participants)…")
            staging = Staging(config.report.dir)
            staging.write_report(data, target)
            if by_institution:
                config.report.check_questions(
                    [c[len(EXTRA_PREFIX):] for c in data.extra_columns], config.path.name,
                    institution_columns=True)
                staging.write_institution_workbooks(data, institution_folder(target))
                folders.append(("per-institution workbooks", institution_folder(target)))
            if config.report.checkin == "files":
                staging.write_checkin_workbooks(data, checkin_folder(target))
                folders.append(("sign-in lists", checkin_folder(target)))
        pulled.clear()
        participants = len(data.participants) if data is not None else None
        # the report's path is recorded once the report is in place (report_in_place): a
        # run killed before that is no report "New" counts from
        store.finish_run(run_id, counts, participants, None)
        store.commit()
    except BaseException as e:
        if ahead is not None:
            ahead.child.stop()
        store.rollback()
        if staging is not None:
            staging.discard()
        failure = _in_words(e)
        if failure is not None:
            store.record_failed_run(command, started_at, str(failure))
            raise failure from None
        raise
    try:
        progress.step("backing up the store…")
        store.back_up()
        if staging is not None:
            staging.put_in_place()
            store.report_in_place(run_id, str(target))
    except BaseException as e:  # a stop here too: the run did not end as it should
        store.mark_failed(run_id, str(e) if isinstance(e, RegsyncError)
                          else "stopped before the end")
        raise
    finally:
        if staging is not None:
            staging.discard()
    responses = len(data.responses) if data is not None else None
    if after_report is not None and data is not None:  # the run is done: nothing to undo
        progress.step("publishing the report…")
        after_report(data)
    not_people = tuple(data.not_people["ref"]) if data is not None else ()
    unread = (data.unread_letters["ref"].nunique()
              if data is not None and data.unread_letters is not None else 0)
    return RunSummary(counts, responses, participants, target, not_people=not_people,
                      unread_letters=unread, alerts=tuple(alerts), folders=tuple(folders))


def _with_kept(table: SheetTable, recorded: Recorded) -> SheetTable:
    """The pull with the stored answers of rows that lost letters to the file's encoding
    (Recorded.kept): the report shows what was stored, and the run says why."""
    if not recorded.kept:
        return table
    log.warning("warning: %s: \"?\" stands where letters were in %d stored rows (the file "
                "was saved as Windows-1251?); their answers as stored are kept. Save it as "
                "CSV UTF-8", table.where, len(recorded.kept))
    width = len(table.headers)
    rows = list(table.rows)
    for position, cells in recorded.kept.items():
        rows[position] = tuple(cells[:width]) + ("",) * (width - len(cells))
    return replace(table, rows=tuple(rows))


# What the answering account's "Name" and "Email" hold in Microsoft Forms on every row of a
# form that does not collect accounts: no one's answer.
_ANONYMOUS = frozenset({"", "anonymous", "аноним"})
# Microsoft Forms records when each answer was begun and last changed beside when it was
# sent: times this close to each row's own (time zones apart) are the form's, no one's answer.
_FORM_TIME_WINDOW = pd.Timedelta(days=2)
_FORM_TIME_SHARE = 0.95
_FORM_TIME_GLANCE = 20  # answers looked at first: most questions' are plainly no times


def _shown(normalized: pd.DataFrame, column: str) -> bool:
    """Whether a question is shown in the report: not one no one answered, nor the form's
    own record of times."""
    given = [a for a in map(str.strip, normalized[column].dropna().unique().astype(str))
             if a.casefold() not in _ANONYMOUS]
    if not given:
        return False
    if any(parse_timestamp(a, "UTC") is None for a in given[:_FORM_TIME_GLANCE]):
        return True
    answers = normalized[column].fillna("").astype(str).str.strip()
    answered = answers[~answers.str.casefold().isin(_ANONYMOUS)]
    times = parse_timestamps(answered.tolist(), "UTC")
    apart = (pd.Series(times, index=answered.index)
             - normalized.loc[answered.index, "submitted_at"]).abs()
    return (apart <= _FORM_TIME_WINDOW).mean() < _FORM_TIME_SHARE


def _moment(when: dt.datetime) -> str:
    """As the store records a run's start: ISO, in UTC, to the second."""
    return when.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def _in_words(error: BaseException) -> RegsyncError | None:
    """A failure a person can act on, as a RegsyncError; None for an interruption or a bug."""
    if isinstance(error, RegsyncError):
        return error
    if isinstance(error, MemoryError):
        return ResourceError("the machine ran out of memory before the run could finish; "
                             "nothing was changed (close other programs, or run it on a "
                             "machine with more memory)")
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return RunFailed(f"{where}{os_problem(error)}; nothing was changed")
    return None
