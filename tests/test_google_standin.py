"""The stand-in answers as the real Sheets API did: replay recorded requests, compare bodies.

Recordings: tests/fixtures/google/ (from gspread's test suite, MIT, see LICENSE-gspread.txt).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import requests

from google_standin import (READONLY_SCOPE, SCOPES, DateTime, Formula, GoogleStandIn, Spreadsheet,
                            StandInAdapter, Tab, running_standin)


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


# --- the write side -----------------------------------------------------------------------

WRITE_KEY = "1hit0UxyZPEXhx5Tw0nEtzqm7B8ilCnC_19tZtsEkKu4"


def _post(standin: GoogleStandIn, path: str, body, scopes=SCOPES) -> requests.Response:
    return requests.post(f"{standin.base_url}/v4/spreadsheets/{WRITE_KEY}{path}", json=body,
                         timeout=5, headers={"Authorization": f"Bearer {standin.grant_token(scopes)}"})


def _get(standin: GoogleStandIn, path: str) -> dict:
    return requests.get(f"{standin.base_url}/v4/spreadsheets/{WRITE_KEY}{path}", timeout=5,
                        headers={"Authorization": f"Bearer {standin.grant_token()}"}).json()


@pytest.fixture
def writable(standin):
    return standin.add(Spreadsheet(WRITE_KEY, "x", [_sheet1([])]))


# (path, request body, Google's answer), as gspread's recordings of the real API show them
# (WorksheetTest.test_batch_update, test_batch_clear, test_basic_filters;
# SpreadsheetTest.test_add_del_worksheet); sheet ids Google picked at random are left out.
RECORDED_WRITES = [
    ("/values:batchUpdate",
     {"valueInputOption": "RAW", "data": [{"range": "'Sheet1'!A1:D1", "values": [["A1", "B1", "", "D1"]]},
                                          {"range": "'Sheet1'!A4:D4", "values": [["A4", "B4", "", "D4"]]}]},
     {"spreadsheetId": WRITE_KEY, "totalUpdatedRows": 2, "totalUpdatedColumns": 4,
      "totalUpdatedCells": 8, "totalUpdatedSheets": 1,
      "responses": [{"spreadsheetId": WRITE_KEY, "updatedRange": "Sheet1!A1:D1", "updatedRows": 1,
                     "updatedColumns": 4, "updatedCells": 4},
                    {"spreadsheetId": WRITE_KEY, "updatedRange": "Sheet1!A4:D4", "updatedRows": 1,
                     "updatedColumns": 4, "updatedCells": 4}]}),
    ("/values:batchClear", {"ranges": ["'Sheet1'!A1:B1", "'Sheet1'!C2:E2"]},
     {"spreadsheetId": WRITE_KEY, "clearedRanges": ["Sheet1!A1:B1", "Sheet1!C2:E2"]}),
    (":batchUpdate", {"requests": [{"updateSheetProperties": {
        "properties": {"sheetId": 0, "gridProperties": {"rowCount": 20, "columnCount": 20}},
        "fields": "gridProperties/rowCount,gridProperties/columnCount"}}]},
     {"spreadsheetId": WRITE_KEY, "replies": [{}]}),
    (":batchUpdate", {"requests": [{"setBasicFilter": {"filter": {"range": {"sheetId": 0}}}}]},
     {"spreadsheetId": WRITE_KEY, "replies": [{}]}),
    (":batchUpdate", {"requests": [{"addSheet": {"properties": {
        "title": "test_add_del_worksheet 1", "sheetType": "GRID",
        "gridProperties": {"rowCount": 1, "columnCount": 1}}}}]},
     {"spreadsheetId": WRITE_KEY, "replies": [{"addSheet": {"properties": {
         "title": "test_add_del_worksheet 1", "index": 1, "sheetType": "GRID",
         "gridProperties": {"rowCount": 1, "columnCount": 1}}}}]}),
]


@pytest.mark.parametrize("path, body, expected", RECORDED_WRITES,
                         ids=["values-batchUpdate", "values-batchClear", "resize", "filter", "addSheet"])
def test_writes_answer_like_google(standin, writable, path, body, expected):
    answer = _post(standin, path, body)
    assert answer.status_code == 200
    got = answer.json()
    for reply in got.get("replies", []):
        reply.get("addSheet", {}).get("properties", {}).pop("sheetId", None)
    assert got == expected


def test_written_values_read_back_as_google_returns_them(standin, writable):
    _post(standin, "/values:batchUpdate", RECORDED_WRITES[0][1])
    # as recorded: the row between comes back empty, the blank inside a row stays
    assert _get(standin, "/values/%27Sheet1%27%21A1%3AD4") == {
        "range": "Sheet1!A1:D4", "majorDimension": "ROWS",
        "values": [["A1", "B1", "", "D1"], [], [], ["A4", "B4", "", "D4"]]}
    _post(standin, "/values:batchClear", {"ranges": ["'Sheet1'"]})
    assert _get(standin, "/values/%27Sheet1%27%21A1%3AD4") == {"range": "Sheet1!A1:D4",
                                                                "majorDimension": "ROWS"}


@pytest.mark.parametrize("option, stored", [
    ("RAW", ["=HYPERLINK(\"http://x\")", "+77011234567", "007"]),
    ("USER_ENTERED", [Formula("=HYPERLINK(\"http://x\")"), 77011234567, 7]),
])
def test_raw_keeps_text_user_entered_does_not(standin, writable, option, stored):
    _post(standin, "/values:batchUpdate", {"valueInputOption": option, "data": [
        {"range": "Sheet1!A1", "values": [["=HYPERLINK(\"http://x\")", "+77011234567", "007"]]}]})
    assert writable.tabs[0].rows == [stored]


@pytest.mark.parametrize("change, status, message", [
    (lambda s, sheet: None, 403, "Request had insufficient authentication scopes."),  # read-only token
    (lambda s, sheet: setattr(sheet, "editable", False), 403, "The caller does not have permission"),
    (lambda s, sheet: setattr(sheet, "shared", False), 403, "The caller does not have permission"),
])
def test_writes_need_the_write_scope_and_editor_access(standin, writable, change, status, message):
    change(standin, writable)
    scopes = frozenset({READONLY_SCOPE}) if "scopes" in message else SCOPES
    answer = _post(standin, "/values:batchClear", {"ranges": ["Sheet1"]}, scopes)
    assert (answer.status_code, answer.json()["error"]["message"]) == (status, message)


@pytest.mark.parametrize("path, body, message", [
    ("/values:batchUpdate", {"valueInputOption": "RAW", "data": [{"range": "Sheet1!A1000",
                                                                  "values": [["a"], ["b"]]}]},
     "Range (Sheet1!A1000) exceeds grid limits. Max rows: 1000, max columns: 26"),
    ("/values:batchUpdate", {"data": []}, "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED"),
    ("/values:batchClear", {"ranges": ["'Нет такого'"]}, "Unable to parse range: 'Нет такого'"),
    (":batchUpdate", {"requests": [{"addSheet": {"properties": {"title": "Sheet1"}}}]},
     'Invalid requests[0].addSheet: A sheet with the name "Sheet1" already exists. '
     "Please enter another name."),
    (":batchUpdate", {"requests": [{"deleteSheet": {"sheetId": 0}}]},
     "Invalid requests[0].deleteSheet: You can't remove all the sheets in a document."),
    (":batchUpdate", {"requests": [{"addSheet": {"properties": {
        "title": "big", "gridProperties": {"rowCount": 400_000, "columnCount": 26}}}}]},
     "Invalid requests[0].addSheet: This action would increase the number of cells in the "
     "workbook above the limit of 10000000 cells."),
])
def test_bad_writes_are_refused_like_google(standin, writable, path, body, message):
    answer = _post(standin, path, body)
    assert (answer.status_code, answer.json()["error"]) == (
        400, {"code": 400, "message": message, "status": "INVALID_ARGUMENT"})


def test_a_batch_is_applied_whole_or_not_at_all(standin, writable):
    answer = _post(standin, ":batchUpdate", {"requests": [
        {"addSheet": {"properties": {"title": "new"}}},
        {"updateSheetProperties": {"properties": {"sheetId": 0, "title": "renamed"}, "fields": "title"}},
        {"addSheet": {"properties": {"title": "NEW"}}}]})  # Sheets ignores case in tab names
    assert answer.status_code == 400 and "requests[2].addSheet" in answer.json()["error"]["message"]
    assert [t.title for t in writable.tabs] == ["Sheet1"]


def test_requests_over_the_payload_limit_are_refused(standin, writable):
    standin.payload_limit = 1000
    answer = _post(standin, "/values:batchUpdate", {"valueInputOption": "RAW", "data": [
        {"range": "Sheet1!A1", "values": [["x" * 1000]]}]})
    assert answer.json()["error"]["message"] == "Request payload size exceeds the limit: 1000 bytes."
    assert writable.tabs[0].rows == []


def test_developer_metadata_and_frozen_rows_show_in_the_metadata(standin, writable):
    _post(standin, ":batchUpdate", {"requests": [
        {"addSheet": {"properties": {"sheetId": 7, "title": "Список",
                                     "gridProperties": {"rowCount": 5, "columnCount": 3,
                                                        "frozenRowCount": 1}}}},
        {"createDeveloperMetadata": {"developerMetadata": {
            "metadataKey": "k", "metadataValue": "v", "location": {"sheetId": 7},
            "visibility": "DOCUMENT"}}}]})
    tab = _get(standin, "")["sheets"][1]
    assert tab["properties"]["gridProperties"] == {"rowCount": 5, "columnCount": 3, "frozenRowCount": 1}
    assert tab["developerMetadata"] == [{"metadataKey": "k", "metadataValue": "v", "metadataId": 1,
                                         "location": {"locationType": "SHEET", "sheetId": 7},
                                         "visibility": "DOCUMENT"}]
