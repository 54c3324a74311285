"""Rows that are not people: found, left out of the responses, kept in the store, listed."""

from __future__ import annotations

import datetime as dt
import sqlite3

import openpyxl
import pytest

from reports.labels import LABELS
from sync.cli import main
from sync.not_people import BLANK, HEADER, TEST, TITLE, people_and_the_rest, rows_not_people
from sync.sources.table import build_table, by_column
from tests.conftest import csv_text

LIST_HEADER = {
    "ru": ["№", "Дата", "ФИО", "Почта", "Телефон", "Организация"],
    "kk": ["№", "Күні", "Аты-жөні", "Пошта", "Телефон", "Ұйым"],
    "en": ["#", "Date", "Name", "Email", "Phone", "Organisation"],
}
PERSON = ["1", "12.10.2025", "Смагулова Айгерим", "aigerim.s@mail.ru", "87074289378", "КазНУ"]
MAPPING = {"row_number": 0, "submitted_at": 1, "full_name": 2, "email": 3, "phone": 4,
           "institution": 5}


def _kinds(language: str, *rows: list[str]) -> list[tuple[int, str, str]]:
    header = LIST_HEADER[language]
    table = by_column(build_table("email", "list.csv", [header, PERSON, *rows], "Asia/Almaty"))
    mapping = {field: header[i] for field, i in MAPPING.items()}
    return rows_not_people(table, mapping)


@pytest.mark.parametrize("language, row, kind, text", [
    # a heading in the № column, the date column or the name column
    ("ru", ["Письма после 15.02", "", "", "", "", ""], TITLE, "Письма после 15.02"),
    ("ru", ["", "", "ОНЛАЙН-УЧАСТНИКИ (с 20.10):", "", "", ""], TITLE, "ОНЛАЙН-УЧАСТНИКИ (с 20.10):"),
    ("kk", ["", "15.02 кейін келген хаттар", "", "", "", ""], TITLE, "15.02 кейін келген хаттар"),
    ("kk", ["", "", "", "", "", "ҚазҰУ"], TITLE, "ҚазҰУ"),
    # ... in the name column, written as a sentence
    ("kk", ["", "", "Ақпан айында келген хаттар", "", "", ""], TITLE, "Ақпан айында келген хаттар"),
    ("en", ["", "", "Registered by letter in March", "", "", ""], TITLE,
     "Registered by letter in March"),
    ("en", ["Received after 15 Feb:", "", "", "", "", ""], TITLE, "Received after 15 Feb:"),
    # a closing tally in the name column (field test FE)
    ("ru", ["", "", "ИТОГО см. сводку", "", "", ""], TITLE, "ИТОГО см. сводку"),
    ("kk", ["", "", "Барлығы", "", "", ""], TITLE, "Барлығы"),
    ("en", ["", "", "Total", "", "", ""], TITLE, "Total"),
    # numbered or dated, nothing else
    ("ru", ["7", "", "", "", "", ""], BLANK, ""),
    ("kk", ["8", "12.10.2025", "", "-", "", ""], BLANK, ""),
    ("en", ["", "10/12/2025", "", "", "", ""], BLANK, ""),
    # a second export pasted under the first, byte order mark and all
    ("ru", ["\ufeff№", "Дата", "ФИО", "Почта", "Телефон", "Организация"], HEADER, ""),
    ("kk", ["№", "Күні", "Аты-жөні", "Пошта", "Телефон", "Ұйым"], HEADER, ""),
    ("en", ["#", "Date", "Name", "Email", "Phone", "Organisation"], HEADER, ""),
    # the organizers trying the form out, whatever else they typed
    ("ru", ["3", "12.10.2025", "тест", "test@test.kz", "111", "КазНУ"], TEST, ""),
    ("kk", ["4", "12.10.2025", "Тест Сынақ", "a@b.kz", "", ""], TEST, ""),
    ("ru", ["5", "12.10.2025", "Проверка Тест Тестович", "a@b.kz", "", "тест"], TEST, ""),
    ("en", ["5", "", "TEST test", "", "87011234567", "KBTU"], TEST, ""),
])
def test_rows_that_are_not_people(language, row, kind, text):
    assert _kinds(language, row) == [(1, kind, text)]


@pytest.mark.parametrize("parts, kind", [
    (["test", "test", "N/A"], TEST), (["Тест", "Тестов", "-"], TEST),
    (["Test", "Ivanov", "N/A"], ""),  # Ivanov is someone
])
def test_a_test_answered_in_the_names_parts_is_no_one(parts, kind):
    """Field test FB: "test | test | N/A" under a form's surname, given name and
    patronymic was counted as a participant; a part answered "N/A" is no word of a name."""
    header = ["Surname", "Given name", "Patronymic", "Email"]
    table = by_column(build_table("form", "form.csv", [
        header, ["Смагулова", "Айгерим", "-", "a@mail.kz"], [*parts, "reg@gmail.com"]],
        "Asia/Almaty"))
    mapping = {"last_name": "Surname", "first_name": "Given name", "middle_name": "Patronymic",
               "email": "Email"}
    assert rows_not_people(table, mapping) == ([(1, kind, "")] if kind else [])


