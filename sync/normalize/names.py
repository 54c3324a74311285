"""Person names: a display form in proper case and a key that matches spellings of one name.

full_name: "иванов иван" -> "Иванов Иван", "Иванов И.И." -> "Иванов И. И.", Kazakh letters
  and Latin names kept, patronymic particles (кызы, улы, оглы) lower case.
name_key: the words as latin_skeleton spells them, sorted (case, ё/е, Kazakh letters, script
  and word order ignored); initials are left out because they are not always written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pandas as pd

from sync.normalize.text import (as_text, clean_text, latin_skeleton, per_unique,
                                 results_per_unique)

COLUMNS = ["full_name", "name_key", "name_note"]

# A word is letters, possibly joined by hyphens or apostrophes (Ким-Ли, O'Brien); a dot right
# after a one-letter word marks it as an initial.
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_EMAIL = re.compile(r"\S+@\S+\.\S+")
# Anything but letters, spaces, hyphens, apostrophes and initials' dots is dropped from the
# display form; the review sheet shows what was typed.
_SYMBOLS = re.compile(r"[^\w\s.'-]|_")
# Seven digits is the shortest local phone number; fewer are more likely a typo in a name.
MIN_PHONE_DIGITS = 7

# Casing and script fixing settle within two rounds; the third is a safety margin.
MAX_CASING_ROUNDS = 3

# Separate words that mark a patronymic (Асан улы, Серік кызы, Гасан оглы), as skeletons.
PATRONYMIC_WORDS = frozenset({"uli", "kizi", "ogli", "oglu"})
# Skeleton endings of Russian (-ovich, -ovna, -ichna) and Kazakh (-uly, -kyzy) patronymics.
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ichna", "uli", "kizi")


def is_patronymic(token: str) -> bool:
    """Whether a word (any script; skeletons too) is a patronymic or a patronymic particle."""
    skeleton = latin_skeleton(token)
    if skeleton in PATRONYMIC_WORDS:
        return True
    return any(skeleton.endswith(end) and len(skeleton) > len(end) for end in PATRONYMIC_ENDINGS)


def name_key(text: str) -> str:
    """The matching key of one name (see normalize_names)."""
    return _normalize_one(text)[1]


def normalize_names(values: Sequence[str], known: Mapping | None = None) -> pd.DataFrame:
    """One row per input value with the columns in COLUMNS; each distinct value parsed once,
    unless `known` (from name_results) has it already."""
    return per_unique([as_text(v) for v in values], _normalize_one, COLUMNS, values, known,
                      as_typed=0)


def name_results(values: Sequence[str]) -> dict:
    """What normalize_names works out for each distinct value, to hand it as `known`."""
    return results_per_unique([as_text(v) for v in values], _normalize_one)



def _normalize_one(raw: str) -> tuple[str, str, str]:
    text = clean_text(raw)
    if not text:
        return "", "", ""
    without_emails, emails_found = _EMAIL.subn(" ", text)
    words, initials = [], []
    for match in _WORD.finditer(without_emails):
        word = match.group(0)
        if len(word) == 1:
            initials.append(word)
        else:
            words.append(word)
    if not words and not initials:
        if emails_found or _digit_count(text) >= MIN_PHONE_DIGITS:
            return text, "", "looks like an e-mail/phone, not a name"
        return text, "", "no letters"

    display = [_proper_case(word, position) for position, word in enumerate(words)]
    display += [_same_shape(initial, initial.upper()) + "." for initial in initials]
    tokens = [part for word in words for part in latin_skeleton(word).split()]
    shown = " ".join(display)
    # a name typed as it should be is that very string: one object, not two equal ones
    return (raw if shown == raw else shown), " ".join(sorted(tokens)), _note(
        text, words, initials, emails_found)


def _note(text: str, words: list[str], initials: list[str], emails_found: int) -> str:
    digits = _digit_count(text)
    if emails_found or digits >= MIN_PHONE_DIGITS:
        return "looks like an e-mail/phone, not a name"
    if digits:
        return "name has digits"
    if _SYMBOLS.search(text):
        return "name has symbols (removed)"
    if not words:
        return "only initials"
    if len(words) == 1 and not initials:
        return "only one word"
    return ""


def _digit_count(text: str) -> int:
    return sum(map(str.isdigit, text))


def _proper_case(word: str, position: int) -> str:
    """Ким-ли -> Ким-Ли; a patronymic particle after the first word stays lower case."""
    return _cased(word, position > 0)


# The same first names and surnames come back in thousands of names: each is cased once.
@lru_cache(maxsize=65536)
def _cased(word: str, after_first: bool) -> str:
    # Changing case can change which script a mixed word is fixed to (вAA -> Вaa, then В is
    # a Latin look-alike), so case and clean again until nothing changes.
    for _ in range(MAX_CASING_ROUNDS):
        if after_first and latin_skeleton(word) in PATRONYMIC_WORDS:
            cased = word.lower()
        else:
            cased = "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
        cased = clean_text(_same_shape(word, cased))
        if cased == word:
            break
        word = cased
    return word


def _same_shape(word: str, cased: str) -> str:
    """`cased`, unless changing case changed the letters themselves (ß -> SS, İ -> i + dot):
    then the word as typed, so that normalizing the output again gives the same output."""
    return cased if len(cased) == len(word) and _WORD.fullmatch(cased) else word

