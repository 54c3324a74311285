"""Raw responses -> normalized responses: one pure function, raw values kept beside clean ones.

Every normalizer works on unique values once and maps back, so 100,000 rows cost about as
much as the few thousand distinct spellings in them. The slowest per-value work
(institutions by their words, names, phones) may have been worked out ahead elsewhere
(work_ahead; the run does that in a second process, sync/speedups.py): normalize asks for
each when it needs it, names and phones last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sync.config import NormalizeConfig
from sync.normalize.aliases import Aliases, load_aliases
from sync.normalize.cities import locality_of, normalize_cities, towns_of_their_contacts
from sync.normalize.countries import country_column
from sync.normalize.emails import normalize_emails
from sync.normalize.institutions import (Directory, institution_results, load_directory,
                                         looks_like_abbreviation, match_institutions)
from sync.normalize.learning import People
from sync.normalize.names import name_results, normalize_names, surname_first_in_list
from sync.normalize.phones import normalize_phones, phone_results
from sync.normalize.places import (SWAPPED, contacts_in_their_places, institutions_beside_names,
                                   role_and_specialty_swapped)
from sync.normalize.roles import (A_UNIVERSITY, COLUMNS as ROLE_COLUMNS, FROM_CODE, OUTSIDE,
                                  STUDY_LEVELS, UNKNOWN as ROLE_UNKNOWN, institution_kind,
                                  normalize_roles)
from sync.normalize.shapes import names_no_place, says_a_kind
from sync.normalize.specialties import SpecialtyList, load_specialties, normalize_specialties
from sync.normalize.study_group import study_groups
from sync.normalize.study_year import class_letters, year_answers, years_of
from sync.normalize.text import clean_text, fold

RAW_SUFFIX = "_raw"
# Of an answer longer than this, only the start is read: no name, institution, role or city
# is longer, and a 50,000-character answer (a cell's limit at Google) must cost no more than a
# real one. The whole answer is kept as typed in <field>_raw.
MAX_READ_CHARS = 300
# The canonical fields, each kept as typed beside its clean value.
FIELDS = ("full_name", "email", "phone", "institution", "specialty", "role", "city")


@dataclass(frozen=True)
class Reference:
    """Everything normalizing looks things up in, loaded once by the caller."""

    directory: Directory
    specialties: SpecialtyList
    aliases: Aliases
    fuzzy_threshold: float
    fold_cities: bool


def load_reference(settings: NormalizeConfig) -> Reference:
    return Reference(directory=load_directory(), specialties=load_specialties(),
                     aliases=load_aliases(settings.aliases),
                     fuzzy_threshold=settings.fuzzy_threshold, fold_cities=settings.fold_cities)


# The fields whose per-value work may be done ahead (work_ahead), in the order normalize
# asks for them: the first ones are ready soonest. E-mails are not among them: normalize
# checks them itself while the helper works on the institutions (measured: the helper was
# the one waited for when it took them too).
AHEAD = ("institution", "full_name", "phone")


def work_ahead(cells: Mapping[str, Sequence[str]], reference: Reference | None = None
               ) -> Iterator[tuple[str, dict]]:
    """(field, {answer: what normalize works out for it}) for each field of AHEAD in `cells`,
    one field at a time. An institution needs `reference`."""
    for field in AHEAD:
        if field not in cells:
            continue
        values = cells[field]
        if field == "institution" and reference is not None:
            yield field, institution_results(values, reference.directory,
                                             reference.fuzzy_threshold)
        elif field == "full_name":
            yield field, name_results(values)
        elif field == "phone":
            yield field, phone_results(values)


class Known:
    """Per-value results worked out ahead of normalize (work_ahead's parts), taken as they
    come: asking for a field reads the parts until it is there. A field that is not coming,
    or was lost on the way, is {}: normalize works it out itself."""

    def __init__(self, fields: Sequence[str] = (), parts: Iterable[tuple[str, dict]] = ()):
        self._coming, self._parts, self._have = set(fields), iter(parts), {}

    def __call__(self, field: str) -> dict:
        while field in self._coming and field not in self._have:
            part = next(self._parts, None)
            if part is None:
                self._coming.clear()
                break
            self._have[part[0]] = part[1]
            self._coming.discard(part[0])
        if not self._coming:
            for _ in self._parts:  # read to the end, which lets whoever sends them finish
                pass
        return self._have.pop(field, {})


# A question whose distinct answers are this many at most is a choice between options; one
# whose answers are roles in this share of the rows that answered is the participants' roles.
MAX_ROLE_CHOICES = 30
ROLE_CHOICES_UNDERSTOOD = 0.8


def normalize(responses: pd.DataFrame, reference: Reference, known: Known | None = None
              ) -> pd.DataFrame:
    """Clean every canonical field; `<field>_raw` keeps what was typed. Input is not modified.

    `known`: fields worked out ahead (work_ahead), asked for in the order of AHEAD as each is
    needed; what it lacks is worked out here.
    """
    known = known or Known()
    # Columns are gathered and the frame built once, sharing the input's columns (copy=False
    # below): no copy of the input, no frame per step.
    columns: dict[str, object] = {c: responses[c].array for c in responses.columns}
    raw = {}
    for field in FIELDS:
        columns[field + RAW_SUFFIX] = typed = _as_text(responses[field])
        raw[field] = _start_of(typed).tolist()

    raw["email"], raw["phone"] = contacts_in_their_places(raw["email"], raw["phone"])
    raw["institution"] = institutions_beside_names(raw["institution"], raw["full_name"])
    emails = normalize_emails(raw["email"])
    extras = {c: responses[c] for c in responses.columns if c.startswith("q: ")}
    years = years_of(raw["role"], extras, raw["specialty"])
    letters = class_letters(raw["role"], extras, raw["specialty"])
    people = People(raw["full_name"], emails["email"].tolist(), raw["phone"],
                    [f"{year}{letter}" if year and letter else ""
                     for year, letter in zip(years, letters)])
    cities = normalize_cities(raw["city"], reference.fold_cities)
    known_cities = cities["city"].where(cities["city_match"] == "exact", "").tolist()
    # an unknown school is placed in its row's known town, else in its village or district
    places = [city or locality_of(answer) for city, answer in zip(known_cities, raw["city"])]
    # ... else, where it names no place at all ("15 мектеп"), in the one known town its
    # contacts' owner gave (a teacher's, in "Контакты учителя" too)
    asking = [not own and names_no_place(answer)
              for own, answer in zip(places, raw["institution"])]
    if any(asking):
        lent = towns_of_their_contacts(known_cities, emails["email"].tolist(), raw["phone"],
                                       [_as_text(answers) for answers in extras.values()],
                                       asking)
        places = [own or town for own, town in zip(places, lent)]
    institutions = match_institutions(raw["institution"], emails["email"].tolist(),
                                      reference.directory, reference.aliases,
                                      reference.fuzzy_threshold, people, known("institution"),
                                      places)
    specialties = normalize_specialties(raw["specialty"], reference.specialties,
                                        reference.aliases)
    places_of_roles = _places(institutions, reference)
    roles = normalize_roles(raw["role"], specialties["specialty_code"].tolist(),
                            places_of_roles)
    swapped = role_and_specialty_swapped(raw["role"], raw["specialty"], roles, specialties,
                                         reference.specialties, reference.aliases)
    if swapped.any():
        specialties, roles = _swapped_back(raw, swapped, institutions, reference)
    specialties, roles = _role_typed_as_the_specialty(raw, specialties, roles, places_of_roles)
    roles = _roles_said_by_the_year(roles, raw["role"], extras, places_of_roles)
    roles = _roles_said_by_a_choice(roles, extras, places_of_roles)
    roles = _staff_of_no_place_of_learning(roles, institutions)
    names = normalize_names(raw["full_name"], known("full_name"))
    names["full_name"] = surname_first_in_list(names["full_name"].tolist())
    phones = normalize_phones(raw["phone"], known=known("phone"),
                              countries=country_column(extras))
    for part in (names, emails, phones, institutions, specialties, roles, cities):
        for column in part.columns:
            columns[column] = part[column].array
    columns["institution_outside"] = _outside_learning(institutions, raw["institution"])
    # a teacher is in no year of study: the class beside a teacher's name is the pupils' she
    # sent (a team's), which tells no two teachers apart; so is a curator's group
    learner = roles["role"].to_numpy() != "teacher"
    columns["study_year"] = np.where(learner, years, "").tolist()
    columns["class_letter"] = np.where(learner, letters, "").tolist()
    columns["study_group"] = np.where(learner, study_groups(extras, raw["specialty"]),
                                      "").tolist()
    for column in responses.columns:
        if column.startswith("q: "):
            answers = responses[column].tolist()
            cleaned = {v: clean_text(v) for v in dict.fromkeys(answers) if isinstance(v, str)}
            columns[column] = [cleaned.get(v, "") for v in answers]
    return pd.DataFrame(columns, index=responses.index, copy=False)


def _roles_said_by_the_year(roles: pd.DataFrame, answers: list[str],
                            extras: dict[str, pd.Series], places: list[str]) -> pd.DataFrame:
    """Where no role was answered, the answer to a question asking the year says it (an
    organizer's list with "Сынып / курс" and no status): a class or a course is a
    learner's ("7 Ә", "2 курс"), "мұғалім" a teacher's, before what a programme's code
    says; one not understood says none. Where "Студент" was chosen, a year of a master's
    or doctoral programme says which ("2 курс магистратуры": field test FE). A form's
    "Другое" chosen says no more than a blank ("Басқа / Другое", "библиотекарь" typed as the
    class or subject: field test FC)."""
    said = year_answers(extras)
    if said is None:
        return roles
    says_none = [not answer.strip() or _other_chosen(answer) for answer in answers]
    open_rows = [bool(year.strip()) and (empty or role == "student")
                 for year, empty, role in zip(said, says_none, roles["role"].tolist())]
    if not any(open_rows):
        return roles
    read = normalize_roles([year if open_row else "" for year, open_row in zip(said, open_rows)],
                           None, places)
    understood = (read["role"] != "") & ~read["role_note"].str.startswith(ROLE_UNKNOWN) \
        & pd.Series(open_rows, index=read.index) \
        & (pd.Series(says_none, index=read.index) | read["role"].isin(STUDY_LEVELS))
    roles = roles.copy()
    roles.loc[understood, ROLE_COLUMNS] = read.loc[understood, ROLE_COLUMNS]
    return roles


_OTHER_CHOICE = frozenset({"другое", "другой", "иное", "прочее", "баска", "other"})


def _other_chosen(answer: str) -> bool:
    """Whether a role's answer is a form's "other" choice alone ("Басқа / Другое")."""
    words = set(fold(answer).split())
    return bool(words) and words <= _OTHER_CHOICE


def _role_typed_as_the_specialty(raw: dict, specialties: pd.DataFrame, roles: pd.DataFrame,
                                 places: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Where "Другое" was chosen as the status and the specialty's answer is no programme
    but a position ("лаборант", "мастер п/о"), that answer is the role and no specialty:
    one with no programme tells the form so (field test FD: a lab assistant and a college's
    production-training master were counted "other")."""
    typed = [clean_text(s) if isinstance(s, str) else "" for s in raw["specialty"]]
    taken = np.array([_other_chosen(r) if isinstance(r, str) else False for r in raw["role"]]) \
        & (specialties["specialty_match"].to_numpy() == "unmatched")
    if not taken.any():
        return specialties, roles
    read = normalize_roles([t if take else "" for t, take in zip(typed, taken)], None, places)
    taken &= (read["role"] != "").to_numpy() & ~read["role_note"].str.startswith(
        ROLE_UNKNOWN).to_numpy()
    if not taken.any():
        return specialties, roles
    roles, specialties = roles.copy(), specialties.copy()
    roles.loc[taken, ROLE_COLUMNS] = read.loc[taken, ROLE_COLUMNS].to_numpy()
    specialties.loc[taken, list(specialties.columns)] = ""
    specialties.loc[taken, "specialty_match"] = "blank"
    return specialties, roles


def _roles_said_by_a_choice(roles: pd.DataFrame, extras: dict[str, pd.Series],
                            places: list[str]) -> pd.DataFrame:
    """Where the role's answer says no role (a position: "эксперт", "редактор") or none
    (a programme's code only guessing it), the first other question whose few choices are
    roles ("Категория участника": Студент, Госслужащий, Представитель НКО) says it, as a
    person reading the row would take it."""
    # a role the programme's code suggests is a guess the participant's own choice overrules
    unread = (roles["role"] == "") | roles["role_note"].str.startswith((ROLE_UNKNOWN,
                                                                          FROM_CODE))
    if not unread.any():
        return roles
    for answers in extras.values():
        given = [a for a in answers.unique() if isinstance(a, str) and a.strip()]
        if not given or len(given) > MAX_ROLE_CHOICES:
            continue  # free text, not a choice
        read = normalize_roles(given)
        understood = dict(zip(given, (read["role"] != "")
                              & ~read["role_note"].str.startswith(ROLE_UNKNOWN)))
        # counted by the distinct answers, not row by row
        counts = answers.value_counts()
        if sum(counts[a] for a in given if understood[a]) \
                < ROLE_CHOICES_UNDERSTOOD * sum(counts[a] for a in given):
            continue  # mostly not roles ("Очно", "Онлайн"; "Да")
        taken = (unread & answers.isin([a for a in given if understood[a]])).to_numpy()
        if taken.any():
            typed = [a if take else "" for a, take in zip(answers.tolist(), taken)]
            again = normalize_roles(typed, None, places)
            roles = roles.copy()
            roles.loc[taken, ROLE_COLUMNS] = again.loc[taken, ROLE_COLUMNS].to_numpy()
        return roles
    return roles


def _staff_of_no_place_of_learning(roles: pd.DataFrame, institutions: pd.DataFrame
                                   ) -> pd.DataFrame:
    """Staff of a place no directory knows, whose name says no kind of place (not even with
    a slip: "Абай универистеті") and is no abbreviation ("Recycle Partners", "Каспий
    Экосервис"), where none of its people is a learner or a teacher: a firm's or an NGO's
    people, "other" (field tests FB and FE)."""
    ids = institutions["institution_id"].to_numpy()
    role = roles["role"].to_numpy()
    unknown = pd.Series(ids).str.startswith("?").to_numpy()
    if not (unknown & (role == "staff")).any():
        return roles
    shown = institutions["institution"].to_numpy()
    places = pd.DataFrame({"id": ids[unknown], "role": role[unknown], "name": shown[unknown]})
    firms = [group for group, rows in places.groupby("id", sort=False)
             if set(rows["role"]) <= {"staff", "other", ""}
             and not says_a_kind(name := rows["name"].iloc[0]) and not _named_by_letters(name)]
    staff = np.isin(ids, firms) & (role == "staff")
    if staff.any():
        roles = roles.copy()
        roles.loc[staff, "role"] = "other"
    return roles


_SMALL_WORD = re.compile(r"[^\W\d_A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{4}")  # four small letters in a row


def _named_by_letters(name: str) -> bool:
    """An abbreviation ("КазНИИПиА", "AlmaU"), maybe a university's, not a brand in humps
    of capitals ("EcoPlast", "KazMunayGas"), whose words' small letters run on."""
    return looks_like_abbreviation(name) and not _SMALL_WORD.search(name)


def _swapped_back(raw: dict, swapped, institutions: pd.DataFrame, reference: Reference
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Specialties and roles read again with the `swapped` rows' two answers in each
    other's place (places.role_and_specialty_swapped); those rows' role_note says so."""
    role_typed = [s if swap else r for r, s, swap in zip(raw["role"], raw["specialty"], swapped)]
    specialty_typed = [r if swap else s
                       for r, s, swap in zip(raw["role"], raw["specialty"], swapped)]
    specialties = normalize_specialties(specialty_typed, reference.specialties,
                                        reference.aliases)
    roles = normalize_roles(role_typed, specialties["specialty_code"].tolist(),
                            _places(institutions, reference))
    roles.loc[swapped, "role_note"] = SWAPPED
    return specialties, roles


def _outside_learning(institutions: pd.DataFrame, typed: list[str]) -> np.ndarray:
    """Whether each row's institution, one the directory does not know, is an NGO, a firm
    or a government body (roles.institution_kind), as its group's name or the row's own
    spelling says ("ТОО «Казэкология»" in a group shown as "Казэкология"): the directory
    lists places of learning only, so the review does not ask the organizers to find it."""
    outside = np.zeros(len(typed), dtype=bool)
    unmatched = np.flatnonzero((institutions["institution_match"] == "unmatched").to_numpy())
    shown = institutions["institution"].to_numpy()
    names = set(shown[unmatched].tolist()) | {typed[i] for i in unmatched.tolist()}
    kind = {name: bool(name) and institution_kind(name) == OUTSIDE for name in names}
    outside[unmatched] = [kind[shown[i]] or kind[typed[i]] for i in unmatched.tolist()]
    return outside


def _places(institutions: pd.DataFrame, reference: Reference) -> list[str]:
    """The institutions' names as the roles read them: a university of the directory is one,
    whatever its name says (a "Высшая школа" is no school)."""
    levels = reference.directory.levels
    return [A_UNIVERSITY if levels.get(entry) == "higher" else name for entry, name in
            zip(institutions["institution_id"].tolist(), institutions["institution"].tolist())]


def _start_of(typed):
    """The answers with only their first MAX_READ_CHARS characters (the same array when no
    answer is longer)."""
    lengths = pd.Series(typed).str.len()
    if not len(lengths) or lengths.max() <= MAX_READ_CHARS:
        return typed
    return pd.Series(typed).str.slice(0, MAX_READ_CHARS).array


def _as_text(column: pd.Series):
    """The column's cells as text, blank where missing, with one string for each distinct
    answer: a million rows typing a few hundred thousand names keep that many strings, and
    the input's own copies can go once it is normalized."""
    if not (column.dtype == "str" and not column.hasnans):
        column = column.fillna("").astype(str)
    codes, distinct = pd.factorize(column.array)
    return distinct.take(codes)

