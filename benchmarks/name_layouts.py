"""Held-out check of names in any layout: do a person's registrations meet, and only theirs?

A few hundred invented people register one to three times each, through three sources:
a form that asks surname / first name / patronymic in separate questions (typed with the
usual slips: "нет" or "-" for no patronymic, the whole name in one cell, first and last name
swapped), a form with one full-name question, and the organizers' e-mail list. Each time a
person picks a way of writing their name: Cyrillic with or without Kazakh letters, the 2021
Kazakh Latin alphabet, a passport or an informal Latin spelling, initials before or after,
capitals, no spaces. Every repeat shares an e-mail or a phone with an earlier registration
of the same person, so what dedup misses is what it did not read in the names.

Traps that must never merge: namesakes (same first and last name, other contacts), siblings
sharing a phone (same surname and patronymic), and teachers registering their students from
their own e-mail and phone.

The name lists and spellings below are written for this check, apart from synth.py and
from sync/, so that it measures rules that were not tuned to them.

    uv run python benchmarks/name_layouts.py --people 400 --seed 1
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

# --- names (Cyrillic with Kazakh letters; a "/" gives a Russian-keyboard spelling) ---------

_KZ_MALE = ("Ақжол Әлібек Ғабит Дастан Ерғали Жандос Қуаныш Мейіржан Нұрбол Рауан Сұңқар "
            "Ұлан Шыңғыс Абылай Бекарыс Олжас Серікбол Жәнібек Мұхтар Айдос Бауыржан Ерасыл "
            "Темірлан Ілияс Әділет Қайсар Нұржан Ғалымжан Еркебұлан Талғат").split()
_KZ_FEMALE = ("Ақерке Әйгерім Гүлназ Дариға Еркежан Жансая Іңкәр Қарлығаш Меруерт Нұргүл "
              "Сәния Толқын Ұлдана Шынар Айжан Аяжан Дильназ Ақмарал Балнұр Әсем Гүлім Қамила "
              "Назым Жұлдыз Мөлдір Айым Дәметкен Ұлпан Жазира Індира").split()
_KZ_SURNAMES = ("Қасенов Әлиев Бектұрсынов Жақыпов Ғаббасов Нұрғалиев Өтебаев Сүлейменов "
                "Тұяқбаев Шәкенов Ысқақов Құсайынов Әбдіқадыров Жүнісов Бөкейханов Мұсабаев "
                "Тоқаев Сәрсенов Үсенов Ералиев Ғазизов Қожахметов Бейсенов Жұмағалиев "
                "Серғазин Оразбеков Дүйсенбеков Жылқыбаев Әбішев Мақашев").split()
# Surnames that are not -ов/-ев/-ин and do not change for women.
_KZ_PLAIN_SURNAMES = "Сейітқали Жұмағали Нұрмағамбет Әбілқайыр Бекмұхамбет Төлеген".split()
_KZ_FATHERS = "Серік Қайрат Ерлан Болат Нұрлан Ғалым Асқар Мұрат Бақыт Дәулет Жарас Әділ".split()
_RU_MALE = "Юрий Ярослав Фёдор Евгений Георгий Вячеслав Семён Тимофей Кирилл Степан".split()
_RU_FEMALE = "Яна Юлия Евгения Ксения Людмила Татьяна Ульяна Софья Дарья Злата".split()
_RU_SURNAMES = ("Сергеев Григорьев Васильев Яковлев Ершов Щербаков Жуков Чернов Юдин "
                "Соловьёв Зайцев Медведев Журавлёв Воробьёв Тихонов").split()
_RU_FATHERS = "Юрий Сергей Андрей Алексей Василий Игорь Анатолий Валентин Евгений".split()

# Kazakh letters as a Russian keyboard types them.
_RUSSIAN_LETTERS = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")

# The 2021 Kazakh Latin alphabet (one letter each; И and Й are İ i, І is I ı, Ы is Y y).
_LATIN_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
    "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şş", "ъ": "",
    "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
_LATIN_2021_UPPER = {"и": "İ", "й": "İ", "і": "I"}
# Passports (ICAO 9303 as Kazakhstan applies it): Kazakh letters as their plain ones.
_PASSPORT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "ie", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
# How people write their own name in Latin letters when no office tells them how.
_INFORMAL = _PASSPORT | {"ж": "j", "х": "h", "й": "y", "ю": "yu", "я": "ya", "ё": "yo",
                         "ъ": "", "щ": "sch", "қ": "q", "ғ": "gh"}

PLACEHOLDERS = ("нет", "-", "отсутствует", "жоқ", "no", "n/a", "—", "нету", "None", "х",
                "не имеется", "жок", ".")

SPLIT, SINGLE, EMAIL = "split", "single", "email"
_SOURCE_HEADERS = {
    SPLIT: ("Отметка времени", "Фамилия", "Имя", "Отчество (при наличии)", "Эл. почта",
            "Телефон", "Место учебы"),
    SINGLE: ("Timestamp", "Аты-жөні", "Email", "Phone", "University"),
    EMAIL: ("ФИО", "E-mail", "Телефон", "Организация"),
}
_MAPPINGS = {
    SPLIT: {"submitted_at": "Отметка времени", "last_name": "Фамилия", "first_name": "Имя",
            "middle_name": "Отчество (при наличии)", "email": "Эл. почта",
            "phone": "Телефон", "institution": "Место учебы"},
    SINGLE: {"submitted_at": "Timestamp", "full_name": "Аты-жөні", "email": "Email",
             "phone": "Phone", "institution": "University"},
    EMAIL: {"full_name": "ФИО", "email": "E-mail", "phone": "Телефон",
            "institution": "Организация"},
}
_MOBILE = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")
INSTITUTIONS = ("КазНУ им. аль-Фараби", "ЕНУ им. Л.Н. Гумилева", "Satbayev University",
                "КарУ им. Букетова", "Торайгыров университет", "ЮКУ им. М. Ауэзова")
# Shares of the traps among the people made.
NAMESAKE_SHARE = 0.06
SIBLING_SHARE = 0.05
TEACHER_SHARE = 0.06  # teachers who send in 2-4 students from their own e-mail and phone
DOUBLE_SURNAME_SHARE = 0.04
PATRONYMIC_SHARE = 0.75
# A person registers once more with this chance, then once more again with the same.
REPEAT_CHANCE = 0.55


@dataclass
class Person:
    pid: str
    surname: str  # Cyrillic, Kazakh letters where the name has them
    first: str
    patronymic: str  # "" when none
    father: str  # whose name the patronymic is made of (siblings share it)
    email: str
    phone: str
    institution: str
    trap: str = ""  # namesake, sibling, student: what must not merge this person wrongly


@dataclass
class Row:
    source: str
    cells: dict[str, str]
    pid: str
    style: str


@dataclass
class Generated:
    tables: dict[str, list[list[str]]]  # source -> rows of cells (headers in _SOURCE_HEADERS)
    truth: pd.DataFrame  # source, source_row, person_id, style, trap
    people: list[Person] = field(default_factory=list)


# --- spellings ----------------------------------------------------------------------------

def _spell(word: str, table: dict[str, str], upper: dict[str, str] | None = None) -> str:
    out = []
    for ch in word:
        low = ch.lower()
        if ch != low and upper and low in upper:
            out.append(upper[low])
            continue
        latin = table.get(low, ch)
        out.append(latin[:1].upper() + latin[1:] if ch != low else latin)
    return "".join(out)


def latin_2021(word: str) -> str:
    return _spell(word, _LATIN_2021, _LATIN_2021_UPPER)


def passport(word: str) -> str:
    """ICAO, plus the habits of older passports: Ye- at the start, -yev after a vowel."""
    text = _spell(word, _PASSPORT)
    if word[:1] in "ЕЕ" and word[:1].isupper():
        text = "Ye" + text[1:]
    return text.replace("aev", "ayev").replace("iev", "iyev").replace("eev", "eyev")


def informal(word: str) -> str:
    text = _spell(word, _INFORMAL)
    return text.replace("ii", "iy") if text.endswith("ii") else text


SCRIPTS = {
    "kazakh": lambda w: w,
    "russian_letters": lambda w: w.translate(_RUSSIAN_LETTERS),
    "latin_2021": latin_2021,
    "passport": passport,
    "informal": informal,
}
_SCRIPT_WEIGHTS = {"kazakh": 3, "russian_letters": 4, "latin_2021": 1.5, "passport": 1.5,
                   "informal": 1}


# Ways of writing a name in one cell, by how often people use them: initials about a fifth.
_LAYOUT_WEIGHTS = {"lfp": 4, "fl": 2, "lf": 2, "fpl": 1, "initials_after": 1.2,
                   "initials_after_spaced": 0.6, "initials_before": 0.6, "one_initial": 0.6,
                   "no_spaces": 1, "caps_surname": 1.5}


def _words(p: Person, script: str) -> tuple[str, str, str]:
    spell = SCRIPTS[script]
    def each(name: str) -> str:
        return " ".join("-".join(spell(part) for part in w.split("-")) for w in name.split())
    return each(p.surname), each(p.first), each(p.patronymic) if p.patronymic else ""


def _initial(word: str) -> str:
    return word[:2] + "." if word[:2] in ("Zh", "Sh", "Ch", "Kh") else word[:1] + "."


def single_name(p: Person, rng: random.Random) -> tuple[str, str]:
    """(name as typed in one cell, style label)."""
    script = rng.choices(list(_SCRIPT_WEIGHTS), list(_SCRIPT_WEIGHTS.values()))[0]
    last, first, patr = _words(p, script)
    if patr and rng.random() < 0.25:
        patr = ""  # left out this time
    layout = rng.choices(list(_LAYOUT_WEIGHTS), list(_LAYOUT_WEIGHTS.values()))[0]
    if layout == "lfp":
        text = " ".join(x for x in (last, first, patr) if x)
    elif layout == "fl":
        text = f"{first} {last}"
    elif layout == "lf":
        text = f"{last} {first}"
    elif layout == "fpl":
        text = " ".join(x for x in (first, patr, last) if x)
    elif layout == "initials_after":
        text = f"{last} {_initial(first)}" + (_initial(patr) if patr else "")
    elif layout == "initials_after_spaced":
        text = f"{last} {_initial(first)}" + (f" {_initial(patr)}" if patr else "")
    elif layout == "initials_before":
        text = _initial(first) + (_initial(patr) if patr else "") + f" {last}"
    elif layout == "one_initial":
        text = f"{last} {_initial(first)}"
    elif layout == "no_spaces":
        text = "".join(x for x in (last, first, patr) if x)
    else:  # caps_surname
        text = " ".join(x for x in (last.upper(), first, patr) if x)
    case = rng.random()
    if layout not in ("no_spaces", "caps_surname"):
        if case < 0.12:
            text = text.upper()
        elif case < 0.2:
            text = text.lower()
    return text, f"{script}/{layout}"


def split_cells(p: Person, rng: random.Random) -> tuple[tuple[str, str, str], str]:
    """(surname, first name, patronymic cells, style label) with the usual slips."""
    script = rng.choices(list(_SCRIPT_WEIGHTS), list(_SCRIPT_WEIGHTS.values()))[0]
    last, first, patr = _words(p, script)
    whole = " ".join(x for x in (last, first, patr) if x)
    empty = rng.choice(PLACEHOLDERS + ("", ""))
    slip = rng.choice(("none", "none", "placeholder", "whole_in_surname", "whole_in_first",
                       "swapped", "first_with_patronymic", "whole_everywhere"))
    if slip == "placeholder" or (slip == "none" and not patr):
        cells = (last, first, patr or empty)
    elif slip == "whole_in_surname":
        cells = (whole, rng.choice((first, "", empty)), rng.choice((patr, "", empty)))
    elif slip == "whole_in_first":
        cells = (rng.choice((last, "")), whole, rng.choice((patr, empty)))
    elif slip == "swapped":
        cells = (first, last, patr or empty)
    elif slip == "first_with_patronymic":
        cells = (last, f"{first} {patr}".strip(), rng.choice((patr, empty)) if patr else empty)
    elif slip == "whole_everywhere":
        cells = (whole, whole, rng.choice((whole, patr, empty)))
    else:
        cells = (last, first, patr)
    if rng.random() < 0.1:
        cells = tuple(c.upper() for c in cells)
    return cells, f"{script}/split_{slip}"


# --- people -------------------------------------------------------------------------------

def _female_surname(surname: str) -> str:
    if surname in _KZ_PLAIN_SURNAMES:
        return surname
    return surname + "а" if surname.endswith(("ов", "ев", "ёв", "ин")) else surname


def _patronymic(father: str, female: bool, kazakh: bool, rng: random.Random) -> str:
    if kazakh and rng.random() < 0.5:
        return father + ("қызы" if female else "ұлы")
    if father.endswith("ь"):  # Игорь -> Игоревич
        return father[:-1] + ("евна" if female else "евич")
    if father.endswith("ий"):
        stem = father[:-2] + "ь"
        return stem + ("евна" if female else "евич")
    if father.endswith("й"):
        return father[:-1] + ("евна" if female else "евич")
    return father + ("овна" if female else "ович")


class _Maker:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.count = 0
        self.emails: set[str] = set()
        self.phones: set[str] = set()

    def email(self, p_first: str) -> str:
        while True:
            address = f"{passport(p_first).lower()}.{self.rng.randrange(10**6)}@mail.kz"
            if address not in self.emails:
                self.emails.add(address)
                return address

    def phone(self) -> str:
        while True:
            number = f"+7 {self.rng.choice(_MOBILE)} {self.rng.randrange(10**7):07d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def person(self, trap: str = "", surname: str | None = None, first: str | None = None,
               female: bool | None = None, father: str | None = None,
               kazakh: bool | None = None) -> Person:
        rng = self.rng
        self.count += 1
        kazakh = rng.random() < 0.8 if kazakh is None else kazakh
        female = rng.random() < 0.55 if female is None else female
        if first is None:
            pool = (_KZ_FEMALE if female else _KZ_MALE) if kazakh else (
                _RU_FEMALE if female else _RU_MALE)
            first = rng.choice(pool)
        if surname is None:
            if kazakh:
                surname = rng.choice(_KZ_PLAIN_SURNAMES if rng.random() < 0.15 else _KZ_SURNAMES)
            else:
                surname = rng.choice(_RU_SURNAMES)
            if rng.random() < DOUBLE_SURNAME_SHARE:
                surname = f"{surname}-{rng.choice(_KZ_SURNAMES)}"
            if female:
                surname = "-".join(_female_surname(part) for part in surname.split("-"))
        father = father or rng.choice(_KZ_FATHERS if kazakh else _RU_FATHERS)
        patronymic = (_patronymic(father, female, kazakh, rng)
                      if rng.random() < PATRONYMIC_SHARE else "")
        return Person(f"P{self.count:04d}", surname, first, patronymic, father,
                      self.email(first), self.phone(), rng.choice(INSTITUTIONS), trap)


def people(maker: _Maker, n: int) -> tuple[list[Person], list[tuple[Person, Person]]]:
    """n people and, for teachers, (teacher, student) pairs sharing the teacher's contacts."""
    rng = maker.rng
    made: list[Person] = []
    taught: list[tuple[Person, Person]] = []
    while len(made) < n:
        p = maker.person()
        made.append(p)
        r = rng.random()
        if r < NAMESAKE_SHARE:
            made.append(maker.person("namesake", surname=p.surname, first=p.first,
                                     female=p.surname.endswith("а"),
                                     kazakh=p.first in _KZ_MALE + _KZ_FEMALE))
            p.trap = "namesake"
        elif r < NAMESAKE_SHARE + SIBLING_SHARE:
            female = rng.random() < 0.5
            kazakh = p.first in _KZ_MALE + _KZ_FEMALE
            surname = p.surname.removesuffix("а") if not female and p.surname.endswith(
                ("ова", "ева", "ина")) else p.surname
            if female:
                surname = "-".join(_female_surname(x) for x in surname.split("-"))
            sibling = maker.person("sibling", surname=surname, female=female, kazakh=kazakh,
                                   father=p.father)
            if sibling.first == p.first:
                sibling.first = rng.choice(_KZ_FEMALE if female else _KZ_MALE)
            sibling.phone = p.phone
            p.trap = "sibling"
            made.append(sibling)
        elif r < NAMESAKE_SHARE + SIBLING_SHARE + TEACHER_SHARE:
            # Students under one teacher's e-mail differ in surname or first initial, and in
            # first name by more than a slip: Жұмағали Д. beside Жұмағали Дариға, or Алия
            # beside Алина, would be one person to anyone, the organizers included.
            names = [(_stem(p.surname), p.first)]
            for _ in range(rng.randint(2, 4)):
                s = maker.person("student")
                if any((_stem(s.surname) == last and s.first[0] == first[0])
                       or _letters_apart(s.first, first) < 3 for last, first in names):
                    continue
                names.append((_stem(s.surname), s.first))
                s.institution = p.institution
                made.append(s)
                taught.append((p, s))
            p.trap = "teacher"
    return made, taught


