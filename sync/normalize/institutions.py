"""Institution names -> one directory entry (КазНУ, ҚазҰУ, KazNU, "al-Farabi Kazakh National
University" are one university), or, when nothing is certain, the typed spelling grouped with
its own variants and sent to review with suggestions.

Order of evidence: the organizers' alias file, an exact name (after dropping legal forms,
"имени", city suffixes), an abbreviation, the person an institution is named after ("КГУ им.
Коркыт Ата"), either of these beside a faculty or a department ("кафедра химии ЕНУ"), the
name with its words glued or split by typos, a one-letter abbreviation typo,
a conservative fuzzy match, then the respondent's e-mail domain. Below the threshold nothing
is guessed.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping, Sequence

import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel

from sync.errors import ConfigError
from sync.normalize.aliases import Aliases, is_blank
from sync.normalize.cities import known_city
from sync.normalize.clusters import MIN_CLASSMATES, cluster_unknown, contains
from sync.normalize.learning import People, learn_institutions
from sync.normalize.shapes import KIND_OF_WORD, Shape, compared, names_a_region, shape_of
from sync.normalize.text import (LOST_AS, LOST_LETTERS, clean_text, fold, latin_skeleton,
                                  per_unique)

DIRECTORY_FILE = Path(__file__).with_name("data") / "institutions.toml"
COLUMNS = (
    "institution", "institution_kk", "institution_en", "institution_id", "institution_match",
    "institution_score", "institution_suggestions", "institution_suggestions_kk",
    "institution_suggestions_en", "institution_city",
)
# Below the threshold a name still counts when the respondent's e-mail domain belongs to that
# very institution: a typo plus the university's own address is evidence enough.
DOMAIN_SUPPORTED_MIN = 70.0
# Two directory entries this close to each other for one spelling: too close to pick one.
AMBIGUITY_MARGIN = 3.0
# Words of two spellings are "the same word" at this rapidfuzz ratio: one or two typos.
SAME_WORD_MIN = 80.0
# Words this short ("и", "of") carry no identity; they are ignored when comparing words.
SHORT_WORD = 2
# Unmatched spellings this close (and with the same numbers) are one group: "Колледж №5".
GROUP_MIN = 90.0
# "имени"/"атындағы" typed with one typo ("иени", "атыдағы", "имениМ" glued) still mark an eponym.
MARKER_MIN = 85.0
# Words of a person's name are the same at this ratio ("Досмухамедова" / "осмухамедова").
PERSON_WORD_MIN = 85.0
# Stems (surname endings cut) must be closer: "жансугир" and "жангир" are two people.
PERSON_STEM_MIN = 90.0
# Names with their spaces removed ("медицинскийуниверситет") this long may differ by one typo.
JOINED_TYPO_MIN_LEN = 20
# A typed abbreviation shorter than this is too short to correct ("КГУ" is many universities).
ABBR_TYPO_MIN_LEN = 4
# An unknown abbreviation next to an eponym ("КГУ им. ...") is at most this long; typed in
# lower case, where nothing tells it from a word, at most LOWER_ABBR_MAX_LEN.
UNKNOWN_ABBR_MAX_LEN = 7
LOWER_ABBR_MAX_LEN = 4
_HIGHER_KIND_LETTERS = frozenset("уиаuia")
_COLLEGE_KIND_LETTERS = frozenset("кkc")
_FUNCTION_WORDS = frozenset(("при", "для", "на", "за", "по", "из", "и", "а", "у", "in", "at"))
SUGGESTIONS = 3
NO_SUGGESTIONS = ("", "", "")  # in Russian, Kazakh and English
# Suggestions scoring below this (rapidfuzz ratio) share little more than "университет".
SUGGEST_MIN = 60.0
# Candidates fetched per spelling before keeping one per institution.
CANDIDATES = 20

# Legal forms and filler, folded: never part of what tells institutions apart.
_LEGAL_PHRASES = tuple(
    fold(p) for p in (
        "некоммерческое акционерное общество", "акционерное общество",
        "коммерциялық емес акционерлік қоғамы", "акционерлік қоғамы",
        "республиканское государственное предприятие на праве хозяйственного ведения",
        "республиканское государственное казенное предприятие",
        "государственное коммунальное казенное предприятие",
        "коммунальное государственное казенное предприятие",
        "на праве хозяйственного ведения", "товарищество с ограниченной ответственностью",
        "автономная организация образования",
        "негосударственное учреждение образования", "частное учреждение",
        "non-profit joint stock company", "joint stock company",
        "ргп на пхв", "гкп на пхв", "кгп на пхв", "на пхв", "шжқ рмк", "шжқ мкк",
        "шаруашылық жүргізу құқығындағы", "мемлекеттік коммуналдық қазыналық кәсіпорны",
        "коммуналдық мемлекеттік мекемесі", "республиканское государственное учреждение",
        "частное учреждение образования", "limited liability partnership",
    )
)
# "кгу"/"гккп" are the legal forms of schools and colleges (коммунальное государственное
# учреждение); "КГУ" for a university is ambiguous anyway (Караганда, Кокшетау, Кызылорда...).
_DROPPED_WORDS = frozenset(
    fold(w) for w in (
        "нао", "ао", "аоо", "ргп", "ргкп", "гкп", "кгкп", "гккп", "кгу", "частный", "ргу", "нуо", "чу", "тоо", "пхв", "кеақ", "ақ", "ргкп", "мкқк", "кмм", "рмк", "шжқ", "мкк",
        "жшс", "njsc", "jsc", "llp", "учреждение", "мекемесі",
        "имени", "им", "атындағы", "named", "after", "академика", "академик", "the",
    )
)
# Generic words: dropped for the second, looser exact key, used only when that key is unique.
_GENERIC_WORDS = frozenset(
    fold(w) for w in ("университет", "университеті", "university", "universiteti")
)
# Parts of a university a person may add after its name: "КазНУ, химический факультет",
# "КазНУ, химфак".
# Letters of a subunit's abbreviation (ИГиНГД, ФФМО, ИАиС).
_MIN_ABBREVIATION, _MAX_ABBREVIATION = 2, 8
# Words of a faculty or a department, folded beginnings: the unit within an institution.
_FACULTY_WORDS = tuple(fold(w) for w in ("факультет", "кафедр", "faculty", "department",
                                         "деканат"))
_SUBUNIT_WORDS = ("факультет", "фак", "кафедр", "faculty", "department", "школа", "school",
                  "институт", "institute", "мектеб", "лаборатор", "зертхана", "центр",
                  "орталығ", "center", "centre", "division", "отделени", "бөлім", "program",
                  "программ")
# Shortened words people type, folded -> the full folded word: "Казахский нац. ун-т".
_SHORTHANDS = {
    fold(short): fold(full) for short, full in (
        ("нац", "национальный"), ("гос", "государственный"), ("ун", "университет"),
        ("унив", "университет"), ("универ", "университет"), ("пед", "педагогический"), ("мед", "медицинский"),
        ("тех", "технический"), ("техн", "технический"), ("ұлт", "ұлттық"),
        ("мемл", "мемлекеттік"), ("univ", "university"), ("uni", "university"),
        ("univer", "university"), ("natl", "national"),
    )
}
# Words that say "named after" in full; "им"/"named" are exact-only (too short to fuzz).
_LONG_MARKERS = tuple(fold(w) for w in ("имени", "атындағы"))
_KAZAKH_MARKER = fold("атындағы")  # the Kazakh marker follows the person's name
_KAZAKH_MARKER_SHORT = " " + fold("ат") + " "  # "Әл-Фараби ат. ҚазҰУ"
_SHORT_MARKERS = frozenset(fold(w) for w in ("им", "named"))
# "им" doubled or swapped ("имм", "иим", "ми"); other letters make other words ("Ким", "имя").
_IM_LETTERS = frozenset("им")
# "им." glued to the abbreviation before it: "КГУим. Коркыт Ата", "ЖУим. Жансугурова".
_GLUED_IM = re.compile(r"(?<=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2})им\.")
# The long markers glued to a neighbour: "имениАль-Фараби", "Атаатындағы", "ханатындағы".
_GLUED_LONG_MARKER = re.compile("(" + "|".join(_LONG_MARKERS) + ")")
# Filler words long enough to recognize with a typo: "акаедмика", "аадемика".
_TYPO_PRONE_FILLERS = tuple(fold(w) for w in ("академика",))
# "Семей қаласының Шәкәрім": the city is not part of the person ("города Семей" is cut earlier).
_CITY_OF_WORDS = frozenset(fold(w) for w in ("қаласының",))
# Kinds of institution that share eponyms with universities ("Колледж им. Абая", "Абай атындағы
# мектеп"): folded word prefixes that stop the eponym rule.
_OTHER_KIND_PREFIXES = tuple(
    fold(w) for w in (
        "колледж", "college", "школ", "school", "мектеп", "мектеб", "лицей", "lyceum", "гимназ",
        "gymnas", "сош", "техникум", "училищ", "балабақша", "детск", "центр",
    )
)
# Surname endings that differ between Kazakh and Russian spellings: Байтұрсынұлы/Байтурсынова.
_SURNAME_ENDING = re.compile(r"(?:улы|кызы|ова|ева|ов|ев|а|я)$")
# Lowercase vowels of an abbreviation, often left out: КазНУ typed as КзНУ or KZNU.
_LOWER_VOWELS = re.compile(r"[аеёиоуыэюяәөұүіaeiouy]")
_SEGMENTS = re.compile(r"[,;()]|\s-\s")
# A title's parts: "ПХМК, отделение экологии: студенты", "АГПК — список обучающихся",
# sentences ("Астанинский политехнический колледж. Список группы ТПП-23-1"; not "гос. тех.").
_TITLE_PARTS = re.compile(r"[,;:()]|\s[-–—]\s|(?<=[^\W\d_]{3})\.\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
# "г. Алматы" / "г.Алматы" / "город Астана" / "города Тараз" inside a name: a capitalised
# word after it, or a known city however typed ("города семей", "ГОРОДА СЕМЕЙ").
_INLINE_CITY = re.compile(r"\b(?:г\.|г\s|гор\.|город\s|города\s)\s*([\w-]+)", re.IGNORECASE)


def _without_inline_city(text: str) -> str:
    def city(match: re.Match) -> str:
        word = match.group(1)
        return " " if word[:1].isupper() and not word.isupper() or known_city(word) \
            else match.group(0)
    return _INLINE_CITY.sub(city, text)
_DIGITS = re.compile(r"\d+")
_DOUBLED_LETTER = re.compile(r"([^\W\d_])\1")


@dataclass(frozen=True)
class Institution:
    id: str
    ru: str
    kk: str
    en: str
    abbr: tuple[str, ...]
    former: tuple[str, ...]
    aliases: tuple[str, ...]
    city: str
    domains: tuple[str, ...]
    source: str = ""  # where the facts come from
    uncertain: tuple[str, ...] = ()  # fields not confirmed by a source ("domains", "kk")

    @property
    def level(self) -> str:
        """college or higher: what an unknown spelling of that kind may be."""
        return "college" if shape_of(self.ru).level == "college" else "higher"

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling this entry is known by, abbreviations included."""
        return (self.ru, self.kk, self.en, *self.abbr, *self.former, *self.aliases)


