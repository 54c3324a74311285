"""`regsync run / report / check` with a [publish] target, end to end through the CLI, against
the local stand-in: the sheet shows what the workbook shows, and a failure to publish never
costs the report or the store."""

from __future__ import annotations

import datetime as dt
import functools
import json
import socket

import openpyxl
import pytest

from google_standin import FakeTime, Formula, Spreadsheet, StandInAdapter, Tab, new_service_account, running_standin
from sync.cli import main
from sync.publish import google_sheet
from sync.publish.tabs import TIME_FORMAT
from tests.conftest import FORM_HEADER, csv_text

KEY = "1PlastNetList2025aBcDeFgHiJkLmNoPqRsTuVwXyZ0"
FORM_KEY = "1PlastNetForm2025aBcDeFgHiJkLmNoPqRsTuVwXyZ0"
ACCOUNT = "regsync@plastnet-test.iam.gserviceaccount.com"
TITLE = "PlastNet 2025 — участники"
ROWS = [
    FORM_HEADER,
    ["2025/10/07 2:03:11 PM GMT+5", "aigerim.s@mail.ru", "Смагулова Айгерим Болатовна",
     "8 (707) 428-93-78", "КазНУ им. аль-Фараби", "Экология", "студентка 2 курса", "Алматы"],
    ["2025/10/08 9:00:00 AM GMT+5", "nurlan.zh@gmail.com", "Жұмабеков Нұрлан", "+7 701 000 0001",
     "Сәтбаев университеті", "Химия", "магистрант", "Алматы"],
    ["2025/10/09 9:00:00 AM GMT+5", "john.oneil@example.org", "John O'Neil", "",
     "Nazarbayev University", "Ecology", "PhD student", "Astana"],
    ["2025/10/09 10:00:00 AM GMT+5", "", '=HYPERLINK("http://evil.example","click")', "",
     "КазНУ", "", "студент", ""],
]
CONFIG = f"""
[[source]]
name = "form"
type = "csv"
path = "form.csv"

[report]
dir = "output"

[publish]
url = "https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0"
credentials = "service-account.json"
"""


@pytest.fixture
def standin():
    with running_standin() as standin:
        standin.add(Spreadsheet(KEY, TITLE, [Tab("Заметки", [["наши заметки"]], sheet_id=0)]))
        yield standin


@pytest.fixture
def fake_time(monkeypatch):
    """Publishing gets the fake clock and sleeper: no test sleeps through a back-off."""
    fake = FakeTime()
    for name in ("publish_report", "describe_publish_target"):
        real = getattr(google_sheet, name)
        monkeypatch.setattr(google_sheet, name, functools.partial(real, sleeper=fake.sleep,
                                                                  clock=fake.clock))
    return fake


