"""decisions.csv: loading, and validation with file and row in the message."""

from __future__ import annotations

import pytest

from sync.decisions import Decisions, as_written, read_decisions
from sync.errors import ConfigError

HEADER = "decision,row_a,row_b,note\n"


def load_decisions(path):
    return as_written(read_decisions(path))


def test_missing_file_means_no_decisions(tmp_path):
    assert load_decisions(tmp_path / "decisions.csv") == Decisions()


@pytest.mark.parametrize("lines, expected", [
    (["merge,form:5,email:3,same person"], Decisions(merge=frozenset({("email:3", "form:5")}))),
    (["APART, form:5 , form:17,"], Decisions(apart=frozenset({("form:17", "form:5")}))),
    (["merge,form:5,form:17", "apart,form:17,form:5,changed my mind"],
     Decisions(apart=frozenset({("form:17", "form:5")}))),
    (["merge,Google Form: 2024:5,email:3"],
     Decisions(merge=frozenset({("Google Form: 2024:5", "email:3")}))),
    (["", "merge,form:2,form:3"], Decisions(merge=frozenset({("form:2", "form:3")}))),
])
def test_load(tmp_path, lines, expected):
    path = tmp_path / "decisions.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    assert load_decisions(path) == expected


@pytest.mark.parametrize("encoding, separator", [
    ("cp1251", ";"),  # Excel on a Russian Windows
    ("cp1251", ","),
    ("utf-8-sig", ";"),
    ("utf-8", ","),
])
def test_a_file_saved_by_a_spreadsheet_is_read(tmp_path, encoding, separator):
    path = tmp_path / "decisions.csv"
    text = "decision,row_a,row_b,note\nmerge,form:5,email:3,одна и та же\n"
    path.write_bytes(text.replace(",", separator).encode(encoding))
    assert load_decisions(path).merge == frozenset({("email:3", "form:5")})


@pytest.mark.parametrize("text, message", [
    ("kind,a,b\nmerge,form:2,form:3\n", "row 1: header must be decision,row_a,row_b,note"),
    ("", "row 1: header must be"),
    (HEADER + "merge,form:2,form:3\njoin,form:2,form:3\n", 'row 3: decision "join"'),
    (HEADER + "merge,form:2\n", "row 2: expected decision,row_a,row_b,note"),
    (HEADER + "merge,form,form:3\n", 'row 2: "form" is not a response reference'),
    (HEADER + "merge,form:0,form:3\n", 'row 2: "form:0" is not a response reference'),
    (HEADER + "apart,form:3,form:3\n", 'row 2: "form:3" is paired with itself'),
])
def test_bad_file_names_file_and_row(tmp_path, text, message):
    path = tmp_path / "decisions.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_decisions(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_decisions_naming_rows_the_sources_do_not_have_are_reported_by_check_and_run(
        tmp_path, monkeypatch, capsys):
    from sync.cli import main
    from tests.conftest import FORM_HEADER, csv_text

    monkeypatch.chdir(tmp_path)
    person = ["2025/10/07 2:03:11 PM GMT+5", "a@mail.ru", "Петрова Анна", "", "КазНУ", "", "", ""]
    (tmp_path / "form.csv").write_text(csv_text([FORM_HEADER, person, person]), encoding="utf-8")
    (tmp_path / "config.toml").write_text(
        '[[source]]\nname = "form"\ntype = "csv"\npath = "form.csv"\n', encoding="utf-8")
    (tmp_path / "decisions.csv").write_text(
        "decision,row_a,row_b,note\nmerge,form:2,form:3,\napart,form:2,form:99,typo\n",
        encoding="utf-8")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "decisions" in out and "2 pair(s)" in out
    assert "row 3: form:99 is not a row of its source now" in out
    assert "form:2 is not" not in out
    assert main(["run"]) == 0
    assert "decisions.csv: row 3: form:99 is not a row" in capsys.readouterr().err
