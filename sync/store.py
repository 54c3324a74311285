"""The local SQLite store: every response ever pulled, never deleted.

Only this module touches SQLite. A run is one transaction: responses, their previous
versions and the run's record change together or not at all. Responses that disappear from
their source are flagged `vanished_run`, never deleted; edited ones keep their earlier
versions in `response_versions`.

Identity of a response between pulls: the same content anywhere in the source (rows move up
when someone deletes a row); or an edit in place, on evidence that cannot pair two different
people (_match_edited). When in doubt, one response has vanished and one is new: a person is
never overwritten with another.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import inspect
import itertools
import json
import operator
import os
import secrets
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Collection, Iterator, Mapping, NamedTuple

from rapidfuzz.distance import OSA

from sync.errors import StoreError, StorePlaceError, os_problem
from sync.sources.mail_table import MailboxMemory, MailTable
from sync.sources.table import ColumnTable, SharedAnswers, SheetTable
from sync.timestamps import parse_timestamp

# Each entry upgrades the schema from version i to i+1; a store is never rebuilt from scratch.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL,            -- running | ok | failed
        error TEXT,
        pulled INTEGER, new INTEGER, changed INTEGER, vanished INTEGER,
        participants INTEGER,
        report_path TEXT
    );
    CREATE TABLE header_sets (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        headers TEXT NOT NULL,            -- JSON list, as read
        timezone TEXT NOT NULL,           -- zone of timestamps written without one
        UNIQUE (source, headers, timezone)
    );
    CREATE TABLE responses (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        source_row INTEGER NOT NULL,
        header_set INTEGER NOT NULL REFERENCES header_sets(id),
        answers TEXT NOT NULL,            -- JSON list of cells, aligned with the header set
        fingerprint TEXT NOT NULL,
        first_seen_run INTEGER NOT NULL REFERENCES runs(id),
        last_seen_run INTEGER NOT NULL REFERENCES runs(id),
        changed_run INTEGER REFERENCES runs(id),
        vanished_run INTEGER REFERENCES runs(id)
    );
    CREATE INDEX responses_by_source ON responses(source);
    CREATE TABLE response_versions (
        response_id INTEGER NOT NULL REFERENCES responses(id),
        replaced_run INTEGER NOT NULL REFERENCES runs(id),
        header_set INTEGER NOT NULL REFERENCES header_sets(id),
        source_row INTEGER NOT NULL,
        answers TEXT NOT NULL,
        fingerprint TEXT NOT NULL
    );
    """,
    # 2: each pull looks responses up by content; an index keeps big stores fast (dropped in 4)
    "CREATE INDEX responses_by_fingerprint ON responses(source, fingerprint)",
    # 3: mailboxes are read a little at a time (Store.record_letters): where reading stopped,
    # every letter read (so none is read twice), what in them could not be read, and the
    # attachments read (a file sent again in a reply or a forward is read once)
    """
    CREATE TABLE mailboxes (
        source TEXT PRIMARY KEY,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL,
        run INTEGER NOT NULL REFERENCES runs(id)
    );
    CREATE TABLE letters (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        letter_key TEXT NOT NULL,         -- digest of Message-ID, Date, From (letters.py)
        uid INTEGER NOT NULL,             -- under the UIDVALIDITY of its run, for finding it
        place TEXT NOT NULL,              -- "2025-03-14 10:32 a@uni.kz", as references show it
        sent_at TEXT NOT NULL,
        sender TEXT NOT NULL,
        subject TEXT NOT NULL,
        registrations INTEGER NOT NULL,
        run INTEGER NOT NULL REFERENCES runs(id),
        UNIQUE (source, letter_key)
    );
    CREATE TABLE letter_problems (
        letter INTEGER NOT NULL REFERENCES letters(id),
        part TEXT NOT NULL,               -- the attachment's name, or '' for the letter itself
        note TEXT NOT NULL                -- a code, e.g. mail.pdf (reports/labels.py)
    );
    CREATE TABLE letter_attachments (
        source TEXT NOT NULL,
        digest TEXT NOT NULL,             -- sha256 of the attachment's bytes
        letter INTEGER NOT NULL REFERENCES letters(id),
        PRIMARY KEY (source, digest)
    );
    """,
    # 4: a pull reads its source's responses by source (responses_by_source) and pairs them
    # by content in memory (_match_content); the index of 2 was never read, and kept up to
    # date it cost a quarter of a second per 100,000 new responses
    "DROP INDEX IF EXISTS responses_by_fingerprint",
    # 5: decisions.csv names rows as a report showed them ("form:11"), and rows move when one
    # above is deleted or the sheet is sorted: each move is kept, so a row named as of an
    # earlier report is found again, and each decision line, once read, is pinned to the
    # responses it named (sync/decision_rows.py)
    """
    CREATE TABLE row_moves (
        response_id INTEGER NOT NULL REFERENCES responses(id),
        run INTEGER NOT NULL REFERENCES runs(id),   -- the pull that moved it
        old_row INTEGER NOT NULL                    -- its row before that pull
    );
    CREATE INDEX row_moves_by_run ON row_moves(run);
    CREATE TABLE decision_pins (
        line TEXT PRIMARY KEY,            -- the decision and its rows as written, and which
                                          -- such line of the file it is
        response_a INTEGER REFERENCES responses(id),  -- NULL: kept as written (a letter's)
        response_b INTEGER REFERENCES responses(id),
        run INTEGER NOT NULL REFERENCES runs(id)     -- the run that pinned it
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
# How long a second process waits for the database before giving up (the run lock is the
# real guard; this only covers a `history` reading while a run commits).
_BUSY_TIMEOUT_S = 10
# Stored rows decoded at once when loading: big enough that the per-batch work is noise,
# small enough that a batch's JSON text and rows are a few MB next to the columns.
_DECODE_BATCH_ROWS = 10_000
# The start of every SQLite file, and its header's length (sqlite.org/fileformat.html).
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100
# SQLite's own words for failures a person can act on.
_SQLITE_PROBLEMS = (("disk is full", "the disk is full: free some space and run again"),
                    ("readonly", "the store or its folder is read-only"),
                    ("disk I/O error", "the disk failed to read or write (disk I/O error)"),
                    ("unable to open", "it cannot be opened (its folder is missing or "
                                       "not writable)"))
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # Windows has no such flag (nor links a user plants)
# SQLite's files beside the database in WAL mode.
_JOURNAL_SUFFIXES = ("-wal", "-shm")
# Ids in one "IN (...)" list: well under SQLite's limit of bound parameters (32,766).
_IDS_PER_QUERY = 500


@dataclass(frozen=True)
class SyncCounts:
    pulled: int = 0
    new: int = 0
    changed: int = 0
    vanished: int = 0

    def __add__(self, other: "SyncCounts") -> "SyncCounts":
        return SyncCounts(self.pulled + other.pulled, self.new + other.new,
                          self.changed + other.changed, self.vanished + other.vanished)


@dataclass(frozen=True)
class Recorded:
    """What record_pull did with a pull: the counts, and the pull's rows as the source's
    current responses (every other stored response of the source has vanished)."""

    counts: SyncCounts
    header_set: int
    first_seen_runs: tuple[int, ...]  # one per row of the pull
    before: int = 0  # the source's current responses before this pull
    # rows of the pull that are stored responses but for letters a file's encoding lost
    # ("Т?р?анбаева"): {position: the stored cells, kept}
    kept: Mapping[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredGroup:
    """Stored responses of one source sharing a header row, as a table plus their flags."""

    table: ColumnTable
    first_seen_runs: tuple[int, ...]
    vanished: tuple[bool, ...]
    header_set: int  # the groups' order within a source


@dataclass(frozen=True)
class RunRecord:
    id: int
    command: str
    started_at: str
    finished_at: str | None
    outcome: str
    error: str | None
    pulled: int | None
    new: int | None
    changed: int | None
    vanished: int | None
    participants: int | None
    report_path: str | None


def fingerprint(cells: tuple[str, ...] | list[str]) -> str:
    """Content identity of a response: its cells, trailing blanks ignored."""
    return _encoded(cells)[1]


# One encoder for every row: json.dumps(..., ensure_ascii=False) would build a new one each call
_JSON = json.JSONEncoder(ensure_ascii=False)
# What each trailing blank cell adds to a row's JSON: the separator and an empty string
_BLANK_CELL_JSON = len(', ""')


_INSERT = ("INSERT INTO responses (source, source_row, header_set, answers, fingerprint,"
           " first_seen_run, last_seen_run) VALUES (?, ?, ?, ?, ?, ?, ?)")


def _encoded(cells: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """(the cells as stored JSON, their fingerprint), encoding once.

    The fingerprint hashes the JSON of the cells without their trailing blanks, which is the
    stored JSON with those blanks cut off its end.
    """
    answers = _JSON.encode(cells)
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    if end == 0:
        trimmed = "[]"
    elif end < len(cells):
        trimmed = answers[:len(answers) - 1 - _BLANK_CELL_JSON * (len(cells) - end)] + "]"
    else:
        trimmed = answers
    return answers, hashlib.sha256(trimmed.encode()).hexdigest()[:32]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _in_words(method: Callable) -> Callable:
    """Turn SQLite errors raised by a Store method (or while iterating what it yields) into
    one-line StoreErrors: a full disk, a read-only folder, a damaged file."""
    if inspect.isgeneratorfunction(method):
        @functools.wraps(method)
        def iterating(self: "Store", *args, **kwargs):
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.Error as e:
                raise self.problem(e) from None
        return iterating

    @functools.wraps(method)
    def calling(self: "Store", *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as e:
            raise self.problem(e) from None
    return calling


class Store:
    """A connection to the store file; use as a context manager."""

    def __init__(self, path: Path, *, create: bool = True):
        self.path = path
        self.backup_path = backup_path(path)
        short = False
        if path.exists():
            short = self._check_file()
        elif self.backup_path.exists():
            raise StoreError(f"the store {path} is missing, but its backup from the last good "
                             f"run is there: copy {self.backup_path} to {path} and run again "
                             "(regsync never starts a new store while a backup says there was one)")
        elif not create:
            raise StoreError(f"no store yet at {path}: run 'regsync sync' or 'regsync run' first")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            if short and self.db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                self.db.close()
                raise self._unusable(f"the file is cut short ({short})")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            # a read-only folder or disk, a full one: the store is fine, its place is not
            if what := _sqlite_problem(str(e)):
                raise StorePlaceError(f"cannot open the store {path}: {what}; nothing was "
                                      "changed") from None
            raise self._unusable(str(e)) from None
        except OSError as e:
            raise StorePlaceError(f"cannot open the store {path}: {os_problem(e)}")

    @classmethod
    def peek(cls, path: Path) -> "Store | None":
        """The store at `path`, opened to read without changing the file (for `regsync
        check`); None when there is none yet, or an older regsync wrote it (the next run
        brings it up to date)."""
        db = _read_only(path)
        if db is None:
            return None
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            db.close()
            return None
        store = cls.__new__(cls)
        store.path, store.backup_path, store.db = path, backup_path(path), db
        return store

    @classmethod
    def for_reading(cls, path: Path) -> "Store":
        """The store opened to read (`history`, `who`): as a run opens it (then SQLite
        leaves no file of its own behind), or, on a folder or mount that takes no writing,
        read as it is."""
        try:
            return cls(path, create=False)
        except StorePlaceError:
            if (store := cls.peek(path)) is None:  # an older regsync's: it needs changing
                raise
            return store

    def _check_file(self) -> str:
        """Refuse a store file that is empty, cut short or not a database at all, before
        SQLite would treat an empty file as a new store (and its history as gone).

        A file shorter than its header says, beside a write-ahead log, may be one whose
        checkpoint a full disk stopped: the log holds the rest. For that one the shortfall
        is returned (else ""), and the store is opened and checked whole (quick_check)."""
        try:
            size = self.path.stat().st_size
            with self.path.open("rb") as handle:
                header = handle.read(_HEADER_BYTES)
            log = Path(f"{self.path}-wal")
            logged = log.is_file() and log.stat().st_size > 0
        except OSError as e:
            raise StoreError(f"cannot open the store {self.path}: {os_problem(e)}")
        if size == 0:
            raise self._unusable("the file is empty (0 bytes)")
        if not header.startswith(_SQLITE_MAGIC):
            raise self._unusable("the file is not an SQLite database")
        if len(header) == _HEADER_BYTES and size < _declared_size(header):
            short = f"{size:,} bytes of {_declared_size(header):,}"
            if not logged:
                raise self._unusable(f"the file is cut short ({short})")
            return short
        return ""

    def _unusable(self, why: str) -> StoreError:
        if self.backup_path.is_file():
            way_back = (f"copy its backup from the last good run, {self.backup_path}, over it "
                        "and run again")
        else:
            way_back = ("restore it from your own backup; without one, moving it away starts "
                        "an empty store, and responses deleted from the sources would be lost")
        return StoreError(f"the store {self.path} cannot be used: {why}. It was left as it "
                          f"is; to go back, {way_back}")

    def problem(self, error: sqlite3.Error) -> StoreError:
        """An SQLite error met while the store was in use, as a one-line StoreError."""
        text = str(error)
        if "locked" in text or "busy" in text:
            return StoreError(f"the store {self.path} is in use by another program ({text}); "
                              "close it (a database viewer?) and run again")
        if what := _sqlite_problem(text):
            return StoreError(f"cannot write to the store {self.path}: {what}; nothing was "
                              "changed")
        return self._unusable(text)

    def back_up(self) -> None:
        """Copy the store, as committed, to backup_path (replaced in one step)."""
        # a new file of a name nobody can guess, created here or nowhere (never through a link);
        # unlike mkstemp's, its mode is the umask's (sync/privacy.py)
        temp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(8)}.tmp")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o666))
        except OSError as e:
            raise StoreError(f"cannot back up the store to {self.backup_path}: {os_problem(e)}")
        try:
            copy = sqlite3.connect(temp)
            try:
                self.db.backup(copy)
            finally:
                copy.close()
            os.replace(temp, self.backup_path)
        except sqlite3.Error as e:
            raise StoreError(f"cannot back up the store to {self.backup_path}: "
                             f"{_sqlite_problem(str(e)) or e}; the reports are as they were")
        except OSError as e:
            raise StoreError(f"cannot back up the store to {self.backup_path}: {os_problem(e)}; "
                             "the reports are as they were")
        finally:
            Path(temp).unlink(missing_ok=True)

    def files(self) -> list[Path]:
        """The store's files on disk: the database, SQLite's journal files, the backup."""
        return files_of(self.path)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # --- schema ------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise self._unusable("it is a database of another program")
        if version > SCHEMA_VERSION:
            raise StoreError(f"the store {self.path} was written by a newer regsync "
                             f"(schema {version}, this one knows {SCHEMA_VERSION}); upgrade regsync")
        # executescript() would commit on its own, so each migration runs statement by
        # statement inside one transaction together with its version bump.
        for number in range(version, SCHEMA_VERSION):
            self.begin()
            try:
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")
                self.commit()
            except BaseException:
                self.rollback()
                raise

    # --- transactions ------------------------------------------------------------------

    def begin(self) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise self.problem(e) from None

    @_in_words
    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # --- runs --------------------------------------------------------------------------

    @_in_words
    def start_run(self, command: str, started_at: str | None = None) -> int:
        """A run's row; `started_at`: the moment the run took as now (ISO, UTC)."""
        cur = self.db.execute("INSERT INTO runs (command, started_at, outcome) VALUES (?, ?, 'running')",
                              (command, started_at or _now()))
        return cur.lastrowid

    @_in_words
    def finish_run(self, run_id: int, counts: SyncCounts, participants: int | None,
                   report_path: str | None) -> None:
        self.db.execute(
            "UPDATE runs SET finished_at=?, outcome='ok', pulled=?, new=?, changed=?, vanished=?,"
            " participants=?, report_path=? WHERE id=?",
            (_now(), counts.pulled, counts.new, counts.changed, counts.vanished, participants,
             report_path, run_id))

    def record_failed_run(self, command: str, started_at: str, error: str) -> None:
        """Outside the run's (rolled back) transaction: the failure itself is kept.

        Best effort: when the store itself is the problem, the original error matters more.
        """
        try:
            self.db.execute("INSERT INTO runs (command, started_at, finished_at, outcome, error) "
                            "VALUES (?, ?, ?, 'failed', ?)", (command, started_at, _now(), error))
        except sqlite3.Error:
            pass

    def report_in_place(self, run_id: int, report_path: str) -> None:
        """A committed run's report is in place: from now on it is the last report that
        "New" counts from. Best effort: if this is not recorded, the next report shows
        these people as new once more, which is better than never."""
        try:
            self.db.execute("UPDATE runs SET report_path=? WHERE id=?", (report_path, run_id))
        except sqlite3.Error:
            pass

    def mark_failed(self, run_id: int, error: str) -> None:
        """A run committed but then failed (its report could not be put in place): its
        responses stay stored, the run is recorded as failed. Best effort, as above."""
        try:
            self.db.execute("UPDATE runs SET outcome='failed', error=?, report_path=NULL"
                            " WHERE id=?", (error, run_id))
        except sqlite3.Error:
            pass

    @_in_words
    def last_report_run(self, before: str) -> int | None:
        """The latest successful run that wrote a report and started before `before` (an
        ISO moment in UTC, as runs record theirs)."""
        row = self.db.execute("SELECT max(id) FROM runs WHERE outcome='ok' AND report_path IS NOT"
                              " NULL AND started_at < ?", (before,)).fetchone()
        return row[0]

    @_in_words
    def runs(self, limit: int = 20) -> list[RunRecord]:
        rows = self.db.execute(
            "SELECT id, command, started_at, finished_at, outcome, error, pulled, new, changed,"
            " vanished, participants, report_path FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [RunRecord(*r) for r in rows]

    # --- responses ---------------------------------------------------------------------

    def _header_set(self, table: SheetTable) -> int:
        headers = json.dumps(list(table.headers), ensure_ascii=False)
        self.db.execute("INSERT OR IGNORE INTO header_sets (source, headers, timezone) VALUES (?, ?, ?)",
                        (table.source, headers, table.timezone))
        return self.db.execute("SELECT id FROM header_sets WHERE source=? AND headers=? AND timezone=?",
                               (table.source, headers, table.timezone)).fetchone()[0]

    @_in_words
    def record_pull(self, run_id: int, table: SheetTable, identity: Identity) -> Recorded:
        """Merge one fresh pull of a source into the store; returns what changed."""
        header_set = self._header_set(table)
        # in id order, which the index on source gives without a sort; then active first
        stored = list(map(_Stored._make, self.db.execute(
            "SELECT id, source_row, fingerprint, vanished_run, first_seen_run FROM responses"
            " WHERE source=? ORDER BY id", (table.source,))))
        stored.sort(key=lambda s: s.vanished_run is not None)  # stable: ids stay in order
        if not stored:  # the source's first pull: every row is new, encoded as it is written
            self.db.executemany(_INSERT, ((table.source, number, header_set, *_encoded(row), run_id,
                                           run_id) for row, number in zip(table.rows, table.row_numbers)))
            return Recorded(SyncCounts(pulled=len(table.rows), new=len(table.rows)), header_set,
                            (run_id,) * len(table.rows))
        known = {s.fingerprint for s in stored}
        fingerprints, new_json = [], {}
        for pos, row in enumerate(table.rows):
            answers, fp = _encoded(row)
            fingerprints.append(fp)
            if fp not in known:  # only new or edited responses are written: keep their JSON
                new_json[pos] = answers
        matched = _match_content(fingerprints, stored)
        taken = set(matched.values())
        unmatched = [s for s in stored if s.vanished_run is None and s.id not in taken]
        kept_cells: dict[int, tuple[str, ...]] = {}
        kept_sets: dict[int, int] = {}  # response id -> its header set, kept with its cells
        lossy = [pos for pos, row in enumerate(table.rows)
                 if pos not in matched and any(_LOST in cell for cell in row)]
        if unmatched and lossy:
            for pos, (rid, header_set_of, cells) in self._match_lossy(
                    table, lossy, unmatched, identity.timestamp).items():
                matched[pos], kept_cells[pos], kept_sets[rid] = rid, cells, header_set_of
            taken = set(matched.values())
            unmatched = [s for s in unmatched if s.id not in taken]
        cells: dict[int, dict[str, str]] = {}
        if unmatched:
            cells = self._cells({s.id for s in unmatched})
            _match_edited(table, unmatched, cells, identity, matched)

        by_id = {s.id: s for s in stored}
        inserts, versions, edits, seen, moves = [], [], [], [], []
        for pos, (fp, row_number) in enumerate(zip(fingerprints, table.row_numbers)):
            rid = matched.get(pos)
            if rid is not None and by_id[rid].source_row != row_number:
                moves.append((rid, run_id, by_id[rid].source_row))
            if rid is not None and (by_id[rid].fingerprint == fp or pos in kept_cells):
                seen.append((row_number, kept_sets.get(rid, header_set), run_id, rid))
                continue
            # a row repeating stored content that is already taken was not kept: encode again
            answers = new_json.get(pos) or _encoded(table.rows[pos])[0]
            if rid is None:
                inserts.append((table.source, row_number, header_set, answers, fp, run_id, run_id))
            else:
                versions.append((run_id, rid))
                edits.append((row_number, header_set, answers, fp, run_id, run_id, rid))
        self.db.executemany(_INSERT, inserts)
        self.db.executemany("INSERT INTO row_moves (response_id, run, old_row) VALUES (?, ?, ?)",
                            moves)
        self.db.executemany(
            "INSERT INTO response_versions (response_id, replaced_run, header_set, source_row,"
            " answers, fingerprint) SELECT id, ?, header_set, source_row, answers, fingerprint"
            " FROM responses WHERE id=?", [(run, rid) for run, rid in versions])
        self.db.executemany(
            "UPDATE responses SET source_row=?, header_set=?, answers=?, fingerprint=?,"
            " last_seen_run=?, changed_run=?, vanished_run=NULL WHERE id=?", edits)
        self.db.executemany("UPDATE responses SET source_row=?, header_set=?, last_seen_run=?,"
                            " vanished_run=NULL WHERE id=?", seen)
        # rows whose answers are the same under a changed form (a question added, renamed,
        # moved or removed) are stored in its new shape, the old kept as a version, but not
        # counted as changed: nobody changed an answer
        relaid = sum(1 for pos, rid in matched.items() if rid in cells
                     and _same_answers(cells[rid], table.rows[pos]))
        new, changed = len(inserts), len(edits) - relaid
        kept = set(matched.values())
        gone = [s.id for s in stored if s.vanished_run is None and s.id not in kept]
        self.db.executemany("UPDATE responses SET vanished_run=? WHERE id=?",
                            [(run_id, rid) for rid in gone])
        first_seen = tuple(by_id[matched[pos]].first_seen_run if pos in matched else run_id
                           for pos in range(len(table.rows)))
        return Recorded(SyncCounts(pulled=len(table.rows), new=new, changed=changed,
                                   vanished=len(gone)), header_set, first_seen,
                        before=sum(1 for s in stored if s.vanished_run is None),
                        kept=kept_cells)

    def _match_lossy(self, table: SheetTable, positions: list[int], unmatched: list[_Stored],
                     timestamp: str | None) -> dict[int, tuple[int, int, tuple[str, ...]]]:
        """{position: (response id, its header set, its cells)} for rows of the pull that
        are a stored response but for letters lost to a file's encoding: each "?" where
        the stored cell has a letter Windows-1251 cannot hold (a Kazakh one), the rest
        alike, the submission time (`timestamp`'s) to the minute (Excel, saving the file
        so, drops the seconds). The stored cells are the better ones and are kept."""
        at = table.headers.index(timestamp) if timestamp in table.headers else None

        def key(cells: tuple[str, ...]) -> tuple[str, ...]:
            if at is None or at >= len(cells):
                return _trimmed(cells)
            return _trimmed((*cells[:at], _minute(cells[at], table.timezone), *cells[at + 1:]))

        wanted: dict[tuple[str, ...], list[tuple[int, int, tuple[str, ...]]]] = {}
        ids = sorted(s.id for s in unmatched)
        for start in range(0, len(ids), _IDS_PER_QUERY):
            batch = ids[start:start + _IDS_PER_QUERY]
            for rid, header_set, answers in self.db.execute(
                    "SELECT id, header_set, answers FROM responses WHERE id IN"
                    f" ({', '.join('?' * len(batch))}) ORDER BY id", batch):
                cells = tuple(json.loads(answers))
                if any(_lossy(cell) != cell for cell in cells):
                    wanted.setdefault(key(tuple(map(_lossy, cells))), []).append(
                        (rid, header_set, cells))
        found = {}
        for pos in positions:
            if candidates := wanted.get(key(tuple(table.rows[pos]))):
                found[pos] = candidates.pop(0)
        return found

    def _cells(self, ids: set[int]) -> dict[int, dict[str, str]]:
        """{response id: {header: cell}} for the stored responses `ids`."""
        found = {}
        wanted = sorted(ids)
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            batch = wanted[start:start + _IDS_PER_QUERY]
            rows = self.db.execute(
                "SELECT r.id, h.headers, r.answers FROM responses r JOIN header_sets h"
                f" ON h.id = r.header_set WHERE r.id IN ({', '.join('?' * len(batch))})", batch)
            found.update((rid, dict(zip(json.loads(headers), json.loads(answers))))
                         for rid, headers, answers in rows)
        return found

    @_in_words
    def groups(self, include_vanished: bool = True, leave_out_current: frozenset[str] = frozenset()
               ) -> Iterator[StoredGroup]:
        """Stored responses as tables, one per (source, header row, time zone), by source.

        `leave_out_current`: sources whose current responses (those not vanished) the
        caller has already, as just pulled and recorded; the rest of them still comes.
        Rows are decoded a batch at a time straight into columns, so a big store never has
        its answers in memory as JSON text, rows and columns all at once.
        """
        header_sets = {h[0]: h[1:] for h in self.db.execute(
            "SELECT id, source, headers, timezone FROM header_sets")}
        conditions = [] if include_vanished else ["vanished_run IS NULL"]
        if leave_out_current:
            marks = ", ".join("?" * len(leave_out_current))
            conditions.append(f"NOT (source IN ({marks}) AND vanished_run IS NULL)")
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        # In the table's own order (no sort of every answer in SQLite); each group puts its
        # rows in order at the end.
        cursor = self.db.execute(
            "SELECT header_set, source_row, first_seen_run, vanished_run IS NOT NULL, answers"
            f" FROM responses {where} ORDER BY id", tuple(sorted(leave_out_current)))
        builders: dict[int, _GroupBuilder] = {}
        while batch := cursor.fetchmany(_DECODE_BATCH_ROWS):
            for header_set, rows in itertools.groupby(batch, key=operator.itemgetter(0)):
                if header_set not in builders:
                    builders[header_set] = _GroupBuilder(header_set, *header_sets[header_set])
                builders[header_set].add(list(rows))
        # by source, then header set: the responses' canonical order wherever it can be
        for header_set in sorted(builders, key=lambda h: (header_sets[h][0], h)):
            yield builders.pop(header_set).finished()

    # --- mailboxes (sources read a little at a time) -------------------------------------

    @_in_words
    def mailbox_memory(self, source: str) -> MailboxMemory:
        """Where reading `source`'s mailbox stopped, and the letters and attachments read."""
        return _mailbox_memory(self.db, source)

    @_in_words
    def record_letters(self, run_id: int, table: MailTable) -> SyncCounts:
        """Add the registrations of newly read letters, and remember the letters.

        Unlike record_pull, the pull is not the source's full state: it holds only the
        letters that came since the last run, so no stored row of the source is touched,
        let alone marked vanished. Each row is a new response (a letter is read once: the
        pull skips letters whose key is stored here), numbered after the source's last row.
        """
        if not table.rows and not table.letters and table.uidvalidity == 0:
            return SyncCounts()
        base = self.db.execute("SELECT coalesce(max(source_row), 0) FROM responses WHERE source=?",
                               (table.source,)).fetchone()[0]
        if table.rows:
            header_set = self._header_set(table)
            self.db.executemany(_INSERT, ((table.source, base + number, header_set, *_encoded(row),
                                           run_id, run_id)
                                          for row, number in zip(table.rows, table.row_numbers)))
        for letter in table.letters:
            try:
                letter_id = self.db.execute(
                    "INSERT INTO letters (source, letter_key, uid, place, sent_at, sender, subject,"
                    " registrations, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (table.source, letter.key, letter.uid, letter.place,
                     letter.sent_at.astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
                     letter.sender, letter.subject, letter.registrations, run_id)).lastrowid
            except sqlite3.IntegrityError:
                raise StoreError(f"source '{table.source}': a letter was read twice "
                                 f"(UID {letter.uid}); nothing was stored")
            self.db.executemany("INSERT INTO letter_problems (letter, part, note) VALUES (?, ?, ?)",
                                [(letter_id, p.part, p.note) for p in letter.problems])
            self.db.executemany("INSERT OR IGNORE INTO letter_attachments (source, digest, letter)"
                                " VALUES (?, ?, ?)",
                                [(table.source, d, letter_id) for d in letter.attachments])
        self.db.execute("INSERT OR REPLACE INTO mailboxes (source, uidvalidity, last_uid, run)"
                        " VALUES (?, ?, ?, ?)",
                        (table.source, table.uidvalidity, table.last_uid, run_id))
        return SyncCounts(pulled=len(table.rows), new=len(table.rows))

    @_in_words
    def letter_problems(self) -> list[LetterProblem]:
        """Every part of a letter that could not be read, oldest letter first."""
        rows = self.db.execute(
            "SELECT l.source, l.place, l.subject, p.part, p.note FROM letter_problems p"
            " JOIN letters l ON l.id = p.letter ORDER BY l.sent_at, l.id, p.rowid")
        return [LetterProblem(*row) for row in rows]

    @_in_words
    def count_responses(self) -> int:
        return self.db.execute("SELECT count(*) FROM responses").fetchone()[0]

    @_in_words
    def count_vanished(self) -> int:
        return self.db.execute("SELECT count(*) FROM responses WHERE vanished_run IS NOT NULL"
                               ).fetchone()[0]

    # --- the rows decisions.csv names (sync/decision_rows.py) ----------------------------

    @_in_words
    def responses_at(self, rows: Collection[tuple[str, int]], run: int | None
                     ) -> dict[tuple[str, int], list[int]]:
        """{(source, row): ids of the responses at that row in the pull of `run`}, for the
        rows asked about (None: as the last pull left them). A response deleted from its
        source and put back later may be taken for present in between: a caller treats
        two responses at one row as not knowing which."""
        moved_back: dict[int, int] = {}
        if run is not None:  # latest first, so the earliest move after `run` is kept
            moved_back = dict(self.db.execute(
                "SELECT response_id, old_row FROM row_moves WHERE run > ? ORDER BY run DESC, rowid"
                " DESC", (run,)))
        wanted = set(rows)
        found: dict[tuple[str, int], list[int]] = {}
        for source in sorted({source for source, _ in wanted}):
            for rid, row, first_seen, vanished in self.db.execute(
                    "SELECT id, source_row, first_seen_run, vanished_run FROM responses"
                    " WHERE source=? ORDER BY id", (source,)):
                there = (vanished is None if run is None
                         else first_seen <= run and (vanished is None or vanished > run))
                key = (source, moved_back.get(rid, row))
                if there and key in wanted:
                    found.setdefault(key, []).append(rid)
        return found

    @_in_words
    def rows_now(self, ids: Collection[int]) -> dict[int, tuple[str, int, bool]]:
        """{id: (source, row, deleted from its source)} as the last pull left them; a
        deleted row's number is its last, and another response may hold it now."""
        found = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            batch = wanted[start:start + _IDS_PER_QUERY]
            rows = self.db.execute("SELECT id, source, source_row, vanished_run FROM responses"
                                   f" WHERE id IN ({', '.join('?' * len(batch))})", batch)
            found.update((rid, (source, row, vanished is not None))
                         for rid, source, row, vanished in rows)
        return found

    @_in_words
    def deleted_at(self, source: str, row: int) -> int:
        """How many responses deleted from `source` were last at `row`."""
        return self.db.execute("SELECT count(*) FROM responses WHERE source=? AND source_row=?"
                               " AND vanished_run IS NOT NULL", (source, row)).fetchone()[0]

    @_in_words
    def decision_pins(self) -> dict[str, tuple[int | None, int | None]]:
        """{decision line's key: (response a, response b)}, as pinned by earlier runs."""
        return {line: (a, b) for line, a, b in self.db.execute(
            "SELECT line, response_a, response_b FROM decision_pins")}

    @_in_words
    def keep_decision_pins(self, run_id: int, pins: Mapping[str, tuple[int | None, int | None]]
                           ) -> None:
        """Pin these lines (those pinned already stay as they were); lines no longer in the
        file are let go, so one typed again later is read afresh."""
        kept = self.decision_pins()
        self.db.executemany("DELETE FROM decision_pins WHERE line=?",
                            [(line,) for line in kept if line not in pins])
        self.db.executemany(
            "INSERT INTO decision_pins (line, response_a, response_b, run) VALUES (?, ?, ?, ?)",
            [(line, a, b, run_id) for line, (a, b) in pins.items() if line not in kept])


