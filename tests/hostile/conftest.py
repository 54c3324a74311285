"""Helpers for the hostile suite: a project folder, a clean-workbook check, before/after snapshots.

Every end-to-end case ends one of two ways, and both are checked here:
- success: every input row is in exactly one participant, or listed on the review sheet as
  a row that is not a person (an empty or heading row), and the workbook is clean;
- failure: a one-line error, a non-zero exit code, and output/ and the store unchanged.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from google_standin import FakeTime, Spreadsheet, Tab, new_service_account, running_standin

from reports.safety import EXCEL_CELL_LIMIT
from sync.cli import main
from sync.sources import google_sheet

FORM_HEADER = ["Отметка времени", "Адрес электронной почты", "ФИО", "Номер телефона",
               "Учебное заведение", "Специальность", "Статус", "Город"]
# One ordinary respondent: every hostile case is mixed with real people who must survive it.
ORDINARY_ROWS = [
    ["2025/10/07 2:03:11 PM GMT+5", "aigerim.test@example.org", "Смагулова Айгерим Болатовна",
     "8 (707) 428-93-78", "КазНУ им. аль-Фараби", "Экология", "студентка 2 курса", "Алматы"],
    ["2025/10/08 9:00:00 AM GMT+5", "ivanov.test@example.kz", "Иванов Иван Иванович",
     "+7 701 000 0001", "ЕНУ им. Гумилева", "Химия", "доцент", "Астана"],
]
CONFIG = """
[[source]]
name = "form"
type = "{kind}"
path = "{path}"

[report]
dir = "output"
language = "en"
"""
PARTICIPANTS_SHEET = "Participants"
SOURCE_SHRANK = 6  # the exit code of a run whose source lost most of its rows
REVIEW_SHEET = "Needs review"
NOT_A_PERSON = "Not a person: row left out"  # the review line of a row set aside
SOURCE_ROWS_COLUMN = 10  # "Source rows" on the Participants sheet (docs/architecture.md, the data contract)
# XML 1.0 forbids these in a cell; tab, newline and carriage return are allowed
ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")
STORE_NAME = "regsync.sqlite"
VANISHED_MARK = " (deleted)"  # how Source rows shows a row deleted from its source since


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


@dataclass
class Project:
    folder: Path

    @property
    def output(self) -> Path:
        return self.folder / "output"

    @property
    def store(self) -> Path:
        return self.output / STORE_NAME

    @property
    def latest(self) -> Path:
        return self.output / "latest.xlsx"

    def write_csv(self, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> None:
        self.write_source(csv_bytes(rows, encoding, delimiter))

    def write_source(self, data: bytes, kind: str = "csv", extra_config: str = "") -> None:
        name = f"form.{kind}"
        (self.folder / name).write_bytes(data)
        (self.folder / "config.toml").write_text(CONFIG.format(kind=kind, path=name) + extra_config,
                                                 encoding="utf-8")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    """An empty project folder; the CLI runs in it."""
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path)


def run_cli(capsys, *argv: str, **kwargs) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of one CLI call; earlier output is discarded first."""
    capsys.readouterr()
    code = main(list(argv), **kwargs)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the workbook ---------------------------------------------------------------------------

def assert_clean_workbook(path: Path) -> openpyxl.Workbook:
    """No formula, no illegal control character, no cell over Excel's limit; returns the book."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name)
                assert not FORMULA_ELEMENT.search(xml), f"formula element in {name}"
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                assert cell.data_type != "e", f"{ws.title}!{cell.coordinate} is an error value"
                if isinstance(cell.value, str):
                    assert not ILLEGAL_CHARS.search(cell.value), f"{ws.title}!{cell.coordinate}"
                    assert len(cell.value) <= EXCEL_CELL_LIMIT, f"{ws.title}!{cell.coordinate}"
    return book


def participant_source_rows(book: openpyxl.Workbook) -> list[list[str]]:
    """Each participant's "source:row" references, as written on the Participants sheet."""
    rows = list(book[PARTICIPANTS_SHEET].iter_rows(min_row=2, values_only=True))
    return [str(r[SOURCE_ROWS_COLUMN - 1]).split("; ") for r in rows
            if len(r) >= SOURCE_ROWS_COLUMN and r[SOURCE_ROWS_COLUMN - 1]]


def answer_row_refs(grid: list[list[str]], source: str = "form") -> list[str]:
    """The "source:row" of every non-blank answer row (the header is row 1)."""
    return [f"{source}:{number}" for number, row in enumerate(grid[1:], start=2)
            if any(cell.strip() for cell in row)]


def rows_not_people(book: openpyxl.Workbook) -> list[str]:
    """The rows the review sheet lists as not people."""
    rows = book[REVIEW_SHEET].iter_rows(min_row=2, values_only=True)
    return [str(r[3]) for r in rows if r and r[0] == NOT_A_PERSON]


