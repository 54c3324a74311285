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
from sync.load import people_of
from sync.questions.answers import leaders_in, names_in, sample_answers
from sync.questions.assign import read_form
from sync.sources.table import build_table, by_column
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
    out = with_listed_people(frame, "ФИО", ("ФИО учащихся",))
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
    out = with_listed_people(frame, "ФИО", ("Участники группы",))
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
    out = with_listed_people(frame, "ФИО", (question,))
    roles = normalize_roles(out["role"].tolist())["role"].tolist()
    assert roles == ["teacher", "student", "student"]


def test_rows_that_list_no_one_are_left_as_they_are():
    frame = _frame([("form:2", "Иванова Анна", "студент", "")])
    assert with_listed_people(frame, "ФИО", ("ФИО учащихся",)) is frame


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
    assert reading.listed == (pupils,)


@pytest.mark.parametrize("question", ["Соавторы доклада (ФИО через запятую, если есть)",
                                      "Co-authors", "Баяндаманың авторлары"])
def test_the_co_authors_of_a_talk_are_named_not_registered(question):
    """Field test M: a talk's co-authors, listed beside one's own name, came out as
    participants, doubling the count."""
    reading = _reading(["ФИО", "E-mail", question],
                       [[name, f"t{i}@mail.kz", group] for i, (name, group) in enumerate(GROUPS)])
    assert reading.mapping["full_name"] == "ФИО" and reading.listed == ()


def test_a_name_question_answered_with_lists_and_nothing_else_stays_the_name():
    """No one is named alone: the lists are split where they stand."""
    reading = _reading(["ФИО", "E-mail"], [[group, f"t{i}@mail.kz"]
                                           for i, (_, group) in enumerate(GROUPS)])
    assert reading.mapping["full_name"] == "ФИО" and reading.listed == ()


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


@pytest.mark.parametrize("answer, people", [
    # a full stop after the list's last name (field test AO: the whole team was lost)
    ("Үсенова Жансая, Ниязова Мария Андреевна, Жақсыбекова Ботагөз.",
     ["Үсенова Жансая", "Ниязова Мария Андреевна", "Жақсыбекова Ботагөз"]),
    ("Ким Ольга\nЛи Денис .", ["Ким Ольга", "Ли Денис"]),
    ("Маратов Ж.Ғ., Смирнова К.И.", ["Маратов Ж.Ғ.", "Смирнова К.И."]),  # initials keep theirs
    # Shift held a letter too long in one name
    ("Тұрғанбаева ААйнұр Сапарқызы\nСұлтанбеков ЕЕржан",
     ["Тұрғанбаева ААйнұр Сапарқызы", "Сұлтанбеков ЕЕржан"]),
    # a group's label before a colon is no one; after it a surname alone is one of them
    ("Группа ХТ-21-1: Шмидт, Федорова, Оспанов", ["Шмидт", "Федорова", "Оспанов"]),
    ("ЭК-23к тобы:\nИсаева Шынар Сапаровна\nГалиев Илья", ["Исаева Шынар Сапаровна", "Галиев Илья"]),
    ("Team of grade 9: Dana Bekova, Asel Zhanova", ["Dana Bekova", "Asel Zhanova"]),
    # the leader a label names is one of them
    ("Студенты группы ТПП-21-1 (куратор Ткаченко А.В.): Маратов Ж.Ғ., Смирнова К.И.",
     ["Ткаченко А.В.", "Маратов Ж.Ғ.", "Смирнова К.И."]),
    ("Ахметова Гүлмира Асқарқызы (куратор), студенты: Тұрғанбаев Жандос, Ли Татьяна",
     ["Ахметова Гүлмира Асқарқызы", "Тұрғанбаев Жандос", "Ли Татьяна"]),
    # a label of no group, or a surname beside a sentence: not a list
    ("Доклад: Иванов Иван", []),
    ("Группа: Иванов, 9 класс", []),
])
def test_the_people_a_teams_answer_lists_however_it_ends_or_is_labelled(answer, people):
    assert names_in(answer) == people


@pytest.mark.parametrize("answer, leaders", [
    ("Студенты группы ТПП-21-1 (куратор Ткаченко А.В.): Маратов Ж.Ғ., Смирнова К.И.",
     ["Ткаченко А.В."]),
    ("Ахметова Гүлмира (куратор), Тұрғанбаев Жандос, Ли Татьяна", ["Ахметова Гүлмира"]),
    ("Ахметова Гүлмира (жетекшісі), Тұрғанбаев Жандос", ["Ахметова Гүлмира"]),
    ("Бекова Дана (9 класс), Ким Ольга", []),
])
def test_the_leader_a_list_names(answer, leaders):
    assert leaders_in(answer) == leaders


