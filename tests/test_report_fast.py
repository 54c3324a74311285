"""The report's fast paths give exactly what the slow, obvious ones give.

Each test keeps the obvious version (a cell at a time, a group at a time) as the reference
and checks the fast one against it on generated data.
"""

import datetime as dt
from unittest import mock

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports import sheetxml, tables
from reports.labels import label
from reports.safety import EXCEL_CELL_LIMIT, clean_cell, clean_cells
from tests.test_report import data as report_data

# text with what cleaning must handle: control characters, XML specials, line breaks
AWKWARD = st.text(alphabet=st.sampled_from(list("ab Ая=+-@&<>\"'\t\n\r\x00\x07\x1b\x0b\ufffe\ud800🙂")),
                  max_size=12)
SOME_TIMES = st.one_of(st.none(), st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1)))
ANY_VALUE = st.one_of(AWKWARD, st.none(), st.booleans(), st.integers(-10**12, 10**12),
                      st.floats(allow_nan=True, allow_infinity=True), SOME_TIMES,
                      st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)))
SMALL_CHUNK = 7  # rows per chunk in these tests, so that generated sheets cross chunk borders


@given(st.lists(AWKWARD))
def test_clean_cells_is_clean_cell_of_each(texts):
    assert clean_cells(texts) == [clean_cell(t) for t in texts]


def test_clean_cells_cuts_long_texts():
    texts = ["short", "x" * (EXCEL_CELL_LIMIT + 5)]
    assert clean_cells(texts) == [clean_cell(t) for t in texts]


def reference_rows(rows, first_row, text_columns):
    """The rows as the writer once made them: each cell on its own through `_cell`."""
    letters = sheetxml.get_column_letter
    return "".join(
        f'<row r="{n}">'
        + "".join(sheetxml._cell(f"{letters(c + 1)}{n}", v, c in text_columns, (5, 6))
                  for c, v in enumerate(row))
        + "</row>"
        for n, row in enumerate(rows, start=first_row))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4).flatmap(lambda width: st.lists(
    st.one_of(st.lists(AWKWARD, min_size=width, max_size=width),  # a plain-text row
              st.lists(ANY_VALUE, min_size=width, max_size=width)),
    max_size=3 * SMALL_CHUNK)))
def test_rows_are_the_cells_one_by_one(rows):
    with mock.patch.object(sheetxml, "ROWS_PER_CHUNK", SMALL_CHUNK):
        by_rows = "".join(sheetxml.row_xml(rows, 2, (1,), 5, 6))
        columns = [list(c) for c in zip(*rows)]
        by_columns = "".join(sheetxml.column_xml(columns, 2, (1,), 5, 6)) if rows else ""
    assert_same_cells(by_rows, reference_rows(rows, 2, (1,)))
    assert by_columns == by_rows


PRESERVE = '<t xml:space="preserve">'


def assert_same_cells(fast: str, reference: str) -> None:
    """The same cells; a column of plain texts says xml:space="preserve" for all of them
    when one needs it, so the fast path may keep the spaces of more texts, never fewer."""
    assert fast.replace(PRESERVE, "<t>") == reference.replace(PRESERVE, "<t>")
    for ours, theirs in zip(fast.split("<c "), reference.split("<c ")):
        assert PRESERVE in ours or PRESERVE not in theirs


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(SOME_TIMES, min_size=2, max_size=2), min_size=1, max_size=3 * SMALL_CHUNK),
       st.lists(st.lists(AWKWARD, max_size=3), max_size=SMALL_CHUNK))
def test_time_columns_and_ragged_rows(time_rows, ragged):
    with mock.patch.object(sheetxml, "ROWS_PER_CHUNK", SMALL_CHUNK):
        assert "".join(sheetxml.row_xml(time_rows, 2, (), 5, 6)) == reference_rows(time_rows, 2, ())
        assert_same_cells("".join(sheetxml.row_xml(ragged, 2, (), 5, 6)), reference_rows(ragged, 2, ()))


# --- tables ----------------------------------------------------------------------------------

NAMES = st.sampled_from(["", "КазНУ", "ЕНУ", "(не указано)", "Б", "а"])
ROLES = st.sampled_from([*tables.ROLE_ORDER, "", "pilot"])
UTC_TIMES = st.one_of(st.none(), st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2026, 1, 1),
                                              timezones=st.just(dt.UTC)))


