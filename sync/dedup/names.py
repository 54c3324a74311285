"""Person names as dedup sees them, and when two spellings can be one person.

A name is parsed into Latin-skeleton tokens (sync.normalize.text.latin_skeleton), so
Айгерим == Aigerim; initials ("А.С.") and patronymics (-ovich, -ovna, ... uly/kyzy) are
told apart because a person writes them in some registrations and leaves them out in others.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import permutations, product
from pathlib import Path
from typing import Sequence

from rapidfuzz.distance import OSA, Levenshtein

from sync.dedup.palladius import same_chinese_name
from sync.normalize.names import NO_PATRONYMIC_ENDINGS, PATRONYMIC_ENDINGS
from sync.normalize.text import (LOST_LETTER, fold, latin_skeleton, skeleton_keeping_lost,
                                 without_marks)

# Kazakh patronymics are also written as two words: "Нурлан ұлы", "Нурлан қызы".
PATRONYMIC_WORDS = frozenset({"uli", "ulu", "kizi"})
# Endings that say whose child, son or daughter (-ichna, as in Ильинична, has no Kazakh twin
# to meet and keeps its whole token).
_PATRONYMIC_GENDER = (("ovich", "m"), ("evich", "m"), ("uli", "m"), ("ulu", "m"),
                      ("ovna", "f"), ("evna", "f"), ("kizi", "f"))
# The father's name loses its last vowels and k before the ending, which the two languages
# join differently: Серік+қызы spells serikizi (the skeleton folds kk), Серик+овна serikovna;
# Ғали+ұлы galiuli, Гали+евич galevich.
_FATHER_TAIL = re.compile(r"[aeiouyk]+$")
# A token needs this many letters before its ending to count as a patronymic, so a short
# first name that happens to end in "uli" is not taken for one.
MIN_PATRONYMIC_STEM = 2
# Longest part that still reads as an initial when a dot follows it ("Zh.", "Sh.").
MAX_INITIAL_LETTERS = 2
# Names need this many tokens before a one-letter difference counts as a typo: a lone first
# name one letter away (Алия/Алина) is more likely another person.
MIN_TOKENS_FOR_TYPO = 2
# A word beside initials needs this many letters before a one-letter difference counts as
# a typo (a surname, not Ли / Ни).
MIN_TYPO_WORD = 5
# A word typed in Latin on one side and in Cyrillic on the other needs this many letters
# before a one-letter difference counts as a typo: transliterations of shorter given names
# meet one letter apart (Dariga / Дарья, Aliya / Алина, Dana / Диана).
MIN_TYPO_WORD_OTHER_SCRIPT = 6

SAME = "name"
TRANSLITERATED = "transliterated name"
WITHOUT_PATRONYMIC = "name without patronymic"
TYPO = "one-letter typo in name"
# The same, one name typed in Latin letters and the other in Cyrillic: a person, where their
# address and phone are one (Adnreeva / Андреева), and otherwise maybe two (Dariga / Дарья).
TYPO_OTHER_SCRIPT = "one-letter typo in name typed in another script"
INITIALS = "initials"
# The given name in an everyday form on one side (Катя / Екатерина, Zhenya / Евгений), the
# other words alike (INFORMAL_NAMES_FILE).
INFORMAL = "informal given name"

# Words are split at spaces, dots and hyphens: a double surname is the same written with a
# hyphen or a space (Петрова-Водкина / Петрова Водкина).
_PARTS = re.compile(r"[^.\s-]+\.?")
# A word with lost letters ("?") needs this many others to stand for a word.
MIN_KNOWN_LETTERS = 3
# A word spelled out in an e-mail address needs this many letters to say whose initials a
# name's are (Асем, not Ай).
MIN_SPELLED_WORD = 4
_NOT_LETTERS = re.compile(r"[^a-z]+")
# A Latin Y standing for a Cyrillic Е as an initial (passports: Yerlan, Yevgeniya), whose
# word the skeleton spells with e.
_LATIN_Y = "y"
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Name:
    tokens: tuple[str, ...]  # every skeleton token, sorted: the name key
    initials: tuple[str, ...]  # skeletons of initials, sorted
    written_initials: tuple[tuple[str, str], ...]  # (skeleton, folded) of each, in written order
    patronymics: tuple[str, ...]
    folded: tuple[str, ...]  # the words as typed (folded, sorted): tells a transliteration apart
    words: tuple[str, ...]  # tokens written out in full (not initials)
    core: tuple[str, ...]  # tokens without patronymics
    token_set: frozenset[str]  # the tokens again, for the one-word-in-common check
    spelled: tuple[tuple[str, str], ...]  # (token, folded word) of each word, sorted
    core_spelled: tuple[tuple[str, str], ...]  # the same without patronymics


_PATRONYMIC = re.compile("(?!.*(?:%s)$).{%d,}(?:%s)$" % (
    "|".join(NO_PATRONYMIC_ENDINGS), MIN_PATRONYMIC_STEM, "|".join(PATRONYMIC_ENDINGS)))
# A Kazakh patronymic's ending with its first letter lost to a Windows-1251 file ("?"): only
# ұ comes before -лы, and қ before -ызы.
_LOST_ENDINGS = ((LOST_LETTER + "li", "uli"), (LOST_LETTER + "izi", "kizi"))
WORD, INITIAL, PATRONYMIC = "word", "initial", "patronymic"


@lru_cache(maxsize=262144)
def _word(part: str) -> tuple[str, str, str, str]:
    """(skeleton token, kind, folded word, skeleton as a plain word) of one word as written,
    e.g. "А." or "Серикович"."""
    letters = part.rstrip(".")
    token = skeleton_keeping_lost(letters).replace(" ", "")
    for lost, ending in _LOST_ENDINGS:  # Марат?лы: a Kazakh patronymic whose ұ a file lost
        if token.endswith(lost):
            token = token[:-len(lost)] + ending
    plain = token
    if len(letters) == 1 or (part.endswith(".") and len(letters) <= MAX_INITIAL_LETTERS):
        kind = INITIAL
    elif _PATRONYMIC.match(token):
        kind, token = PATRONYMIC, _father_and_gender(token)
    else:
        kind = WORD
    return token, kind, fold(letters).replace(" ", ""), plain


# Patronymics whose token is the whole word (see _father_and_gender): Ильинична.
_KEPT_WHOLE = tuple(ending for ending in PATRONYMIC_ENDINGS
                    if all(ending != whose for whose, _ in _PATRONYMIC_GENDER))


@lru_cache(maxsize=262144)  # the same keys come back in every round of links
def key_without_patronymic(key: str) -> str:
    """A name key without its patronymic's token (see _father_and_gender); "" for a name of
    fewer than two words so left, or with initials."""
    core = [token for token in key.split()
            if ":" not in token and not token.endswith(_KEPT_WHOLE)]
    return " ".join(core) if len(core) >= 2 and all(len(token) > 1 for token in core) else ""


def _father_and_gender(patronymic: str) -> str:
    """A patronymic's token: the father's name and whose child ("erlan:f"), so that the
    Russian and the Kazakh form of one patronymic are one token (Ерлановна, Ерланқызы;
    Болатович, Болатұлы), as documents in the two languages write it."""
    for ending, gender in _PATRONYMIC_GENDER:
        if patronymic.endswith(ending):
            return f"{_FATHER_TAIL.sub('', patronymic[:-len(ending)])}:{gender}"
    return patronymic


@lru_cache(maxsize=65536)
def _parts(full_name: str) -> tuple[tuple[str, str, str], ...]:
    """(token, kind, folded word) for each word of a display name, in written order."""
    parsed: list[tuple[str, str, str]] = []
    plain: list[str] = []  # each word's token read as a plain word
    # full_name is already cleaned by the names normalizer; each word is cleaned again
    # (and cached) inside latin_skeleton and fold.
    for part in _PARTS.findall(full_name):
        token, kind, folded, as_word = _word(part)
        if not token:
            continue
        if token in PATRONYMIC_WORDS and parsed and parsed[-1][1] != INITIAL:
            # "Нурлан ұлы" is one patronymic, the same as "Нурланұлы".
            previous = parsed.pop()
            parsed.append((_father_and_gender(previous[0] + token), PATRONYMIC,
                           previous[2] + folded))
            plain.append(plain.pop() + as_word)
        else:
            parsed.append((token, kind, folded))
            plain.append(as_word)
    # a name has a surname and a given name: with fewer other words written, a patronymic's
    # word is the surname, as Kazakh surnames may be (Болатұлы Асхат [Маратович])
    while sum(kind == WORD for _, kind, _ in parsed) < 2 and (
            at := next((i for i, (_, kind, _) in enumerate(parsed) if kind == PATRONYMIC),
                       None)) is not None:
        parsed[at] = (plain[at], WORD, parsed[at][2])
    return tuple(parsed)


@lru_cache(maxsize=65536)
def parse_name(full_name: str) -> Name:
    """The words of a display name, told apart (see Name); a hyphenated surname is two."""
    parsed = _parts(full_name)
    initials, patronymics, words, core = [], [], [], []
    for token, kind, _ in parsed:
        (initials if kind == INITIAL else words).append(token)
        (patronymics if kind == PATRONYMIC else core).append(token)
    return Name(tokens=tuple(sorted(token for token, _, _ in parsed)),
                initials=tuple(sorted(initials)),
                written_initials=tuple((token, folded) for token, kind, folded in parsed
                                       if kind == INITIAL),
                patronymics=tuple(sorted(patronymics)),
                folded=tuple(sorted(word for _, _, word in parsed)),
                words=tuple(sorted(words)), core=tuple(sorted(core)),
                token_set=frozenset(token for token, _, _ in parsed),
                spelled=tuple(sorted((token, word) for token, _, word in parsed)),
                core_spelled=tuple(sorted((token, word) for token, kind, word in parsed
                                          if kind != PATRONYMIC)))


@lru_cache(maxsize=65536)
def name_key(full_name: str) -> str:
    """Sorted skeleton tokens joined by spaces: equal keys are the same written name."""
    return " ".join(sorted(token for token, _, _ in _parts(full_name)))


# Given names people in Kazakhstan have (Kazakh, Russian and others, in their standard
# spellings): two of them one letter apart are two names, twins' (Данияр, Даниял), however
# rarely each is typed in the data; a spelling in no list beside a name in it is its slip.
GIVEN_NAMES_FILE = Path(__file__).with_name("data") / "given_names.txt"


@cache
def _given_name_keys() -> frozenset[str]:
    lines = GIVEN_NAMES_FILE.read_text(encoding="utf-8").split()
    return frozenset(name_key(name) for name in lines)


# Given names and the everyday forms people type for themselves, one name's a line.
INFORMAL_NAMES_FILE = Path(__file__).with_name("data") / "informal_names.txt"


@cache
def _formal_names() -> dict[str, frozenset[str]]:
    """{token of an everyday form: tokens of the given names it is of}."""
    formal: dict[str, set[str]] = defaultdict(set)
    for line in INFORMAL_NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, forms = line.partition(":")
            for form in forms.split(","):
                formal[_word(form.strip())[0]].add(_word(name.strip())[0])
    return {form: frozenset(names) for form, names in formal.items()}


def _one_given_name(a: str, b: str) -> bool:
    """Whether two given names' tokens are one name's: an everyday form and its name, or two
    forms of the same names alone (Катя, Катерина); not Влад and Слава, who may be brothers
    Владислав and Вячеслав."""
    formal = _formal_names()
    return b in formal.get(a, ()) or a in formal.get(b, ()) or (
        a in formal and formal.get(a) == formal.get(b))


def _informal(x: Name, y: Name) -> bool:
    """One word apart but for patronymics, which are alike or on one side only, the two
    words one given name's (_one_given_name)."""
    if x.initials or y.initials or (x.patronymics and y.patronymics
                                    and x.patronymics != y.patronymics):
        return False
    only_x, only_y = set(x.core) - set(y.core), set(y.core) - set(x.core)
    return (len(only_x) == len(only_y) == 1 and len(x.core) == len(y.core)
            and _one_given_name(only_x.pop(), only_y.pop()))


