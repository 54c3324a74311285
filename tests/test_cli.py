"""The command line end to end: help, exit codes, and what a failed run leaves behind."""

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest

from sync.cli import build_parser, main
from tests.conftest import FORM_HEADER, csv_text

COMMANDS = ["run", "sync", "report", "check", "history", "who", "init"]
ROWS = [
    FORM_HEADER,
    ["2025/10/07 2:03:11 PM GMT+5", "aigerim.s@mail.ru", "Смагулова Айгерим Болатовна",
     "8 (707) 428-93-78", "КазНУ им. аль-Фараби", "Экология", "студентка 2 курса", "Алматы"],
    ["2025/10/08 9:00:00 AM GMT+5", "ivanov@enu.kz", "Иванов Иван Иванович", "+7 701 000 0001",
     "ЕНУ им. Гумилева", "Химия", "доцент", "Астана"],
    ["", "", "", "", "", "", "", ""],
    ["2025/10/09 9:00:00 AM GMT+5", "AIGERIM.S@MAIL.RU", "Смагулова Айгерим", "87074289378",
     "ҚазҰУ", "экология", "студент", "Алматы"],
    ["", "", '=HYPERLINK("http://evil.example","click")', "", "КазНУ", "", "студент", ""],
]
CONFIG = """
[[source]]
name = "form"
type = "csv"
path = "form.csv"

[report]
dir = "output"
language = "{language}"
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with config.toml and form.csv; the CLI runs in it."""
    monkeypatch.chdir(tmp_path)

    def make(rows=ROWS, language="ru"):
        (tmp_path / "form.csv").write_text(csv_text(rows), encoding="utf-8")
        (tmp_path / "config.toml").write_text(CONFIG.format(language=language), encoding="utf-8")
        return tmp_path

    return make


def reports_in(folder):
    return sorted(p.name for p in (folder / "output").glob("*.xlsx"))


def test_every_command_has_help(capsys):
    parser = build_parser()
    assert parser.description
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert sorted(subparsers.choices) == sorted(COMMANDS)
    for name, sub in subparsers.choices.items():
        assert sub.description and len(sub.description) > 20, name
        with pytest.raises(SystemExit) as e:
            main([name, "--help"])
        assert e.value.code == 0
        out = capsys.readouterr().out
        assert "exit codes:" in out and "-c PATH, --config PATH" in out


def test_top_level_help_lists_commands_and_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s", out, re.M), name
    assert "3  another regsync run is in progress" in out


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().out


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as e:
        main(["run", "--fast"])
    assert e.value.code == 2


def test_run_writes_the_report(project, capsys):
    folder = project()
    assert main(["run"]) == 0
    assert reports_in(folder) == sorted([f"registrations-{_today()}.xlsx", "latest.xlsx"])
    err = capsys.readouterr().err
    assert "run ok: 4 rows pulled (4 new, 0 changed, 0 vanished)" in err
    assert "Смагулова" not in err and "mail.ru" not in err  # no personal data in the log
    book = openpyxl.load_workbook(folder / "output" / "latest.xlsx")
    people = list(book["Участники"].iter_rows(values_only=True))[1:]
    # the two submissions of Смагулова are one person, named as fully as either wrote it
    names = sorted(p[0] for p in people)
    assert names == ["Hyperlink Http Evil Example Click", "Иванов Иван Иванович",
                     "Смагулова Айгерим Болатовна"]
    # and the merge is on the Duplicates sheet, with both rows: named as on Участники, the
    # merged row's spelling beside it
    merges = list(book["Дубликаты"].iter_rows(values_only=True))[1:]
    assert [(m[0], m[2]) for m in merges] == [
        ("Смагулова Айгерим Болатовна (Смагулова Айгерим)", "form:2; form:5")]
    # what was typed is shown, as text, on the review sheet
    review = [r for r in book["Проверить"].iter_rows(min_row=2) if r[0].value == "ФИО"]
    assert [c.value for c in review[0][1:4:2]] == ['=HYPERLINK("http://evil.example","click")', "form:6"]
    assert review[0][1].data_type == "s"


