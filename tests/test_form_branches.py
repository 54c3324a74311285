"""A form with sections asks a field again in each branch ("ФИО студента" / "ФИО
преподавателя"), and a question deleted and asked again leaves its old column: each row's
answer is taken from the branch it answered (sync.questions.assign, FormReading.branches)."""

from __future__ import annotations

import tomllib

import pytest

from sync.questions.answers import sample_answers
from sync.questions.assign import read_form
from sync.responses import to_responses
from sync.sources.table import build_table

STUDENTS = [("Ахметова Айгерім Серікқызы", "aigerim.a@mail.ru"), ("Бекова Дана", "dana.b@mail.ru"),
            ("Жанова Асель Маратовна", "asel.zh@mail.ru"), ("Омаров Ерлан", "erlan.o@mail.ru"),
            ("Ким Ольга Викторовна", "olga.kim@mail.ru"), ("Сейткали Нурлан", "nurlan.s@mail.ru")]
TEACHERS = [("Иванов Иван Петрович", "ivanov@kaznu.kz"), ("Омарова Гульнар Сериковна", "omarova@enu.kz"),
            ("Нуров Тимур Асхатович", "nurov@kbtu.kz"), ("Сыдыкова Алия Болатқызы", "sydykova@kaznu.kz"),
            ("Ли Денис Олегович", "li@satbayev.university"), ("Тулегенов Марат Ерланұлы", "tulegenov@enu.kz")]


def _branching_form(student_name: str, teacher_name: str, email: str = "E-mail"):
    """Students answer their branch's name question, teachers theirs; one e-mail question."""
    header = ["Timestamp", student_name, teacher_name, email]
    rows = []
    for i, ((student, s_mail), (teacher, t_mail)) in enumerate(zip(STUDENTS, TEACHERS)):
        rows.append([f"06.12.2026 10:{i:02}:00", student, "", s_mail])
        rows.append([f"06.12.2026 11:{i:02}:00", "", teacher, t_mail])
    return build_table("form", "form.csv", [header, *rows], "Asia/Almaty")


def _read(table, overrides=None):
    return read_form(table.headers, overrides or {}, "form.csv", sample_answers([table]))


@pytest.mark.parametrize("student_name, teacher_name", [
    ("ФИО студента", "ФИО преподавателя"),
    ("Студенттің аты-жөні", "Оқытушының аты-жөні"),
    ("Student's full name", "Teacher's full name"),
    ("Аты-жөніңіз / Ваше ФИО (студент)", "Аты-жөніңіз / Ваше ФИО (педагог)"),
])
def test_a_name_asked_in_each_branch_is_read_on_every_row(student_name, teacher_name):
    table = _branching_form(student_name, teacher_name)
    reading = _read(table)
    assert reading.mapping["full_name"] == student_name
    assert reading.branches == {"full_name": (teacher_name,)}
    names = to_responses(table, reading.mapping, reading.branches)["full_name"].tolist()
    assert names == [name for pair in zip(STUDENTS, TEACHERS) for name, _ in pair]
    # the other branch's question is shown as the name's, and no guess is left to check
    choice = next(c for c in reading.choices if c.question == teacher_name)
    assert (choice.field, choice.why, choice.branch_of) == ("full_name", "branch", student_name)
    assert all(c.sure for c in reading.choices if c.field == "full_name")


def test_a_question_asked_again_after_an_edit_of_the_form_is_read_where_the_old_one_is_blank():
    """Google keeps a deleted question's column: early rows answered "ФИО", later ones the new
    wording, and the phone likewise."""
    people = STUDENTS + TEACHERS
    header = ["Отметка времени", "ФИО", "Телефон", "Фамилия Имя Отчество (полностью)",
              "Контактный номер телефона"]
    rows = [[f"0{1 + i // 10}.12.2026 10:{i:02}:00", *(
        (name, f"8701{i:07}", "", "") if i < 6 else ("", "", name, f"+7 702 {i:07}"))]
        for i, (name, _) in enumerate(people)]
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    reading = _read(table)
    frame = to_responses(table, reading.mapping, reading.branches)
    assert frame["full_name"].tolist() == [name for name, _ in people]
    assert frame["phone"].tolist() == [f"8701{i:07}" for i in range(6)] + [
        f"+7 702 {i:07}" for i in range(6, 12)]
    # neither old nor new question is left among the other answers
    assert not [c for c in frame.columns if c.startswith("q: ")]


def test_a_name_part_asked_again_after_an_edit_is_read_where_the_old_one_is_blank():
    """A Kazakh form's patronymic question deleted and added again in other words."""
    people = [("Сейітқали", "Балжан", "Берікқызы"), ("Ахметов", "Ерлан", "Серікұлы"),
              ("Ким", "Ольга", "Петровна"), ("Нұрланова", "Дана", "Саматқызы"),
              ("Жұмабаев", "Самат", "Қанатұлы"), ("Ли", "Алина", "Андреевна"),
              ("Омаров", "Айдос", "Ерланұлы"), ("Серікова", "Жанна", "Болатқызы")] * 2
    header = ["Уақыт белгісі", "Тегіңіз", "Атыңыз", "Әкеңіздің аты (бар болса)",
              "Әкесінің аты (міндетті емес)"]
    rows = [[f"0{1 + i // 10}.12.2026 10:{i:02}:00", last, first,
             *((middle, "") if i < 8 else ("", middle))]
            for i, (last, first, middle) in enumerate(people)]
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    reading = _read(table)
    assert reading.branches["middle_name"] == ("Әкесінің аты (міндетті емес)",)
    frame = to_responses(table, reading.mapping, reading.branches)
    assert frame["full_name"].tolist() == [" ".join(person) for person in people]


