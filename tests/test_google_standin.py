"""The stand-in answers as the real Sheets API did: replay recorded requests, compare bodies.

Recordings: tests/fixtures/google/ (from gspread's test suite, MIT, see LICENSE-gspread.txt).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import requests

from google_standin import (DateTime, GoogleStandIn, Spreadsheet, StandInAdapter, Tab,
                            running_standin)


@pytest.fixture
def standin():
    with running_standin() as standin:
        yield standin


RECORDINGS = Path(__file__).parent / "fixtures" / "google"
DATES_KEY = "1VYZV6IRnymjtcrTiKitjSdyIpBjiKTnzjBT-J87QLjI"
DATES_TITLE = "Test WorksheetTest test_get_all_values_date_time_render_options"
RANGE_KEY = "1vUbQ_5yY7t8hJpCwPwy9D7l2kGG0N-mF5v9CWU80S9g"
VALUES_KEY = "1HVDGFSRVMTRJbo2n8Vh7TZt7EGFBLOdyNGk1Zb8H_SY"
BATCH_KEY = "1yXHRaUTFlGV-Axis4vLHtoPvGUj3C_-awA_5sLK8k6g"
LOCALE_KEY = "1vwqpkfNt7J-d9frHRQo8oRnJS_goGp1OfzHdZIhtDh4"
PRIVATE_KEY = "1jIKzPs8LsiZZdLdeMEP-5ZIHw6RkjiOmj1LrJN706Yc"
FRUIT = [["🍇", "🍉", "🍋"], ["🍐", "🍎", "🍓"]]


def _sheet1(rows, row_count=1000, column_count=26) -> Tab:
    return Tab("Sheet1", rows, sheet_id=0, row_count=row_count, column_count=column_count)


def _dated_rows():
    return [[2, DateTime(dt.datetime(2020, 1, 1), "2020-01-01"), "string", 53],
            [1.5, 0.12, DateTime(dt.datetime(1999, 1, 2), "1999-01-02"), ""]]


def _fruit_sheet(key: str, title: str, tab_title: str) -> Spreadsheet:
    return Spreadsheet(key, title, [_sheet1([]), Tab(tab_title, FRUIT, sheet_id=1, row_count=10,
                                                     column_count=10)])


# (recording, interaction index, the spreadsheet as it stood when that request was made)
REPLAYS = [
    ("WorksheetTest.test_get_all_values_date_time_render_options", 3,
     Spreadsheet(DATES_KEY, DATES_TITLE, [_sheet1([])])),
    ("WorksheetTest.test_get_all_values_date_time_render_options", 6,
     Spreadsheet(DATES_KEY, DATES_TITLE, [_sheet1([], 2, 4)])),
    *[("WorksheetTest.test_get_all_values_date_time_render_options", index,
       Spreadsheet(DATES_KEY, DATES_TITLE, [_sheet1(_dated_rows(), 2, 4)])) for index in (8, 9, 10, 11)],
    ("WorksheetTest.test_get_returns_ValueRange_with_metadata", 7,
     Spreadsheet(RANGE_KEY, "x", [_sheet1([["1", "", "", ""], ["", "", "", ""], ["", "", "", ""],
                                           ["", "", "", "2"]], 4, 4)])),
    ("SpreadsheetTest.test_values_get", 5,
     _fruit_sheet(VALUES_KEY, "Test SpreadsheetTest test_values_get", "🌵 test_values_get 1")),
    ("SpreadsheetTest.test_values_batch_get", 5,
     _fruit_sheet(BATCH_KEY, "Test SpreadsheetTest test_values_batch_get", "🌵 test_values_batch_get 1")),
    ("SpreadsheetTest.test_timezone_and_locale", 5,
     Spreadsheet(LOCALE_KEY, "Test SpreadsheetTest test_timezone_and_locale", [_sheet1([])],
                 locale="fr_FR", time_zone="Europe/Paris")),
    ("ClientTest.test_access_non_existing_spreadsheet", 3,
     Spreadsheet(DATES_KEY, "exists, but not under the key asked for", [_sheet1([])])),
    ("ClientTest.test_access_private_spreadsheet", 3,
     Spreadsheet(PRIVATE_KEY, "not shared", [_sheet1([])], shared=False)),
]


def _interaction(name: str, index: int) -> dict:
    return json.loads((RECORDINGS / f"{name}.json").read_text(encoding="utf-8"))["interactions"][index]


def _replay(standin: GoogleStandIn, request: dict) -> requests.Response:
    with requests.Session() as session:
        session.mount("https://", StandInAdapter(standin))
        return session.request(request["method"], request["uri"], timeout=5,
                               headers={"Authorization": f"Bearer {standin.grant_token()}"})


def _covered_by(ours, recorded) -> bool:
    """Every value the stand-in sends is what Google sent (Google sends more, e.g. themes)."""
    if isinstance(ours, dict):
        return isinstance(recorded, dict) and all(
            key in recorded and _covered_by(value, recorded[key]) for key, value in ours.items())
    if isinstance(ours, list):
        return (isinstance(recorded, list) and len(ours) == len(recorded)
                and all(_covered_by(a, b) for a, b in zip(ours, recorded, strict=True)))
    return ours == recorded


@pytest.mark.parametrize("recording, index, spreadsheet", REPLAYS,
                         ids=[f"{name.split('.')[1]}[{index}]" for name, index, _ in REPLAYS])
def test_standin_answers_like_google(standin, recording, index, spreadsheet):
    standin.add(spreadsheet)
    recorded = _interaction(recording, index)
    answer = _replay(standin, recorded["request"])
    expected = json.loads(recorded["response"]["body"]["string"])
    assert answer.status_code == recorded["response"]["status"]["code"]
    if "/values" in recorded["request"]["uri"] or answer.status_code != 200:
        assert answer.json() == expected
    else:  # metadata: Google adds formats and themes the stand-in leaves out
        assert _covered_by(answer.json(), expected)
        assert set(answer.json()["properties"]) >= {"title", "locale", "timeZone"}


def test_serial_numbers_count_days_from_1899_12_30():
    assert DateTime(dt.datetime(2020, 1, 1)).serial() == 43831  # as recorded above
    assert DateTime(dt.datetime(2024, 3, 15, 12)).serial() == 45366.5


def test_adapter_refuses_hosts_other_than_the_sheets_api(standin):
    with requests.Session() as session:
        session.mount("https://", StandInAdapter(standin))
        with pytest.raises(requests.ConnectionError, match="refuses www.googleapis.com"):
            session.get("https://www.googleapis.com/drive/v3/files", timeout=5)
    assert standin.log == []


def test_api_calls_without_a_valid_token_get_401(standin):
    standin.add(Spreadsheet(DATES_KEY, DATES_TITLE, [_sheet1([])]))
    answer = requests.get(f"{standin.base_url}/v4/spreadsheets/{DATES_KEY}", timeout=5,
                          headers={"Authorization": "Bearer forged"})
    assert (answer.status_code, answer.json()["error"]["status"]) == (401, "UNAUTHENTICATED")