def a_given_name(key_word: str) -> bool:
    """Whether one word of a name key is a known given name's ("daniar")."""
    return key_word in _given_name_keys()


def forget() -> None:
    """Empty the caches of names seen (a big registration's worth of memory)."""
    for cached in (_word, _parts, parse_name, name_key, name_rule, _spells,
                   key_without_patronymic):
        cached.cache_clear()


# Kazakh patronymics' endings, folded (-ұлы, -қызы) and in Latin; fathers' names read from
# patronymics shorter than this are too cut to tell a slip from another name (Сергеевна
# and Сериковна read "serg", "ser").
_KAZAKH_PATRONYMIC = ("улы", "кызы", "uly", "kyzy", "uli", "kizi", "ulu")
_FATHER_LETTERS = 5


def _one_typo_apart(a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...]) -> bool:
    """`a` and `b` are (token, folded word) pairs: all the same words but one, typed in one
    script and one slip apart (doubled letters aside: Анна / Ама, Айдар / Айдор, Жанна /
    Оанна). Two names whose letters differ more are two names, however their
    transliterations meet (Дариға / Дарья: dariga / daria)."""
    if len(a) != len(b) or len(a) < MIN_TOKENS_FOR_TYPO:
        return False
    # Names have a handful of words: a list walk is faster here than two Counters.
    only_b, only_a = list(b), []
    for pair in a:
        same = next((other for other in only_b if other[0] == pair[0]), None)
        if same is None:
            only_a.append(pair)
        else:
            only_b.remove(same)
    if not len(only_a) == len(only_b) == 1:
        return False
    (token_a, word_a), (token_b, word_b) = only_a[0], only_b[0]
    if ":" in token_a and ":" in token_b and (
            word_a.endswith(_KAZAKH_PATRONYMIC) != word_b.endswith(_KAZAKH_PATRONYMIC)):
        # one patronymic in its Kazakh form, one in its Russian (Әбдірахманұлы /
        # Абдрахманович): the fathers' names, a slip apart where long enough to tell
        (father_a, sex_a), (father_b, sex_b) = token_a.split(":"), token_b.split(":")
        return (word_a.isascii() == word_b.isascii() and sex_a == sex_b
                and min(len(father_a), len(father_b)) >= _FATHER_LETTERS
                and OSA.distance(father_a, father_b, score_cutoff=1) <= 1)
    return (word_a.isascii() == word_b.isascii()
            # an initial, or a two-letter name (Ли / Ни), that differs is another word
            and min(len(token_a), len(token_b)) > MAX_INITIAL_LETTERS
            # OSA counts a swap of two letters as one slip; a letter typed twice (Аххметова)
            # is none once doubled letters are folded, one left out beside its like (Ппова,
            # Наалья) one before
            and (OSA.distance(_DOUBLED.sub(r"\1", word_a), _DOUBLED.sub(r"\1", word_b)) <= 1
                 or OSA.distance(word_a, word_b, score_cutoff=1) <= 1))


