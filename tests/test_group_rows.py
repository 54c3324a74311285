"""A teacher registering her group types the pupils into one answer: one participant each
(sync/group_rows.py), read where the form lists them (FormReading.listed)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.cli import main
from sync.group_rows import with_listed_people
from sync.normalize.roles import normalize_roles
from sync.questions.answers import names_in, sample_answers
from sync.questions.assign import read_form
from sync.sources.table import build_table
from tests.conftest import csv_text
from tests.test_runs import project, sheet  # noqa: F401  (project: a fixture)


@pytest.mark.parametrize("answer, people", [
    ("Иванов Иван, Петрова Анна", ["Иванов Иван", "Петрова Анна"]),
    ("Бекова Дана\nЖанова Асель Маратовна\nОмаров Ерлан", ["Бекова Дана", "Жанова Асель Маратовна",
                                                          "Омаров Ерлан"]),
    ("1. Бекова Дана (9 класс)\n2) Ким Ольга", ["Бекова Дана", "Ким Ольга"]),
    ("Серікұлы Айбек және Ахметова Айгерім", ["Серікұлы Айбек", "Ахметова Айгерім"]),
    ("Ivanov Ivan; Petrova Anna", ["Ivanov Ivan", "Petrova Anna"]),
    ("1) Шәріпова Ұлжан 2) Новиков Евгений 3) Көшербаев Данияр Рахатұлы",
     ["Шәріпова Ұлжан", "Новиков Евгений", "Көшербаев Данияр Рахатұлы"]),
    ("- Ким Ольга\n- Ли Денис", ["Ким Ольга", "Ли Денис"]),
    ("Dana Bekova and Asel Zhanova", ["Dana Bekova", "Asel Zhanova"]),
    # one person, or a list with something that is no whole name: not split
    ("Иванов Иван Петрович", []),
    ("Иванова Анна, Сергеевна", []),
    ("Иванов Иван Иванович, 9 класс", []),
    ("Иванов Иван, КазНУ им. аль-Фараби", []),
    ("Смирнова Анна Сергеевна, Satbayev Uni", []),  # her name and her university
    ("Алматы, Астана", []),
])
def test_the_people_an_answer_lists(answer, people):
    assert names_in(answer) == people


_WORDS = st.sampled_from(["Иванов", "Ахметова", "Серікұлы", "Ким", "Omarov", "Бекова", "Нуров"])
_GIVEN = st.sampled_from(["Айгерім", "Иван", "Дана", "Ерлан", "Asel", "Тимур", "Ольга"])
_NAMES = st.lists(st.tuples(_WORDS, _GIVEN).map(" ".join), min_size=2, max_size=8)


@given(_NAMES, st.sampled_from([", ", "; ", "\n", ",\n", " и "]), st.booleans())
def test_a_list_of_names_gives_them_back_however_it_is_written(names, separator, numbered):
    text = separator.join(f"{i}. {name}" if numbered else name
                          for i, name in enumerate(names, start=1))
    assert names_in(text) == names
    assert names_in(names[0]) == []


def _frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["ref", "full_name", "role", "q: ФИО учащихся"])


def test_each_person_a_row_lists_is_a_response_of_their_own():
    frame = _frame([("form:2", "Иванова Анна", "студент", ""),
                    ("form:3", "Бекова Дана, Жанова Асель", "учитель", ""),
                    ("form:4 (deleted)", "Омарова Гульнар", "учитель", "Ким Ольга\nЛи Денис"),
                    ("form:5", "Нуров Тимур", "учитель", "Сейткали Нурлан")])
    out = with_listed_people(frame, "ФИО", "ФИО учащихся")
    assert out.to_dict("list") == {
        "ref": ["form:2", "form:3/1", "form:3/2", "form:4 (deleted)", "form:4/1 (deleted)",
                "form:4/2 (deleted)", "form:5", "form:5/1"],
        "full_name": ["Иванова Анна", "Бекова Дана", "Жанова Асель", "Омарова Гульнар",
                      "Ким Ольга", "Ли Денис", "Нуров Тимур", "Сейткали Нурлан"],
        # the list's question calls them pupils; "ФИО" calls them nothing: the row's answer
        "role": ["студент", "учитель", "учитель", "учитель", "учащихся", "учащихся",
                 "учитель", "учащихся"],
        # the list stays with the one who sent it
        "q: ФИО учащихся": ["", "", "", "Ким Ольга\nЛи Денис", "", "", "Сейткали Нурлан", ""]}


def test_a_list_beside_a_leader_that_calls_them_nothing_gives_them_no_role():
    frame = pd.DataFrame({"ref": ["form:2"], "full_name": ["Нуров Тимур"], "role": ["учитель"],
                          "q: Участники группы": ["Ким Ольга, Ли Денис"]})
    out = with_listed_people(frame, "ФИО", "Участники группы")
    assert out["role"].tolist() == ["учитель", "", ""]


@pytest.mark.parametrize("question", [
    "Если вы регистрируете группу учащихся, укажите их ФИО (каждого с новой строки)",
    "Оқушылар тобын тіркесеңіз, олардың аты-жөнін жазыңыз",
    "If you register a group of students, list their names",
])
def test_the_people_a_teachers_question_lists_are_the_learners_it_names(question):
    """The question as a whole is the teacher's ("регистрируете группу учащихся" is what a
    teacher does); those it lists are the learners it names (field test Y: 19 pupils came
    out teachers)."""
    frame = pd.DataFrame({"ref": ["form:2"], "full_name": ["Нуров Тимур"], "role": ["учитель"],
                          f"q: {question}": ["Ким Ольга, Ли Денис"]})
    out = with_listed_people(frame, "ФИО", question)
    roles = normalize_roles(out["role"].tolist())["role"].tolist()
    assert roles == ["teacher", "student", "student"]


def test_rows_that_list_no_one_are_left_as_they_are():
    frame = _frame([("form:2", "Иванова Анна", "студент", "")])
    assert with_listed_people(frame, "ФИО", "ФИО учащихся") is frame


def _reading(header, rows):
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    return read_form(table.headers, {}, "form.csv", sample_answers([table]))


GROUPS = [("Ахметова Айгерім Серікқызы", "Иванов Иван Петрович, Петров Петр, Сидорова Анна"),
          ("Омарова Гульнар", "Бекова Дана\nЖанова Асель"),
          ("Нуров Тимур Асхатович", "1. Омаров Ерлан\n2. Ким Ольга"),
          ("Ли Денис Олегович", "Сейткали Нурлан, Тулегенов Марат")]


@pytest.mark.parametrize("leader, pupils", [
    ("ФИО руководителя группы", "ФИО учащихся (через запятую)"),
    ("Топ жетекшісінің аты-жөні", "Оқушылардың аты-жөні"),
    ("Group leader's full name", "Names of the pupils"),
])
def test_the_leader_is_the_rows_name_and_the_pupils_the_people_it_lists(leader, pupils):
    reading = _reading([leader, "E-mail", pupils],
                       [[name, f"t{i}@mail.kz", group] for i, (name, group) in enumerate(GROUPS)])
    assert reading.mapping["full_name"] == leader
    assert reading.listed == pupils


@pytest.mark.parametrize("question", ["Соавторы доклада (ФИО через запятую, если есть)",
                                      "Co-authors", "Баяндаманың авторлары"])
def test_the_co_authors_of_a_talk_are_named_not_registered(question):
    """Field test M: a talk's co-authors, listed beside one's own name, came out as
    participants, doubling the count."""
    reading = _reading(["ФИО", "E-mail", question],
                       [[name, f"t{i}@mail.kz", group] for i, (name, group) in enumerate(GROUPS)])
    assert reading.mapping["full_name"] == "ФИО" and reading.listed == ""


def test_a_name_question_answered_with_lists_and_nothing_else_stays_the_name():
    """No one is named alone: the lists are split where they stand."""
    reading = _reading(["ФИО", "E-mail"], [[group, f"t{i}@mail.kz"]
                                           for i, (_, group) in enumerate(GROUPS)])
    assert reading.mapping["full_name"] == "ФИО" and reading.listed == ""


def test_a_teachers_group_is_counted_pupil_by_pupil(project):  # noqa: F811
    """Each pupil is a participant and a student, the teacher one and a teacher; the
    Summary counts the sheet's rows."""
    header = ["Отметка времени", "ФИО руководителя группы", "Электронная почта", "Телефон",
              "Учебное заведение", "Статус", "ФИО учащихся (через запятую)"]
    folder = project()
    sheet_rows = [[f"06.12.2026 10:0{i}:00", name, f"t{i}@mail.kz", f"8701555000{i}",
                   "Школа-гимназия №15, Астана", "учитель", group]
                  for i, (name, group) in enumerate(GROUPS)]
    (folder / "form.csv").write_text(csv_text([header, *sheet_rows]), encoding="utf-8")
    assert main(["run", "-q"]) == 0
    people = sheet(folder, "latest", "Участники")[1:]
    roles = {r[0]: r[5] for r in people}
    assert len(roles) == 4 + 9
    assert {roles[name] for name, _ in GROUPS} == {"Преподаватель"}
    assert {role for name, role in roles.items()
            if name not in dict(GROUPS)} == {"Студент"}
    summary = {r[0]: r[1] for r in sheet(folder, "latest", "Сводка") if r and r[0]}
    assert summary["Ответов (строк)"] == 4 and summary["Уникальных участников"] == 13