@pytest.mark.parametrize("title", [
    "Список участников от Карасайского района",  # a place for every row
    "АГПК — список обучающихся на PlastNet",  # an institution and a role for every row
])
def test_a_heading_in_a_titled_list_is_no_one(title):
    """What a list's title says stands in each of its rows, a heading's too ("Группа
    ХТ-22-1", "КГУ «школа-лицей №12»" between two schools' pupils): field tests FC and FD
    counted eight such headings as people."""
    header = ["№", "ФИО", "Группа"]
    grid = [[title], header, ["1", "Иванов Иван Петрович", "Т-1"],
            ["", "Группа ХТ-22-1", ""], ["2", "Ким Анна", "ХТ-22-1"]]
    table = by_column(build_table("list", "list.csv", grid, "Asia/Almaty"))
    assert len(table.headers) > len(header)  # the title's answers were added
    mapping = {"row_number": "№", "full_name": "ФИО"}
    assert rows_not_people(table, mapping) == [(1, TITLE, "Группа ХТ-22-1")]


@pytest.mark.parametrize("language, row", [
    ("ru", ["", "", "", "E-mail", "Телефон", ""]),
    ("kk", ["", "", "", "Пошта", "Телефон нөмірі", ""]),
])
def test_the_second_row_of_a_two_row_header_is_no_one(language, row):
    """ "Контакты" over "E-mail" and "Телефон": the row under the header is worded as
    questions, not answered."""
    header = LIST_HEADER[language]
    table = by_column(build_table("email", "list.csv", [header, row, PERSON], "Asia/Almaty"))
    mapping = {field: header[i] for field, i in MAPPING.items()}
    assert rows_not_people(table, mapping) == [(0, HEADER, "")]


@pytest.mark.parametrize("language, row", [
    ("ru", ["", "", "Иванов Иван", "", "", ""]),  # only a name: someone to call back
    ("ru", ["", "", "иванов и.и", "", "", ""]),
    ("kk", ["", "", "Ахметова айгерим ерланқызы", "", "", ""]),  # sentence case, three words
    ("kk", ["", "", "ахметова айгерим ерланқызы уулу", "", "", ""]),
    ("en", ["", "", "Maria de la Cruz", "", "", ""]),
    ("kk", ["", "", "", "", "87011234567", ""]),  # only a phone
    ("en", ["", "", "", "aigerim@example.org", "", ""]),  # only an e-mail
    ("en", ["5", "", "", "", "", "KBTU staff: call Aigerim on +7 701 123 45 67"]),  # a phone
    ("ru", ["9", "12.10.2025", "Петрова", "", "", "ЕНУ"]),  # two answers
    ("ru", ["", "", "Иванов Иван", "", "", "КазНУ"]),  # a name and a place: not questions
    ("ru", ["10", "12.10.2025", "Тестова Анна", "anna@mail.kz", "", "ЕНУ"]),  # a surname
    ("ru", ["11", "12.10.2025", "Иванов Тест", "t@mail.kz", "", "ЕНУ"]),
])
def test_a_row_with_anyone_in_it_is_a_person(language, row):
    assert _kinds(language, row) == []


@pytest.mark.parametrize("answers", [
    ["Онлайн"],  # one choice answered, then submitted: a person pressed the button
    ["", "", "", "Алматы"],
])
def test_a_form_row_with_a_timestamp_and_any_answer_is_a_person(answers):
    header = ["Отметка времени", "ФИО", "Почта", "Формат", "Город"]
    row = ["2025/10/07 2:03:11 PM GMT+5", *answers] + [""] * (4 - len(answers))
    table = by_column(build_table("form", "form.csv", [header, row], "Asia/Almaty"))
    assert rows_not_people(table, {"submitted_at": "Отметка времени", "full_name": "ФИО",
                                   "email": "Почта", "city": "Город"}) == []


def test_a_form_row_with_only_its_timestamp_is_not_a_person():
    header = ["Отметка времени", "ФИО", "Почта", "Формат"]
    rows = [["2025/10/07 2:03:11 PM GMT+5", "Ким Виктория", "kim@mail.ru", "Очно"],
            ["2025/10/07 2:05:00 PM GMT+5", "", "", ""]]
    table = by_column(build_table("form", "form.csv", [header, *rows], "Asia/Almaty"))
    mapping = {"submitted_at": "Отметка времени", "full_name": "ФИО", "email": "Почта"}
    people, rest = people_and_the_rest(table, mapping, {"ref": ["form:2", "form:3"]})
    assert people["ref"].tolist() == ["form:2"]
    assert rest.to_dict("records") == [{"ref": "form:3", "kind": BLANK, "text": ""}]