# eq=False: compared and hashed by identity, so lookups can be cached per loaded Directory.
@dataclass(frozen=True, eq=False)
class Directory:
    """The shipped institutions plus the lookup tables built from them once."""

    by_id: Mapping[str, Institution]
    name_keys: Mapping[str, str]  # name_key -> id
    # name, core and joined key -> the city a college's name named, which its keys leave out
    # ("Высший медицинский колледж города Жезказган"): a spelling with such a key is the
    # college only in that city (a university's name is its own)
    city_bound: Mapping[str, str]
    core_keys: Mapping[str, str]  # core_key -> id, only keys no other entry shares
    abbr_keys: Mapping[str, str]  # abbreviation key -> id
    domains: Mapping[str, str]  # e-mail domain -> id
    choices: tuple[str, ...]  # name keys for fuzzy matching
    choice_ids: tuple[str, ...]  # the id of each choice
    eponyms: Mapping[str, tuple[tuple[str, ...], ...]]  # id -> the person of each named name
    vocab: Mapping[str, frozenset[str]]  # id -> every meaningful word of its names
    initials: Mapping[str, frozenset[str]]  # id -> Latin first letter of each name, eponym cut
    joined_keys: Mapping[str, str]  # name words glued in their order -> id, unique ones only
    short_forms: tuple[str, ...]  # folded abbreviations and one-word names, for typo matching
    short_form_ids: tuple[str, ...]  # the id of each short form
    vowelless: Mapping[str, str]  # folded abbreviation without its lowercase vowels -> id
    levels: Mapping[str, str]  # id -> college or higher
    eponym_skeletons: Mapping[str, frozenset[str]]  # id -> Latin spelling of each eponym word
    ids_of_level: Mapping[str, frozenset[str]]  # college/higher -> the ids of that level
    # the shape (kind, town, words read alike in three languages) of each name that says a
    # kind and a town -> id, only shapes no other entry shares: "Химико-механический
    # колледж г. Павлодар" is "Павлодарский химико-механический колледж"; also each shape
    # without the person the place is named after, where no other entry has it
    shape_keys: Mapping[str, str]

    @classmethod
    def build(cls, institutions: Sequence[Institution], source: str = "directory") -> Directory:
        by_id: dict[str, Institution] = {}
        name_keys: dict[str, str] = {}
        city_bound: dict[str, str] = {}
        city_free: set[str] = set()  # keys of names that name no city
        abbr_keys: dict[str, str] = {}
        domains: dict[str, str] = {}
        cores: dict[str, set[str]] = defaultdict(set)
        joined: dict[str, set[str]] = defaultdict(set)
        eponyms: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        vocab: dict[str, set[str]] = defaultdict(set)
        initials: dict[str, set[str]] = defaultdict(set)
        short_forms: list[tuple[str, str]] = []
        vowelless: dict[str, set[str]] = defaultdict(set)
        without_eponym: dict[tuple[str, ...], set[str]] = defaultdict(set)
        shapes: dict[str, set[str]] = defaultdict(set)
        named: list[tuple[str, Shape]] = []  # (id, shape) of each name that says enough

        def claim(table: dict[str, str], key: str, entry_id: str, what: str) -> None:
            if key and table.setdefault(key, entry_id) != entry_id:
                raise ConfigError(
                    f"{source}: {what} {key!r} of {entry_id!r} already belongs to {table[key]!r}"
                )

        for entry in institutions:
            if entry.id in by_id:
                raise ConfigError(f"{source}: id {entry.id!r} is used twice")
            by_id[entry.id] = entry
            for name in entry.names:
                if looks_like_abbreviation(name):
                    claim(abbr_keys, abbr_key(name), entry.id, "abbreviation")
                    short_forms.append((fold(name).replace(" ", ""), entry.id))
                    vowelless[fold(_LOWER_VOWELS.sub("", name)).replace(" ", "")].add(entry.id)
                    continue
                claim(name_keys, name_key(name), entry.id, "name")
                cores[core_key(name)].add(entry.id)
                joined["".join(_name_words(name))].add(entry.id)
                keys = (name_key(name), core_key(name), "".join(_name_words(name)))
                if entry.level == "college" and (city := shape_of(name).city):
                    city_bound.update(dict.fromkeys(keys, city))  # its keys leave it out
                else:
                    city_free.update(keys)
                vocab[entry.id].update(_name_words(name))
                if _shape_says_enough(shape := shape_of(name)):
                    shapes[shape.key].add(entry.id)
                    named.append((entry.id, shape))
                if len(words := _name_words(name)) == 1:
                    short_forms.append((words[0], entry.id))
                rest, person = _split_eponym(name)
                if person:
                    eponyms[entry.id].append(person)
                    without_eponym[rest].add(entry.id)
                if rest:
                    initials[entry.id].add(latin_skeleton(rest[0])[:1])
            for domain in entry.domains:
                claim(domains, domain.casefold(), entry.id, "domain")
        # "Жетысуский университет": a name without its eponym is a name too, unless another
        # entry shares it, it says no more than "университет" or "колледж" (what it is, not
        # which), or it is an abbreviation ("КазНУ" of "КазНУ им. аль-Фараби", matched as
        # one already).
        unique_rests = {
            rest: next(iter(ids)) for rest, ids in without_eponym.items()
            if len(ids) == 1 and core_key(" ".join(rest))
            and any(word not in KIND_OF_WORD for word in rest)
            and not any(abbr_key(w) in abbr_keys for w in rest)
        }
        for rest, entry_id in unique_rests.items():
            cores[core_key(" ".join(rest))].add(entry_id)
            joined["".join(rest)].add(entry_id)
        for rest, entry_id in unique_rests.items():
            if len(cores[core_key(" ".join(rest))]) == 1:
                name_keys.setdefault(" ".join(sorted(rest)), entry_id)
        core_keys = {k: next(iter(ids)) for k, ids in cores.items() if k and len(ids) == 1}
        skeletons = {
            i: frozenset(latin_skeleton(w) for e in p for w in e if len(w) > SHORT_WORD + 1)
            for i, p in eponyms.items()}
        # "Atyrau University of Oil and Gas": a shape without the eponym is the entry's too,
        # unless it is another entry's whole shape or another's without its eponym
        unnamed: dict[str, set[str]] = defaultdict(set)
        for entry_id, shape in named:
            if (rest := _without_person(shape, skeletons.get(entry_id, frozenset()))) != shape \
                    and _shape_says_enough(rest) and rest.key not in shapes:
                unnamed[rest.key].add(entry_id)
        shapes.update(unnamed)
        return cls(
            by_id=MappingProxyType(by_id), name_keys=MappingProxyType(name_keys),
            city_bound=MappingProxyType({k: c for k, c in city_bound.items()
                                         if k not in city_free}),
            core_keys=MappingProxyType(core_keys), abbr_keys=MappingProxyType(abbr_keys),
            domains=MappingProxyType(domains), choices=tuple(name_keys),
            choice_ids=tuple(name_keys.values()),
            eponyms=MappingProxyType({i: tuple(p) for i, p in eponyms.items()}),
            vocab=MappingProxyType({i: frozenset(w) for i, w in vocab.items()}),
            initials=MappingProxyType({i: frozenset(c) for i, c in initials.items()}),
            joined_keys=MappingProxyType(
                {k: next(iter(ids)) for k, ids in joined.items() if k and len(ids) == 1}
            ),
            short_forms=tuple(f for f, _ in short_forms),
            short_form_ids=tuple(i for _, i in short_forms),
            levels=MappingProxyType({i: e.level for i, e in by_id.items()}),
            eponym_skeletons=MappingProxyType(skeletons),
            ids_of_level=MappingProxyType({
                level: frozenset(i for i, e in by_id.items() if e.level == level)
                for level in ("college", "higher")
            }),
            shape_keys=MappingProxyType(
                {k: next(iter(ids)) for k, ids in shapes.items() if len(ids) == 1}),
            vowelless=MappingProxyType({
                k: next(iter(ids)) for k, ids in vowelless.items()
                if len(ids) == 1 and len(k) >= ABBR_TYPO_MIN_LEN and abbr_key(k) not in abbr_keys
            }),
        )