@pytest.mark.parametrize("answer", ["студенты", "группа студентов", "Студенттер тобы"])
def test_a_leader_named_in_the_list_is_the_rows_teacher_and_the_rest_its_learners(answer):
    """Field test AO: the curator was the row's first listed person ("form:2/1") and, where
    the row answered "группа студентов" (a teacher's answer), her students teachers too."""
    frame = pd.DataFrame({"ref": ["form:2"], "role": [answer], "full_name": [
        "Ахметова Гүлмира Асқарқызы (куратор), студенты: Тұрғанбаев Жандос, Ли Татьяна"]})
    out = with_listed_people(frame, "ФИО")
    roles = normalize_roles(out["role"].tolist())["role"].tolist()
    assert out["full_name"].tolist() == ["Ахметова Гүлмира Асқарқызы", "Тұрғанбаев Жандос",
                                         "Ли Татьяна"]
    assert out["ref"].tolist() == ["form:2", "form:2/1", "form:2/2"]
    assert roles == ["teacher", "student", "student"]


@pytest.mark.parametrize("header", [
    ["Руководитель (ФИО)", "E-mail", "Участник 1 ФИО", "Участник 2 ФИО", "Участник 3 ФИО"],
    ["Жетекшінің аты-жөні", "E-mail", "1-қатысушы", "2-қатысушы", "3-қатысушы"],
    ["Supervisor's full name", "E-mail", "Member 1", "Member 2", "Member 3"],
    ["Руководитель (ФИО)", "E-mail", "ФИО 1-го участника", "ФИО 2-го участника",
     "ФИО 3-го участника"],
    ["Руководитель", "E-mail", "Первый участник", "Второй участник", "Третий участник"],
    ["Жетекші", "E-mail", "Бірінші қатысушы", "Екінші қатысушы", "Үшінші қатысушы"],
])
def test_a_teams_members_asked_a_question_each_are_the_people_it_lists(header):
    """Field test AO: "Участник 1 ФИО" was read as the row's name, the leader and the other
    members were lost."""
    rows = [[leader, f"t{i}@mail.kz", *members] for i, (leader, members) in enumerate([
        ("Ли Юлия", ("Ибраева Сабина", "Нұрпейісова Шынар", "")),
        ("Есенова Інжу Жомартқызы", ("Галиева Дарья", "Омарова Ботагөз Ерланқызы", "Ким Ольга")),
        ("Нуров Тимур", ("Бекова Дана", "", "")),
        ("Омарова Гульнар", ("Жанова Асель", "Ли Денис", ""))])]
    reading = _reading(header, rows)
    assert reading.mapping["full_name"] == header[0]
    assert reading.listed == tuple(header[2:])
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    people, _ = people_of(by_column(table), reading, {"ref": [f"form:{n}" for n in
                                                             table.row_numbers]})
    assert len(people) == 4 + 8
    assert people["ref"].tolist()[:4] == ["form:2", "form:2/1", "form:2/2", "form:3"]


def test_questions_numbered_but_not_of_people_are_no_team():
    header = ["ФИО", "E-mail", "Телефон 1", "Телефон 2"]
    rows = [[name, f"t{i}@mail.kz", "87015550000", ""] for i, (name, _) in enumerate(GROUPS)]
    assert _reading(header, rows).listed == ()
    # "First name", "Second name" (the British surname): a name's parts, not two members
    rows = [["Айгерим", "Смагулова", "a@mail.kz"], ["Иван", "Петров", "b@mail.kz"],
            ["Dana", "Bekova", "c@mail.kz"], ["Ерлан", "Омаров", "d@mail.kz"]]
    reading = _reading(["First name", "Second name", "E-mail"], rows)
    assert reading.listed == ()
    assert (reading.mapping["first_name"], reading.mapping["last_name"]) == (
        "First name", "Second name")


def test_a_leaders_phone_is_the_rows_own_where_the_row_is_the_leaders():
    header = ["Руководитель (ФИО)", "Телефон руководителя", "E-mail",
              "Участники (ФИО через запятую)"]
    rows = [[name, f"8701555000{i}", f"t{i}@mail.kz", group]
            for i, (name, group) in enumerate(GROUPS)]
    assert _reading(header, rows).mapping["phone"] == "Телефон руководителя"
    # a pupil's form asking her supervisor's phone: not hers
    header = ["ФИО участника", "Телефон руководителя", "E-mail"]
    rows = [["Бекова Дана", f"8701555000{i}", f"t{i}@mail.kz"] for i in range(4)]
    assert "phone" not in _reading(header, rows).mapping