class _GroupBuilder:
    """One stored group's columns, filled batch by batch."""

    def __init__(self, header_set: int, source: str, headers: str, timezone: str):
        self.header_set, self.source, self.timezone = header_set, source, timezone
        self.headers = tuple(json.loads(headers))
        self.columns: tuple[list[str], ...] = tuple([] for _ in self.headers)
        self.row_numbers: list[int] = []
        self.first_seen_runs: list[int] = []
        self.vanished: list[bool] = []
        self._shared = SharedAnswers()  # a big store's frame is far smaller

    def add(self, rows: list[tuple]) -> None:
        _, numbers, first_seen, vanished, answers = zip(*rows)
        self.row_numbers += numbers
        self.first_seen_runs += first_seen
        self.vanished += map(bool, vanished)
        # one decoder call for the whole batch: a call per row costs ten times more
        decoded = json.loads("[" + ",".join(answers) + "]")
        width = len(self.headers)
        if any(len(cells) != width for cells in decoded):
            decoded = [_fitted(cells, width) for cells in decoded]
        by_column = self._shared.columns(list(zip(*decoded)) or [[] for _ in self.headers])
        for column, values in zip(self.columns, by_column, strict=True):
            column += values

    def finished(self) -> StoredGroup:
        """The group in row order (rows with the same number: oldest response first)."""
        # rows came in id order and the sort is stable, so equal numbers keep id order
        order = sorted(range(len(self.row_numbers)), key=self.row_numbers.__getitem__)
        if order != list(range(len(order))):  # rows moved or came back since the first pull

            def reordered(values: list) -> list:
                return [values[i] for i in order]

            self.row_numbers = reordered(self.row_numbers)
            self.first_seen_runs = reordered(self.first_seen_runs)
            self.vanished = reordered(self.vanished)
            self.columns = tuple(map(reordered, self.columns))
        table = ColumnTable(source=self.source, where=f"store ({self.source})",
                            headers=self.headers, columns=self.columns,
                            row_numbers=self.row_numbers, timezone=self.timezone)
        return StoredGroup(table, tuple(self.first_seen_runs), tuple(self.vanished),
                           self.header_set)