def slip_in_surname(a: str, b: str, fatherless: bool = False) -> bool:
    """Two names one slip apart (TYPO) where the slip is in the surname: the given name and
    the patronymic alike on both (`fatherless`: or on neither or on one side only), the
    given name a known one and the words that differ none (Абдрахманова / Әбдірахманова
    Айгүл Ермекқызы). Siblings share a surname, never a given name; twins' names are a slip
    apart in the given name (Дана, Диана)."""
    x, y = parse_name(a), parse_name(b)
    fathers = (x.patronymics == y.patronymics if x.patronymics and y.patronymics
               else fatherless)
    if not (fathers and not x.initials and not y.initials and len(x.core) == len(y.core) == 2):
        return False
    common = set(x.core) & set(y.core)
    differ = set(x.core) ^ set(y.core)
    return (len(common) == 1 and a_given_name(next(iter(common)))
            and not any(a_given_name(word) for word in differ))


def slip_in_given_name(a: str, b: str) -> bool:
    """Two names one slip apart (TYPO), the surname and patronymic alike on both, one of the
    two words that differ a known given name and the other none (Жандос / Жанос, Ерасыл /
    Ерасул): one given name and its slip. Twins' names a letter apart are both names (Дана,
    Диана; Данияр, Даниял)."""
    x, y = parse_name(a), parse_name(b)
    if not (x.patronymics and x.patronymics == y.patronymics and not x.initials
            and not y.initials and len(x.core) == len(y.core) == 2):
        return False
    only_x, only_y = set(x.core) - set(y.core), set(y.core) - set(x.core)
    return (len(only_x) == len(only_y) == 1
            and a_given_name(only_x.pop()) != a_given_name(only_y.pop()))


