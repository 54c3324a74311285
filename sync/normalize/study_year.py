"""The year of study a role answer names: "2 курс", "3-kurs", "1 г.о.", "second year",
"магистрант 1 года", "10 "А" класс", "9Б сынып", "grade 11", a class alone "9 А".

Dedup compares it: two namesakes at one institution, one in the first year and one in the
third, are two people, whatever else they share. study_year tells a course and a school
class apart ("course:1", "class:10"; "" when the answer names no year); dedup compares
their numbers (years_of), as one institution has courses or classes, not both.

Many forms ask the year in a question of its own ("Курс", "Курс / сынып", "Year of study"),
answered "2", "3 курс", "11 В": years_of reads it where the role answer names none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from sync.normalize.text import fold, plain_latin

_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
             "1st": "1", "2nd": "2", "3rd": "3", "4th": "4", "5th": "5"}
_NUMBER = r"\b(\d{1,2}|first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)"
# On folded text: no punctuation, Kazakh letters as Russian ones ("2-ші курс": "2 ши курс").
# A class's letter ("10 "А"", "9Б", "7Ә") may stand between its number and the word.
_PATTERNS = (
    ("course", re.compile(_NUMBER + r" ?(?:ши |ы |го |ого )?"
                          r"(?:курс|kurs|year\b|yr\b|г о\b|года? обучени|оку жыл)")),
    ("course", re.compile(r"\b(?:курс|kurs|year)\w* " + _NUMBER + r"\b")),
    ("course", re.compile(r"\b(?:магистрант|докторант|master|phd)\w* " + _NUMBER
                          + r" (?:го |ого )?(?:год|жыл)")),
    ("class", re.compile(_NUMBER + r" ?(?:[а-яa-z] )?(?:класс|кл\b|сынып|grade)")),
    ("class", re.compile(r"\b(?:grade|класс|сынып)\w* " + _NUMBER + r"\b")),
    # a pupil's class by its number and letter ("ученица 10Г", "оқушы 7 Ә"), or the other
    # way round ("10А оқушы": field test FC)
    ("class", re.compile(r"\b(?:учени|учащ|окушы|pupil)\w* (\d{1,2}) ?[^\W\d_]\b")),
    ("class", re.compile(r"\b(\d{1,2}) ?[^\W\d_] (?:учени|учащ|окушы|pupil)")),
)


# "Курс" shortened to its letter and a dot ("1 к.", "3-к."): field test FE. Without the
# dot, "2 К" is a class with its letter.
_COURSE_SHORTENED = re.compile(r"(?<!\d)([1-6])\s*-?\s*[кК]\.")
# A school's class said by its number and letter alone ("9 А", "10Ә", "11-Б", 7 "В").
_LETTERED_CLASS = re.compile(r"(\d{1,2})\s*[-–]?\s*[\"'«“]?[^\W\d_][\"'»”]?")
LAST_CLASS = 11  # a school's last class


@lru_cache(maxsize=8192)
def study_year(answer: str) -> str:
    """"course:N" or "class:N" for the year of study `answer` names, or ""."""
    if found := _COURSE_SHORTENED.search(answer):
        return f"course:{found.group(1)}"
    text = plain_latin(fold(answer))
    for kind, pattern in _PATTERNS:
        if found := pattern.search(text):
            number = found.group(1)
            return f"{kind}:{_ORDINALS.get(number, number)}"
    found = _LETTERED_CLASS.fullmatch(answer.strip())
    if found and 1 <= int(found.group(1)) <= LAST_CLASS:
        return f"class:{int(found.group(1))}"
    return ""


# A question asking the year: its wording (folded) names a course, a class (сынып, its п
# a б before a vowel: "Сыныбыңыз") or a year of study, and most of its answers are a year
# or a bare number of one.
_YEAR_QUESTION = re.compile(r"\b(?:курс|kurs|класс|сыны[пб]|grade|year|оку жылы)\w*")
_BARE_YEAR = re.compile(r"(\d{1,2})\s*(?:[а-яa-zәіңғүұқөһ])?$", re.IGNORECASE)
_MARKS = re.compile(r"[^\w\s]")
_MOST = 0.5


def years_of(role_answers: Sequence[str], extras: Mapping[str, Sequence[str]],
             programmes: Sequence[str] = ()) -> list[str]:
    """Each response's year of study (the number, "" where none is said): from its role
    answer, else from the form's question asking the year (`extras`: answers by header),
    else from its programme's answer where that is a class or a course and nothing else
    ("Специальность / предмет / класс": "10 «Ә»")."""
    years = [_number(study_year(a)) if isinstance(a, str) and a else "" for a in role_answers]
    classes = _only_classes(programmes)
    for answers in [*_year_questions(extras), *([classes] if classes else [])]:
        read = [_year_answer(a) if isinstance(a, str) else "" for a in answers]
        years = [year or other for year, other in zip(years, read)]
    return years


def class_letters(role_answers: Sequence[str], extras: Mapping[str, Sequence[str]],
                  programmes: Sequence[str] = ()) -> list[str]:
    """Each response's school class letter where its answer names one ("10 «Ә»", "7-В",
    "10Г кл.": "а", "в", "г"; "" where none), from the role answer, else the question asking
    the year, else the programme's answer naming a class. Folded as a Russian keyboard
    types it (Ә as А): two letters that differ so are two classes; "7 Ә" and "7 А" may be
    one class typed on two keyboards."""
    letters = [class_letter(a) if isinstance(a, str) else "" for a in role_answers]
    classes = _only_classes(programmes)
    for answers in [*_year_questions(extras), *([classes] if classes else [])]:
        read = [class_letter(a) if isinstance(a, str) else "" for a in answers]
        letters = [letter or other for letter, other in zip(letters, read)]
    return letters


def _only_classes(programmes: Sequence[str]) -> list[str]:
    """The programme answers that are a class or a course and nothing else, "" elsewhere."""
    return [a if isinstance(a, str) and _ONLY_A_CLASS.match(a) else "" for a in programmes]


# A programme's answer that is a class or a course and nothing else ("10 «Ә»", "7-А",
# "9 класс", "2 курс"): "Экология, 3 курс" says the programme, and its year may be a slip.
_ONLY_A_CLASS = re.compile(r"^\s*\d{1,2}\s*[-–]?\s*(?:[\"'«“]?\s*[^\W\d_]\s*[\"'»”]?)?\s*"
                           r"(?:класс|кл|сынып|курс|grade|form|year)?\.?\s*$", re.IGNORECASE)
# A class's number, then its letter alone (quoted or not, maybe after a dash), not a word's
# first letter ("10 класс") nor an abbreviation's ("1 г.о.": the first year of study).
_CLASS_LETTER = re.compile(r"(?<!\d)(\d{1,2})\s*[-–]?\s*[\"'«“]?\s*([^\W\d_])\s*[\"'»”]?"
                           r"(?![^\W\d_]|\.)")
# Latin letters typed for the Cyrillic ones they look like ("10A", "9 B"), or stand for
# ("7V", "5G", "8D": field test AS)
_LOOK_ALIKE = str.maketrans("abcehkmoptxvgd", "авсенкмортхвгд")


@lru_cache(maxsize=8192)
def class_letter(answer: str) -> str:
    """The letter of a school class an answer names ("9 «Б»": "б"), folded; "" where none."""
    found = _CLASS_LETTER.search(answer)
    if not found or not 1 <= int(found.group(1)) <= LAST_CLASS:
        return ""
    return fold(found.group(2).casefold().translate(_LOOK_ALIKE))


def year_answers(extras: Mapping[str, Sequence[str]]) -> list[str] | None:
    """Each response's answer to the questions asking the year ("7 Ә", "2 курс", and
    "мұғалім" from one who is no learner), "" where none; None when no question asks it."""
    answers = None
    for column in _year_questions(extras):
        typed = [a if isinstance(a, str) else "" for a in column]
        answers = typed if answers is None else [a or b for a, b in zip(answers, typed)]
    return answers


def _year_questions(extras: Mapping[str, Sequence[str]]) -> list[Sequence[str]]:
    """The answers of each question worded as asking the year, most of them a year."""
    found = []
    for header, answers in extras.items():
        if not _YEAR_QUESTION.search(plain_latin(fold(header))):
            continue
        read = [_year_answer(a) if isinstance(a, str) else "" for a in answers]
        given = sum(bool(a.strip()) for a in answers if isinstance(a, str))
        if given and sum(map(bool, read)) >= _MOST * given:
            found.append(answers)
    return found


def _number(year: str) -> str:
    return year.partition(":")[2]


@lru_cache(maxsize=8192)
def _year_answer(answer: str) -> str:
    """The number of a year answered on its own: "3", "3 курс", "11 В", "9-сынып"."""
    if said := study_year(answer):
        return _number(said)
    found = _BARE_YEAR.match(_MARKS.sub(" ", answer).strip())
    return found.group(1).lstrip("0") if found and 0 < int(found.group(1)) <= 12 else ""
