"""Candidate links between records, found by blocking (never by comparing all pairs).

Blocks: rows sharing a valid e-mail, a phone, all their answers, or an institution and a
name key. Inside a block rows are grouped by name key first, so only distinct names are
compared with each other. Strong evidence becomes a Link (to be merged); weaker evidence
becomes a Suspect block (for a person to look at). A similar name (initials, a typo) is
evidence only where it is clear whom it means: in a block where another name fits one of the
pair but not the other (a teacher's e-mail, a family's phone), the pair is asked about.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence

import numpy as np
import pandas as pd
from rapidfuzz.distance import OSA

from reports.model import letter_sender_of, row_ref
from sync.dedup import names as nm
from sync.normalize.emails import POPULAR_DOMAINS
from sync.normalize.roles import STUDY_LEVELS, UNKNOWN as ROLE_UNKNOWN
from sync.normalize.clusters import CITY_NAMED_CHAINS, NUMBERED_SCHOOLS
from sync.normalize.shapes import shape_of

# Rules and reasons are codes (dotted, machine-readable), worded in the report's language by
# reports/labels.py.
ORGANIZER = "dedup.organizer"
IDENTICAL = "dedup.identical"
NAME_AND_PHONE = "dedup.name_phone"
# Initials and a whole name with one phone, no other name on it that the initials fit,
# and the initials' own e-mail address spelling out the name they stand for (Жылқыбаев
# Б. Е., bauyrzhan.zh@..., beside Жылқыбаев Бауыржан Ерланұлы) at institutions that do not
# differ, or else both at one institution (of the directory, or one named by words of its
# own): a family shares a phone, but a brother's address would not spell his brother's
# name, and a sister at the same
# university with the same initial, who signed with it alone, is rarer still.
PHONE_INITIALS_SPELLED = "dedup.phone_initials_spelled"
PHONE_INITIALS_INSTITUTION = "dedup.phone_initials_institution"
# One phone, one given name and patronymic, the surname a slip apart (nm.slip_in_surname):
# one person typing her surname two ways (Абдрахманова / Әбдірахманова, field test AQ).
PHONE_SURNAME_SLIP = "dedup.phone_surname_slip"
# The same with a slip in the given name, one spelling a known given name and the other none
# (nm.slip_in_given_name: Жандос / Жанос, field test AO; Ерасыл / Ерасул, AQ).
PHONE_GIVEN_NAME_SLIP = "dedup.phone_given_name_slip"
# One person who registered twice without a contact in common (once by a teacher's form,
# with her e-mail and phone, once by a letter of their own): the whole name of three words
# or more (a patronymic, a double surname; initials do not count) typed alike, at one
# institution, with a role, a specialty, a year of study ("1 курс", "10 сынып") and a town
# that do not contradict (helper N's namesakes of one programme, in the first and the third
# year, or from two towns, were merged before these were compared). Where each side gave
# contacts of its own (_own_contacts), which point to two people, the specialty must be
# given alike on both (benchmarks/name_layouts.py, whose forms do not ask it, merged two
# Серғазина Айым Жарасқызы; at a school or a college, smaller, not: field test V's pupils
# registering again without a phone), and where two sides each gave both an address and a
# phone of their own, a person decides (helper N's namesakes of one programme and year were merged
# on the specialty; one person's second registration most often lacks an address, or
# gives a parent's phone). Surname and given name alone are not enough, even with the same
# specialty: two Аружан Ахметова study ecology at one big university.
FULL_NAME_AND_INSTITUTION = "dedup.full_name_institution"
FULL_NAME_WORDS = 3
# The same whole name twice at one institution, each with an e-mail and a phone of its own,
# where both are learners of one school class ("10 Б") or one study group ("ЭК-21-2"): a
# class of two or three dozen holds no two people of one surname, given name and
# patronymic, and one who registered again from new contacts is the one (field test FE:
# 1-2 such a set, asked about). A programme's year is not enough: helper N's namesakes
# were of one programme and year.
FULL_NAME_ONE_COHORT = "dedup.full_name_one_class"
# Surname and given name alike at one institution, with one specialty given on both (at a
# school or a college, a few hundred pupils or a thousand or two students, not needed) and
# nothing else contradicting, where exactly two registrations have that name there: one sent
# from someone else's e-mail or phone (a teacher's, used for other names too) and one from
# the person's own. A teacher registered the student, who then registered too: field test S
# (116 of 116 such people counted twice) and benchmarks/accuracy.py (recall 0.972-0.977 ->
# 0.980-0.991) against one pair of namesakes in 42 held-out runs (two Смагулова Толганай
# of one programme, one of whom only her teacher registered); field test P's pupils in
# their teacher's group who registered too (recall 0.896 -> 0.969, 0 of 23 namesake pairs
# merged).
NAME_SENT_BY_ANOTHER = "dedup.name_institution_own_and_another"
# The same where the teacher typed no patronymic and the student typed it, if no one else in
# the data has that surname and given name (a namesake elsewhere makes the name a common
# one), and where the teacher's came first (teacher_first). Field test S, 12 runs: recall
# 0.954-0.973 -> 0.981-1.000 in the sets where teachers typed names short, no namesake
# merged; V: recall ru/kk 0.918/0.917 -> 0.945/0.929, one pair of pupils of one lyceum
# merged (Толеген Томирис, precision 0.996). At a school or a college the patronymic may be
# on either side where one class is said on both: a district's list names the pupil in full
# beside her supervisor's phone, her own form without it (field test AF: recall 0.740 /
# 0.856 / 0.773 -> 0.812 / 0.894 / 0.866, none of its namesakes merged). Otherwise it is
# asked (SAME_NAME_NO_PATRONYMIC_AND_INSTITUTION): more fathers are namesakes.
NO_PATRONYMIC_OWN_AND_ANOTHER = "dedup.name_no_patronymic_own_and_another"
# Surname and given name alike at one institution (one side may add the patronymic), typed
# as one specialty (at a school or a college maybe none), nothing else contradicting, where
# no one else in the data has that name and each gave contacts of their own but at most one
# an address and a phone both: one person registering again from a new address, the phone
# left out the second time. A form that asks no patronymic (most English ones) has nothing
# but two words for anyone. Field test V: recall ru/kk/en/mix 0.953/0.949/0.923/0.899 ->
# 0.977/0.980/0.967/0.929, none of its 149 look-alike groups merged; U (namesakes on
# purpose), W and benchmarks/accuracy.py: no pair more merged wrongly.
NAME_AGAIN = "dedup.name_institution_specialty_again"
# Surname and given name alike at one institution (a patronymic only on the side with no
# contacts), the same year of study said on both, no one else in the data so named: one sent
# from someone else's contacts (a teacher's), the other with no e-mail or phone at all (a
# form that does not require them). A pupil who registered and whom the teacher's list named.
# Field test W2: 4-7 of 18 such pairs per set were two participants.
NO_CONTACTS_AND_ANOTHER = "dedup.name_institution_year_none_and_another"
# The same at a school, the other side from the pupil's own contacts or with none either: a
# pupil who registered herself and whom her teacher's letter listed with no contacts, the
# class said on both (a school's class of one year holds no two pupils of one surname and
# given name who are the only two so named in the data), or both its teachers (a school's
# few dozen). Field test Y: 5-9 such pairs per set were two participants.
NO_CONTACTS_AND_OWN_AT_SCHOOL = "dedup.name_school_class_none_and_own"
# Surname and given name alike at one school (a patronymic on some sides), one class with
# its letter ("7 А") said on each side, no one else there so named in that class, and
# contacts of their own on one side at most (or one e-mail or phone on several: her form
# sent twice), the others not one list's (see namesakes): one
# pupil whom a district's list, her teacher's list and her own form each named (field test
# AM, where three such rows were asked). A row of the name saying the year alone is left
# to the other rules.
ONE_CLASS_AT_SCHOOL = "dedup.name_school_whole_class"
# The same at a college, the year of study or the programme said alike on both (a
# programme's few hundred students), or both teachers: field test AA, recall 0.883 / 0.809
# / 0.795 -> 0.904 / 0.865 / 0.833, none of its namesakes merged.
NO_CONTACTS_AND_OWN_AT_COLLEGE = "dedup.name_college_year_none_and_own"
# The same at a university, the year of study and the programme both said alike (a
# programme's year, a few dozen students), no one else in the data so named: a curator's
# list and the student's own form (field test AL, where namesakes of one programme are of
# another year, and of one year of another programme). Or one role said on both and the
# list's row saying no year, programme or group at all: an organizer's list of people who
# wrote in, not a programme's roll, beside one of them's own form, with nothing that could
# tell two people apart (field tests FA and FE: recall 0.830 -> 0.860 in FA's second set,
# FE's 0.797 / 0.774 / 0.817 -> 0.831 / 0.823 / 0.833, none of their namesakes merged).
NO_CONTACTS_AND_OWN_AT_UNIVERSITY = "dedup.name_university_year_programme_none_and_own"
# One name at one institution (a patronymic maybe on one side) in two letters of one sender,
# nothing else contradicting, no one else there so named: a teacher who sent her list again
# with the patronymics added (field test AR: "Список_BUKETOV_v2.xlsx").
LIST_SENT_AGAIN = "dedup.name_institution_list_sent_again"
# Two leaders' names that may be one person's (initials beside the whole name, a patronymic
# on one side), at one institution, who each listed the same pupil (the pupils joined
# already): one teacher, whom her pupil named as "Мұқанова А.С." and who registered her team
# as "Мұқанова Аяжан Сапарқызы" (field test AO: 15 such pairs in a set stayed apart).
LEADER_OF_ONE_PUPIL = "dedup.leader_of_one_pupil"
# Two rows naming one leader and one pupil, each alike (initials, a patronymic on one side,
# Latin letters), the places they name not two towns or two schools' numbers: one team sent
# twice, its institution typed two ways ("АКС при АУЭС", "Алматинский колледж связи"); the
# leaders are linked by LEADER_OF_ONE_PUPIL, the pupils by this (field test AO).
PUPIL_OF_ONE_LEADER = "dedup.pupil_of_one_leader"
# Two women's names alike but for the surname (names.surname_changed) on one phone no one
# else's, one institution said on both, nothing else said differing (an address given on
# both the same): one woman registering again under her husband's surname (field test FE:
# "повторно, сменила фамилию", one to two such a set).
SURNAME_CHANGED = "dedup.phone_surname_changed"
# Registrations of one name NAME_AGAIN takes for one person's at most: ten addresses under
# one name are a crowd ("Тестова Участница" ten times), not one person typing again.
MAX_AGAIN = 3
# The role whose whole names need no specialty to be one person's (see namesakes).
TEACHER = "teacher"
_EMAIL_RULE = {
    nm.SAME: "dedup.email_name",
    nm.TRANSLITERATED: "dedup.email_transliterated",
    nm.WITHOUT_PATRONYMIC: "dedup.email_no_patronymic",
    nm.TYPO: "dedup.email_typo",
    nm.INITIALS: "dedup.email_initials",
    nm.INFORMAL: "dedup.email_informal_name",
    # merged only where the phone is the same too (see find_links)
    nm.TYPO_OTHER_SCRIPT: "dedup.email_phone_typo_other_script",
}
# One surname and given name (a patronymic on one side only, or in Latin letters), with
# e-mail addresses at one domain a letter apart, not a digit or a dot (eldar.gasanov@kimep.kz,
# elar.gasanov@kimep.kz), and no two phones: one person's address mistyped once. Two
# namesakes' addresses differ by what a mail service adds (aruzhan.alieva, aruzhan.alieva1;
# sergei.kim, sergeikim), not so. Field tests Z and AB: 1 and 5 such pairs per set were
# two participants.
EMAIL_MISTYPED = "dedup.name_email_letter_apart"
# The same name, the same address before "@" at two mail services (akzhol.nurlanov@enu.kz,
# akzhol.nurlanov@gmail.com), one institution, one role and one specialty said on both,
# nothing else contradicting: one person's university and private mailboxes, whatever
# phones they gave (field test FB: 1-4 such pairs per set were two participants). Namesakes
# build their addresses alike too: a student and a master's student of two programmes
# (benchmarks/accuracy.py seed 1: two Омарова Мадина of Нархоз, madina_oma@), two teachers
# of one school who said no specialty (field test AO: gulnar.kairatova@ at two services).
EMAIL_ELSEWHERE = "dedup.name_email_same_at_another_service"
MIN_ADDRESS_LETTERS = 6  # "ivan@" and "iva@" are too short to tell a slip
# Links are tried strongest first, so a weak link that would clash is the one refused.
RULES = (
    ORGANIZER,
    IDENTICAL,
    _EMAIL_RULE[nm.SAME],
    _EMAIL_RULE[nm.TRANSLITERATED],
    NAME_AND_PHONE,
    EMAIL_MISTYPED,
    EMAIL_ELSEWHERE,
    FULL_NAME_AND_INSTITUTION,
    FULL_NAME_ONE_COHORT,
    NAME_SENT_BY_ANOTHER,
    NO_PATRONYMIC_OWN_AND_ANOTHER,
    NO_CONTACTS_AND_ANOTHER,
    NO_CONTACTS_AND_OWN_AT_SCHOOL,
    NO_CONTACTS_AND_OWN_AT_COLLEGE,
    NO_CONTACTS_AND_OWN_AT_UNIVERSITY,
    ONE_CLASS_AT_SCHOOL,
    LIST_SENT_AGAIN,
    LEADER_OF_ONE_PUPIL,
    PUPIL_OF_ONE_LEADER,
    NAME_AGAIN,
    _EMAIL_RULE[nm.WITHOUT_PATRONYMIC],
    _EMAIL_RULE[nm.TYPO],
    _EMAIL_RULE[nm.TYPO_OTHER_SCRIPT],
    _EMAIL_RULE[nm.INITIALS],
    _EMAIL_RULE[nm.INFORMAL],
    PHONE_INITIALS_SPELLED,
    PHONE_INITIALS_INSTITUTION,
    PHONE_SURNAME_SLIP,
    PHONE_GIVEN_NAME_SLIP,
    SURNAME_CHANGED,
)
# Of two names one slip apart on one address, one this many times rarer in the data than the
# other is its slip, however often typed (Айерим beside 139 Айгерим in field test AB's
# 2,000 rows, Аруан beside 65 Аружан), not a twin's name (Дана and Диана, Ержан and Ерлан).
TYPO_RARITY = 10
# Reasons to ask a person, never to merge.
SIMILAR_NAME_SAME_PHONE = "dedup.phone_similar_name"
# An e-mail is evidence for a similar name (initials, a typo, no patronymic) only when
# nothing said differs and, where several people use it (a teacher registering her
# students), there is no doubt whom it means (_similar_names); otherwise the pair is asked.
SIMILAR_NAME_SHARED_EMAIL = "dedup.shared_email_similar_name"
# One name on one e-mail or phone, where what they said differs (two classes, two years, a
# learner and a worker, two schools' numbers): said so, not "a similar name" (field test AS).
SAME_NAME_SAID_APART = "dedup.contact_same_name_said_apart"
# Rules a phone (which a family shares) is evidence for besides the same name, when there is
# no doubt whom the name means: the name without its patronymic, or written another way
# (letters a file lost, Ж?н?сова / Жүнісова; typed without spaces), which no two of one
# family share (field test W2: 4-6 of 10 such pairs per set were two participants).
_PHONE_RULES = frozenset({nm.WITHOUT_PATRONYMIC, nm.TRANSLITERATED})
SAME_NAME_AND_INSTITUTION = "dedup.name_institution"
# The same, with the same specialty, one side sent from someone else's e-mail or phone, where
# NAME_SENT_BY_ANOTHER cannot tell (three registrations of the name, or initials): the
# reason tells a person which it most likely is.
SAME_NAME_SENT_BY_ANOTHER = "dedup.name_institution_sent_by_another"
SAME_NAME_NO_PATRONYMIC_AND_INSTITUTION = "dedup.name_no_patronymic_institution"
# The same, one side sent from someone else's e-mail or phone and without the patronymic (a
# teacher typing her student's name), the other from the person's own, where
# NO_PATRONYMIC_OWN_AND_ANOTHER cannot tell (a common name, a specialty or year apart, the
# student first): the reason says which it most likely is.
NO_PATRONYMIC_SENT_BY_ANOTHER = "dedup.name_no_patronymic_sent_by_another"
# Соколов В. beside Соколов Василий at one institution of the directory, nothing in common.
INITIALS_AND_INSTITUTION = "dedup.initials_institution"
MAX_FITTING = 3
# Names on one e-mail or phone (their patronymics left out, _several_people) from which on
# it is someone else's (a secretary's, a curator's, a school's), not one person's or a
# family's (field test AC: siblings with one sister's name typed two ways; recall 0.910 /
# 0.848 / 0.915 -> 0.936 / 0.861 / 0.927, Z set 3 0.977 -> 0.989, no namesake merged).
SHARED_NAMES = 3
# Years of study one person may say apart (a slip, or registering again in the next school
# year); further apart, they are two people whatever contact they share.
MAX_YEAR_SLIP = 1
_MAX_NEAR = 4 * MAX_FITTING  # records in its blocks past which a name's are not compared
# In a name key: a one-letter token (an initial), and a token of two letters or more.
_INITIAL = re.compile(r"(?:^| )[^ ](?: |$)")
_LETTERS = re.compile(r"[^\W\d_]")
_WRITTEN_WORD = re.compile(r"[^ ]{2}")
# Columns that describe a submission, not the person: left out of identical answers.
PROVENANCE_COLUMNS = ("source", "source_row", "ref", "submitted_at", "submitted_at_raw")
# Answers that almost always differ between two people: cheap to compare first.
PREFILTER_COLUMNS = ("full_name", "email", "phone")


_PRIORITY = {rule: priority for priority, rule in enumerate(RULES)}


class Link(NamedTuple):  # a tuple: sorting tens of thousands of links stays in C
    priority: int  # index into RULES
    a: int  # row positions (canonical order), a < b
    b: int

    @property
    def rule(self) -> str:
        return RULES[self.priority]


def link(rule: str, a: int, b: int) -> Link:
    return Link(_PRIORITY[rule], min(a, b), max(a, b))


class Suspect(NamedTuple):
    reason: str
    rows: tuple[int, ...]


def _codes(keys: pd.Series) -> np.ndarray:
    """One integer per distinct key, in order of first appearance; -1 for a blank or
    missing key, which never blocks."""
    codes, uniques = pd.factorize(keys)
    blank = np.flatnonzero(np.asarray(uniques == "", dtype=bool))
    codes[np.isin(codes, blank)] = -1
    return codes


def _pair_codes(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """_codes of the pairs (first, second) of two codes; -1 when either is -1."""
    both = (first >= 0) & (second >= 0)
    codes, _ = pd.factorize(np.where(both, first * (second.max(initial=0) + 1) + second, -1))
    codes[~both] = -1
    return codes


def _blocks(codes: np.ndarray, active: np.ndarray) -> list[list[int]]:
    """Positions of each key shared by two or more records, one of them active, in order of
    each key's first record; `codes` come from _codes.

    A block of inactive records was already looked at.
    """
    keyed = codes >= 0
    if not keyed.any():
        return []
    count = np.bincount(codes[keyed])
    touched = np.zeros(len(count), dtype=bool)
    touched[codes[keyed & active]] = True
    shared = np.flatnonzero(keyed & (count[codes] >= 2) & touched[codes])
    shared = shared[np.argsort(codes[shared], kind="stable")]  # one key after the other
    edges = [0, *(np.flatnonzero(np.diff(codes[shared])) + 1).tolist(), len(shared)]
    positions = shared.tolist()
    return [positions[start:end] for start, end in zip(edges, edges[1:]) if start < end]


def _by_name(block: list[int], keys: np.ndarray) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for position in block:
        groups.setdefault(keys[position], []).append(position)
    return groups


def _answers(columns) -> list[str]:
    return [c for c in columns if c not in (*PROVENANCE_COLUMNS, "row")]


def _prefilter(answers: list[str]) -> list[str]:
    """The answers that records with identical answers surely share, cheap to compare."""
    return [c for c in PREFILTER_COLUMNS if c in answers] or answers


# What near_active reads, and namesakes besides the name keys.
NEAR_COLUMNS = ("email_key", "phone", "full_name")
NAMESAKE_COLUMNS = ("institution_id", "institution", "role", "role_note", "role_raw",
                    "study_year", "class_letter", "study_group", "specialty_id", "specialty",
                    "city", "city_match", "source")


def _same_answers(records: pd.DataFrame) -> np.ndarray:
    """_codes of the sets of identical answers: -1 for a record no other record equals.

    Records equal in all answers are equal in the few PREFILTER_COLUMNS too, so only the
    records sharing those are compared on all. Sets are numbered column by column, one
    column in memory at a time, in order of first appearance (as a groupby would).
    """
    answers = _answers(records.columns)
    prefilter = _prefilter(answers)
    same = np.zeros(len(records), dtype=np.int64)
    for column in prefilter:
        same = _refined(same, records[column].array)
    candidates = np.bincount(same)[same] >= 2 if len(same) else np.zeros(0, dtype=bool)
    codes = np.full(len(records), -1)
    if candidates.any():
        same = pd.factorize(same[candidates])[0]
        for column in answers:
            if column not in prefilter:
                same = _refined(same, records[column].array[candidates])
        codes[candidates] = same
    return codes


def _refined(codes: np.ndarray, values) -> np.ndarray:
    """Numbers of the distinct pairs (code, value), in order of first appearance; a missing
    value is a value like any other."""
    numbers, _ = pd.factorize(values, use_na_sentinel=False)
    return pd.factorize(codes * (numbers.max(initial=0) + 1) + numbers)[0]


def name_keys(full_names: list[str], known: Mapping[str, str] | None = None) -> np.ndarray:
    """The name key of each display name, each distinct name worked out once, unless
    `known` (name_key_results, worked out elsewhere) has it already."""
    known = known or {}
    keys = {name: known[name] if name in known else nm.name_key(name)
            for name in dict.fromkeys(full_names)}
    return np.array([keys[name] for name in full_names], dtype=object)


def name_key_results(full_names: Iterable[str]) -> dict[str, str]:
    """{display name: its name key} for each distinct name, to hand name_keys as `known`."""
    return {name: nm.name_key(name) for name in dict.fromkeys(full_names)}


def near_active(records: pd.DataFrame, active: np.ndarray) -> np.ndarray:
    """The active records and those that may share a find_links block with one (a superset):
    every kind of block needs its records to share a non-blank e-mail key or phone (and a
    phone's, the others who gave the addresses beside it); identical answers share both,
    blank or not, and the name. `records` needs only NEAR_COLUMNS."""
    near = active.copy()
    for values in (records["email_key"], records["phone"]):
        wanted = values[active]
        near |= values.isin(wanted[wanted != ""]).to_numpy()
    # a phone's block asks who else gave the addresses beside it (on_a_shared_address)
    beside = records["email_key"][near & (records["phone"] != "").to_numpy()]
    near |= records["email_key"].isin(beside[beside != ""]).to_numpy()
    # with neither an e-mail key nor a phone, identical answers are found by the name
    neither = ((records["email_key"] == "") & (records["phone"] == "")).to_numpy()
    names = records["full_name"]
    near |= neither & names.isin(names[active & neither]).to_numpy()
    return near


def _institution_keys(records: pd.DataFrame) -> pd.Series:
    """The directory id, or for an institution not in the directory its name, case-folded."""
    institution = records["institution_id"].copy()
    no_id = (institution == "").to_numpy()
    institution[no_id] = records["institution"][no_id].str.casefold()
    return institution


def _schools_of_a_number(records: pd.DataFrame, cores: list[str], years: list[str]
                         ) -> pd.Series:
    """_institution_keys, where one pupil's name (`cores`: its patronymic aside) is typed
    at schools of one number in one town (or none) that one school of the data says all
    of: two kinds ("ШКОЛА-ГИМНАЗИЯ №86", "школа 86 г.Шымкент", field test AJ), or less and
    more of its place ("№3 ЖОМ", "СОШ №7 с. Каскелен" beside a "Қаскелең ауылындағы №7
    мектебі, Қарасай ауданы", field test AM), one class said on every row of it (a
    namesake of another class aside): those rows' school is that one. Less and more of a
    place is one school only for a list's rows with no e-mail or phone beside one
    registration with them: two forms so typed were two namesakes of two villages' №12 as
    often. The report still shows the spellings apart; only namesakes compares the rows as
    of one school."""
    institutions = _institution_keys(records)
    emails, phones = _column(records, "email_key"), _column(records, "phone")
    place_of = {key: _numbered_school(key) for key in set(institutions.tolist())}
    places: dict[tuple[str, str], set[frozenset[str]]] = defaultdict(set)
    for place in filter(None, place_of.values()):
        places[place[:2]].add(place[2])
    if not places:
        return institutions
    # by year: a namesake of another class is another pupil (field test AM: Ерасыл of the
    # 8th class at Ақсукент's №3 beside the 5th class's list row and form)
    rows: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    # a row of the number and name that said no class may be another pupil's: its block is
    # then no surer than the schools apart
    unsaid = set()
    for i, key in enumerate(institutions.tolist()):
        if place := place_of[key]:
            (rows[(*place[:2], cores[i], years[i])].append(i) if years[i]
             else unsaid.add((*place[:2], cores[i])))
    institutions = institutions.copy()
    for (number, town, core, _), block in rows.items():
        if len({institutions.iat[i] for i in block}) < 2 or (number, town, core) in unsaid:
            continue
        typed = {place_of[institutions.iat[i]][2] for i in block}
        said = frozenset().union(*typed)  # a school of the data must say all of it
        if said in places[(number, town)] and (
                len(typed) == 1 or sum(bool(emails[i] or phones[i]) for i in block) <= 1):
            for i in block:
                institutions.iat[i] = "#" + "|".join((number, town, *sorted(said)))
    return institutions


def _numbered_school(institution_key: str) -> tuple[str, str, frozenset[str]] | None:
    """(number, town, its other words) of a numbered school not in the directory (its id
    "?gymnasium|86|Шымкент|", from Shape.key); else None."""
    parts = institution_key[1:].split("|") if institution_key.startswith("?") else []
    if len(parts) != 4:  # a directory id, or a place's words alone ("?апк утебаев")
        return None
    kinds, numbers, town, words = parts
    if not (numbers and kinds) or not set(kinds.split(",")) <= NUMBERED_SCHOOLS:
        return None
    return numbers, town, frozenset(words.split())


def find_links(records: pd.DataFrame, keys: np.ndarray, active: np.ndarray | None = None
               ) -> tuple[list[Link], list[Suspect]]:
    """Links and suspects between records; `records` has a `row` column of row positions,
    `keys` are their name keys (name_keys of their full_name).

    `active` (one bool per record, all by default) limits the search to blocks that hold at
    least one active record: those whose fields changed since the last search. The other
    records' blocks were all looked at before, so only near_active records need be given.
    """
    if active is None:
        active = np.ones(len(records), dtype=bool)
    rows = records["row"].tolist()
    full_names = records["full_name"].to_numpy()
    links: list[Link] = []
    suspects: list[Suspect] = []

    def add(rule: str, i: int, j: int) -> None:
        links.append(link(rule, rows[i], rows[j]))

    said: list[list[str]] = []  # the sides of the roles understood, years of study, roles
    institution_names, letters = _column(records, "institution"), _column(records, "class_letter")

    def what_was_said() -> list[list[str]]:
        """The sides of the roles understood, the years of study and the roles, gathered
        when first asked (most rounds compare no one)."""
        if not said:
            roles = _roles_understood(records)
            said.extend([[ROLE_SIDES.get(role, "") for role in roles],
                         _column(records, "study_year"), roles])
        return said

    def contradict(i: int, j: int, shared: bool) -> bool:
        """A learner and a worker (a teacher and her namesake daughter on her address), or on
        a contact several people use, two years of study (namesakes of the first and the
        second course; one's own address with the next year is most often a slip or a new
        school year, never with years further apart: the 1st and the 4th course) or two
        schools' numbers (a teacher of two schools registering a namesake of each)."""
        sides, years, _ = what_was_said()
        if sides[i] and sides[j] and sides[i] != sides[j]:
            return True
        if shared and (_numbered_apart(institution_names[i], institution_names[j])
                       or letters[i] and letters[j] and letters[i] != letters[j]):
            return True
        if not (years[i] and years[j] and years[i] != years[j]):
            return False
        return shared or not (years[i] + years[j]).isdigit() \
            or abs(int(years[i]) - int(years[j])) > MAX_YEAR_SLIP

    def one_year(i: int, j: int) -> bool:
        """Both say one year of study (a class, a course)."""
        years = what_was_said()[1]
        return bool(years[i]) and years[i] == years[j]

    def one_year_or_teachers(i: int, j: int) -> bool:
        """Both say a year of study (a class), the same; or both teach, or both work there:
        a teacher's contacts, which her pupils' forms give too, say her name twice, the
        patronymic once (field test FC: her form and her letter listing her pupils were two
        participants); so does a department's mailbox its staff's (FB: ecology.dept@)."""
        _, years, roles = what_was_said()
        return bool(years[i]) and years[i] == years[j] or roles[i] == roles[j] in (TEACHER,
                                                                                   "staff")

    def first_agreeing(earlier: list[int], record: int, shared: bool) -> int | None:
        """The first of `earlier` records that `record` does not contradict, or None."""
        return next((e for e in earlier if not contradict(e, record, shared)), None)

    def of_a_letter(members: list[int], shared: bool) -> list[int]:
        """On a contact several people use, a name's records saying two letters of a class
        ("6 А", "6 Б": namesakes of parallel classes on their teacher's address) without the
        records saying none, which may be either's and would join them."""
        if shared and len({letters[i] for i in members} - {""}) > 1:
            return [i for i in members if letters[i]]
        return members

    def agreeing_pairs(members: list[int], shared: bool) -> list[tuple[int | None, int]]:
        """(the first earlier record it does not contradict, or None; a record) for each of a
        name's records but the first (see of_a_letter)."""
        kept = of_a_letter(members, shared)
        return [(first_agreeing([e for e in members[:k] if e in kept], other, shared)
                 if other in kept else None, other)
                for k, other in enumerate(members[1:], start=1)]

    def pair(x: list[int], y: list[int], shared: bool) -> tuple[int, int, bool]:
        """A record of each of two name groups that agree (the first two, when none do),
        and whether none do: one slip in what a group's record said splits no group."""
        for i in x:
            if (j := first_agreeing(y, i, shared)) is not None:
                return i, j, False
        return x[0], y[0], True

    named: Counter[str] = Counter()  # each word of a name: in how many names, when needed

    def two_names(a: str, b: str, address: str) -> bool:
        """Names one slip apart whose differing words each name someone else in the data
        too (Дана and Диана, Ерлан and Ержан: twins on their parent's address), or are
        both given names people have (nm.a_given_name: Данияр and Даниял, Айсана and
        Айана, field tests AK and AS), not one name and its typo; but where the address
        they share spells one of the two (azamat.toktogulov@: Azaat is Azamat's slip)."""
        if not named:
            named.update(word for key in set(keys.tolist()) for word in set(key.split()))
        only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
        local = address.partition("@")[0]
        # a patronymic (marked ":m", ":f") typed two ways is one father's name: Бахыт, Бақыт
        return any(OSA.distance(x, y) <= 2 and (x in local) == (y in local) and (
            nm.a_given_name(x) and nm.a_given_name(y)
            or named[x] > 1 and named[y] > 1
            and min(named[x], named[y]) * TYPO_RARITY >= max(named[x], named[y]))
            for x in only_a for y in only_b if ":" not in x + y)

    phones = records["phone"].to_numpy()

    def someone_elses(i: int, j: int) -> bool:
        """Two schools' numbers and two phones beside a name written two ways: a namesake
        colleague a teacher registered from her own address (field test AS: 4 of 8 such
        pairs merged as "the same e-mail, the name without its patronymic"). Organisations
        typed two ways are too often one (field test AG)."""
        return (bool(phones[i]) and bool(phones[j]) and phones[i] != phones[j]
                and _numbered_apart(institution_names[i], institution_names[j]))

    valid_email = records["email_key"].where(records["email_valid"].astype(bool), "")
    for block in _blocks(_codes(valid_email), active):
        groups = _by_name(block, keys)
        groups.pop("", None)  # an e-mail alone is not a person
        # an address several people use (a secretary's, a school's): one name on it is one
        # person only where nothing they said differs; on one someone else uses too (a
        # teacher's, sending two namesake pupils of the 9th and the 11th class), the year;
        # so on an office's mailbox (priemnaya_kpvk@: a college's reception sending its
        # students' forms, field test AA)
        office = _an_offices(valid_email.iat[block[0]])
        shared = _several_people(groups) or office
        for members in groups.values():
            for first, other in agreeing_pairs(members, len(groups) > 1 or office):
                if first is None:
                    suspects.append(Suspect(SAME_NAME_SAID_APART,
                                            (rows[members[0]], rows[other])))
                    continue
                add(_EMAIL_RULE[nm.name_rule(full_names[first], full_names[other])], first, other)
        for x, y, rule, doubt in _similar_names(groups, full_names):
            i, j, differ = pair(x, y, shared)
            # a slip in a name typed once in Latin, once in Cyrillic: one person where the
            # phone is the same too (Adnreeva / Андреева); Dariga / Дарья may be sisters
            if doubt or differ or someone_elses(i, j) or (
                    office and not one_year_or_teachers(i, j)) or (
                    rule in (nm.TYPO, nm.TYPO_OTHER_SCRIPT)
                    and two_names(keys[i], keys[j], valid_email.iat[i])) or (
                    rule == nm.TYPO_OTHER_SCRIPT and not (phones[i] and phones[i] == phones[j])):
                suspects.append(Suspect(SIMILAR_NAME_SHARED_EMAIL, (rows[i], rows[j])))
            else:
                add(_EMAIL_RULE[rule], i, j)

    addresses = records["email_key"].to_numpy()
    ids, typed = records["institution_id"].to_numpy(), records["institution"].to_numpy()

    def institutions_differ(i: int, j: int) -> bool:
        """Both name an institution, and not the same one (as _institution_keys compares)."""
        a, b = (ids[k] or typed[k].casefold() for k in (i, j))
        return bool(a and b and a != b)

    def same_institution(i: int, j: int) -> bool:
        """Both name one institution: of the directory, or one not in it named by words of
        its own (ТОО «Kagazy Recycling»: field test AE), not a number that many towns'
        schools have ("школа 5")."""
        return bool(ids[i]) and ids[i] == ids[j] and (
            not ids[i].startswith("?") or _named_by_words(typed[i]))

    shared_addresses: set[str] = set()  # e-mails SHARED_NAMES names or more gave, when needed

    def on_a_shared_address(block: list[int]) -> bool:
        """Whether a record of the block gave an e-mail several people use, or each gave an
        office's (a college's reception): the phone beside it is no one's own either. A phone
        given with the person's own address too is hers (a director's mobile, given on his
        office's letter)."""
        if not shared_addresses:
            given = pd.DataFrame({"email": valid_email.to_numpy(),
                                  "name": [nm.key_without_patronymic(k) or k for k in keys]})
            names = given[given["email"] != ""].groupby("email")["name"].nunique()
            shared_addresses.update(names.index[names >= SHARED_NAMES])
            shared_addresses.add("")  # computed: the set is never empty again
        given = [addresses_given[i] for i in block if addresses_given[i]]
        return any(address in shared_addresses for address in given) or bool(given) and all(
            map(_an_offices, given))

    def married(x: list[int], y: list[int]) -> tuple[int, int] | None:
        """A record of each of two names on one phone that are one woman's, her surname
        changed (SURNAME_CHANGED), or None."""
        i, j = x[0], y[0]
        if (nm.surname_changed(full_names[i], full_names[j]) and same_institution(i, j)
                and not contradict(i, j, False) and not (
                    addresses_given[i] and addresses_given[j]
                    and addresses_given[i] != addresses_given[j])):
            return i, j
        return None

    addresses_given = valid_email.to_numpy()
    for block in _blocks(_codes(records["phone"]), active):
        groups = _by_name(block, keys)
        groups.pop("", None)
        # a phone several names are on, or one beside such an address: a place's, whose
        # people of one name in other years of study are two (field test AA: two Тұрсынова
        # Дана, 1st and 3rd course, on a college's reception address and phone)
        shared = _several_people(groups) or (
            (len(groups) > 1 or len(block) > 1) and on_a_shared_address(block))
        for members in groups.values():
            for first, other in agreeing_pairs(members, len(groups) > 1 or shared):
                if first is None:
                    suspects.append(Suspect(SAME_NAME_SAID_APART,
                                            (rows[members[0]], rows[other])))
                else:
                    add(NAME_AND_PHONE, first, other)
        for x, y, rule, doubt in _similar_names(groups, full_names):
            i, j, differ = pair(x, y, shared)
            doubt = doubt or differ
            # Жұмабаев Самат / Жұмабаев Самат Бақытұлы on a phone no other name is on (a
            # curator's, used for eight students, says nothing of whose it is, unless both
            # say one class: a teacher's form row and her list, field test AF)
            if rule in _PHONE_RULES and not doubt and (not shared or one_year_or_teachers(i, j)):
                add(NAME_AND_PHONE, i, j)
            elif (rule == nm.TYPO and not doubt and (not shared or one_year_or_teachers(i, j))
                  and (slip := _slip(full_names[i], full_names[j], one_year(i, j)))):
                add(slip, i, j)
            elif (rule == nm.INITIALS and not doubt and not institutions_differ(i, j)
                  and nm.initials_spelled(full_names[i], full_names[j], addresses[i], addresses[j])):
                add(PHONE_INITIALS_SPELLED, i, j)
            elif rule == nm.INITIALS and not doubt and same_institution(i, j):
                add(PHONE_INITIALS_INSTITUTION, i, j)
            else:
                suspects.append(Suspect(SIMILAR_NAME_SAME_PHONE, (rows[i], rows[j])))
        if len(groups) == 2 and not shared and (one_woman := married(*groups.values())):
            add(SURNAME_CHANGED, *one_woman)

    for block in _blocks(_same_answers(records), active):
        for other in block[1:]:
            add(IDENTICAL, block[0], other)
    return links, suspects


def _roles_and_years(records: pd.DataFrame) -> list[list[str]]:
    """Each record's role understood and year of study (normalize.study_year.years_of;
    blank where not said)."""
    return [_roles_understood(records), _column(records, "study_year")]


def _similar_names(groups: dict[str, list[int]], full_names: np.ndarray
                   ) -> list[tuple[list[int], list[int], str, bool]]:
    """(x, y, rule, doubt) for each pair of a block's distinct names that may be one
    person's, x and y the records of each (the rule read from their first). `doubt`: some
    other name of the block fits one of the two but not the other, so whom the pair means
    is unclear (Жұмағали Д. beside Жұмағали Дариға and Жұмағали Дастан)."""
    if len(groups) < 2:  # most blocks: one name
        return []
    fits: dict[int, set[int]] = defaultdict(set)
    similar = []
    for x, y in combinations(groups.values(), 2):
        i, j = x[0], y[0]
        rule = nm.name_rule(*sorted((full_names[i], full_names[j])))
        if rule is not None:
            similar.append((x, y, rule))
            fits[i].add(j)
            fits[j].add(i)
    return [(x, y, rule, fits[x[0]] - {y[0]} != fits[y[0]] - {x[0]}) for x, y, rule in similar]


def namesakes(records: pd.DataFrame, keys: np.ndarray, active: np.ndarray | None = None,
              earliest: np.ndarray | None = None, lent: Lent | None = None
              ) -> tuple[list[Link], list[Suspect]]:
    """Records with one name key at one institution (NAMESAKE_COLUMNS), in blocks holding an
    active record (all are, by default); `keys` are the records' name keys. Linked by
    FULL_NAME_AND_INSTITUTION where it applies; otherwise a person is asked. `earliest`:
    when each record first registered, by its "row" (NaT: not known); `lent`: the contacts
    rows give the people they list (lent_contacts).

    Apart from find_links: it needs only a few columns, and namesakes of a common name at a
    big institution would bring most records into find_links' search."""
    if active is None:
        active = np.ones(len(records), dtype=bool)
    rows = records["row"].tolist()
    # a year of study and a town too: namesakes in the first and the third year, or one from
    # Атырау and one from Астана, are two people. Only what was understood contradicts: a
    # specialty of the list, a known town, a role read (Английский язык and Ағылшын тілі,
    # in neither list, are one field typed in two languages)
    agreeing = [*_roles_and_years(records), _column(records, "specialty_id"),
                _known_cities(records), _column(records, "class_letter"),
                _column(records, "study_group")]
    cores = _without_patronymics(keys)
    institutions = _codes(_schools_of_a_number(records, cores.tolist(), agreeing[1]))
    institution_names = _column(records, "institution")
    institution_and_name = _pair_codes(institutions, _codes(pd.Series(keys)))
    specialties = _specialty_keys(records)
    links, suspects, unsure, short = [], [], [], []

    def agrees(block: list[int]) -> bool:
        return _roles_agree({agreeing[0][i] for i in block}) and not any(
            len({values[i] for i in block} - {""}) > 1 for values in agreeing[1:])

    def specified(block: list[int]) -> bool:
        # at a school or a college the place itself is small enough: a few hundred pupils,
        # a thousand or two students, where a university has tens of thousands (field test
        # AA: a college's students, whose teacher's letter gave no specialty, recall 0.742 ->
        # 0.787, no namesake merged)
        return all(specialties[i] for i in block) or _small(institution_names[block[0]])

    def teachers(block: list[int]) -> bool:
        # a form for teachers asks no specialty either, and a whole name of three words is
        # rarely two teachers' at one institution (two words are: two Ибраева Гульмира)
        return all(agreeing[0][i] == TEACHER for i in block)

    def by_class(block: list[int], asked: str) -> list[list[int]]:
        """A block's rows by the year of study each says: a cousin of the 9th class beside
        an 11th-class pupil's two rows is no third side; and a year's by the class letter,
        where each of its rows says one: the 6 «А»'s Медина is no side of the 6 «Б»'s
        (field test AK). A row saying no year beside two classes may be either's: it is
        asked about (`asked`: the reason) beside each, and joins neither. Study groups
        part a block first: a group is one year's few dozen (field test FD's namesakes in
        two groups of one college)."""
        if len(block) < 3:
            return [block]
        in_groups: dict[str, list[int]] = defaultdict(list)
        for i in block:
            if agreeing[5][i]:
                in_groups[agreeing[5][i]].append(i)
        if len(in_groups) > 1:
            suspects.extend(Suspect(asked, (rows[i], *(rows[j] for j in part)))
                            for i in block if not agreeing[5][i] for part in in_groups.values())
            return [part for part in in_groups.values() if len(part) > 1]
        years: dict[str, list[int]] = defaultdict(list)
        for i in block:
            if agreeing[1][i]:
                years[agreeing[1][i]].append(i)
        classes: dict[tuple[str, str], list[int]] = defaultdict(list)
        for year, rows_of_year in years.items():
            lettered = all(agreeing[4][i] for i in rows_of_year)
            for i in rows_of_year:
                classes[(year, agreeing[4][i] if lettered else "")].append(i)
        if len(classes) < 2:
            return [block]
        suspects.extend(Suspect(asked, (rows[i], *(rows[j] for j in part)))
                        for i in block if not agreeing[1][i] for part in classes.values())
        return [part for part in classes.values() if len(part) > 1]

    for block in (part for whole in _blocks(institution_and_name, active)
                  for part in by_class(whole, SAME_NAME_AND_INSTITUTION)):
        whole_name = sum(len(word) > 1 for word in keys[block[0]].split()) >= FULL_NAME_WORDS
        agree = agrees(block)
        if whole_name and agree:
            unsure.append(block)  # merged or asked below, by whose contacts each gave
        elif agree and specified(block):
            short.append(block)  # two words, or initials: asked, but why is worth saying
        else:
            suspects.append(Suspect(SAME_NAME_AND_INSTITUTION, tuple(rows[i] for i in block)))
    compared = [i for block in unsure + short for i in block]
    own_emails, own_phones = (_own_values(records, compared, c, lent)
                              for c in ("email_key", "phone"))
    own = {i: bool(own_emails[i]) + bool(own_phones[i]) for i in compared}
    emails, phones = _column(records, "email_key"), _column(records, "phone")
    sources = _column(records, "source")

    def sent_by_another(block: list[int], own: dict[int, int]) -> bool:
        """One side's own contacts, the others' all someone else's (a teacher's)."""
        return (sum(bool(own[i]) for i in block) == 1
                and all(emails[i] or phones[i] for i in block))

    def year_said_alike(block: list[int]) -> bool:
        """The same year of study said on every side (agreeing[1]: the years)."""
        return _one_said(agreeing[1], block)

    def teacher_first(pair: list[int], own: dict[int, int]) -> bool:
        """The teacher registered the student, who then registered too, as far as the times
        say. Field test S's one namesake merged without the patronymic had registered
        before the teacher sent in the name, and no year said on her side; where the same
        year is said on both, the order tells nothing (field tests P and W: pupils were as
        often in their teacher's list after registering as before)."""
        mine, teachers = sorted(pair, key=lambda i: not own[i])
        return earliest is None or not earliest[rows[mine]] < earliest[rows[teachers]]

    named_once = Counter(cores.tolist())  # a name of a namesake elsewhere is a common one
    institution_and_core = _pair_codes(institutions, _codes(pd.Series(cores)))
    years_at: dict[int, Counter[str]] = defaultdict(Counter)
    groups_at: dict[int, Counter[str]] = defaultdict(Counter)
    for i, code in enumerate(institution_and_core.tolist()):
        years_at[code][agreeing[1][i]] += 1
        groups_at[code][agreeing[5][i]] += 1

    in_class = Counter(zip(institution_and_core.tolist(), agreeing[1], agreeing[4]))

    def so_named_there(block: list[int]) -> int:
        """Registrations of the block's name (its patronymic aside) at its institution, but
        for those saying another year of study than the one said on every side of the block,
        or another study group than its one: a cousin of the 9th class is no namesake of a
        7th-class pupil registered twice (field test AM), nor a student of another group of
        one who registered and whom her curator listed (field test FD)."""
        code = institution_and_core[block[0]]
        group = agreeing[5][block[0]]
        if group and all(agreeing[5][i] == group for i in block):
            return groups_at[code][group] + groups_at[code][""]
        counts, year = years_at[code], agreeing[1][block[0]]
        if year and all(agreeing[1][i] == year for i in block):
            return counts[year] + counts[""]
        return sum(counts.values())

    def alone(block: list[int]) -> bool:
        """No one else so named: at a school, a college or an organisation (_small), no one
        else there; at a university, no one else in the data, as a name a namesake has
        elsewhere is a common one among its thousands (accuracy.py, seed 3: two Байжанова
        Динара of КазНУ's ecology students). A namesake at another school tells nothing of
        this one's pupils (field test AF: recall 0.823 / 0.924 / 0.866 -> 0.865 / 0.955 /
        0.887, none of its namesakes merged)."""
        if _small(institution_names[block[0]]):
            return so_named_there(block) == len(block)
        return named_once[cores[block[0]]] == len(block)

    def none_and_another(block: list[int], own: dict[int, int]) -> bool:
        """Two sides: one gave no e-mail or phone at all, the other only someone else's,
        the same year of study said on both, no one else in the data so named."""
        return none_and_some(block) and not any(own[i] for i in block)

    def none_and_own(block: list[int], own: dict[int, int]) -> str | None:
        """The same at a school, a college or a university, the other side's contacts its
        own, or none either in another source (one list naming a name twice names two
        pupils): the rule that links them, or None. At a college the programme may say what
        the class does; at a university both must."""
        level = shape_of(institution_names[block[0]]).level
        rule, alike = {"school": (NO_CONTACTS_AND_OWN_AT_SCHOOL, class_or_teachers),
                       "college": (NO_CONTACTS_AND_OWN_AT_COLLEGE, year_or_programme_alike),
                       "higher": (NO_CONTACTS_AND_OWN_AT_UNIVERSITY,
                                  lambda pair: year_and_programme_alike(pair)
                                  or listed_saying_nothing(pair)),
                       }.get(level, (None, None))
        linked = alike is not None and (
            none_and_some(block, alike=alike) and any(own[i] for i in block)
            or none_and_some(block, given=(False, False), alike=alike)
            and sources[block[0]] != sources[block[1]])
        return rule if linked else None

    def three_ways(block: list[int], own: dict[int, int]) -> tuple[int, int, int] | None:
        """(own, another's, none): a pupil's three registrations at a school or a college,
        one from her own contacts, one from someone else's only (her teacher's form row),
        one with neither (a district's list), one class or study group said on all, no one
        else there so named (field tests AJ and FD); else None."""
        if not (len(block) == 3 and _small(institution_names[block[0]]) and alone(block)
                and one_class(block)):
            return None
        by_how = {("own" if own[i] else "another" if emails[i] or phones[i] else "none"): i
                  for i in block}
        if len(by_how) < 3:
            return None
        return by_how["own"], by_how["another"], by_how["none"]

    def link_three_ways(three: tuple[int, int, int]) -> None:
        mine, teachers, listed = three
        links.append(link(NAME_SENT_BY_ANOTHER, rows[mine], rows[teachers]))
        links.append(link(NO_CONTACTS_AND_ANOTHER, rows[listed], rows[teachers]))

    def class_or_teachers(block: list[int]) -> bool:
        # a school's or a college's few dozen teachers hold no two of one name
        return year_said_alike(block) or teachers(block)

    def one_class(block: list[int]) -> bool:
        """One year of study said on every side, or one group's code ("ТПП-21к": a few dozen
        students)."""
        return year_said_alike(block) or group_said_alike(block)

    def group_said_alike(block: list[int]) -> bool:
        """One study group said on every side (agreeing[5]: the groups): a curator's list
        and the student's own form (field test FD: 15-20 such pairs a set)."""
        return _one_said(agreeing[5], block)

    def whole_class_alike(block: list[int]) -> bool:
        """One school class, its year and its letter, said on every side."""
        return year_said_alike(block) and _one_said(agreeing[4], block) \
            and _at_school(institution_names[block[0]])

    def one_class_at_school(block: list[int],
                            own_of: Callable[[list[int]], Mapping[int, int]]) -> list[int]:
        """The rows of the block that say its one whole class, where ONE_CLASS_AT_SCHOOL
        links them; else none. A row of that year saying no letter ("8") may be theirs or a
        namesake's of the parallel class: it is left to be asked. No two rows without
        contacts of their own may come from one source with the same contacts or none: one
        list naming a name twice names two pupils (field tests Y and AK: a teacher's letter
        naming one name in the 7 «А» and «Ә»). `own_of`: the contacts of their own some
        rows gave (_own_contacts), asked only of a class's rows."""
        if not _at_school(institution_names[block[0]]):
            return []
        classes: dict[tuple[int, str, str], list[int]] = defaultdict(list)
        for i in block:
            if agreeing[1][i] and agreeing[4][i]:
                classes[(institution_and_core[i], agreeing[1][i], agreeing[4][i])].append(i)
        for one_class, whole in classes.items():
            if len(whole) < 2 or in_class[one_class] != len(whole) or not agrees(whole):
                continue
            own = own_of(whole)
            listed = [(sources[i], emails[i], phones[i]) for i in whole if not own[i]]
            if len(listed) == len(set(listed)) and one_owner([i for i in whole if own[i]]):
                return whole
        return []

    def one_owner(owning: list[int]) -> bool:
        """The rows' own contacts are one person's: one row, or rows all giving one e-mail
        or all one phone (her form sent twice)."""
        return len(owning) <= 1 or any(
            len({values[i] for i in owning}) == 1 and values[owning[0]]
            for values in (emails, phones))

    def listed_saying_nothing(block: list[int]) -> bool:
        """One role said on every side, and the side with no contacts (a list's row) says
        no year, programme or group that could tell it from a namesake: nothing to compare,
        nothing to ask (field tests FA and FE: an organizer's list beside the own form)."""
        return _one_said(agreeing[0], block) and not any(
            agreeing[1][i] or specialties[i] or agreeing[5][i]
            for i in block if not (emails[i] or phones[i]))

    def programme_alike(block: list[int]) -> bool:
        return _one_said(specialties, block)

    def one_cohort(block: list[int]) -> bool:
        """Learners of one school class ("10 Б") or one study group ("ЭК-21-2")."""
        return all(agreeing[0][i] in ("student", *STUDY_LEVELS) for i in block) and (
            whole_class_alike(block) or group_said_alike(block))

    def year_or_programme_alike(block: list[int]) -> bool:
        return class_or_teachers(block) or programme_alike(block) or group_said_alike(block)

    def year_and_programme_alike(block: list[int]) -> bool:
        return year_said_alike(block) and programme_alike(block) or group_said_alike(block)

    def none_and_some(block: list[int], given: tuple[bool, bool] = (False, True),
                      alike: Callable[[list[int]], bool] | None = None) -> bool:
        """Two sides, giving e-mails or phones as `given` says, the same year of study or
        group (or what `alike` asks) said on both, no one else in the data so named."""
        return (tuple(sorted(bool(emails[i] or phones[i]) for i in block)) == given
                and (alike or one_class)(block) and alone(block))

    def again(block: list[int], own: dict[int, int]) -> bool:
        """One person registering again from a new address (NAME_AGAIN): no one else so
        named (in the whole data, or one class said on both: a name a namesake has
        elsewhere is a common one, field test AB's two Ахметова Айгерим of one school), one
        specialty typed, contacts of their own on each, a phone and an address both on one
        at most."""
        return (len(block) <= MAX_AGAIN and alone(block)
                and (named_once[cores[block[0]]] == len(block) or year_said_alike(block))
                and all(own[i] for i in block)
                and sum(own[i] == 2 for i in block) <= 1
                and len({specialties[i] for i in block}) == 1 and specified(block))

    for block in short:
        # the name's only two registrations there (Ахметова Айгерим Ериковна is a third)
        pair = (len(block) == 2 and not _INITIAL.search(keys[block[0]])
                and so_named_there(block) == 2)
        if _two_of_a_place(block, own_emails):
            suspects.append(Suspect(SAME_NAME_AND_INSTITUTION, tuple(rows[i] for i in block)))
            continue
        if pair and sent_by_another(block, own):
            links.append(link(NAME_SENT_BY_ANOTHER, rows[block[0]], rows[block[1]]))
            continue
        if pair and none_and_another(block, own):
            links.append(link(NO_CONTACTS_AND_ANOTHER, rows[block[0]], rows[block[1]]))
            continue
        if pair and (rule := none_and_own(block, own)):
            links.append(link(rule, rows[block[0]], rows[block[1]]))
            continue
        if not _INITIAL.search(keys[block[0]]) and again(block, own):
            links += [link(NAME_AGAIN, rows[block[0]], rows[i]) for i in block[1:]]
            continue
        if not _INITIAL.search(keys[block[0]]) and (three := three_ways(block, own)):
            link_three_ways(three)
            continue
        if not _INITIAL.search(keys[block[0]]) and (
                one := one_class_at_school(block, lambda _: own)):
            links += [link(ONE_CLASS_AT_SCHOOL, rows[one[0]], rows[i]) for i in one[1:]]
            continue
        reason = (SAME_NAME_SENT_BY_ANOTHER if sent_by_another(block, own)
                  else SAME_NAME_AND_INSTITUTION)
        suspects.append(Suspect(reason, tuple(rows[i] for i in block)))
    def differ(block: list[int], own_values: dict[int, str]) -> bool:
        """Two sides each gave one of their own, not the same."""
        return len({own_values[i] for i in block} - {""}) > 1

    for block in unsure:
        owners = sum(bool(own[i]) for i in block)
        # an address and a phone of its own on two sides: two people as likely as one; so
        # are two teachers' of their own that differ, with no specialty to agree on (field
        # test AB: two Сейткали Әсел Болатқызы, teachers of one university, two phones)
        whole_sets = sum(own[i] == 2 for i in block)
        # only sides with contacts of their own can point to a second person: a curator's
        # letter giving no specialty leaves the students' own two registrations to agree
        # (field test AA, set 3: recall 0.833 -> 0.872, no namesake merged)
        owning = [i for i in block if own[i]]
        if not _two_of_a_place(block, own_emails) and (owners <= 1 or whole_sets <= 1 and (
                specified(owning) or teachers(owning) and not (
                    differ(block, own_emails) or differ(block, own_phones)))):
            links += [link(FULL_NAME_AND_INSTITUTION, rows[block[0]], rows[i]) for i in block[1:]]
        elif (len(block) == 2 and not _two_of_a_place(block, own_emails)
              and one_cohort(block) and so_named_there(block) == 2):
            links.append(link(FULL_NAME_ONE_COHORT, rows[block[0]], rows[block[1]]))
        else:
            suspects.append(Suspect(SAME_NAME_AND_INSTITUTION, tuple(rows[i] for i in block)))
    refs = _column(records, "ref")
    for block in _blocks(institution_and_core, active):
        if len(block) == 2 and agrees(block) and _sent_again(refs[block[0]], refs[block[1]]):
            links.append(link(LIST_SENT_AGAIN, rows[block[0]], rows[block[1]]))
    # Ким Виктория beside Ким Виктория Андреевна: asked about too
    # one name with a patronymic and the same without it: more fathers are namesakes
    without_one, beside_several = [], []
    for block in (part for whole in _blocks(institution_and_core, active)
                  for part in by_class(whole, SAME_NAME_NO_PATRONYMIC_AND_INSTITUTION)):
        names = {keys[i] for i in block}
        if cores[block[0]] in names and len(names) <= MAX_FITTING + 1:
            (without_one if len(names) == 2 else beside_several).append(block)
    pairs_own = _own_contacts(records, [i for block in without_one if len(block) <= 3
                                        for i in block], lent)
    for block in without_one:
        # the side without the patronymic sent from another's contacts
        by_another = len(block) == 2 and sent_by_another(block, pairs_own) and all(
            (keys[i] == cores[i]) == (not pairs_own[i]) for i in block)
        if (by_another and agrees(block) and specified(block)
                and not _INITIAL.search(cores[block[0]])
                and alone(block)
                and (teacher_first(block, pairs_own) or year_said_alike(block))):
            links.append(link(NO_PATRONYMIC_OWN_AND_ANOTHER, rows[block[0]], rows[block[1]]))
            continue
        # the side without the patronymic the teacher's, the other with no contacts at all;
        # at a school either side, one class said whole on both ("7 А": a district's list
        # without patronymics, the pupil's form sent from a parent's address, field test AM)
        if (len(block) == 2 and agrees(block) and (specified(block) or group_said_alike(block))
                and not _INITIAL.search(cores[block[0]]) and none_and_another(block, pairs_own)
                and (whole_class_alike(block) or all(
                    (keys[i] == cores[i]) == bool(emails[i] or phones[i]) for i in block))):
            links.append(link(NO_CONTACTS_AND_ANOTHER, rows[block[0]], rows[block[1]]))
            continue
        if (len(block) == 2 and agrees(block) and not _INITIAL.search(cores[block[0]])
                and (rule := none_and_own(block, pairs_own))):
            links.append(link(rule, rows[block[0]], rows[block[1]]))
            continue
        # at a small place (_small), the patronymic on either side: a district's list sent
        # with the supervisor's phone, the pupil's own form without it, one class said (at
        # a college its group's code: "ТПП-21к" on a curator's list and the student's own
        # form, field test AO); at a university, one programme's year said on both (a
        # curator's letter, field test AL)
        if (len(block) == 2 and agrees(block) and not _INITIAL.search(cores[block[0]])
                and sent_by_another(block, pairs_own) and alone(block)
                and (_small(institution_names[block[0]]) and one_class(block)
                     or year_and_programme_alike(block))):
            links.append(link(NO_PATRONYMIC_OWN_AND_ANOTHER, rows[block[0]], rows[block[1]]))
            continue
        if (len(block) == 2 and agrees(block) and not _INITIAL.search(cores[block[0]])
                and again(block, pairs_own)):
            links.append(link(NAME_AGAIN, rows[block[0]], rows[block[1]]))
            continue
        if (agrees(block) and not _INITIAL.search(cores[block[0]])
                and (three := three_ways(block, pairs_own))):
            link_three_ways(three)
            continue
        if not _INITIAL.search(cores[block[0]]) and (one := one_class_at_school(
                block, lambda whole: pairs_own if len(block) <= 3
                else _own_contacts(records, whole, lent))):
            links += [link(ONE_CLASS_AT_SCHOOL, rows[one[0]], rows[i]) for i in one[1:]]
            continue
        reason = (NO_PATRONYMIC_SENT_BY_ANOTHER if by_another
                  else SAME_NAME_NO_PATRONYMIC_AND_INSTITUTION)
        suspects.append(Suspect(reason, tuple(rows[i] for i in block)))
    # a name without its patronymic beside several with one (Ержанова Дильназ, a teacher's
    # row, beside ... Болатқызы and ... Нұрланқызы): it may be any of them, each is asked
    for block in beside_several:
        suspects += [Suspect(SAME_NAME_NO_PATRONYMIC_AND_INSTITUTION, (rows[i], rows[j]))
                     for i in block if keys[i] == cores[i]
                     for j in block if keys[j] != cores[j] and agrees([i, j])]
    return links, suspects


def mistyped_addresses(records: pd.DataFrame, keys: np.ndarray,
                       active: np.ndarray | None = None) -> list[Link]:
    """EMAIL_MISTYPED and EMAIL_ELSEWHERE links between records of one surname and given
    name, in blocks holding an active record; nothing else they said may contradict
    (another institution, a learner and a worker, another year of study; another phone
    beside a mistyped address)."""
    if active is None:
        active = np.ones(len(records), dtype=bool)
    addresses = records["email_key"].tolist()
    pairs = [(i, j, rule) for block in _blocks(_codes(pd.Series(_without_patronymics(keys))),
                                               active)
             if len(block) <= _MAX_NEAR  # a common name: its people's addresses are many
             for i, j in combinations(block, 2)
             if (rule := _one_persons_addresses(addresses[i], addresses[j]))]
    if not pairs:  # most rounds: the rest is not gathered
        return []
    rows, names = records["row"].tolist(), records["full_name"].tolist()
    institutions, roles = _institution_keys(records).tolist(), _roles_understood(records)
    differing = (institutions, _column(records, "study_year"), _column(records, "class_letter"),
                 [ROLE_SIDES.get(role, "") for role in roles])
    phones, specialties = records["phone"].tolist(), _specialty_keys(records)
    return [link(rule, rows[i], rows[j]) for i, j, rule in pairs
            if not any(len({values[i], values[j]} - {""}) > 1 for values in differing)
            and (len({phones[i], phones[j]} - {""}) < 2 if rule == EMAIL_MISTYPED
                 else _said_alike(i, j, institutions, roles, specialties))
            and nm.name_rule(names[i], names[j]) in (nm.SAME, nm.TRANSLITERATED,
                                                    nm.WITHOUT_PATRONYMIC)]


def _one_said(values: Sequence[str], block: list[int]) -> bool:
    """Whether every record of the block said one and the same value."""
    return values[block[0]] != "" and all(values[i] == values[block[0]] for i in block)


def _said_alike(i: int, j: int, *columns: list[str]) -> bool:
    """Whether records i and j each said each of these, and alike."""
    return all(values[i] and values[i] == values[j] for values in columns)


def _one_persons_addresses(a: str, b: str) -> str | None:
    """EMAIL_MISTYPED for two addresses a letter apart at one domain, EMAIL_ELSEWHERE for one
    name before "@" at two domains (no office's: see _an_offices), else None."""
    if _a_letter_apart(a, b):
        return EMAIL_MISTYPED
    local_a, _, domain_a = a.rpartition("@")
    local_b, _, domain_b = b.rpartition("@")
    if (domain_a and domain_b and domain_a != domain_b and local_a == local_b
            and len(_LETTERS.findall(local_a)) >= MIN_ADDRESS_LETTERS and not _an_offices(a)):
        return EMAIL_ELSEWHERE
    return None


def _a_letter_apart(a: str, b: str) -> bool:
    """Two addresses at one domain whose names before "@" are one letter apart (one more,
    one less, one other or two swapped), their digits, dots and dashes alike."""
    local_a, _, domain_a = a.rpartition("@")
    local_b, _, domain_b = b.rpartition("@")
    return (bool(domain_a) and domain_a == domain_b and local_a != local_b
            and min(len(local_a), len(local_b)) >= MIN_ADDRESS_LETTERS
            and _LETTERS.sub("", local_a) == _LETTERS.sub("", local_b)
            and OSA.distance(local_a, local_b) == 1)


def initials_beside_names(records: pd.DataFrame, keys: np.ndarray) -> list[Suspect]:
    """Suspects: a name with initials and the one name at its institution (of the
    directory) that its initials fit (nm.INITIALS); `records` (with NAMESAKE_COLUMNS) are
    the groups once no more join, `keys` their name keys. Initials that fit several names
    there leave no one to ask about; so do names of no institution.

    Only names sharing a written word and a first letter at one institution are compared,
    and none where more than MAX_FITTING names do: a common surname at a big university has
    hundreds of namesakes, and initials among them fit too many. Words are split as they
    are needed, never kept for every record (a million of them)."""
    ids, keys = _column(records, "institution_id"), keys.tolist()
    initialed = [i for i, key in enumerate(keys)
                 if _INITIAL.search(key) and _WRITTEN_WORD.search(key)
                 and ids[i] and not ids[i].startswith("?")]
    wanted: dict[tuple[str, str], set[str]] = defaultdict(set)  # (institution, word): letters
    for i in initialed:
        tokens = keys[i].split()
        for word in (t for t in tokens if len(t) > 1):
            wanted[ids[i], word] |= {t[0] for t in tokens if t != word}
    if not wanted:
        return []
    institutions = {institution for institution, _ in wanted}
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if ids[i] not in institutions:
            continue
        tokens = key.split()
        for word in tokens:
            if letters := wanted.get((ids[i], word)):
                for letter in letters.intersection(t[0] for t in tokens if t != word):
                    blocks[ids[i], word, letter].append(i)
    rows, names = records["row"].tolist(), records["full_name"].tolist()
    suspects = []
    for i in initialed:
        tokens = keys[i].split()
        near = [blocks.get((ids[i], word, letter), []) for word in tokens if len(word) > 1
                for letter in wanted[ids[i], word]]
        if sum(map(len, near)) > _MAX_NEAR:
            continue
        others = {j for block in near for j in block if keys[j] != keys[i]}
        if not others or len({keys[j] for j in others}) > MAX_FITTING:
            continue
        fitting = [j for j in sorted(others)
                   if nm.name_rule(*sorted((names[i], names[j]))) == nm.INITIALS]
        if len({keys[j] for j in fitting}) == 1:
            suspects += [Suspect(INITIALS_AND_INSTITUTION, (rows[i], rows[j])) for j in fitting]
    return suspects


def _slip(a: str, b: str, one_year: bool) -> str | None:
    """The rule taking two names a slip apart on one phone for one person's, or None. With
    one year of study said on both, the surname's slip needs no patronymic: no mother of
    the same given name is in her daughter's class (field test FC: "Қасымова Динара",
    "Қасыова Динара", 3rd course, one phone)."""
    if nm.slip_in_surname(a, b, fatherless=one_year):
        return PHONE_SURNAME_SLIP
    return PHONE_GIVEN_NAME_SLIP if nm.slip_in_given_name(a, b) else None


def _several_people(groups: Mapping[str, list[int]]) -> bool:
    """Whether a contact's names are SHARED_NAMES people or more: its name keys once
    patronymics are left out (Рахымжанова Інкәр with and without Берікқызы beside her
    sister Айгерім on their parent's phone are two, not three: no one else's phone)."""
    return len(groups) >= SHARED_NAMES and len(
        {nm.key_without_patronymic(key) or key for key in groups}) >= SHARED_NAMES


def _two_of_a_place(block: list[int], own_emails: Mapping[int, str]) -> bool:
    """Two addresses of their own at one place's domain (not a public one such as
    gmail.com): a university gives each person one, so two are two people (field test AB:
    two Нұрпейісов Айдос Галымович of ЕНУ, aidos_97@enu.kz and nurpeiisov_a@enu.kz)."""
    addresses = sorted({own_emails.get(i, "") for i in block} - {""})
    return any(a.rpartition("@")[2] == b.rpartition("@")[2] not in POPULAR_DOMAINS
               and not _a_letter_apart(a, b) for a, b in combinations(addresses, 2))


def _without_patronymics(keys: np.ndarray) -> np.ndarray:
    """Each name key without its patronymic's token (nm.key_without_patronymic)."""
    return np.array([nm.key_without_patronymic(key) for key in keys.tolist()], dtype=object)


def _own_contacts(records: pd.DataFrame, positions: list[int], lent: Lent | None = None
                  ) -> dict[int, int]:
    """How many contacts of its own each record at `positions` gave (0, 1 or 2): an e-mail,
    a phone, that no record with another person's name (not compatible) gave too. A
    teacher's address, used for her students, is no one's own; neither is a family's phone;
    but the people a row lists beside its sender do not make hers someone else's (`lent`)."""
    emails, phones = (_own_values(records, positions, c, lent) for c in ("email_key", "phone"))
    return {i: bool(emails[i]) + bool(phones[i]) for i in positions}


class Lent(NamedTuple):
    """Contacts a row gives beside the people it lists (refs "form:12/1", "form:12/2"
    beside "form:12"): by value, the senders' names and those they listed with it."""

    senders: Mapping[str, frozenset[str]]
    listed: Mapping[str, frozenset[str]]


def lent_contacts(rows: pd.DataFrame, leaders: Mapping[int, int]) -> Lent:
    """The e-mails and phones rows give their listed people (`leaders`: leaders_of), worked
    out once from the rows: later rounds' records are groups, whose refs are many."""
    senders: dict[str, set[str]] = defaultdict(set)
    listed: dict[str, set[str]] = defaultdict(set)
    names = rows["full_name"].tolist()
    for column in ("email_key", "phone") if leaders else ():
        values = _column(rows, column)
        for person, sender in leaders.items():
            if values[person] and values[person] == values[sender]:
                senders[values[person]].add(names[sender])
                listed[values[person]].add(names[person])
    return Lent({v: frozenset(n) for v, n in senders.items()},
                {v: frozenset(n) for v, n in listed.items()})


def _own_values(records: pd.DataFrame, positions: list[int], column: str,
                lent: Lent | None = None) -> dict[int, str]:
    """Each record's value of `column` (an e-mail, a phone) where it is its own (see
    _own_contacts), else "". The people a row lists beside its sender carry the sender's
    contacts: for her they make them no one else's (field test AO: a teacher's own address
    on her team's rows was no one's, and her registrations stayed apart)."""
    if not positions:
        return {}
    names = records["full_name"].to_numpy()
    values = records[column].to_numpy()
    wanted = set(values[positions].tolist()) - {""}
    # the distinct names each value was given with: a teacher's phone beside 9,000 rows
    # of her pupils is a few names, not 9,000 comparisons per row
    sharing: dict[str, set[str]] = defaultdict(set)
    offices = {value for value in wanted if _an_offices(value)}
    # a phone given only beside an office's mailbox is the office's (a college's reception);
    # given with a person's own address too, it is hers
    addresses = _column(records, "email_key") if column == "phone" else None
    beside_office, beside_own = set(), set()
    for position in np.flatnonzero(pd.Series(values).isin(wanted).to_numpy()).tolist():
        sharing[values[position]].add(names[position])
        if addresses and addresses[position]:
            (beside_office if _an_offices(addresses[position])
             else beside_own).add(values[position])
    offices |= beside_office - beside_own
    lent = lent or Lent({}, {})

    def listed_by(name: str, other: str, value: str) -> bool:
        """`other` is one `name` listed beside her, giving her contact."""
        return (any(nm.compatible(name, sender) for sender in lent.senders.get(value, ()))
                and any(nm.compatible(other, person) for person in lent.listed.get(value, ())))

    return {i: values[i] if values[i] and values[i] not in offices
            and all(nm.compatible(names[i], name) or listed_by(names[i], name, values[i])
                    for name in sharing[values[i]]) else ""
            for i in positions}


def _an_offices(address: str) -> bool:
    """A mailbox of an office, not of a person: its name before "@" is, or holds as a word,
    a reception's or an office's (info@, office@, priemnaya@, letsdoit.office@), as the
    organizers type the address a letter came from (field test AG)."""
    local = address.partition("@")[0] if "@" in address else ""
    return any(word in OFFICE_MAILBOXES for word in _MAILBOX_WORDS.split(local))


# Words of an office's mailbox's name (folded to Latin as people write them), a faculty's,
# a department's or a dean's office's too (otdel.praktiki@, kafedra.ecology@, dekanat.hbf@:
# field tests FA and FE, whose curators' letters came from them).
OFFICE_MAILBOXES = frozenset({
    "info", "office", "priemnaya", "priemnaia", "priem", "reception", "secretary",
    "sekretar", "sekretariat", "kanc", "kanceliariia", "kancelyariya", "admin", "contact",
    "contacts", "general", "hr", "otdel", "kafedra", "dekanat", "fakultet", "faculty",
    "department", "dept", "rektorat"})
_MAILBOX_WORDS = re.compile(r"[._+-]+")


def _named_by_words(institution: str) -> bool:
    """An institution's name that says which one it is by words of its own, or by its
    number and its town."""
    shape = shape_of(institution)
    return bool(shape.words) or bool(shape.numbers and shape.city)


def leaders_of(rows: pd.DataFrame) -> dict[int, int]:
    """Each listed response's row ("form:12/2") -> the row of the one who sent it ("form:12"),
    where that row has a person of its own."""
    refs = _column(rows, "ref")
    own_row = {ref: i for i, ref in enumerate(refs) if ref and "/" not in ref}
    return {i: own_row[row_ref(ref)] for i, ref in enumerate(refs)
            if "/" in ref and row_ref(ref) in own_row}


def leaders_of_one_pupil(rows: pd.DataFrame, leaders: Mapping[int, int],
                         group: np.ndarray) -> list[Link]:
    """LEADER_OF_ONE_PUPIL links between the leaders of listed responses now one group."""
    if not leaders:  # most data: no row lists anyone
        return []
    by_group: dict[int, set[int]] = defaultdict(set)
    for listed, leader in leaders.items():
        by_group[int(group[listed])].add(leader)
    names, ids = rows["full_name"].tolist(), _column(rows, "institution_id")
    found = []
    for sent_by in by_group.values():
        for a, b in combinations(sorted(sent_by), 2):
            if (group[a] != group[b] and nm.compatible(names[a], names[b])
                    and not (ids[a] and ids[b] and ids[a] != ids[b])):
                found.append(link(LEADER_OF_ONE_PUPIL, a, b))
    return found


def one_team_twice(rows: pd.DataFrame, leaders: Mapping[int, int], keys: np.ndarray
                   ) -> list[Link]:
    """PUPIL_OF_ONE_LEADER and LEADER_OF_ONE_PUPIL links: a leader and a pupil named alike
    on two rows (the pupils' names one surname and given name, nm.key_without_patronymic),
    the rows' places not two towns or two schools' numbers. Worked out once, from the rows."""
    if not leaders:
        return []
    names, places = rows["full_name"].tolist(), _column(rows, "institution")
    towns = _known_cities(rows)
    pupils: dict[str, list[int]] = defaultdict(list)
    for listed in leaders:
        if core := nm.key_without_patronymic(keys[listed]):
            pupils[core].append(listed)
    found = []
    for same_name in pupils.values():
        for p, q in combinations(same_name, 2):
            a, b = leaders[p], leaders[q]
            if (a != b and nm.compatible(names[p], names[q]) and nm.compatible(names[a], names[b])
                    and not (towns[a] and towns[b] and towns[a] != towns[b])
                    and not _numbered_apart(places[a], places[b])):
                found += [link(PUPIL_OF_ONE_LEADER, p, q), link(LEADER_OF_ONE_PUPIL, a, b)]
    return found


def _sent_again(a: str, b: str) -> bool:
    """Two mailbox rows of two letters one sender sent (at two times)."""
    sender = letter_sender_of(a)
    return bool(sender) and sender == letter_sender_of(b) and (
        a.partition(f" {sender}")[0] != b.partition(f" {sender}")[0])


def _numbered_apart(a: str, b: str) -> bool:
    """Whether two institutions' names each give a school's or a college's number, and not
    the same one ("44 школа", "Школа-лицей №33"), or one a number and the other a chain's
    school, which has none ("гимназия №159", "НЗМ ХБН Алматы"): two places, however else
    typed."""
    if not (a and b):
        return False
    first, second = shape_of(a), shape_of(b)
    if first.level != second.level or first.level not in ("school", "college"):
        return False
    if bool(first.numbers) != bool(second.numbers):
        unnumbered = second if first.numbers else first
        return bool(unnumbered.kinds & CITY_NAMED_CHAINS)
    return bool(first.numbers) and not set(first.numbers) & set(second.numbers)


def _small(institution: str) -> bool:
    """Whether an institution's name is a school's, a college's or an organisation's (an
    NGO, a firm): a place of a few hundred pupils or a few dozen staff, where a university
    has tens of thousands, whose namesakes need less to tell them apart (see namesakes;
    field test AG: recall 0.945 / 0.926 / 0.960 -> 0.959 / 0.934 / 0.966 with
    organisations, none of its 37 namesake pairs merged)."""
    return shape_of(institution).level in ("school", "college", "other")


def _at_school(institution: str) -> bool:
    """Whether an institution's name is a school's, a gymnasium's or a lyceum's."""
    return shape_of(institution).level == "school"


def _column(records: pd.DataFrame, name: str) -> list[str]:
    return records[name].tolist() if name in records else [""] * len(records)


def _known_cities(records: pd.DataFrame) -> list[str]:
    """Each record's city where it is a known one: "Талас ауданы" and "Жамбылская обл.,
    Таласский р-н" are one place, typed two ways, not two towns."""
    return [city if match == "exact" else "" for city, match in
            zip(_column(records, "city"), _column(records, "city_match"))]


# Which side of a classroom a role is on, where two roles on one contact contradict: a
# "студент" is said of any learner; "магистрант" and "докторант" (roles.STUDY_LEVELS) say
# which level.
ANY_LEARNER = "student"


def _roles_agree(roles: set[str]) -> bool:
    """Whether namesakes' roles understood may be one person's: one role, or "student"
    beside the one level of study another row says (a curator's list of "студенты" naming
    her master's student, field test AR)."""
    said = roles - {""}
    levels = said - {ANY_LEARNER}
    return len(levels) <= 1 and (levels == said or levels <= STUDY_LEVELS)
# "студент" in the organizers' list and "магистрант" in the form are one learner, a
# "методист" and a "преподаватель" one worker; a guest ("other") may be anyone.
ROLE_SIDES = {"student": "learner", "master": "learner", "phd": "learner",
              "teacher": "worker", "staff": "worker"}


def _roles_understood(records: pd.DataFrame) -> list[str]:
    """Each record's role, blank where its answer was not understood: an "уч-ся 9 кл." no
    one could read contradicts no role."""
    return [role if not str(note).startswith(ROLE_UNKNOWN) else "" for role, note in
            zip(_column(records, "role"), _column(records, "role_note"))]


def _specialty_keys(records: pd.DataFrame) -> list[str]:
    """The specialty's id, or for one not in the list its name, case-folded."""
    return [found or typed.casefold() for found, typed in
            zip(_column(records, "specialty_id"), _column(records, "specialty"))]
