"""Loading: what the store holds (and what a run just pulled) as one frame of raw responses."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sync.config import Config, ImapSource
from sync.fields import CANONICAL_ORDER
from sync.headers import map_headers
from sync.pull import Pulled
from sync.responses import EXTRA_PREFIX, extra_column, to_responses
from sync.sources.mail_table import LETTER_HEADER
from sync.store import Store


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
    mailboxes = {s.name for s in config.sources if isinstance(s, ImapSource)}
    frames = []  # (source, header set, frame): put in the store's order below
    for group in store.groups(include_vanished=config.report.include_vanished,
                              leave_out_current=frozenset(fresh)):
        mapping = map_headers(group.table.headers, overrides.get(group.table.source, {}),
                              group.table.where)
        frame = to_responses(group.table, mapping)
        source = group.table.source
        frame["ref"] = [f"{source}:{row}" + (" (deleted)" if gone else "")
                        for row, gone in zip(group.table.row_numbers, group.vanished)]
        if source in mailboxes:  # a letter's row: "mail:2025-03-14 10:32 a@uni.kz Список.xlsx:3"
            frame["ref"] = source + ":" + frame.pop(extra_column(LETTER_HEADER))
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


def unread_letters(store: Store) -> pd.DataFrame:
    """Parts of letters that look like registrations but could not be read, for review."""
    problems = store.letter_problems()
    return pd.DataFrame({
        "ref": [f"{p.source}:{p.place}" for p in problems],
        "subject": [p.subject for p in problems], "part": [p.part for p in problems],
        "note": [p.note for p in problems]})
