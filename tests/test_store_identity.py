"""The store's identity rules under real edits: nobody registered is ever lost.

Organizers delete, edit, reorder, insert and duplicate rows; respondents edit their answers
(Forms gives the edit a new time); hand-kept lists have no timestamps at all. Whatever
happens, every person ever pulled still has a stored response (as vanished when deleted):
a version may replace an earlier one of the same person, never another person's; and every
row of the latest pull is a current response.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.sources.table import build_table
from sync.store import Identity, Store

TIMESTAMP, NAME, EMAIL, PHONE, CITY = "Отметка времени", "ФИО", "E-mail", "Телефон", "Город"
WITH_TIME = [TIMESTAMP, NAME, EMAIL, PHONE, CITY]
WITHOUT_TIME = [NAME, EMAIL, PHONE, CITY]
SURNAMES = ["Иванова", "Петрова", "Ахметова", "Сериккызы", "Ким", "Жумабаева", "Ли", "Орлова"]
GIVEN = ["Айгерим", "Анна", "Дана", "Мария", "Алия", "Жансая"]
# Few e-mails and phones for many people: a teacher registers her students with hers.
EMAILS = ["teacher@school.kz", "dean@uni.kz", "aida@mail.ru"]
PHONES = ["87010000001", "87020000002", "87770000003"]
CITIES = ["Алматы", "Астана", "Шымкент"]


@dataclass
class Sheet:
    """A response sheet as an organizer sees it; each row knows which submission it is."""

    timed: bool
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    clock: int = 0
    used_names: set[str] = field(default_factory=set)
    person: dict[int, int] = field(default_factory=dict)  # submission -> the person who made it

    def header(self) -> list[str]:
        return WITH_TIME if self.timed else WITHOUT_TIME

    def stamp(self) -> str:
        self.clock += 1
        return f"2025/10/{1 + self.clock // 1440:02d} {(self.clock // 60) % 24}:{self.clock % 60:02d}:00"

    def grid(self) -> list[list[str]]:
        return [self.header(), *([cells[h] for h in self.header()] for _, cells in self.rows)]


def _identity(timed: bool) -> Identity:
    return Identity(timestamp=TIMESTAMP if timed else None, name=(NAME,), contacts=(EMAIL, PHONE))


def _new_person(data, sheet: Sheet) -> dict[str, str]:
    name = data.draw(st.sampled_from([f"{s} {g}" for s in SURNAMES for g in GIVEN]
                                     ).filter(lambda n: n not in sheet.used_names))
    sheet.used_names.add(name)  # distinct people have distinct names here: same name and
    # same e-mail is one person by dedup's own rules
    return {TIMESTAMP: sheet.stamp(), NAME: name, EMAIL: data.draw(st.sampled_from(EMAILS)),
            PHONE: data.draw(st.sampled_from(PHONES)), CITY: data.draw(st.sampled_from(CITIES))}


def _edit(data, sheet: Sheet, by_respondent: bool) -> None:
    position = data.draw(st.integers(0, len(sheet.rows) - 1))
    submission, cells = sheet.rows[position]
    changed = dict(cells)
    column = data.draw(st.sampled_from([EMAIL, PHONE, CITY, NAME]))
    if column == NAME:  # a typo corrected
        changed[NAME] = cells[NAME] + data.draw(st.sampled_from(["а", "-Ли", "ova"]))
    else:
        changed[column] = data.draw(st.sampled_from({EMAIL: EMAILS, PHONE: PHONES,
                                                     CITY: CITIES}[column]))
    if by_respondent:  # Forms records an edit as a new submission time
        changed[TIMESTAMP] = sheet.stamp()
    sheet.rows[position] = (submission, changed)


def _change(data, sheet: Sheet, submissions: list[int]) -> None:
    """One thing an organizer or a respondent does to the sheet."""
    kinds = ["insert"] + (["delete", "organizer edit", "respondent edit", "reorder",
                           "duplicate"] if sheet.rows else [])
    kind = data.draw(st.sampled_from(kinds))
    if kind == "insert":
        submissions.append(len(submissions))
        sheet.person[submissions[-1]] = len(set(sheet.person.values()))
        sheet.rows.insert(data.draw(st.integers(0, len(sheet.rows))),
                          (submissions[-1], _new_person(data, sheet)))
    elif kind == "delete":
        del sheet.rows[data.draw(st.integers(0, len(sheet.rows) - 1))]
    elif kind == "reorder":
        sheet.rows = data.draw(st.permutations(sheet.rows))
    elif kind == "duplicate":  # a double click: the same answers twice, one submission more
        submissions.append(len(submissions))
        original, cells = data.draw(st.sampled_from(sheet.rows))
        sheet.person[submissions[-1]] = sheet.person[original]
        sheet.rows.append((submissions[-1], dict(cells)))
    else:
        _edit(data, sheet, by_respondent=kind == "respondent edit")


def _pull(store: Store, sheet: Sheet) -> None:
    store.begin()
    run = store.start_run("sync")
    table = build_table("form", "form.csv", sheet.grid(), "Asia/Almaty")
    counts = store.record_pull(run, table, _identity(sheet.timed)).counts
    store.finish_run(run, counts, None, None)
    store.commit()


def _stored(store: Store, current_only: bool) -> list[tuple[str, ...]]:
    where = " WHERE vanished_run IS NULL" if current_only else ""
    rows = store.db.execute(f"SELECT answers FROM responses{where}").fetchall()
    return sorted(tuple(json.loads(answers)) for (answers,) in rows)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), timed=st.booleans())
def test_no_registration_is_ever_lost_whatever_is_done_to_the_sheet(tmp_path_factory, data, timed):
    sheet = Sheet(timed)
    submissions: list[int] = []
    person_of: dict[tuple[str, ...], int] = {}  # every content pulled -> whose it is
    with Store(tmp_path_factory.mktemp("store") / "regsync.sqlite") as store:
        for _ in range(data.draw(st.integers(1, 6), label="pulls")):
            for _ in range(data.draw(st.integers(1, 4), label="changes before a pull")):
                _change(data, sheet, submissions)
            _pull(store, sheet)
            pulled = [tuple(cells[h] for h in sheet.header()) for _, cells in sheet.rows]
            person_of.update((content, sheet.person[submission])
                             for (submission, _), content in zip(sheet.rows, pulled))
            assert _stored(store, current_only=True) == sorted(pulled)
            kept = {person_of[content] for content in _stored(store, current_only=False)}
            lost = set(person_of.values()) - kept
            assert not lost, f"people overwritten by another: {lost}"


def _rows(*people: tuple[str, str, str, str, str]) -> list[list[str]]:
    return [WITH_TIME, *map(list, people)]


def test_a_deleted_student_sharing_her_teachers_phone_is_kept(tmp_path):
    """The case that lost a registrant: two students registered with their teacher's e-mail
    and phone; one row deleted, the other edited by its respondent; rows moved up."""
    aida = ("2025/10/01 9:00:00", "Сейтова Аида", "teacher@school.kz", "87010000001", "Алматы")
    dana = ("2025/10/01 9:05:00", "Омарова Дана", "teacher@school.kz", "87010000001", "Алматы")
    dana_edited = ("2025/10/03 18:00:00", "Омарова Дана", "teacher@school.kz", "87010000001",
                   "Астана")
    with Store(tmp_path / "regsync.sqlite") as store:
        for grid in (_rows(aida, dana), _rows(dana_edited)):
            store.begin()
            run = store.start_run("sync")
            store.record_pull(run, build_table("form", "f.csv", grid, "Asia/Almaty"),
                              _identity(timed=True))
            store.commit()
        current = _stored(store, current_only=True)
        everything = _stored(store, current_only=False)
    assert current == [dana_edited]  # Dana's edit is Dana's, not Aida's
    assert aida in everything  # Aida is kept, as deleted from the sheet
    assert dana not in everything  # Dana's first version went to the version history


@pytest.mark.parametrize("before, after, edited", [
    ("Ахметова Аружан", "Ахметова Аружан Канатовна", True),  # her patronymic added
    ("Тұрсынова Айгеррим", "Тұрсынова Айгерим", True),  # a slip mended
    ("Нурланова Дана", "Нурланова Диана", False),  # her twin, on the family's contacts
])
def test_a_respondent_correcting_her_name_edits_her_response(tmp_path, before, after, edited):
    """She corrected her name in the form (Forms gives the edit a new time); a row above was
    deleted, so hers moved up: one response changed, nothing vanished (field test AB: 8 of
    17 such edits came out a new registration and a deleted one)."""
    gone = ("2025/10/01 9:00:00", "Сейтова Аида", "aida@mail.ru", "87010000009", "Алматы")
    first = ("2025/10/01 9:05:00", before, "family@mail.ru", "87010000001", "Алматы")
    second = ("2025/10/03 18:00:00", after, "family@mail.ru", "87010000001", "Алматы")
    with Store(tmp_path / "regsync.sqlite") as store:
        counts = []
        for grid in (_rows(gone, first), _rows(second)):
            store.begin()
            run = store.start_run("sync")
            counts.append(store.record_pull(run, build_table("form", "f.csv", grid, "Asia/Almaty"),
                                            _identity(timed=True)).counts)
            store.commit()
        everything = _stored(store, current_only=False)
    assert (counts[1].changed, counts[1].vanished) == ((1, 1) if edited else (0, 2))
    assert (first in everything) != edited  # an edit's first version goes to the history


@settings(max_examples=100, deadline=None)
@given(data=st.data(), timed=st.booleans())
def test_a_row_named_as_of_an_earlier_pull_is_found_again_however_rows_moved(
        tmp_path_factory, data, timed):
    """decisions.csv names rows as a report showed them: whatever was done to the sheet
    since, the row of an earlier pull names the response that was there then."""
    sheet = Sheet(timed)
    submissions: list[int] = []
    then: dict[int, dict[int, int]] = {}  # run -> {row: response id} as that pull left them
    current: list[set[int]] = []
    with Store(tmp_path_factory.mktemp("store") / "regsync.sqlite") as store:
        for _ in range(data.draw(st.integers(1, 6), label="pulls")):
            for _ in range(data.draw(st.integers(1, 4), label="changes before a pull")):
                _change(data, sheet, submissions)
            _pull(store, sheet)
            run = store.db.execute("SELECT max(id) FROM runs").fetchone()[0]
            then[run] = dict(store.db.execute(
                "SELECT source_row, id FROM responses WHERE vanished_run IS NULL"))
            current.append(set(then[run].values()))
        came_back = _came_back(current)
        for run, rows in then.items():
            found = store.responses_at({("form", row) for row in rows}, run)
            for row, rid in rows.items():
                assert rid in found[("form", row)]
                assert set(found[("form", row)]) - {rid} <= came_back
        last = max(then)
        assert {key[1]: ids for key, ids in store.responses_at(
            {("form", row) for row in then[last]}, None).items()} == {
            row: [rid] for row, rid in then[last].items()}


def _came_back(current: list[set[int]]) -> set[int]:
    """Responses current at one pull, deleted from the sheet at a later one, and current
    again after that (the store cannot tell where they were in between)."""
    back = set()
    for rid in set().union(*current):
        seen = [rid in ids for ids in current]
        after = seen[seen.index(True):]
        if False in after and True in after[after.index(False):]:
            back.add(rid)
    return back