@pytest.mark.parametrize("own", ["-", "нет", "Жоқ", ""])
def test_a_row_that_lists_people_and_names_no_one_of_its_own_is_theirs_alone(own):
    """A pupil alone leaves the leader's question "-" (field test AO: a participant "-")."""
    frame = pd.DataFrame({"ref": ["form:2"], "full_name": [own], "role": [""],
                          "q: Участники": ["Ким Ольга, Ли Денис"]})
    out = with_listed_people(frame, "Руководитель (ФИО)", ("Участники",))
    assert out["full_name"].tolist() == ["Ким Ольга", "Ли Денис"]
    assert out["ref"].tolist() == ["form:2/1", "form:2/2"]
    assert out["q: Участники"].tolist() == ["Ким Ольга, Ли Денис", ""]  # kept, once


def test_one_who_lists_herself_is_one_registration_and_no_leader():
    frame = pd.DataFrame({"ref": ["form:2", "form:3"], "role": ["", ""],
                          "full_name": ["Үсенова Аяжан", "Бондаренко Екатерина Александровна"],
                          "q: Участники": ["үсенова аяжан", "Bondarenko Ekaterina, Ким Ольга"]})
    out = with_listed_people(frame, "Руководитель (ФИО)", ("Участники",))
    assert out["full_name"].tolist() == ["Үсенова Аяжан", "Бондаренко Екатерина Александровна",
                                         "Ким Ольга"]
    assert out["role"].tolist() == ["", "teacher", "student"]  # who sends others leads them


def test_a_team_leader_whose_form_asks_no_role_is_a_teacher_in_no_year(project):  # noqa: F811
    """Field test AO: every leader came out a student of the team's class, and one teacher
    sending two classes' teams was two people."""
    header = ["Отметка времени", "Руководитель (ФИО)", "Телефон руководителя", "E-mail",
              "Участники (ФИО через запятую)", "Класс", "Школа"]
    folder = project()
    sheet_rows = [["06.12.2026 10:00:00", "Абдуллаев Алексей Юрьевич", "+77006331475",
                   "aleksei@mail.kz", "Ким Ольга, Ли Денис", "7 Б", "Школа №12 г. Павлодар"],
                  ["06.12.2026 11:00:00", "Абдуллаев Алексей", "87006331475",
                   "aleksei@mail.kz", "Бекова Дана, Омаров Ерлан", "7 А", "Школа №12 г. Павлодар"]]
    (folder / "form.csv").write_text(csv_text([header, *sheet_rows]), encoding="utf-8")
    assert main(["run", "-q"]) == 0
    roles = {r[0]: r[5] for r in sheet(folder, "latest", "Участники")[1:]}
    assert len(roles) == 1 + 4
    assert roles["Абдуллаев Алексей Юрьевич"] == "Преподаватель"
    assert {role for name, role in roles.items() if not name.startswith("Абдуллаев")} == {
        "Студент"}


@pytest.mark.parametrize("email, teachers", [
    ("nazerke2000@gmail.com", ("", "")),  # spells the pupil's name: hers
    ("ivanova.maria@mail.kz", ("ivanova.maria@mail.kz", "+77015550001")),  # the teacher's
    ("school36@mail.kz", ("school36@mail.kz", "+77015550001")),  # no one's name: as it was
])
def test_a_pupil_naming_her_teacher_from_her_own_address_keeps_her_contacts(email, teachers):
    """A pupil alone types her teacher as the leader and herself as the team: the address
    spelling her name says the contacts are hers (field test AO: taken for no one's own,
    her two registrations were never matched)."""
    frame = pd.DataFrame({"ref": ["form:2"], "full_name": ["Иванова Мария"], "role": [""],
                          "email": [email], "phone": ["+77015550001"],
                          "q: Участники": ["Мұқанова Назерке"]})
    out = with_listed_people(frame, "Руководитель (ФИО)", ("Участники",))
    assert out["full_name"].tolist() == ["Иванова Мария", "Мұқанова Назерке"]
    assert (out["email"][0], out["phone"][0]) == teachers
    assert (out["email"][1], out["phone"][1]) == (email, "+77015550001")


def test_those_a_leader_sends_are_learners_where_the_question_calls_them_nothing():
    """An organizers' list "Жетекші | Команда құрамы" (field test AO: 123 pupils and students
    came out "not given")."""
    frame = pd.DataFrame({"ref": ["email:3"], "full_name": ["Нуров Тимур"], "role": [""],
                          "q: Команда құрамы": ["Ким Ольга, Ли Денис"]})
    out = with_listed_people(frame, "Жетекші", ("Команда құрамы",))
    roles = normalize_roles(out["role"].tolist())["role"].tolist()
    assert roles == ["teacher", "student", "student"]
