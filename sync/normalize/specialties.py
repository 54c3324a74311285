"""Specialty (field of study) names -> one entry of a shipped list, with programme codes kept.

"6B05201 Экология", "экология", "Ecology", "кафедра экологии", "BSc in Ecology" and "Экология
мамандығы" are one specialty. Codes (6B05201, 7M08101, 8D05301, 5В060800 with Cyrillic
letters, 050608, the group B051) are taken out and kept in `specialty_code` in Latin capitals.
A programme code is level (6 bachelor, 7 master, 8 doctorate), degree letter (B/M/D), field
(05 natural sciences), direction (2: environment) and the programme's number: the same
number means different programmes at different universities, so what a code means is
learned from the data (sync.normalize.learning), never guessed. School classes ("10 класс",
"9 сынып") are one entry, "school". Unknown names are grouped with their close spellings.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

import pandas as pd
from rapidfuzz import fuzz, process

from sync.errors import ConfigError
from sync.normalize.aliases import Aliases, is_blank
from sync.normalize.institutions import same_words
from sync.normalize.learning import learn_codes
from sync.normalize.shapes import compared
from sync.normalize.text import clean_text, fold

SPECIALTIES_FILE = Path(__file__).with_name("data") / "specialties.toml"
COLUMNS = (
    "specialty", "specialty_kk", "specialty_en", "specialty_code", "specialty_id",
    "specialty_match",
)
# Specialty names are short: a high bar plus same_words keeps "Химия" away from
# "Химическая технология" and "Экология" away from "Экономика".
FUZZY_MIN = 90.0
# Two entries this close for one spelling: too close to pick one.
AMBIGUITY_MARGIN = 3.0
CANDIDATES = 10

# Level digit, degree letter (Latin or Cyrillic B/M/D), 5 digits (2018 classifier: 6B05201)
# or 6 digits (2009 classifier: 5В060800); and the older 6-digit codes (050608).
_PROGRAMME_CODE = re.compile(r"(?<![\w])([5-8])\s?([BВMМDД])\s?(\d{6}|\d{5})(?!\d)", re.IGNORECASE)
# A group of education programmes: B051, М091 (letter and three digits, alone).
_GROUP_CODE = re.compile(r"(?<![\w])([BВMМDД])(\d{3})(?![\w])", re.IGNORECASE)
_OLD_CODE = re.compile(r"(?<![\w])(0\d{5})(?!\d)")
_DEGREE_LETTER = str.maketrans("ВМДвмдbmd", "BMDBMDBMD")
# Words around a specialty that are not its name: "специальность", "ОП", "2 курс".
_FILLER = frozenset(
    fold(w) for w in (
        "специальность", "специальности", "мамандығы", "мамандық", "образовательная",
        "программа", "оп", "бакалавриат", "бакалавр", "магистратура", "магистр",
        "докторантура", "направление", "курс", "курса", "студент", "по", "specialty", "major",
        "bachelor", "master", "programme", "program", "of", "in", "кафедра", "кафедры",
        "кафедрасы", "department", "dept", "faculty", "факультет", "факультеті", "bsc", "msc",
        "phd", "ba", "ma", "магистрант", "докторант", "бағдарламасы", "білім", "беру",
        "мамандыгы", "направлению", "профиль", "the", "and", "студентка", "обучающийся", "года",
        "обучения", "год", "жыл", "специализация", "degree", "science", "arts", "пәні", "пән",
        "бойынша",
    )
)
# "10 класс", "11 «А» класс", "9 сынып", "ученица 10 класса", "10 сынып оқушысы", "Grade 10".
_SCHOOL_CLASS = re.compile(
    r"(?:^|\W)(?:\d{1,2}\s*[-–]?\s*(?:«?\"?[а-яёәіңғүұқөһa-z]\"?»?\s*)?(?:класс\w*|кл\.?|сынып\w*)"
    r"|grade\s*\d{1,2}|школьни\w*|оқушы\w*|pupil)(?:\W|$)",
    re.IGNORECASE,
)
# Endings cut from Cyrillic words before comparing: "экологии"/"экология", "физики"/"физика".
_ENDINGS = re.compile(r"(?:иями|ями|ами|ией|ия|ии|ию|ие|ий|ой|ый|ая|ое|ые|ых|ого|ому|ом|ам|ах|ы|и|а|я|у|ю|е|о|й)$")
# Cyrillic words shorter than this keep their ending: too little is left to compare.
_STEM_MIN = 5
_CYRILLIC = re.compile("[а-я]")
# Unknown names this close after stemming (rapidfuzz ratio) are one field: one or two typos.
GROUP_MIN = 92.0
SCHOOL_ID = "school"
# The longest programme names with a code and a degree ("7M07203 Технология и конструирование
# изделий легкой промышленности, магистратура") are under 120 characters.
SPECIALTY_CHARS = 150


@dataclass(frozen=True)
class Specialty:
    id: str
    ru: str
    kk: str
    en: str
    variants: tuple[str, ...]
    codes: tuple[str, ...]


# eq=False: compared and hashed by identity, so lookups can be cached per loaded SpecialtyList.
@dataclass(frozen=True, eq=False)
class SpecialtyList:
    """The shipped specialties plus lookup tables built once."""

    by_id: Mapping[str, Specialty]
    keys: Mapping[str, str]  # name key -> id
    codes: Mapping[str, str]  # code prefix -> id
    choices: tuple[str, ...]
    choice_ids: tuple[str, ...]

    @classmethod
    def build(cls, specialties: Sequence[Specialty], source: str = "specialties") -> SpecialtyList:
        by_id: dict[str, Specialty] = {}
        keys: dict[str, str] = {}
        codes: dict[str, str] = {}
        for entry in specialties:
            if entry.id in by_id:
                raise ConfigError(f"{source}: id {entry.id!r} is used twice")
            by_id[entry.id] = entry
            for name in (entry.ru, entry.kk, entry.en, *entry.variants):
                key = specialty_key(name)
                if key and keys.setdefault(key, entry.id) != entry.id:
                    raise ConfigError(
                        f"{source}: {name!r} of {entry.id!r} already belongs to {keys[key]!r}"
                    )
            for code in entry.codes:
                codes[code.upper().translate(_DEGREE_LETTER)] = entry.id
        return cls(
            by_id=MappingProxyType(by_id), keys=MappingProxyType(keys),
            codes=MappingProxyType(codes), choices=tuple(keys), choice_ids=tuple(keys.values()),
        )


def load_specialties(path: Path | None = None) -> SpecialtyList:
    """Read specialties.toml (the shipped one unless a path is given)."""
    path = Path(path) if path is not None else SPECIALTIES_FILE
    try:
        tables = tomllib.loads(path.read_text(encoding="utf-8")).get("specialty", [])
        entries = [
            Specialty(
                id=t["id"], ru=t["ru"], kk=t["kk"], en=t["en"],
                variants=tuple(t.get("variants", ())), codes=tuple(t.get("codes", ())),
            )
            for t in tables
        ]
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise ConfigError(f"{path}: not a valid specialty list ({error})") from error
    return SpecialtyList.build(entries, str(path))


# A college's or a university's study group: letters and the year it began, maybe its
# number and a mark ("ТПП-21к", "ЭК-24-2", "ХТ 21-1"), its level's letter before them too
# ("М-ЭК-25", a master's group): a few dozen students.
_STUDY_GROUP = re.compile(
    r"(?:[^\W\d_][-–])?[^\W\d_]{1,6} ?[-–]? ?\d{2}(?: ?[-–/]? ?\d{1,2})?[^\W\d_]{0,2}")


def is_study_group(value: str) -> bool:
    return bool(_STUDY_GROUP.fullmatch(value.strip()))


def split_code(value: str) -> tuple[str, str]:
    """(text without the programme code, the code in Latin capitals or "")."""
    text = clean_text(compared(value, SPECIALTY_CHARS))
    if found := _PROGRAMME_CODE.search(text):
        level, letter, digits = found.groups()
        code = level + letter.translate(_DEGREE_LETTER).upper() + digits
    elif found := _OLD_CODE.search(text):
        code = found.group(1)
    elif found := _GROUP_CODE.search(text):
        letter, digits = found.groups()
        code = letter.translate(_DEGREE_LETTER).upper() + digits
    else:
        return text, ""
    rest = (text[: found.start()] + " " + text[found.end():]).strip(" -–:.,;")
    return re.sub(r"\s+", " ", rest), code


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if len(word) < _STEM_MIN or not _CYRILLIC.match(word):
        return word
    return _ENDINGS.sub("", word) or word


def specialty_key(text: str) -> str:
    """Matching key: folded, filler/degree/department words and stray numbers dropped,
    Russian endings cut, words sorted."""
    words = [w for w in fold(compared(text, SPECIALTY_CHARS)).split()
             if w not in _FILLER and not w.isdigit()]
    return " ".join(sorted(_stem(w) for w in words))


@dataclass(frozen=True)
class _Result:
    id: str
    match: str
    text: str  # the cleaned name without the code, for unknown names
    code: str
    canonical: str = ""  # an alias's new name that is not in the list


def _by_code(code: str, specialties: SpecialtyList) -> str | None:
    """The entry whose code prefix is the longest one this code starts with."""
    for length in range(len(code), 1, -1):
        if found := specialties.codes.get(code[:length]):
            return found
    return None


def _by_name(text: str, specialties: SpecialtyList) -> tuple[str, str] | None:
    key = specialty_key(text)
    if not key:
        return None
    if found := specialties.keys.get(key):
        return found, "exact"
    best: dict[str, float] = {}
    for choice, score, index in process.extract(
        key, specialties.choices, scorer=fuzz.ratio, limit=CANDIDATES
    ):
        if same_words(key, choice):
            best.setdefault(specialties.choice_ids[index], score)
    ranked = sorted(best.items(), key=lambda t: -t[1])
    if ranked and ranked[0][1] >= FUZZY_MIN:
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if ranked[0][1] - runner_up >= AMBIGUITY_MARGIN:
            return ranked[0][0], "fuzzy"
    if found := _by_fewer_words(key, specialties):
        return found, "fuzzy"
    return None


def _by_fewer_words(key: str, specialties: SpecialtyList) -> str | None:
    """The one entry a name of two words or more names in part: every word of it is in one
    of the entry's names, and one of its words is in no other entry's ("Polymer chemistry",
    "Полимерлер химиясы": Химия и технология полимеров). None for words many entries share
    ("Химия технология")."""
    words = set(key.split())
    if len(words) < 2:
        return None
    found = {specialties.choice_ids[i] for i, choice in enumerate(specialties.choices)
             if words <= set(choice.split())}
    if len(found) != 1:
        return None
    entry = found.pop()
    owners = _word_owners(specialties)
    return entry if any(owners.get(word) == {entry} for word in words) else None


@lru_cache(maxsize=8)
def _word_owners(specialties: SpecialtyList) -> dict[str, set[str]]:
    """{key word: the entries whose names have it}."""
    owners: dict[str, set[str]] = {}
    for choice, entry in zip(specialties.choices, specialties.choice_ids):
        for word in choice.split():
            owners.setdefault(word, set()).add(entry)
    return owners


@lru_cache(maxsize=65536)
def _normalize_one(value: str, specialties: SpecialtyList, aliases: Aliases) -> _Result:
    value = compared(value, SPECIALTY_CHARS)
    text, code = split_code(value)
    if is_blank(text) and not code:
        return _Result("", "blank", "", "")
    for typed in (value, text):
        if (canonical := aliases.lookup("specialty", typed)) is not None:
            if canonical in specialties.by_id:
                return _Result(canonical, "alias", text, code)
            if found := specialties.keys.get(specialty_key(canonical)):
                return _Result(found, "alias", text, code)
            return _Result("", "alias", text, code, canonical=clean_text(canonical))
    if _SCHOOL_CLASS.search(text) and SCHOOL_ID in specialties.by_id:
        return _Result(SCHOOL_ID, "school", text, code)
    if is_blank(text):
        if found := _by_code(code, specialties):
            return _Result(found, "code", "", code)
        return _Result("", "unmatched", "", code)
    if found := _by_name(text, specialties):
        return _Result(found[0], found[1], text, code)
    return _Result("", "unmatched", text, code)


def _group_unknown(keys: Sequence[str]) -> dict[str, str]:
    """Unknown name key -> its group's key: equal keys, or one or two typos apart with every
    word twinned (so "химия" never joins "химия биология")."""
    keys = sorted(set(keys))
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    if len(keys) > 1:
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=GROUP_MIN, workers=-1)
        for i, j in zip(*scores.nonzero()):
            a, b = sorted((root(keys[i]), root(keys[j])))
            if a != b and same_words(keys[i], keys[j]):  # already one group: nothing to check
                parent[b] = a
    return {k: root(k) for k in keys}


def normalize_specialties(
    values: Sequence[str], specialties: SpecialtyList, aliases: Aliases
) -> pd.DataFrame:
    """One row per value (same order).

    Columns: specialty (canonical Russian name, or for unknown names the most common spelling
    of its group), specialty_kk, specialty_en, specialty_code, specialty_id ("" when
    unknown), specialty_match (alias/exact/fuzzy/code/school/learned/unmatched/blank).

    What the column teaches is applied to all of it: "6B05201 Экология" in one answer makes
    a bare "6B05201" in another Экология, and "6B05201 Ecology" too.
    """
    texts = [v if isinstance(v, str) else "" for v in values]
    results = {v: _normalize_one(v, specialties, aliases) for v in set(texts)}

    # unknown names, grouped with their close spellings
    unknown_key = {v: specialty_key(r.text) or fold(r.text) for v, r in results.items()
                   if r.match == "unmatched" and r.text}
    group_of_key = _group_unknown(list(unknown_key.values()))
    name_group = {v: "?" + group_of_key[k] for v, k in unknown_key.items()}

    # codes and names typed together teach what each means
    pairs = {(r.code, r.id or name_group[v]) for v, r in results.items()
             if r.code and r.match != "blank" and (r.id or v in name_group)}
    code_means, name_joins = learn_codes(pairs, specialties.by_id)

    def final(value: str) -> tuple[str, str]:
        """(reference id or "?" + unknown group, how it was found)."""
        r = results[value]
        if r.id:
            return r.id, r.match
        if value in name_group:
            group = name_group[value]
            return (name_joins[group], "learned") if group in name_joins else (group, r.match)
        if r.code and r.code in code_means:
            return code_means[r.code], "learned"
        return "", r.match

    finals = {v: final(v) for v in results}
    counts = Counter(results[v].text or results[v].code for v in texts
                     if finals[v][0].startswith("?") or (not finals[v][0]
                                                         and results[v].match == "unmatched"))
    members: dict[str, list[str]] = defaultdict(list)
    for v, (group, _) in finals.items():
        if group.startswith("?") or (not group and results[v].match == "unmatched"):
            members[group or "#" + results[v].code].append(results[v].text or results[v].code)
    shown = {g: min(set(names), key=lambda s: (-counts[s], s)) for g, names in members.items()}

    def row(value: str) -> tuple[str, ...]:
        r = results[value]
        group, how = finals[value]
        if group and not group.startswith("?"):
            e = specialties.by_id[group]
            return (e.ru, e.kk, e.en, r.code, e.id, how)
        if r.canonical:
            return (r.canonical, r.canonical, r.canonical, r.code, "", "alias")
        if r.match == "blank":
            return ("", "", "", "", "", "blank")
        name = shown[group or "#" + r.code]
        return (name, name, name, r.code, "", "unmatched")

    return pd.DataFrame([row(v) for v in texts], columns=list(COLUMNS), dtype=object)
