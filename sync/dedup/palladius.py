"""Chinese names written in Cyrillic (the Palladius system Russian uses) read as pinyin, the
Latin a passport and an English form use: Чжан Юйтин is Zhang Yuting, Чжао Бо is Zhao Bo.

A word is read only if it is wholly Palladius syllables; a Kazakh or Russian name almost
never is (Пак, Ким and Ахмет hold letters no syllable has), and where one is, it is still
compared only with a name typed in Latin letters that reads exactly alike.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import permutations

# Initials, longest first (чж before ч): Palladius -> pinyin. цз, ц and с are j, q and x
# before the finals that begin with i or ü, z, c and s before the others.
_INITIALS = (("чж", "zh"), ("цз", "z"), ("ч", "ch"), ("ш", "sh"), ("ж", "r"), ("ц", "c"),
             ("с", "s"), ("б", "b"), ("п", "p"), ("м", "m"), ("ф", "f"), ("д", "d"),
             ("т", "t"), ("н", "n"), ("л", "l"), ("г", "g"), ("к", "k"), ("х", "h"))
_PALATAL = {"z": "j", "c": "q", "s": "x"}
_LABIAL = frozenset({"b", "p", "m", "f"})
# Finals after an initial: Palladius -> pinyin ("v" is ü). "о" is "uo" but after b, p, m, f.
_FINALS = {
    "а": "a", "ай": "ai", "ань": "an", "ан": "ang", "ао": "ao", "э": "e", "эй": "ei",
    "энь": "en", "эн": "eng", "о": "uo", "оу": "ou", "ы": "ɨ", "и": "i", "я": "ia",
    "е": "ie", "яо": "iao", "ю": "iu", "янь": "ian", "инь": "in", "ян": "iang", "ин": "ing",
    "юн": "iong", "у": "u", "уа": "ua", "уай": "uai", "уй": "ui", "уань": "uan", "унь": "un",
    "уан": "uang", "ун": "ong", "юй": "v", "юэ": "ve", "юань": "van", "юнь": "vn",
}
# Syllables without an initial.
_ALONE = {
    "а": "a", "ай": "ai", "ань": "an", "ан": "ang", "ао": "ao", "э": "e", "эй": "ei",
    "энь": "en", "эн": "eng", "эр": "er", "о": "o", "оу": "ou", "и": "yi", "я": "ya",
    "е": "ye", "яо": "yao", "ю": "you", "янь": "yan", "инь": "yin", "ян": "yang",
    "ин": "ying", "юн": "yong", "у": "wu", "ва": "wa", "вай": "wai", "вань": "wan",
    "ван": "wang", "вэй": "wei", "вэнь": "wen", "вэн": "weng", "во": "wo", "юй": "yu",
    "юэ": "yue", "юань": "yuan", "юнь": "yun",
}
_APICAL_I = "ɨ"  # Palladius "ы": the i of zi, ci, si
# Words of a name compared in every order (a surname first or last, a given name of two
# syllables typed as one word or two): a few, so the orders stay a few dozen.
MAX_WORDS = 3
_LONGEST = max(map(len, (*_FINALS, *_ALONE)))
# How ü is typed in Latin without its dots: "u" after j, q, x, y (pinyin's own rule), and
# "v", "u" or "yu" after n and l (Lü: Lv, Lu, Lyu).
_U_AFTER_NL = ("v", "u", "yu")


@lru_cache(maxsize=4096)
def pinyin_readings(word: str) -> frozenset[str]:
    """Every pinyin spelling (lower case, no tones, no spaces) that a folded Cyrillic word is
    in Palladius, or none when it is not wholly Palladius syllables."""
    return frozenset(_read(word))


def _read(rest: str) -> set[str]:
    if not rest:
        return {""}
    found = set()
    for syllable, tail in _syllables(rest):
        found |= {syllable + more for more in _read(tail)}
    return found


def _syllables(text: str) -> list[tuple[str, str]]:
    """(a syllable's pinyin, the rest of the text) for each syllable that `text` begins with."""
    found = [(latin, text[len(cyrillic):]) for cyrillic, latin in _ALONE.items()
             if text.startswith(cyrillic)]
    for cyrillic, initial in _INITIALS:
        if not text.startswith(cyrillic):
            continue
        after = text[len(cyrillic):]
        for size in range(1, min(_LONGEST, len(after)) + 1):
            if final := _FINALS.get(after[:size]):
                found += [(spelled, after[size:]) for spelled in _spelled(initial, final)]
    return found


def _spelled(initial: str, final: str) -> list[str]:
    """The pinyin of an initial and a final as typed in Latin letters, or none where the two
    make no syllable ("ы" follows z, c, s only: цзы, цы, сы are zi, ci, si)."""
    if final == _APICAL_I:
        return [initial + "i"] if initial in _PALATAL else []
    if initial in _PALATAL and final[0] in "iv":
        return [_PALATAL[initial] + final.replace("v", "u")]
    if final == "uo" and initial in _LABIAL:
        final = "o"
    if "v" in final:
        return [initial + final.replace("v", u) for u in _U_AFTER_NL] \
            if initial in ("n", "l") else []
    return [initial + final]


def same_chinese_name(cyrillic: tuple[str, ...], latin: tuple[str, ...]) -> bool:
    """Whether folded Cyrillic words are, read as pinyin in some order, the Latin words
    (folded, lower case) joined in some order: Чжан Юйтин and ZHANG Yuting, or Yu Ting
    Zhang."""
    readings = [pinyin_readings(word) for word in cyrillic]
    if not all(readings) or len(cyrillic) > MAX_WORDS or len(latin) > MAX_WORDS + 1:
        return False
    typed = {"".join(order) for order in permutations(latin)}
    return any("".join(parts) in typed for order in permutations(readings)
               for parts in _choices(order))


def _choices(readings) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [()]
    for options in readings:
        found = [(*chosen, option) for chosen in found for option in options]
    return found