def assert_everyone_present(book: openpyxl.Workbook, expected_refs: list[str]) -> None:
    """Every input row's reference is in exactly one participant's Source rows or listed as
    not a person on the review sheet, and nothing else.

    Rows of an earlier pull that are gone now are kept, marked "(deleted)": not counted here.
    """
    written = [ref for refs in participant_source_rows(book) for ref in refs]
    written += rows_not_people(book)
    assert len(written) == len(set(written)), "a row is in two participants"
    live = [ref for ref in written if not ref.endswith(VANISHED_MARK)]
    assert sorted(live) == sorted(expected_refs)


def assert_clean_success(project: Project, grid: list[list[str]]) -> openpyxl.Workbook:
    book = assert_clean_workbook(project.latest)
    assert_everyone_present(book, answer_row_refs(grid))
    return book


# --- before and after a failed run ----------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    files: dict[str, bytes]  # output/ files other than the store (whose runs table logs failures)
    responses: list[tuple]  # every row of the store's responses table


def snapshot(project: Project) -> Snapshot:
    return Snapshot(report_files(project), stored_responses(project.store))


def report_files(project: Project) -> dict[str, bytes]:
    """Bytes of every file in output/ except the store's own files."""
    files = {}
    if project.output.is_dir():
        for path in sorted(project.output.rglob("*")):
            if path.is_file() and not path.name.startswith(STORE_NAME):
                files[str(path.relative_to(project.output))] = path.read_bytes()
    return files


def stored_responses(store: Path) -> list[tuple]:
    if not store.exists():
        return []
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return db.execute("SELECT * FROM responses ORDER BY id").fetchall()
    finally:
        db.close()


def assert_clean_failure(project: Project, before: Snapshot, code: int, err: str, *,
                         after_storing: bool = False) -> None:
    """Non-zero exit, one line naming the problem, and nothing earlier changed.

    `after_storing`: the run failed after its pull was committed (the report could not be
    put in place): every report is as it was and every response stored before is still
    there as it was answered; the responses just pulled may have joined them.
    """
    assert code != 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("regsync: "), err
    assert "Traceback" not in err
    after = snapshot(project)
    assert after.files == before.files
    if after_storing:
        answers = {row[0]: row[4] for row in after.responses}  # id -> answers
        assert all(answers.get(row[0]) == row[4] for row in before.responses)
    else:
        assert after.responses == before.responses
    if project.output.is_dir():
        assert not [p.name for p in project.output.iterdir() if p.name.startswith(".")], \
            "a temporary file or folder was left behind"


def run_after_a_good_run(project: Project, capsys, write_hostile, *argv: str) -> tuple[int, str]:
    """A good run first, then the hostile input; returns (exit code, stderr) of the second run.

    On success the report is checked clean by the caller; on failure this checks the
    failure was clean (one line, nothing earlier changed). Most hostile files hold other
    rows than the good run's, so the ordinary respondents vanish from the source: the run
    succeeds and says so with exit code 6 (SOURCE_SHRANK), returned here as a success.
    """
    project.write_csv([FORM_HEADER, *ORDINARY_ROWS])
    assert run_cli(capsys, "run")[0] == 0
    before = snapshot(project)
    write_hostile()
    code, _, err = run_cli(capsys, "run", *argv)
    if code == SOURCE_SHRANK:
        assert "Nothing stored was dropped" in err
        return 0, err
    if code != 0:
        assert_clean_failure(project, before, code, err)
    return code, err


# --- the Google stand-in, as the CLI sees it ----------------------------------------------

KEY = "1PlastNetForm2024aBcDeFgHiJkLmNoPqRsTuVwXyZ0"
ACCOUNT = "regsync@plastnet-test.iam.gserviceaccount.com"
GOOGLE_CONFIG = f"""
[[source]]
name = "form"
type = "google_sheet"
key = "{KEY}"
credentials = "service-account.json"

[report]
dir = "output"
language = "en"
"""
# Short enough that a stalled answer costs the test a fraction of a second.
STALL_TIMEOUT = (1.0, 0.2)
STALL_SECONDS = 0.6



@pytest.fixture
def standin():
    with running_standin() as standin:
        standin.add(Spreadsheet(KEY, "PlastNet 2024 (ответы)", locale="ru_RU", time_zone="Asia/Almaty",
                                tabs=[Tab("Ответы на форму (1)", [FORM_HEADER, *ORDINARY_ROWS])]))
        yield standin


@pytest.fixture
def fake_time(monkeypatch) -> FakeTime:
    """The CLI's Google reads get the fake clock and sleeper (and short stall timeouts)."""
    fake = FakeTime()
    for name in ("read_google_sheet", "describe_google_sheet"):
        real = getattr(google_sheet, name)
        monkeypatch.setattr(google_sheet, name, functools.partial(
            real, sleeper=fake.sleep, clock=fake.clock, timeout=STALL_TIMEOUT))
    return fake


@pytest.fixture
def google_project(project, standin, fake_time) -> Project:
    key = project.folder / "service-account.json"
    key.write_text(json.dumps(new_service_account(standin, ACCOUNT)), encoding="utf-8")
    key.chmod(0o600)
    (project.folder / "config.toml").write_text(GOOGLE_CONFIG, encoding="utf-8")
    return project
