"""What an imap source's pull is: one table of registrations, and what was read from where.

A mailbox is read a little at a time: each run fetches only the letters that came since the
last one. So its pull is not the source's full state, as a file's or a sheet's is: the store
adds its rows (Store.record_letters) and never marks earlier ones vanished.

Every registration taken from a letter becomes one row with the same fixed headers, whatever
the letter's own table called its columns, so the store and the header mapping see one
shape. The `Letter` cell says where the row came from ("2025-03-14 10:32 a@uni.kz
Список.xlsx:3"); it becomes the row's reference in the report ("mail:2025-03-14 10:32
a@uni.kz Список.xlsx:3"), which ends in ":<row>" as every reference does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import MappingProxyType

from sync.sources.table import SheetTable

# canonical field -> the header an imap source's table uses for it (config's `columns`)
MAIL_COLUMNS = MappingProxyType({
    "submitted_at": "Timestamp", "full_name": "Full name", "email": "Email", "phone": "Phone",
    "institution": "Institution", "specialty": "Specialty", "role": "Role", "city": "City",
})
LETTER_HEADER = "Letter"
MAIL_HEADERS = (*MAIL_COLUMNS.values(), LETTER_HEADER)
MAIL_FIELDS = tuple(MAIL_COLUMNS)


@dataclass(frozen=True)
class MailboxMemory:
    """What the store remembers of one mailbox: where reading stopped, and what was read."""

    uidvalidity: int | None = None  # None: never read
    last_uid: int = 0
    letters: frozenset[str] = frozenset()  # keys of the letters read (Letter.key)
    attachments: frozenset[str] = frozenset()  # digests of the attachments read


@dataclass(frozen=True)
class Problem:
    """A part of a letter that looks like registrations but could not be read."""

    part: str  # the attachment's file name; "" for the letter itself
    note: str  # a code for reports/labels.py ("note.<code>"), e.g. "mail.pdf"


@dataclass(frozen=True)
class LetterRecord:
    """One letter read: kept in the store so it is never read again."""

    key: str
    uid: int
    place: str  # "2025-03-14 10:32 a@uni.kz": how an organizer finds it in the mailbox
    sent_at: dt.datetime
    sender: str
    subject: str
    registrations: int
    problems: tuple[Problem, ...] = ()
    attachments: tuple[str, ...] = ()  # digests of the attachments read from it


@dataclass(frozen=True)
class MailTable(SheetTable):
    """The registrations of the letters read in one pull, with what the store keeps."""

    letters: tuple[LetterRecord, ...] = ()
    uidvalidity: int = 0
    last_uid: int = 0  # the highest UID looked at: the next pull starts after it


def letter_place(sent_at: dt.datetime, sender: str, timezone: str) -> str:
    """ "2025-03-14 10:32 a@uni.kz": the letter's local time and its sender's address."""
    from zoneinfo import ZoneInfo

    local = sent_at.astimezone(ZoneInfo(timezone))
    return f"{local:%Y-%m-%d %H:%M} {sender}".strip()


def row_place(place: str, part: str, row: int) -> str:
    """Where one registration is: the letter, the attachment (none: the letter's text), the
    row. Kept free of "; ", which joins references in the report."""
    part = " ".join(part.replace(";", ",").split())
    return f"{place} {part}:{row}" if part else f"{place}:{row}"


def parse_date(value: str | None) -> dt.datetime | None:
    """A letter's Date header as an aware time (UTC when it names no zone); None when it is
    missing or not a date ("чт, 6 мар. 2025 г. в 18:40" from a Russian Gmail forward)."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
