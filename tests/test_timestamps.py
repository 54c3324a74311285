import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.timestamps import parse_timestamp, parse_timestamps

ALMATY = "Asia/Almaty"
UTC = dt.timezone.utc


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("text, expected", [
    # Google Forms "Download responses (.csv)": the offset is written in
    ("2023/02/07 2:03:11 PM GMT+6", utc(2023, 2, 7, 8, 3, 11)),
    ("2023/02/07 12:03:11 AM GMT+6", utc(2023, 2, 6, 18, 3, 11)),
    ("2025/10/07 9:15:00 AM GMT+5", utc(2025, 10, 7, 4, 15)),
    ("2025/10/07 9:15:00 AM GMT", utc(2025, 10, 7, 9, 15)),
    ("2025/10/07 9:15:00 AM GMT+05:30", utc(2025, 10, 7, 3, 45)),
    # a Sheet in ru_RU; Kazakhstan moved to UTC+5 on 1 March 2024
    ("15.03.2024 14:05:33", utc(2024, 3, 15, 9, 5, 33)),
    ("15.01.2024 14:05:33", utc(2024, 1, 15, 8, 5, 33)),
    ("15.03.2024", utc(2024, 3, 14, 19, 0)),
    ("5.3.2024 9:05", utc(2024, 3, 5, 4, 5)),
    # typed by hand in an organizer's list, the year in two digits
    ("15.03.24 10:00", utc(2024, 3, 15, 5, 0)),
    ("01.10.26", utc(2026, 9, 30, 19, 0)),
    # a Sheet in en_US: month first, 24 h or AM/PM
    ("3/15/2024 14:05:33", utc(2024, 3, 15, 9, 5, 33)),
    ("3/15/2024 2:05:33 PM", utc(2024, 3, 15, 9, 5, 33)),
    # Microsoft Forms' export saved as CSV by Excel: the year in two digits
    ("3/15/24 14:05:33", utc(2024, 3, 15, 9, 5, 33)),
    ("9/22/25 10:05 AM", utc(2025, 9, 22, 5, 5)),
    # ISO from xlsx cells and the Google API
    ("2024-03-15 14:05:33", utc(2024, 3, 15, 9, 5, 33)),
    ("2024-03-15T14:05:33+05:00", utc(2024, 3, 15, 9, 5, 33)),
    ("2024-03-15T09:05:33Z", utc(2024, 3, 15, 9, 5, 33)),
    ("  15.03.2024   14:05:33 ", utc(2024, 3, 15, 9, 5, 33)),
])
def test_parses_the_shapes_google_and_excel_write(text, expected):
    parsed = parse_timestamp(text, ALMATY)
    assert parsed is not None and parsed.tzinfo is not None
    assert parsed == expected


@pytest.mark.parametrize("text", ["", "   ", "вчера", "31.02.2024 10:00", "13/45/2024", "2024",
                                  "15.03.2 10:00", "15.03.024", "0:00 PM", "1/2/2024 13:00:00 PM",
                                  "2025/10/07 9:15:00 AM GMT+25", "2024-03-15T14:05:33-24:00"])
def test_not_a_timestamp_is_none(text):
    assert parse_timestamp(text, ALMATY) is None


def test_many_at_once_equals_one_by_one():
    from sync.timestamps import parse_timestamps

    texts = ["2023/02/07 2:03:11 PM GMT+6", "2023/02/07 12:03:11 AM GMT-3", "15.03.2024 14:05:33",
             "", "вчера", "2024/13/45 1:00:00 PM GMT+5", "3/15/2024 2:05:33 PM",
             "2025/10/07  9:15:00 AM GMT+5", "2025/10/07 9:15:00 AM GMT",
             "2025/10/07 9:15:00 AM GMT+25", "2025/10/07 9:15:00 AM GMT+05", None]
    many = parse_timestamps(texts, ALMATY)
    for text, moment in zip(texts, many, strict=True):
        one = parse_timestamp(text or "", ALMATY)
        assert (one is None and moment is pd.NaT) or moment == one, text


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 1, 1)),
       st.integers(-12, 14))
def test_forms_shape_in_bulk_equals_one_by_one(moment, offset):
    from sync.timestamps import parse_timestamps

    hour = moment.hour % 12 or 12
    text = (f"{moment.year}/{moment.month:02d}/{moment.day:02d} {hour}:{moment.minute:02d}:"
            f"{moment.second:02d} {'PM' if moment.hour >= 12 else 'AM'} GMT{offset:+d}")
    assert parse_timestamps([text], ALMATY)[0] == parse_timestamp(text, ALMATY)


