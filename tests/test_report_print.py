"""The workbook prints: A4, each sheet's orientation, as wide as the page, the header again on
every page, a footer with page numbers and the report's date, nothing cut by a page's end."""

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from reports import layout, write_report
from reports.tables import Block, Chart
from tests.test_question_summary import sessions_data
from tests.test_report import data as report_data, participants


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "report.xlsx"
    write_report(sessions_data(), path)
    return openpyxl.load_workbook(path)


def test_every_sheet_on_a4_as_wide_as_its_page(book):
    for ws in book.worksheets:
        setup = ws.page_setup
        assert setup.paperSize == 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert setup.fitToHeight == 0 and setup.fitToWidth >= 1, ws.title
        footer = ws.oddFooter
        assert footer.left.text == "&A" and footer.center.text == "Стр. &P из &N", ws.title
        assert footer.right.text == "Регистрации PlastNet, 09.10.2025", ws.title


@pytest.mark.parametrize("sheet, orientation, rows, columns", [
    ("Сводка", "landscape", None, None),
    ("Участники", "landscape", "$1:$1", "$A:$A"),
    ("По вузам", "landscape", "$1:$1", "$A:$A"),
    ("Вуз x специальность", "landscape", "$1:$1", "$A:$A"),
    ("Регистрация – Секция 1", "portrait", "$3:$3", None),
    ("Проверить", "landscape", "$1:$1", None),
    ("По дням", "portrait", "$1:$1", None),
])
def test_orientation_and_rows_printed_on_every_page(book, sheet, orientation, rows, columns):
    ws = book[sheet]
    assert ws.page_setup.orientation == orientation
    assert ws.print_title_rows == rows
    assert ws.print_title_cols == columns


def test_header_cells_wrap_and_widths_come_from_content(book):
    ws = book["Участники"]
    assert all(cell.alignment.wrap_text and cell.font.b for cell in ws[1])
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEFGHIJ"}
    assert max(widths.values()) <= 40
    # a phone column is narrower than the name column, both from what they hold
    assert widths["C"] < widths["A"] or widths["C"] < widths["D"]


def test_long_names_wrap_and_rows_grow(tmp_path):
    frame = participants()
    frame.loc[1, "institution"] = ("Казахский национальный исследовательский технический "
                                   "университет имени К. И. Сатпаева")
    path = tmp_path / "report.xlsx"
    write_report(report_data(participants=frame), path)
    ws = openpyxl.load_workbook(path)["По вузам"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value.startswith("Казахский"))
    assert ws[f"A{row}"].alignment.wrap_text
    assert ws.row_dimensions[row].height >= 2 * layout.LINE_POINTS


def test_a_wide_matrix_prints_over_pages_across_with_the_institution_on_each(tmp_path):
    frame = pd.concat([participants()] * 15, ignore_index=True)
    frame["specialty"] = [f"Специальность номер {i}" for i in range(len(frame))]
    frame["participant_id"] = [f"form:{i}" for i in range(len(frame))]
    path = tmp_path / "report.xlsx"
    write_report(report_data(participants=frame), path)
    ws = openpyxl.load_workbook(path)["Вуз x специальность"]
    assert ws.max_column == 43  # the institution, 40 specialties, "…" (the rest), the total
    assert ws.page_setup.fitToWidth >= 3
    assert ws.print_title_cols == "$A:$A"


# --- the layout itself ------------------------------------------------------------------------

def block(n_rows: int, title: str | None = "t") -> Block:
    return Block(["a", "b"], [[str(i), i] for i in range(n_rows)], n_rows, title=title)


def one_line(index, rows):
    return {}


def test_the_next_block_goes_below_a_taller_chart():
    charts = [Chart("pie", "x", 0, height_cm=7.5)]
    placed = layout.place([block(3), block(3)], charts, one_line, "landscape", False)
    first, second = placed.blocks
    assert placed.chart_rows == [first.top]
    chart_rows = 7.5 * layout.POINTS_PER_CM / layout.LINE_POINTS
    assert second.top - first.top >= chart_rows + layout.GAP_ROWS


def test_a_unit_that_would_cross_a_page_end_starts_the_next_page():
    page_rows = layout.page_height_points("landscape") / layout.LINE_POINTS
    blocks = [block(int(page_rows) - 10), block(20)]
    placed = layout.place(blocks, [], one_line, "landscape", True)
    second = placed.blocks[1]
    assert placed.row_breaks == [second.top - 1]


def test_a_unit_longer_than_a_page_breaks_by_itself_and_the_next_still_fits():
    page_rows = int(layout.page_height_points("portrait") / layout.LINE_POINTS)
    blocks = [block(3), block(page_rows * 2), block(5)]
    placed = layout.place(blocks, [], one_line, "portrait", True)
    assert placed.row_breaks[0] == placed.blocks[1].top - 1
    assert all(b < placed.blocks[2].top for b in placed.row_breaks)


@pytest.mark.parametrize("widths, orientation, pages", [
    ([30, 20, 20], "landscape", 1),
    ([40] * 6, "landscape", 2),  # 240 characters: more than a page at 70 %
    ([40] + [12] * 41, "landscape", 4),
])
def test_pages_across(widths, orientation, pages):
    assert layout.pages_wide(widths, orientation, repeat_columns=1) == pages


def test_widths_from_content_sample_a_long_column_and_keep_a_cap():
    column = ["x" * 5] * 100_000
    widths = layout.fit_widths(["Заголовок столбца", "b"], [column, [dt.datetime(2025, 1, 1)]])
    assert widths[0] == round(len("Заголовок") * layout.BOLD + layout.PADDING, 1)
    assert widths[1] == 16 + layout.PADDING
    assert layout.fit_widths(["a"], [["z" * 90]], cap=40) == [40]
