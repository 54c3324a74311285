"""Daily runs over time: what is new, what changed, what vanished; failures that change nothing."""

import datetime as dt
import io
import sqlite3

import openpyxl
import pytest
from zoneinfo import ZoneInfo

import reports.xlsx
from sync.speedups import can_fork
from sync.cli import main
from sync.config import load_config
from sync.run import execute
from sync.report_files import prune_reports
from sync.progress import TerminalProgress
from tests.conftest import FORM_HEADER, csv_text

ANNA = ["2025/10/07 2:03:11 PM GMT+5", "anna.p@mail.ru", "Петрова Анна", "87011110001",
        "КазНУ", "Экология", "студент", "Алматы"]
OLEG = ["2025/10/08 9:00:00 AM GMT+5", "oleg.s@mail.ru", "Сидоров Олег", "87011110002",
        "ЕНУ", "Химия", "магистрант", "Астана"]
ZHAN = ["2025/10/09 9:00:00 AM GMT+5", "zhan@mail.ru", "Жанова Жанар", "87011110003",
        "Satbayev University", "Биология", "студент", "Алматы"]
VIKA = ["2025/10/10 9:00:00 AM GMT+5", "vika.k@mail.ru", "Ким Виктория", "87011110004",
        "КБТУ", "Химия", "студент", "Алматы"]
CONFIG = """
[[source]]
name = "form"
type = "csv"
path = "form.csv"
{extra}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(*rows, extra=""):
        (tmp_path / "form.csv").write_text(csv_text([FORM_HEADER, *rows]), encoding="utf-8")
        (tmp_path / "config.toml").write_text(CONFIG.format(extra=extra), encoding="utf-8")
        return tmp_path

    return write


def sheet(folder, name, language_sheet):
    book = openpyxl.load_workbook(folder / "output" / "latest.xlsx")
    return [r for r in book[language_sheet].iter_rows(values_only=True)]


def yesterday(folder) -> None:
    """A run as yesterday morning's: "new" today is what came after the report of an earlier day."""
    when = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
    execute(load_config(folder / "config.toml"), "run", now=when)


def summary(folder) -> dict:
    return {r[0]: r[1] for r in sheet(folder, "latest", "Сводка") if r and r[0]}


def test_second_run_shows_exactly_the_new_changed_and_vanished(project, capsys):
    folder = project(ANNA, OLEG, ZHAN)
    yesterday(folder)
    oleg_fixed = OLEG[:3] + ["+7 701 111 0002"] + OLEG[4:]  # a corrected cell
    project(ANNA, oleg_fixed, VIKA)  # Жанова deleted from the sheet, Ким is new
    capsys.readouterr()
    assert main(["run"]) == 0
    assert "3 rows pulled (1 new, 1 changed, 1 vanished)" in capsys.readouterr().err
    new = sheet(folder, "latest", "Новые")
    assert [r[0] for r in new[1:]] == ["Ким Виктория"]
    people = {r[0]: r[9] for r in sheet(folder, "latest", "Участники")[1:]}
    assert people == {"Жанова Жанар": "form:4 (удалена)", "Ким Виктория": "form:4",
                      "Петрова Анна": "form:2", "Сидоров Олег": "form:3"}
    assert summary(folder)["Удалены из источника (оставлены)"] == 1


def test_new_means_new_since_an_earlier_days_report_however_often_it_runs_today(project):
    """A same-day re-run used to empty "New"."""
    folder = project(ANNA, OLEG)
    yesterday(folder)
    project(ANNA, OLEG, ZHAN)
    config = load_config(folder / "config.toml")
    almaty = ZoneInfo("Asia/Almaty")
    morning = dt.datetime.combine(dt.datetime.now(almaty).date(), dt.time(6, 30), almaty)
    for minutes in (0, 120, 300):  # the cron run, then two by hand
        execute(config, "run", now=morning + dt.timedelta(minutes=minutes))
        assert [r[0] for r in sheet(folder, "latest", "Новые")[1:]] == ["Жанова Жанар"]
    project(ANNA, OLEG, ZHAN, VIKA)
    execute(config, "run", now=morning + dt.timedelta(days=1))  # tomorrow: only what came since
    assert [r[0] for r in sheet(folder, "latest", "Новые")[1:]] == ["Ким Виктория"]


