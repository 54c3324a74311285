"""Specialty (field of study) names -> one entry of a shipped list, with programme codes kept.

"6B05201 Экология", "экология", "Ecology" and "Экология мамандығы" are one specialty. Codes
(6B05201, 7M08101, 8D05301, 5В060800 with Cyrillic letters, 050608) are taken out and kept in
`specialty_code` in Latin capitals. Unknown names are kept, grouped by their folded spelling.
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
_OLD_CODE = re.compile(r"(?<![\w])(0\d{5})(?!\d)")
_DEGREE_LETTER = str.maketrans("ВМДвмдbmd", "BMDBMDBMD")
# Words around a specialty that are not its name: "специальность", "ОП", "2 курс".
_FILLER = frozenset(
    fold(w) for w in (
        "специальность", "специальности", "мамандығы", "мамандық", "образовательная",
        "программа", "оп", "бакалавриат", "бакалавр", "магистратура", "магистр",
        "докторантура", "направление", "курс", "курса", "студент", "по", "specialty", "major",
        "bachelor", "master", "programme", "program", "of", "in",
    )
)


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


def split_code(value: str) -> tuple[str, str]:
    """(text without the programme code, the code in Latin capitals or "")."""
    text = clean_text(value)
    if found := _PROGRAMME_CODE.search(text):
        level, letter, digits = found.groups()
        code = level + letter.translate(_DEGREE_LETTER).upper() + digits
    elif found := _OLD_CODE.search(text):
        code = found.group(1)
    else:
        return text, ""
    rest = (text[: found.start()] + " " + text[found.end():]).strip(" -–:.,;")
    return re.sub(r"\s+", " ", rest), code


def specialty_key(text: str) -> str:
    """Matching key: folded, filler words and stray numbers dropped, words sorted."""
    words = [w for w in fold(text).split() if w not in _FILLER and not w.isdigit()]
    return " ".join(sorted(words))


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
    return None


@lru_cache(maxsize=65536)
def _normalize_one(value: str, specialties: SpecialtyList, aliases: Aliases) -> _Result:
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
    if is_blank(text):
        if found := _by_code(code, specialties):
            return _Result(found, "code", "", code)
        return _Result("", "unmatched", code, code)
    if found := _by_name(text, specialties):
        return _Result(found[0], found[1], text, code)
    return _Result("", "unmatched", text, code)


def normalize_specialties(
    values: Sequence[str], specialties: SpecialtyList, aliases: Aliases
) -> pd.DataFrame:
    """One row per value (same order).

    Columns: specialty (canonical Russian name, or for unknown names the most common spelling
    of its folded group), specialty_kk, specialty_en, specialty_code, specialty_id ("" when
    unknown), specialty_match (alias/exact/fuzzy/code/unmatched/blank).
    """
    texts = [v if isinstance(v, str) else "" for v in values]
    results = {v: _normalize_one(v, specialties, aliases) for v in set(texts)}

    counts = Counter(results[v].text for v in texts if results[v].match == "unmatched")
    groups: dict[str, list[str]] = defaultdict(list)
    for spelling in counts:
        groups[specialty_key(spelling) or fold(spelling)].append(spelling)
    representative = {
        key: min(spellings, key=lambda s: (-counts[s], s)) for key, spellings in groups.items()
    }

    def row(value: str) -> tuple[str, ...]:
        r = results[value]
        if r.id:
            e = specialties.by_id[r.id]
            return (e.ru, e.kk, e.en, r.code, e.id, r.match)
        if r.canonical:
            return (r.canonical, r.canonical, r.canonical, r.code, "", "alias")
        if r.match == "blank":
            return ("", "", "", "", "", "blank")
        name = representative[specialty_key(r.text) or fold(r.text)]
        return (name, name, name, r.code, "", "unmatched")

    return pd.DataFrame([row(v) for v in texts], columns=list(COLUMNS), dtype=object)
