"""What sync hands to reports: clean DataFrames and a few labels, nothing else."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reports.labels import label

if TYPE_CHECKING:  # config.toml's loader reads the defaults below without loading pandas
    import pandas as pd

# The participants' columns every list shows, in order (GUIDE.md's data contract)
PARTICIPANT_FIELDS = ("full_name", "email", "phone", "institution", "specialty", "role", "city",
                      "registered_at", "source", "source_rows")
# What ends a source row reference ("form:4 (deleted)") whose row was deleted from its
# source since it was stored: row 4 of the sheet may now hold someone else.
DELETED_MARK = " (deleted)"
# How a source's question was read: source, question, field ("" for none), why ("config",
# "wording", "content", "wording+content", "branch"), share (of fitting answers), sure,
# branch_of (for a question of another branch of the form: the field's first question).
READING_COLUMNS = ["source", "question", "field", "why", "share", "sure", "branch_of"]


# "form:12/2": the second person a row lists (sync/group_rows.py); "mail:...:3" has none.
_PERSON_IN_ROW = re.compile(r"(:\d+)/\d+")


def row_ref(ref: str) -> str:
    """The reference of the row a response came from: "form:12/2" -> "form:12"."""
    return _PERSON_IN_ROW.sub(r"\1", ref)


# A mailbox row's reference: the source, the letter's local time and sender, the part (an
# attachment, or none for the text), ":row" (sync.sources.mail_table.row_place).
_LETTER_ROW = re.compile(r"[^:]+:\d{4}-\d{2}-\d{2} \d{2}:\d{2} (\S*).*(?=:\d+$)")


def letter_part_of(ref: str) -> str:
    """The letter's text or attachment a mailbox row's reference names ("mail:2025-03-14
    10:32 a@uni.kz Список.xlsx" of "...Список.xlsx:3"); "" for another source's row."""
    found = _LETTER_ROW.match(ref)
    return found.group(0) if found else ""


def letter_sender_of(ref: str) -> str:
    """Who sent the letter a mailbox row's reference names ("a@uni.kz"); "" for another
    source's row."""
    found = _LETTER_ROW.match(ref)
    return found.group(1) if found else ""


def shown_ref(ref: str, lang: str) -> str:
    """A source row reference with the deleted mark in the report's language."""
    return ref.replace(DELETED_MARK, f" ({label('ref.deleted', lang)})")


# The participants' columns a per-institution workbook shows unless told otherwise: nothing
# of the organizers' own (notes, source rows, review details).
INSTITUTION_COLUMNS = ("full_name", "specialty", "role", "email", "phone")
CHECKIN_PLACES = ("auto", "sheets", "files", "none")
# "auto": sign-in lists as sheets of the daily report while they can be printed and signed
# at a conference's door; past that (a list of 100,000 would cost a second of every run and
# a thousand pages nobody prints) none, unless asked for with "sheets" or "files"
DEFAULT_CHECKIN = "auto"
MAX_AUTO_CHECKIN = 3_000


@dataclass(frozen=True)
class ReportOptions:
    """What the organizers chose in config.toml's [report] table."""

    # the question whose answers are the sessions, as the form's header; None: found from
    # the questions' wording; "": none (one sign-in list for the whole conference)
    session_question: str | None = None
    checkin: str = DEFAULT_CHECKIN  # CHECKIN_PLACES: sign-in lists as sheets, files, or none

    def checkin_sheets(self, participants: int) -> bool:
        """Whether the report gets its sign-in lists as sheets."""
        return self.checkin == "sheets" or (self.checkin == "auto"
                                            and participants <= MAX_AUTO_CHECKIN)
    # fields (INSTITUTION_COLUMNS' kind) or question headers, in order
    institution_columns: tuple[str, ...] = INSTITUTION_COLUMNS


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
    # of those, the organizers' own notes ("Примечание"): shown, but no form's question
    note_columns: tuple[str, ...] = field(default=())
    # parts of letters that look like registrations but could not be read: ref ("mail:
    # 2025-03-14 10:32 a@uni.kz"), subject, part (the attachment, or ""), note (a code)
    unread_letters: pd.DataFrame | None = None
    # how each source's questions were read (READING_COLUMNS)
    form_reading: pd.DataFrame | None = None
    # rows left out as not people: ref, kind (a note code such as "not_person.title"), text
    not_people: pd.DataFrame | None = None
    options: ReportOptions = field(default_factory=ReportOptions)
    # sources that lost most of their rows at this run: (source, rows before, rows now)
    shrunk_sources: tuple[tuple[str, int, int], ...] = ()