def _fitted(cells: list[str], width: int) -> list[str]:
    """A stored row's cells, as many as its header has. A row kept across a change of the
    form's questions took the new header with its cells as they were: the same answers but
    for blanks at the end (its fingerprint leaves them out), so blanks are what is added
    or cut here."""
    return cells[:width] + [""] * (width - len(cells))


@dataclass(frozen=True)
class Identity:
    """The headers whose cells say who a response is, to know it again after an edit in place."""

    timestamp: str | None = None  # the form's submission time
    name: tuple[str, ...] = ()  # the name question, or its parts
    contacts: tuple[str, ...] = ()  # e-mail and phone: shared by a teacher and her students


class _Stored(NamedTuple):
    """What matching needs of a stored response; its cells are read only when needed."""

    id: int
    source_row: int
    fingerprint: str
    vanished_run: int | None
    first_seen_run: int


# What a file saved as Windows-1251 holds where a letter was that it has no place for.
_LOST = "?"


def _lossy(cell: str) -> str:
    """The cell as a Windows-1251 file keeps it: a letter it has no place for is "?"."""
    return cell.encode("cp1251", errors="replace").decode("cp1251")


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    """The cells without their trailing blanks (as fingerprints leave them out)."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _same_answers(stored: dict[str, str], row: tuple[str, ...]) -> bool:
    """Every answer of the row given before, whatever its question is called or where it
    stands now (a question renamed, moved, added and not answered, or removed)."""
    given = Counter(cell for cell in stored.values() if cell)
    return not Counter(cell for cell in row if cell) - given


# A name corrected in an edit keeps at least its surname and given name; a slip mended in
# a word this long is no other given name.
MIN_NAME_WORDS_KEPT = 2
MIN_MENDED_WORD = 6


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _match_content(fresh: list[str], stored: list[_Stored]) -> dict[int, int]:
    """Position in the pull -> stored response id, for the same content anywhere."""
    matched: dict[int, int] = {}
    by_fingerprint: dict[str, list[int]] = {}
    for s in stored:  # active responses come first, so they are preferred
        by_fingerprint.setdefault(s.fingerprint, []).append(s.id)
    for pos, fp in enumerate(fresh):
        candidates = by_fingerprint.get(fp)
        if candidates:
            matched[pos] = candidates.pop(0)
    return matched


class _Who(NamedTuple):
    """The identifying cells of one response, folded; blank where not asked or not answered."""

    stamp: str
    name: str
    contacts: tuple[str, ...]
    minute: str  # the submission time to the minute, whatever its format

    def shares_answer_with(self, other: "_Who") -> bool:
        """The same name or the same e-mail/phone, typed by both."""
        return bool(self.name and self.name == other.name) or any(
            a and a == b for a, b in zip(self.contacts, other.contacts))

    def shares_contact_with(self, other: "_Who") -> bool:
        return any(a and a == b for a, b in zip(self.contacts, other.contacts))

    def minute_and_name(self) -> str:
        """The time to the minute and the name together, "" unless both are there: two
        people answering in one minute are told apart by their names."""
        return f"{self.minute}\x1f{self.name}" if self.minute and self.name else ""

    def every_contact(self) -> str:
        """The e-mail and the phone together, "" unless both are answered."""
        return "\x1f".join(self.contacts) if len(self.contacts) > 1 and all(self.contacts) else ""

    def name_corrected_as(self, other: "_Who") -> bool:
        """The other's name is this one with its patronymic added or left out, its words in
        another order, or a slip in one long word mended (Нұсұлтан, Нұрсұлтан): never another
        given name, which a short word one letter off may be (Дана, Диана: twins)."""
        mine, theirs = self.name.split(), other.name.split()
        if len(set(mine) & set(theirs)) >= MIN_NAME_WORDS_KEPT and (
                set(mine) <= set(theirs) or set(theirs) <= set(mine)):
            return True
        if len(mine) != len(theirs):
            return False
        apart = list((Counter(mine) - Counter(theirs)).elements())
        other_words = list((Counter(theirs) - Counter(mine)).elements())
        return (len(apart) == len(other_words) == 1
                and max(len(apart[0]), len(other_words[0])) >= MIN_MENDED_WORD
                and OSA.distance(apart[0], other_words[0]) == 1)


def _who(cells: dict[str, str], identity: Identity, timezone: str) -> _Who:
    def cell(header: str | None) -> str:
        return _folded(cells.get(header, "")) if header is not None else ""

    typed = cells.get(identity.timestamp, "") if identity.timestamp is not None else ""
    return _Who(_folded(typed), " ".join(filter(None, map(cell, identity.name))),
                tuple(map(cell, identity.contacts)), _minute(typed, timezone))


def _minute(stamp: str, timezone: str) -> str:
    """A submission time to the minute: a sheet saved again by Excel keeps "06.10.2026
    15:42" of "2026/10/06 3:42:01 PM GMT+5"."""
    moment = parse_timestamp(stamp, timezone) if stamp else None
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M") if moment else ""


