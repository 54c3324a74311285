"""The local SQLite store: every response ever pulled, never deleted.

Only this module touches SQLite. A run is one transaction: responses, their previous
versions and the run's record change together or not at all. Responses that disappear from
their source are flagged `vanished_run`, never deleted; edited ones keep their earlier
versions in `response_versions`.

Identity of a response between pulls, in order: the same content anywhere in the source
(rows may move up when someone deletes a row); the same timestamp (a corrected cell); the
same row number with the same name or e-mail cell (an edited form response). What is left is
new in the pull or vanished from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from sync.errors import StoreError
from sync.sources.table import SheetTable

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
    # 2: each pull looks responses up by content; an index keeps big stores fast
    "CREATE INDEX responses_by_fingerprint ON responses(source, fingerprint)",
)
SCHEMA_VERSION = len(MIGRATIONS)
# How long a second process waits for the database before giving up (the run lock is the
# real guard; this only covers a `history` reading while a run commits).
_BUSY_TIMEOUT_S = 10


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
class StoredGroup:
    """Stored responses of one source sharing a header row, as a table plus their flags."""

    table: SheetTable
    response_ids: tuple[int, ...]
    first_seen_runs: tuple[int, ...]
    vanished: tuple[bool, ...]


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


def _encoded(cells: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """(the cells as stored JSON, their fingerprint), encoding once where it can."""
    answers = json.dumps(list(cells), ensure_ascii=False)
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    trimmed = answers if end == len(cells) else json.dumps(list(cells[:end]), ensure_ascii=False)
    return answers, hashlib.sha256(trimmed.encode()).hexdigest()[:32]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """A connection to the store file; use as a context manager."""

    def __init__(self, path: Path, *, create: bool = True):
        self.path = path
        if not path.exists() and not create:
            raise StoreError(f"no store yet at {path}: run 'regsync sync' or 'regsync run' first")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"the store {path} cannot be used ({e}); it was left untouched "
                             "- restore it from a backup or move it away to start a new one")
        except OSError as e:
            raise StoreError(f"cannot open the store {path}: {e.strerror}")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # --- schema ------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
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
            raise StoreError(f"the store {self.path} is in use by another program ({e}); "
                             "close it (a database viewer?) and run again") from None

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # --- runs --------------------------------------------------------------------------

    def start_run(self, command: str) -> int:
        cur = self.db.execute("INSERT INTO runs (command, started_at, outcome) VALUES (?, ?, 'running')",
                              (command, _now()))
        return cur.lastrowid

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

    def last_report_run(self) -> int | None:
        """The latest successful run that wrote a report."""
        row = self.db.execute("SELECT max(id) FROM runs WHERE outcome='ok' AND report_path IS NOT NULL"
                              ).fetchone()
        return row[0]

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

    def record_pull(self, run_id: int, table: SheetTable, identity: Identity) -> SyncCounts:
        """Merge one fresh pull of a source into the store; returns what changed."""
        header_set = self._header_set(table)
        stored = [_Stored(*r) for r in self.db.execute(
            "SELECT r.id, r.source_row, r.answers, r.fingerprint, h.headers, r.vanished_run"
            " FROM responses r JOIN header_sets h ON h.id = r.header_set"
            " WHERE r.source=? ORDER BY r.vanished_run IS NOT NULL, r.id", (table.source,))]
        encoded = [_encoded(r) for r in table.rows]
        fresh = [fp for _, fp in encoded]
        matched = _match(table, fresh, stored, identity)

        by_id = {s.id: s for s in stored}
        inserts, versions, edits, seen = [], [], [], []
        for pos, ((answers, fp), row_number) in enumerate(zip(encoded, table.row_numbers)):
            rid = matched.get(pos)
            if rid is None:
                inserts.append((table.source, row_number, header_set, answers, fp, run_id, run_id))
            elif by_id[rid].fingerprint != fp:
                versions.append((run_id, rid))
                edits.append((row_number, header_set, answers, fp, run_id, run_id, rid))
            else:
                seen.append((row_number, header_set, run_id, rid))
        self.db.executemany(
            "INSERT INTO responses (source, source_row, header_set, answers, fingerprint,"
            " first_seen_run, last_seen_run) VALUES (?, ?, ?, ?, ?, ?, ?)", inserts)
        self.db.executemany(
            "INSERT INTO response_versions (response_id, replaced_run, header_set, source_row,"
            " answers, fingerprint) SELECT id, ?, header_set, source_row, answers, fingerprint"
            " FROM responses WHERE id=?", [(run, rid) for run, rid in versions])
        self.db.executemany(
            "UPDATE responses SET source_row=?, header_set=?, answers=?, fingerprint=?,"
            " last_seen_run=?, changed_run=?, vanished_run=NULL WHERE id=?", edits)
        self.db.executemany("UPDATE responses SET source_row=?, header_set=?, last_seen_run=?,"
                            " vanished_run=NULL WHERE id=?", seen)
        new, changed = len(inserts), len(edits)
        kept = set(matched.values())
        gone = [s.id for s in stored if s.vanished_run is None and s.id not in kept]
        self.db.executemany("UPDATE responses SET vanished_run=? WHERE id=?",
                            [(run_id, rid) for rid in gone])
        return SyncCounts(pulled=len(table.rows), new=new, changed=changed, vanished=len(gone))

    def groups(self, include_vanished: bool = True) -> Iterator[StoredGroup]:
        """Stored responses as tables, one per (source, header row, time zone)."""
        where = "" if include_vanished else "WHERE r.vanished_run IS NULL"
        rows = self.db.execute(
            "SELECT r.header_set, h.source, h.headers, h.timezone, r.id, r.source_row, r.answers,"
            f" r.first_seen_run, r.vanished_run FROM responses r JOIN header_sets h"
            f" ON h.id = r.header_set {where} ORDER BY r.header_set, r.source_row, r.id")
        current = None
        batch: list = []
        for row in rows:
            if current is not None and row[0] != current:
                yield _group(batch)
                batch = []
            current = row[0]
            batch.append(row)
        if batch:
            yield _group(batch)

    def count_responses(self) -> int:
        return self.db.execute("SELECT count(*) FROM responses").fetchone()[0]

    def count_vanished(self) -> int:
        return self.db.execute("SELECT count(*) FROM responses WHERE vanished_run IS NOT NULL"
                               ).fetchone()[0]


def _group(batch: list) -> StoredGroup:
    _, source, headers, timezone = batch[0][:4]
    headers = tuple(json.loads(headers))
    # one decoder call for the whole group: a hundred thousand calls cost a second
    cells = json.loads("[" + ",".join(r[6] for r in batch) + "]")
    table = SheetTable(source=source, where=f"store ({source})", headers=headers,
                       rows=tuple(map(tuple, cells)),
                       row_numbers=tuple(r[5] for r in batch), timezone=timezone)
    return StoredGroup(table=table, response_ids=tuple(r[4] for r in batch),
                       first_seen_runs=tuple(r[7] for r in batch),
                       vanished=tuple(r[8] is not None for r in batch))


@dataclass(frozen=True)
class Identity:
    """Headers whose cells identify a response that was edited in place."""

    timestamp: str | None = None
    others: tuple[str, ...] = ()  # e.g. the name and e-mail questions


@dataclass(frozen=True)
class _Stored:
    id: int
    source_row: int
    answers: str
    fingerprint: str
    headers: str
    vanished_run: int | None

    def cell(self, header: str | None) -> str:
        if header is None:
            return ""
        cells = dict(zip(json.loads(self.headers), json.loads(self.answers)))
        return _folded(cells.get(header, ""))


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _match(table: SheetTable, fresh: list[str], stored: list[_Stored], identity: Identity
           ) -> dict[int, int]:
    """Position in the pull -> stored response id, by the rules in the module docstring."""
    matched: dict[int, int] = {}
    by_fingerprint: dict[str, list[int]] = {}
    for s in stored:  # active responses come first, so they are preferred
        by_fingerprint.setdefault(s.fingerprint, []).append(s.id)
    for pos, fp in enumerate(fresh):
        candidates = by_fingerprint.get(fp)
        if candidates:
            matched[pos] = candidates.pop(0)

    taken = set(matched.values())
    open_stored = [s for s in stored if s.vanished_run is None and s.id not in taken]
    column = {h: i for i, h in enumerate(table.headers)}

    def cell(pos: int, header: str | None) -> str:
        return _folded(table.rows[pos][column[header]]) if header in column else ""

    if identity.timestamp:
        by_time: dict[str, list[_Stored]] = {}
        for s in open_stored:
            by_time.setdefault(s.cell(identity.timestamp), []).append(s)
        for pos in range(len(table.rows)):
            stamp = cell(pos, identity.timestamp)
            candidates = [s for s in by_time.get(stamp, []) if s.id not in taken] if stamp else []
            if pos not in matched and len(candidates) == 1:
                matched[pos] = candidates[0].id
                taken.add(candidates[0].id)

    by_row = {s.source_row: s for s in open_stored}
    for pos, row_number in enumerate(table.row_numbers):
        s = by_row.get(row_number)
        if pos in matched or s is None or s.id in taken:
            continue
        if any(cell(pos, h) and cell(pos, h) == s.cell(h) for h in identity.others):
            matched[pos] = s.id
            taken.add(s.id)
    return matched


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