def test_a_report_killed_before_it_was_in_place_is_not_what_new_counts_from(
        project, monkeypatch):
    """Killed after the store's commit, before the files were moved in: the people it
    stored are still new in the next day's report (they were in no report anyone got)."""
    import sync.report_files

    folder = project(ANNA, OLEG)
    config = load_config(folder / "config.toml")
    now = dt.datetime.now(dt.timezone.utc)
    execute(config, "run", now=now - dt.timedelta(days=2))
    project(ANNA, OLEG, ZHAN)

    def killed(self):
        raise KeyboardInterrupt  # as far as Python can show a kill -9 at this step

    monkeypatch.setattr(sync.report_files.Staging, "put_in_place", killed)
    with pytest.raises(KeyboardInterrupt):
        execute(config, "run", now=now - dt.timedelta(days=1))
    monkeypatch.undo()
    db = sqlite3.connect(folder / "output" / "regsync.sqlite")
    # its responses are stored; its report never was, and history says it did not end well
    assert db.execute("SELECT outcome, report_path, error FROM runs ORDER BY id").fetchall()[-1] \
        == ("failed", None, "stopped before the end")
    execute(config, "run", now=now)
    assert [r[0] for r in sheet(folder, "latest", "Новые")[1:]] == ["Жанова Жанар"]


def test_vanished_responses_can_be_left_out(project):
    folder = project(ANNA, OLEG, extra="[report]\ninclude_vanished = false\n")
    main(["run", "-q"])
    project(ANNA, extra="[report]\ninclude_vanished = false\n")
    main(["run", "-q"])
    assert [r[0] for r in sheet(folder, "latest", "Участники")[1:]] == ["Петрова Анна"]
    db = sqlite3.connect(folder / "output" / "regsync.sqlite")
    assert db.execute("SELECT count(*) FROM responses").fetchone()[0] == 2  # kept in the store


def test_a_run_killed_while_writing_the_report_changes_nothing_and_the_next_recovers(
        project, monkeypatch, capsys):
    folder = project(ANNA, OLEG)
    yesterday(folder)
    before = {p.name: p.read_bytes() for p in (folder / "output").glob("*.xlsx")}
    project(ANNA, OLEG, ZHAN)
    real_write = reports.xlsx.write_workbook

    def dies_half_way(sheets, path, language, footer=""):
        path.write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reports.xlsx, "write_workbook", dies_half_way)
    capsys.readouterr()
    assert main(["run"]) == 1
    assert "the disk is full" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in (folder / "output").glob("*.xlsx")} == before
    assert not [p for p in (folder / "output").iterdir() if p.name.startswith(".")]
    db = sqlite3.connect(folder / "output" / "regsync.sqlite")
    assert db.execute("SELECT count(*) FROM responses").fetchone()[0] == 2
    assert db.execute("SELECT outcome FROM runs ORDER BY id").fetchall() == [("ok",), ("failed",)]

    monkeypatch.setattr(reports.xlsx, "write_workbook", real_write)
    assert main(["run"]) == 0
    assert [r[0] for r in sheet(folder, "latest", "Новые")[1:]] == ["Жанова Жанар"]
    assert db.execute("SELECT count(*) FROM responses").fetchone()[0] == 3