def _pair_once(fresh: dict[int, _Who], stored: dict[int, _Who], key, agrees) -> dict[int, int]:
    """Pairs (position -> stored id) whose `key` is non-blank and found exactly once on each
    side, and whose cells `agrees`: a key two responses share is no evidence at all."""
    def unique(side: dict[int, _Who]) -> dict[str, int]:
        seen: dict[str, list[int]] = {}
        for item, who in side.items():
            if value := key(who):
                seen.setdefault(value, []).append(item)
        return {value: items[0] for value, items in seen.items() if len(items) == 1}

    stored_by_key = unique(stored)
    return {pos: stored_by_key[value] for value, pos in unique(fresh).items()
            if value in stored_by_key and agrees(fresh[pos], stored[stored_by_key[value]])}


def _match_edited(table: SheetTable, open_stored: list[_Stored],
                  stored_cells: dict[int, dict[str, str]], identity: Identity,
                  matched: dict[int, int]) -> None:
    """Add to `matched` the active responses, not matched by content, that were edited in
    place, on evidence that cannot pair two different people:

    - the same submission time, found once among the unmatched rows of each side, and the
      same name or contact: an organizer correcting a cell; then the same to the minute,
      however written (the sheet saved again by Excel, which drops the seconds), alone or,
      where two answered in one minute, with the name;
    - the same name, found once on each side, and the same e-mail or phone: a respondent
      editing their answers (Forms gives the edit a new time), or a hand-kept list;
    - the same e-mail and phone, found once on each side, and the name corrected (a
      patronymic added, a slip in a long word mended: _Who.name_corrected_as).

    Row numbers are no evidence (a deleted row moves every later one up), nor is a shared
    e-mail or phone alone (a teacher registers her students with hers). Anything less
    certain stays apart: one response vanished and one new, never one person overwritten
    with another, since the report keeps both and dedup decides.
    """
    fresh = {pos: _who(dict(zip(table.headers, table.rows[pos])), identity, table.timezone)
             for pos in range(len(table.rows)) if pos not in matched}
    taken = set(matched.values())
    stored = {s.id: _who(stored_cells[s.id], identity, table.timezone)
              for s in open_stored if s.id not in taken}
    rules = ((lambda w: w.stamp, _Who.shares_answer_with),
             (lambda w: w.minute, _Who.shares_answer_with),
             (_Who.minute_and_name, _Who.shares_answer_with),
             (lambda w: w.name, _Who.shares_contact_with),
             (_Who.every_contact, _Who.name_corrected_as))
    for key, agrees in rules:
        found = _pair_once(fresh, stored, key, agrees)
        matched.update(found)
        for pos, rid in found.items():
            del fresh[pos], stored[rid]


