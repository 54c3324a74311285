"""Text cleaning shared by every normalizer.

clean_text: what a person typed, minus what nobody means to type (invisible characters,
  odd quotes, repeated spaces, Latin look-alikes inside Cyrillic words and the reverse).
fold: a matching form (case, ё/е, Kazakh letters written as Russian ones, punctuation).
latin_skeleton: one Latin spelling for a Cyrillic or Latin word, so Айгерим == Aigerim.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width, bidi controls and other format characters (Unicode category Cf), plus C0/C1
# controls except tab and newline, are never meant; tabs and newlines become spaces.
_QUOTES = str.maketrans({c: '"' for c in "«»“”„‟″〝〞＂"} | {c: "'" for c in "‘’‚‛′`´ʼ"})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
_SPACES = re.compile(r"\s+")

# Letters that look the same in Latin and Cyrillic. In a word that is mostly Cyrillic a Latin
# one is a typo (and the reverse): "Кaзнy" typed with Latin a and y.
_LAT_TO_CYR = str.maketrans("AaBCcEeHKkMOoPpTXxYy", "АаВСсЕеНКкМОоРрТХхУу")
_CYR_TO_LAT = str.maketrans("АаВСсЕеНКкМОоРрТХхУуІі", "AaBCcEeHKkMOoPpTXxYyIi")
_WORD = re.compile(r"[^\W\d_]+")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _fix_word_script(match: re.Match) -> str:
    word = match.group(0)
    cyr = sum(map(_is_cyrillic, word))
    lat = sum(map(_is_latin, word))
    if cyr and lat:
        if cyr >= lat:
            return word.translate(_LAT_TO_CYR)
        return word.translate(_CYR_TO_LAT)
    return word


@lru_cache(maxsize=65536)
def clean_text(value: str) -> str:
    """NFC, invisible and control characters removed, quotes/dashes/spaces folded, scripts fixed."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value)
    text = "".join(
        " " if ch in "\t\n\r\x0b\x0c\x85\u2028\u2029"
        else "" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")
        else ch
        for ch in text
    )
    text = text.translate(_QUOTES).translate(_DASHES)
    text = re.sub(r'"+', '"', text)
    text = _WORD.sub(_fix_word_script, text)
    text = _fix_lone_letters(text)
    return _SPACES.sub(" ", text).strip()


_LONE_LATIN = re.compile(r"(?<![^\W\d_])[ABCEHKMOPTXacekopxy](?![^\W\d_])")


def _fix_lone_letters(text: str) -> str:
    """A one-letter Latin look-alike among Cyrillic words is Cyrillic: the initial in
    "Цой C." typed on an English keyboard layout."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    if words and all(not any(map(_is_latin, w)) for w in words) and any(
            _is_cyrillic(ch) for w in words for ch in w):
        return _LONE_LATIN.sub(lambda m: m.group(0).translate(_LAT_TO_CYR), text)
    return text


_KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіё", "агкноуухие")


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Matching form: cleaned, case-folded, ё->е, Kazakh letters as Russian, punctuation -> space."""
    text = clean_text(value).casefold().translate(_KAZAKH_TO_RUSSIAN)
    text = re.sub(r"[^\w\s]|_", " ", text)
    return _SPACES.sub(" ", text).strip()


# Cyrillic -> Latin, simplified so the usual English/passport spellings of a Kazakh or
# Russian name meet the Cyrillic one: Айгерим/Aigerim/Aygerim, Жанна/Zhanna, Ерлан/Yerlan.
_CYR_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Latin spellings that differ only by convention, folded after transliteration.
_LATIN_FOLDS = (
    (re.compile(r"^ye"), "e"), (re.compile(r"^yo"), "e"), (re.compile(r"iy$|yi$|ii$"), "i"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou]|$)"), "i"), (re.compile(r"(?<![zcsk])h"), "kh"),
    (re.compile(r"q"), "k"), (re.compile(r"w"), "v"), (re.compile(r"j"), "zh"),
    (re.compile(r"x"), "ks"), (re.compile(r"y"), "i"), (re.compile(r"(.)\1+"), r"\1"),
)


@lru_cache(maxsize=65536)
def latin_skeleton(word: str) -> str:
    """One Latin spelling for a (folded) word in Cyrillic or Latin script."""
    text = "".join(_CYR_LATIN.get(ch, ch) for ch in fold(word))
    for pattern, replacement in _LATIN_FOLDS:
        text = pattern.sub(replacement, text)
    return text
