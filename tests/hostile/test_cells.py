"""Hostile cell contents through the real CLI: the run succeeds, nobody is lost, the workbook is clean."""

from __future__ import annotations

import unicodedata

import pytest

from tests.hostile.conftest import (
    FORM_HEADER,
    ORDINARY_ROWS,
    assert_clean_success,
    participant_source_rows,
    run_after_a_good_run,
    run_cli,
)

LONG_10K = "Очень длинный ответ " * 500  # 10,000 characters: fits a cell
LONG_40K = "x" * 40_000  # over Excel's 32,767 per cell: must be cut, not crash the writer
HOSTILE_CELLS = [
    pytest.param('=HYPERLINK("http://evil.example","click")', id="hyperlink"),
    pytest.param("=1+1", id="formula"),
    pytest.param("+1+1", id="plus"),
    pytest.param("-2+3", id="minus"),
    pytest.param("@SUM(A1)", id="at-sum"),
    pytest.param("#N/A", id="error-na"),
    pytest.param("#DIV/0!", id="error-div0"),
    pytest.param("#NAME?", id="error-name"),
    pytest.param("=cmd|' /C calc'!A0", id="dde"),
    pytest.param(LONG_10K, id="10k"),
    pytest.param(LONG_40K, id="40k"),
    pytest.param("Ким\x00Виктория", id="nul"),
    pytest.param("Ким\x07Виктория\x1b[31m", id="bel-esc"),
    pytest.param("".join(chr(c) for c in range(32)) + "Ким", id="all-c0"),
    pytest.param("Ким\x7f\x85Виктория", id="del-c1"),
    pytest.param("\u202eакиротиВ миК", id="rtl-override"),
    pytest.param("Ким\u200b\u200cВиктория\ufeff", id="zero-width"),
    pytest.param("Ким 🙂 Виктория 👩‍🔬", id="emoji"),
    pytest.param("𝐀𝐢𝐠𝐞𝐫𝐢𝐦 𝐒𝐦𝐚𝐠𝐮𝐥𝐨𝐯𝐚", id="math-letters"),
    pytest.param("Ким\nВиктория\r\nСергеевна", id="multi-line"),
    pytest.param("\ufffe\uffff\ud7ff", id="non-characters"),
]


def _grid_with(cell: str) -> list[list[str]]:
    """The hostile text in every answer column of one row, beside the ordinary respondents."""
    hostile_row = ["2025/10/09 9:00:00 AM GMT+5", cell, cell, cell, cell, cell, cell, cell]
    return [FORM_HEADER, *ORDINARY_ROWS, hostile_row, ["", "", "x " + cell, "", "", "", "", ""]]


def _crowd_with(cell: str, size: int = 40) -> list[list[str]]:
    """One hostile name among many ordinary respondents, as in a real export."""
    crowd = [[f"2025/10/07 9:{m % 60:02d}:00 AM GMT+5", f"person{m}.test@example.org",
              f"Тестова Участница {m}", "", "КазНУ", "Экология", "студент", "Алматы"]
             for m in range(size)]
    hostile = ["2025/10/09 9:00:00 AM GMT+5", "", cell, "", "КазНУ", "", "студент", ""]
    return [FORM_HEADER, *ORDINARY_ROWS, *crowd, hostile]


@pytest.mark.parametrize("cell", HOSTILE_CELLS)
def test_hostile_text_in_every_column_ends_clean_either_way(project, capsys, cell):
    grid = _grid_with(cell)
    code, _ = run_after_a_good_run(project, capsys, lambda: project.write_csv(grid))
    if code == 0:
        assert_clean_success(project, grid)


CONTROL_CELLS = [c for c in HOSTILE_CELLS if c.id in ("nul", "bel-esc", "all-c0", "del-c1")]


# A file crowded with control characters may be refused as binary (a clean failure); one such
# answer among many ordinary ones is a typing accident and must be reported, cleaned.
@pytest.mark.parametrize("cell", CONTROL_CELLS)
def test_one_hostile_answer_in_a_real_export_is_reported_with_everyone(project, capsys, cell):
    grid = _crowd_with(cell)
    project.write_csv(grid)
    code, _, err = run_cli(capsys, "run")
    assert code == 0, err
    assert_clean_success(project, grid)


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil.example","click")', "@SUM(A1)",
                                  "=cmd|' /C calc'!A0"])
def test_formula_looking_text_is_shown_as_typed(project, capsys, cell):
    grid = _grid_with(cell)
    project.write_csv(grid)
    assert run_cli(capsys, "run")[0] == 0
    book = assert_clean_success(project, grid)
    values = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert any(isinstance(v, str) and cell in v for v in values)


def test_nfc_and_nfd_spellings_with_one_email_are_one_person(project, capsys):
    name = "Әлия Жұмабаева Йоғұрт"
    nfc, nfd = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    assert nfc != nfd
    base = ["КазНУ", "Экология", "студент", "Алматы"]
    grid = [FORM_HEADER,
            ["2025/10/07 9:00:00 AM GMT+5", "aliya.test@example.org", nfc, "+77011112233", *base],
            ["2025/10/08 9:00:00 AM GMT+5", "aliya.test@example.org", nfd, "+77011112233", *base]]
    project.write_csv(grid)
    assert run_cli(capsys, "run")[0] == 0
    book = assert_clean_success(project, grid)
    assert participant_source_rows(book) == [["form:2", "form:3"]]