@pytest.fixture
def project(tmp_path, monkeypatch, standin, fake_time):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.csv").write_text(csv_text(ROWS), encoding="utf-8")
    key = tmp_path / "service-account.json"
    key.write_text(json.dumps(new_service_account(standin, ACCOUNT)), encoding="utf-8")
    key.chmod(0o600)
    (tmp_path / "config.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def cli(capsys, standin, *argv):
    code = main(list(argv), google_adapter=StandInAdapter(standin))
    out, err = capsys.readouterr()
    return code, out, err


def sheet_values(path, name):
    rows = openpyxl.load_workbook(path)[name].iter_rows(values_only=True)
    return [[("" if v is None else v.strftime(TIME_FORMAT) if isinstance(v, dt.datetime) else v)
             for v in row] for row in rows]


def published(standin, title):
    tab = standin.tab(KEY, title)
    width = max(len(row) for row in tab.rows)
    return [row + [""] * (width - len(row)) for row in tab.rows]


def test_run_publishes_what_the_workbook_shows(project, standin, capsys):
    code, _, err = cli(capsys, standin, "run")
    assert code == 0, err
    assert f"report published to Google Sheet '{TITLE}' (4 tabs)" in err  # lists, questions
    for name in ("Участники", "По вузам", "По специальностям"):
        assert published(standin, name) == sheet_values(project / "output" / "latest.xlsx", name)
    cells = [c for row in standin.tab(KEY, "Участники").rows for c in row]
    assert not any(isinstance(c, Formula) for c in cells)  # written RAW: nothing is evaluated
    for private in ("Смагулова", "Жұмабеков", "mail.ru", "+7707"):  # nothing personal in the log
        assert private not in err
    assert standin.tab(KEY, "Заметки").rows == [["наши заметки"]]


def test_quiet_run_prints_nothing(project, standin, capsys):
    assert cli(capsys, standin, "run", "-q") == (0, "", "")


def test_report_publishes_and_sync_does_not(project, standin, capsys):
    assert cli(capsys, standin, "sync")[0] == 0
    assert standin.api_calls() == []
    assert cli(capsys, standin, "report")[0] == 0
    assert len(standin.tab(KEY, "Участники").rows) == 1 + 4


def test_a_failed_publish_exits_5_and_costs_neither_report_nor_store(project, standin, capsys):
    standin.spreadsheets[KEY].editable = False  # shared as Viewer
    code, _, err = cli(capsys, standin, "run")
    assert code == 5
    lines = err.strip().splitlines()
    assert lines[0].startswith("run ok: 4 rows pulled")
    assert lines[1] == (f"regsync: report not published to the Google Sheet: {ACCOUNT} may only view "
                        "the spreadsheet; open it, press Share and make that address an Editor "
                        "(while adding or resizing its tabs; the spreadsheet was not changed)")
    assert (project / "output" / "latest.xlsx").is_file()
    assert " run     ok " in cli(capsys, standin, "history")[1].splitlines()[1]  # stored, committed
    standin.spreadsheets[KEY].editable = True  # shared as Editor: the next run catches up
    assert cli(capsys, standin, "run")[0] == 0
    assert len(standin.tab(KEY, "Участники").rows) == 1 + 4


def test_publish_and_mail_failing_together_exit_4_with_both_said(project, standin, capsys):
    with socket.socket() as s:  # a port nobody listens on: the mail server is down
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with (project / "config.toml").open("a", encoding="utf-8") as config:
        config.write(f'[notify]\nhost = "127.0.0.1"\nport = {port}\nstarttls = false\n'
                     'from = "regsync@plastnet.example"\nto = ["org@plastnet.example"]\n')
    standin.spreadsheets[KEY].editable = False
    code, _, err = cli(capsys, standin, "run")
    assert code == 4
    assert "report not published to the Google Sheet" in err and "report not e-mailed" in err


def test_a_bug_in_publishing_is_not_a_failed_run(project, standin, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("something unforeseen")
    monkeypatch.setattr(google_sheet, "publish_report", broken)
    code, _, err = cli(capsys, standin, "run")
    assert code == 5 and "run ok:" in err
    assert ("regsync: report not published to the Google Sheet: unexpected error (ValueError: "
            "something unforeseen); run again with -v for details") in err


def test_check_says_the_target_is_writable(project, standin, capsys):
    code, out, _ = cli(capsys, standin, "check")
    assert code == 0
    assert (f"publish to Google Sheet '{TITLE}': key {KEY}\n  account: {ACCOUNT}\n  writable: yes\n"
            "  regsync's tabs: none yet (made on the first run)\n"
            "  other tabs (never touched): Заметки") in out
    assert [t.title for t in standin.spreadsheets[KEY].tabs] == ["Заметки"]


def test_check_on_a_target_shared_as_viewer_exits_5(project, standin, capsys):
    standin.spreadsheets[KEY].editable = False
    code, out, err = cli(capsys, standin, "check")
    assert code == 5 and out == ""
    assert err.startswith(f"regsync: publish target: {ACCOUNT} may only view the spreadsheet")


def test_the_response_sheet_is_refused_as_the_target(project, standin, capsys):
    (project / "config.toml").write_text(f"""
[[source]]
name = "form"
type = "google_sheet"
key = "{KEY}"
credentials = "service-account.json"

[publish]
key = "{KEY}"
""", encoding="utf-8")
    code, _, err = cli(capsys, standin, "run")
    assert code == 2 and "'publish.url' is the response sheet of source 'form'" in err
    assert standin.api_calls() == []


def test_exit_code_5_is_explained_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    assert "5  the report was written, but publishing it to the Google Sheet" in capsys.readouterr().out
