"""Property-based fuzzing: the CSV reader, the normalizers, dedup and the workbook writer."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from types import MappingProxyType

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports import ReportData, write_report
from reports.safety import clean_cell
from sync.config import FileSource, NormalizeConfig
from sync.decisions import Decisions
from sync.dedup import dedup
from sync.headers import map_headers, unique_headers
from sync.normalize import load_reference, normalize
from sync.responses import to_responses
from sync.sources.files import read_file_source
from sync.sources.table import DITTOS, SheetTable
from tests.hostile.conftest import FORM_HEADER, csv_bytes

# Modest: each example of the reader/writer touches a file; the suite must stay fast.
EXAMPLES = 50
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
REFERENCE = load_reference(NormalizeConfig())  # the built-in directory: loaded once
# Control characters make a file "binary" by design (see sync.sources.files); surrogates
# cannot be written as UTF-8. ';' and tab are the other delimiters the reader sniffs for, and
# unquoted in a comma file they can win the sniff: that bug has its own xfail test below.
TYPED = (st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";")
         | st.sampled_from(",\"'\n\r =+-@"))
cells = st.text(TYPED, max_size=12)


def _filled_length(row: list[str]) -> int:
    return max((i + 1 for i, c in enumerate(row) if c), default=0)


def _expected_table(header: list[str], rows: list[list[str]]) -> tuple[tuple, tuple]:
    """Blank rows skipped; columns empty to the end everywhere left out; the rest padded;
    a cell saying "the same as above" ('"', "-//-") given the value above it."""
    kept = [r for r in rows if any(c.strip() for c in r)]
    width = max([_filled_length(header), *map(_filled_length, kept)])
    padded = [r[:width] + [""] * (width - len(r)) for r in kept]
    for above, row in zip(padded, padded[1:]):
        row[:] = [up if cell.strip().casefold() in DITTOS else cell
                  for up, cell in zip(above, row)]
    return (tuple(unique_headers(header[:width] + [""] * (width - len(header)))),
            tuple(map(tuple, padded)))


@FUZZ
@given(header=st.lists(cells, min_size=1, max_size=5).filter(lambda h: any(c.strip() for c in h)),
       rows=st.lists(st.lists(cells, max_size=6), max_size=6))
def test_csv_utf8_reads_back_cell_for_cell(header, rows):
    table = _read_back([header, *rows])
    assert (table.headers, table.rows) == _expected_table(header, rows)


def _read_back(grid: list[list[str]]) -> SheetTable:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.csv"
        path.write_bytes(csv_bytes(grid))
        return read_file_source(FileSource("form", "csv", path, MappingProxyType({}), "UTC"))


@pytest.mark.parametrize("grid", [
    [["ФИО", "Вуз; факультет; кафедра"], ["Ким Виктория", "КазНУ; физфак; каф. химии"]],
    [["ФИО;"], ["Ким Виктория"]],
])
def test_semicolons_inside_a_comma_csv_stay_in_their_cell(grid):
    table = _read_back(grid)
    assert (table.headers, table.rows) == _expected_table(grid[0], grid[1:])


def _responses(grid_rows: list[list[str]]) -> pd.DataFrame:
    """Raw responses of the Google Form's header with random answers."""
    headers = tuple(FORM_HEADER)
    rows = tuple(tuple((r + [""] * len(headers))[:len(headers)]) for r in grid_rows)
    table = SheetTable("form", "fuzz", headers, rows, tuple(range(2, len(rows) + 2)), "Asia/Almaty")
    return to_responses(table, map_headers(headers, {}, "fuzz"))


answer_rows = st.lists(st.lists(st.text(max_size=20), min_size=8, max_size=8), min_size=1, max_size=8)


