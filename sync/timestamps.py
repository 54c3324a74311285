"""Form timestamps in the shapes Google and Excel write them, as aware datetimes.

- Forms "Download responses (.csv)": 2023/02/07 2:03:11 PM GMT+6 (offset written in)
- a Sheet in ru_RU:                    15.03.2024 14:05:33 (typed by hand also 15.03.24)
- a Sheet in en_US:                    3/15/2024 14:05:33 (month first, 12 or 24 hours;
  day first where the column's own dates say so: 13/10/2025, as en_GB writes them; the year
  in two digits as Microsoft Forms writes it: 3/15/24 14:05:33)
- ISO, from xlsx cells and the Google API: 2024-03-15 14:05:33[+05:00]
- typed with the month's name, in Russian, Kazakh or English: 12 октября 2025, 13 окт.,
  2025 ж. 15 қазан 14:03, 12 Oct 2025, October 12, 2025; one without its year (and a bare
  14.10) takes the year the other dates of its column have (parse_timestamps), or stays
  unread alone
Wall-clock times without an offset are in the form's time zone.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import pandas as pd

_TIME = r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*([AaPp][Mm])?)?"
_ZONE = r"(?:\s*(?:GMT|UTC)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?))?"
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})" + _TIME + _ZONE)  # y m d
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})" + _TIME + _ZONE)  # d m y or yy
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})" + _TIME + _ZONE)  # m d y or yy (en_US)
_BARE_GMT = re.compile(r"\s*(?:GMT|UTC)\s*$")
_SLASHED_START = r"^\s*(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})\b"
# Months by the beginnings of their names in Russian, Kazakh and English (no beginning is
# another month's), and the shapes a date with a month's name is typed in.
_MONTHS = tuple((stem, number) for number, stems in enumerate((
    ("янв", "қаңтар", "january", "jan"), ("фев", "ақпан", "february", "feb"),
    ("мар", "наурыз", "march", "mar"), ("апр", "сәуір", "april", "apr"),
    ("мая", "май", "мамыр", "may"), ("июн", "маусым", "june", "jun"),
    ("июл", "шілде", "july", "jul"), ("авг", "тамыз", "august", "aug"),
    ("сен", "қыркүйек", "september", "sept", "sep"), ("окт", "қазан", "october", "oct"),
    ("ноя", "қараша", "november", "nov"), ("дек", "желтоқсан", "december", "dec")), start=1)
    for stem in stems)
_MONTH = r"([^\W\d_]{3,})\.?,?"
# A day and month without the year (14.10), read only where the year is known.
_DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})\.?(?=\s|$)")
_YEAR_MARK = r"(?:\s*(?:ж|жыл|г|года?)\.?)?"
_NAMED = (  # (pattern, the order of its day, month and year groups)
    (re.compile(r"(\d{1,2})\s+" + _MONTH + r"(?:\s+(\d{4})" + _YEAR_MARK + r")?,?" + _TIME + _ZONE),
     "dmy"),
    (re.compile(r"(\d{4})" + _YEAR_MARK + r"\s+(\d{1,2})\s+" + _MONTH + _TIME + _ZONE), "ydm"),
    (re.compile(_MONTH + r"\s+(\d{1,2}),?(?:\s+(\d{4}))?" + _TIME + _ZONE), "mdy"),
)


def parse_timestamp(text: str, timezone: str, year: int | None = None,
                    day_first: bool = False) -> dt.datetime | None:
    """The moment `text` names, aware; None when it is blank or not a timestamp. `year`:
    the year of a date typed with its month's name but not its year (13 окт.);
    `day_first`: 01/10/2025 is the 1st of October (a sheet in en_GB), not January 10th."""
    text = " ".join(text.split())
    moment = _parse(text, timezone, day_first) or _parse_named(text, timezone, year)
    if moment is None and year is not None and (m := _DAY_MONTH.match(text)):
        moment = _parse(f"{m.group(1)}.{m.group(2)}.{year}{text[m.end():]}", timezone)
    return moment


def _month(word: str) -> int | None:
    folded = word.casefold()
    return next((number for stem, number in _MONTHS if folded.startswith(stem)), None)


def _parse_named(text: str, timezone: str, year: int | None) -> dt.datetime | None:
    """A date typed with its month's name (see the module docstring)."""
    for pattern, order in _NAMED:
        m = pattern.fullmatch(text)
        if m:
            break
    else:
        return None
    parts = dict(zip(order, m.groups()[:3]))
    month = _month(parts["m"])
    if month is None or (parts["y"] is None and year is None):
        return None
    date = f"{int(parts['y'] or year):04d}-{month:02d}-{int(parts['d']):02d}"
    return _parse(date + _time_and_zone(m), timezone)


def _time_and_zone(m: re.Match) -> str:
    """The time and zone of a match of _NAMED, written as _ISO reads them."""
    hour, minute, second, fraction, ampm, offset = m.groups()[3:]
    text = ""
    if hour is not None:
        text = f" {hour}:{minute}" + (f":{second}" if second else "")
        text += (f".{fraction}" if fraction else "") + (f" {ampm}" if ampm else "")
    return text + (f" {offset}" if offset else "")