@st.composite
def people_frames(draw):
    n = draw(st.integers(1, 25))

    def column(values):
        return draw(st.lists(values, min_size=n, max_size=n))

    frame = pd.DataFrame({
        "participant_id": [f"form:{i}" for i in range(n)],
        "institution": column(NAMES), "specialty": column(NAMES), "role": column(ROLES),
        "institution_id": column(st.sampled_from(["", "kaznu", "?x"])),
        "registered_at": pd.to_datetime(column(UTC_TIMES), utc=True),
    })
    return frame.astype({c: "str" for c in ("institution", "specialty", "role", "institution_id")})


def old_by_institution(people, lang):
    """by_institution_sheet's rows as it made them: one group at a time."""
    rows = []
    in_directory = people["institution_id"]
    people = people.assign(_known=in_directory.str.len().gt(0) & ~in_directory.str.startswith("?"))
    for name, group in people.groupby("institution", sort=False):
        roles = group["role"].value_counts()
        rows.append([tables._unknown(name, lang), label("yes" if group["_known"].iloc[0] else "no", lang),
                     len(group), *[int(roles.get(r, 0)) for r in tables.ROLE_ORDER],
                     int(group["specialty"].replace("", pd.NA).nunique()),
                     tables._excel_time(group["registered_local"].min()),
                     tables._excel_time(group["registered_local"].max())])
    rows.sort(key=lambda r: (-r[2], r[0]))
    return rows


def old_by_specialty(people, lang):
    rows = []
    for name, group in people.groupby("specialty", sort=False):
        roles = group["role"].value_counts()
        rows.append([tables._unknown(name, lang), len(group),
                     *[int(roles.get(r, 0)) for r in tables.ROLE_ORDER],
                     int(group["institution"].replace("", pd.NA).nunique())])
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows


def localized(frame, lang="ru"):
    return tables.localized(frame, report_data(language=lang))


@settings(max_examples=60, deadline=None)
@given(people_frames())
def test_group_sheets_match_the_group_by_group_version(frame):
    people = localized(frame)
    assert tables.by_institution_sheet(people, "ru").blocks[0].rows == old_by_institution(people, "ru")
    assert tables.by_specialty_sheet(people, "ru").blocks[0].rows == old_by_specialty(people, "ru")


@settings(max_examples=60, deadline=None)
@given(people_frames())
def test_role_labels_and_times(frame):
    people = localized(frame, "en")
    assert people["role_label"].tolist() == [
        label(f"role.{r}", "en") if r in (*tables.ROLE_ORDER, "") else r for r in frame["role"]]
    assert tables._excel_times(people["registered_local"]) == [
        tables._excel_time(t) for t in people["registered_local"]]


@pytest.mark.filterwarnings("ignore:Discarding nonzero nanoseconds")
def test_nanosecond_times_convert_like_one_by_one():
    times = pd.Series(pd.to_datetime(["2025-10-07 09:03:01.123456789", None]))
    assert tables._excel_times(times) == [tables._excel_time(t) for t in times]


def test_localized_leaves_the_participants_alone():
    frame = report_data(language="en").participants
    before = frame.copy()
    localized(frame, "en")
    pd.testing.assert_frame_equal(frame, before)


def old_grouped_refs(frame, mask, refs, keys):
    chosen = frame.loc[mask, keys].assign(_ref=refs[mask])
    grouped = chosen.groupby(keys, sort=True)["_ref"].agg(list)
    return [((key,) if len(keys) == 1 else key, tables._row_list(found))
            for key, found in grouped.items()]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), NAMES), st.one_of(st.none(), NAMES), st.booleans()),
                max_size=40))
def test_grouped_refs_match_pandas_lists(rows):
    frame = pd.DataFrame(rows, columns=["value", "note", "chosen"]).astype(
        {"value": "str", "note": "str"})
    refs = pd.Series([f"form:{i}" for i in range(len(frame))], index=frame.index, dtype="str")
    mask = frame["chosen"].astype(bool)
    for keys in (["value"], ["value", "note"]):
        assert tables._grouped_refs(frame, mask, refs, keys) == old_grouped_refs(frame, mask, refs, keys)