def surname_changed(a: str, b: str) -> bool:
    """Two women's names alike but for the surname: the given name (a known one) and the
    patronymic typed alike on both, the surnames no given names (Құрманова / Қожахметова
    Салтанат Жаксылыковна): a woman who took her husband's name. Sisters share a surname,
    a mother and her daughter no patronymic."""
    x, y = parse_name(a), parse_name(b)
    if not (x.patronymics and x.patronymics == y.patronymics and not x.initials
            and not y.initials and len(x.core) == len(y.core) == 2
            and all(p.endswith(":f") for p in x.patronymics)):
        return False
    common = set(x.core) & set(y.core)
    return (len(common) == 1 and a_given_name(next(iter(common)))
            and not any(map(a_given_name, set(x.core) ^ set(y.core))))


def _typo_other_script(a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...]) -> bool:
    """`a` and `b` as in _one_typo_apart: all the same words but one, and that one typed in
    Latin on one side and in Cyrillic on the other, long enough
    (MIN_TYPO_WORD_OTHER_SCRIPT), the Latin one the other's skeleton with two letters
    swapped (Adnreeva) or one left out (Ezhanova): slips of the hand. A letter that differs
    is as often another name transliterated (Uldana / Ульяна: uldana / uliana)."""
    if len(a) != len(b) or len(a) < MIN_TOKENS_FOR_TYPO:
        return False
    tokens_a, tokens_b = Counter(t for t, _ in a), Counter(t for t, _ in b)
    only_a, only_b = list(tokens_a - tokens_b), list(tokens_b - tokens_a)
    if len(only_a) != 1 or len(only_b) != 1 or sum((tokens_a - tokens_b).values()) != 1:
        return False
    word_a = next(word for token, word in a if token == only_a[0])
    word_b = next(word for token, word in b if token == only_b[0])
    token_a, token_b = only_a[0], only_b[0]
    if word_a.isascii() == word_b.isascii() or ":" in token_a + token_b \
            or min(len(token_a), len(token_b)) < MIN_TYPO_WORD_OTHER_SCRIPT:
        return False
    # a digraph is one letter of the other script (zh: ж): Kenzhebaeva / Кежнебаева swap two
    latin, other = (_DIGRAPHS.sub(lambda found: _DIGRAPH_LETTER[found.group(0)], token)
                    for token in ((token_a, token_b) if word_a.isascii() else (token_b, token_a)))
    if len(latin) == len(other):  # two letters swapped: one slip as OSA counts, two changes
        return (OSA.distance(latin, other, score_cutoff=1) == 1
                and Levenshtein.distance(latin, other, score_cutoff=2) == 2)
    return (len(latin) == len(other) - 1 and not _other_gender(latin, other)
            and Levenshtein.distance(latin, other, score_cutoff=1) == 1)


