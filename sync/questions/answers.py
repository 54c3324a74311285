"""What a column's answers look like: the share that are e-mail addresses, phones, names...

A person reading a sheet knows a column full of e-mail addresses is the e-mail column
whatever its question says. This module gives that reading as numbers: for each field, the
share of a column's distinct answers that look like it.

Only a sample is read, so a sheet of 100,000 rows costs what one of 2,000 does: rows whose
row number is a multiple of a stride, then at most SAMPLE_VALUES of their distinct answers,
evenly spaced in sorted order. Both steps depend only on which rows there are, never on their
order, so a source's stored rows and its fresh pull give the same sample when they hold the
same rows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Mapping, Sequence

from sync.normalize.cities import known_city
from sync.normalize.organisations import is_institution, organisation_word
from sync.normalize.roles import answers_a_role
from sync.normalize.text import LOST_LETTERS, NO_ANSWER
from sync.questions.wording import LEADER_WORDS, REGISTERED, ROW_NUMBER, fold_question
from sync.sources.table import ColumnTable, SheetTable
from sync.timestamps import parse_timestamp

# Rows read per column: shares within a couple of percent, at any size of sheet.
SAMPLE_ROWS = 2_000
# Distinct answers scored per column: each is tried against every field's test.
SAMPLE_VALUES = 300
# A column with fewer answers than this proves little by its answers alone.
CONFIDENT_ANSWERS = 5
# A column whose answers are nearly all (CHOICE_COVERED) a few (CHOICE_OPTIONS) repeated
# ones is a choice question (a session, online or in person, consent): not names, e-mails
# or phones. First names repeat too, but over far more than a few.
CHOICE_OPTIONS = 12
CHOICE_COVERED = 0.9
CHOICE_MIN_ANSWERS = 10
# Names, e-mails and phones are mostly different from row to row; below this share of
# distinct answers a column is less and less likely to hold them.
IDENTITY_DISTINCT_SHARE = 0.5
# Answers that mean "nothing here" in a name-part or optional cell.
PLACEHOLDERS = NO_ANSWER | {"не", "отсутствует", "без отчества"}


@dataclass(frozen=True)
class ColumnSample:
    values: tuple[str, ...]  # distinct answers, stripped, sorted; at most SAMPLE_VALUES
    answered: int  # sampled rows with an answer
    distinct: int  # distinct answers among those rows
    most_common: int = 0  # sampled rows answered with one of the CHOICE_OPTIONS commonest
    # which sampled rows are answered, a bit per row (the same rows for every column of a
    # table): a question of another branch of the form is answered on other rows
    answered_rows: int = 0
    sampled: int = 0  # rows sampled, answered or not
    said_nothing: int = 0  # sampled rows answered "-", "нет" and the like

    @property
    def filled(self) -> float:
        """The share of the sampled rows that answered something."""
        return (self.answered - self.said_nothing) / self.sampled if self.sampled else 0.0

    @property
    def confidence(self) -> float:
        """How far the answers can be trusted to say what the column is (0..1)."""
        return min(1.0, self.answered / CONFIDENT_ANSWERS)

    @property
    def distinct_share(self) -> float:
        return self.distinct / self.answered if self.answered else 0.0

    @property
    def is_choice(self) -> bool:
        # a dozen rows of a dozen names are no choice between a few: options repeat
        return (self.answered >= CHOICE_MIN_ANSWERS
                and self.most_common >= CHOICE_COVERED * self.answered
                and self.distinct <= IDENTITY_DISTINCT_SHARE * self.answered)


def sample_answers(tables: Sequence[SheetTable | ColumnTable]) -> dict[str, ColumnSample]:
    """{header: sample} over the rows of `tables`, which share one header row."""
    if not tables:
        return {}
    headers = tables[0].headers
    total = sum(len(t.row_numbers) for t in tables)
    stride = max(1, math.ceil(total / SAMPLE_ROWS))
    picked: list[list[str]] = [[] for _ in headers]
    for table in tables:
        positions = [i for i, n in enumerate(table.row_numbers) if n % stride == 0]
        if isinstance(table, ColumnTable):
            for values, column in zip(picked, table.columns):
                values += [column[i] for i in positions]
        else:
            for i in positions:
                for values, cell in zip(picked, table.rows[i]):
                    values.append(cell)
    return {header: _sample(values) for header, values in zip(headers, picked)}


def _sample(cells: list[str]) -> ColumnSample:
    counts = Counter(c.strip() for c in cells if c and not c.isspace())
    distinct = sorted(counts)
    if len(distinct) > SAMPLE_VALUES:
        step = len(distinct) / SAMPLE_VALUES
        distinct = [distinct[int(i * step)] for i in range(SAMPLE_VALUES)]
    common = sum(n for _, n in counts.most_common(CHOICE_OPTIONS))
    answered_rows = int("".join("0" if not c or c.isspace() else "1" for c in reversed(cells))
                        or "0", 2)
    nothing = sum(n for answer, n in counts.items() if answer.casefold() in NO_ANSWER)
    return ColumnSample(tuple(distinct), counts.total(), len(counts), common, answered_rows,
                        len(cells), nothing)


# --- what one answer looks like ------------------------------------------------------------

EMAIL_ADDRESS = re.compile(r"[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>().]{2,}")
_PHONE_CHARS = re.compile(r"[\d\s()+\-./]")
_PHONE_WORDS = re.compile(r"^(?:тел|tel|phone|моб|mob|whatsapp|ватсап)\w*\.?:?\s*", re.IGNORECASE)
_EXCEL_NUMBER = re.compile(r"^\d[.,]\d+[eE]\+?\d{1,2}$")  # 8.77144E+10: a phone Excel spoiled
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 9, 15
MAX_PHONE_OTHER_CHARS = 4  # "тел.", "(WA)": a few letters around a number are still a phone
_PROGRAMME_CODE = re.compile(r"(?<!\w)[5-8]\s?[BВMМDД]\s?\d{5,6}(?!\d)|(?<!\w)0\d{5}(?!\d)",
                             re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*")
_INITIALS = re.compile(r"(?:[^\W\d_]\.\s?){1,3}|[^\W\d_]")
# Patronymics: Russian -ович/-овна and the Kazakh -ұлы/-қызы, written together or apart
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|ұлы|улы|\?лы|қызы|кызы|\?ызы|ovich|"
                         r"evich|ovna|evna|uly|ulu|kyzy|qyzy|kizi|ogly|оглы)$", re.IGNORECASE)
_PATRONYMIC_PARTICLES = frozenset({"ұлы", "улы", "қызы", "кызы", "uly", "kyzy", "qyzy", "оглы",
                                   "ogly", "кизи", "kizi"})
_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|енко|ук|юк|ян|"
                      r"дзе|швили|ов[аы]?|бай|баев|баева|ули|ov|ev|ova|eva|in|ina|sky|skaya|"
                      r"enko|yan|baev|bayev|baeva|bayeva)$", re.IGNORECASE)
@lru_cache(maxsize=65536)
def is_email(value: str) -> bool:
    found = EMAIL_ADDRESS.search(value)
    # the address must be most of the answer: "пишите на a@b.kz" is an e-mail, a sentence is not
    return bool(found) and len(found.group()) * 2 >= len(value.strip())


@lru_cache(maxsize=65536)
def is_phone(value: str) -> bool:
    text = _PHONE_WORDS.sub("", value.strip())
    if _EXCEL_NUMBER.match(text):
        return True
    if ":" in text or is_timestamp(text):  # 2025-09-22 16:55:31 has a phone's digits
        return False
    digits = sum(c.isdigit() for c in text)
    other = len(_PHONE_CHARS.sub("", text))
    return MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS and other <= MAX_PHONE_OTHER_CHARS


@lru_cache(maxsize=65536)
def is_timestamp(value: str) -> bool:
    """A date, with or without a time of day."""
    return parse_timestamp(value, "UTC") is not None


@cache
def _specialty_keys() -> frozenset[str]:
    from sync.normalize.specialties import load_specialties

    return frozenset(load_specialties().keys)


@lru_cache(maxsize=65536)
def is_specialty(value: str) -> bool:
    if _PROGRAMME_CODE.search(value):
        return True
    from sync.normalize.specialties import specialty_key

    return specialty_key(value) in _specialty_keys()


@lru_cache(maxsize=65536)
def is_role(value: str) -> bool:
    return answers_a_role(value)


@lru_cache(maxsize=65536)
def is_city(value: str) -> bool:
    return known_city(value) is not None


def is_row_number(value: str) -> bool:
    return value.isdecimal() and len(value) <= 6 and value[0] != "0"  # "¹" is a digit, no number


# Between the people of a list typed into one answer: a line, a semicolon, a comma, "и",
# or a number ("1) Бекова Дана 2) Ким Ольга").
_LIST_SEPARATOR = re.compile(
    r"\s*(?:[\n;,]|\s(?:и|және|and)\s)\s*|\s+(?=(?:№\s*)?\d{1,3}\s*[.)]\s)")
_ITEM_MARK = re.compile(r"^(?:№\s*)?\d{1,3}\s*[.)]\s*|^[-–—•*]\s*")  # "1) ", "- "
_REMARK = re.compile(r"\s*\([^)]*\)")  # "Бекова Дана (9 класс)"
_END_OF_SENTENCE = re.compile(r"(?<=[^\W\d_]{2})\s*\.+$")  # a word's, not an initial's
# A remark in brackets and the text before it back to the list's last separator.
_REMARK_AFTER = re.compile(r"([^,;:\n()]*)\(([^)]*)\)")
# A leader's word (wording.LEADER_WORDS) with its ending: "куратор", "жетекшісі".
_LEADER_WORD = re.compile(r"\b(?:%s)\w*\.?" % "|".join(sorted(LEADER_WORDS)), re.IGNORECASE)


def list_parts(value: str) -> list[str]:
    """An answer's parts as a list's items: split at lines, semicolons, commas, "и" or
    numbers, each without its number or bullet, its remark in brackets and a full stop
    after its last word ("…, Жақсыбекова Ботагөз Талгатовна.")."""
    parts = [_END_OF_SENTENCE.sub("", _ITEM_MARK.sub("", part.strip()))
             for part in _LIST_SEPARATOR.split(_REMARK.sub("", value))]
    return [part for part in parts if part]


def people_in(value: str) -> list[str]:
    """The whole names an answer lists, one or more ("Иванов Иван, Петрова Анна", a name a
    line, numbered or not; "1. Ким Ольга"); [] when a part is no whole name ("Иванов Иван,
    9 класс")."""
    parts = list_parts(value)
    return parts if parts and all(name_shape(p) == "full" and not is_institution(p)
                                  for p in parts) else []


def names_in(value: str) -> list[str]:
    """The people an answer lists when it names two or more (people_in), else []. A group's
    label before a colon ("Группа ХТ-21-1:", "ЭК-23к тобы:") is no one but the leader it
    names (leaders_in), and after it a surname alone is one of the group ("Шмидт, Цой")."""
    label, colon, group = value.partition(":")
    # a group's label: what it calls its people, or a group's code ("ТПП-21-1")
    if colon and (REGISTERED.search(fold_question(label)) or any(map(str.isdigit, label))):
        parts = list_parts(group)
        members = parts if parts and all(
            name_shape(p) in ("full", "single") and not is_institution(p) for p in parts) else []
        people = leaders_in(label) + members if members else []
    elif _LIST_SEPARATOR.search(value):
        people = people_in(value)
    else:
        return []
    return people if len(people) > 1 else []


def leaders_in(value: str) -> list[str]:
    """The people a list names as its leader: "(куратор Ткаченко А.В.)", "Ахметова Гүлмира
    Асқарқызы (куратор)"."""
    leaders = []
    for before, remark in _REMARK_AFTER.findall(value):
        if not _LEADER_WORD.search(remark):
            continue
        named = [_LEADER_WORD.sub("", remark).strip(" ,"), *list_parts(before)[-1:]]
        leaders += [name for name in named if name_shape(name) == "full"][:1]
    return leaders


@lru_cache(maxsize=65536)
def name_shape(value: str) -> str:
    """"full" for a person's name of two to four words (initials count), "single" for one
    name word, "" for anything else.

    A name's words share one case style: all capitalised, all capitals, or all lower case
    ("Пиролиз полиэтилена" is a sentence, not a name); no digits, no organisation words.
    """
    text = _lost_letters_read(value.strip())
    if not text or len(text) > 80 or any(c.isdigit() or c in "@/\\:;!?«»\"" for c in text):
        return ""
    tokens = text.replace(",", " ").split()
    words = []
    initials = 0
    for token in tokens:
        if _NAME_WORD.fullmatch(token):
            words.append(token)
        elif _INITIALS.fullmatch(token):
            initials += len(token.replace(".", "").replace(" ", ""))
        else:
            return ""
    if not words:
        return ""
    named = [w for w in words if w.casefold() not in _PATRONYMIC_PARTICLES]
    styles = {_case_style(w) for w in named}
    if len(styles) != 1 or "" in styles:
        return ""
    if any(map(organisation_word, words)):
        return ""
    count = len(words) + min(initials, 2)
    if count == 1:
        return "" if is_city(text) or text.casefold() in PLACEHOLDERS else "single"
    return "full" if count <= 4 else ""


def _lost_letters_read(text: str) -> str:
    """Letters a Windows-1251 file lost (LOST_LETTERS) as a letter of their word's case:
    "?лімжанов Жандос Серік?лы" is a name whose Kazakh letters the file had no place for."""
    def letter(lost: re.Match) -> str:
        upper = text[lost.end()].isupper()
        first = upper or lost.start() == 0 or not text[lost.start() - 1].isalpha()
        return ("Ә" if first else "ә") + ("Ә" if upper else "ә") * (len(lost.group()) - 1)
    return LOST_LETTERS.sub(letter, text)


def _case_style(word: str) -> str:
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    if letters[:2].isupper() and letters[2:].islower() and len(letters) > 3:
        return "title"  # Shift held a letter too long: "ААйнұр", "ЕРжан"
    if letters.isupper():
        return "upper"
    if letters.islower():
        return "lower"
    parts = re.split(r"[-'’]", word)
    if all(p[:1].isupper() and (p[1:].islower() or not p[1:]) for p in parts if p):
        return "title"
    return ""


def has_patronymic(value: str) -> bool:
    return any(_PATRONYMIC.search(w) for w in value.split())


def given_and_patronymic(value: str) -> bool:
    """A first name and a patronymic, no surname ("Салтанат Асхатовна", "Ерлан Асхат ұлы"):
    the answer to "Имя и отчество", a part of the name, not the whole of it."""
    tokens = value.split()
    if len(tokens) == 3 and tokens[2].casefold() in _PATRONYMIC_PARTICLES:
        tokens = tokens[:2]
    elif len(tokens) != 2 or not _PATRONYMIC.search(tokens[1]):
        return False
    return name_shape(value) == "full" and not _SURNAME.search(tokens[0])


# --- a column's shares ---------------------------------------------------------------------

# A column this plainly e-mails, phones, dates or numbers is not read for words.
PLAINLY = 0.8
# Answers tried as roles per column: reading a role tries every stem with a typo allowed,
# so a share of a few dozen is what the column's hundreds would say, at a tenth the time.
ROLE_VALUES = 30
_SHARES = ("email", "phone", "submitted_at", ROW_NUMBER, "full_name", "last_name", "first_name",
           "middle_name", "institution", "specialty", "role", "city", "name_like",
           "single_name", "placeholder", "given_and_patronymic")

def _share(values: Sequence[str], test) -> float:
    return sum(map(test, values)) / len(values) if values else 0.0


def content_shares(sample: ColumnSample) -> Mapping[str, float]:
    """{field: share 0..1 of the sampled answers that look like it}, and four shares that
    are no field's: "name_like", names of one to four words (a column of names of some
    shape); "single_name", one name word; "placeholder", "нет" or "-";
    "given_and_patronymic", a first name with its patronymic (a first name's answer).

    The cheap tests go first: a column plainly of e-mails, phones, dates or names is not
    read for institutions, programmes, roles and cities, nor one plainly of those for roles
    (0 for what is not read)."""
    values = sample.values
    if not values:
        return {}
    n = len(values)
    identity = _identity_factor(sample)
    shares = dict.fromkeys(_SHARES, 0.0)
    shares["email"] = _share(values, is_email) * identity
    shares["phone"] = _share(values, is_phone) * identity
    shares["submitted_at"] = _share(values, is_timestamp)
    # a few small numbers may be anything ("Курс": 2, 3, 1), and a column read as row
    # numbers is left out of the report: only its wording says so then
    shares[ROW_NUMBER] = _share(values, is_row_number) * (
        sample.distinct_share > 0.9 and sample.answered >= CONFIDENT_ANSWERS
        and _evenly_spaced(values))
    if max(shares.values()) >= PLAINLY:
        return shares
    shapes = [name_shape(v) for v in values]
    singles = [v for v, s in zip(values, shapes) if s == "single"]
    surname = sum(1 for v in singles if _SURNAME.search(v)) / n
    patronymic = sum(1 for v in values if has_patronymic(v) and " " not in v.strip()) / n
    placeholders = sum(1 for v in values if v.casefold() in PLACEHOLDERS) / n
    given = sum(1 for v, s in zip(values, shapes) if s == "full" and given_and_patronymic(v)) / n
    # a few options answered over and over ("Очно", "Онлайн") are a choice, not names
    named = 0.0 if sample.is_choice else 1.0
    shares |= {
        "full_name": (shapes.count("full") / n - given) * identity * named,
        "last_name": surname * named,  # a family name is shared by many: no identity factor
        "first_name": (max(0.0, len(singles) / n - surname - patronymic) + given) * named,
        "middle_name": patronymic + placeholders if patronymic else 0.0,
        "name_like": (shapes.count("full") + len(singles)) / n * named,
        "single_name": len(singles) / n * named,
        "placeholder": placeholders,
        "given_and_patronymic": given,
    }
    if shares["full_name"] >= PLAINLY:
        return shares
    shares |= {"institution": _share(values, is_institution),
               "specialty": _share(values, is_specialty), "city": _share(values, is_city)}
    # roles, the costliest to read, only where still open; single words may be first names
    # or the options "Студент", "Преподаватель": roles are read for those
    if max(v for k, v in shares.items() if k not in _SINGLE_WORD_SHARES) < PLAINLY:
        shares["role"] = _share(values[::max(1, n // ROLE_VALUES)], is_role)
    return shares


def _evenly_spaced(values: Sequence[str]) -> bool:
    """Whether a column's numbers step evenly from the start, as a list's numbering does
    (most steps alike: every row, or every stride-th one sampled, a few deleted)."""
    numbers = sorted(int(v) for v in values if is_row_number(v))
    gaps = sorted(b - a for a, b in zip(numbers, numbers[1:]))
    usual = gaps[len(gaps) // 2] if gaps else 0
    return (bool(gaps) and gaps.count(usual) >= len(gaps) / 2
            and numbers[0] <= 2 * usual)  # from the start: ages 16, 17, 26, 27 are no list


_SINGLE_WORD_SHARES = ("last_name", "first_name", "name_like", "single_name")


def _identity_factor(sample: ColumnSample) -> float:
    """1 for a column of mostly different answers, less for one that repeats a few."""
    if sample.answered < CHOICE_MIN_ANSWERS:
        return 1.0
    return min(1.0, sample.distinct_share / IDENTITY_DISTINCT_SHARE)