def _same_moment(bulk, one) -> bool:
    return bulk is pd.NaT if one is None else bulk == one


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 1, 1)),
    st.integers(-30, 30), st.booleans(), st.sampled_from(["", " ", "x"])), max_size=20))
def test_many_offsets_in_one_call_equal_one_by_one(cells):
    """Each offset is parsed in its own pass; every pass lands on the right rows."""
    from sync.timestamps import parse_timestamps

    texts = []
    for moment, offset, padded, noise in cells:
        hour = moment.hour % 12 or 12
        sign = "+" if offset >= 0 else "-"
        hours = f"{abs(offset):02d}" if padded else str(abs(offset))
        texts.append(f"{moment.year}/{moment.month}/{moment.day} {hour}:{moment.minute:02d}:"
                     f"{moment.second:02d} {'PM' if moment.hour >= 12 else 'AM'} GMT{sign}{hours}"
                     + noise)
    many = parse_timestamps(texts, ALMATY)
    assert all(_same_moment(m, parse_timestamp(t, ALMATY)) for t, m in zip(texts, many, strict=True))


@pytest.mark.parametrize("text, expected", [
    ("12 октября 2025", (2025, 10, 12, 0, 0)),
    ("13 окт. 2025 14:03", (2025, 10, 13, 14, 3)),
    ("3 марта 2025 г.", (2025, 3, 3, 0, 0)),
    ("1 мая 2025 9:30", (2025, 5, 1, 9, 30)),
    ("2025 ж. 12 қазан 14:03:11", (2025, 10, 12, 14, 3)),
    ("15 қараша 2025", (2025, 11, 15, 0, 0)),
    ("12 Oct 2025 2:03 PM", (2025, 10, 12, 14, 3)),
    ("October 12, 2025", (2025, 10, 12, 0, 0)),
])
def test_dates_typed_with_the_months_name(text, expected):
    moment = parse_timestamp(text, "Asia/Almaty")
    assert (moment.year, moment.month, moment.day, moment.hour, moment.minute) == expected
    assert moment.utcoffset() == dt.timedelta(hours=5)


@pytest.mark.parametrize("text", ["12 октября", "15 қазан", "18 окт", "Иванов 2025", "12 abc 2025"])
def test_a_months_name_without_a_year_or_a_month_is_no_date_alone(text):
    assert parse_timestamp(text, "Asia/Almaty") is None


def test_a_date_without_its_year_takes_the_year_of_its_column():
    column = parse_timestamps(["12.10.2025 10:00", "13 окт.", "15 қазан", "", "14.10 9:15"],
                              "Asia/Almaty")
    assert [m.date() if m is not pd.NaT else None for m in column.tz_convert("Asia/Almaty")] == [
        dt.date(2025, 10, 12), dt.date(2025, 10, 13), dt.date(2025, 10, 15), None,
        dt.date(2025, 10, 14)]
    assert parse_timestamp("14.10", "Asia/Almaty") is None  # alone, it may be a number
    assert parse_timestamps(["13 окт."], "Asia/Almaty").isna().all()  # no year anywhere


def test_slashed_dates_put_the_day_first_where_the_column_says_so():
    def dates(texts):
        return [m.date() for m in parse_timestamps(texts, ALMATY).tz_convert(ALMATY)]

    # en_GB: 13/10 and 25/10 can only be days, so 01/10 and 12/10 are the 1st and 12th of October
    assert dates(["01/10/2025 10:00", "12/10/2025", "13/10/2025", "25/10/2025 9:00"]) == [
        dt.date(2025, 10, 1), dt.date(2025, 10, 12), dt.date(2025, 10, 13), dt.date(2025, 10, 25)]
    # en_US: 3/15 can only be March, so 01/10 is January 10th
    assert dates(["01/10/2025 10:00", "3/15/2025"]) == [dt.date(2025, 1, 10), dt.date(2025, 3, 15)]
    assert dates(["01/10/2025"]) == [dt.date(2025, 1, 10)]  # nothing says: month first, as before
    assert dates(["01/10/25 10:00", "25/10/25"]) == [dt.date(2025, 10, 1), dt.date(2025, 10, 25)]


@pytest.mark.parametrize("text, local", [
    ("45717", "2025-03-01 00:00:00"),  # a date Excel shows as its number ("General" format)
    ("45717.5", "2025-03-01 12:00:00"),
    ("123", None),  # a number outside this century's dates is none
    ("99999", None),
])
def test_a_date_column_reads_excel_day_numbers(text, local):
    moment = parse_timestamps([text, "12.03.2025"], ALMATY)[0]
    if local is None:
        assert pd.isna(moment)
    else:
        assert moment.tz_convert(ALMATY).strftime("%Y-%m-%d %H:%M:%S") == local
    assert parse_timestamp(text, ALMATY) is None  # alone, a number is no date
