"""`regsync run` and `regsync check` on a google_sheet source, end to end through the CLI,
against the local stand-in: the same report as the CSV download of the same answers."""

import datetime as dt
import json
from urllib.parse import unquote

import openpyxl
import pytest

from google_standin import DateTime, Spreadsheet, StandInAdapter, Tab, new_service_account, running_standin
from sync.cli import main
from tests.conftest import csv_text

KEY = "1PlastNetForm2025aBcDeFgHiJkLmNoPqRsTuVwXyZ0"
ACCOUNT = "regsync@plastnet-test.iam.gserviceaccount.com"
HEADER = ["Отметка времени", "Адрес электронной почты", "ФИО", "Номер телефона",
          "Учебное заведение", "Специальность", "Статус", "Город", "Курс"]
# (wall clock in Asia/Almaty, e-mail, name, phone as the API returns it, ...)
ANSWERS = [
    (dt.datetime(2025, 10, 7, 14, 3, 11), "aigerim.s@mail.ru", "Смагулова Айгерим Болатовна",
     87074289378, "КазНУ им. аль-Фараби", "6B05201 Экология", "студентка 2 курса", "Алматы", 2),
    (dt.datetime(2025, 10, 8, 9, 0, 0), "ivanov@enu.kz", "Иванов Иван Иванович", "+7 701 000 0001",
     "ЕНУ им. Гумилева", "Химия", "доцент", "Астана", ""),
    (dt.datetime(2025, 10, 9, 9, 30, 0), "AIGERIM.S@MAIL.RU", "Смагулова Айгерим", 87074289378,
     "ҚазҰУ", "экология", "студент", "Алма-Ата", 2),
    (dt.datetime(2025, 10, 10, 18, 45, 5), "zh.nurlan@gmail.com", "Жумабеков Нурлан", 77771234567,
     "Satbayev University", "Химическая технология органических веществ", "магистрант",
     "Almaty", 1),
]


def sheet_rows():
    rows = [HEADER]
    for moment, *rest in ANSWERS:
        rows.append([DateTime(moment), *rest])
    return rows


def csv_download_rows():
    """What File > Download > CSV gives for the same sheet in ru_RU."""
    rows = [HEADER]
    for moment, *rest in ANSWERS:
        rows.append([moment.strftime("%d.%m.%Y %H:%M:%S"), *[str(v) for v in rest]])
    return rows


@pytest.fixture
def standin():
    with running_standin() as standin:
        standin.add(Spreadsheet(KEY, "PlastNet 2025 (ответы)", locale="ru_RU",
                                time_zone="Asia/Almaty",
                                tabs=[Tab("Ответы на форму (1)", sheet_rows(), sheet_id=0)]))
        yield standin


@pytest.fixture
def folders(tmp_path, standin):
    key = tmp_path / "service-account.json"
    key.write_text(json.dumps(new_service_account(standin, ACCOUNT)), encoding="utf-8")
    key.chmod(0o600)
    (tmp_path / "google.toml").write_text(f"""
[[source]]
name = "form"
type = "google_sheet"
url = "https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0"
credentials = "service-account.json"
[report]
dir = "from-google"
""", encoding="utf-8")
    (tmp_path / "answers.csv").write_text(csv_text(csv_download_rows()), encoding="utf-8")
    (tmp_path / "csv.toml").write_text("""
[[source]]
name = "form"
type = "csv"
path = "answers.csv"
[report]
dir = "from-csv"
""", encoding="utf-8")
    return tmp_path


def workbook_values(path):
    book = openpyxl.load_workbook(path)
    values = {}
    for ws in book.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        if ws.title == "Сводка":
            rows = [r for r in rows if r[0] != "Отчёт построен"]
        values[ws.title] = rows
    return values


def test_google_sheet_and_its_csv_download_give_the_same_report(folders, standin, capsys):
    adapter = StandInAdapter(standin)
    assert main(["run", "-c", str(folders / "google.toml")], google_adapter=adapter) == 0
    assert main(["run", "-c", str(folders / "csv.toml")]) == 0
    google = workbook_values(folders / "from-google" / "latest.xlsx")
    download = workbook_values(folders / "from-csv" / "latest.xlsx")
    assert google == download
    people = google["Участники"]
    assert len(people) == 1 + 3  # Смагулова twice is one person
    smagulova = next(p for p in people if p[0] == "Смагулова Айгерим Болатовна")
    assert smagulova[2] == "+77074289378" and smagulova[9] == "form:2; form:4"
    assert smagulova[7] == dt.datetime(2025, 10, 7, 14, 3, 11)  # wall clock, Asia/Almaty
    err = capsys.readouterr().err
    assert "private_key" not in err and "BEGIN PRIVATE KEY" not in err


def test_a_pull_costs_three_requests_through_the_cli(folders, standin):
    assert main(["sync", "-c", str(folders / "google.toml")],
                google_adapter=StandInAdapter(standin)) == 0
    assert [(e.method, unquote(e.path).split("/")[-1]) for e in standin.log] == [
        ("POST", "token"), ("GET", KEY), ("GET", "'Ответы на форму (1)'")]


def test_check_on_a_google_source(folders, standin, capsys):
    assert main(["check", "-c", str(folders / "google.toml")],
                google_adapter=StandInAdapter(standin)) == 0
    out = capsys.readouterr().out
    assert f"account: {ACCOUNT}" in out
    assert "title: PlastNet 2025 (ответы)" in out and "tab: Ответы на форму (1)" in out
    assert "time zone: Asia/Almaty" in out and "answer rows: 4" in out
    assert "'ФИО' " in out and "-> full_name (wording + content: 100% person names)" in out
    assert not (folders / "from-google").exists()


def test_an_unshared_sheet_exits_1_naming_the_account(folders, standin, capsys):
    standin.spreadsheets[KEY].shared = False
    assert main(["run", "-c", str(folders / "google.toml")],
                google_adapter=StandInAdapter(standin)) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"regsync: source 'form': the sheet is not shared with {ACCOUNT}; open it, "
                   "press Share and add that address as Viewer")
    assert not (folders / "from-google").exists() or not list((folders / "from-google").glob("*.xlsx"))
