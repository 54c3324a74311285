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
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    import pandas as pd

# Zero-width, bidi controls and other format characters (Unicode category Cf), plus C0/C1
# controls except tab and newline, are never meant; tabs and newlines become spaces.
# Answers that say nothing ("-", "нет"): as good as blank. Microsoft Forms writes
# "anonymous" for whoever answered without signing in.
NO_ANSWER = frozenset({"-", "--", "—", "–", ".", "нет", "нету", "жоқ", "жок", "жо?", "none",
                       "no", "n/a", "na", "x", "х", "anonymous", "аноним"})
_QUOTES = str.maketrans({c: '"' for c in "«»“”„‟″〝〞＂"} | {c: "'" for c in "‘’‚‛′`´ʼ"})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
_SPACES = re.compile(r"\s+")

# Letters that look the same in Latin and Cyrillic. In a word that is mostly Cyrillic a Latin
# one is a typo (and the reverse): "Кaзнy" typed with Latin a and y.
# A Latin I in a Cyrillic word is the Kazakh І, typed where the keyboard has none (Сiз кiмсiз).
LATIN_LOOK_ALIKES, _CYRILLIC_LOOK_ALIKES = "AaBCcEeHKkMOoPpTXxYyIi", "АаВСсЕеНКкМОоРрТХхУуІі"
LATIN_TO_CYRILLIC = str.maketrans(LATIN_LOOK_ALIKES, _CYRILLIC_LOOK_ALIKES)
_CYR_TO_LAT = str.maketrans(_CYRILLIC_LOOK_ALIKES, LATIN_LOOK_ALIKES)
_WORD = re.compile(r"[^\W\d_]+")
# Kazakh letters typed from the Latin (Azerbaijani) set where the keyboard has none: Ə for
# Ә in "Əйгерім". In a word with Cyrillic letters they are the Cyrillic ones.
_LATIN_KAZAKH = re.compile("[ƏəƟɵ]")
_LATIN_KAZAKH_TO_CYRILLIC = str.maketrans("ƏəƟɵ", "ӘәӨө")


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
            return word.translate(LATIN_TO_CYRILLIC)
        return word.translate(_CYR_TO_LAT)
    return word


# Whitespace other than the space that clean_text turns into a space, and the categories it
# removes (controls, format, surrogates, private use, unassigned).
_SPACE_LIKE = "\t\n\r\x0b\x0c\x85\u2028\u2029"
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# Blocks almost every answer is written in (Latin, Cyrillic, punctuation, currency, letterlike
# symbols). Their characters that clean_text keeps as they are make up _PLAIN: a text of only
# those needs no character-by-character look (the common case, millions of characters).
_PLAIN_BLOCKS = ((0x20, 0x24F), (0x400, 0x52F), (0x2000, 0x214F))


def _plain_class() -> str:
    kept = [cp for low, high in _PLAIN_BLOCKS for cp in range(low, high + 1)
            if chr(cp) not in _SPACE_LIKE
            and unicodedata.category(chr(cp)) not in _REMOVED_CATEGORIES]
    ranges, start = [], kept[0]
    for previous, current in zip(kept, kept[1:] + [None]):
        if current != previous + 1:
            ranges.append(re.escape(chr(start)) + "-" + re.escape(chr(previous)))
            start = current
    return "[" + "".join(ranges) + "]*"


_PLAIN = re.compile(_plain_class())
_ASCII_LETTER = re.compile("[A-Za-z]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@lru_cache(maxsize=65536)
def clean_text(value: str) -> str:
    """NFC, invisible and control characters removed, quotes/dashes/spaces folded, scripts fixed."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value)
    if not _PLAIN.fullmatch(text):
        text = _strip_invisible(text)
    text = text.translate(_QUOTES).translate(_DASHES)
    if '""' in text:
        text = re.sub(r'"+', '"', text)
    if _LATIN_KAZAKH.search(text):
        text = _WORD.sub(_cyrillic_kazakh_letters, text)
    if _mixes_scripts(text):
        text = _fix_lone_letters(_WORD.sub(_fix_word_script, text))
    return _SPACES.sub(" ", text).strip()


def _cyrillic_kazakh_letters(match: re.Match) -> str:
    word = match.group(0)
    return word.translate(_LATIN_KAZAKH_TO_CYRILLIC) if _CYRILLIC.search(word) else word


def _strip_invisible(text: str) -> str:
    return "".join(
        " " if ch in _SPACE_LIKE
        else "" if unicodedata.category(ch) in _REMOVED_CATEGORIES
        else ch
        for ch in text
    )


def _mixes_scripts(text: str) -> bool:
    """Scripts need fixing only where Latin and Cyrillic letters meet: in a text without one
    of them no word is mixed and no lone letter stands among Cyrillic words."""
    return bool(_ASCII_LETTER.search(text) and _CYRILLIC.search(text))


_LONE_LATIN = re.compile(r"(?<![^\W\d_])[ABCEHKMOPTXacekopxy](?![^\W\d_])")


def _fix_lone_letters(text: str) -> str:
    """A one-letter Latin look-alike among Cyrillic words is Cyrillic: the initial in
    "Цой C." typed on an English keyboard layout."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    if words and all(not any(map(_is_latin, w)) for w in words) and any(
            _is_cyrillic(ch) for w in words for ch in w):
        return _LONE_LATIN.sub(lambda m: m.group(0).translate(LATIN_TO_CYRILLIC), text)
    return text


_KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіё", "агкноуухие")


# Combining marks left after NFC belong to the letter before them: case-folding İ (the
# Kazakh Latin capital of и) gives i and a combining dot, which must not split the word.
_COMBINING = re.compile("[\u0300-\u036f]")


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Matching form: cleaned, case-folded, ё->е, Kazakh letters as Russian, punctuation -> space."""
    text = clean_text(value).casefold().translate(_KAZAKH_TO_RUSSIAN)
    if not text.isascii():
        text = _COMBINING.sub("", text)
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
# Letters of the Kazakh Latin alphabets (2021: ä ğ ı ñ ö ū ü ş ç, with q for қ and j for ж;
# 2018: á ǵ ń ó ú ý) read as the Cyrillic letter's transliteration above; any other Latin
# letter with a mark loses it. The 2018 ý is у (Tımýr, Baýyrjan), not a y.
_KAZAKH_LATIN = {"á": "a", "ä": "a", "ǵ": "g", "ğ": "g", "ı": "i", "ń": "n", "ñ": "n",
                 "ó": "o", "ö": "o", "ú": "u", "ü": "u", "ū": "u", "ý": "u", "ş": "sh",
                 "ç": "ch"}
_TO_LATIN = _CYR_LATIN | _KAZAKH_LATIN | {"ß": "ss"}
# Latin spellings that differ only by convention, folded after transliteration, in order:
# Yerlan/Erlan, Sergeyev/Sergeev, Yuryevich/Yurevich (Cyrillic е written ye), Artyom/Artem
# and Juravliova/Zhuravleva (ё written yo, io), Shchukin/Şşukin/Schukin/Shukin (щ),
# Dzhanibek/Zhanibek, Ghalym/Galym (ғ written gh), Aygerim/Aigerim, Hasanov/Khasanov,
# Qazaq/Kazak, Дүйсен/Дюсен (Kazakh үй, Russian ю), Jansaia/Zhansaia (but Ajdos, Kajrat: j
# after a vowel, before a consonant or at the end, is й, as Polish and Czech write it),
# doubled letters (Assel/Asel), Nurgaliev/Nurgalyev/Nurgalev (и before е is often not
# written).
_LATIN_FOLDS = (
    (re.compile(r"ye"), "e"), (re.compile(r"yo|(?<=[^aeiou])io"), "e"),
    (re.compile(r"shch|shsh|sch"), "sh"),
    (re.compile(r"dzh|dj"), "zh"), (re.compile(r"gh"), "g"), (re.compile(r"iy$|yi$|ii$"), "i"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou]|$)"), "i"), (re.compile(r"(?<![zcsk])h"), "kh"),
    (re.compile(r"q"), "k"), (re.compile(r"w"), "v"),
    (re.compile(r"(?<=[aeiou])j(?=[^aeiou]|$)"), "i"), (re.compile(r"j"), "zh"),
    (re.compile(r"x"), "ks"), (re.compile(r"y"), "i"),
    (re.compile(r"(?<=[^aeiou])ui(?=[^aeiou])"), "iu"), (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"(?<=[^aeiou])ie"), "e"),
)


# The letters of the Kazakh Latin alphabets (see above) as plain Latin: a phrase written in
# them ("3-kýrs", "muǵalim") reads as the same phrase typed without them.
_PLAIN_LATIN = str.maketrans(_KAZAKH_LATIN)


# The 2018 Kazakh Latin alphabet back to Cyrillic, so that an institution or a programme
# typed in it meets the Cyrillic names ("Qazaq ulttyq ýnıversıteti": Қазақ ұлттық
# университеті). Digraphs first; И and Й are both ı (й after a vowel); a capital I may be
# either І or И (ı's capital), which folding makes one letter anyway.
_FROM_2018 = (("sh", "ш"), ("ch", "ч"), ("ıa", "я"), ("ıý", "ю"),
              *zip("aábdefgǵhijklmnńoópqrstuúvyýzcıw", "аәбдефгғхіжклмнңоөпқрстұүвыузциу"))
_LETTERS_2018 = frozenset("áǵńóúýı")
_MARKS_2018 = _LETTERS_2018 - {"ı"}  # letters no other alphabet here has; ı is Turkish too
_VOWELS = frozenset("aeiouyıáóúý")
_MARK_2018 = re.compile("[áǵńóúýıÁǴŃÓÚÝ]")
_LATIN_WORD = re.compile(r"[a-zA-ZÁÉÍÓÚÝáǵńóúýıǴŃ]+")
# A word that begins with e and one of these is a Russian loanword written with э
# (Ekologıa, Ekonomıka, Energetıka, Elektr...); Е otherwise (Eýrazııa, Esil).
_E_BEFORE = "knl"


def from_kazakh_latin(text: str) -> str:
    """Text typed in the 2018 Kazakh Latin alphabet, in Cyrillic; any other text as it is.
    Said to be that alphabet by its letters (á ǵ ń ó ú ý ı) beside no letter of another
    (é, ü, ş: Spanish, Turkish ...)."""
    if text.isascii() or not _MARK_2018.search(text):  # nearly every answer: at once
        return text
    marks = {ch for ch in text.lower() if ch.isalpha() and not ch.isascii()}
    # every letter beyond ASCII one of the alphabet's (not é, ü, ş: another language)
    if not marks or not marks <= _LETTERS_2018 | set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"):
        return text
    if not (marks & _MARKS_2018 or "ı" in marks):
        return text
    return _LATIN_WORD.sub(lambda m: _word_from_2018(m.group(0)), text)


def _word_from_2018(word: str) -> str:
    lower = word.lower()
    out = []
    at = 0
    while at < len(lower):
        for latin, cyrillic in _FROM_2018:
            if lower.startswith(latin, at):
                if at == 0 and latin == "e" and lower[1:2] in tuple(_E_BEFORE):
                    cyrillic = "э"
                elif latin == "ıa" and at and lower[at - 1] not in _VOWELS:
                    cyrillic = "ия"  # Ekologıa: и and а after a consonant, Eýrazııa: ия
                elif latin == "ı" and at and lower[at - 1] in _VOWELS:
                    cyrillic = "й"  # after a vowel ı is й (Abaı, júıeler), else и (Tımýr)
                piece = word[at:at + len(latin)]
                out.append(cyrillic.upper() if piece[:1].isupper() else cyrillic)
                at += len(latin)
                break
        else:
            out.append(word[at])
            at += 1
    return "".join(out)


def plain_latin(text: str) -> str:
    """Folded text with the Kazakh Latin letters as plain Latin ones (Cyrillic as it is)."""
    return text if text.isascii() else text.translate(_PLAIN_LATIN)


def without_marks(text: str) -> str:
    """Letters without their accents and other marks: Büşra -> Busra, José -> Jose."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def latin_skeleton(word: str) -> str:
    """One Latin spelling for a (folded) word in Cyrillic or Latin script: Жансая, Jansaia,
    Zhansaya and Jansaıa (2021 Kazakh Latin) all give zhansaia."""
    text = "".join(_TO_LATIN.get(ch, ch) for ch in fold(word))
    if not text.isascii():
        text = without_marks(text)
    for pattern, replacement in _LATIN_FOLDS:
        text = pattern.sub(replacement, text)
    return text


