"""Reading CSV/XLSX exports: formats, encodings, and what must be refused."""

import codecs
import csv
import email
import email.policy
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.config import FileSource
from sync.errors import SourceError
from sync.questions.answers import sample_answers
from sync.questions.assign import read_form
from sync.sources.files import _lines, read_file_source
from sync.sources.table import (TITLE_PLACE_QUESTION, TITLE_ROLE_QUESTION,
                                TITLE_SCHOOL_QUESTION, SharedAnswers, build_table)
from tests.conftest import FORM_HEADER, csv_text

FIXTURES = Path(__file__).parent / "fixtures"

ROWS = [
    FORM_HEADER,
    ["2025/10/07 2:03:11 PM GMT+5", "aigerim@mail.ru", "Смагулова Айгерим", "87074289378",
     "КазНУ", "Экология", "студент", "Алматы"],
    ["", "", "", "", "", "", "", ""],  # blank rows are skipped, numbering is kept
    ["2025/10/08 9:00:00 AM GMT+5", "", "Әбдірахманова Әсел", "+7 747 428 9378",
     "ҚазҰУ", "Химия", "магистрант", "Алматы"],
]


def source(path: Path, kind: str = "csv", sheet: str | None = None) -> FileSource:
    return FileSource(name="form", type=kind, path=path, columns={}, timezone="Asia/Almaty",
                      sheet=sheet)


