"""An imap source: the letters that came since the last run, read into one table.

Each run asks the server for the UIDs after the last one read (the store keeps it, with the
folder's UIDVALIDITY). When UIDVALIDITY changed, the server renumbered the folder: every
letter is looked at again, and those already read (known by their key, see
letters.read_envelope) are skipped, so nothing is counted twice. Only new letters' bodies
are fetched; the folder is never changed (sources/imap.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sync.config import ImapSource
from sync.headers import fold_header, unique_headers
from sync.sources.imap import Envelope, ImapReader, password_of
from sync.sources.letters import Letter, read_envelope, read_letter
from sync.sources.mail_table import (MAIL_FIELDS, MAIL_HEADERS, LetterRecord, MailboxMemory,
                                     MailTable, Problem, letter_place, row_place)

log = logging.getLogger("regsync")

# A letter bigger than this is not fetched: registrations are small, and one huge letter
# must not fill the memory of the nightly run. Gmail's own limit is 25 MB.
MAX_LETTER_BYTES = 30 * 1024 * 1024
# Letters `regsync check` reads to show what a run would take from them.
CHECK_NEWEST = 3


@dataclass(frozen=True)
class _Found:
    envelope: Envelope
    key: str
    letter: Letter | None  # None: not read, for `problem`
    problem: str = ""


def read_mailbox(source: ImapSource, memory: MailboxMemory = MailboxMemory()) -> MailTable:
    """The registrations in the letters that came since `memory` (what the store keeps)."""
    with ImapReader(source, password_of(source)) as reader:
        after = _start(memory, reader.status.uidvalidity)
        uids = reader.search(after, source.since)
        found = []
        read_before = set(memory.attachments)
        for envelope, key in _new_letters(reader, uids, memory, source):
            letter, problem = None, "mail.too_big"
            if envelope.size <= MAX_LETTER_BYTES:
                letter = _read(reader.fetch(envelope.uid), envelope, frozenset(read_before))
                if letter is None:
                    problem = "mail.letter_damaged"
                else:
                    read_before.update(letter.attachments)
            found.append(_Found(envelope, key, letter, problem))
        log.debug("source %s: %d new letters of %d in %s", source.name, len(found),
                  reader.status.messages, source.folder)
        return _table(source, reader.where, found, reader.status.uidvalidity,
                      max(uids, default=after))


def _read(raw: bytes, envelope: Envelope, read_before: frozenset[str]) -> Letter | None:
    """The letter, or None when it breaks the reader: one odd letter must not stop every
    nightly run; it goes to the review sheet instead (and stays in the mailbox)."""
    try:
        return read_letter(raw, envelope.received, read_before)
    except Exception as e:  # a stranger's bytes: any failure in reading them is that letter's
        log.warning("letter UID %d could not be read (%s); it is listed for review",
                    envelope.uid, type(e).__name__)
        return None


def _start(memory: MailboxMemory, uidvalidity: int) -> int:
    """The UID after which letters are new: 0 (all) when the folder was renumbered."""
    if memory.uidvalidity is None or memory.uidvalidity != uidvalidity:
        return 0
    return memory.last_uid


def _new_letters(reader: ImapReader, uids: list[int], memory: MailboxMemory,
                 source: ImapSource):
    """(envelope, key) of the letters not read before that pass the subject filter."""
    seen = set(memory.letters)
    words = [w.casefold() for w in source.subject_words]
    for envelope in reader.envelopes(uids):
        head = read_envelope(envelope.header, envelope.size)
        if head.key in seen:
            continue  # read before: a copy, or a folder renumbered since
        if words and not any(w in head.subject.casefold() for w in words):
            continue
        seen.add(head.key)
        yield envelope, head.key


def _table(source: ImapSource, where: str, found: list[_Found], uidvalidity: int,
           last_uid: int) -> MailTable:
    # other columns, in the order first seen, one for a label however cased or punctuated
    # ("Курс", "курс", "Курс:"): field test AR's letters made 12 columns of two questions
    extras: dict[str, str] = {}
    for item in found:
        for row in item.letter.rows if item.letter else ():
            for header, _ in row.registration.extras:
                extras.setdefault(fold_header(header), header)
    headers = unique_headers([*MAIL_HEADERS, *extras.values()])
    extra_column = dict(zip(extras, range(len(MAIL_HEADERS), len(headers))))
    rows, records = [], []
    for item in found:
        letter = item.letter
        if letter is None:
            records.append(_unread(source, item))
            continue
        place = letter_place(letter.sent_at, letter.sender, source.timezone)
        for row in letter.rows:
            cells = [row.registration.fields[f] for f in MAIL_FIELDS]
            cells.append(row_place(place, row.part, row.registration.row))
            cells += [""] * (len(headers) - len(cells))
            for header, value in row.registration.extras:
                column = extra_column[fold_header(header)]
                cells[column] = cells[column] or value
            rows.append(tuple(cells))
        records.append(LetterRecord(
            key=item.key, uid=item.envelope.uid, place=place, sent_at=letter.sent_at,
            sender=letter.sender, subject=letter.subject, registrations=len(letter.rows),
            problems=tuple(letter.problems), attachments=tuple(letter.attachments)))
    return MailTable(source=source.name, where=f"{where}, folder {source.folder!r}",
                     headers=tuple(headers), rows=tuple(rows),
                     row_numbers=tuple(range(1, len(rows) + 1)), timezone=source.timezone,
                     letters=tuple(records), uidvalidity=uidvalidity, last_uid=last_uid)


def _unread(source: ImapSource, item: _Found) -> LetterRecord:
    head = read_envelope(item.envelope.header, item.envelope.size)
    sent_at = head.sent_at or item.envelope.received or dt.datetime.now(dt.timezone.utc)
    place = letter_place(sent_at, head.sender, source.timezone)
    return LetterRecord(key=item.key, uid=item.envelope.uid, place=place,
                        sent_at=sent_at, sender=head.sender, subject=head.subject,
                        registrations=0, problems=(Problem("", item.problem),))


# --- regsync check ------------------------------------------------------------------------

def describe_mailbox(source: ImapSource, memory: MailboxMemory = MailboxMemory(),
                     newest: int = CHECK_NEWEST) -> list[str]:
    """What `regsync check` prints: the folder, its letters, what a run would read."""
    from reports.labels import label

    with ImapReader(source, password_of(source)) as reader:
        status = reader.status
        after = _start(memory, status.uidvalidity)
        uids = reader.search(after, source.since)
        new = list(_new_letters(reader, uids, memory, source))
        lines = [f"  folder: {source.folder} ({status.messages} letters, UIDVALIDITY "
                 f"{status.uidvalidity})"]
        if memory.uidvalidity is not None and memory.uidvalidity != status.uidvalidity:
            lines.append("  the folder was renumbered since the last run: every letter is "
                         "looked at again; those read before are skipped")
        lines.append(f"  new letters a run would read: {len(new)} (read before: "
                     f"{len(memory.letters)})")
        if new:
            lines.append(f"  the newest {min(newest, len(new))}:")
        for envelope, _ in reversed(new[-newest:]):
            head = read_envelope(envelope.header, envelope.size)
            if envelope.size > MAX_LETTER_BYTES:
                lines.append(f"    {head.sender} «{head.subject}»: too big to read "
                             f"({envelope.size // 1024 // 1024} MB)")
                continue
            letter = _read(reader.fetch(envelope.uid), envelope, frozenset())
            if letter is None:
                lines.append(f"    {head.sender} «{head.subject}»: could not be read")
                continue
            place = letter_place(letter.sent_at, letter.sender, source.timezone)
            parts = sorted({r.part or "text" for r in letter.rows})
            took = (f"{len(letter.rows)} registration(s) from {', '.join(parts)}"
                    if letter.rows else "nothing to take")
            lines.append(f"    {place} «{letter.subject}»: {took}")
            for problem in letter.problems:
                what = label(f"note.{problem.note}", "en")
                lines.append(f"      needs review: {problem.part + ': ' if problem.part else ''}{what}")
    return lines