@pytest.mark.parametrize("other_name", [
    "ФИО руководителя группы",  # a teacher registering her group names herself there
    "Топ жетекшісінің аты-жөні",
    "Group leader's full name",
])
def test_a_leaders_name_on_the_rows_no_one_else_is_named_on_is_the_rows_name(other_name):
    table = _branching_form("ФИО участника", other_name)
    assert _read(table).branches == {"full_name": (other_name,)}


def test_a_supervisor_named_beside_the_participants_is_not_a_branch():
    """Named on the participants' rows (and alone on a few where a pupil left her own name
    out): the supervisor, never the one who registered."""
    header = ["ФИО", "ФИО научного руководителя", "E-mail"]
    rows = [[s, t, mail] for (s, mail), (t, _) in zip(STUDENTS, TEACHERS)] * 3 + [
        ["", TEACHERS[0][0], "pupil@mail.kz"]]
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    assert _read(table).branches == {}


def test_a_second_name_answered_on_the_same_rows_is_not_a_branch():
    """A co-author's name beside one's own is answered on the same rows: another question."""
    header = ["ФИО", "ФИО соавтора", "E-mail"]
    rows = [[s, t, mail] for (s, mail), (t, _) in zip(STUDENTS, TEACHERS)]
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    reading = _read(table)
    assert reading.mapping["full_name"] == "ФИО" and reading.branches == {}


def test_a_question_answered_with_something_else_is_not_a_branch():
    """Worded as the name, but answered on the other rows with e-mails: not names."""
    header = ["ФИО", "ФИО (если другой участник)", "E-mail"]
    rows = [[s, "", mail] for s, mail in STUDENTS] + [["", mail, mail] for _, mail in TEACHERS]
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    assert "full_name" not in _read(table).branches


def test_config_names_a_fields_question_in_each_branch_and_wins():
    table = _branching_form("Вопрос 2", "Вопрос 3")
    reading = _read(table, tomllib.loads('full_name = ["Вопрос 3", "Вопрос 2"]'))
    assert reading.mapping["full_name"] == "Вопрос 3"
    assert reading.branches == {"full_name": ("Вопрос 2",)}
    assert {c.why for c in reading.choices if c.field == "full_name"} == {"config"}
    # a field config.toml names by one question gets no other branch of its own accord
    assert _read(_branching_form("ФИО студента", "ФИО преподавателя"),
                 {"full_name": "ФИО студента"}).branches == {}


def test_an_organizers_test_row_in_the_other_branch_is_no_one():
    from sync.not_people import TEST, rows_not_people
    from sync.sources.table import by_column

    table = _branching_form("ФИО студента", "ФИО преподавателя")
    rows = [list(row) for row in table.rows] + [["07.12.2026 09:00:00", "", "Тест Тестов", "t@t.kz"]]
    table = build_table("form", "form.csv", [table.headers, *rows], "Asia/Almaty")
    reading = _read(table)
    assert rows_not_people(by_column(table), reading.mapping, reading.branches) == [
        (len(rows) - 1, TEST, "")]


def test_a_list_of_pupils_in_one_answer_is_not_a_branch_of_the_name():
    """A teacher registering a group types her pupils into one answer: those cells are not
    one person's name, so the question is not the name's in another branch."""
    header = ["ФИО студента", "ФИО учащихся (через запятую)", "E-mail"]
    rows = [[s, "", mail] for s, mail in STUDENTS] + [
        ["", ", ".join(s for s, _ in STUDENTS[i:i + 3]), mail]
        for i, (_, mail) in enumerate(TEACHERS)]
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    assert "full_name" not in _read(table).branches


@pytest.mark.parametrize("who, position", [
    ("Вы: / Сіз:", "Должность / Лауазымы"),
    ("Сіз кімсіз?", "Лауазымыңыз"),
    ("You are", "Position"),
])
@pytest.mark.parametrize("nothing", ["", "-"])  # left blank, or "-" for no position
def test_the_role_everyone_answered_wins_over_one_a_branch_asked(who, position, nothing):
    """Teachers alone were asked their position: the question every row answered, with role
    words, says who each one is."""
    header = ["ФИО", who, position, "E-mail"]
    rows = [[s, "Студент", nothing, mail] for s, mail in STUDENTS] + [
        [t, "Преподаватель", "доцент", mail] for t, mail in TEACHERS[:2]]
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    assert _read(table).mapping["role"] == who