@lru_cache(maxsize=4096)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _parse(text: str, timezone: str, day_first: bool = False) -> dt.datetime | None:
    if not text:
        return None
    text = _BARE_GMT.sub(" +0", text) if _BARE_GMT.search(text) else text
    for pattern, order in ((_ISO, "ymd"), (_DOTTED, "dmy"),
                           (_SLASHED, "dmy" if day_first else "mdy")):
        m = pattern.fullmatch(text)
        if m:
            break
    else:
        return None
    parts = dict(zip(order, (int(g) for g in m.groups()[:3])))
    if parts["y"] < 100:  # 15.03.24, 3/15/24: a registration's year is this century's
        parts["y"] += 2000
    hour, minute, second, fraction, ampm, offset = m.groups()[3:]
    hour = int(hour or 0)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
    micro = int((fraction or "0").ljust(6, "0")) if fraction else 0
    try:
        naive = dt.datetime(parts["y"], parts["m"], parts["d"], hour, int(minute or 0),
                            int(second or 0), micro)
    except ValueError:
        return None
    if offset is None:
        return naive.replace(tzinfo=_zone(timezone))
    zone = _offset(offset)
    return naive.replace(tzinfo=zone) if zone is not None else None


# A UTC offset is less than a day; a cell saying "GMT+25" is not a timestamp
_MAX_OFFSET = dt.timedelta(hours=24)


def _offset(text: str) -> dt.timezone | None:
    if text == "Z":
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    offset = dt.timedelta(hours=hours, minutes=minutes)
    return dt.timezone(sign * offset) if offset < _MAX_OFFSET else None


# Google Forms' CSV shape, parsed by pandas in one pass per offset (a form has one or two):
# the wall-clock time with the " GMT+5" it ends with as a literal part of the format
_FORMS_CSV = r"\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}:\d{2} [AP]M GMT[+-]\d{1,2}"
_FORMS_WALL_CLOCK = "%Y/%m/%d %I:%M:%S %p"
_FORMS_OFFSET_MARK = " GMT"


def _days_first(texts: "pd.Series") -> bool:
    """Whether a column's dates with slashes put the day first: some first number is over
    12 (13/10/2025) and no second one is. Otherwise month first, as en_US writes them."""
    numbers = texts.str.extract(_SLASHED_START).dropna().astype(int)
    return bool(len(numbers)) and bool((numbers[0] > 12).any()) and not (numbers[1] > 12).any()


def parse_timestamps(texts: list[str], timezone: str) -> "pd.DatetimeIndex":
    """parse_timestamp for many values, in UTC (NaT where there is none).

    The Forms CSV shape, most of a big export, goes through pandas at once; anything else
    (other shapes, odd spacing) value by value. Both give the same moments
    (tests/test_timestamps.py checks).
    """
    import pandas as pd

    series = pd.Series(texts, dtype=object).fillna("")
    result = pd.Series(pd.NaT, index=series.index, dtype="datetime64[us, UTC]")
    pending = series[series.str.fullmatch(_FORMS_CSV)]
    while not pending.empty:
        first = pending.iloc[0]
        suffix = first[first.rindex(_FORMS_OFFSET_MARK):]  # " GMT+5"
        same = pending.str.endswith(suffix)
        hours = int(suffix[len(_FORMS_OFFSET_MARK):])
        if abs(hours) < _MAX_OFFSET / dt.timedelta(hours=1):  # else not a timestamp
            wall_clock = pd.to_datetime(pending[same], format=_FORMS_WALL_CLOCK + suffix,
                                        errors="coerce").astype("datetime64[us]")
            moments = wall_clock - dt.timedelta(hours=hours)
            result[moments.index] = moments.dt.tz_localize("UTC")
        pending = pending[~same]
    rest = result.isna() & (series != "")
    if rest.any():
        day_first = _days_first(series[rest])
        moments = [parse_timestamp(t, timezone, day_first=day_first) for t in series[rest]]
        if None in moments:  # "13 окт.": the year the column's other dates have, if any
            years = pd.concat([result.dropna().dt.year,
                               pd.Series([m.year for m in moments if m is not None])])
            if not years.empty:
                year = int(years.mode().iloc[0])
                moments = [m or parse_timestamp(t, timezone, year, day_first)
                           for m, t in zip(moments, series[rest])]
        if None in moments:  # 45717: the date Excel keeps, shown as a number ("General")
            moments = [m or _excel_serial(t, timezone) for m, t in zip(moments, series[rest])]
        result[rest] = pd.to_datetime(moments, utc=True, format="mixed").as_unit("us")
    return pd.DatetimeIndex(result)


# Days since 30 Dec 1899, as Excel counts dates: from 1 Jan 2000 to 1 Jan 2100. Only in a
# column of dates: a number alone is a date nowhere else.
_EXCEL_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_SERIAL_RANGE = (36526, 73051)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _excel_serial(text: str, timezone: str) -> dt.datetime | None:
    first, last = _SERIAL_RANGE
    if not _EXCEL_SERIAL.fullmatch(text) or not first <= float(text) < last:
        return None
    wall_clock = _EXCEL_EPOCH + dt.timedelta(days=float(text))
    return wall_clock.replace(microsecond=0, tzinfo=_zone(timezone))
