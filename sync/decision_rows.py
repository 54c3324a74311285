"""Which responses the rows of decisions.csv name, however the rows have moved since.

An organizer writes `merge,form:11,form:13` looking at a report; by the next run a row above
may have been deleted from the sheet, or the sheet sorted, and row 11 holds someone else. So
a row of a source read by rows (a Google Sheet, a CSV or XLSX file) names the response that
was at that row in the last report written before decisions.csv was saved (the store keeps
every move of a row), or, when that report had no such row, the one there now. A run pins
each line to the responses it named then, so the line keeps its people whatever moves later.
A letter's rows ("mail:2025-03-14 10:32 a@uni.kz:2") never move: they are taken as written.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from reports.model import DELETED_MARK, row_ref
from sync.decisions import Decisions, DecisionLine, decided
from sync.store import Store

Pin = tuple[int | None, int | None]  # a line's responses; None: a row taken as written


class Problem(NamedTuple):
    line: str  # naming the decision's row in the file
    not_found: str = ""  # the row as written, when it names no stored response


@dataclass(frozen=True)
class Resolved:
    decisions: Decisions  # by the rows' references now
    problems: list[Problem]  # one per decision not used
    named: list[tuple[DecisionLine, tuple[str, str]]]  # each line used, with its rows now


def resolve(lines: list[DecisionLine], store: Store, numbered: Collection[str],
            saved_at: str, pin_run: int | None = None) -> Resolved:
    """The decisions of `lines` by today's row references. `numbered`: the sources whose
    rows move (all but mailboxes); `saved_at`: when decisions.csv was saved (saved_moment);
    `pin_run`: the run whose transaction keeps the pins (None: read only, as `who` does)."""
    pins = store.decision_pins()
    problems: list[Problem] = []
    todo = [line for line in lines if line.key not in pins]
    moving = {ref: _row(ref) for line in todo for ref in line.pair
              if ref.rpartition(":")[0] in numbered}
    found: dict[tuple[str, int], list[int]] = {}
    if moving:
        wanted = set(moving.values())
        shown = store.last_report_run(before=saved_at)
        found = store.responses_at(wanted, shown)
        if shown is not None and wanted - found.keys():  # not in that report: as it is now
            found.update(store.responses_at(wanted - found.keys(), None))
    in_file: dict[str, Pin] = {}
    for line in lines:
        if line.key in pins:
            in_file[line.key] = pins[line.key]
            continue
        ids = []
        for ref in line.pair:
            at = found.get(moving[ref], []) if ref in moving else [None]
            if len(at) != 1:
                problems.append(Problem(f"row {line.number}: {ref} " + (
                    "is not a row of its source (a typo?)" if not at else
                    "was the row of more than one response (one deleted and put back?)")
                    + "; this decision is not used", "" if at else ref))
                break
            ids.append(at[0])
        else:
            in_file[line.key] = (ids[0], ids[1])
    if pin_run is not None:
        store.keep_decision_pins(pin_run, in_file)
    now = store.rows_now({rid for pin in in_file.values() for rid in pin if rid is not None})
    named = []
    for line in lines:
        if line.key not in in_file:
            continue
        refs = [ref if rid is None else _ref(store, now[rid], _person(ref))
                for ref, rid in zip(line.pair, in_file[line.key])]
        if None in refs:
            problems.append(Problem(f"row {line.number}: a row it names was deleted from its "
                                    "source, and another deleted row had the same number; "
                                    "this decision is not used"))
            continue
        named.append((line, (refs[0], refs[1])))
    return Resolved(decided(named), problems, named)


def saved_moment(path: Path) -> str:
    """When the file was last saved, as the store records a run's start (ISO, UTC, to the
    second), rounded up: a run that started in the same second, before the save, showed its
    report before it; a missing file: now."""
    try:
        stamp = path.stat().st_mtime
    except OSError:
        stamp = dt.datetime.now(dt.timezone.utc).timestamp()
    return dt.datetime.fromtimestamp(math.ceil(stamp), dt.timezone.utc).isoformat(
        timespec="seconds")


def _row(ref: str) -> tuple[str, int]:
    source, _, row = row_ref(ref).rpartition(":")
    return source, int(row)


def _person(ref: str) -> str:
    """"/2" of "form:12/2", the second person its row lists; "" for a row's own."""
    return ref[len(row_ref(ref)):]


def _ref(store: Store, where: tuple[str, int, bool], person: str = "") -> str | None:
    """The reference the report gives a response now (the `person` its row lists: "/2");
    None when it cannot be told apart (two deleted responses were last at one row: the
    report numbers them "#2")."""
    source, row, deleted = where
    if not deleted:
        return f"{source}:{row}{person}"
    return (f"{source}:{row}{person}{DELETED_MARK}" if store.deleted_at(source, row) == 1
            else None)