@FUZZ
@given(answer_rows)
def test_normalizers_never_crash_nor_touch_their_input(grid_rows):
    responses = _responses(grid_rows)
    before = responses.copy()
    normalized = normalize(responses, REFERENCE)
    pd.testing.assert_frame_equal(responses, before)
    assert len(normalized) == len(responses)
    assert list(normalized["full_name_raw"]) == list(responses["full_name"])


# Few distinct values, so that random rows share e-mails, phones and names and really merge.
SHARED = st.sampled_from(["", "a.test@example.org", "b.test@example.org", "+77011112233",
                          "87011112233", "Ким Виктория", "ким  виктория", "Иванов Иван", "КазНУ"])
similar_rows = st.lists(st.lists(SHARED | st.text(max_size=6), min_size=8, max_size=8),
                        min_size=1, max_size=12)


@FUZZ
@given(similar_rows)
def test_dedup_never_loses_a_row(grid_rows):
    normalized = normalize(_responses(grid_rows), REFERENCE)
    result = dedup(normalized, Decisions())
    refs = [ref for rows in result.participants["source_rows"] for ref in rows.split("; ")]
    assert sorted(refs) == sorted(f"form:{n}" for n in normalized["source_row"])


PARTICIPANT_TEXT = ("full_name", "email", "phone", "city", "q: Курс")
BUILT_AT = dt.datetime(2025, 10, 9, 3, 0, tzinfo=dt.UTC)


def _report_data(texts: list[list[str]]) -> ReportData:
    people = pd.DataFrame(texts, columns=list(PARTICIPANT_TEXT))
    refs = [f"form:{n}" for n in range(2, len(people) + 2)]
    people["institution"] = people["specialty"] = ""
    people["role"] = "student"
    people["registered_at"] = pd.to_datetime([BUILT_AT] * len(people), utc=True)
    people["source"] = "form"
    people["source_rows"] = people["participant_id"] = refs
    responses = pd.DataFrame({"source": "form", "source_row": range(2, len(people) + 2)})
    responses["submitted_at"] = people["registered_at"]
    return ReportData(participants=people, responses=responses,
                      merges=pd.DataFrame(columns=["participant_id", "kept_row", "merged_row",
                                                   "rule", "full_name"]),
                      possible=pd.DataFrame(columns=["rows_a", "rows_b", "names", "reason"]),
                      built_at=BUILT_AT, sources=("form",), language="en",
                      extra_columns=("q: Курс",))


# A carriage return and a lone surrogate do not survive the XML round trip (see the xfail
# tests below): left out here so the property keeps guarding everything else.
NO_CR = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"))


@FUZZ
@given(st.lists(st.lists(NO_CR, min_size=len(PARTICIPANT_TEXT), max_size=len(PARTICIPANT_TEXT)),
                min_size=1, max_size=5))
def test_writer_stores_every_string_as_its_documented_cleaning(texts):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.xlsx"
        write_report(_report_data(texts), path)
        book = openpyxl.load_workbook(path)
    written = list(book["Participants"].iter_rows(min_row=2, values_only=True))
    by_ref = {row[9]: row for row in written}
    for number, original in enumerate(texts, start=2):
        row = by_ref[f"form:{number}"]
        shown = [row[0], row[1], row[2], row[6], row[10]]
        assert [v if v is not None else "" for v in shown] == [clean_cell(t) for t in original]


@pytest.mark.parametrize("text", ["\r", "Ким\r\nВиктория", "a\rb"])
def test_carriage_returns_survive_the_workbook(text):
    test_writer_stores_every_string_as_its_documented_cleaning.hypothesis.inner_test(
        [[text, "", "", "", text]])


# A lone surrogate cannot come from a UTF-8 file, but Google's JSON may carry "\ud800" and
# json.loads passes it through: the workbook must still open.
@pytest.mark.parametrize("text", ["\ud800", "Ким\udfffВиктория"])
def test_lone_surrogates_leave_a_workbook_that_opens(text):
    test_writer_stores_every_string_as_its_documented_cleaning.hypothesis.inner_test(
        [[text, "", "", "", ""]])