@pytest.mark.parametrize("name, encode", [
    ("utf-8", lambda text: text.encode("utf-8")),
    ("utf-8 with BOM", lambda text: codecs.BOM_UTF8 + text.encode("utf-8")),
    ("utf-16 with BOM", lambda text: text.encode("utf-16")),
    ("utf-16-be with BOM", lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be")),
])
def test_reads_unicode_encodings(tmp_path, name, encode):
    path = tmp_path / "form.csv"
    path.write_bytes(encode(csv_text(ROWS)))
    table = read_file_source(source(path))
    assert table.headers == tuple(FORM_HEADER)
    assert [r[2] for r in table.rows] == ["Смагулова Айгерим", "Әбдірахманова Әсел"]
    assert table.row_numbers == (2, 4)


def test_reads_cp1251_with_semicolons_as_excel_saves_it(tmp_path):
    rows = [[c.replace("Ә", "А").replace("ә", "а").replace("Қ", "К").replace("Ұ", "У")
             for c in row] for row in ROWS]  # cp1251 has no Kazakh letters
    path = tmp_path / "form.csv"
    path.write_bytes(csv_text(rows, delimiter=";").encode("cp1251"))
    table = read_file_source(source(path))
    assert table.headers == tuple(FORM_HEADER)
    assert table.rows[1][2] == "Абдірахманова Асел"
    assert table.rows[0][2] == "Смагулова Айгерим"
    assert table.rows[0][3] == "87074289378"


def test_a_small_cp1251_list_with_its_signs_is_read(tmp_path):
    """"№", «» and dashes are Russian text's own signs, not a wrong encoding's symbols."""
    rows = [["№", "ФИО", "Учебное заведение"], ["1", "Ли Ан", "КГУ «Школа №12» — Тараз"],
            ["2", "Ким Ир", "Школа №5"]]
    path = tmp_path / "form.csv"
    path.write_bytes(csv_text(rows, delimiter=";").encode("cp1251"))
    assert read_file_source(source(path)).rows[0][2] == "КГУ «Школа №12» — Тараз"


def test_a_kazakh_list_saved_as_cp1251_keeps_its_header_and_its_names(tmp_path):
    """Field test FD: Excel's Windows-1251 turned "Т.А.Ә." into "Т.А.?." and the names'
    Kazakh letters into "?": the title line was taken for the header and the run stopped
    with no name column. The numbered rows show the header; the names are names."""
    grid = [["Шымкент экология колледжі, ЭКО-22-2 тобы", "", "", ""],
            ["№", "Т.А.Ә.", "Тобы", "Курсы"],
            ["1", "Рысбеков Дастан Нұрланұлы", "ЭКО-22-2", "3"],
            ["2", "Мұқанова Әсел", "ЭКО-22-2", "3"],
            ["3", "Әлімжанов Жандос Серікұлы", "ЭКО-22-2", "3"]]
    path = tmp_path / "list.csv"
    path.write_bytes(csv_text(grid, delimiter=";").encode("cp1251", errors="replace"))
    table = read_file_source(source(path))
    assert table.headers[:4] == ("№", "Т.А.?.", "Тобы", "Курсы")
    assert table.rows[2][1] == "?лімжанов Жандос Серік?лы" and table.row_numbers == (3, 4, 5)
    reading = read_form(table.headers, {}, "list.csv", sample_answers([table]))
    assert reading.mapping["full_name"] == "Т.А.?."


@pytest.mark.parametrize("cell", ["+77074289378", "087074289378", "007", "6B05201", "1.50"])
def test_every_cell_is_text_exactly_as_typed(tmp_path, cell):
    path = tmp_path / "form.csv"
    path.write_text(csv_text([["ФИО", "Телефон"], ["Иванов Иван", cell]]), encoding="utf-8")
    assert read_file_source(source(path)).rows[0][1] == cell


def test_rows_longer_or_shorter_than_the_header_lose_nothing(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text("ФИО,Телефон\nИванов Иван\nПетров Пётр,8701,лишнее\n", encoding="utf-8")
    table = read_file_source(source(path))
    assert table.headers == ("ФИО", "Телефон", "Column 3")
    assert table.rows == (("Иванов Иван", "", ""), ("Петров Пётр", "8701", "лишнее"))


def test_duplicate_and_blank_headers_are_renamed(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text("ФИО,,Телефон,Телефон\nИванов Иван,x,1,2\n", encoding="utf-8")
    assert read_file_source(source(path)).headers == ("ФИО", "Column 2", "Телефон", "Телефон (2)")


def test_multiline_cells_survive(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text('ФИО,Тема\nИванов Иван,"строка 1\nстрока 2"\n', encoding="utf-8")
    assert read_file_source(source(path)).rows[0][1] == "строка 1\nстрока 2"


@pytest.mark.parametrize("name, content, message", [
    ("empty file", b"", "empty"),
    ("blank header", b"\n\n", "empty"),
    ("binary", bytes(range(256)) * 50, "binary"),
    ("koi8-r is refused, not mojibake", "ФИО,Город\nИванов Иван,Алматы\n".encode("koi8_r"),
     "encoding"),
    ("an xlsx saved under .csv", b"PK\x03\x04rest", "Excel workbook"),
    ("utf-16 without BOM", "ФИО,Город\nИванов,Алматы\n".encode("utf-16-le"), "binary"),
])
def test_unreadable_csv_is_one_clear_line(tmp_path, name, content, message):
    path = tmp_path / "form.csv"
    path.write_bytes(content)
    with pytest.raises(SourceError) as e:
        read_file_source(source(path))
    assert message in str(e.value) and str(path) in str(e.value)
    assert "\n" not in str(e.value)


def test_header_only_file_gives_no_rows(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text("ФИО,Город\n", encoding="utf-8")
    table = read_file_source(source(path))
    assert table.rows == () and table.headers == ("ФИО", "Город")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(SourceError, match="file not found"):
        read_file_source(source(tmp_path / "nope.csv"))
    with pytest.raises(SourceError, match="is a folder"):
        read_file_source(source(tmp_path))


def write_xlsx(path: Path, rows, title="Ответы на форму (1)") -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    book.save(path)


def test_reads_xlsx_with_numbers_and_dates_as_text(tmp_path):
    import datetime as dt

    path = tmp_path / "list.xlsx"
    write_xlsx(path, [["Дата", "ФИО", "Телефон", "Код"],
                      [dt.datetime(2025, 10, 7, 14, 3, 11), "Иванов Иван", 87074289378, "007"],
                      [None, None, None, None],
                      [None, "Петров Пётр", 8.5, 12.0]])
    table = read_file_source(source(path, "xlsx"))
    assert table.rows == (("2025-10-07 14:03:11", "Иванов Иван", "87074289378", "007"),
                          ("", "Петров Пётр", "8.5", "12"))
    assert table.row_numbers == (2, 4)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_title_lines_above_the_header_are_not_a_header_or_a_person(tmp_path, kind):
    grid = [["Регистрация на PlastNet 2025 (письма)"], [], ["Список на 15.02"],
            ["№", "ФИО как в письме", "Почта", "Откуда"],
            ["1", "Иванов Иван", "ivan@mail.kz", "КазНУ"],
            ["2", "Петрова Анна", "anna@mail.kz", "ЕНУ"]]
    path = tmp_path / f"list.{kind}"
    if kind == "csv":
        path.write_text(csv_text(grid), encoding="utf-8")
    else:
        write_xlsx(path, grid)
    table = read_file_source(source(path, kind))
    assert table.headers == ("№", "ФИО как в письме", "Почта", "Откуда")
    assert table.rows == (("1", "Иванов Иван", "ivan@mail.kz", "КазНУ"),
                          ("2", "Петрова Анна", "anna@mail.kz", "ЕНУ"))
    assert table.row_numbers == (5, 6)  # as the organizer sees them in the sheet


def test_a_title_line_above_a_header_that_asks_the_name_its_own_way_is_a_title(tmp_path):
    """Field test AO: "Жетекші" is no name's wording, and the title was taken for the
    header: every team's members were lost and the header row became a person."""
    grid = [["PlastNet 2025 — хат арқылы тіркелген командалар"],
            ["№", "Жетекші", "Команда құрамы", "Оқу орны", "Телефон", "E-mail"],
            ["1", "Иванова Анна", "Ким Ольга, Ли Денис", "Школа №5", "87011234567", "a@mail.kz"]]
    path = tmp_path / "teams.xlsx"
    write_xlsx(path, grid)
    table = read_file_source(source(path, "xlsx"))
    assert table.headers == tuple(grid[1])
    assert table.row_numbers == (3,)


@pytest.mark.parametrize("titles, place", [
    (["Алматы облысы Қарасай аудандық білім бөлімі", "Оқушылар тізімі"], "Қарасай ауданы"),
    (["ГУ «Отдел образования по Талгарскому району»", "Список участников"], "Талгар р-н"),
    (["Отдел образования города Павлодара"], "Павлодар"),
    (["Павлодар қаласының білім бөлімі"], "Павлодар"),
    (["Түркістан қалалық білім бөлімі"], "Туркестан"),  # the town's (field test FC)
    (["Түркістан облысы Төле би ауданы білім бөлімі"], "Төле би ауданы"),  # a title: two words
    (["Алматы облысы", "Список участников"], ""),  # a region is no place of one school
    (["Регистрация на PlastNet 2025"], ""),
])
def test_a_lists_title_naming_its_town_or_district_is_each_rows_place(tmp_path, titles, place):
    """A district's education department sends its schools' pupils with the district in the
    title, not in a column: each row's place, so its "5 мектеп" is no other district's."""
    grid = [[line] for line in titles] + [["№", "Аты-жөні", "Мектеп"],
                                          ["1", "Иванов Иван", "5 мектеп"]]
    path = tmp_path / "list.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    table = read_file_source(source(path))
    if place:
        assert table.headers[3] == TITLE_PLACE_QUESTION
        assert table.rows[0][:4] == ("1", "Иванов Иван", "5 мектеп", place)
    else:
        assert table.headers == ("№", "Аты-жөні", "Мектеп")


@pytest.mark.parametrize("title, school", [
    ("Список учащихся ШКОЛА №8 г. Караганда на конференцию PlastNet", "ШКОЛА №8 г. Караганда"),
    ("Қарағанды қаласының №8 мектебі оқушыларының тізімі", "Қарағанды қаласының №8 мектебі"),
    ("Список участников КГУ «Школа-гимназия № 15» 2026", "Школа-гимназия № 15"),
    ("Колледж №3 г. Шымкент: студенты", "Колледж №3 г. Шымкент"),
    # a village before or after its school (field test AM)
    ("Ақсукент ауылы, №3 мектеп. Конференцияға қатысатын оқушылар", "Ақсукент ауылы, №3 мектеп"),
    ("Список учащихся СОШ №5 с. Ленгер на конференцию PlastNet", "СОШ №5 с. Ленгер"),
    ("Участники конференции PlastNet 2026", ""),  # a year is no school's number
    ("Отдел образования по Талгарскому району", ""),
    # an institution of the directory, by its name or abbreviation among other words: a
    # curator's group (field test FD: two lists of three)
    ("АГПК — список обучающихся, направляемых на конференцию PlastNet", "АГПК"),
    ("Кафедра ЮНЕСКО по устойчивому развитию, КазНУ: магистранты 1 курса", "КазНУ"),
    ("Куратор: Ахметова А.С., a.akh@pkhmk.kz, ПХМК", "ПХМК"),
    ("Список студентов КазНУ им. аль-Фараби", "КазНУ им. аль-Фараби"),
    ("Торайгыров университет, кафедра химии: магистранты", "Торайгыров университет"),
    ("Satbayev University students", "Satbayev University"),
    ("Участники конференции PlastNet-2026 (Алматы)", ""),  # a town is no institution
    ("Студенты КазНУ и КБТУ", ""),  # two are no one's
    # a college the directory does not know, named by the title alone (field test FD)
    ("КГКП «Темиртауский высший политехнический колледж»",
     "КГКП «Темиртауский высший политехнический колледж»"),
    ("Шымкент экология колледжі, ЭКО-22-2 тобы, PlastNet-2025", "Шымкент экология колледжі"),
    ("Астанинский политехнический колледж. Список группы ТПП-23-1",
     "Астанинский политехнический колледж"),
])
def test_a_lists_title_naming_its_school_is_each_rows_institution(tmp_path, title, school):
    """A teacher sends her school's pupils with the school in the title, not in a column
    (field test AK), or a curator her group: each row's institution, as the organizer reads
    the list."""
    grid = [[title], ["№", "ФИО", "Класс"], ["1", "Иванов Иван", "8 А"]]
    path = tmp_path / "list.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    table = read_file_source(source(path))
    if school:
        assert table.rows[0][table.headers.index(TITLE_SCHOOL_QUESTION)] == school
    else:
        assert TITLE_SCHOOL_QUESTION not in table.headers
    # a list asking the institution itself keeps its own answers
    grid = [[title], ["№", "ФИО", "Школа"], ["1", "Иванов Иван", "школа 5"]]
    path.write_text(csv_text(grid), encoding="utf-8")
    assert TITLE_SCHOOL_QUESTION not in read_file_source(source(path)).headers


@pytest.mark.parametrize("titles, name_question, role", [
    (["Кафедра экологии, КазНУ: магистранты 1 курса"], "ФИО", "магистранты"),
    ([], "ФИО магистранта", "магистранта"),
    (["Докторанты кафедры химии"], "ФИО", "Докторанты"),
    (["Оқушылар тізімі"], "Аты-жөні", "Оқушылар"),
    # the curator's line names a teacher: the list's people are not said by it
    (["Куратор: преподаватель Ахметова А.С."], "ФИО", ""),
    (["Список студентов и магистрантов"], "ФИО", ""),  # two roles say none
    (["Регистрация на PlastNet 2025"], "ФИО", ""),
])
def test_a_lists_title_or_name_question_naming_its_learners_is_each_rows_role(
        tmp_path, titles, name_question, role):
    """A curator's list of her master's students says so in its title or its name question
    alone; its "Курс" column says only a year (field test FD: nine master's students were
    students)."""
    grid = [[line] for line in titles] + [["№", name_question, "Курс"],
                                          ["1", "Иванов Иван", "1"], ["2", "Ким Анна", "1"]]
    path = tmp_path / "list.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    table = read_file_source(source(path))
    if role:
        column = table.headers.index(TITLE_ROLE_QUESTION)
        assert [row[column] for row in table.rows] == [role, role]
    else:
        assert TITLE_ROLE_QUESTION not in table.headers
    # a column answering the role, however worded, keeps each row's own
    grid = [[line] for line in titles] + [["№", name_question, "Кто вы"],
                                          ["1", "Иванов Иван", "студент"],
                                          ["2", "Ким Анна", "преподаватель"]]
    path.write_text(csv_text(grid), encoding="utf-8")
    assert TITLE_ROLE_QUESTION not in read_file_source(source(path)).headers


def test_a_learners_list_row_naming_another_role_keeps_its_own(tmp_path):
    """Field test FD: the curator listed herself at the end of her group's list, "куратор"
    typed in the group's column; the title's "обучающихся" is her students'."""
    grid = [["Список обучающихся для участия в конференции"], ["№", "ФИО", "Группа", "Курс"],
            ["1", "Иванов Иван", "ТПМ-24-1", "1"], ["2", "Ким Анна", "ХТ-22-1", "3"],
            ["3", "Ли Денис", "ЭК-23-2", "2"], ["4", "Ибраева Салтанат", "куратор", ""]]
    path = tmp_path / "list.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    table = read_file_source(source(path))
    column = table.headers.index(TITLE_ROLE_QUESTION)
    assert [row[column] for row in table.rows] == ["обучающихся"] * 3 + ["куратор"]


def test_a_kazakh_lists_header_below_two_title_lines_is_its_header(tmp_path):
    """Field test AF: "Т.А.Ә." (тегі, аты, әкесінің аты) is the name's question, so the
    header at row 5 is found and no one is made of it."""
    grid = [["Түркістан қалалық білім бөлімі"], [], ["«PlastNet» конференциясына"], [],
            ["Р/с", "Қатысушының Т.А.Ә.", "Сынып", "Мектеп атауы", "Жетекшінің телефоны"],
            ["1", "Оспанов Ерлан", "7 А", "№10 МЛ", "87015550000"]]
    path = tmp_path / "list.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    table = read_file_source(source(path))
    assert table.headers[:2] == ("Р/с", "Қатысушының Т.А.Ә.")
    assert table.rows[0][:2] == ("1", "Оспанов Ерлан") and table.row_numbers == (6,)


LETTERS = [["№", "Дата письма", "От кого", "ФИО", "Место учебы", "Статус"],
           ["1", "07.02.2025", "dana_kz@list.ru", "Оспанова Дана", "АГПК", "преподаватель"],
           ["2", "", "", "Коваленко Максим", "АГПК", ""],
           ["3", "", "", "Насыров Ильяр", "АГПК", ""],
           ["", "Письма после 15.02", "", "", "", ""],
           ["4", "", "", "Ли Анна", "КазНУ", "студент"],
           ["5", "18.02", "DANA_KZ@LIST.RU", "Коваленко Максим Николаевич", "АГПК", "студент"],
           ["6", "", "", "Насыров Ильяр Юрьевич", "АГПК", "студент"],
           ["7", "19.02", "", "Ким Олег", "КБТУ", "студент"]]


def test_a_letters_people_below_its_first_row_are_of_that_letter(tmp_path):
    """Field test FE: an organizer types a letter's date and sender once, its people on the
    rows below. A section's title ends the letter; a row with a date of its own is another
    letter, even with no sender."""
    path = tmp_path / "letters.csv"
    path.write_text(csv_text(LETTERS), encoding="utf-8")
    rows = read_file_source(source(path)).rows
    assert [row[1:3] for row in rows] == [
        ("07.02.2025", "dana_kz@list.ru"), ("07.02.2025", "dana_kz@list.ru"),
        ("07.02.2025", "dana_kz@list.ru"), ("Письма после 15.02", ""), ("", ""),
        ("18.02", "DANA_KZ@LIST.RU"), ("18.02", "DANA_KZ@LIST.RU"), ("19.02", "")]


def test_a_question_of_whom_one_heard_from_is_no_letters_sender(tmp_path):
    """"От кого вы узнали о конференции?" is worded as a sender's question but answered
    with no addresses: a blank answer is blank, not the row above's."""
    grid = [["№", "ФИО", "От кого вы узнали о конференции?"], ["1", "Ли Анна", "от куратора"],
            ["2", "Ким Олег", ""], ["3", "Пак Ирина", "из Instagram"]]
    path = tmp_path / "list.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    assert [row[2] for row in read_file_source(source(path)).rows] == [
        "от куратора", "", "из Instagram"]


def test_a_letter_sent_again_with_the_patronymics_names_each_pupil_once(tmp_path, monkeypatch):
    from sync.cli import main
    from tests.test_cli import CONFIG

    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.csv").write_text(csv_text(LETTERS), encoding="utf-8")
    (tmp_path / "config.toml").write_text(CONFIG.format(language="ru"), encoding="utf-8")
    assert main(["-q", "run"]) == 0
    book = openpyxl.load_workbook(tmp_path / "output" / "latest.xlsx")
    names = [row[0] for row in book["Участники"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Ким Олег", "Коваленко Максим Николаевич", "Ли Анна",
                             "Насыров Ильяр Юрьевич", "Оспанова Дана"]


@pytest.mark.parametrize("ditto", ["то же", "-//-", '"', "  Тоже ", "〃"])
def test_a_ditto_in_a_list_is_the_cell_above(tmp_path, ditto):
    """Field test AE: the organizer typed "то же" under a university; it is that university,
    never one called "то же"; a ditto with nothing above it stays as typed."""
    grid = [["№", "ФИО", "Организация"], ["1", "Иванов Иван", ditto], ["2", "Назаров Отабек", "NUU"],
            ["3", "Ли Ан", ditto], ["4", "Ким Ольга", ditto]]
    path = tmp_path / "list.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    rows = read_file_source(source(path)).rows
    assert [row[2] for row in rows] == [ditto, "NUU", "NUU", "NUU"]


def test_a_lists_own_place_question_is_not_overruled_by_its_title(tmp_path):
    grid = [["Қарасай аудандық білім бөлімі"], ["№", "Аты-жөні", "Мектеп", "Елді мекен"],
            ["1", "Иванов Иван", "5 мектеп", "Қаскелең"]]
    path = tmp_path / "list.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    assert read_file_source(source(path)).headers == ("№", "Аты-жөні", "Мектеп", "Елді мекен")


@pytest.mark.parametrize("grid", [
    [["ФИО"], ["Иванов Иван"], ["Петрова Анна"]],
    # one header cell, answers of two: the first row is still the header, no one is lost
    [["ФИО"], ["Иванов Иван", "КазНУ"], ["Петрова Анна", "ЕНУ"]],
    [["Список"], ["12.10.2025", "87011234567"]],  # no row asks for a name
    [["0"], ["0", "ТЕГ"]],  # one word that could be a question is an answer (hypothesis found)
])
def test_without_a_title_line_the_first_row_is_the_header(tmp_path, grid):
    path = tmp_path / "names.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    table = read_file_source(source(path))
    assert table.headers[0] == grid[0][0]
    assert table.row_numbers == tuple(range(2, len(grid) + 1))


def test_a_cell_merged_over_rows_is_each_rows_and_a_title_across_columns_stays_one(tmp_path):
    """An institution typed once for three people (C3:C5, merged); the title merged across
    the columns is still a title line, not a header."""
    path = tmp_path / "list.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    for row in (["Список писем"], ["№", "ФИО", "Организация"], [1, "Иванов Иван", "ЮКУ"],
                [2, "Петрова Анна"], [3, "Ким Ольга"], [4, "Ли Денис", "ЕНУ"]):
        ws.append(row)
    ws.merge_cells("A1:C1")
    ws.merge_cells("C3:C5")
    book.save(path)
    table = read_file_source(source(path, "xlsx"))
    assert table.headers == ("№", "ФИО", "Организация")
    assert [row[2] for row in table.rows] == ["ЮКУ", "ЮКУ", "ЮКУ", "ЕНУ"]


def test_xlsx_sheet_by_name_and_missing_sheet(tmp_path):
    path = tmp_path / "list.xlsx"
    write_xlsx(path, [["ФИО"], ["Иванов Иван"]], title="Почта")
    assert read_file_source(source(path, "xlsx", sheet="Почта")).rows == (("Иванов Иван",),)
    with pytest.raises(SourceError, match="no sheet named 'Лист1'.*'Почта'"):
        read_file_source(source(path, "xlsx", sheet="Лист1"))


def test_without_a_sheet_named_the_sheet_holding_the_list_is_read(tmp_path):
    """A tab added in front (instructions, a title page) holds lines of text, not a list."""
    path = tmp_path / "list.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Инструкция"
    for line in ["Как заполнять список", "1. Впишите ФИО полностью", "2. Укажите почту", "",
                 "Спасибо!", "Вопросы: plastnet.org@gmail.com"]:
        book.active.append([line])
    answers = book.create_sheet("Ответы на форму (1)")
    for row in [["ФИО", "Почта"], ["Иванов Иван", "ivan@mail.kz"], ["Петрова Анна", "a@b.kz"]]:
        answers.append(row)
    book.save(path)
    table = read_file_source(source(path, "xlsx"))
    assert table.headers == ("ФИО", "Почта") and len(table.rows) == 2
    assert table.where == f"{path} (sheet 'Ответы на форму (1)')"
    # named in config.toml, the sheet named is read, whatever it holds
    assert read_file_source(source(path, "xlsx", sheet="Инструкция")).headers == (
        "Как заполнять список",)


def test_an_old_xls_workbook_and_a_web_page_saved_as_xls_are_read(tmp_path):
    """Excel 97-2003 files and the HTML tables many systems export as .xls: read as the
    mailbox reads such attachments."""
    page = tmp_path / "export.xls"
    page.write_text("<html><body><table><tr><td>ФИО</td><td>Почта</td></tr>"
                    "<tr><td>Иванов Иван</td><td>ivan@mail.kz</td></tr></table></body></html>",
                    encoding="utf-8")
    table = read_file_source(source(page, "xlsx"))
    assert (table.headers, table.rows) == (("ФИО", "Почта"), (("Иванов Иван", "ivan@mail.kz"),))
    old = tmp_path / "old.xls"
    old.write_bytes(_attachment(FIXTURES / "mail" / "09-old-xls.eml", ".xls"))
    rows = read_file_source(source(old, "xlsx")).rows
    assert any("Сапарова Жанар Кайратовна" in row for row in rows)


def _attachment(letter: Path, suffix: str) -> bytes:
    message = email.message_from_bytes(letter.read_bytes(), policy=email.policy.default)
    part = next(p for p in message.iter_attachments() if p.get_filename().endswith(suffix))
    return part.get_content()


def test_excels_lock_file_is_named_for_what_it_is(tmp_path):
    lock = tmp_path / "~$Регистрация.xlsx"
    lock.write_bytes(b"\x0bAigerim" + b"\x00" * 150)
    with pytest.raises(SourceError, match="not the workbook: name Регистрация.xlsx instead"):
        read_file_source(source(lock, "xlsx"))


def test_an_empty_or_unreadable_workbook_says_what_it_is(tmp_path):
    empty = tmp_path / "form.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(SourceError, match="the file is empty"):
        read_file_source(source(empty, "xlsx"))
    pdf = tmp_path / "form.xls"
    pdf.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(SourceError, match="not a workbook regsync can read"):
        read_file_source(source(pdf, "xlsx"))


def test_truncated_xlsx_is_a_clear_error(tmp_path):
    path = tmp_path / "list.xlsx"
    write_xlsx(path, [["ФИО"], ["Иванов Иван"]])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match="damaged or incomplete"):
        read_file_source(source(path, "xlsx"))


def test_csv_given_as_xlsx_is_read_as_the_text_it_is(tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_text("ФИО;Почта\nИванов Иван;ivan@mail.kz\n", encoding="utf-8")
    assert read_file_source(source(path, "xlsx")).rows == (("Иванов Иван", "ivan@mail.kz"),)


@pytest.mark.parametrize("text, cells", [
    # Excel on a Russian Windows: ';' between fields, commas inside answers unquoted
    ("Фамилия, имя;Вуз\nИванов, Иван;КазНУ\n", ("Иванов, Иван", "КазНУ")),
    # Google's CSV: ',' between fields, quoted when an answer has a comma, '; ' inside answers
    ('ФИО,"Вуз, факультет"\nИванов Иван,КазНУ; физфак\n', ("Иванов Иван", "КазНУ; физфак")),
    ("ФИО\tВуз\nИванов Иван\tКазНУ, физфак\n", ("Иванов Иван", "КазНУ, физфак")),
    ("ФИО;\nИванов Иван\n", ("Иванов Иван",)),  # one question: nothing to split
    # a title line above the header, one cell wide however it is split
    ("Регистрация на PlastNet 2025;;;\n№;ФИО;Вуз;Почта\n1;Иванов, Иван;КазНУ;a@b.kz\n",
     ("1", "Иванов, Иван", "КазНУ", "a@b.kz")),
    ("Регистрация на PlastNet 2025\n\n№\tФИО\tВуз\n1\tИванов Иван\tКазНУ, физфак\n",
     ("1", "Иванов Иван", "КазНУ, физфак")),
])
def test_the_delimiter_is_the_one_that_splits_rows_consistently(tmp_path, text, cells):
    path = tmp_path / "form.csv"
    path.write_text(text, encoding="utf-8")
    assert read_file_source(source(path)).rows[0] == cells


@given(st.text(alphabet=st.sampled_from(["a", "Ж", ",", '"', "\r", "\n", "\u2028", "\x0c", " "])))
def test_csv_lines_are_split_as_a_file_opened_with_newline_blank(text):
    """Lone \\r, \\r\\n and \\n end lines (inside quotes too); other line breaks do not."""
    assert list(_lines(text)) == io.StringIO(text, newline="").readlines()
    try:
        expected = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        with pytest.raises(csv.Error):
            list(csv.reader(_lines(text)))
    else:
        assert list(csv.reader(_lines(text))) == expected


def _filled_length(row: list[str]) -> int:
    return max((i + 1 for i, c in enumerate(row) if c), default=0)


def _plain_table(grid: list[list[str]]) -> tuple:
    """build_table's rows by the plain definition (of a grid without a name question, so
    with no title lines): skip blank rows, drop the columns that are empty to the end in
    the header and every row (spreadsheets save whole empty columns), pad the rest to one
    width."""
    grid = grid or [[]]
    header, *body = grid
    kept = [(n, list(r)) for n, r in enumerate(body, start=2) if any(c.strip() for c in r)]
    width = max([_filled_length(header), *(_filled_length(r) for _, r in kept)])
    return (tuple(tuple(r[:width] + [""] * (width - len(r))) for _, r in kept),
            tuple(n for n, _ in kept))


@given(st.lists(st.lists(st.sampled_from(["", " ", "\t", "a", "Ж", "\u3000"]), max_size=4),
                max_size=6))
def test_blank_rows_and_padding_are_the_plain_definitions(grid):
    table = build_table("form", "form.csv", grid, "Asia/Almaty")
    assert (table.rows, table.row_numbers) == _plain_table(grid)
    assert all(len(r) == len(table.headers) for r in table.rows)


# --- repeated answers share one string ----------------------------------------------------

_CELLS = st.sampled_from(["", "Алматы", "Астана", "студент", "a@x.kz", " "])


@given(st.lists(st.lists(st.lists(_CELLS, max_size=5), max_size=8), max_size=4),
       st.sampled_from([1, 3, 1000]))
def test_shared_rows_are_the_same_rows(chunks, sample_rows):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SharedAnswers, "SAMPLE_ROWS", sample_rows)
        shared = SharedAnswers()
        for chunk in chunks:
            assert shared.rows(chunk) == [tuple(r) for r in chunk]


def test_a_big_csv_keeps_one_string_per_repeated_answer(tmp_path):
    rows = [FORM_HEADER] + [["", f"p{i}@x.kz", f"Имя {i}", "", "КазНУ", "", "студент", "Алматы"]
                            for i in range(3000)]
    (tmp_path / "form.csv").write_text(csv_text(rows), encoding="utf-8")
    table = read_file_source(source(tmp_path / "form.csv"))
    assert [list(r) for r in table.rows] == rows[1:]
    cities = {id(row[7]) for row in table.rows}
    emails = {id(row[1]) for row in table.rows}
    assert len(cities) == 1 and len(emails) == 3000
