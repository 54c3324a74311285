"""Form timestamps in the shapes Google and Excel write them, as aware datetimes.

- Forms "Download responses (.csv)": 2023/02/07 2:03:11 PM GMT+6 (offset written in)
- a Sheet in ru_RU:                    15.03.2024 14:05:33
- a Sheet in en_US:                    3/15/2024 14:05:33 (month first, 12 or 24 hours)
- ISO, from xlsx cells and the Google API: 2024-03-15 14:05:33[+05:00]
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
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _TIME + _ZONE)  # d m y
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})" + _TIME + _ZONE)  # m d y (en_US)
_BARE_GMT = re.compile(r"\s*(?:GMT|UTC)\s*$")


def parse_timestamp(text: str, timezone: str) -> dt.datetime | None:
    """The moment `text` names, aware; None when it is blank or not a timestamp."""
    return _parse(" ".join(text.split()), timezone)


@lru_cache(maxsize=4096)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _parse(text: str, timezone: str) -> dt.datetime | None:
    if not text:
        return None
    text = _BARE_GMT.sub(" +0", text) if _BARE_GMT.search(text) else text
    for pattern, order in ((_ISO, "ymd"), (_DOTTED, "dmy"), (_SLASHED, "mdy")):
        m = pattern.fullmatch(text)
        if m:
            break
    else:
        return None
    parts = dict(zip(order, (int(g) for g in m.groups()[:3])))
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
        moments = [parse_timestamp(t, timezone) for t in series[rest]]
        result[rest] = pd.to_datetime(moments, utc=True, format="mixed").as_unit("us")
    return pd.DatetimeIndex(result)