# What a file saved without Kazakh letters (cp1251 from Excel) has for each of them.
LOST_LETTER = "?"
# "?" before a letter, one or a run, inside a word or at its start: Kazakh letters a
# Windows-1251 file had no place for (Т?р?анбаева, М??алім, ?ндірістік); one after the
# last letter is a question mark.
LOST_LETTERS = re.compile(r"(?<![\d_?])\?+(?=[^\W\d_])")
# The letters a "?" of such a file is read as, as typed and as fold reads them (ұ and ү
# fold alike): where a guess makes a known word, it is that word.
LOST_AS = "құүңғөәһі"
LOST_AS_FOLDED = "кунгоахи"


def skeleton_keeping_lost(word: str) -> str:
    """latin_skeleton, a lost letter kept where it was: Т?р?анбаева -> t?r?anbaeva."""
    return LOST_LETTER.join(latin_skeleton(piece) for piece in word.split(LOST_LETTER))


def as_text(value: object) -> str:
    """Cells arrive as str, None or NaN (a float that is not equal to itself)."""
    if isinstance(value, str):
        return value
    return "" if value is None or value != value else str(value)


def results_per_unique(keys: list, work, known: Mapping | None = None) -> dict:
    """{key: work(*key) (or work(key))} for each distinct key; a key found in `known`
    (results worked out before, elsewhere) is taken from there."""
    known = known or {}
    return {key: known[key] if key in known else work(*key) if isinstance(key, tuple)
            else work(key) for key in dict.fromkeys(keys)}


def per_unique(keys: list, work, columns: list[str], values: object,
               known: Mapping | None = None, as_typed: int | None = None) -> "pd.DataFrame":
    """`work(*key)` (or `work(key)`) once per distinct key not in `known`, one output row per
    key, in order; the index follows `values` when it is a pandas Series.

    `as_typed`: the result field that is often the key itself (a name typed as it should
    be): where it is, the key's own string is kept, one string for both instead of two.
    """
    import numpy as np
    import pandas as pd

    # each key's number among the distinct keys (pandas' hash table: far leaner than a dict
    # of a million keys); the table of their results is then spread out to one row per key
    # in one step, no Python object per row
    codes, distinct = pd.factorize(np.fromiter(keys, dtype=object, count=len(keys)),
                                   use_na_sentinel=False)
    results = list(results_per_unique(distinct, work, known).values())
    if as_typed is not None:
        results = [(*r[:as_typed], key, *r[as_typed + 1:]) if r[as_typed] == key else r
                   for key, r in zip(distinct, results)]
    frame = pd.DataFrame(results, columns=columns).take(codes)
    frame.index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(keys))
    return frame
