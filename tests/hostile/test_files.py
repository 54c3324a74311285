"""Hostile files through the real CLI: odd shapes, odd encodings, not-a-table files.

Each case follows a good run: it either succeeds with every answer row in the report and
the workbook clean, or fails with one line and changes nothing.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from tests.hostile.conftest import (
    FORM_HEADER,
    ORDINARY_ROWS,
    assert_clean_success,
    run_after_a_good_run,
)

NAME_COLUMN = 0  # "Full name" on the Participants sheet


def _names_in(book) -> set[frozenset[str]]:
    """Each participant's name as its words (a two-word name may be shown surname first)."""
    return {frozenset(row[NAME_COLUMN].split())
            for row in book["Participants"].iter_rows(min_row=2, values_only=True)}


def _as_words(names: list[str]) -> set[frozenset[str]]:
    return {frozenset(name.split()) for name in names}


SHAPES = [
    pytest.param([["ФИО", "ФИО", "Курс", "Курс"], ["Ким Виктория", "Ким В.", "2", "3"]],
                 id="duplicated-headers"),
    pytest.param([["ФИО", "Курс (2)", "Курс", "Курс"], ["Ким Виктория", "a", "b", "c"]],
                 id="duplicate-collides-with-its-new-name"),
    pytest.param([["ФИО", "", "", "Город"], ["Ким Виктория", "x", "y", "Алматы"]], id="blank-headers"),
    pytest.param([["ФИО", "Column 2", ""], ["Ким Виктория", "a", "b"]], id="blank-header-collides"),
    pytest.param([FORM_HEADER, ORDINARY_ROWS[0][:3], ORDINARY_ROWS[1][:1]], id="short-rows"),
    pytest.param([FORM_HEADER, ORDINARY_ROWS[0] + ["лишнее", "ещё"], ORDINARY_ROWS[1] + [""] * 5],
                 id="long-rows"),
    pytest.param([FORM_HEADER, [], ORDINARY_ROWS[0], [""] * 8, [" ", "\t"], ORDINARY_ROWS[1], []],
                 id="blank-rows"),
    pytest.param([FORM_HEADER], id="header-only"),
    pytest.param([FORM_HEADER, [""] * 8, []], id="header-and-blank-rows"),
    pytest.param([[""] * 8, FORM_HEADER, ORDINARY_ROWS[0]], id="blank-first-row"),
    pytest.param([["Город", "Курс"], ["Алматы", "2"]], id="no-name-column"),
]


@pytest.mark.parametrize("grid", SHAPES)
def test_odd_shapes_end_clean(project, capsys, grid):
    code, _ = run_after_a_good_run(project, capsys, lambda: project.write_csv(grid))
    if code == 0:
        assert_clean_success(project, grid)


def test_every_answer_survives_a_header_that_looks_renamed(project, capsys):
    grid = [["ФИО", "Курс (2)", "Курс", "Курс"], ["Ким Виктория", "first", "second", "third"]]
    code, _ = run_after_a_good_run(project, capsys, lambda: project.write_csv(grid))
    assert code == 0
    book = assert_clean_success(project, grid)
    row = next(r for r in book["Participants"].iter_rows(min_row=2, values_only=True)
               if r[0] == "Ким Виктория")
    assert {"first", "second", "third"} <= set(row)


def _xlsx_bytes(grid) -> bytes:
    book = openpyxl.Workbook()
    for row in grid:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_GRID = [FORM_HEADER, *ORDINARY_ROWS]
BROKEN_FILES = [
    pytest.param(b"", "csv", id="empty"),
    pytest.param(b"\xef\xbb\xbf", "csv", id="bom-only"),
    pytest.param(b"\r\n\r\n  \r\n", "csv", id="only-newlines"),
    pytest.param(bytes(range(256)) * 64, "csv", id="binary"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(2000), "csv", id="png"),
    pytest.param(_xlsx_bytes(GOOD_GRID), "csv", id="xlsx-named-csv"),
    pytest.param(_xlsx_bytes(GOOD_GRID)[:1500], "xlsx", id="truncated-xlsx"),
    pytest.param(_xlsx_bytes(GOOD_GRID)[:-200], "xlsx", id="xlsx-missing-its-end"),
    pytest.param(b"PK\x03\x04" + bytes(500), "xlsx", id="zip-magic-only"),
    pytest.param(b'"unterminated,quote\r\n"still,open' + b"x" * 200, "csv", id="open-quote"),
]


@pytest.mark.parametrize("data, kind", BROKEN_FILES)
def test_broken_files_fail_in_one_line_and_change_nothing(project, capsys, data, kind):
    code, err = run_after_a_good_run(project, capsys, lambda: project.write_source(data, kind))
    assert code == 1
    assert "form." in err  # the message names the file