# The skeleton's digraphs, each one letter in Cyrillic (ж, х, ш, ч, ц).
_DIGRAPH_LETTER = {"zh": "ʐ", "kh": "x", "sh": "ʃ", "ch": "ʧ", "ts": "ʦ"}
_DIGRAPHS = re.compile("|".join(_DIGRAPH_LETTER))


def _fits(initial: tuple[str, str], word: str) -> bool:
    """Whether an initial (skeleton, folded) can stand for a word's skeleton."""
    token, folded = initial
    return word.startswith(token) or (folded == _LATIN_Y and word.startswith("e"))


def _initials_agree(x: Name, y: Name) -> bool:
    """Both write the same words and initials, one fewer of them (Иванов И. / Иванов И. А.),
    or in another script (Ivanov Y. / Иванов Е.)."""
    if not x.initials or not y.initials or x.words != y.words or not x.words:
        return False
    shorter, longer = sorted((x.written_initials, y.written_initials), key=len)
    return all(a[0] == b[0] or _fits(a, b[0]) or _fits(b, a[0])
               for a, b in zip(shorter, longer))


def _other_gender(a: str, b: str) -> bool:
    """Иванов / Иванова: a brother's and a sister's surname, not a typo."""
    return a + "a" == b or b + "a" == a


def _initials_of(short: Name, full: Name) -> bool:
    """`short` writes some of `full`'s words as initials (Иванов А.С. / Иванов Айдар Серикович).

    Initials come in their usual order, the first name's first and the patronymic's last.
    Either side may leave out the patronymic: one initial more (А.С. / Айдар) is allowed when
    `full` has no patronymic, one word more when that word is `full`'s patronymic.
    """
    if not short.initials or full.initials or not short.words:
        return False
    rest = Counter(full.tokens)
    rest.subtract(Counter(short.words))
    missing = [token for token, count in rest.items() if count < 0]
    if missing:  # a written word may differ by one slip (Дюсенова А. / Дүйсенова Айгерім)
        if len(missing) > 1 or rest[missing[0]] < -1:
            return False
        near = [t for t, count in rest.items() if count > 0 and len(t) >= MIN_TYPO_WORD
                and OSA.distance(t, missing[0], score_cutoff=1) == 1
                and not _other_gender(t, missing[0])]
        if len(near) != 1 or len(missing[0]) < MIN_TYPO_WORD:
            return False
        rest[missing[0]] += 1
        rest[near[0]] -= 1
    remaining = list(rest.elements())
    given = [w for w in remaining if w not in full.patronymics]
    patronymic = [w for w in remaining if w in full.patronymics]
    initials = short.written_initials
    spare = len(initials) - len(remaining)
    if spare == 1 and patronymic or spare not in (0, 1, -1) or len(patronymic) > 1:
        return False
    if spare == -1:  # the extra word must be the patronymic that the initials leave out
        if not patronymic:
            return False
        patronymic = []
    if patronymic and not _fits(initials[-1], patronymic[0]):
        return False
    firsts = initials[:len(given)]
    return any(all(_fits(initial, word) for initial, word in zip(firsts, order))
               for order in permutations(given))


def _address_words(address: str) -> list[str]:
    """The letters of an e-mail address's local part, run by run, as skeletons
    ("bauyrzhan.zh_93@mail.kz" -> ["bauirzhan", "zh"])."""
    local = address.partition("@")[0]
    return [run for run in _NOT_LETTERS.split(latin_skeleton(local)) if run]


@lru_cache(maxsize=65536)
def _spells(run: str, word: str, others: tuple[str, ...]) -> bool:
    """Whether an address's run of letters is `word`, alone or joined to another word of
    the name or its first letter or two (asembeisenova, beisenovaasem, bauirzhanzh): not
    merely holding its letters (natalia holds alia)."""
    if run == word:
        return True
    # joined, the word still begins or ends the run, but for the letter at the seam
    if not (run.startswith(word[:-1]) or run.endswith(word[1:])):
        return False
    # joined as the address's run was spelled, so letters doubled across the seam fold alike
    return any(run == latin_skeleton(joined) for other in others
               for part in {other, other[:1], other[:2]} for joined in (word + part, part + word))