def _without_person(shape: Shape, skeletons: frozenset[str]) -> Shape:
    """The shape without the words of the person its place is named after, in any script
    ("утебаев", "safi utebayev")."""
    words = tuple(w for w in shape.words
                  if not any(_same_person_word(latin_skeleton(w), k) for k in skeletons))
    return replace(shape, words=words) if words != shape.words else shape


def load_directory(path: Path | None = None) -> Directory:
    """Read institutions.toml (the shipped one unless a path is given)."""
    path = Path(path) if path is not None else DIRECTORY_FILE
    text, source = path.read_text(encoding="utf-8"), str(path)
    try:
        tables = tomllib.loads(text).get("institution", [])
        institutions = [
            Institution(
                id=t["id"], ru=t["ru"], kk=t["kk"], en=t["en"], abbr=tuple(t.get("abbr", ())),
                former=tuple(t.get("former", ())), aliases=tuple(t.get("aliases", ())),
                city=t.get("city", ""), domains=tuple(t.get("domains", ())),
                source=t.get("source", ""), uncertain=tuple(t.get("uncertain", ())),
            )
            for t in tables
        ]
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise ConfigError(f"{source}: not a valid institution directory ({error})") from error
    return Directory.build(institutions, source)


# --- keys -----------------------------------------------------------------------------------

def looks_like_abbreviation(name: str) -> bool:
    """One short word with two or more capitals (КазНУ, KBTU, AlmaU), not a full name."""
    text = clean_text(name)
    return " " not in text and len(text) <= 12 and sum(ch.isupper() for ch in text) >= 2


@lru_cache(maxsize=65536)
def _folded_words(value: str) -> tuple[str, ...]:
    """Folded words without city parts and legal forms; "имени" and initials still in."""
    text = _GLUED_IM.sub(" им.", _without_inline_city(clean_text(value)))
    segments = [s for s in _SEGMENTS.split(text) if s.strip()]
    kept = [s for s in segments if not known_city(s)] or segments
    folded = " " + _GLUED_LONG_MARKER.sub(r" \1 ", fold(" ".join(kept))) + " "
    folded = folded.replace(_KAZAKH_MARKER_SHORT, " " + _KAZAKH_MARKER + " ")
    for phrase in _LEGAL_PHRASES:
        folded = folded.replace(" " + phrase + " ", " ")
    return tuple(folded.split())


@lru_cache(maxsize=65536)
def _is_marker(word: str) -> bool:
    """ "имени", "им", "атындағы", also with one typo: "иени", "атыдағы", "имм", "ми"."""
    if word in _SHORT_MARKERS or (set(word) == _IM_LETTERS and _is_slip(word, "им")):
        return True
    # a swap of two letters ("имнеи") is one slip, though it is two edits to fuzz.ratio
    return len(word) >= 4 and any(fuzz.ratio(word, m) >= MARKER_MIN
                                  or OSA.distance(word, m, score_cutoff=1) <= 1
                                  for m in _LONG_MARKERS)


