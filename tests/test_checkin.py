"""Sign-in sheets: one per session, sorted by surname, one row per participant of it."""

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import write_report
from reports.checkin import CYRILLIC, sort_key, surname_first
from reports.labels import LABELS
from reports.model import MAX_AUTO_CHECKIN, ReportOptions
from tests.test_question_summary import sessions_data
from tests.test_report import data as report_data, participants


@pytest.mark.parametrize("lang, names, ordered", [
    ("ru", ["Әбенов Д.", "Абаев А.", "Бекова Б.", "Ёлкин Е.", "Елеусизов Е.", "Іскаков І.",
            "Ыбыраев Ы.", "Ivanov I.", "Жанна Ж."],
     ["Абаев А.", "Әбенов Д.", "Бекова Б.", "Елеусизов Е.", "Ёлкин Е.", "Жанна Ж.",
      "Ыбыраев Ы.", "Іскаков І.", "Ivanov I."]),
    ("kk", ["Ұлан Ұ.", "Уәлиев У.", "Үсенова Ү.", "Қасымов Қ.", "Кенжебаев К."],
     ["Кенжебаев К.", "Қасымов Қ.", "Уәлиев У.", "Ұлан Ұ.", "Үсенова Ү."]),
    ("en", ["Иванов И.", "Brown B.", "Adams A."], ["Adams A.", "Brown B.", "Иванов И."]),
    # a Latin letter with a mark among its letter (Turkish, German, the 2021 Kazakh Latin)
    ("en", ["Öztürk A.", "Çelik A.", "Aydın M.", "Ozturk B.", "Müller K.", "Issıbay A."],
     ["Aydın M.", "Çelik A.", "Issıbay A.", "Müller K.", "Öztürk A.", "Ozturk B."]),
    ("kk", ["Öztürk A.", "Ахметова А."], ["Ахметова А.", "Öztürk A."]),
    # case, spaces and a longer name after a shorter one
    ("ru", ["кимова а.", "Ким  Анна", "Ким"], ["Ким", "Ким  Анна", "кимова а."]),
])
def test_alphabetical_order_of_each_language(lang, names, ordered):
    assert sorted(names, key=lambda n: sort_key(n, lang)) == ordered


@given(st.text(alphabet=CYRILLIC, min_size=1), st.text(alphabet=CYRILLIC, min_size=1))
def test_sort_key_orders_letter_by_letter_in_the_alphabet(a, b):
    position = CYRILLIC.index
    assert (sort_key(a, "kk") < sort_key(b, "kk")) == (list(map(position, a)) < list(map(position, b)))


@pytest.mark.parametrize("name, shown", [
    ("Дархан Әбенов", "Әбенов Дархан"),
    ("Марина Иванова", "Иванова Марина"),
    ("Andrei Belov", "Belov Andrei"),
    ("Иванов Иван", "Иванов Иван"),
    ("Ильина Марина", "Ильина Марина"),  # -ина: a surname or a first name; left as typed
    ("Евгений Миллер", "Евгений Миллер"),  # no sign which is the surname
    ("Смагулова Айгерим Болатовна", "Смагулова Айгерим Болатовна"),
    ("Асель", "Асель"),
])
def test_surname_first(name, shown):
    assert surname_first(name) == shown


def sheets(data, tmp_path):
    path = tmp_path / "report.xlsx"
    write_report(data, path)
    return openpyxl.load_workbook(path)


def listed(ws) -> list[tuple]:
    """(№, name, institution, role) of each participant on a sign-in sheet."""
    title, note, header, *rows = ws.iter_rows(values_only=True)
    assert header[0] == "№" and header[-1] == "Подпись"
    assert note[0] == f"Участников: {len(rows)}"
    return [row[:4] for row in rows]


def test_one_sheet_per_session_and_one_for_no_session(tmp_path):
    book = sheets(sessions_data(), tmp_path)
    names = [n for n in book.sheetnames if n.startswith("Регистрация")]
    assert names == ["Регистрация – Секция 1", "Регистрация – Секция 2",
                     "Регистрация – Секция не указана"]
    # symbols sort before letters
    assert listed(book[names[0]]) == [(1, '=HYPERLINK("http://evil.example","click")', "КазНУ", "Студент"),
                                      (2, "Смагулова Айгерим", "КазНУ", "Студент")]
    assert [r[1] for r in listed(book[names[1]])] == ["Иванов Иван", "Смагулова Айгерим"]
    assert listed(book[names[2]]) == [(1, "Ким Виктория", "Колледж №5", "Другое")]
    ws = book[names[0]]
    assert ws["A1"].value == "Лист регистрации участников: Секция 1"


def test_everyone_is_on_some_list(tmp_path):
    book = sheets(sessions_data(), tmp_path)
    on_lists = {row[1] for n in book.sheetnames if n.startswith("Регистрация")
                for row in listed(book[n])}
    assert on_lists == set(participants()["full_name"])


def test_without_a_session_question_one_list_of_everybody(tmp_path):
    book = sheets(report_data(), tmp_path)
    ws = book["Лист регистрации"]
    rows = listed(ws)
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    assert [r[1] for r in rows] == ['=HYPERLINK("http://evil.example","click")', "Иванов Иван",
                                    "Ким Виктория", "Смагулова Айгерим"]
    assert ws.cell(4, 2).data_type == "s"  # a name that looks like a formula stays text


def test_sign_in_sheets_print_on_a4_portrait_with_the_header_on_each_page(tmp_path):
    ws = sheets(sessions_data(), tmp_path)["Регистрация – Секция 1"]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.print_title_rows == "$3:$3"
    assert ws.cell(4, 5).border.bottom.style == "thin"  # a box to sign in
    assert ws.sheet_format.defaultRowHeight >= 30


@pytest.mark.parametrize("checkin, expected", [("none", []), ("files", [])])
def test_lists_elsewhere_or_nowhere_leave_the_report(tmp_path, checkin, expected):
    book = sheets(report_data(options=ReportOptions(checkin=checkin)), tmp_path)
    assert [n for n in book.sheetnames if n == LABELS["sheet.checkin"]["ru"]] == expected


@pytest.mark.parametrize("checkin, participants, made", [
    ("auto", 4, True), ("auto", MAX_AUTO_CHECKIN, True), ("auto", MAX_AUTO_CHECKIN + 1, False),
    ("sheets", MAX_AUTO_CHECKIN + 1, True), ("none", 4, False), ("files", 4, False),
])
def test_by_default_sign_in_sheets_come_while_they_can_be_printed(checkin, participants, made):
    """A list of 100,000 would cost a second of every run and nobody prints it."""
    assert ReportOptions(checkin=checkin).checkin_sheets(participants) is made


def test_long_session_names_make_short_distinct_sheet_names(tmp_path):
    frame = participants()
    long = "Секция 1: Переработка пластика и циркулярная экономика в Казахстане"
    frame["q: Секция"] = [long, long.replace("1", "2"), long, "Секция [3]?"]
    book = sheets(report_data(participants=frame, extra_columns=("q: Секция",)), tmp_path)
    names = [n for n in book.sheetnames if n.startswith("Регистрация")]
    assert names == ["Регистрация – Секция 1…", "Регистрация – Секция 2…",
                     "Регистрация – Секция 3"]
    assert all(len(n) <= 31 for n in names)