def spelled_in(name: str, address: str) -> bool:
    """Whether an e-mail address spells a word of the name, its surname or its given name
    (nazerke2000@gmail.com: Мұқанова Назерке's)."""
    core = parse_name(name).core
    return any(_spells(run, word, tuple(other for other in core if other != word))
               for word in core if len(word) >= MIN_SPELLED_WORD
               for run in _address_words(address))


def initials_spelled(a: str, b: str, address_a: str, address_b: str) -> bool:
    """Whether the name written with initials (Жылқыбаев Б. Е.) comes with an e-mail
    address that spells out a word they stand for, as written in the other name
    (Жылқыбаев Бауыржан Ерланұлы; bauyrzhan.zh@...): whose initials they are, where a
    family's phone leaves it open (a brother Бекзат's address would not spell Бауыржан)."""
    x, y = parse_name(a), parse_name(b)
    if bool(x.initials) == bool(y.initials):
        return False
    short, full, address = (x, y, address_a) if x.initials else (y, x, address_b)
    meant = [word for word in full.core
             if word not in short.words and len(word) >= MIN_SPELLED_WORD
             and any(_fits(initial, word) for initial in short.written_initials)]
    runs = _address_words(address)
    return any(_spells(run, word, tuple(other for other in full.core if other != word))
               for word in meant for run in runs)


@lru_cache(maxsize=65536)
def name_rule(a: str, b: str) -> str | None:
    """How two display names can be one person's (SAME, TRANSLITERATED, ...), or None."""
    if a == b:  # the common case, answered without parsing either
        return SAME
    x, y = parse_name(a), parse_name(b)
    if x.tokens == y.tokens:
        return SAME if x.folded == y.folded else TRANSLITERATED
    if _same_but_latin_letters(x, y) or _lost_letters_fit(x, y) or _same_but_marks(x, y) \
            or _chinese_in_two_scripts(x, y) or _chinese_in_two_scripts(y, x):
        return TRANSLITERATED
    if glued := _glued(x, y) or _glued(y, x):
        return glued
    # letters a file lost, or Latin letters read another way, and a patronymic more
    # (Н?РЛАНОВ ?ЛИХАН / Нурланов Алихан Ерланович; Aeuyelbekov Jaenibek / Әуелбеков Жәнібек
    # Маратович)
    if (not x.patronymics or not y.patronymics) and (
            _lost_letters_fit(x, y, core=True) or _same_but_latin_letters(x, y, core=True)):
        return WITHOUT_PATRONYMIC
    if x.token_set.isdisjoint(y.token_set):
        # every rule below needs one word in common, but for initials beside a word with a
        # slip (Дюсенова М. / Дүйсенова Мөлдір)
        initials = (x.initials or y.initials) and (_initials_of(x, y) or _initials_of(y, x))
        return INITIALS if initials else None
    if (not x.patronymics or not y.patronymics) and x.core and (
            x.core == y.core or _same_but_latin_letters(x, y, core=True)) \
            or _one_patronymic_more(x, y) or _one_patronymic_more(y, x):
        return WITHOUT_PATRONYMIC
    # The typo may be in a patronymic's ending (Серикович/Серикавич), so it is looked for
    # with patronymics too, and without them when only one name has one.
    if _one_typo_apart(x.spelled, y.spelled) or (
            bool(x.patronymics) != bool(y.patronymics)
            and _one_typo_apart(x.core_spelled, y.core_spelled)):
        return TYPO
    if _typo_other_script(x.spelled, y.spelled) or (
            bool(x.patronymics) != bool(y.patronymics)
            and _typo_other_script(x.core_spelled, y.core_spelled)):
        return TYPO_OTHER_SCRIPT
    if _initials_of(x, y) or _initials_of(y, x) or _initials_agree(x, y):
        return INITIALS
    if _informal(x, y):
        return INFORMAL
    return None


def _one_patronymic_more(longer: Name, shorter: Name) -> bool:
    """`longer` is `shorter` and a patronymic: also where a surname ends as a patronymic
    does (Әділетұлы Еркебұлан Ерланұлы beside Әділетұлы Еркебұлан), which the core alone
    cannot tell."""
    if len(longer.tokens) != len(shorter.tokens) + 1 or len(shorter.words) < 2:
        return False
    extra = Counter(longer.tokens) - Counter(shorter.tokens)
    return sum(extra.values()) == 1 and next(iter(extra)) in longer.patronymics


def _same_but_marks(x: Name, y: Name) -> bool:
    """The same Latin words, once typed with a language's marks and once without: Büşra
    and Busra, Öztürk and Ozturk, Jürgen and Juergen (ü, ö, ä typed ue, oe, ae). The
    skeleton reads ş and ç as the Kazakh Latin ш and ч, which a word typed without the marks
    is not."""
    if all(word.isascii() for word in x.folded + y.folded):
        return False  # most pairs, at once; and Joel is not Jol
    plain_x, plain_y = _unmarked(x.folded), _unmarked(y.folded)
    return plain_x is not None and plain_x == plain_y