def test_old_daily_reports_are_pruned(tmp_path):
    for day in ("2025-10-01", "2025-10-08", "2025-10-09"):
        (tmp_path / f"registrations-{day}.xlsx").write_bytes(b"x")
    (tmp_path / "registrations-notes.xlsx").write_bytes(b"mine")
    (tmp_path / "latest.xlsx").write_bytes(b"x")
    removed = prune_reports(tmp_path, keep_days=2, today=dt.date(2025, 10, 10))
    assert sorted(p.name for p in removed) == ["registrations-2025-10-01.xlsx",
                                               "registrations-2025-10-08.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "latest.xlsx", "registrations-2025-10-09.xlsx", "registrations-notes.xlsx"]
    assert prune_reports(tmp_path, keep_days=0, today=dt.date(2030, 1, 1)) == []


def test_log_file_gets_the_summary_and_no_personal_data(project):
    folder = project(ANNA, OLEG, extra='[log]\nfile = "logs/regsync.log"\n')
    assert main(["run", "-q"]) == 0
    log = (folder / "logs" / "regsync.log").read_text(encoding="utf-8")
    assert "run ok: 2 rows pulled (2 new" in log
    for secret in ("Петрова", "anna.p@mail.ru", "87011110001", "7011110001"):
        assert secret not in log


def test_progress_is_shown_on_a_terminal(project):
    folder = project(ANNA, OLEG)

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    execute(load_config(folder / "config.toml"), "run", progress=TerminalProgress(screen))
    shown = screen.getvalue()
    assert "reading source 'form'" in shown and "cleaning 2 responses" in shown
    assert "writing the report (2 participants)" in shown
    assert shown.endswith("\r\x1b[K")  # the line is cleared at the end


def test_fields_worked_out_during_the_store_change_nothing(tmp_path, monkeypatch):
    """A big pull has e-mails, institutions, names and phones worked out in a second process
    while it is stored: the same report as without, rows deleted from the sheet included."""
    import sync.run

    forked = []
    worked_ahead = sync.run._worked_ahead

    def spied(config, pulled):
        pending = worked_ahead(config, pulled)
        forked.append(pending is not None and pending.child.forked)
        return pending

    monkeypatch.setattr(sync.run, "_worked_ahead", spied)

    def reports(folder, ahead: bool) -> list:
        folder.mkdir()
        monkeypatch.chdir(folder)
        monkeypatch.setattr(sync.run, "PARALLEL_FROM_ROWS", 0 if ahead else 10**9)
        for rows in ([ANNA, OLEG, ZHAN], [ANNA, OLEG[:3] + ["+7 701 111 0002"] + OLEG[4:], VIKA]):
            (folder / "form.csv").write_text(csv_text([FORM_HEADER, *rows]), encoding="utf-8")
            (folder / "config.toml").write_text(CONFIG.format(extra=""), encoding="utf-8")
            assert main(["run", "-q"]) == 0
        book = openpyxl.load_workbook(folder / "output" / "latest.xlsx")
        return [list(ws.iter_rows(values_only=True)) for ws in book.worksheets[1:]]

    assert reports(tmp_path / "ahead", True) == reports(tmp_path / "plain", False)
    assert forked == [can_fork()] * 2 + [False] * 2


def test_a_question_added_to_the_form_mid_registration(project):
    """The organizers add a question: the rows answered before it keep their answers, the
    new question shows as a column, and the run does not fail."""
    folder = project(ANNA, OLEG)
    assert main(["run", "-q"]) == 0
    rows = [[*FORM_HEADER, "Курс"], [*ANNA, ""], [*OLEG, ""], [*ZHAN, "3"]]
    (folder / "form.csv").write_text(csv_text(rows), encoding="utf-8")
    assert main(["run", "-q"]) == 0
    people = sheet(folder, "latest", "Участники")
    course = people[0].index("Курс")
    assert {r[0]: r[course] for r in people[1:]} == {
        "Петрова Анна": None, "Сидоров Олег": None, "Жанова Жанар": "3"}


def _crowd(n: int) -> list[list[str]]:
    return [[f"2025/10/07 9:{m % 60:02d}:00 AM GMT+5", f"person{m}@mail.ru",
             f"Тестова Участница {m}", "", "КазНУ", "Экология", "студент", "Алматы"]
            for m in range(n)]


@pytest.mark.parametrize("kept, extra, alerted", [
    (0, "", True),  # the sheet emptied by mistake
    (3, "", True),  # 7 of 10 gone: more than half
    (6, "", False),  # 4 of 10 gone: an organizer tidying up
    (3, "drop_alert = 0.8\n", False),  # allowed for this source
])
def test_a_source_that_loses_most_of_its_rows_is_reported_with_its_own_exit_code(
        project, capsys, kept, extra, alerted):
    crowd = _crowd(10)
    folder = project(*crowd, extra=extra)
    assert main(["run", "-q"]) == 0
    project(*crowd[:kept], extra=extra)
    capsys.readouterr()
    code = main(["run", "-q"])  # what cron runs: the alert must get through -q
    err = capsys.readouterr().err
    figures = summary(folder)
    if alerted:
        assert code == 6
        assert f"source 'form' has {kept} answer rows; it had 10 at the last run" in err
        assert "Nothing stored was dropped" in err
        assert figures["Источник «form» потерял строки: проверьте его"] == f"10 → {kept}"
    else:
        assert (code, err) == (0, "")
        assert not [name for name in figures if str(name).startswith("Источник «")]
    people = sheet(folder, "latest", "Участники")[1:]
    assert len(people) == 10  # everyone is still in the report, the gone ones as deleted


def test_a_source_whose_rows_were_all_replaced_by_more_says_how_many_went(project, capsys):
    project(*_crowd(10))
    assert main(["run", "-q"]) == 0
    others = [[f"2025/10/08 9:{m:02d}:00 AM GMT+5", f"other{m}@mail.ru", f"Другая Участница {m}",
               "", "ЕНУ", "Химия", "студент", "Астана"] for m in range(20)]
    project(*others)
    capsys.readouterr()
    assert main(["run", "-q"]) == 6
    assert ("source 'form' has 20 answer rows; it had 10 at the last run (all of them gone)"
            in capsys.readouterr().err)


@pytest.mark.parametrize("value", ["0", "1.5", '"half"'])
def test_drop_alert_must_be_a_share(project, capsys, value):
    project(ANNA, extra=f"drop_alert = {value}\n")
    assert main(["check"]) == 2
    assert "drop_alert" in capsys.readouterr().err


def _saved_by_excel(folder, rows) -> None:
    """The form's rows as Excel on a Russian Windows saves them: ";" between cells, and
    "?" for every Kazakh letter."""
    text = csv_text([FORM_HEADER, *rows], delimiter=";")
    (folder / "form.csv").write_bytes(text.encode("cp1251", errors="replace"))


def test_a_sheet_saved_again_as_windows_1251_keeps_the_kazakh_letters_stored(project, capsys):
    asel = ["2025/10/07 2:03:11 PM GMT+5", "asel@mail.kz", "Тұрғанбаева Әсел", "87011110005",
            "ҚазҰУ", "Экология", "студент", "Алматы"]
    folder = project(ANNA, asel)
    yesterday(folder)
    _saved_by_excel(folder, [ANNA, asel])
    assert main(["run"]) == 0
    err = capsys.readouterr().err
    assert "2 rows pulled (0 new, 0 changed, 0 vanished)" in err
    assert '"?" stands where letters were in 1 stored rows' in err
    assert "Save it as CSV UTF-8" in err
    names = [row[0] for row in sheet(folder, "latest", "Участники")[1:]]
    assert sorted(names) == ["Петрова Анна", "Тұрғанбаева Әсел"]


def test_a_first_sheet_saved_as_windows_1251_is_said_once_not_per_name(project, capsys):
    """The run says the file lost its Kazakh letters, and the review sheet says it in one
    line for every name, not a line each (field test Q: 303 lines)."""
    people = [["2025/10/07 2:0%d:11 PM GMT+5" % i, f"p{i}@mail.kz", name, f"8701111000{i}",
               "ҚазҰУ", "Экология", "оқытушы", "Алматы"]
              for i, name in enumerate(["Тұрғанбаева Әсел", "Уалиханова Динара Қанатқызы",
                                        "Бердібеков Бекзат Маратұлы", "Нұрғалиев Мейіржан"])]
    folder = project()
    _saved_by_excel(folder, people)
    assert main(["run"]) == 0
    assert "saved as Windows-1251, which has no Kazakh letters" in capsys.readouterr().err
    lines = [r for r in sheet(folder, "latest", "Проверить") if r[0] == "ФИО"]
    assert len(lines) == 1 and lines[0][1].endswith("… (4)")
    assert {r[5] for r in sheet(folder, "latest", "Участники")[1:]} == {"Преподаватель"}


def test_a_sheet_saved_again_by_excel_without_the_seconds_is_the_same_rows(project, capsys):
    """Excel writes "07.10.2025 14:03" for "2025/10/07 2:03:11 PM GMT+5": the same rows,
    changed in how their time is written, none deleted and none new (found in field test Q:
    238 rows reported deleted, exit 6, a fifth more participants)."""
    asel = ["2025/10/07 2:05:40 PM GMT+5", "asel@mail.kz", "Тұрғанбаева Әсел", "87011110005",
            "ҚазҰУ", "Экология", "студент", "Алматы"]
    folder = project(ANNA, OLEG, asel)
    yesterday(folder)
    excel = [["07.10.2025 14:03", *ANNA[1:]], ["08.10.2025 09:00", *OLEG[1:]],
             ["07.10.2025 14:05", *asel[1:]]]
    _saved_by_excel(folder, excel)
    capsys.readouterr()
    assert main(["run"]) == 0
    # Әсел's row lost its letters too: it is the stored one, kept as stored
    assert "3 rows pulled (0 new, 2 changed, 0 vanished)" in capsys.readouterr().err
    names = [row[0] for row in sheet(folder, "latest", "Участники")[1:]]
    assert sorted(names) == ["Петрова Анна", "Сидоров Олег", "Тұрғанбаева Әсел"]


def test_two_answers_of_one_minute_saved_again_by_excel_are_the_same_rows(project, capsys):
    """Two people answered in one minute; Excel dropped the seconds, and one of them has
    registered again since: her name and contacts are on two rows. Her first row is the
    stored one, not deleted and new (field test AP: "1 vanished", a row shown twice)."""
    anna = ["2025/10/07 2:03:11 PM GMT+5", *ANNA[1:]]
    erlan = ["2025/10/07 2:03:50 PM GMT+5", "erlan@mail.kz", "Беков Ерлан", "87011110009",
             "КазНУ", "Экология", "студент", "Алматы"]
    folder = project(anna, erlan)
    yesterday(folder)
    excel = [["07.10.2025 14:03", *anna[1:]], ["07.10.2025 14:03", *erlan[1:]],
             ["09.10.2025 10:00", *anna[1:]]]
    _saved_by_excel(folder, excel)
    capsys.readouterr()
    assert main(["run"]) == 0
    assert "3 rows pulled (1 new, 2 changed, 0 vanished)" in capsys.readouterr().err


def test_a_form_with_a_branch_for_students_and_one_for_teachers(project, capsys):
    """Google Sheets gives each branch of a sectioned form its own name column: every row
    is someone, an edited row of either branch is the same response, and the reading says
    where the teachers' names came from."""
    header = ["Отметка времени", "Вы студент или преподаватель?", "ФИО студента", "Курс",
              "ФИО преподавателя", "Должность", "Электронная почта", "Телефон", "Вуз"]
    rows = [["06.12.2026 10:00:00", "Студент", "Петрова Анна", "2", "", "", "anna.p@mail.ru",
             "87011110001", "КазНУ"],
            ["06.12.2026 10:05:00", "Преподаватель", "", "", "Иванов Иван Петрович", "доцент",
             "ivanov@kaznu.kz", "87011110002", "КазНУ"],
            ["06.12.2026 10:07:00", "Студент", "Сидоров Олег", "3", "", "", "oleg.s@mail.ru",
             "87011110003", "ЕНУ"],
            ["06.12.2026 10:09:00", "Преподаватель", "", "", "Омарова Гульнар", "ст. преподаватель",
             "omarova@enu.kz", "87011110004", "ЕНУ"]]
    folder = project()
    (folder / "form.csv").write_text(csv_text([header, *rows]), encoding="utf-8")
    assert main(["run", "-q"]) == 0
    people = sheet(folder, "latest", "Участники")
    assert sorted((r[0], r[5]) for r in people[1:]) == [
        ("Иванов Иван Петрович", "Преподаватель"), ("Омарова Гульнар", "Преподаватель"),
        ("Петрова Анна", "Студент"), ("Сидоров Олег", "Студент")]
    reading = {r[1]: r[5] for r in sheet(folder, "latest", "Как прочитана форма")}
    assert reading["ФИО преподавателя"] == 'full_name = ["ФИО студента", "ФИО преподавателя"]'
    rows[3][7] = "87011110099"  # the teacher corrects her phone in the sheet
    (folder / "form.csv").write_text(csv_text([header, *rows]), encoding="utf-8")
    capsys.readouterr()
    assert main(["run"]) == 0
    assert "(0 new, 1 changed, 0 vanished)" in capsys.readouterr().err
    assert len(sheet(folder, "latest", "Участники")) == 5