# Names in each encoding's alphabet, so the file is valid in it.
ENCODED = [
    pytest.param("koi8-r", ["Смагулова Айгерим", "Иванов Иван"], id="koi8-r"),
    pytest.param("cp866", ["Смагулова Айгерим", "Иванов Иван"], id="cp866"),
    pytest.param("latin-1", ["José Müller", "Zoë Ångström"], id="latin-1"),
    pytest.param("cp1251", ["Смагулова Айгерим", "Иванов Иван"], id="cp1251"),
    pytest.param("utf-16", ["Смагулова Айгерим", "Әлия Жұмабаева"], id="utf-16"),
]


def _encoded_grid(names: list[str]) -> list[list[str]]:
    return [["Full name", "City"], *[[name, "Almaty"] for name in names]]


@pytest.mark.parametrize("encoding, names", [p for p in ENCODED if p.id != "latin-1"])
def test_other_encodings_are_read_right_or_refused(project, capsys, encoding, names):
    grid = _encoded_grid(names)
    code, _ = run_after_a_good_run(
        project, capsys, lambda: project.write_csv(grid, encoding=encoding, delimiter=";"))
    if code == 0:  # never mojibake: what is reported is what was typed
        assert _as_words(names) <= _names_in(assert_clean_success(project, grid))


def test_latin1_with_accents_is_read_right_or_refused(project, capsys):
    names = ["José Müller", "Zoë Ångström"]
    grid = _encoded_grid(names)
    code, _ = run_after_a_good_run(
        project, capsys, lambda: project.write_csv(grid, encoding="latin-1", delimiter=";"))
    if code == 0:
        assert _as_words(names) <= _names_in(assert_clean_success(project, grid))


# --- files made to exhaust the machine: refused before memory grows -------------------------

def _zip_bomb() -> bytes:
    """An .xlsx whose sheet unpacks to 120 MB from a few hundred KB: padding in its XML."""
    real = _xlsx_bytes(GOOD_GRID)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(real)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * 120_000_000, 1)
            bomb.writestr(item, data)
    return out.getvalue()


def test_an_archive_that_unpacks_to_gigabytes_is_refused_unopened(project, capsys):
    code, err = run_after_a_good_run(project, capsys,
                                     lambda: project.write_source(_zip_bomb(), "xlsx"))
    assert code == 1 and "would unpack to" in err and "form.xlsx" in err


def test_ten_thousand_columns_are_refused_at_the_row_that_has_them(project, capsys):
    wide = [["ФИО", *(f"Вопрос {i}" for i in range(10_000))], ["Ким Виктория", *"x" * 10_000]]
    code, err = run_after_a_good_run(project, capsys, lambda: project.write_csv(wide))
    assert code == 1 and "row 1 has 10,001 columns" in err


def test_columns_saved_empty_by_a_spreadsheet_are_not_questions(project, capsys):
    """Excel saves whole empty columns as trailing separators: 20,000 of them are nothing."""
    grid = [[*FORM_HEADER, *[""] * 20_000], *[[*row, *[""] * 20_000] for row in ORDINARY_ROWS]]
    code, _ = run_after_a_good_run(project, capsys, lambda: project.write_csv(grid))
    assert code == 0
    assert_clean_success(project, GOOD_GRID)


def test_an_answer_of_over_a_megabyte_is_refused_naming_its_row(project, capsys):
    """(A workbook cannot carry one: openpyxl reads at most Excel's 32,767 characters.)"""
    grid = [*GOOD_GRID, ["", "", "Ким Виктория", "", "x" * (1024 * 1024 + 1), "", "", ""]]
    code, err = run_after_a_good_run(project, capsys, lambda: project.write_csv(grid))
    assert code == 1 and "longer than 1,024 KB" in err
    assert "row 4" in err


def test_formulas_without_saved_values_are_kept_as_typed_not_dropped(project, capsys):
    """openpyxl (and other programs that write .xlsx) save formulas without their values:
    such a row used to come back blank and be dropped. It is kept, its formula shown as text,
    and the run says which rows."""
    grid = [*GOOD_GRID, ["=TODAY()", "=B2", '=CONCAT("Ким ","Виктория")',
                         "", "=E2", "", "", ""]]
    code, err = run_after_a_good_run(project, capsys,
                                     lambda: project.write_source(_xlsx_bytes(grid), "xlsx"))
    assert code == 0
    assert "row(s) 4 hold formulas without saved values" in err
    book = assert_clean_success(project, grid)  # no formula written back; everyone there
    names = [row[0] for row in book["Participants"].iter_rows(min_row=2, values_only=True)]
    assert any("Concat" in name for name in names)  # what was typed, cleaned as a name