def _unmarked(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """Latin words without their marks, sorted; None for words not all Latin."""
    plain = []
    for word in words:
        stripped = without_marks(word.replace("ı", "i"))
        if not stripped.isascii():
            return None
        plain.append(re.sub("([aou])e", r"\1", stripped))
    return tuple(sorted(plain))


def _lost_letters_fit(x: Name, y: Name, *, core: bool = False) -> bool:
    """The same words (`core`: but patronymics), a letter a file lost ("?": Т?р?анбаева)
    standing for the one or two Latin letters of a Kazakh one (Тұрғанбаева: u, g; Һ: kh),
    or of the letter typed for it (Турганбаева), or for none, where the skeleton folds a
    doubled letter (Ә beside А)."""
    x_tokens, y_tokens = (x.core, y.core) if core else (x.tokens, y.tokens)
    if len(x_tokens) != len(y_tokens) \
            or not any(LOST_LETTER in token for token in x_tokens + y_tokens):
        return False
    rest = list(y_tokens)
    for token in x_tokens:
        match = next((other for other in rest if other == token
                      or _lost_fits(token, other) or _lost_fits(other, token)), None)
        if match is None:
            return False
        rest.remove(match)
    return True


_ENDING_LETTERS = 3  # of a word in a name whose every word lost letters: after the last "?"
MAX_READINGS = 64  # of a name whose every word lost letters, past which none is tried


def lost_letters_read(keys: Sequence[str]) -> list[str]:
    """Each name key, its words with letters a file lost ("ermekov ?alim") read as the one
    word of the data's names beside its others they fit ("ermekov galim"), where exactly
    one does: namesakes are then compared as the names they are. Where two fit (Ғалым and
    Қалым), the word is left as it is. A name whose every word lost letters ("n?rpeisova
    zh?ldiz") is read only as a whole name of the data, or one with its patronymic left
    out, each word fitting one of its words, where exactly one such name is."""
    lost = {key for key in keys if LOST_LETTER in key}
    if not lost:
        return list(keys)
    whole = set(keys) - lost
    named = whole | {key_without_patronymic(key) for key in whole}
    beside: dict[str, set[str]] = defaultdict(set)  # a word: the words named with it
    for key in whole:
        words = key.split()
        for word in words:
            beside[word].update(words)
    ending: dict[str, set[str]] = defaultdict(set)  # words by their last letters
    for word in beside:
        ending[word[-_ENDING_LETTERS:]].add(word)
    read = {}
    for key in lost:
        words = key.split()
        known = [word for word in words if LOST_LETTER not in word]
        near = set().union(*(beside[word] for word in known)) if known else None
        fits = [{word} if LOST_LETTER not in word else
                {other for other in (ending[word[-_ENDING_LETTERS:]] if near is None else near)
                 if _lost_fits(word, other)} for word in words]
        if known:
            read[key] = " ".join(sorted(next(iter(fit)) if len(fit) == 1 else word
                                        for word, fit in zip(words, fits)))
            continue
        # every word lost letters: of the readings its words' fits make (?lzhan: ulzhan or
        # balzhan), the one that is a name of the data (field test FD)
        readings: set[str] = set()
        if math.prod(map(len, fits)) <= MAX_READINGS:
            readings = {" ".join(sorted(choice)) for choice in product(*fits)} & named
        read[key] = readings.pop() if len(readings) == 1 else key
    return [read.get(key, key) for key in keys]


def _lost_fits(lost: str, whole: str) -> bool:
    """Whether a token with lost letters can be `whole`: also as `whole` was typed before the
    skeleton read its "ui" as "iu" (Дүйсенов and Дюсенов: diusenov), which a word cut at
    its lost letter is not (Д?йсенов: d?isenov)."""
    pattern = _lost_pattern(lost)
    return bool(pattern.fullmatch(whole)
                or "iu" in whole and pattern.fullmatch(whole.replace("iu", "ui")))


# What latin_skeleton makes of ә ғ қ ң ө ұ ү һ і, the letters a Windows-1251 file loses.
_LOST_READ = "(?:kh|[agknoui])?"


@lru_cache(maxsize=4096)
def _lost_pattern(token: str) -> re.Pattern:
    """A token whose lost letters ("?") may be what the skeleton makes of a Kazakh letter
    (_LOST_READ), or nothing (a vowel beside its like): "?лжан" is Ұлжан, not Балжан."""
    pieces = token.split(LOST_LETTER)
    if len(pieces) == 1 or sum(map(len, pieces)) < MIN_KNOWN_LETTERS:
        return re.compile(re.escape(token))
    return re.compile(_LOST_READ.join(map(re.escape, pieces)))


def _same_but_latin_letters(x: Name, y: Name, *, core: bool = False) -> bool:
    """The same tokens (`core`: but patronymics), once letters of a word typed in Latin that
    the skeleton reads one way are read the other (_LATIN_READINGS): "sh" as с and х
    (Ashatovna for Асхатовна, Ishak for Исхак), not ш; "c" alone as ц (Zaycev, Coy for Цой,
    as Polish and the scholars write it) or к (Victor), where the skeleton keeps it; "x"
    (read "ks", as in Maxim) as х, as Uzbek Latin writes it (Axmetova, Kozhaxmetov); "ae",
    "oe", "ue" as the 2021 Kazakh Latin Ä, Ö, Ü typed without them (Aebenov for Әбенов,
    Aelihan for Әлихан), as German keyboards write them; a name's last "er" after a
    consonant as "р" (Alexander, Peter: Александр, Петр), as English writes them."""
    x_tokens, y_tokens = (x.core, y.core) if core else (x.tokens, y.tokens)
    if len(x_tokens) != len(y_tokens) or not any(
            word.isascii() and _READ_TWO_WAYS.search(token)
            for token, word in (*x.spelled, *y.spelled)):
        return False  # most pairs, at once: Cyrillic names (Исаев's skeleton has "ae")
    only_x, only_y = Counter(x_tokens), Counter(y_tokens)
    only_x, only_y = list((only_x - only_y).elements()), list((only_y - only_x).elements())
    latin = {token for token, word in (*x.spelled, *y.spelled)
             if word.isascii() and _READ_TWO_WAYS.search(token)}
    if not only_x or not latin.intersection(only_x + only_y):
        return False
    for token in only_x:
        match = next((other for other in only_y if other in _latin_readings(token, latin)
                      or token in _latin_readings(other, latin)), None)
        if match is None:
            return False
        only_y.remove(match)
    return True


def _chinese_in_two_scripts(x: Name, y: Name) -> bool:
    """A Chinese name in Cyrillic (Palladius) and the same in pinyin: Чжан Юйтин, Zhang
    Yuting (sync.dedup.palladius)."""
    if not (x.folded and y.folded) or x.folded[0].isascii() or not y.folded[0].isascii():
        return False  # most pairs, at once: both in one script
    return (not x.initials and all(_CYRILLIC_WORD.match(w) for w in x.folded)
            and all(w.isascii() and w.isalpha() for w in y.folded)
            and same_chinese_name(x.folded, y.folded))


_CYRILLIC_WORD = re.compile(r"^[а-яё]+$")
# Latin letters a name's skeleton reads one way that are also typed for others.
_LATIN_READINGS = {"sh": ("sh", "skh"), "c": ("c", "ts", "k"), "ks": ("ks", "kh"),
                   "ae": ("ae", "a"), "oe": ("oe", "o"), "ue": ("ue", "u"), "er": ("er", "r")}
_READ_TWO_WAYS = re.compile(r"sh|ks|c(?!h)|ae|oe|ue|(?<=[^aeiou])er$")


def _latin_readings(token: str, latin: set[str]) -> set[str]:
    """A Latin token with each of its letters of _LATIN_READINGS read every way
    ("ashat:f" -> "askhat:f", "zaicev" -> "zaitsev", "zaikev"), each reading folded again as
    the skeleton folds ("dueisenova" -> "duisenova" -> "diusenova", Дүйсенова's)."""
    if token not in latin:
        return set()
    readings = {""}
    for piece in re.split(f"({_READ_TWO_WAYS.pattern})", token):
        ways = _LATIN_READINGS.get(piece, (piece,))
        readings = {r + way for r in readings for way in ways}
    folded = set()
    for reading in readings:
        word, mark, sex = reading.partition(":")  # a patronymic's mark stays as it is
        folded.add(latin_skeleton(word) + mark + sex)
    return folded - {token}


def _glued(one: Name, other: Name) -> str | None:
    """TRANSLITERATED when `one` is `other`'s words typed without spaces, in any order
    (темірбековаұлпан, Темірбекова Ұлпан); WITHOUT_PATRONYMIC when `other` has a patronymic
    besides them. None otherwise."""
    if len(one.tokens) != 1 or one.initials or not 2 <= len(other.core_spelled) <= 3 \
            or other.initials:
        return None
    words = [word for _, word in other.core_spelled]
    if not any(one.tokens[0] == latin_skeleton("".join(order)) for order in permutations(words)):
        return None
    return WITHOUT_PATRONYMIC if other.patronymics else TRANSLITERATED


def compatible(a: str, b: str) -> bool:
    """Whether two display names may belong to one person (the merge guard)."""
    return name_rule(a, b) is not None if a <= b else name_rule(b, a) is not None