# --- end to end ------------------------------------------------------------------------------

CONFIG = """
[[source]]
name = "form"
type = "csv"
path = "form.csv"

[[source]]
name = "email"
type = "csv"
path = "list.csv"

[report]
dir = "output"
language = "{language}"
"""
FORM = [["Отметка времени", "Адрес электронной почты", "ФИО", "Учебное заведение"],
        ["2025/10/07 2:03:11 PM GMT+5", "aigerim.s@mail.ru", "Смагулова Айгерим", "КазНУ"],
        ["2025/10/07 2:04:00 PM GMT+5", "", "", ""],  # submitted empty
        ["2025/10/08 9:00:00 AM GMT+5", "ivanov@enu.kz", "Иванов Иван", "ЕНУ"]]
LIST = [["№", "Дата", "ФИО", "Почта", "Организация"],
        ["1", "12.10.2025", "Петрова Анна", "anna.p@mail.ru", "КБТУ"],
        [],
        ["Письма после 15.10", "", "", "", ""],
        ["2", "16.10.2025", "Омаров Данияр", "d.omarov@gmail.com", "Satbayev University"],
        ["\ufeff№", "Дата", "ФИО", "Почта", "Организация"],
        ["3", "20.10.2025", "Ким Виктория", "kim.v@inbox.ru", "КИМЭП"],
        ["4", "", "", "", ""]]


@pytest.mark.parametrize("language, label", [
    ("ru", "Не участник: строка не учтена"), ("kk", "Қатысушы емес: жол есепке алынбады"),
    ("en", "Not a person: row left out"),
])
def test_a_run_leaves_them_out_lists_them_and_keeps_them(tmp_path, monkeypatch, capsys,
                                                         language, label):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.csv").write_text(csv_text(FORM), encoding="utf-8")
    (tmp_path / "list.csv").write_text(csv_text(LIST), encoding="utf-8")
    (tmp_path / "config.toml").write_text(CONFIG.format(language=language), encoding="utf-8")
    assert main(["run"]) == 0
    err = capsys.readouterr().err
    assert "9 rows pulled" in err and "5 responses -> 5 participants" in err
    assert "4 rows not people, left out" in err
    assert "email:4, email:6, email:8, form:3" in err  # row references only
    assert "Письма" not in err  # what they hold stays out of the log
    book = openpyxl.load_workbook(tmp_path / "output" / "latest.xlsx")
    sheet = book[LABELS["sheet.review"][language]]
    review = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == label]
    assert sorted(r[3] for r in review) == ["email:4", "email:6", "email:8", "form:3"]
    assert "Письма после 15.10" in [r[1] for r in review]
    with sqlite3.connect(tmp_path / "output" / "regsync.sqlite") as db:  # nothing lost
        assert db.execute("SELECT count(*) FROM responses").fetchone()[0] == 9


