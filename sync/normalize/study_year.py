"""The year of study a role answer names: "2 курс", "3-kurs", "1 г.о.", "second year",
"магистрант 1 года", "10 "А" класс", "9Б сынып", "grade 11".

Dedup compares it: two namesakes at one institution, one in the first year and one in the
third, are two people, whatever else they share. A course and a school class are told
apart ("course:1", "class:10"); "" when the answer names no year.
"""

from __future__ import annotations

import re
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
)


@lru_cache(maxsize=8192)
def study_year(answer: str) -> str:
    """"course:N" or "class:N" for the year of study `answer` names, or ""."""
    text = plain_latin(fold(answer))
    for kind, pattern in _PATTERNS:
        if found := pattern.search(text):
            number = found.group(1)
            return f"{kind}:{_ORDINALS.get(number, number)}"
    return ""