def test_quiet_prints_nothing_on_success(project, capsys):
    project()
    assert main(["run", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_sync_then_report(project):
    folder = project()
    assert main(["sync"]) == 0
    assert reports_in(folder) == []
    assert main(["report"]) == 0
    assert len(reports_in(folder)) == 2


def test_report_before_any_sync_is_a_clear_error(project, capsys):
    project()
    assert main(["report"]) == 1
    assert "no store yet" in capsys.readouterr().err


@pytest.mark.parametrize("config, message", [
    ("[[source]]\nname='form'\ntype='csv'\npath='form.csv'\n[report]\nlanguage='fr'\n",
     "regsync: config.toml: 'report.language' must be one of ru, kk, en, not 'fr'"),
    ("[[source]]\nname='form'\ntype='csv'\n", "regsync: config.toml: 'source[1].path' is required"),
])
def test_config_errors_exit_2_with_one_line(project, capsys, config, message):
    folder = project()
    (folder / "config.toml").write_text(config, encoding="utf-8")
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_missing_config_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["run", "-c", "elsewhere.toml"]) == 2
    assert "config file not found" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["missing", "binary", "no name column"])
def test_a_bad_source_exits_1_and_leaves_the_old_report_and_store(project, capsys, damage):
    folder = project()
    assert main(["run"]) == 0
    before = {p: p.read_bytes() for p in (folder / "output").iterdir() if p.suffix == ".xlsx"}
    store = (folder / "output" / "regsync.sqlite")
    counts_before = _response_count(store)
    source = folder / "form.csv"
    if damage == "missing":
        source.unlink()
    elif damage == "binary":
        source.write_bytes(bytes(range(256)) * 20)
    else:
        source.write_text("Город,Курс\nАлматы,2\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["run"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("regsync: ") and "\n" not in err and "form.csv" in err
    after = {p: p.read_bytes() for p in (folder / "output").iterdir() if p.suffix == ".xlsx"}
    assert after == before
    assert _response_count(store) == counts_before
    assert not list((folder / "output").glob(".*tmp"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_stop_request_a_library_turns_into_its_own_error_is_still_a_stop(
        project, capsys, monkeypatch):
    """openpyxl's typed attributes catch everything and raise TypeError: a stop request that
    lands there is still reported as a stop, in the one line a stop has."""
    import signal

    from sync.report_files import Staging

    folder = project()
    assert main(["run"]) == 0
    before = (folder / "output" / "latest.xlsx").read_bytes()

    def write_report(self, data, target):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
        except BaseException:
            raise TypeError("expected <class 'openpyxl.styles.colors.RgbColor'>") from None

    monkeypatch.setattr(Staging, "write_report", write_report)
    capsys.readouterr()
    assert main(["report"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("regsync: stopped before the end"), err
    assert (folder / "output" / "latest.xlsx").read_bytes() == before


def test_failed_runs_are_in_history(project, capsys):
    folder = project()
    main(["run"])
    (folder / "form.csv").unlink()
    main(["run"])
    capsys.readouterr()
    assert main(["history"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "failed" in out[1] and "file not found" in out[1]
    assert " ok " in out[2] and "registrations-" in out[2]


@contextlib.contextmanager
def _no_one_may_write(folder):
    """`folder` and its files as on a read-only mount. Root, whom permissions do not stop,
    reads as "nobody" (it owns them meanwhile), its modules already loaded (they lie in
    folders "nobody" may not enter)."""
    paths = [folder, *folder.iterdir()]
    for p in paths:
        p.chmod(stat.S_IMODE(p.stat().st_mode) & ~0o222)
    root = os.geteuid() == 0
    if root:
        for p in paths:
            os.chown(p, 65534, 65534)
        os.setegid(65534)
        os.seteuid(65534)
    try:
        yield
    finally:
        if root:
            os.seteuid(0)
            os.setegid(0)
            for p in paths:
                os.chown(p, 0, 0)
        for p in paths:
            p.chmod(stat.S_IMODE(p.stat().st_mode) | 0o200)


@pytest.mark.skipif(os.name != "posix", reason="a read-only folder is made with POSIX permissions")
def test_history_and_who_read_a_store_no_one_may_write(monkeypatch, capsys):
    """A store on a read-only folder or mount (the contact person's copy, a backup drive):
    `history` and `who` read it and leave it as it was; where it can be written, they
    leave no file of SQLite's behind."""
    # a folder "nobody" may pass through, unlike pytest's (root's alone when run by root)
    folder = Path(tempfile.mkdtemp(prefix="regsync-read-only-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        (folder / "form.csv").write_text(csv_text(ROWS), encoding="utf-8")
        (folder / "config.toml").write_text(CONFIG.format(language="ru"), encoding="utf-8")
        monkeypatch.chdir(folder)
        output = folder / "output"
        assert main(["run", "-q"]) == 0
        after_run = sorted(p.name for p in output.iterdir())
        assert main(["history"]) == main(["who", "КазНУ"]) == 0
        writable = capsys.readouterr().out
        before = {p.name: p.read_bytes() for p in output.iterdir()}
        assert sorted(before) == after_run
        with _no_one_may_write(output):
            assert main(["history"]) == main(["who", "КазНУ"]) == 0
            read_only = capsys.readouterr()
        assert read_only.err == ""
        assert read_only.out == writable and "Смагулова Айгерим" in read_only.out
        assert {p.name: p.read_bytes() for p in output.iterdir()} == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_history_shows_the_organizers_clock():
    from sync.commands.history import local_time

    assert local_time("2025-10-09T01:30:00+00:00", "Asia/Almaty") == "2025-10-09 06:30"
    assert local_time("2025-10-09T01:30:00+00:00", "UTC") == "2025-10-09 01:30"
    assert local_time("not a time", "Asia/Almaty") == "not a time"


def test_check_reads_but_changes_nothing(project, capsys):
    folder = project()
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "answer rows: 4" in out
    assert "'ФИО'                     -> full_name (wording + content: 75% person names)" in out
    assert "'Учебное заведение'       -> institution (wording + content: 100% institution names)" in out
    assert "?" not in out  # no guesses to check on a form worded this plainly
    assert not (folder / "output").exists()


def test_who_lists_one_institutions_people(project, capsys):
    project()
    main(["run", "-q"])
    assert main(["who", "KazNU"]) == 0
    out = capsys.readouterr().out
    assert "Смагулова Айгерим Болатовна (Студент, Экология" in out and "Иванов" not in out


def test_second_run_while_one_holds_the_lock_exits_3(project, capsys):
    from sync.config import load_config
    from sync.lock import run_lock

    folder = project()
    config = load_config(folder / "config.toml")
    with run_lock(config.store_path):
        code = subprocess.run([sys.executable, "-m", "sync.cli", "run"], cwd=folder,
                              capture_output=True, text=True)
    assert code.returncode == 3, code.stderr
    assert "another regsync run is in progress" in code.stderr
    assert reports_in(folder) == []


def test_the_command_exits_with_mains_code_and_flushes_what_it_said(project):
    """`regsync` ends without tearing the interpreter down (sync.cli.console): the exit
    code, the output and the log file must all be there all the same."""
    folder = project()
    with (folder / "config.toml").open("a", encoding="utf-8") as config:
        config.write('\n[log]\nfile = "regsync.log"\n')
    done = subprocess.run([sys.executable, "-m", "sync.cli", "run"], cwd=folder,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "run ok: 4 rows pulled" in done.stderr
    assert "run ok: 4 rows pulled" in (folder / "regsync.log").read_text(encoding="utf-8")
    (folder / "form.csv").unlink()
    failed = subprocess.run([sys.executable, "-m", "sync.cli", "run"], cwd=folder,
                            capture_output=True, text=True)
    assert failed.returncode == 1 and "form.csv" in failed.stderr


def test_a_librarys_warning_about_a_file_is_no_output_for_cron(project):
    """Field test AR: a list saved without a stylesheet (1C, a web system) made openpyxl
    warn on stderr, which cron mails after every good run; it is shown with -v."""
    folder = project()
    book = openpyxl.Workbook()
    for row in ROWS[:-1]:  # the last holds a formula: regsync's own warning, rightly
        book.active.append(row)
    plain, bare = io.BytesIO(), folder / "form.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as whole, zipfile.ZipFile(bare, "w") as unstyled:
        for part in whole.infolist():
            data = whole.read(part)
            if part.filename == "xl/styles.xml":  # no named styles, "Normal" among them
                data = re.sub(rb"<cellStyles .*?</cellStyles>", b"", data)
            unstyled.writestr(part, data)
    config = (folder / "config.toml").read_text(encoding="utf-8")
    (folder / "config.toml").write_text(config.replace(
        'type = "csv"\npath = "form.csv"', 'type = "xlsx"\npath = "form.xlsx"'), encoding="utf-8")
    quiet = subprocess.run([sys.executable, "-m", "sync.cli", "run", "-q"], cwd=folder,
                           capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
    told = subprocess.run([sys.executable, "-m", "sync.cli", "run", "-v"], cwd=folder,
                          capture_output=True, text=True)
    assert told.returncode == 0 and "UserWarning: Workbook contains no" in told.stderr


def test_a_log_file_that_cannot_be_written_is_one_line_and_the_run_goes_on(
        project, capsys, monkeypatch):
    """A read-only log folder, or a full disk under the log: the run is done, and cron
    mails one line about the log, never logging's own traceback."""
    import errno
    import logging

    from sync.cli import _LogFile

    folder = project()
    with (folder / "config.toml").open("a", encoding="utf-8") as config:
        config.write('\n[log]\nfile = "logs/regsync.log"\n')
    (folder / "logs").write_text("a file where the folder should be", encoding="utf-8")
    assert main(["run"]) == 0
    err = capsys.readouterr().err
    assert "cannot open the log file" in err and "the run goes on without it" in err
    assert "run ok" in err

    class Full:
        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            pass

    handler = _LogFile(folder / "other.log", encoding="utf-8")
    monkeypatch.setattr(handler, "stream", Full())
    for _ in range(3):
        handler.emit(logging.LogRecord("regsync", logging.INFO, "", 0, "run ok", None, None))
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"regsync: cannot write the log file {folder / 'other.log'}: the disk is full")


def _today() -> str:
    from zoneinfo import ZoneInfo
    return dt.datetime.now(ZoneInfo("Asia/Almaty")).date().isoformat()


def _response_count(store) -> int:
    import sqlite3
    db = sqlite3.connect(store)
    try:
        return db.execute("SELECT count(*) FROM responses").fetchone()[0]
    finally:
        db.close()


# the form with a session question and the organizers' own note column
SESSION_ROWS = [
    [*FORM_HEADER, "Какую секцию вы посетите?", "Примечание"],
    [*ROWS[1], "Секция 1, Секция 2", "позвонить после 18:00"],
    [*ROWS[2], "Секция 2", ""],
    [*ROWS[4], "Секция 1", ""],
    ["2025/10/09 10:00:00 AM GMT+5", "asel@enu.kz", "Асель Нурланова", "87011234567",
     "ЕНУ", "Экология", "магистрант", "Астана", "Секция 1", ""],
    [*ROWS[5], "", ""],
]


def sheet_values(path, sheet=0) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
    return list(ws.iter_rows(values_only=True))


def test_report_by_institution_writes_one_safe_workbook_each(project, capsys):
    folder = project(SESSION_ROWS)
    assert main(["run", "-q"]) == 0
    assert main(["report", "--by-institution"]) == 0
    out = folder / "output" / f"by-institution-{_today()}"
    assert f"per-institution workbooks in {out}" in capsys.readouterr().err
    files = sorted(p.name for p in out.iterdir())
    assert files == ["Евразийский национальный университет имени Л. Н. Гумилёва.xlsx",
                     "Казахский национальный университет имени аль-Фараби.xlsx"]
    title, note, header, *rows = sheet_values(out / files[0])
    assert title[0] == "Евразийский национальный университет имени Л. Н. Гумилёва"
    assert note[0].startswith("Участники конференции PlastNet на ")
    # only the columns meant for the institution: no note, no source rows, no sessions
    assert header == ("№", "ФИО", "Специальность", "Статус", "Эл. почта", "Телефон")
    assert [r[:2] for r in rows] == [(1, "Иванов Иван Иванович"), (2, "Нурланова Асель")]
    every_cell = {v for path in out.iterdir() for row in sheet_values(path) for v in row}
    assert "позвонить после 18:00" not in every_cell and not any(
        isinstance(v, str) and v.startswith("form:") for v in every_cell)


def test_institution_columns_are_configurable(project):
    folder = project(SESSION_ROWS)
    with (folder / "config.toml").open("a", encoding="utf-8") as config:
        config.write('institution_columns = ["full_name", "Какую секцию вы посетите?"]\n')
    assert main(["run", "-q"]) == 0
    assert main(["report", "--by-institution", "-q"]) == 0
    out = folder / "output" / f"by-institution-{_today()}"
    path = next(p for p in out.iterdir() if p.name.startswith("Казахский"))
    _, _, header, *rows = sheet_values(path)
    assert header == ("№", "ФИО", "Какую секцию вы посетите?")
    assert rows == [(1, "Смагулова Айгерим Болатовна", "Секция 1"),
                    (2, "Hyperlink Http Evil Example Click", None)]


def test_an_institution_column_that_is_no_question_is_a_config_error(project, capsys):
    folder = project(SESSION_ROWS)
    with (folder / "config.toml").open("a", encoding="utf-8") as config:
        config.write('institution_columns = ["full_name", "Курс"]\n')
    assert main(["run", "-q"]) == 0  # the daily report does not use it
    assert main(["report", "--by-institution"]) == 2
    err = capsys.readouterr().err
    assert "'report.institution_columns' names 'Курс', which is not a question of the form" in err
    assert "'Какую секцию вы посетите?'" in err
    assert not (folder / "output" / f"by-institution-{_today()}").exists()


def test_sign_in_lists_as_files_one_per_session(project, capsys):
    folder = project(SESSION_ROWS)
    with (folder / "config.toml").open("a", encoding="utf-8") as config:
        config.write('checkin = "files"\n')
    assert main(["run"]) == 0
    out = folder / "output" / f"checkin-{_today()}"
    assert f"sign-in lists in {out}" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [
        "Секция 1.xlsx", "Секция 2.xlsx", "Секция не указана.xlsx"]
    _, _, header, *rows = sheet_values(out / "Секция 1.xlsx")
    assert header == ("№", "ФИО", "Учебное заведение", "Статус", "Подпись")
    assert [r[1] for r in rows] == ["Нурланова Асель", "Смагулова Айгерим Болатовна"]
    # and not in the daily report
    book = openpyxl.load_workbook(folder / "output" / "latest.xlsx")
    assert not [n for n in book.sheetnames if n.startswith("Регистрация")]


def test_who_groups_several_institutions_with_counts(project, capsys):
    project(SESSION_ROWS)
    main(["run", "-q"])
    assert main(["who", "университет"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "По запросу «университет» — учебных заведений: 2, участников: 4"
    heads = [line for line in out if not line.startswith(" ")]
    assert heads[1:] == ["Евразийский национальный университет имени Л. Н. Гумилёва — участников: 2",
                         "Казахский национальный университет имени аль-Фараби — участников: 2"]


@pytest.mark.parametrize("query, first_line", [
    ("Астана", "Евразийский национальный университет имени Л. Н. Гумилёва — участников: 2"),
    ("Astana", "Евразийский национальный университет имени Л. Н. Гумилёва — участников: 2"),
    ("Гумилев", "Евразийский национальный университет имени Л. Н. Гумилёва — участников: 2"),
    ("Gumilyov", "Евразийский национальный университет имени Л. Н. Гумилёва — участников: 2"),
    ("фараби", "Казахский национальный университет имени аль-Фараби — участников: 2"),
    # nothing by that name, apart from a known institution nobody came from
    ("asdfgh", "«asdfgh» не похоже ни на одно учебное заведение участников: проверьте "
               "написание или введите часть названия"),
    ("Туран", "От «Туран» никто не зарегистрирован"),
])
def test_who_by_a_city_a_part_of_the_name_or_nothing_known(project, capsys, query, first_line):
    project(SESSION_ROWS)
    main(["run", "-q"])
    capsys.readouterr()
    assert main(["who", query]) == 0
    assert capsys.readouterr().out.splitlines()[0] == first_line


SCHOOL_ROWS = [
    FORM_HEADER,
    ["2025/10/07 10:00:00 AM GMT+5", "a@mail.kz", "Тоқтарова Ақбота", "87011111111",
     "ЮКУ им. Ауэзова", "Экология", "студент", "Шымкент"],
    ["2025/10/07 10:05:00 AM GMT+5", "b@mail.kz", "Досжан Інжу", "87022222222",
     "№45 мектеп-гимназия", "", "оқушы", "Шымкент"],
    ["2025/10/07 10:10:00 AM GMT+5", "c@mail.kz", "Ахметов Алихан", "87033333333",
     "СОШ №25 г. Караганда", "", "ученик", "Караганда"],
    ["2025/10/07 10:15:00 AM GMT+5", "d@mail.kz", "Серикова Аружан", "87044444444",
     "школа 25", "", "ученица", "Караганда"],
    ["2025/10/07 10:20:00 AM GMT+5", "e@mail.kz", "Ермек Айгерім", "87055555555",
     "Назарбаев Зияткерлік мектебі, Тараз", "", "мұғалім", "Тараз"],
    ["2025/10/07 10:25:00 AM GMT+5", "f@mail.kz", "Ли Денис", "87066666666",
     "КазНУ", "Химия", "студент", "Алматы"],
    ["2025/10/07 10:30:00 AM GMT+5", "g@mail.kz", "Ким Ольга", "87077777777",
     "КазНПУ им. Абая", "Химия", "студент", "Алматы"],
]


@pytest.mark.parametrize("query, heads", [
    # a city alone: its institutions and the people who said they are there, even where
    # the directory has an institution named after it (Шымкентский университет)
    ("Шымкент", ["По запросу «Шымкент» — учебных заведений: 2, участников: 2",
                 "Южно-Казахстанский университет имени М. Ауэзова — участников: 1",
                 "№45 мектеп-гимназия, Шымкент — участников: 1"]),
    # a numbered school however it was typed, under the name the report gives it
    ("СОШ №25", ["школа 25, Караганда — участников: 2"]),
    # part of a name: the directory's university has nobody, the school has someone
    ("Назарбаев", ["Назарбаев Зияткерлік мектебі, Тараз — участников: 1"]),
    # an abbreviation is that institution, not every one whose abbreviation begins alike
    ("КазНУ", ["Казахский национальный университет имени аль-Фараби — участников: 1"]),
])
def test_who_finds_cities_numbered_schools_and_every_spelling(project, capsys, query, heads):
    assert _who_heads(project, capsys, SCHOOL_ROWS, query) == heads


def _who_heads(project, capsys, rows, query: str) -> list[str]:
    """The lines `regsync who` prints for `query` after a run on `rows`, but the people."""
    project(rows)
    main(["run", "-q"])
    capsys.readouterr()
    assert main(["who", query]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]


LINE_ROWS = [
    FORM_HEADER,
    ["2025/10/07 10:00:00 AM GMT+5", "a@mail.kz", "Тоқтарова Ақбота", "87011111111",
     "АЭОК", "", "волонтер", "Алматы"],
    ["2025/10/07 10:05:00 AM GMT+5", "b@mail.kz", "Досжан Інжу", "87022222222",
     "Ассоциация экологических организаций Казахстана", "", "волонтер", "Алматы"],
    ["2025/10/07 10:10:00 AM GMT+5", "c@mail.kz", "Ахметов Алихан", "87033333333",
     "Ассоциация экологических организаций Казахстана", "", "волонтер", "Алматы"],
    ["2025/10/07 10:15:00 AM GMT+5", "d@mail.kz", "Серикова Аружан", "87044444444",
     "Школа №12 г. Павлодар", "", "ученица", "Павлодар"],
    ["2025/10/07 10:20:00 AM GMT+5", "e@mail.kz", "Ермек Айгерім", "87055555555",
     "школа 12", "", "оқушы", "Караганда"],
    ["2025/10/07 10:25:00 AM GMT+5", "f@mail.kz", "Ли Денис", "87066666666",
     "НИШ ФМН г. Алматы", "", "ученик", "Алматы"],
    ["2025/10/07 10:30:00 AM GMT+5", "g@mail.kz", "Ким Ольга", "87077777777",
     "Назарбаев Интеллектуальная школа физико-математического направления г. Алматы", "",
     "ученица", "Алматы"],
    ["2025/10/07 10:35:00 AM GMT+5", "h@mail.kz", "Пак Олег", "87078888888",
     "Гимназия №56 г. Астана", "", "ученик", "Астана"],
]


@pytest.mark.parametrize("query, heads", [
    # someone's own spelling finds the whole line the report shows, not that person alone
    ("АЭОК", ["Ассоциация экологических организаций Казахстана — участников: 3"]),
    # a town in the query is that town's place, not another town's of that number
    ("школа №12 Павлодар", ["Школа №12 г. Павлодар — участников: 1"]),
    # a chain's school by its profile, however its name was typed
    ("NIS Physics and Mathematics Almaty", ["НИШ ФМН г. Алматы — участников: 2"]),
    # a гимназия is a school
    ("№ 56 школа", ["Гимназия №56 г. Астана — участников: 1"]),
])
def test_who_finds_the_reports_whole_line_in_the_town_asked(project, capsys, query, heads):
    assert _who_heads(project, capsys, LINE_ROWS, query) == heads


@pytest.mark.parametrize("query, name, holds", [
    ("Kazakh-British", "Kazakh-British Technical University", True),  # part of a name
    ("КазНУ", "КазНУ им. аль-Фараби", True),
    ("КазНУ", "КазНПУ им. Абая", False),  # an abbreviation only as a whole word
])
def test_who_looks_for_part_of_a_name(query, name, holds):
    from sync.commands.who import _names
    assert _names(query, name) is holds


def test_who_speaks_the_reports_language(project, capsys):
    project(SESSION_ROWS, language="en")
    main(["run", "-q"])
    assert main(["who", "ЕНУ"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "L. N. Gumilyov Eurasian National University: 2 participant(s)"
    assert "Master's student" in out[1] or "Master's student" in out[2]


def test_who_with_nothing_to_look_for_is_a_usage_error(project, capsys):
    project()
    with pytest.raises(SystemExit) as e:
        main(["who", "  "])
    assert e.value.code == 2
    assert "give an institution" in capsys.readouterr().err


def test_who_into_a_closed_pipe_ends_quietly(project):
    """`regsync who КазНУ | head -1`: the reader goes away before all is written."""
    folder = project(SESSION_ROWS)
    main(["run", "-q"])
    child = subprocess.Popen([sys.executable, "-m", "sync.cli", "who", "КазНУ"], cwd=folder,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # before the child has written anything: its first write fails
    err = child.stderr.read().decode()
    child.wait(timeout=60)
    child.stderr.close()
    assert err == "" and child.returncode == 0


@pytest.mark.parametrize("name, safe", [
    ('КГУ «Гимназия № 56»', "КГУ Гимназия № 56"),
    ("a/b\\c:d*e?f\"g<h>i|j", "a b c d e f g h i j"),
    ("CON", "_CON"),
    ("...", "_"),
    ("x" * 200, "x" * 120),
    # a long name is cut after a whole word, never inside one
    (" ".join(["Университет"] * 12), " ".join(["Университет"] * 10)),
    ("Казахский национальный исследовательский технический университет имени К. И. Сатпаева",
     "Казахский национальный исследовательский технический университет имени К. И. Сатпаева"),
])
def test_safe_file_names(name, safe):
    from reports.per_institution import safe_file_name
    assert safe_file_name(name) == safe


def test_a_form_nobody_answered_yet_says_which_source_and_what_to_do(project, capsys):
    project([FORM_HEADER])
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert "there are no responses yet: the sources ('form') have no answer rows" in err
    assert "run again once people have answered" in err


@pytest.mark.parametrize("rows, line", [
    (SESSION_ROWS, "  sessions: 'Какую секцию вы посетите?': a sign-in sheet per session"),
    (ROWS, "  sessions: no question of this source asks for one"),
])
def test_check_says_which_question_gives_the_sessions(project, capsys, rows, line):
    project(rows)
    assert main(["check"]) == 0
    assert line in capsys.readouterr().out.splitlines()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")
def test_check_says_when_other_users_can_read_a_source(project, capsys):
    folder = project()
    folder.chmod(0o755)
    (folder / "form.csv").chmod(0o644)
    assert main(["check"]) == 0
    assert "private: other users of this machine can read form.csv" in capsys.readouterr().out
    (folder / "form.csv").chmod(0o600)
    assert main(["check"]) == 0
    assert "private:" not in capsys.readouterr().out


@pytest.mark.parametrize("language, sheet, column, towns", [
    ("en", "Participants", "City", {"Almaty", "Aktobe"}),
    ("kk", "Қатысушылар", "Қала", {"Алматы", "Ақтөбе"}),
    ("ru", "Участники", "Город", {"Алматы", "Актобе"}),
])
def test_the_report_names_the_towns_in_its_language(project, language, sheet, column, towns):
    folder = project([row[:7] + ["г. Актобе" if row[7] == "Астана" else row[7]] for row in ROWS],
                     language=language)
    assert main(["run", "-q"]) == 0
    book = openpyxl.load_workbook(folder / "output" / "latest.xlsx", read_only=True)
    header, *people = book[sheet].iter_rows(values_only=True)
    assert {person[header.index(column)] for person in people} - {None} == towns