def _stem(surname: str) -> str:
    """A surname without its feminine ending: a brother and a sister share it."""
    return surname.removesuffix("а") if surname.endswith(("ова", "ева", "ина")) else surname


def _letters_apart(a: str, b: str) -> int:
    """Levenshtein distance, small and plain (the check must not lean on sync's)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


# --- registrations ------------------------------------------------------------------------

def _row(p: Person, source: str, rng: random.Random, email: str, phone: str) -> Row:
    if source == SPLIT:
        (last, first, middle), style = split_cells(p, rng)
        cells = {"Фамилия": last, "Имя": first, "Отчество (при наличии)": middle}
    else:
        text, style = single_name(p, rng)
        cells = {"Аты-жөні" if source == SINGLE else "ФИО": text}
    contact = {SPLIT: ("Эл. почта", "Телефон", "Место учебы"),
               SINGLE: ("Email", "Phone", "University"),
               EMAIL: ("E-mail", "Телефон", "Организация")}[source]
    cells |= dict(zip(contact, (email, phone, p.institution)))
    return Row(source, cells, p.pid, style)


def generate(n_people: int = 400, seed: int = 1) -> Generated:
    maker = _Maker(seed)
    rng = maker.rng
    made, taught = people(maker, n_people)
    sources = (SPLIT, SINGLE, EMAIL)
    weights = (4, 4, 1)
    rows: list[Row] = []
    students = {s.pid for _, s in taught}
    for p in made:
        if p.pid in students:
            continue  # registered by their teacher, below
        registrations = 1
        while registrations < 3 and rng.random() < REPEAT_CHANCE:
            registrations += 1
        for number in range(registrations):
            source = rng.choices(sources, weights)[0]
            email, phone = p.email, p.phone
            if number:  # a repeat: shares the e-mail, the phone, or both
                kind = rng.random()
                if kind < 0.2:
                    email = maker.email(p.first)
                elif kind < 0.35:
                    phone = ""
            rows.append(_row(p, source, rng, email, phone))
    for teacher, student in taught:
        for _ in range(rng.randint(1, 2)):
            rows.append(_row(student, rng.choice((SPLIT, SINGLE)), rng, teacher.email,
                             teacher.phone))
    rng.shuffle(rows)
    tables: dict[str, list[list[str]]] = {s: [] for s in sources}
    truth = []
    for row in rows:
        table = tables[row.source]
        cells = [row.cells.get(h, "") for h in _SOURCE_HEADERS[row.source]]
        if row.source != EMAIL:
            cells[0] = f"2026-02-{1 + len(table) % 28:02d} 10:{len(table) % 60:02d}:00"
        table.append(cells)
        trap = next(p.trap for p in made if p.pid == row.pid)
        truth.append((row.source, len(table) + 1, row.pid, row.style, trap))
    return Generated(tables, pd.DataFrame(truth, columns=["source", "source_row", "person_id",
                                                         "style", "trap"]), made)


# --- measuring ----------------------------------------------------------------------------

def responses(data: Generated) -> pd.DataFrame:
    """Raw responses, read the way a run reads a source (header mapping given)."""
    from sync.responses import to_responses
    from sync.sources.table import build_table

    frames = []
    for source, rows in data.tables.items():
        table = build_table(source, source, [_SOURCE_HEADERS[source], *rows], "Asia/Almaty")
        frames.append(to_responses(table, _MAPPINGS[source]))
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    pairs_true: int
    pairs_predicted: int
    merged_groups: int  # predicted participants holding two or more true people
    trap_merges: Counter  # trap kind -> merged groups holding such a person
    missed: list  # (style a, name a, style b, name b, what they share) of each missed pair


def measure(data: Generated) -> Score:
    from sync.dedup import dedup
    from sync.normalize import load_reference, normalize
    from sync.config import NormalizeConfig

    normalized = normalize(responses(data), load_reference(NormalizeConfig()))
    participants = dedup(normalized).participants
    owner = {}
    for number, cell in enumerate(participants["source_rows"]):
        for part in str(cell).split(";"):
            source, _, row = part.strip().rpartition(":")
            owner[(source, int(row))] = number
    truth = data.truth.assign(pred=[owner[(s, int(r))] for s, r in
                                    zip(data.truth["source"], data.truth["source_row"])])
    both = truth.groupby(["person_id", "pred"]).size()
    pairs = lambda sizes: int(sum(s * (s - 1) // 2 for s in sizes))  # noqa: E731
    pairs_both = pairs(both)
    pairs_true = pairs(truth.groupby("person_id").size())
    pairs_predicted = pairs(truth.groupby("pred").size())
    people_per_group = truth.groupby("pred")["person_id"].nunique()
    mixed = people_per_group[people_per_group > 1].index
    traps = Counter(trap for group in mixed
                    for trap in set(truth.loc[truth["pred"] == group, "trap"]) if trap)
    missed = []
    keys = list(zip(normalized["source"], normalized["source_row"]))
    names = dict(zip(keys, normalized["full_name_raw"]))
    contacts = dict(zip(keys, zip(normalized["email_key"].where(normalized["email_valid"], ""),
                                  normalized["phone"])))
    for _, rows in truth.groupby("person_id"):
        seen = [(pred, style, names[(s, r)], contacts[(s, r)]) for pred, style, s, r in
                zip(rows["pred"], rows["style"], rows["source"], rows["source_row"])]
        missed += [(a[1], a[2], b[1], b[2], _shared(a[3], b[3]))
                   for i, a in enumerate(seen) for b in seen[i + 1:] if a[0] != b[0]]
    return Score(pairs_both / pairs_predicted if pairs_predicted else 1.0,
                 pairs_both / pairs_true if pairs_true else 1.0, pairs_true, pairs_predicted,
                 len(mixed), traps, missed)


def _shared(a: tuple[str, str], b: tuple[str, str]) -> str:
    """What two rows' (e-mail, phone) have in common: "e-mail", "phone", "both" or "none"
    (a pair linked only through the person's other rows)."""
    email, phone = a[0] != "" and a[0] == b[0], a[1] != "" and a[1] == b[1]
    return "both" if email and phone else "e-mail" if email else "phone" if phone else "none"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-missed", type=int, default=0, help="list this many missed pairs")
    args = parser.parse_args(argv)
    data = generate(args.people, args.seed)
    score = measure(data)
    rows = sum(map(len, data.tables.values()))
    print(f"{len(data.people)} people, {rows} registrations "
          f"({', '.join(f'{s} {len(t)}' for s, t in data.tables.items())})")
    print(f"dedup pairwise precision {score.precision:.4f}  recall {score.recall:.4f}  "
          f"(true pairs {score.pairs_true}, predicted {score.pairs_predicted})")
    print(f"participants holding two or more people: {score.merged_groups}; "
          f"by trap: {dict(score.trap_merges) or 'none'}")
    shares = Counter(m[4] for m in score.missed)
    print(f"missed pairs by what the two rows share: {dict(shares) or 'none'}")
    for style_a, name_a, style_b, name_b, shared in score.missed[:args.show_missed]:
        print(f"  missed ({shared}): {name_a!r} ({style_a}) ~ {name_b!r} ({style_b})")


if __name__ == "__main__":
    main()