def _sqlite_problem(text: str) -> str | None:
    return next((what for marker, what in _SQLITE_PROBLEMS if marker in text), None)


def backup_leftovers(store: Path) -> list[Path]:
    """Part-copies of the store a run killed while backing it up left beside it (and their
    SQLite journals): personal data nobody will use, for the next run to remove."""
    return [p for p in store.parent.glob(f".{store.name}.*.tmp*")
            if p.is_file() and not p.is_symlink()]


def files_of(store: Path) -> list[Path]:
    """A store's files on disk: the database, SQLite's journal files, the backup."""
    return [store, *(store.with_name(store.name + suffix) for suffix in _JOURNAL_SUFFIXES),
            backup_path(store)]


def backup_path(store: Path) -> Path:
    return store.with_name(store.name + ".backup")


def _declared_size(header: bytes) -> int:
    """The file size the header promises: page size x page count, where that count is
    valid (written by SQLite 3.7 and later, which keeps it in step with the change counter);
    0 where it is not known."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    in_step = header[92:96] == header[24:28]
    return page_size * pages if in_step else 0


@dataclass(frozen=True)
class LetterProblem:
    source: str
    place: str  # "2025-03-14 10:32 a@uni.kz"
    subject: str
    part: str  # the attachment; "" for the letter itself
    note: str  # a code, e.g. "mail.pdf"


def _mailbox_memory(db: sqlite3.Connection, source: str) -> MailboxMemory:
    mark = db.execute("SELECT uidvalidity, last_uid FROM mailboxes WHERE source=?",
                      (source,)).fetchone()
    letters = frozenset(k for (k,) in db.execute(
        "SELECT letter_key FROM letters WHERE source=?", (source,)))
    attachments = frozenset(d for (d,) in db.execute(
        "SELECT digest FROM letter_attachments WHERE source=?", (source,)))
    if mark is None:
        return MailboxMemory(letters=letters, attachments=attachments)
    return MailboxMemory(mark[0], mark[1], letters, attachments)


def peek_mailbox_memory(path: Path, source: str) -> MailboxMemory:
    """What the store at `path` remembers of a mailbox, read without changing the file (for
    `regsync check`): nothing when there is no store yet or it predates mailboxes."""
    db = _read_only(path)
    if db is None:
        return MailboxMemory()
    try:
        return _mailbox_memory(db, source)
    except sqlite3.OperationalError:  # no such table: an older store
        return MailboxMemory()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"the store {path} cannot be read ({e})")
    finally:
        db.close()


def _read_only(path: Path) -> sqlite3.Connection | None:
    """The store at `path` opened to read without changing the file, its header read; None
    when there is none or it is no database. Immutable only where the usual way fails: in a
    folder no one may write to, SQLite cannot make the index of the write-ahead log that
    reading it needs."""
    if not path.is_file():
        return None
    for way in ("mode=ro", "mode=ro&immutable=1"):
        try:
            db = sqlite3.connect(f"{path.absolute().as_uri()}?{way}", uri=True,
                                 timeout=_BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error:
            return None
        try:
            db.execute("PRAGMA user_version").fetchone()
            return db
        except sqlite3.Error as e:
            db.close()
            if not isinstance(e, sqlite3.OperationalError):  # not a database at all
                return None
    return None


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
