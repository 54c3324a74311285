"""Rows streamed as XML read back exactly as openpyxl would have written them."""

import datetime as dt
import math

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.safety import clean_cell
from reports.sheetxml import excel_serial, row_xml
from reports.tables import Block, SheetSpec
from reports.xlsx import write_workbook


@pytest.mark.parametrize("value, serial", [
    (dt.datetime(1899, 12, 31), 1.0),
    (dt.datetime(1900, 3, 1), 61.0),  # after Excel's phantom 29 Feb 1900
    (dt.datetime(2025, 10, 7, 12, 0), 45937.5),
    (dt.date(2025, 10, 7), 45937.0),
])
def test_excel_serial(value, serial):
    assert math.isclose(excel_serial(value), serial)


def test_cells_of_each_kind():
    (row,) = row_xml([["a & <b>", 7, 1.5, None, "", float("nan"), True,
                       dt.datetime(2025, 10, 7, 12, 0), "=1+1"]], 2, (), 5, 6)
    assert row == (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a &amp; &lt;b&gt;</t></is></c>'
        '<c r="B2"><v>7</v></c><c r="C2"><v>1.5</v></c><c r="G2" t="b"><v>1</v></c>'
        '<c r="H2" s="5"><v>45937.5</v></c>'
        '<c r="I2" t="inlineStr"><is><t>=1+1</t></is></c></row>')


@pytest.mark.parametrize("texts, preserved", [
    (["Иванов", "", "a  b", "two\nlines"], False),
    (["Иванов", " leading"], True),
    (["trailing ", "Иванов"], True),
    (["\nfirst line empty"], True),
    (["last line empty\n", ""], True),
])
def test_spaces_at_either_end_are_kept_where_a_column_has_them(texts, preserved):
    """Spreadsheets drop what <t> starts or ends with unless it says xml:space="preserve"."""
    (chunk,) = row_xml([[text] for text in texts], 2, (), 5, 6)
    assert ('xml:space="preserve"' in chunk) == preserved
    (mixed,) = row_xml([[text] for text in texts] + [[7]], 2, (), 5, 6)  # cell by cell
    assert ('xml:space="preserve"' in mixed) == preserved


def test_numbers_in_text_columns_are_text():
    (row,) = row_xml([[87074289378]], 2, (0,), 5, 6)
    assert 't="inlineStr"' in row and "87074289378" in row


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.one_of(st.text(max_size=40), st.integers(-10**9, 10**9)),
                         min_size=3, max_size=3), min_size=1, max_size=20))
def test_streamed_rows_read_back(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("x") / "book.xlsx"
    spec = SheetSpec("Лист", [Block(["a", "b", "c"], rows, len(rows))], as_table=True)
    write_workbook([spec], path, "ru")
    back = list(openpyxl.load_workbook(path)["Лист"].iter_rows(min_row=2, values_only=True))
    expected = [tuple(None if v == "" else clean_cell(v) if isinstance(v, str) else v
                      for v in row) for row in rows]
    # openpyxl drops trailing empty rows; compare what is there
    assert back == expected[:len(back)]
    assert all(all(v is None for v in row) for row in expected[len(back):])
