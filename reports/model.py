"""What sync hands to reports: clean DataFrames and a few labels, nothing else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class ReportData:
    participants: pd.DataFrame  # one row per person (docs/architecture.md columns + participant_id)
    responses: pd.DataFrame  # every normalized response the participants came from
    merges: pd.DataFrame  # participant_id, kept_row, merged_row, rule, full_name (one per merge)
    possible: pd.DataFrame  # rows_a, rows_b, names, reason
    built_at: dt.datetime  # aware
    sources: tuple[str, ...]
    language: str = "ru"
    timezone: str = "Asia/Almaty"
    # participant_ids new since the last report; None when there was no earlier report
    new_ids: frozenset[str] | None = None
    vanished: int = 0  # responses deleted from their source but kept
    extra_columns: tuple[str, ...] = field(default=())  # other answers to show, in order
    # parts of letters that look like registrations but could not be read: ref ("mail:
    # 2025-03-14 10:32 a@uni.kz"), subject, part (the attachment, or ""), note (a code)
    unread_letters: pd.DataFrame | None = None
    # how each source's questions were read: source, question, field ("" for none), why
    # ("config", "wording", "content", "wording+content"), share (of fitting answers), sure
    form_reading: pd.DataFrame | None = None
    # rows left out as not people: ref, kind (a note code such as "not_person.title"), text
    not_people: pd.DataFrame | None = None
