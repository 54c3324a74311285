"""`regsync run`, `sync` and `check` with a form and a mailbox on a real Dovecot: one report
where people who registered both ways are one participant; only new letters each run; a
failed pull stores nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from sync.cli import main
from tests.conftest import FORM_HEADER, csv_text
from tests.imap_server import PASSWORD_ENV, Mailbox, dovecot  # noqa: F401 (fixture)

LETTERS = sorted((Path(__file__).parent / "fixtures" / "mail").glob("*.eml"))
FORM = [
    FORM_HEADER,
    # also in the teacher's letter (01), without an e-mail of her own there: same name and phone
    ["2025/03/09 8:00:00 PM GMT+5", "alina.kim@example.kz", "Ким Алина Викторовна",
     "87025552233", "КазНУ им. аль-Фараби", "Химическая технология", "студент", "Алматы"],
    # also in the Kazakh Excel list (02): same e-mail and name
    ["2025/03/12 10:00:00 AM GMT+5", "dana.s@example.kz", "Серікова Дана Ерланқызы",
     "+7 747 123 45 67", "ЕНУ", "Экология", "студент", "Астана"],
    ["2025/03/12 11:00:00 AM GMT+5", "bolat.n@example.kz", "Нуров Болат", "87010001122",
     "КБТУ", "Нефтехимия", "магистрант", "Алматы"],
]


@pytest.fixture
def project(dovecot, tmp_path, monkeypatch):
    box = Mailbox(dovecot)
    monkeypatch.setenv(PASSWORD_ENV, box.password)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.csv").write_text(csv_text(FORM), encoding="utf-8")
    (tmp_path / "config.toml").write_text(
        '[[source]]\nname = "form"\ntype = "csv"\npath = "form.csv"\n\n' + box.source_toml(),
        encoding="utf-8")
    box.folder = tmp_path
    return box


def fill(box: Mailbox, letters) -> None:
    for letter in letters:
        box.append(letter.read_bytes())


def sheet_rows(folder: Path, title: str) -> list[dict]:
    book = openpyxl.load_workbook(folder / "output" / "latest.xlsx", read_only=True)
    rows = list(book[title].iter_rows(values_only=True))
    book.close()
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def stored(folder: Path, sql: str):
    db = sqlite3.connect(folder / "output" / "regsync.sqlite")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_one_report_where_people_who_registered_both_ways_are_one_participant(project, capsys):
    fill(project, LETTERS)
    assert main(["run"]) == 0
    people = {p["ФИО"]: p for p in sheet_rows(project.folder, "Участники")}
    # 3 form rows + 14 mail rows, two of them people who are in the form as well
    assert len(people) == 3 + 14 - 2
    assert people["Ким Алина Викторовна"]["Строки источника"] == (
        "form:2; mail:2025-03-10 09:15 zh.akhmetova@kaznu.example.kz:2")
    assert people["Серікова Дана Ерланқызы"]["Строки источника"] == (
        "form:3; mail:2025-03-11 15:02 n.seitov@enu.example.kz Қатысушылар тізімі.xlsx:5")
    # a row without an e-mail takes its letter's sender where the letter registers one
    # person: the teacher's own, or the student whose letter the dean's office forwarded
    assert people["Омаров Данияр Асланович"]["Эл. почта"] == "zh.akhmetova@kaznu.example.kz"
    assert people["Тулегенова Айгерим Маратовна"]["Эл. почта"] == "aigerim.t@example.kz"
    assert people["Абдрахманов Ерлан Серикович"]["Эл. почта"] == "erlan.abd@example.kz"
    review = [r for r in sheet_rows(project.folder, "Проверить")
              if r["Что проверить"] == "Письмо не прочитано"]
    assert [(r["Значение"], r["Строки"]) for r in review] == [
        ("Заявка на участие / Заявка_скан.pdf", "mail:2025-03-15 12:00 info@eco-college.example.kz"),
        ("Участники от КарТУ / КарТУ.xlsx", "mail:2025-03-19 10:10 nauka@kartu.example.kz"),
    ]
    assert review[0]["Подробности"].startswith("PDF (скан?)")
    err = capsys.readouterr().err
    assert "17 rows pulled (17 new" in err and "2 letters not read, on the review sheet" in err


def test_each_run_reads_only_new_letters_and_earlier_ones_never_vanish(project, capsys):
    fill(project, LETTERS[:2])
    assert main(["sync"]) == 0
    assert main(["sync"]) == 0
    fill(project, LETTERS[3:4])
    assert main(["sync"]) == 0
    runs = stored(project.folder, "SELECT pulled, new, vanished FROM runs ORDER BY id")
    # the form is pulled whole each time (3 rows); the mailbox gives only what is new
    assert runs == [(3 + 5, 3 + 5, 0), (3, 0, 0), (3 + 1, 1, 0)]
    assert stored(project.folder, "SELECT count(*) FROM responses WHERE source='mail' AND "
                                  "vanished_run IS NULL") == [(6,)]
    assert stored(project.folder, "SELECT uidvalidity > 0, last_uid FROM mailboxes") == [(1, 3)]


def test_a_renumbered_folder_adds_no_duplicates(project):
    folder = "Тіркелу"
    project.create(folder)
    config = project.folder / "config.toml"
    config.write_text(config.read_text() + f'folder = "{folder}"\n', encoding="utf-8")
    for letter in LETTERS[:3]:
        project.append(letter.read_bytes(), folder)
    assert main(["sync", "-q"]) == 0
    project.delete_folder(folder)
    project.create(folder)
    for letter in LETTERS[:5]:  # the same three again, and two new
        project.append(letter.read_bytes(), folder)
    assert main(["sync", "-q"]) == 0
    names = [n for (n,) in stored(project.folder, "SELECT json_extract(answers, '$[1]') FROM "
                                                  "responses WHERE source='mail'")]
    assert len(names) == len(set(names)) == 7 + 2


def test_a_failed_pull_stores_nothing(project, monkeypatch, capsys):
    fill(project, LETTERS[:2])
    assert main(["run", "-q"]) == 0
    report = (project.folder / "output" / "latest.xlsx").read_bytes()
    before = stored(project.folder, "SELECT count(*) FROM responses")
    fill(project, LETTERS[3:5])
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    assert main(["run"]) == 1
    error = capsys.readouterr().err.strip()
    assert error == (f"regsync: mailbox {project.user} on 127.0.0.1:{project.server.tls_port}: "
                     f"the server refused the login for {project.user} (wrong password in "
                     f"{PASSWORD_ENV}? Gmail needs an app password)")
    assert stored(project.folder, "SELECT count(*) FROM responses") == before
    assert stored(project.folder, "SELECT last_uid FROM mailboxes") == [(2,)]
    assert (project.folder / "output" / "latest.xlsx").read_bytes() == report
    monkeypatch.setenv(PASSWORD_ENV, project.password)
    assert main(["sync", "-q"]) == 0  # the letters missed are read by the next good run
    assert stored(project.folder, "SELECT count(*) FROM responses WHERE source='mail'") == [(7,)]


def test_check_says_what_a_run_would_read_and_changes_nothing(project, capsys):
    fill(project, LETTERS[:2])
    assert main(["sync", "-q"]) == 0
    fill(project, LETTERS[5:7])
    before = stored(project.folder, "SELECT count(*), max(id) FROM responses")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert f"source 'mail' (imap): {project.user} on 127.0.0.1:{project.server.tls_port} (TLS)" in out
    assert "  folder: INBOX (4 letters, UIDVALIDITY " in out
    assert "  new letters a run would read: 2 (read before: 2)" in out
    assert ("    2025-03-16 19:20 b.muratkyzy@kazntu.example.kz «PlastNet: тіркелу өтінімі»: "
            "2 registration(s) from text") in out
    assert ("    2025-03-15 12:00 info@eco-college.example.kz «Заявка на участие»: nothing to take\n"
            "      needs review: Заявка_скан.pdf: PDF (a scan?): type the participants in by hand") in out
    assert stored(project.folder, "SELECT count(*), max(id) FROM responses") == before


def test_a_decision_can_name_a_letters_row(project):
    fill(project, LETTERS[4:5])  # Омаров Данияр, in a reply
    (project.folder / "decisions.csv").write_text(
        "decision,row_a,row_b,note\n"
        'merge,form:4,"mail:2025-03-14 08:47 zh.akhmetova@kaznu.example.kz:1",confirmed by phone\n',
        encoding="utf-8")
    assert main(["run", "-q"]) == 0
    people = {p["ФИО"]: p for p in sheet_rows(project.folder, "Участники")}
    merged = [p for p in people.values() if "mail:" in p["Строки источника"]]
    assert [p["Строки источника"] for p in merged] == [
        "form:4; mail:2025-03-14 08:47 zh.akhmetova@kaznu.example.kz:1"]