@pytest.mark.parametrize("name_answer", ["", "Компьютерный класс ХБН"])
def test_the_answering_accounts_name_and_email_yield_to_the_forms_own_questions(name_answer):
    """Microsoft Forms begins with the answering account's "Email" and "Name": "anonymous"
    and blank for most, a school room's account for some. The questions every row answered
    are the participant's."""
    header = ["ID", "Start time", "Completion time", "Email", "Name",
              "Как вас указать в сертификате? (фамилия, имя, отчество)",
              "Куда прислать сертификат (эл. адрес)?"]
    people = STUDENTS + TEACHERS
    rows = [[str(i), "9/1/25 10:00:00", "9/1/25 10:05:00",
             "it.lab@school.kz" if i % 4 == 0 else "anonymous",
             name_answer if i % 4 == 0 else "", name, mail]
            for i, (name, mail) in enumerate(people, start=1)]
    reading = _read(build_table("msforms", "form.xlsx", [header, *rows], "Asia/Almaty"))
    assert reading.mapping["full_name"] == header[5]
    assert reading.mapping["email"] == header[6]


@pytest.mark.parametrize("name_answer", ["", "Компьютерный класс ХБН"])
def test_the_answering_accounts_name_yields_to_the_names_parts_asked_apart(name_answer):
    """Field test FB: an anonymous Microsoft form asking "Surname / Family name", "Given
    name(s)" and "Patronymic (if any)" had its blank "Name" read as the name, and nobody on
    it was joined to their other registrations."""
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Surname / Family name",
              "Given name(s)", "Patronymic (if any)", "Contact e-mail"]
    people = STUDENTS + TEACHERS
    rows = [[str(i), "9/1/25 10:00:00", "9/1/25 10:05:00", "anonymous",
             name_answer if i % 4 == 0 else "", *(name.split() + ["", ""])[:2],
             (name.split() + ["", ""])[2] if i % 3 else "", mail]
            for i, (name, mail) in enumerate(people, start=1)]
    reading = _read(build_table("msforms", "form.xlsx", [header, *rows], "Asia/Almaty"))
    assert "full_name" not in reading.mapping
    assert [reading.mapping[f] for f in ("last_name", "first_name", "middle_name")] == header[5:8]


def test_a_russian_microsoft_forms_accounts_name_and_email_yield_to_optional_questions():
    """Field test FC: the Russian export's "Имя" (blank but for a school room's account)
    was read as the first name, the form's "ФИО" only where it was blank, and the account's
    "Электронная почта" ("anonymous") over "E-mail для связи" that a quarter left blank."""
    header = ["ID", "Время начала", "Время завершения", "Электронная почта", "Имя",
              "Аты-жөні / ФИО / Full name", "E-mail для связи"]
    rows = [[str(i), "9/1/25 10:00:00", "9/1/25 10:05:00",
             "info@sch44.edu.kz" if i % 10 == 0 else "anonymous",
             "Компьютерный класс" if i % 10 == 0 else "", name, mail if i % 4 else ""]
            for i, (name, mail) in enumerate(STUDENTS + TEACHERS, start=1)]
    reading = _read(build_table("msforms", "form.csv", [header, *rows], "Asia/Almaty"))
    assert reading.mapping["full_name"] == header[5] and "first_name" not in reading.mapping
    assert reading.mapping["email"] == header[6]


@pytest.mark.parametrize("account", ["anonymous", ""])
def test_a_microsoft_forms_export_shows_the_forms_questions_and_none_of_its_bookkeeping(
        tmp_path, monkeypatch, account):
    """Microsoft Forms' own columns (when each answer was begun, sent and changed, the
    answering account, "anonymous" or blank) are no one's answers: the report shows the
    registrations on the day each was sent and the questions people answered, even one
    every participant answered "Нет"."""
    import openpyxl

    from sync.cli import main
    from tests.conftest import csv_text
    from tests.test_cli import CONFIG

    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
              "ФИО", "E-mail", "Нужна ли гостиница?", "Секция"]
    rows = [[str(i), f"9/{i}/25 10:00:00", f"9/{i}/25 10:04:30", account, "", "",
             name, mail, "Нет", "Секция 1" if i % 2 else "Секция 2"]
            for i, (name, mail) in enumerate(STUDENTS + TEACHERS, start=1)]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.csv").write_text(csv_text([header, *rows]), encoding="utf-8")
    (tmp_path / "config.toml").write_text(CONFIG.format(language="ru"), encoding="utf-8")
    assert main(["-q", "run"]) == 0
    book = openpyxl.load_workbook(tmp_path / "output" / "latest.xlsx")
    shown = next(book["Участники"].iter_rows(max_row=1, values_only=True))
    assert [c for c in shown if c in header[:6] or c in header[8:]] == [
        "Нужна ли гостиница?", "Секция"]
    asked = [r[0] for r in book["Вопросы формы"].iter_rows(values_only=True) if r[0] in header]
    assert asked == ["Нужна ли гостиница?", "Секция"]
    days = [r[0] for r in book["По дням"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(days) == len(rows)  # one registration a day, 1-12 September
