"""A letter's text as its writer meant it: earlier letters it quotes are cut off, letters it
forwards are kept, each with its own sender.

Quoted letters are what a reply carries along; reading them again would count their people
twice. They are recognised by their marks: "> " lines, <blockquote> (html_text drops it),
a reply header ("On 14 Mar 2025, a@uni.kz wrote:", "14.03.2025, 10:32, ... написал(а):",
"... жазды:"), and Outlook's "-----Original Message-----" or From:/Sent: block in a reply.
A forwarded letter ("---------- Forwarded message ---------", "Пересылаемое сообщение",
Outlook's From:/Sent: block in a "Fwd:"/"FW:" letter) is read: its header names who wrote it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from email.utils import getaddresses

from sync.sources.html_text import Segments, html_segments
from sync.sources.mail_table import parse_date

_REPLY_VERB = re.compile(r"(wrote|написал\(?а?\)?|написала|пишет|жазды|жазған|schrieb|a écrit)"
                         r"\s*:\s*$", re.IGNORECASE)
# Yandex and Mail.ru: "14.03.2025, 10:32, "Иванова" <a@uni.kz>:" then the quote
_REPLY_ADDRESS_LINE = re.compile(r"\d.*@.*:\s*$")
_ORIGINAL = re.compile(r"^[-_\s]*(original message|исходное сообщение|бастапқы хат)[-_\s]*$",
                       re.IGNORECASE)
_FORWARD = re.compile(r"^[-_\s>]*(forwarded message|пересылаемое сообщение|пересланное сообщение"
                      r"|переадресованное сообщение|begin forwarded message|начало "
                      r"переадресованного сообщения|жіберілген хат|бағытталған хат)[-_\s:]*$",
                      re.IGNORECASE)
_HEADER_LINE = re.compile(r"^\*?(from|от|кімнен|sent|отправлено|жіберілді|date|дата|күні|to"
                          r"|кому|кімге|cc|копия|subject|тема|тақырыбы)\*?\s*:\s*(.*)$",
                          re.IGNORECASE)
_FROM_LABELS = ("from", "от", "кімнен")
_DATE_LABELS = ("sent", "отправлено", "жіберілді", "date", "дата", "күні")
_SIGNATURE = re.compile(r"^--\s*$")
_REPLY_SUBJECT = re.compile(r"^\s*(re|ответ|отв|жауап|aw)\s*(\[\d+\])?\s*:", re.IGNORECASE)
_FORWARD_SUBJECT = re.compile(r"^\s*(fwd?|пересл\w*|fw)\s*(\[\d+\])?\s*:", re.IGNORECASE)
# Plain text pasted from a spreadsheet: cells separated by tabs.
_TAB = "\t"


@dataclass
class BodyPart:
    """The text and tables of one writer's letter: the letter's own, or one it forwards."""

    sender: str | None = None  # None: the letter's own sender
    sent_at: dt.datetime | None = None
    lines: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    # below "-- ": the writer's name, post and institution, read for no "Field: value" lines
    signature: list[str] = field(default_factory=list)


def body_parts(html: str | None, plain: str | None, subject: str) -> list[BodyPart]:
    """The letter's own part first, then one per letter it forwards; quotes left out."""
    if html is not None:
        segments = html_segments(html)
    else:
        segments = _plain_segments(plain or "")
    return _split(segments, _REPLY_SUBJECT.match(subject) is not None
                  and not _FORWARD_SUBJECT.match(subject))


def _plain_segments(text: str) -> Segments:
    out = Segments()
    pending: list[list[str]] = []

    def flush() -> None:
        if len(pending) >= 2:
            out.items.append(("table", [row[:] for row in pending]))
        else:
            out.items.extend(("text", "  ".join(row)) for row in pending)
        pending.clear()

    for raw in text.splitlines():
        if raw.lstrip().startswith(">"):
            flush()
            continue  # a quoted line
        if _TAB in raw.strip():
            pending.append([c.strip() for c in raw.split(_TAB)])
            continue
        flush()
        line = " ".join(raw.split())
        out.items.append(("text", line))
    flush()
    return out


def _split(segments: Segments, is_reply: bool) -> list[BodyPart]:
    parts = [BodyPart()]
    items = segments.items
    i = 0
    in_signature = False
    while i < len(items):
        kind, value = items[i]
        if kind == "table":
            if not in_signature:
                parts[-1].tables.append(value)
            i += 1
            continue
        line = value
        if _FORWARD.match(line):
            header, i = _header_block(items, i + 1)
            if not header and i < len(items) and _REPLY_ADDRESS_LINE.search(items[i][1]):
                # Yandex heads what it forwards with one line: 31.01.2025, 18:15, "Имя" <a@b.kz>:
                when, _, writer = items[i][1].rpartition(", ")
                header, i = {"from": writer, "date": when}, i + 1
            parts.append(_forwarded(header))
            in_signature = False
            continue
        if _header_starts(items, i):
            header, after = _header_block(items, i)
            if is_reply:
                break  # Outlook's reply quotes the earlier letter under its From:/Sent: lines
            parts.append(_forwarded(header))
            in_signature = False
            i = after
            continue
        if _ORIGINAL.match(line) and is_reply:
            break
        if _is_reply_header(line):
            break  # what follows is the quoted letter
        if _SIGNATURE.match(line):
            in_signature = True
        elif in_signature:
            parts[-1].signature.append(line)
        else:
            parts[-1].lines.append(line)
        i += 1
    return [p for p in parts if p.lines or p.tables or p.sender]


def _is_reply_header(line: str) -> bool:
    if _REPLY_VERB.search(line) and any(c.isdigit() or c == "@" for c in line):
        return True
    return bool(_REPLY_ADDRESS_LINE.search(line)) and not _HEADER_LINE.match(line)


def _header_starts(items: list, i: int) -> bool:
    """An Outlook-style From:/Sent: block: a From line followed closely by a date line."""
    m = _HEADER_LINE.match(items[i][1]) if items[i][0] == "text" else None
    if not m or m.group(1).casefold() not in _FROM_LABELS or "@" not in m.group(2):
        return False
    following = [v for k, v in items[i + 1:i + 4] if k == "text"]
    return any((h := _HEADER_LINE.match(v)) and h.group(1).casefold() in _DATE_LABELS
               for v in following)


def _header_block(items: list, i: int) -> tuple[dict[str, str], int]:
    """The From:/Date:/Subject: lines of a forwarded or quoted letter, and where its text starts."""
    header: dict[str, str] = {}
    while i < len(items) and items[i][0] == "text":
        line = items[i][1]
        m = _HEADER_LINE.match(line)
        if m:
            header.setdefault(m.group(1).casefold(), m.group(2))
        elif line or header:
            break
        i += 1
    return header, i


def _forwarded(header: dict[str, str]) -> BodyPart:
    sender = next((header[k] for k in _FROM_LABELS if k in header), "")
    addresses = [a for _, a in getaddresses([sender]) if "@" in a]
    if not addresses:
        found = re.search(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", sender)
        addresses = [found.group(0)] if found else []
    when = next((header[k] for k in _DATE_LABELS if k in header), "")
    return BodyPart(sender=addresses[0].lower() if addresses else "", sent_at=parse_date(when))
