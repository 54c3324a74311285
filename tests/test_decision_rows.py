"""decisions.csv names rows as a report showed them: rows deleted or sorted in the sheet
afterwards never make a decision join other people (sync/decision_rows.py)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from sync.cli import main
from sync.commands.who import who
from sync.config import load_config
from sync.run import execute
from tests.conftest import FORM_HEADER, csv_text


def person(name: str, email: str, phone: str, institution: str = "КазНУ") -> list[str]:
    return ["2025/10/07 2:03:11 PM GMT+5", email, name, phone, institution, "Экология",
            "студент", "Алматы"]


VIKA = person("Ким Виктория", "vika.k@mail.ru", "87011110004", "КБТУ")
# two registrations each of two people, on other e-mails and phones: listed as possible
# duplicates, merged only by the organizer
ERLAN_1 = person("Байжанов Ерлан", "erlan.b@mail.ru", "87011110001")
ERLAN_2 = person("Байжанов Ерлан", "baizhanov.e@gmail.com", "87775550001")
AIDOS_1 = person("Омаров Айдос", "aidos.o@mail.ru", "87011110002")
AIDOS_2 = person("Омаров Айдос", "omarov.a@gmail.com", "87775550002")
MARIA = person("Сидорова Мария", "maria.s@mail.ru", "87011110003")
DAY = dt.timedelta(days=1)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.toml").write_text(
        '[[source]]\nname = "form"\ntype = "csv"\npath = "form.csv"\n', encoding="utf-8")
    return tmp_path


def sheet(folder, *rows) -> None:
    (folder / "form.csv").write_text(csv_text([FORM_HEADER, *rows]), encoding="utf-8")


def run(folder, when: dt.datetime) -> None:
    execute(load_config(folder / "config.toml"), "run", now=when)


def decide(folder, when: dt.datetime, *lines: str) -> None:
    """Append decision lines, saved at `when` (after that day's report)."""
    path = folder / "decisions.csv"
    text = path.read_text(encoding="utf-8") if path.exists() else "decision,row_a,row_b,note\n"
    path.write_text(text + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    os.utime(path, (when.timestamp(), when.timestamp()))


def registered(folder) -> list[str]:
    """The people `who` lists at КазНУ, as names."""
    lines = who(load_config(folder / "config.toml"), "КазНУ").splitlines()
    return sorted(line.split(". ", 1)[1].split(" (")[0] for line in lines[1:])


def test_a_merge_keeps_its_people_when_a_row_above_is_deleted_and_the_sheet_sorted(project):
    start = dt.datetime.now(dt.timezone.utc) - 5 * DAY
    sheet(project, VIKA, ERLAN_1, AIDOS_1, ERLAN_2, AIDOS_2)  # rows 2..6
    run(project, start)
    # the organizer looks at the first day's report: the Байжановы are rows 3 and 5
    decide(project, start + dt.timedelta(hours=2), "merge,form:3,form:5,same phone owner")
    assert sorted(registered(project)) == ["Байжанов Ерлан"] * 1 + ["Омаров Айдос"] * 2

    # day 2: Виктория's row is deleted, every row moves up; a new one comes at the end.
    # Row 3 and 5 are now the Омаровы: merging them would be a decision nobody took.
    sheet(project, ERLAN_1, AIDOS_1, ERLAN_2, AIDOS_2, MARIA)
    run(project, start + DAY)
    assert registered(project) == ["Байжанов Ерлан", "Омаров Айдос", "Омаров Айдос",
                                   "Сидорова Мария"]
    # looking at day 2's report, the organizer merges the Омаровы: also rows 3 and 5 now
    decide(project, start + DAY + dt.timedelta(hours=2), "merge,form:3,form:5,Айдос said so")
    run(project, start + 2 * DAY)
    assert registered(project) == ["Байжанов Ерлан", "Омаров Айдос", "Сидорова Мария"]

    # day 4: the sheet sorted the other way round; each line keeps the people it named
    sheet(project, MARIA, AIDOS_2, ERLAN_2, AIDOS_1, ERLAN_1)
    run(project, start + 3 * DAY)
    assert registered(project) == ["Байжанов Ерлан", "Омаров Айдос", "Сидорова Мария"]


def test_an_apart_written_before_a_deletion_keeps_the_namesakes_apart(project):
    start = dt.datetime.now(dt.timezone.utc) - 3 * DAY
    same = person("Байжанов Ерлан", "erlan.b@mail.ru", "87011110001")
    other_erlan = person("Байжанов Ерлан", "erlan.b@mail.ru", "87011110009")  # shares e-mail
    sheet(project, VIKA, same, other_erlan)
    run(project, start)
    assert registered(project) == ["Байжанов Ерлан"]  # one e-mail and name: one person
    decide(project, start + dt.timedelta(hours=1), "apart,form:3,form:4,father and son")
    sheet(project, same, other_erlan)  # Виктория deleted: they are rows 2 and 3 now
    run(project, start + DAY)
    assert registered(project) == ["Байжанов Ерлан", "Байжанов Ерлан"]


def test_a_row_added_after_the_last_report_is_named_as_the_sheet_numbers_it(project):
    start = dt.datetime.now(dt.timezone.utc) - 3 * DAY
    sheet(project, ERLAN_1, AIDOS_1)
    run(project, start)
    # seen in the sheet itself before the next run: row 4 is not in any report yet
    sheet(project, ERLAN_1, AIDOS_1, ERLAN_2)
    decide(project, start + dt.timedelta(hours=1), "merge,form:2,form:4")
    run(project, start + DAY)
    assert registered(project) == ["Байжанов Ерлан", "Омаров Айдос"]


def test_check_says_which_decisions_cannot_be_used_and_which_change_an_earlier_one(
        project, capsys):
    start = dt.datetime.now(dt.timezone.utc) - 3 * DAY
    sheet(project, ERLAN_1, AIDOS_1, ERLAN_2)
    run(project, start)
    sheet(project, ERLAN_1, AIDOS_1, ERLAN_2, MARIA)  # row 5: in the sheet, not stored yet
    decide(project, start + dt.timedelta(hours=1), "merge,form:2,form:4", "apart,form:3,form:9",
           "apart,form:3,form:5", "apart,form:4,form:2,no: brothers")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "row 3: form:9 is not a row of its source (a typo?); this decision is not used" in out
    assert "form:5" not in out  # added since the last run: a run finds it
    assert "row 5: apart form:2, form:4 replaces row 2's merge (the later line is used)" in out
    assert main(["run"]) == 0
    assert "decisions.csv: row 3: form:9 is not a row" in capsys.readouterr().err
    assert registered(project) == ["Байжанов Ерлан", "Байжанов Ерлан", "Омаров Айдос",
                                   "Сидорова Мария"]


def test_check_sees_a_line_that_changes_an_earlier_one_written_before_rows_moved(
        project, capsys):
    start = dt.datetime.now(dt.timezone.utc) - 3 * DAY
    sheet(project, VIKA, ERLAN_1, ERLAN_2)
    run(project, start)
    decide(project, start + dt.timedelta(hours=1), "merge,form:3,form:4")
    sheet(project, ERLAN_1, ERLAN_2)  # Виктория deleted: the Байжановы are rows 2 and 3
    run(project, start + DAY)
    decide(project, start + DAY + dt.timedelta(hours=1), "apart,form:2,form:3,brothers")
    assert main(["check"]) == 0
    assert "row 3: apart form:2, form:3 replaces row 2's merge (the later line is used)" in \
        capsys.readouterr().out


def test_check_warns_when_the_decisions_file_it_was_told_about_is_missing(project, capsys):
    config = project / "config.toml"
    config.write_text(config.read_text(encoding="utf-8")
                      + '\n[dedup]\ndecisions = "решения.csv"\n', encoding="utf-8")
    sheet(project, ERLAN_1)
    assert main(["check"]) == 0
    assert "решения.csv: not there (named under [dedup]), so none are used" in \
        capsys.readouterr().out


def test_a_file_saved_in_the_second_a_run_started_counts_as_saved_after_it(tmp_path):
    """Runs record their start to the second: a save half a second after a start, in the
    same second, is after that run's report (as a quick organizer or a script does it)."""
    from sync.decision_rows import saved_moment

    path = tmp_path / "decisions.csv"
    path.write_text("decision,row_a,row_b,note\n", encoding="utf-8")
    started = dt.datetime(2026, 3, 2, 10, 37, 49, tzinfo=dt.timezone.utc)
    os.utime(path, (started.timestamp() + 0.5, started.timestamp() + 0.5))
    assert saved_moment(path) > started.isoformat(timespec="seconds")


def test_a_decision_names_one_of_the_people_a_row_lists_and_keeps_naming_them(project):
    """A teacher typed two pupils into one answer: "form:3/1" is the first of them, and
    stays so when a row above is deleted."""
    start = dt.datetime.now(dt.timezone.utc) - 3 * DAY
    group = person("Байжанов Ерлан, Омаров Айдос", "teacher@mail.ru", "87015550000")
    # Ерлан registered himself too, saying no specialty: only the organizer can tell
    erlan = ERLAN_2[:5] + [""] + ERLAN_2[6:]
    sheet(project, VIKA, group, erlan)  # rows 2..4
    run(project, start)
    assert registered(project) == ["Байжанов Ерлан", "Байжанов Ерлан", "Омаров Айдос"]
    decide(project, start + dt.timedelta(hours=1), "merge,form:3/1,form:4,the same boy")
    sheet(project, group, erlan)  # Виктория deleted: the group is row 2 now
    run(project, start + DAY)
    assert registered(project) == ["Байжанов Ерлан", "Омаров Айдос"]