def _meaningful(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(
        _SHORTHANDS.get(w, w) for w in words
        if w not in _DROPPED_WORDS and not (len(w) == 1 and w.isalpha()) and not _is_marker(w)
        and not any(fuzz.ratio(w, f) >= MARKER_MIN for f in _TYPO_PRONE_FILLERS)
    )


def _name_words(value: str) -> tuple[str, ...]:
    return _meaningful(_folded_words(value))


@lru_cache(maxsize=65536)
def _split_eponym(value: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the institution part, the person's name): "КГУ им. Коркыт Ата" -> (кгу), (коркыт, ата).

    Russian and English put the person after the marker, Kazakh before it. The person is
    empty when there is no marker.
    """
    words = _folded_words(value)
    at = next((i for i, w in enumerate(words) if _is_marker(w)), None)
    if at is None:
        return _meaningful(words), ()
    before, after = list(words[:at]), list(words[at + 1:])
    if fuzz.ratio(words[at], _KAZAKH_MARKER) >= MARKER_MIN:
        person, rest = before, after
        cut = max((i for i, w in enumerate(person) if w in _CITY_OF_WORDS), default=-1)
        person = person[cut + 1:]
    else:
        rest, person = before, after
    person_words = tuple(w for w in _meaningful(person) if len(w) > SHORT_WORD)
    return _meaningful(rest), person_words


def name_key(value: str) -> str:
    """Exact-match key: folded, legal forms/"имени"/initials/city dropped, words sorted."""
    return " ".join(sorted(_name_words(value)))


def core_key(value: str) -> str:
    """Latin name_key without "университет"/"university": "Turan University" == "Туран"."""
    words = (latin_skeleton(w) for w in _name_words(value) if w not in _GENERIC_WORDS)
    return " ".join(sorted(words))


def abbr_key(value: str) -> str:
    """One Latin spelling of an abbreviation: КазНУ == KazNU == казну."""
    return latin_skeleton("".join(fold(value).split()))


def same_words(left: str, right: str) -> bool:
    """Every meaningful word of each side has a close twin on the other: no extra words.

    This is what keeps "казахский национальный аграрный университет" away from КазНУ.
    """
    a = [w for w in left.split() if len(w) > SHORT_WORD]
    b = [w for w in right.split() if len(w) > SHORT_WORD]

    def covered(words: list[str], others: list[str]) -> bool:
        return all(any(fuzz.ratio(w, o) >= SAME_WORD_MIN for o in others) for w in words)

    return bool(a) and covered(a, b) and covered(b, a)


def email_domain(email: object) -> str:
    if not isinstance(email, str) or "@" not in email:
        return ""
    return email.rsplit("@", 1)[1].strip().strip(">").casefold()


def _domain_owner(domain: str, directory: Directory) -> str | None:
    """The institution owning a domain or a parent of it (stud.kaznu.kz -> kaznu.kz)."""
    labels = domain.split(".")
    for start in range(len(labels) - 1):
        if owner := directory.domains.get(".".join(labels[start:])):
            return owner
    return None


# --- matching one spelling --------------------------------------------------------------------

@dataclass(frozen=True)
class _Result:
    id: str  # directory id, "" when not found
    match: str
    score: float
    canonical: str = ""  # an alias's new name that is not in the directory


def _exact_or_abbr(value: str, directory: Directory) -> _Result | None:
    key = name_key(value)
    if (entry_id := directory.name_keys.get(key)) and _city_fits(value, key, directory):
        return _Result(entry_id, "exact", 100.0)
    entry_id = directory.abbr_keys.get(abbr_key(key)) if key else None
    if entry_id and _case_fits(value, directory.by_id[entry_id]) \
            and _abbreviation_fits(value, directory.by_id[entry_id]):
        return _Result(entry_id, "abbr", 100.0)
    if (entry_id := directory.core_keys.get(core := core_key(value))) \
            and _city_fits(value, core, directory):
        return _Result(entry_id, "exact", 100.0)
    return _abbr_with_name_words(value, directory)


def _case_fits(value: str, entry: Institution) -> bool:
    """ "КаТУ" is not "КАТУ": in mixed case a lowercase letter typed where each of the entry's
    same-length abbreviations has a capital (the last letter aside) stands inside a word."""
    typed = "".join(clean_text(value).split())
    if typed.isupper() or typed.islower() or typed.istitle():
        return True
    same_length = [a for a in entry.names if looks_like_abbreviation(a) and len(a) == len(typed)]
    return not same_length or any(
        not any(t.islower() and a.isupper() for t, a in zip(typed[:-1], known[:-1]))
        for known in same_length
    )


def _abbreviation_fits(value: str, entry: Institution) -> bool:
    """An abbreviation is typed letter for letter: its doubled letters are its own (NUU, the
    National University of Uzbekistan, is not NU), and one in Latin letters is not a
    Cyrillic one transliterated where the entry has its own in Latin (KNU, a Kyrgyz
    university, is not КНУ, which the German-Kazakh University writes DKU)."""
    typed = "".join(ch for ch in name_key(value) if ch.isalpha())  # legal forms left out
    key = abbr_key(typed)
    known = [a for a in entry.names if looks_like_abbreviation(a)]
    matching = [a for a in known if abbr_key(a) == key  # both folded as name_key folds
                and bool(_DOUBLED_LETTER.search(fold(a))) == bool(_DOUBLED_LETTER.search(typed))]
    latin = typed.isascii()
    return bool(matching) and (any(a.isascii() == latin for a in matching)
                               or not any(a.isascii() == latin for a in known))


def _abbr_with_name_words(value: str, directory: Directory) -> _Result | None:
    """ "ЮКГУ им. Ауэзова", "KBTU Almaty": one abbreviation, every other word taken from
    that entry's names or its city's."""
    words = _name_words(value)
    ids = {directory.abbr_keys.get(abbr_key(w)) for w in words} - {None}
    if len(words) < 2 or len(ids) != 1:
        return None
    entry_id = ids.pop()
    entry = directory.by_id[entry_id]
    entry_words = {w for n in entry.names for w in _name_words(n)}
    rest = [w for w in words if directory.abbr_keys.get(abbr_key(w)) != entry_id]
    if all(any(fuzz.ratio(w, e) >= SAME_WORD_MIN for e in entry_words)
           or (entry.city and known_city(w) == entry.city) for w in rest):
        return _Result(entry_id, "abbr", 100.0)
    return None


def _by_segments(value: str, directory: Directory) -> _Result | None:
    """ "КазНУ, химфак" or "Satbayev University (КазНИТУ)": one part names one institution.
    A part that is a city names none ("School-lyceum 12, Shymkent" is not Shymkent
    University), and a numbered school beside it is a place of its own, not a subunit."""
    segments = [s for s in _SEGMENTS.split(clean_text(value)) if fold(s)]
    if len(segments) < 2:
        return None
    found = {s: _exact_or_abbr(s, directory) for s in segments}
    # a town's name is the institution's only beside the initials of the institution's
    # name ("SU (Satbayev)": Satbayev University, not a university of the town Сатпаев)
    found = {s: r if r and (not known_city(s) or any(
        _initials_of(other, directory.by_id[r.id]) for other in segments if other != s))
        else None for s, r in found.items()}
    ids = {r.id for r in found.values() if r}
    others_harmless = all(
        r or known_city(s) or names_a_region(s) or _subunit_abbreviation(s)
        or (any(w in fold(s) for w in _SUBUNIT_WORDS) and not _numbered_school(s))
        for s, r in found.items()
    )
    if len(ids) == 1 and others_harmless:
        return next(r for r in found.values() if r)
    return None


def _initials_of(text: str, entry: Institution) -> bool:
    """Whether a word is the initials of one of the entry's names ("SU": Satbayev University)."""
    typed = abbr_key(text)
    return len(text.split()) == 1 and len(typed) >= 2 and any(
        typed == "".join(latin_skeleton(w)[:1] for w in _folded_words(name))
        for name in entry.names)


def title_parts(title: str) -> list[str]:
    """A title's parts that may each name something: "Шымкент экология колледжі, ЭКО-22-2
    тобы, PlastNet-2025" names a college, a group and the event."""
    return _TITLE_PARTS.split(title)


def institution_named_in(title: str, directory: Directory) -> str:
    """The words of a list's title naming one institution of the directory, by its name or
    its abbreviation ("АГПК — список обучающихся на PlastNet": "АГПК"; "Кафедра ЮНЕСКО,
    КазНУ: магистранты 1 курса": "КазНУ"), the longest such; "" where it names none, or
    two."""
    found: dict[str, str] = {}
    for part in title_parts(title):
        words = part.split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                text = " ".join(words[start:start + size])
                if fold(text) and not known_city(text) and (
                        result := _exact_or_abbr(text, directory)):
                    found.setdefault(result.id, text)
    return next(iter(found.values())) if len(found) == 1 else ""


def _by_subunit_words(value: str, directory: Directory) -> _Result | None:
    """ "кафедра химии ЕНУ им. Гумилева", "ҚазҰУ химия факультеті": a faculty or a
    department typed before or after the institution without a comma; the words on the
    other side of it name one institution."""
    words = clean_text(value).split()
    level = shape_of(value).level
    if level in ("school", "other"):  # a school, an office has no faculties ("НИШ ХБН")
        return None
    said = [fold(w).startswith(_FACULTY_WORDS) or _shortened_faculty(w) for w in words]
    # a unit only by its letters ("ИХиБТ"), never where everything is in capitals: the
    # rest must be a name, not a person's alone
    lettered = [not s and not value.isupper() and _unknown_subunit_letters(w, directory)
                for s, w in zip(said, words)]
    unit = [a or b for a, b in zip(said, lettered)]
    if len(words) < 2 or not any(unit):
        return None
    # where the unit's words end, or where they begin: the unit's side names no
    # institution of its own ("Факультет КазНУ КБТУ"), the other side no unit
    found = set()
    for cut in range(1, len(words)):
        for side, rest in ((slice(0, cut), slice(cut, None)), (slice(cut, None), slice(0, cut))):
            # a side named by letters alone is only those letters ("ИХиБТ"), not "колледж
            # APEC Petrotechnic" beside its town
            by_letters = not any(said[side])
            if any(unit[side]) and not any(unit[rest]) and not (
                    by_letters and not all(lettered[side])) and not any(
                    _exact_or_abbr(w, directory) for w in words[side]):
                text = " ".join(words[rest])
                if known_city(text):  # a town alone names no university of it
                    continue
                if result := _exact_or_abbr(text, directory) or (
                        not by_letters and _by_eponym(text, directory)):
                    if level != "college" or directory.levels[result.id] == "college":
                        found.add(result)
    return found.pop() if len({r.id for r in found}) == 1 else None


_HOST_BEFORE = re.compile(r"\s+при\s+", re.IGNORECASE)  # "колледж связи при АУЭС"
_HOST_AFTER = re.compile(r"\s+жанындағы\s+", re.IGNORECASE)  # "АУЭС жанындағы колледж"


def _by_host(value: str, directory: Directory) -> _Result | None:
    """ "АКС при АУЭС", "ҚазҰУ жанындағы колледж": a place run by another, which it is,
    not its host, when it names one entry on its own."""
    text = clean_text(value)
    for marker, own in ((_HOST_BEFORE, 0), (_HOST_AFTER, 1)):
        parts = marker.split(text, maxsplit=1)
        if len(parts) == 2 and (found := _exact_or_abbr(parts[own], directory)
                                or _by_shape(parts[own], directory)):
            return found
    return None


def _shortened_faculty(word: str) -> bool:
    """A faculty's name shortened: "биофак", "геофак", "химфак"."""
    folded = fold(word)
    return len(folded) > 3 and folded.endswith("фак")


def _unknown_subunit_letters(word: str, directory: Directory) -> bool:
    """An institute's or a faculty's abbreviation the directory does not know, no kind of
    place's or firm's ("ИХиБТ Satbayev University": field test AL; not ЖОМ, ТОО, АПК)."""
    shape = shape_of(word)
    return (_subunit_abbreviation(word) and not shape.kinds and not shape.firm
            and not _exact_or_abbr(word, directory))


def _subunit_abbreviation(text: str) -> bool:
    """One word of capitals the directory does not know, beside a part it does: the
    institute or faculty within ("Satbayev University, ИГиНГД", "КазНУ, ФФМО")."""
    word = text.strip(" ()")
    return (word.isalpha() and _MIN_ABBREVIATION <= len(word) <= _MAX_ABBREVIATION
            and sum(ch.isupper() for ch in word) >= max(_MIN_ABBREVIATION, len(word) - 2))


def _numbered_school(text: str) -> bool:
    """A school, gymnasium or lyceum with its number: "School-lyceum 12", "СОШ №5"."""
    shape = shape_of(text)
    return bool(shape.numbers) and shape.level == "school"


def _same_person_word(typed: str, known: str) -> bool:
    """One word of a person's name, allowing a typo and Kazakh/Russian surname endings."""
    if fuzz.ratio(typed, known) >= PERSON_WORD_MIN:
        return True
    stems = [_SURNAME_ENDING.sub("", w) for w in (typed, known)]
    return min(map(len, stems)) > SHORT_WORD + 1 and fuzz.ratio(*stems) >= PERSON_STEM_MIN


@lru_cache(maxsize=4096)  # a few people are named in thousands of spellings
def _named_after(person: tuple[str, ...], directory: Directory) -> str | None:
    """The one institution named after this person, if exactly one is.

    Every typed word must be in the institution's eponym ("И. Жансугурова" fits "Ильяса
    Жансугурова"). Several fit ("им. Абая": КазНПУ, and Абай Мырзахметов's university): the
    one whose eponym is typed in full wins. A lone fit must share a word with no other eponym,
    so a first name alone ("им. Ахмета") names no one.
    """
    if not any(len(w) > SHORT_WORD + 1 for w in person):
        return None
    full, partial = set(), set()
    for entry_id, eponyms in directory.eponyms.items():
        words = {w for eponym in eponyms for w in eponym}
        unknown = [p for p in person if not any(_same_person_word(p, w) for w in words)]
        typed_in_full = any(
            all(any(_same_person_word(p, w) for p in person) for w in eponym) for eponym in eponyms
        )
        # the first name the directory gives as an initial, typed out before the surname
        # ("имени Шокана Уалиханова" for "имени Ш. Уалиханова")
        if unknown and not (typed_in_full and unknown == [person[0]] and len(person) > 1):
            continue
        (full if typed_in_full else partial).add(entry_id)
    if len(full) == 1:
        return full.pop()
    if full or len(partial) != 1:
        return None
    entry_id = partial.pop()
    others = {w for i, eponyms in directory.eponyms.items() if i != entry_id for e in eponyms
              for w in e}
    if any(not any(_same_person_word(p, o) for o in others) for p in person):
        return entry_id
    return None


def _rest_fits(rest: Sequence[str], abbreviations: set[str], entry_id: str,
               directory: Directory) -> bool:
    """The words beside the eponym name no other kind of place and no other institution.

    Each is a word of that institution's own names ("Семейский государственный университет"),
    its abbreviation, or an unknown abbreviation starting like one of its names ("КГУ", "АГУ").
    """
    vocab = directory.vocab.get(entry_id, frozenset())
    for word in rest:
        if _DIGITS.search(word) or word.startswith(_OTHER_KIND_PREFIXES):
            return False
        if word in abbreviations:
            owner = directory.abbr_keys.get(abbr_key(word))
            if owner == entry_id:
                continue
            if (owner is None and latin_skeleton(word)[:1] in directory.initials[entry_id]
                    and _ends_as_its_kind(word, directory.levels[entry_id])):
                continue
            return False
        if not any(fuzz.ratio(word, v) >= SAME_WORD_MIN for v in vocab):
            return False
    return True


def _ends_as_its_kind(abbreviation: str, level: str) -> bool:
    """Whether an abbreviation ends in the letter of a place of `level`: a university's,
    an institute's, an academy's (КГУ, АГУ); a college's (АПК: field test AH, the college
    named after Утебаев, not the university)."""
    return abbreviation[-1] in (_COLLEGE_KIND_LETTERS if level == "college"
                                else _HIGHER_KIND_LETTERS)


def _by_eponym(value: str, directory: Directory) -> _Result | None:
    """ "КГУ им. Коркыт Ата", "Жетысуский университет им. И. Жансугурова": named after one person."""
    rest, person = _split_eponym(value)
    # a firm (ТОО, LLP) named after the person is not the university named after them
    if not person or shape_of(value).firm or not (entry_id := _named_after(person, directory)):
        return None
    text = _GLUED_IM.sub(" им.", clean_text(value))
    lower = text == text.casefold()
    abbreviations = {
        fold(token) for token in re.findall(r"\w+", text)
        if len(token) <= UNKNOWN_ABBR_MAX_LEN
        and (sum(ch.isupper() for ch in token) >= 2 or lower and _lower_abbreviation(token))
    }
    if _rest_fits(rest, abbreviations, entry_id, directory):
        return _Result(entry_id, "eponym", 100.0)
    return None


def _shape_says_enough(shape) -> bool:
    """A shape that names a kind of place, its town and a word of its own."""
    return bool(shape.kinds and shape.city and shape.words)


def _by_shape(value: str, directory: Directory) -> _Result | None:
    """The one entry whose name has this spelling's shape: its kind, its town and its
    words, read alike in three languages and in any order (shapes)."""
    shape = shape_of(value)
    if _shape_says_enough(shape) and (entry_id := directory.shape_keys.get(shape.key)):
        return _Result(entry_id, "exact", 97.0)
    return None


SHORT_STEM = 3  # "хим", "мех"
MAX_SHORTENED_WORDS = 4


def _by_shortened_words(value: str, directory: Directory) -> _Result | None:
    """ "Павлодарский хим-мех колледж": the one entry of this kind and town whose shape has
    as many words, each begun by one typed word of SHORT_STEM letters or more."""
    shape = shape_of(value)
    if not _shape_says_enough(shape) or len(shape.words) > MAX_SHORTENED_WORDS:
        return None
    place = shape.key.rpartition("|")[0] + "|"
    ids = {entry_id for key, entry_id in directory.shape_keys.items()
           if key.startswith(place) and _begins_each(shape.words, key[len(place):].split())}
    return _Result(ids.pop(), "fuzzy", 95.0) if len(ids) == 1 else None


def _begins_each(typed: Sequence[str], known: Sequence[str]) -> bool:
    """Whether each typed word begins its own one of the known words, one at least short."""
    return len(typed) == len(known) and typed != known and all(
        len(word) >= SHORT_STEM for word in typed) and any(
        all(k.startswith(t) for t, k in zip(typed, order))
        for order in itertools.permutations(known))


def _lower_abbreviation(word: str) -> bool:
    """A short word that may be a higher school's abbreviation typed in lower case ("ку им.
    коркыт ата"): it ends in the letter of its kind (университет, институт, академия), as a
    legal form (тоо, кгкп) or a school's (сш) does not."""
    return (len(word) <= LOWER_ABBR_MAX_LEN and word[-1] in _HIGHER_KIND_LETTERS
            and word not in _FUNCTION_WORDS)


def _by_person_university(value: str, directory: Directory) -> _Result | None:
    """ "Auezov University", "Козыбаев университеті", "Пед университет Маргулана": a person's
    name and "university", in any script, naming exactly one directory entry's eponym, and
    maybe words of that entry's own names (педагогический)."""
    words = _name_words(value)
    rest = [w for w in words if w not in _GENERIC_WORDS]
    person = [w for w in rest if _eponym_ids(latin_skeleton(w), directory)]
    if len(rest) == len(words) or not 1 <= len(person) <= 2:
        return None
    fits = frozenset.intersection(*(_eponym_ids(latin_skeleton(w), directory) for w in person))
    if len(fits) == 1 and _rest_fits([w for w in rest if w not in person], set(),
                                     entry_id := next(iter(fits)), directory):
        return _Result(entry_id, "eponym", 100.0)
    return None


@lru_cache(maxsize=65536)  # the same few names are typed in thousands of answers
def _eponym_ids(typed: str, directory: Directory) -> frozenset[str]:
    """The entries with an eponym word that this word (spelled in Latin) may be."""
    return frozenset(i for i, skeletons in directory.eponym_skeletons.items()
                     if any(_same_person_word(typed, known) for known in skeletons))


@lru_cache(maxsize=4)
def _joined_choices(directory: Directory) -> tuple[str, ...]:
    """The joined keys as the sequence rapidfuzz compares with, made once per directory."""
    return tuple(directory.joined_keys)


def _by_joined_words(value: str, directory: Directory) -> _Result | None:
    """Words glued or split by a typo ("медицинскийуниверситет", "EurasianN ational"), plus at
    most one more typo in a long name, when no other institution is within two typos."""
    key = "".join(_name_words(value))
    if (entry_id := directory.joined_keys.get(key)) and _city_fits(value, key, directory):
        return _Result(entry_id, "fuzzy", 99.0)
    if len(key) < JOINED_TYPO_MIN_LEN:
        return None
    near = process.extract(
        key, _joined_choices(directory), scorer=OSA.distance, score_cutoff=2, limit=None
    )
    near = [n for n in near if _city_fits(value, n[0], directory)]
    ids = {directory.joined_keys[choice] for choice, _, _ in near}
    if len(ids) == 1 and min(d for _, d, _ in near) <= 1:
        choice = min(near, key=lambda n: n[1])[0]
        if _DIGITS.findall(choice) == _DIGITS.findall(key):
            return _Result(ids.pop(), "fuzzy", 98.0)
    return None


def _is_slip(typed: str, known: str) -> bool:
    """One letter missing, extra or swapped: "КЗНУ", "Нарохз". A replaced letter is not a slip:
    in an abbreviation it usually stands for another word ("ТГПУ" is not "ПГПУ"), nor is a
    first letter more or less: it is most often the town's (УКВПК, Усть-Каменогорский, is not
    КВПК, Карагандинский)."""
    return Indel.distance(typed, known) == 1 and typed[:1] == known[:1] or (
        len(typed) == len(known) and sorted(typed) == sorted(known)
        and OSA.distance(typed, known) == 1
    )


def _by_spaced_abbreviation(value: str, directory: Directory) -> _Result | None:
    """ "Alma U", "Каз НУ": an abbreviation typed with a space inside."""
    words = clean_text(value).split()
    joined = "".join(words)
    if not 2 <= len(words) <= 3 or len(joined) > UNKNOWN_ABBR_MAX_LEN or not joined.isalpha():
        return None
    entry_id = directory.abbr_keys.get(abbr_key(joined))
    if entry_id and _case_fits(joined, directory.by_id[entry_id]) \
            and _abbreviation_fits(joined, directory.by_id[entry_id]):
        return _Result(entry_id, "abbr", 95.0)
    return None


def _by_abbr_typo(value: str, directory: Directory) -> _Result | None:
    """A one-word value one slip away from one institution's abbreviation, and one edit away
    from no other institution's; or its abbreviation without the lowercase vowels ("КзНУ")."""
    words = fold(value).split()
    if len(words) != 1 or len(words[0]) < ABBR_TYPO_MIN_LEN:
        return None
    typed = words[0]
    if entry_id := directory.vowelless.get(typed):
        return _Result(entry_id, "abbr", 95.0)
    near = process.extract(
        typed, directory.short_forms, scorer=OSA.distance, score_cutoff=1, limit=None
    )
    ids = {directory.short_form_ids[index] for _, _, index in near}
    # A college's abbreviation is its town's and its words' initials, in any order: two
    # letters swapped are most often another town's college (КПВК, Костанайский
    # политехнический высший, beside КВПК, Карагандинский высший политехнический).
    if len(ids) == 1 and any(_is_slip(typed, form) for form, _, _ in near) \
            and directory.levels[next(iter(ids))] != "college":
        return _Result(ids.pop(), "abbr", 90.0)
    return None


def _candidates(key: str, directory: Directory) -> list[tuple[str, float, str]]:
    """(id, strict score, choice) best first, one per institution."""
    best: dict[str, tuple[float, str]] = {}
    for choice, score, index in process.extract(
        key, directory.choices, scorer=fuzz.ratio, limit=CANDIDATES
    ):
        entry_id = directory.choice_ids[index]
        if entry_id not in best:
            best[entry_id] = (score, choice)
    return sorted(((i, s, c) for i, (s, c) in best.items()), key=lambda t: (-t[1], t[0]))


@lru_cache(maxsize=65536)
def _match_value(value: str, directory: Directory, threshold: float) -> _Result:
    for rule in (_exact_or_abbr, _by_segments, _by_host, _by_eponym, _by_subunit_words,
                 _by_shape, _by_shortened_words, _by_person_university, _by_joined_words,
                 _by_spaced_abbreviation, _by_abbr_typo):
        if (found := rule(value, directory)) and not _elsewhere(value, found.id, directory):
            return found
    key = name_key(value)
    if not key:
        return _Result("", "unmatched", 0.0)
    candidates = [c for c in _candidates(key, directory)
                  if _city_fits(value, c[2], directory)
                  and not _elsewhere(value, c[0], directory)]
    plausible = [c for c in candidates if same_words(key, c[2])]
    if plausible and plausible[0][1] >= threshold:
        runner_up = plausible[1][1] if len(plausible) > 1 else 0.0
        if plausible[0][1] - runner_up >= AMBIGUITY_MARGIN:
            return _Result(plausible[0][0], "fuzzy", round(plausible[0][1], 1))
    return _Result("", "unmatched", round(candidates[0][1], 1) if candidates else 0.0)


def _city_fits(value: str, key: str, directory: Directory) -> bool:
    """A name key that left a city out (Directory.city_bound) fits a spelling in that city
    only: "Высший медицинский колледж г. Кокшетау" is not Жезказган's, nor is one that
    says no city (there is one in many towns)."""
    bound = directory.city_bound.get(key)
    return not bound or shape_of(value).city == bound


def _elsewhere(value: str, entry_id: str, directory: Directory) -> bool:
    """The spelling names a city and the entry, a college, is in another one: colleges of one
    name are in many towns, while a university's name is its own ("КазНУ, г. Астана" is
    КазНУ, written from Астана)."""
    entry = directory.by_id[entry_id]
    if not entry.city or directory.levels[entry_id] != "college":  # most matches: at once
        return False
    city = shape_of(value).city
    return bool(city) and known_city(entry.city) != city


def _domain_supported(value: str, owner: str, directory: Directory) -> float:
    """How well the value fits the institution its e-mail domain belongs to."""
    key = name_key(value)
    spellings = [name_key(n) for n in directory.by_id[owner].names]
    spellings += [fold(a) for a in directory.by_id[owner].abbr]
    return max(max(fuzz.ratio(key, s), fuzz.token_set_ratio(key, s)) for s in spellings)


def _resolve_alias(canonical: str, directory: Directory) -> _Result:
    if canonical in directory.by_id:
        return _Result(canonical, "alias", 100.0)
    if found := _exact_or_abbr(canonical, directory):
        return _Result(found.id, "alias", 100.0)
    return _Result("", "alias", 100.0, canonical=clean_text(canonical))


# At most so many "?" a Windows-1251 file left for Kazakh letters (text.LOST_AS) are guessed
# in one answer ("?аз?У": ҚазҰУ).
_MAX_LOST = 3  # 9³ spellings tried, a tenth of a second; more would take seconds
# a "?" beside a Cyrillic letter: a Windows-1251 file's "?" stands among Cyrillic ones
_LOST_HERE = re.compile(r"(?<=[а-яёәғқңөұүһі])\?|\?(?=[а-яёәғқңөұүһі])", re.IGNORECASE)
_MIN_LETTERS_KEPT = 2  # "?У" is too little to say which place it was


def _with_lost_letters(value: str, directory: Directory) -> _Result | None:
    """The one directory entry a spelling names once each "?" between letters is read as a
    Kazakh letter the file lost ("Академик Е.А. Б?кетов атында?ы ?ара?анды университеті",
    "?аз?У"), by the rules that read a name as it is typed (no fuzzy guess); else None."""
    if sum(ch.isalpha() for ch in value) < _MIN_LETTERS_KEPT:
        return None
    spots = [found.start() for found in _LOST_HERE.finditer(value)]
    if len(spots) > _MAX_LOST:  # those inside words then: a word's first letter tells less
        spots = [i for run in LOST_LETTERS.finditer(value) for i in range(*run.span())]
    if len(spots) > _MAX_LOST:
        return None
    # a capital where the word begins or goes on in capitals ("?аз?У"), else a small letter
    upper = [i == 0 or not value[i - 1].isalpha() or value[i + 1:i + 2].isupper()
             for i in spots]
    found: dict[str, _Result] = {}
    spelled = list(value)
    for letters in itertools.product(LOST_AS, repeat=len(spots)):
        for spot, letter, capital in zip(spots, letters, upper):
            spelled[spot] = letter.upper() if capital else letter
        candidate = "".join(spelled)
        for rule in (_exact_or_abbr, _by_eponym, _by_shape):
            if result := rule(candidate, directory):
                found.setdefault(result.id, result)
                break
    return next(iter(found.values())) if len(found) == 1 else None


_LOST_WORD = re.compile(r"[^\W\d_?]*\?[^\W\d_?]*(?:\?[^\W\d_?]*)*")
_KAZAKH_LETTER = f"[{LOST_AS}]"  # one "?" for one of them


def _lost_words_read(value: str, directory: Directory) -> str:
    """The spelling with each word whose Kazakh letters a file lost ("атында?ы", "?ара?анды")
    read as the one word of the directory's names it fits, each "?" one Kazakh letter
    (атындағы, Қарағанды); a word that fits none, or two, is left as typed. Reads an answer
    with more "?" than _with_lost_letters tries, and a faculty beside the name."""
    words = _directory_words(directory)

    def read(found: re.Match) -> str:
        typed = found.group(0)
        if sum(ch.isalpha() for ch in typed) < _MIN_WORD_LETTERS:
            return typed
        pattern = re.compile("".join(_KAZAKH_LETTER if ch == "?" else re.escape(ch)
                                     for ch in typed.lower()))
        fits = {word for word in words.get(len(typed), ()) if pattern.fullmatch(word)}
        if len(fits) != 1:
            return typed
        word = fits.pop()
        return "".join(ch if ch != "?" else (word[i].upper() if i == 0 or typed[i + 1:i + 2]
                                             .isupper() else word[i])
                       for i, ch in enumerate(typed))

    return _LOST_WORD.sub(read, value)


_MIN_WORD_LETTERS = 3  # a word's letters beside its "?": "?У" is too little


@lru_cache(maxsize=4)
def _directory_words(directory: Directory) -> dict[int, frozenset[str]]:
    """The words of the directory's names, lower case, by their length."""
    by_length: dict[int, set[str]] = defaultdict(set)
    for entry in directory.by_id.values():
        for name in entry.names:
            for word in re.findall(r"[^\W\d_]+", name.lower()):
                by_length[len(word)].add(word)
    return {length: frozenset(found) for length, found in by_length.items()}


def _match_pair(
    value: str, domain: str, directory: Directory, aliases: Aliases, threshold: float,
    known: Mapping[str, _Result],
) -> _Result:
    owner = _domain_owner(domain, directory) if domain else None
    value = compared(value)
    if is_blank(value):
        return _Result(owner, "domain", 100.0) if owner else _Result("", "blank", 0.0)
    if (canonical := aliases.lookup("institution", value)) is not None:
        return _resolve_alias(canonical, directory)
    result = known.get(value) or _match_value(value, directory, threshold)
    if result.match == "unmatched" and _LOST_HERE.search(value):
        result = _with_lost_letters(value, directory) or result
        if result.match == "unmatched" and (read := _lost_words_read(value, directory)) != value:
            result = _match_value(read, directory, threshold)  # "Б?кетов атында?ы ?ара?анды"
    if result.match == "unmatched" and owner:
        score = _domain_supported(value, owner, directory)
        if score >= DOMAIN_SUPPORTED_MIN:
            return _Result(owner, "domain", round(score, 1))
    return result


# --- suggestions of the right kind ------------------------------------------------------------

def _group_level(spellings: Sequence[str]) -> str:
    """What kind of place a group of spellings names: the level its spellings say (school,
    college, higher, other), "" when none says, "mixed" when they disagree."""
    levels = {level for s in spellings if (level := shape_of(s).level)}
    return levels.pop() if len(levels) == 1 else "mixed" if levels else ""


def _suggestions(value: str, level: str, directory: Directory) -> tuple[str, str, str]:
    """Up to SUGGESTIONS directory entries of the group's kind, best first, by their
    Russian, Kazakh and English names ("" when none): a school is offered none (the
    directory holds no schools), a college only colleges, anything else only universities;
    none below SUGGEST_MIN, which would only be noise, and none in another city than the
    spelling names. A numbered place (Колледж №5) is none of the directory's."""
    key = name_key(value)
    shape = shape_of(value)
    if not key or level in ("school", "other", "mixed") or shape.numbers:
        return NO_SUGGESTIONS
    fitting = "college" if level == "college" else "higher"
    best: dict[str, float] = {}
    for _, score, index in process.extract(
        key, directory.choices, scorer=fuzz.ratio, limit=CANDIDATES * 3, score_cutoff=SUGGEST_MIN
    ):
        entry = directory.by_id[directory.choice_ids[index]]
        elsewhere = shape.city and entry.city and known_city(entry.city) != shape.city
        if directory.levels[entry.id] == fitting and not elsewhere:
            best.setdefault(entry.id, score)
    top = sorted(best.items(), key=lambda t: (-t[1], t[0]))[:SUGGESTIONS]
    return tuple("; ".join(getattr(directory.by_id[i], lang) for i, _ in top)
                 for lang in ("ru", "kk", "en"))


def _fitting_entries(spellings: Sequence[str], directory: Directory) -> frozenset[str]:
    """Directory entries a group of unknown spellings may learn to be: same level, no number."""
    level = _group_level(spellings)
    if any(shape_of(s).numbers for s in spellings) or level in ("school", "other", "mixed"):
        return frozenset()
    return directory.ids_of_level["college" if level == "college" else "higher"]


@lru_cache(maxsize=4)
def _shapes_by_place(directory: Directory) -> dict[tuple[frozenset[str], str], list]:
    """{(kinds, town): [(id, shape)]} of the directory's names, made once per directory."""
    found: dict[tuple[frozenset[str], str], list] = defaultdict(list)
    for entry_id, entry in directory.by_id.items():
        for name in entry.names:
            shape = shape_of(name)
            found[(shape.kinds, shape.city)].append((entry_id, shape))
    return found


def _taught_by_names(shown: Mapping[str, str], spellings: Mapping[str, list[str]],
                     directory: Directory, named_by: Callable[[Sequence[str]], frozenset[str]],
                     named_at: Callable[[str], frozenset[str]]) -> dict[str, str]:
    """{unknown group: directory id} where the group's name says less than the entry's, of
    its kind and town ("Карагандинский политех колледж" of "Карагандинский высший
    политехнический колледж"), and MIN_CLASSMATES of its people's names were typed at that
    entry, at none other it may be (field test FD: a curator's list and the students' form,
    each spelling the college its own way)."""
    taught = {}
    for group, name in shown.items():
        shape = shape_of(name)
        if not (shape.kinds and shape.city):
            continue
        fitting = _fitting_entries(spellings[group], directory)
        places = sorted({entry_id for entry_id, fuller in
                         _shapes_by_place(directory).get((shape.kinds, shape.city), ())
                         if entry_id in fitting and contains(fuller, shape)})
        if not places:
            continue
        mine = named_by(spellings[group])
        shared = {entry_id: len(mine & named_at(entry_id)) for entry_id in places}
        sharing = [entry_id for entry_id, count in shared.items() if count]
        if len(sharing) == 1 and shared[sharing[0]] >= MIN_CLASSMATES:
            taught[group] = sharing[0]
    return taught


def _named_places(results: Mapping[tuple[str, str], _Result], directory: Directory
                  ) -> dict[str, tuple[str, list[str]]]:
    """{directory id: (its town, its names in three languages)} for the places the answers
    name, which an unknown abbreviation may stand for (sync.normalize.clusters)."""
    named = {result.id for result in results.values() if result.id and result.match != "domain"}
    return {entry.id: (known_city(entry.city) or "", [entry.ru, entry.kk, entry.en])
            for entry in map(directory.by_id.__getitem__, sorted(named))}


def _placeable(value: str, result: _Result) -> bool:
    """An unknown school or college that names no city of its own: the row's city tells it
    apart (№12 мектеп in Өскемен and in Тараз, a Политехнический колледж in many towns). A
    university's name is its own, wherever its people live."""
    if result.match != "unmatched":
        return False
    shape = shape_of(value)
    return not shape.city and shape.level in ("school", "college")


def _in_city(spelling: str, city: str) -> str:
    """The spelling as it would be written with its city ("школа №12, Тараз")."""
    return f"{spelling}, {city}" if city else spelling


# --- the public functions ---------------------------------------------------------------------

def institution_results(values: Sequence[str], directory: Directory, threshold: float = 90.0
                        ) -> dict[str, _Result]:
    """What each distinct answer names in the directory by its words alone (no alias, no
    e-mail domain), to hand match_institutions as `known`: the slowest part of matching."""
    answers = {compared(v) for v in values if isinstance(v, str)}
    return {a: _match_value(a, directory, threshold) for a in answers if not is_blank(a)}


def match_institutions(
    values: Sequence[str],
    emails: Sequence[str],
    directory: Directory,
    aliases: Aliases,
    threshold: float = 90.0,
    people: People | None = None,
    known: Mapping[str, _Result] | None = None,
    cities: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per value (same order): the directory entry it names, or its group of spellings.

    Columns: institution, institution_kk, institution_en, institution_id, institution_match
    (alias/exact/abbr/eponym/fuzzy/domain/learned/unmatched/blank), institution_score,
    institution_suggestions (and _kk, _en: the same entries by their Kazakh and English
    names), institution_city. Unmatched values get id "?" + their group's
    key (sync.normalize.clusters) and are shown under the group's most common spelling.
    `people`: who is who among the rows (learning.People); with it, an unknown spelling
    learns its institution from the person's other answers. `known`: institution_results
    worked out ahead, for some answers or all. `cities`: each row's known city ("" when
    none): an unknown school or college that names no city is taken to be in it.
    """
    texts = [v if isinstance(v, str) else "" for v in values]
    domain_of = {email: email_domain(email) for email in dict.fromkeys(emails)}
    domains = [domain_of[emails[i]] if i < len(emails) else "" for i in range(len(texts))]
    unique_pairs = dict.fromkeys(zip(texts, domains))  # ~10,000 among 100,000 rows
    results = {
        pair: _match_pair(pair[0], pair[1], directory, aliases, threshold, known or {})
        for pair in unique_pairs
    }
    # (answer, domain, the row's city where it places an unknown school or college)
    placed = {v for (v, d), r in results.items() if _placeable(v, r)} if cities else set()
    triples = [(v, d, cities[i] if v in placed else "")
               for i, (v, d) in enumerate(zip(texts, domains))]

    spelling_of = {(v, c): _in_city(clean_text(compared(v)), c)
                   for v, d, c in dict.fromkeys(triples) if results[(v, d)].match == "unmatched"}
    unmatched_rows = Counter(spelling_of[(v, c)] for v, d, c in triples
                             if (v, c) in spelling_of and results[(v, d)].match == "unmatched")
    rows_of: dict[str, list[int]] = defaultdict(list)
    if people is not None:
        for row, (v, d, c) in enumerate(triples):
            if (v, c) in spelling_of and results[(v, d)].match == "unmatched":
                rows_of[spelling_of[(v, c)]].append(row)

    def named_by(spellings: Sequence[str]) -> frozenset[str]:
        return people.named_at(row for spelling in spellings for row in rows_of[spelling])

    def named_in_class_by(spellings: Sequence[str]) -> frozenset[str]:
        return people.named_in_class_at(row for spelling in spellings for row in rows_of[spelling])

    groups = cluster_unknown(unmatched_rows, _named_places(results, directory),
                             named_by if people is not None else None,
                             named_in_class_by if people is not None else None)

    owners = {d: _domain_owner(d, directory) or "" for d in set(domains) if d}
    # what teaches: the rows of unknown spellings, and the other rows of their people
    unknown = {pair for pair in unique_pairs if results[pair].match == "unmatched"}
    unknown_rows = [row for row, (v, d, _) in enumerate(triples) if (v, d) in unknown]
    persons = people.around(unknown_rows) if people is not None and unknown_rows else {}
    asked = {persons[row] for row in unknown_rows if row in persons}
    evidence = (
        (groups[spelling_of[(v, c)]][0] if (v, d) in unknown else "",
         results[(v, d)].id if results[(v, d)].match not in ("domain", "unmatched") else "",
         persons.get(row, ""), owners.get(d, ""))
        for row, (v, d, c) in enumerate(triples) if (v, d) in unknown or persons.get(row) in asked
    )
    shown = {group: name for group, name, _ in groups.values()}
    spellings: dict[str, list[str]] = defaultdict(list)
    for spelling, (group, _, _) in groups.items():
        spellings[group].append(spelling)
    abbreviated = {group: entry for group, _, entry in groups.values() if entry}
    learned = abbreviated | learn_institutions(
        evidence, {g: _fitting_entries(spellings[g], directory)
                   for g in shown if g not in abbreviated})
    if people is not None:
        @lru_cache(maxsize=1)
        def rows_at() -> dict[str, list[int]]:  # directory id: its rows, once asked
            found: dict[str, list[int]] = defaultdict(list)
            for row, (v, d, _) in enumerate(triples):
                if results[(v, d)].id and results[(v, d)].match != "domain":
                    found[results[(v, d)].id].append(row)
            return found

        def named_at(entry_id: str) -> frozenset[str]:
            return people.named_at(rows_at().get(entry_id, ()))

        learned |= _taught_by_names({g: name for g, name in shown.items() if g not in learned},
                                    spellings, directory, named_by, named_at)
    suggestions = {g: _suggestions(name, _group_level(spellings[g]), directory)
                   for g, name in shown.items() if g not in learned}

    def row(value: str, domain: str, city: str) -> tuple:
        result = results[(value, domain)]
        if result.match == "unmatched" and (
                entry_id := learned.get(group := groups[spelling_of[(value, city)]][0])):
            result = _Result(entry_id, "abbr" if group in abbreviated else "learned", result.score)
        if result.id:
            e = directory.by_id[result.id]
            return (e.ru, e.kk, e.en, e.id, result.match, result.score, *NO_SUGGESTIONS, e.city)
        if result.canonical:
            name = result.canonical
            return (name, name, name, "?" + (name_key(name) or fold(name)), "alias", 100.0,
                    *NO_SUGGESTIONS, "")
        if result.match == "blank":
            return ("", "", "", "", "blank", 0.0, *NO_SUGGESTIONS, "")
        group, name, _ = groups[spelling_of[(value, city)]]
        return (name, name, name, "?" + group, "unmatched", result.score, *suggestions[group],
                shape_of(name).city)

    frame = per_unique(triples, row, list(COLUMNS), values)
    frame["institution_score"] = frame["institution_score"].astype(float)
    return frame
