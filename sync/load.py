"""Loading: what the store holds (and what a run just pulled) as one frame of raw responses."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from reports.model import DELETED_MARK
from sync.config import Config, ImapSource
from sync.fields import CANONICAL_ORDER
from sync.group_rows import with_listed_people
from sync.headers import read_headers
from sync.not_people import NOT_PEOPLE_COLUMNS, people_and_the_rest
from sync.pull import Pulled
from sync.questions.answers import sample_answers
from sync.questions.assign import FormReading
from sync.responses import EXTRA_PREFIX, as_their_letters, extra_column, to_responses
from sync.sources.mail_table import LETTER_HEADER
from sync.sources.table import ColumnTable, SheetTable, by_column
from sync.store import Store


@dataclass(frozen=True)
class Stored:
    """Raw responses from the store, and what the store knows about each (by `ref`)."""

    responses: pd.DataFrame  # raw responses with a unique `ref` ("form:4")
    first_seen_run: dict[str, int]
    vanished: int  # responses deleted from their source, kept here
    # rows that are not people (sync.not_people), left out of `responses`: ref, kind, text
    not_people: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=NOT_PEOPLE_COLUMNS))
    # how each source's latest header row was read: source -> FormReading
    readings: dict[str, FormReading] = field(default_factory=dict)


def stored_responses(store: Store, config: Config, pulled: list[Pulled] = ()) -> Stored:
    """Every stored response as raw responses. One deleted from its source is marked
    "form:4 (deleted)", since row 4 of the sheet may now hold someone else. Rows that are
    not people are set aside in `not_people`.

    `pulled`: sources just pulled and recorded in the store. Their current responses are
    the pulled rows, cell for cell, so those are taken from the pull instead of being
    decoded from the store again.

    Each header row of a source is read once, on every row stored under it: a run (which
    has the pulled rows here and the deleted ones in the store) and a report from the store
    alone see the same rows, so they read the form the same way.
    """
    fresh = {item.source.name: item for item in pulled
             if item.recorded is not None and item.table.rows}
    overrides = {s.name: s.columns for s in config.sources}
    mailboxes = {s.name for s in config.sources if isinstance(s, ImapSource)}
    readings: dict[tuple[str, int], FormReading] = {}
    frames, set_aside = [], []  # frames: (source, header set, frame), put in order below

    def add(source: str, header_set: int, table: ColumnTable, refs: list[str],
            first_seen: list[int]) -> None:
        reading = readings[(source, header_set)]
        if source in mailboxes:  # a letter's row: "mail:2025-03-14 10:32 a@uni.kz Список.xlsx:3"
            # letters hold only the participants regsync read out of them: none to set aside
            frame = to_responses(table, reading.mapping)
            frame["ref"] = source + ":" + frame.pop(extra_column(LETTER_HEADER))
            frame["_first_seen_run"] = first_seen
        else:
            frame, rest = people_of(table, reading, {"ref": refs, "_first_seen_run": first_seen})
            if len(rest):
                set_aside.append(rest)
        frames.append((source, header_set, frame))

    for group in store.groups(include_vanished=config.report.include_vanished,
                              leave_out_current=frozenset(fresh)):
        source, header_set = group.table.source, group.header_set
        tables: list[ColumnTable | SheetTable] = [group.table]
        item = fresh.get(source)
        if item is not None and item.recorded.header_set == header_set:
            tables.append(item.table)  # the same header row: read on all its rows at once
        readings[(source, header_set)] = read_headers(
            group.table.headers, overrides.get(source, {}), group.table.where,
            sample_answers(tables))
        add(source, header_set, group.table,
            [f"{source}:{row}" + (DELETED_MARK if gone else "")
             for row, gone in zip(group.table.row_numbers, group.vanished)],
            list(group.first_seen_runs))
    for name, item in fresh.items():
        key = (name, item.recorded.header_set)
        if key not in readings:  # no other row under its header row: read as it was pulled
            readings[key] = item.reading or read_headers(
                item.table.headers, overrides.get(name, {}), item.table.where,
                sample_answers([item.table]))
        add(name, key[1], by_column(item.table), [f"{name}:{row}" for row in item.table.row_numbers],
            list(item.recorded.first_seen_runs))
    if not frames:
        return Stored(pd.DataFrame(), {}, store.count_vanished())
    frames.sort(key=lambda part: part[:2])  # stable: a group's vanished rows before its pull
    responses = pd.concat([frame for _, _, frame in frames], ignore_index=True)
    frames.clear()  # the concatenated frame holds the answers now
    extras = [c for c in responses.columns if c.startswith(EXTRA_PREFIX)]
    responses[extras] = responses[extras].fillna("")
    if responses["ref"].duplicated().any():  # a row deleted twice over the weeks
        repeats = responses.groupby("ref").cumcount()
        responses["ref"] = responses["ref"].where(
            repeats == 0, responses["ref"] + " #" + (repeats + 1).astype(str))
    # Groups come by source, so this copies nothing unless a source's header changed.
    responses = as_their_letters(
        responses.sort_values(list(CANONICAL_ORDER), kind="stable", ignore_index=True))
    first_seen = dict(zip(responses["ref"].tolist(), responses.pop("_first_seen_run").tolist()))
    not_people = (pd.concat(set_aside, ignore_index=True).sort_values(
        "ref", key=lambda refs: refs.map(_ref_order), ignore_index=True) if set_aside
        else pd.DataFrame(columns=NOT_PEOPLE_COLUMNS))
    latest = {}
    for (source, _), reading in sorted(readings.items(), key=lambda item: item[0]):
        latest[source] = reading  # the highest header set of a source is its latest
    return Stored(responses, first_seen, store.count_vanished(), not_people, latest)


def people_of(table: ColumnTable, reading: FormReading, row_columns: dict[str, list]
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A form's or a list's table as raw responses of people, one per person a row lists,
    and its rows that are not people (sync.not_people.people_and_the_rest); `row_columns`
    as there, "ref" among them."""
    frame, rest = people_and_the_rest(table, reading.mapping, row_columns, reading.branches,
                                      reading.account)
    return with_listed_people(frame, reading.mapping.get("full_name", ""), reading.listed), rest


def _ref_order(ref: str) -> tuple:
    """"form:12 (deleted)" -> ("form", 12, " (deleted)"): rows in the order a person reads them."""
    source, _, rest = ref.rpartition(":")
    number, _, mark = rest.partition(" ")
    return (source, int(number) if number.isdigit() else 0, mark)


def unread_letters(store: Store) -> pd.DataFrame:
    """Parts of letters that look like registrations but could not be read, for review."""
    problems = store.letter_problems()
    return pd.DataFrame({
        "ref": [f"{p.source}:{p.place}" for p in problems],
        "subject": [p.subject for p in problems], "part": [p.part for p in problems],
        "note": [p.note for p in problems]})
