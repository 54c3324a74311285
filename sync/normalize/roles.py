"""A participant's role from what they typed (Russian, Kazakh, English, with typos).

Roles: student, master, phd, teacher, staff, other. Words are matched by their beginning on
the folded text (case, ё/е and Kazakh letters ignored); a longer stem also matches with one
typo (преподователь, студетн). When the text names several roles, ROLE_PRIORITY decides and
the note says so; when it is blank, the programme code (7M..., 8D..., 6B...) decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import pandas as pd
from rapidfuzz.distance import OSA

from sync.normalize.text import as_text, clean_text, fold, per_unique

COLUMNS = ["role", "role_note"]
ROLES = ("student", "master", "phd", "teacher", "staff", "other")

# Stems of folded words (Kazakh letters already as Russian: оқытушы -> окытушы).
ROLE_STEMS = {
    "student": ("студент", "student", "бакалавр", "bachelor", "undergraduate", "bsc",
                "обучающ", "учащ", "курс"),
    "master": ("магистр", "master", "msc", "mba"),
    "phd": ("докторант", "phd", "doctoral"),
    "teacher": ("преподава", "доцент", "профессор", "professor", "окытушы", "lecturer",
                "teacher", "учител", "педагог", "куратор", "curator", "мугалим", "tutor",
                "instructor"),
    "staff": ("сотрудник", "методист", "инженер", "лаборант", "заведующ", "декан", "ректор",
              "проректор", "администратор", "специалист", "руководител", "директор",
              "менеджер", "кызметкер", "зерттеуши", "research", "postdoc",
              "engineer", "specialist", "staff", "employee", "manager", "administrator",
              "dean", "director"),
    "other": ("школьник", "ученик", "окушы", "гость", "конак", "выпускник", "тулек", "guest",
              "pupil", "schoolchild", "graduate", "alumn", "other"),
}
# Phrases of more than one word.
ROLE_PHRASES = {"student": ("билим алушы",)}

# A teacher who is also studying registers as a teacher: the job is what the organisers
# seat and certify by; among studies the higher degree wins.
ROLE_PRIORITY = ("teacher", "phd", "master", "student", "staff", "other")
# "student" beside "master" or "phd" only qualifies it (магистрант = студент магистратуры).
_STUDY_LEVELS = {"master", "phd"}

# Stems this long also match with one typo; shorter ones (курс, учащ) would match too much.
MIN_FUZZY_STEM_LENGTH = 6

# Programme codes of Kazakhstan's classifier: 7M master's, 8D doctoral, 6B (and the older
# 5B) bachelor's. People type the letters in Cyrillic too.
CODE_PREFIX_ROLES = {"7M": "master", "8D": "phd", "6B": "student", "5B": "student"}
_CYRILLIC_CODE_LETTERS = str.maketrans("МВДмвд", "MBDMBD")


def normalize_roles(values: Sequence[str],
                    specialty_codes: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per input value with the columns in COLUMNS; each distinct pair read once.

    specialty_codes, when given, runs beside values and is used only where the role is blank.
    """
    texts = [as_text(v) for v in values]
    codes = [as_text(c) for c in specialty_codes] if specialty_codes is not None else [""] * len(texts)
    pairs = list(zip(texts, codes, strict=True))
    return per_unique(pairs, _normalize_one, COLUMNS, values)



def _normalize_one(text: str, code: str) -> tuple[str, str]:
    cleaned = clean_text(text)
    if not cleaned:
        role = _role_from_code(code)
        return (role, "from programme code") if role else ("", "")
    return _role_of(cleaned)


# Read per distinct text, not per (text, code) pair: a few dozen role texts come in as
# many pairs as there are programmes, and reading one tries every stem on every word.
@lru_cache(maxsize=4096)
def _role_of(cleaned: str) -> tuple[str, str]:
    found = roles_in(cleaned)
    if not found:
        return "other", f"role not recognised: {cleaned}"
    role = next(r for r in ROLE_PRIORITY if r in found)
    if len(found) > 1:
        others = ", ".join(r for r in ROLE_PRIORITY if r in found and r != role)
        return role, f"several roles ({role}, {others}): {role} by priority"
    return role, ""


def roles_in(text: str) -> set[str]:
    """Every role the text names, with "student" dropped where it qualifies master or phd."""
    folded = fold(text)
    words = folded.split()
    found = {role for role, stems in ROLE_STEMS.items()
             if any(_word_matches(word, stem) for word in words for stem in stems)}
    found |= {role for role, phrases in ROLE_PHRASES.items()
              if any(phrase in folded for phrase in phrases)}
    if found & _STUDY_LEVELS:
        found.discard("student")
    return found


def _word_matches(word: str, stem: str) -> bool:
    if word.startswith(stem):
        return True
    if len(stem) < MIN_FUZZY_STEM_LENGTH or len(word) < len(stem) - 1:
        return False
    # One typo: compare the stem with the word's beginning cut one shorter, equal or longer.
    return any(OSA.distance(word[:length], stem, score_cutoff=1) <= 1
               for length in (len(stem) - 1, len(stem), len(stem) + 1))


def _role_from_code(code: str) -> str:
    prefix = clean_text(code).upper().translate(_CYRILLIC_CODE_LETTERS)[:2]
    return CODE_PREFIX_ROLES.get(prefix, "")
