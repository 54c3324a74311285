"""The one institution a letter names, for its people whose rows name none.

A teacher's list rarely has an institution column: the letter says it once, in its opening
("Направляем список участников от лицея №134", "... университеті атынан тізімін жіберемін",
"on behalf of KIMEP University"), in the signature under the sender's name, or in the title
line of the attached list. A person reads the list as that institution's; so does regsync,
where the letter names exactly one (field test AR: 25-40% of a mailbox's participants had
no institution, and the by-institution sheets missed them).
"""

from __future__ import annotations

import re
from typing import Iterable

from sync.normalize.organisations import is_institution, organisation_word
from sync.normalize.shapes import shape_of
from sync.normalize.text import fold

# What a letter says before or after its institution's name: "от лицея №134", "from KIMEP",
# "on behalf of ...", "... атынан" (Kazakh: on behalf of).
_AFTER = re.compile(r"(?:^|\s)(?:от имени|от|from|on behalf of)\s+(.+)$", re.IGNORECASE)
_BEFORE = re.compile(r"^(.+?)\s+атынан\b", re.IGNORECASE)
# What a sentence goes on with after the name: "от КарУ на конференцию", "from KIMEP for ...".
_GOES_ON = re.compile(r"\s+(?:для|на|к|for|to)\s.*$", re.IGNORECASE)
# A sentence's end: a stop, "!" or "?" before a space (not "г.Павлодара", "им. Абая").
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3}[.!?])\s+|[!?]\s+")
# Words longer than this make a sentence, not an institution's name on a line of its own.
MAX_NAME_WORDS = 10
# A department's words: what a signature says beside the institution, never it.
_SUBUNITS = ("кафедр", "факультет", "faculty", "department", "лаборатор", "laborator",
             "отдел", "бөлім", "бөлімі")
_NOT_A_NAME_LINE = re.compile(r"@|\d[\d\s()+-]{6,}\d|:|^\s*(?:\d{1,3}[.)]|[-•*])\s")


def institution_named(lines: Iterable[str]) -> str:
    """The institution the lines name (as written), where they name exactly
    one; "" where none or several."""
    found: dict[str, str] = {}
    for line in lines:
        for candidate in _candidates(line):
            if names_an_institution(candidate):
                found.setdefault(_compared(candidate), candidate)
    # a title naming it among other words ("PlastNet participants, Қ.Жұбанов атындағы
    # АӨУ") names the place the signature does
    names = sorted(found.values(), key=len)
    distinct = [name for k, name in enumerate(names)
                if not any(fold(shorter) in fold(name) for shorter in names[:k])]
    return distinct[0] if len(distinct) == 1 else ""


def _candidates(line: str) -> list[str]:
    """What in a line may be an institution's name: what a sentence says it is from, or
    else the line itself where it is short and no sentence (a signature's line)."""
    text = " ".join(line.split())
    if not text or _NOT_A_NAME_LINE.search(text):
        return []
    said = [_GOES_ON.sub("", found.group(1)).strip(" ,.;!")
            for sentence in _SENTENCE_END.split(text)
            for pattern in (_AFTER, _BEFORE) if (found := pattern.search(sentence))]
    if not said and text[-1] not in ".!?":
        said = [text]
    return [c for c in said if c and len(c.split()) <= MAX_NAME_WORDS]


def names_an_institution(text: str) -> bool:
    """Whether the text names an institution, not only a department of one."""
    if not is_institution(text):
        return False
    words = [w for w in text.split() if organisation_word(w)]
    return not words or not all(fold(w).startswith(_SUBUNITS) for w in words)


def _compared(text: str) -> str:
    """One key for two spellings of one place ("лицей 134 Алматы", "Лицей №134 г. Алматы")."""
    return shape_of(text).key
