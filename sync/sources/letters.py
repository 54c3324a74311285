"""One letter (its bytes, as the server keeps it) -> the registrations in it, and the parts
of it that look like registrations but could not be read.

Registrations come from the attachments (.xlsx, .xls, .csv, .docx, .htm tables) and from the
text: a table, "Field: value" lines, a numbered list, or a writer registering herself in
words (own_letter). A letter that carries none is not a registration, whoever sent it. A
row without a time takes the letter's date, or that of the forwarded letter it came from;
without an e-mail, the sender's address only where the letter registers that one person (a
teacher's list of pupils is not their addresses: the row's reference still names the
sender); without an institution, the one the letter names (letter_institution); a list's
row without a role, the learners the letter calls its people. What could not be read is
kept as a Problem: an attachment that is a scan or a picture, a table without a name column,
a letter that asks to register people in words regsync cannot read. Nothing is silently
dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

from sync.sources.attachments import read_attachment
from sync.sources.letter_institution import institution_named
from sync.sources.mail_body import body_parts
from sync.sources.mail_table import Problem, parse_date
from sync.sources.own_letter import own_registration
from sync.normalize.emails import ADDRESS_IN_TEXT
from sync.normalize.roles import learners_named, roles_in
from sync.normalize.text import fold
from sync.sources.registrations import (Registration, line_registrations, list_registrations,
                                        table_registrations)

# Words of a letter that asks to register someone, in Russian, Kazakh and English: such a
# letter with nothing readable goes to review.
REGISTRATION_WORDS = re.compile(
    r"регистр|зарегистр|заявк|участ|список|кандидат|тіркел|тіркеу|өтінім|қатыс"
    r"|тізім|registr|particip|applica|candida|enrol|attend|take part|join", re.IGNORECASE)
_SKIPPED_TYPES = frozenset({"application/pkcs7-signature", "application/x-pkcs7-signature",
                            "application/pgp-signature", "application/pgp-keys",
                            "text/calendar", "text/vcard", "text/x-vcard"})
_CID = re.compile(r"""cid:([^"'\s>)]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class LetterRow:
    part: str  # the attachment (and its sheet or table) it is in; "" for the letter's text
    registration: Registration
    sender: str = ""  # who sent the letter (or the forwarded one) it is in
    listed: bool = False  # one of a list or a table's rows, not "Field: value" lines


@dataclass
class Letter:
    sender: str
    sent_at: dt.datetime
    subject: str
    rows: list[LetterRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)  # digests of attachments read
    copies: int = 0  # attachments skipped as read before, from another letter


@dataclass(frozen=True)
class LetterHead:
    key: str
    sender: str
    sent_at: dt.datetime | None
    subject: str


def read_envelope(header: bytes, size: int = 0) -> LetterHead:
    """A letter's identity and who sent it when, from its header lines alone.

    The key is the same whenever the letter is read again, in any folder and under any
    UIDVALIDITY: a digest of its Message-ID, Date and From (and, without a Message-ID, of
    its Subject and size).
    """
    message = BytesParser(policy=policy.default).parsebytes(header, headersonly=True)
    message_id = _raw(message, "Message-ID")
    parts = [message_id, _raw(message, "Date"), _raw(message, "From")]
    if not message_id:
        parts += [_raw(message, "Subject"), str(size)]
    key = hashlib.sha256("\n".join(parts).encode("utf-8", "replace")).hexdigest()[:40]
    return LetterHead(key, _sender(message), parse_date(_raw(message, "Date")), _subject(message))


def read_letter(raw: bytes, received: dt.datetime | None = None,
                read_before: frozenset[str] = frozenset()) -> Letter:
    """`received`: the server's arrival time, for a letter without a usable Date;
    `read_before`: digests of attachments already read from other letters (read once)."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    sent_at = (parse_date(_raw(message, "Date")) or received
               or dt.datetime.now(dt.timezone.utc))
    letter = Letter(_sender(message), sent_at, _subject(message))
    texts = [letter.subject]
    writers: list[_Writing] = []
    several = _read(message, letter, letter.sender, sent_at, set(read_before), texts, writers)
    automatic = _automatic(message)
    if not (letter.rows or letter.problems or letter.copies or automatic):
        _in_words(letter, writers)
    if len(letter.rows) == 1:  # one person: the sender's address is the best contact
        letter.rows[0] = _with_sender_address(letter.rows[0])
    _with_the_letters_institution(letter, texts)
    _with_the_learners_it_names(letter, texts)
    asks = (bool(REGISTRATION_WORDS.search("\n".join(texts))) and not automatic
            and not _only_questions(texts[1:]))
    if asks and not letter.rows and not letter.problems and not letter.copies:
        letter.problems.append(Problem("", "mail.nothing_read"))
    if several:
        letter.problems.append(Problem("", "mail.several_names"))
    return letter


@dataclass(frozen=True)
class _Writing:
    """One writer's text in a letter: the letter's own, or one it forwards."""

    sender: str
    sent_at: dt.datetime
    lines: list[str]


def _in_words(letter: Letter, writers: list[_Writing]) -> None:
    """A letter with nothing else to read in which one writer registers herself in words
    (own_letter): her registration."""
    found = [(writing, registration) for writing in writers
             if (registration := own_registration(writing.lines))]
    if len(found) == 1:
        writing, registration = found[0]
        letter.rows.append(LetterRow("", _filled(registration, 1, writing.sent_at),
                                     writing.sender))


def _read(message: EmailMessage, letter: Letter, sender: str, sent_at: dt.datetime,
          read_before: set[str], texts: list[str], writers: list[_Writing]) -> int:
    """Add the registrations of `message` (and of letters attached to it) to `letter`;
    its texts and each writer's to `texts` and `writers`."""
    leaves: list[EmailMessage] = []
    inner: list[EmailMessage] = []
    _walk(message, leaves, inner)
    bodies = [p for p in leaves if _is_body(p)]
    html = [p for p in bodies if p.get_content_type() == "text/html"]
    plain = [p for p in bodies if p.get_content_type() == "text/plain"]
    shown = _referenced_images(html)
    several = 0
    body_number = sum(1 for r in letter.rows if not r.part)
    listed: list[tuple[Registration, tuple[str, dt.datetime]]] = []
    for part in body_parts("\n".join(map(_text, html)) if html else None,
                           "\n".join(map(_text, plain)), _subject(message)):
        texts += part.lines + part.signature
        fill = (part.sender or sender, part.sent_at or sent_at)
        writers.append(_Writing(*fill, part.lines + ["--", *part.signature]))
        found: list[Registration] = []
        for table in part.tables:
            found += table_registrations(table) or []
        people, named_several = line_registrations(part.lines)
        several += named_several
        tagged = [(r, True) for r in found] + [(r, False) for r in people]
        for registration, in_a_table in tagged:
            body_number += 1
            letter.rows.append(LetterRow("", _filled(registration, body_number, fill[1]), fill[0],
                                         listed=in_a_table))
        listed += [(registration, fill) for registration in list_registrations(part.lines)]
    for leaf in leaves:
        if leaf in bodies or _decoration(leaf, shown) or leaf.get_content_type() in _SKIPPED_TYPES:
            continue
        _attachment(leaf, letter, sender, sent_at, read_before, texts)
    # a numbered list of names in the text, but for the people a table or lines gave already
    # (a teacher who lists her pupils and attaches their table)
    named = {_name_words(row.registration.fields["full_name"]) for row in letter.rows}
    for registration, (by, at) in listed:
        if _name_words(registration.fields["full_name"]) not in named:
            body_number += 1
            letter.rows.append(LetterRow("", _filled(registration, body_number, at), by,
                                         listed=True))
    for attached in inner:
        inner_sender = _sender(attached) or sender
        inner_date = parse_date(_raw(attached, "Date")) or sent_at
        texts.append(_subject(attached))
        several += _read(attached, letter, inner_sender, inner_date, read_before, texts, writers)
    return several


def _attachment(leaf: EmailMessage, letter: Letter, sender: str, sent_at: dt.datetime,
                read_before: set[str], texts: list[str]) -> None:
    name = " ".join((leaf.get_filename() or "").split()) or f"attachment.{leaf.get_content_subtype()}"
    data = leaf.get_payload(decode=True) or b""
    digest = hashlib.sha256(data).hexdigest()
    if digest in read_before:  # the same file came before (a forward, a reply that attaches it)
        letter.copies += 1
        return
    read_before.add(digest)
    result = read_attachment(name, data, leaf.get_content_charset())
    if result.note:
        letter.problems.append(Problem(name, result.note))
        return
    registrations = []
    for label, rows in result.tables:
        found = table_registrations(rows)
        if found is not None:
            registrations += [(f"{name} {label}".strip(), r) for r in found]
            texts += _title_lines(rows)
    if registrations:
        letter.attachments.append(digest)
        for part, registration in registrations:
            letter.rows.append(LetterRow(part, _filled(registration, registration.row, sent_at),
                                         sender, listed=True))
    elif result.tables:
        letter.problems.append(Problem(name, "mail.no_name_column"))
    elif result.tabular:
        letter.problems.append(Problem(name, "mail.no_table"))


def _title_lines(rows: list[list[str]]) -> list[str]:
    """A table's lines above its header: those of one filled cell ("Список участников от
    КарУ им. Букетова")."""
    titles = []
    for row in rows:
        filled = [cell.strip() for cell in map(str, row) if cell.strip()]
        if len(filled) > 1:
            break
        titles += filled
    return titles


def _with_the_letters_institution(letter: Letter, texts: list[str]) -> None:
    """Rows that name no institution take the one the letter names: in its text or its
    attachments' titles, or else on its other rows (letter_institution)."""
    if all(row.registration.fields["institution"].strip() for row in letter.rows):
        return
    named = institution_named(texts) or institution_named(
        [row.registration.fields["institution"] for row in letter.rows])
    if not named:
        return
    for k, row in enumerate(letter.rows):
        fields = row.registration.fields
        if not fields["institution"].strip():
            registration = replace(row.registration, fields={**fields, "institution": named})
            letter.rows[k] = replace(row, registration=registration)


def _with_the_learners_it_names(letter: Letter, texts: list[str]) -> None:
    """A list's people who give no role are the learners its letter names ("Прошу
    зарегистрировать следующих студентов", "Оқушылар тізімі"), on a line naming no teachers
    ("список преподавателей, сопровождающих студентов"): field test AR, 24-38 people a set
    were "not given"."""
    blank = [k for k, row in enumerate(letter.rows)
             if row.listed and not row.registration.fields["role"].strip()]
    if not blank:
        return
    called = next((word for line in texts if (word := learners_named(line))
                   and "teacher" not in roles_in(line)), "")
    for k in blank if called else ():
        row = letter.rows[k]
        fields = {**row.registration.fields, "role": called}
        letter.rows[k] = replace(row, registration=replace(row.registration, fields=fields))


def _filled(registration: Registration, row: int, sent_at: dt.datetime) -> Registration:
    """The row numbered, with the letter's date where it gives none."""
    fields = dict(registration.fields)
    if not fields["submitted_at"].strip():
        fields["submitted_at"] = sent_at.isoformat(sep=" ", timespec="seconds")
    return Registration(row, fields, registration.extras)


def _with_sender_address(row: LetterRow) -> LetterRow:
    """The row with its sender's address where it gives none."""
    fields = row.registration.fields
    if fields["email"].strip() or not row.sender:
        return row
    registration = Registration(row.registration.row, {**fields, "email": row.sender},
                                row.registration.extras)
    return LetterRow(row.part, registration, row.sender)


_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def _only_questions(lines: list[str]) -> bool:
    """A letter that only asks something ("Is there a participation fee?", "До какого числа
    можно подать заявку?"): its words of registering stand in questions alone (field test
    AR: 7 of 9 such letters were listed to review as registrations not read)."""
    sentences = [s.strip() for s in _SENTENCES.split(" ".join(lines)) if s.strip()]
    asking = [s for s in sentences if REGISTRATION_WORDS.search(s)]
    return any(s.endswith("?") for s in sentences) and all(s.endswith("?") for s in asking)


def _automatic(message: EmailMessage) -> bool:
    """An auto-reply, a bounce or a mailing-list letter (by the headers such mail carries):
    never a request to register someone, whatever words it repeats."""
    submitted = _raw(message, "Auto-Submitted").casefold()
    return (submitted not in ("", "no") or bool(_raw(message, "List-Unsubscribe"))
            or _raw(message, "Precedence").casefold() in ("bulk", "list", "junk", "auto_reply"))


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(sorted(fold(name).split()))


def _walk(part: EmailMessage, leaves: list, inner: list) -> None:
    if part.get_content_type() == "message/rfc822":
        payload = part.get_payload()
        inner += payload if isinstance(payload, list) else [payload]
    elif part.is_multipart():
        for sub in part.iter_parts():
            _walk(sub, leaves, inner)
    else:
        leaves.append(part)


def _is_body(part: EmailMessage) -> bool:
    return (part.get_content_type() in ("text/plain", "text/html")
            and part.get_content_disposition() != "attachment" and not part.get_filename())


def _referenced_images(html: list[EmailMessage]) -> set[str]:
    """Content-IDs the HTML text shows as pictures ("cid:logo001")."""
    return {m.casefold() for part in html for m in _CID.findall(_text(part))}


def _decoration(part: EmailMessage, shown: set[str]) -> bool:
    """A picture inside the text (a logo, a signature), not a scan sent to be read: the text
    shows it, or it is marked inline with a Content-ID (Outlook marks logos either way)."""
    if part.get_content_maintype() != "image" or part["Content-ID"] is None:
        return False
    cid = str(part["Content-ID"]).strip().strip("<>").casefold()
    return cid in shown or part.get_content_disposition() != "attachment"


def _text(part: EmailMessage) -> str:
    """A text part decoded by its charset; without a usable one, UTF-8 or else Windows-1251
    (what Russian Outlook sends)."""
    data = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    for encoding in ([charset] if charset else []) + ["utf-8", "cp1251"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def _raw(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError):  # a header the parser chokes on
        value = None
    return " ".join(str(value).split()) if value is not None else ""


def _subject(message: EmailMessage) -> str:
    return _raw(message, "Subject")


def _sender(message: EmailMessage) -> str:
    """The sender's address, lower-case ("" when there is none)."""
    raw = _raw(message, "From")
    addresses = [a for _, a in getaddresses([raw]) if "@" in a]
    if not addresses:
        found = ADDRESS_IN_TEXT.search(raw)
        addresses = [found.group(0)] if found else []
    return addresses[0].lower() if addresses else ""
