"""The published tabs: the workbook's own tables, cell for cell, as values Sheets keeps RAW."""

import dataclasses
import datetime as dt
import math

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import write_report
from reports.labels import label
from reports.safety import EXCEL_CELL_LIMIT, clean_cell
from reports.question_summary import questions_sheets, read_questions
from reports.tables import Block, SheetSpec, localized
from sync.publish.tabs import (MAX_TITLE, SHARED_SHEETS, TIME_FORMAT, cell, published_tabs,
                               tab_content, tab_title)
from tests.test_report import data as report_data


def _as_published(value):
    """A workbook cell as the published tab holds it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime(TIME_FORMAT)
    return value


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_tabs_are_the_workbooks_sheets_cell_for_cell(tmp_path, language):
    data = report_data(language)
    write_report(data, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(tmp_path / "report.xlsx")
    tabs = published_tabs(data)
    assert [t.title for t in tabs] == [label(key, language) for key in (
        "sheet.participants", "sheet.by_institution", "sheet.by_specialty", "sheet.questions")]
    for tab in tabs[:3]:  # the lists; the questions' tab has no charts to leave room for
        sheet = [[_as_published(v) for v in row] for row in book[tab.title].iter_rows(values_only=True)]
        width = max(len(row) for row in tab.rows)
        assert [row + [""] * (width - len(row)) for row in tab.rows] == sheet, tab.title


def test_every_shared_sheet_has_a_role_of_its_own():
    roles = [role for roles, _ in SHARED_SHEETS for role in roles]
    assert len(set(roles)) == len(roles) and all(":" not in role for role in roles)


def test_lists_have_a_header_row_to_freeze_and_filter():
    tabs = published_tabs(report_data(), per_institution=True)
    assert all(tab.header_row for tab in tabs if tab.role not in ("questions", "sessions"))


def test_the_questions_tab_counts_every_question_as_the_workbook_does():
    """Google Forms' own Summary tab, cleaned: options per question over unique participants,
    shares written as the workbook shows them."""
    base = report_data()
    people = base.participants.assign(**{"q: Формат участия": ["Онлайн", "Очно", "Онлайн", "Онлайн"]})
    data = dataclasses.replace(base, participants=people,
                               extra_columns=(*base.extra_columns, "q: Формат участия"))
    (questions,) = [t for t in published_tabs(data) if t.role == "questions"]
    spec = questions_sheets(data, localized(data.participants, data),
                            read_questions(data, localized(data.participants, data)))[0]
    expected = [row for block in spec.blocks for row in block.rows]
    counted = [row for row in questions.rows if len(row) == 3 and isinstance(row[1], int)]
    assert counted and [row[:2] for row in counted] == [list(row[:2]) for row in expected]
    assert all(row[2].endswith(" %") for row in counted)


def test_one_tab_per_institution_when_asked():
    data = report_data()
    tabs = published_tabs(data, per_institution=True)
    institutions = {t.role: t for t in tabs if t.role.startswith("institution:")}
    assert list(institutions) == ["institution:ЕНУ", "institution:КазНУ", "institution:Колледж №5"]
    kaznu = institutions["institution:КазНУ"]
    assert kaznu.title == "КазНУ" and len(kaznu.rows) == 1 + 2  # the header and its two people
    assert {row[3] for row in kaznu.rows[1:]} == {"КазНУ"}
    everyone = sum(len(t.rows) - 1 for t in institutions.values())
    assert everyone == len(data.participants)  # each person on exactly one institution's tab


def test_blocks_are_laid_out_as_in_the_workbook():
    spec = SheetSpec("Вопросы", [Block(["Формат", "Участников"], [["Онлайн", 3]], 1, title="Формат участия"),
                                 Block(["Секция", "Участников"], [["Пластик", 2]], 1)])
    assert tab_content("questions", spec).rows == [
        ["Формат участия"], ["Формат", "Участников"], ["Онлайн", 3], [],
        ["Секция", "Участников"], ["Пластик", 2]]


@pytest.mark.parametrize("value, as_text, expected", [
    # respondents' text stays exactly what was typed, formula-looking or not
    ('=HYPERLINK("http://evil.example","click")', False, '=HYPERLINK("http://evil.example","click")'),
    ("+7 701 000 0001", False, "+7 701 000 0001"),
    ("@SUM(A1)", False, "@SUM(A1)"),
    ("Жұмабеков Нұрлан", False, "Жұмабеков Нұрлан"),
    ("O'Neil, John", False, "O'Neil, John"),
    ("строка\r\nвторая\x00", False, "строка\nвторая"),  # as the workbook cleans it
    # numbers stay numbers, except in text columns (phones, codes, row references)
    (35, False, 35),
    (np.int64(35), False, 35),
    (2.5, False, 2.5),
    (87074289378, True, "87074289378"),
    (True, False, True),
    (np.bool_(False), False, False),
    # times as text that sorts by time; nothing for what is missing
    (dt.datetime(2025, 10, 7, 14, 3, 11), False, "2025-10-07 14:03"),
    (pd.Timestamp("2025-03-01 00:00"), False, "2025-03-01 00:00"),
    (dt.date(2025, 10, 7), False, "2025-10-07"),
    (None, False, ""),
    (pd.NaT, False, ""),
    (math.nan, False, ""),
    (math.inf, False, ""),
])
def test_cells(value, as_text, expected):
    got = cell(value, as_text)
    assert got == expected and type(got) is type(expected)


def test_a_cell_longer_than_the_workbook_holds_is_cut_the_same_way():
    text = "Ә" * (EXCEL_CELL_LIMIT + 10)
    assert cell(text) == clean_cell(text) and len(cell(text)) == EXCEL_CELL_LIMIT


@given(st.text())
def test_any_text_is_published_as_the_workbook_stores_it(text):
    assert cell(text) == clean_cell(text)


@pytest.mark.parametrize("name, title", [
    ("КазНУ им. аль-Фараби", "КазНУ им. аль-Фараби"),
    ("  Satbayev\n University\t", "Satbayev University"),
    ("", "_"),
    ("Ә" * 200, "Ә" * MAX_TITLE),
])
def test_tab_titles(name, title):
    assert tab_title(name) == title