def _report(tmp_path, monkeypatch, form: list[list[str]], letters: list[list[str]]):
    """The workbook of a run on `form` and the organizers' list `letters`, in Russian."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.csv").write_text(csv_text(form), encoding="utf-8")
    (tmp_path / "list.csv").write_text(csv_text(letters), encoding="utf-8")
    (tmp_path / "config.toml").write_text(CONFIG.format(language="ru"), encoding="utf-8")
    assert main(["-q", "run"]) == 0
    return openpyxl.load_workbook(tmp_path / "output" / "latest.xlsx")


def test_a_letters_people_under_its_dated_first_row_are_of_its_day(tmp_path, monkeypatch):
    """The organizers date a letter on its first row; its people below are of that day. One
    no date stands above is counted on By day all the same, as undated."""
    letters = [["№", "Дата", "ФИО", "Почта", "Организация"],
               ["1", "", "Ахметов Ерлан", "erlan.a@mail.ru", "КазНУ"],
               ["2", "12.10.2025", "Петрова Анна", "anna.p@mail.ru", "КБТУ"],
               ["3", "", "Омаров Данияр", "", "КБТУ"],
               ["4", "", "Ким Виктория", "", "КБТУ"],
               ["5", "16.10.2025", "Ли Денис", "li.d@mail.ru", "ЕНУ"]]
    book = _report(tmp_path, monkeypatch, FORM[:2], letters)
    days = [(r[0].date() if hasattr(r[0], "date") else r[0], r[1], r[2])
            for r in book["По дням"].iter_rows(min_row=2, values_only=True)]
    assert days == [(dt.date(2025, 10, 7), 1, 1), (dt.date(2025, 10, 12), 3, 4),
                    (dt.date(2025, 10, 16), 1, 5), ("Без даты регистрации", 1, 6)]


@pytest.mark.parametrize("account", ["Адрес электронной почты", "Email Address",
                                     "Электрондық пошта мекенжайы"])
def test_a_form_sent_with_nothing_but_the_google_account_is_no_one(account):
    """Google Forms collects the answering account's address itself: a row with only that
    and its time was sent empty (field test Q: shown as a nameless participant)."""
    from sync.questions.answers import sample_answers
    from sync.questions.assign import read_form

    header = ["Отметка времени", account, "ФИО", "Телефон", "Вуз"]
    rows = [[f"06.10.2026 15:4{i}:01", f"p{i}@gmail.com", name, f"8701111000{i}", "КазНУ"]
            for i, name in enumerate(["Смагулова Айгерим", "Иванов Иван", "Ким Ольга",
                                      "Омаров Ерлан", "Бекова Дана", "Нуров Тимур"])]
    rows.append(["07.10.2026 12:04:24", "organizer@gmail.com", "", "", ""])
    table = build_table("form", "form.csv", [header, *rows], "Asia/Almaty")
    reading = read_form(table.headers, {}, "form.csv", sample_answers([table]))
    assert reading.account == account and reading.mapping["email"] == account
    assert rows_not_people(by_column(table), reading.mapping, account=reading.account) == [
        (len(rows) - 1, BLANK, "")]
    # the same question typed by the organizers into a list, not Google's: an address
    assert _kinds("ru", ["", "", "", "someone@mail.ru", "", ""]) == []


def test_a_teachers_letter_names_the_school_on_her_row_only(tmp_path, monkeypatch):
    """The pupils under her dated row, with no school of their own, are of hers; a row
    before any letter's date, or after a blank line, is not."""
    letters = [["№", "Дата", "ФИО", "Почта", "Школа", "Класс"],
               ["1", "", "Омаров Данияр", "d.omarov@mail.ru", "", "9 А"],
               ["2", "12.10.2025", "Серикова Жанна Болатовна", "zh.s@mail.kz", "Гимназия №8", ""],
               ["3", "", "Ахметова Аружан", "", "", "9 А"],
               ["4", "", "Бекова Дана", "", "Лицей №3", "9 Б"],
               [],
               ["5", "", "Ким Ольга", "", "", "10 В"]]
    book = _report(tmp_path, monkeypatch, FORM[:2], letters)
    rows = list(book["Участники"].iter_rows(values_only=True))
    school = {r[0]: r[3] for r in rows[1:]}
    assert school["Ахметова Аружан"] == school["Серикова Жанна Болатовна"]
    assert school["Ахметова Аружан"] and "8" in school["Ахметова Аружан"]
    assert school["Бекова Дана"] != school["Ахметова Аружан"]  # her own is typed
    assert not school["Омаров Данияр"] and not school["Ким Ольга"]


def test_a_row_typed_into_a_form_by_hand_is_no_letters(tmp_path, monkeypatch):
    """A form's rows carry times of day; one an organizer typed under them, with no time, no
    school and no town, keeps its blanks and its lack of a date."""
    form = [FORM[0], FORM[1], FORM[3], ["", "kim.v@inbox.ru", "Ким Виктория", ""]]
    book = _report(tmp_path, monkeypatch, form, LIST[:2])
    kim = next(r for r in book["Участники"].iter_rows(values_only=True) if r[0] == "Ким Виктория")
    assert kim[3] is None and kim[7] is None  # no institution, no registration date


def test_the_organizers_notes_are_shown_but_are_no_question_of_the_form(tmp_path, monkeypatch):
    """The list's "Примечание" ("повторно", "письмо учителя") stays beside each person on
    Участники; the Form questions sheet summarises the questions people answered only."""
    letters = [["№", "ФИО", "Почта", "Организация", "Секция", "Примечание"],
               ["1", "Петрова Анна", "anna.p@mail.ru", "КБТУ", "Секция 1", "повторно"],
               ["2", "Омаров Данияр", "d.omarov@gmail.com", "КБТУ", "Секция 2", "повторно"],
               ["3", "Ким Виктория", "kim.v@inbox.ru", "КБТУ", "Секция 1", "письмо учителя"]]
    book = _report(tmp_path, monkeypatch, FORM[:2], letters)
    assert "Примечание" in next(book["Участники"].iter_rows(max_row=1, values_only=True))
    titles = [r[0] for r in book["Вопросы формы"].iter_rows(values_only=True) if r[0]]
    assert "Секция" in titles and "Примечание" not in titles
