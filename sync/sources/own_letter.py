"""A letter in which its writer registers herself in words, with no "Field: value" lines:
"Прошу зарегистрировать меня ... С уважением, Оспанова Аселя Жанатовна, студент 3 курса,
С.Сейфуллин атындағы ҚазАТЗУ, тел. +7 771 963 12 52", or "Меня зовут Мұқанова Жансая, я
студентка 4 курса АУНГ. ... Мой телефон 8(702)273-73-33."

A person reads the name in the sentence that gives it ("Меня зовут", "Менің атым", "My name
is") or under the closing formula, the role and the institution from the lines or clauses
beside it, the phone wherever it stands. Read only where the letter asks to register its
writer and names exactly one person so (field test AR: 27 such letters, 5% of a mailbox's
rows, went to review and had to be typed in by hand).
"""

from __future__ import annotations

import re
from typing import Sequence

from sync.normalize.roles import roles_in
from sync.questions.answers import is_phone, name_shape
from sync.sources.letter_institution import institution_named
from sync.sources.mail_table import MAIL_FIELDS
from sync.sources.registrations import CLOSING, Registration

# The writer asks to be registered, in Russian, Kazakh or English.
_ASKS_FOR_ME = re.compile(
    r"зарегистрир\w* меня|меня зарегистрир|хочу (?:принять )?участ|хотел\w* бы (?:принять )?участ"
    r"|мою заявку|мені\b.*тірке|қатысқым келеді|қатысуға өтінім"
    r"|register me|like to (?:register|participate|take part|attend)"
    r"|want to (?:participate|take part|attend)|my registration", re.IGNORECASE)
# A sentence giving the writer's name: what follows it, up to a comma or a stop.
_NAME_GIVEN = re.compile(r"(?:меня зовут|моё имя|мое имя|менің атым|менің есімім|my name is)"
                         r"\s+([^,.;!?\n]+)", re.IGNORECASE)
# A phone number in a sentence: digits with the usual signs between them.
_PHONE = re.compile(r"\+?\d[\d\s()\-]{8,}\d")
_CLAUSE = re.compile(r"[,.;!?]\s+|\n")
MAX_ROLE_WORDS = 8
# What a clause says after its writer's role and year: where she studies or works ("я
# студентка 4 курса АУНГ", "I am a student at Satbayev University").
_AFTER_ROLE = re.compile(
    r"\b(?:студент|магистрант|докторант|аспирант|учени|учащ|преподават|учител|оқушы|окушы"
    r"|оқытушы|мұғалім|student|pupil|teacher|lecturer)\w*(?:\(ка\))?\s+"
    r"(?:\d{1,2}\s*(?:-?\w{0,3}\s*(?:курса?|года|класса?|сынып\w*|year|grade))?\s+)?"
    r"(?:(?:at|of|in|в|из)\s+)?(.+)$", re.IGNORECASE)


def own_registration(lines: Sequence[str]) -> Registration | None:
    """The writer's registration, where the letter asks for it in words and names one
    person; None otherwise."""
    text = "\n".join(lines)
    if not _ASKS_FOR_ME.search(text):
        return None
    signature = _signature(lines)
    names = {name for found in _NAME_GIVEN.finditer(text)
             if name_shape(name := " ".join(found.group(1).split()[:4])) == "full"}
    names |= {line for line in signature if name_shape(line) == "full" and line[:1].isupper()
              and not roles_in(line)}
    if len(names) != 1:
        return None
    clauses = [c.strip() for c in _CLAUSE.split(text) if c.strip()]
    fields = dict.fromkeys(MAIL_FIELDS, "") | {"full_name": names.pop()}
    fields["phone"] = next((p for found in _PHONE.finditer(text)
                            if is_phone(p := found.group().strip())), "")
    fields["institution"] = institution_named(signature) or institution_named(
        [found.group(1) for c in clauses if (found := _AFTER_ROLE.search(c))])
    fields["role"] = next((c for c in [*signature, *clauses]
                           if len(c.split()) <= MAX_ROLE_WORDS and roles_in(c)), "")
    return Registration(1, fields)


def _signature(lines: Sequence[str]) -> list[str]:
    """The lines after the last closing formula, stripped; [] where there is none."""
    closing = [k for k, line in enumerate(lines) if CLOSING.match(line.strip())]
    if not closing:
        return []
    return [line.strip(" ,") for line in lines[closing[-1] + 1:] if line.strip(" ,")]
