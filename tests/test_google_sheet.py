"""The Google Sheet source against the local stand-in: real gspread and google-auth over HTTP."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from types import MappingProxyType

import pytest

from google_standin import (DateTime, FakeTime, Fault, Spreadsheet, StandInAdapter, Tab, new_authorized_user,
                            new_service_account, running_standin)
from sync.config import GoogleSheetSource
from sync.errors import SourceError
from sync.sources.google_http import RetryPolicy
from sync.sources.google_sheet import (cell_to_text, describe_google_sheet, read_google_sheet,
                                       serial_to_text)
from sync.sources.sheet_address import parse_sheet_address

KEY = "1PlastNetForm2024aBcDeFgHiJkLmNoPqRsTuVwXyZ0"
ACCOUNT = "regsync@plastnet-test.iam.gserviceaccount.com"
ANSWERS = "Ответы на форму (1)"
LOOKUP_GID = 555
HEADERS = ["Отметка времени", "ФИО", "Электронная почта", "Номер телефона", "Учебное заведение",
           "Согласие"]


def _answers_sheet() -> Spreadsheet:
    rows = [HEADERS,
            [DateTime(dt.datetime(2024, 3, 15, 14, 5, 33)), "Иванова Айгерим", "aigerim@example.org",
             87474289378, "КазНУ им. аль-Фараби", True],
            [DateTime(dt.datetime(2024, 3, 1, 0, 0, 1)), "Petrov Ivan", "", 77011234567, "", False],
            [],
            [DateTime(dt.datetime(2024, 2, 29, 23, 59, 59)), "Сергеева Дана", "dana@example.kz"]]
    lookup = [["Вуз", "Город"], ["КазНУ", "Алматы"]]
    return Spreadsheet(KEY, "PlastNet 2024 (ответы)", locale="ru_RU", time_zone="Asia/Almaty",
                       tabs=[Tab(ANSWERS, rows, sheet_id=0), Tab("Справочник", lookup, LOOKUP_GID)])



@pytest.fixture
def standin():
    with running_standin() as standin:
        standin.add(_answers_sheet())
        yield standin


@pytest.fixture
def key_file(tmp_path, standin):
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps(new_service_account(standin, ACCOUNT)), encoding="utf-8")
    return path


@pytest.fixture
def source(key_file):
    return GoogleSheetSource(name="form", key=KEY, columns=MappingProxyType({}),
                             timezone="UTC", credentials=key_file)


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def pull(standin, fake_time):
    def pull(source, reader=read_google_sheet, **options):
        return reader(source, adapter=StandInAdapter(standin), sleeper=fake_time.sleep,
                      clock=fake_time.clock, **options)
    return pull


# --- one pull ---------------------------------------------------------------------------

def test_a_pull_is_one_token_one_metadata_and_one_values_request(standin, source, pull):
    pull(source)
    assert [(e.method, e.path) for e in standin.log] == [
        ("POST", "/token"),
        ("GET", f"/v4/spreadsheets/{KEY}"),
        ("GET", f"/v4/spreadsheets/{KEY}/values/%27%D0%9E%D1%82%D0%B2%D0%B5%D1%82%D1%8B%20%D0%BD"
                "%D0%B0%20%D1%84%D0%BE%D1%80%D0%BC%D1%83%20%281%29%27")]
    assert standin.log[2].query == {"valueRenderOption": ["UNFORMATTED_VALUE"],
                                    "dateTimeRenderOption": ["SERIAL_NUMBER"],
                                    "majorDimension": ["ROWS"]}


def test_russian_form_sheet_becomes_text_with_wall_clock_times(source, pull):
    table = pull(source)
    assert table.headers == tuple(HEADERS)
    assert table.rows == (
        ("2024-03-15 14:05:33", "Иванова Айгерим", "aigerim@example.org", "87474289378",
         "КазНУ им. аль-Фараби", "TRUE"),
        ("2024-03-01 00:00:01", "Petrov Ivan", "", "77011234567", "", "FALSE"),
        ("2024-02-29 23:59:59", "Сергеева Дана", "dana@example.kz", "", "", ""))
    assert table.row_numbers == (2, 3, 5)
    assert table.timezone == "Asia/Almaty"  # the spreadsheet's, not the config fallback "UTC"
    assert table.where == f"Google Sheet 'PlastNet 2024 (ответы)', tab '{ANSWERS}'"


def test_config_override_names_the_timestamp_column(standin, source, pull):
    sheet = standin.spreadsheets[KEY]
    sheet.tabs[0].rows[0] = ["Когда", *HEADERS[1:]]
    table = pull(dataclasses.replace(source, columns=MappingProxyType({"submitted_at": "Когда"})))
    assert table.rows[0][0] == "2024-03-15 14:05:33"


@pytest.mark.parametrize("gid, tab, first_header", [
    (None, None, HEADERS[0]),
    (0, None, HEADERS[0]),
    (LOOKUP_GID, None, "Вуз"),
    (None, "Справочник", "Вуз"),
    (None, ANSWERS, HEADERS[0]),
])
def test_tab_is_chosen_by_gid_then_title_then_first(source, pull, gid, tab, first_header):
    table = pull(dataclasses.replace(source, gid=gid, tab=tab))
    assert table.headers[0] == first_header


def test_a_cell_merged_over_rows_is_each_rows(standin, source, pull):
    """An organizer's list typing a school once for the pupils of three rows (C2:C4 merged):
    the values API gives it on the first row only; each pupil is from it. Another tab's
    merges are its own."""
    rows = [["ФИО", "E-mail", "Школа"], ["Ахметова Аружан", "aruzhan@mail.kz", "Школа-гимназия №5"],
            ["Бекова Дана", "", ""], ["Омаров Ерлан", "", ""], ["Ким Ольга", "", "Лицей №8"]]
    merged = {"sheetId": 7, "startRowIndex": 1, "endRowIndex": 4, "startColumnIndex": 2,
              "endColumnIndex": 3}
    across = {"sheetId": 7, "startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0,
              "endColumnIndex": 2}  # a header over two columns: nothing below it to fill
    sheet = standin.spreadsheets[KEY]
    sheet.tabs.insert(0, Tab("Список", rows, sheet_id=7, merges=[merged, across]))
    sheet.tabs[1].merges = [{**merged, "sheetId": 0, "startColumnIndex": 1, "endColumnIndex": 2}]
    table = pull(source)
    assert [row[2] for row in table.rows] == ["Школа-гимназия №5"] * 3 + ["Лицей №8"]
    assert [row[1] for row in table.rows] == ["aruzhan@mail.kz", "", "", ""]


def test_describe_reports_what_regsync_check_shows(source, pull):
    described = pull(source, reader=describe_google_sheet)
    table = described.pop("table")  # its answers show how check reads the questions
    assert described == {
        "account": ACCOUNT, "title": "PlastNet 2024 (ответы)", "tab": ANSWERS,
        "time_zone": "Asia/Almaty", "locale": "ru_RU", "rows": 3, "headers": HEADERS}
    assert list(table.headers) == HEADERS and len(table.rows) == 3


@pytest.mark.parametrize("written_by", ["google-auth", "google-oauthlib-tool"])
def test_authorized_user_token_file_is_the_second_way_in(tmp_path, standin, source, pull, written_by):
    info = new_authorized_user(standin)
    if written_by == "google-oauthlib-tool":  # its --save writes no "type"
        del info["type"]
    token_file = tmp_path / "token.json"
    token_file.write_text(json.dumps(info), encoding="utf-8")
    table = pull(dataclasses.replace(source, credentials=None, oauth_token=token_file))
    assert len(table.rows) == 3
    assert [e.path for e in standin.log][0] == "/token" and len(standin.log) == 3


# --- cells ------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, text", [
    (87474289378, "87474289378"),
    (87474289378.0, "87474289378"),
    (-3, "-3"),
    (0.12, "0.12"),
    (1.5, "1.5"),
    (True, "TRUE"),
    (False, "FALSE"),
    ("007", "007"),
    ("", ""),
    (None, ""),
])
def test_cell_to_text(cell, text):
    assert cell_to_text(cell) == text


@pytest.mark.parametrize("serial, text", [
    (43831, "2020-01-01 00:00:00"),
    (45366.5, "2024-03-15 12:00:00"),
    (45366.587187499998, "2024-03-15 14:05:33"),  # float noise rounds to the second
    (45351.99999, "2024-02-29 23:59:59"),
    (1, "1899-12-31 00:00:00"),
])
def test_serial_to_text(serial, text):
    assert serial_to_text(serial) == text


# --- errors -----------------------------------------------------------------------------

def _unshare(standin):
    standin.spreadsheets[KEY].shared = False


def _forget(standin):
    del standin.spreadsheets[KEY]


def _reject_tokens(standin):
    standin.reject_all_tokens = True


@pytest.mark.parametrize("break_it, change, message", [
    (_unshare, {}, f"the sheet is not shared with {ACCOUNT}; open it, press Share and add that "
                   "address as Viewer"),
    (_forget, {}, f"no spreadsheet with key {KEY}"),
    (None, {"tab": "Лист1"}, f"no tab 'Лист1' in spreadsheet 'PlastNet 2024 (ответы)'; tabs: "
                             f"'{ANSWERS}' (gid 0), 'Справочник' (gid {LOOKUP_GID})"),
    (None, {"gid": 42}, "no tab gid 42 in spreadsheet"),
    (_reject_tokens, {}, f"Google rejected the credentials of {ACCOUNT} (401 UNAUTHENTICATED)"),
    (lambda s: s.inject(Fault(429, times=None)), {}, "quota is exhausted (429 RESOURCE_EXHAUSTED)"),
    (lambda s: s.inject(Fault(503, times=None)), {}, "Google kept answering 503 UNAVAILABLE"),
])
def test_failures_are_one_line_naming_the_source(standin, source, pull, break_it, change, message):
    if break_it:
        break_it(standin)
    with pytest.raises(SourceError) as caught:
        pull(dataclasses.replace(source, **change))
    text = str(caught.value)
    assert text.startswith("source 'form': ") and message in text and "\n" not in text


@pytest.mark.parametrize("content, message", [
    ("not json {", "is not JSON"),
    ('["a", "list"]', "is JSON but not a key object"),
    ('{"type": "authorized_user", "refresh_token": "x"}',
     "is not a service-account key: its type is 'authorized_user', expected 'service_account' "
     "(a token file goes under 'oauth_token')"),
    ('{"type": "service_account", "client_email": "a@b.c", "token_uri": "http://x"}',
     "lacks private_key"),
    ('{"type": "service_account", "client_email": "a@b.c", "token_uri": "http://x", '
     '"private_key": "-----BEGIN PRIVATE KEY-----\\nSECRETSTUFF\\n-----END PRIVATE KEY-----\\n"}',
     "its private_key is damaged"),
])
def test_bad_key_files_are_named_without_their_secrets(tmp_path, source, pull, content, message):
    path = tmp_path / "key.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        pull(dataclasses.replace(source, credentials=path))
    assert str(path) in str(caught.value) and message in str(caught.value)
    assert "SECRETSTUFF" not in str(caught.value)


def test_missing_key_file(tmp_path, source, pull):
    with pytest.raises(SourceError, match="key file not found: .*gone.json"):
        pull(dataclasses.replace(source, credentials=tmp_path / "gone.json"))


def test_unreachable_token_service_is_network_trouble(tmp_path, standin, source, pull):
    info = new_service_account(standin, ACCOUNT) | {"token_uri": "http://127.0.0.1:9/token"}
    (tmp_path / "k.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(SourceError, match="cannot reach Google .* after 6 tries"):
        pull(dataclasses.replace(source, credentials=tmp_path / "k.json"))


# --- retries, tokens, timeouts ------------------------------------------------------------

def test_429_with_retry_after_is_waited_out_then_succeeds(standin, source, pull, fake_time):
    standin.inject(Fault(429, times=2, retry_after=7))
    assert len(pull(source).rows) == 3
    assert fake_time.sleeps == [7, 7]
    assert len(standin.api_calls()) == 4


def test_503_without_retry_after_backs_off_then_succeeds(standin, source, pull, fake_time):
    standin.inject(Fault(503, times=1))
    assert len(pull(source).rows) == 3
    assert len(fake_time.sleeps) == 1 and 0.5 <= fake_time.sleeps[0] <= 1.0


@pytest.mark.parametrize("retry_after, expected_sleeps", [
    (20, [20, 20, 20]),  # a fourth wait would pass the 60 s budget
    (None, None),
])
def test_persistent_429_gives_up_within_the_budget(standin, source, pull, fake_time,
                                                   retry_after, expected_sleeps):
    standin.inject(Fault(429, times=None, retry_after=retry_after))
    with pytest.raises(SourceError, match="429 RESOURCE_EXHAUSTED"):
        pull(source)
    policy = RetryPolicy()
    assert sum(fake_time.sleeps) <= policy.budget
    assert len(standin.api_calls()) <= policy.max_attempts
    if expected_sleeps:
        assert fake_time.sleeps == expected_sleeps
    else:  # exponential: each wait at least half its doubling ceiling
        for attempt, slept in enumerate(fake_time.sleeps):
            assert 2 ** attempt / 2 <= slept <= 2 ** attempt


def test_expired_token_mid_run_is_refreshed_once(standin, source, pull):
    standin.inject(Fault(401, times=1, skip=1))  # the values request finds the token expired
    assert len(pull(source).rows) == 3
    assert [e.path for e in standin.log] == ["/token", f"/v4/spreadsheets/{KEY}", standin.log[2].path,
                                             "/token", standin.log[2].path]


def test_slow_answer_times_out_and_says_so(standin, source, pull):
    standin.inject(Fault(delay=0.3, times=None))
    with pytest.raises(SourceError, match="Google did not answer in time after 2 tries"):
        pull(source, timeout=(1.0, 0.1), retry=RetryPolicy(max_attempts=2))


def test_slow_token_exchange_times_out_too(standin, source, pull):
    standin.token_delay = 0.3
    with pytest.raises(SourceError, match="Google did not answer in time after 1 try in 0 s"):
        pull(source, timeout=(1.0, 0.1), retry=RetryPolicy(max_attempts=1))


def test_key_google_does_not_know_is_rejected_by_the_token_service(standin, source, pull):
    del standin.service_accounts[ACCOUNT]  # as when the key was deleted in the Cloud console
    with pytest.raises(SourceError, match="token service rejected the credentials of "
                                          f"{re.escape(ACCOUNT)}: invalid_grant"):
        pull(source)


def test_one_slow_answer_is_retried(standin, source, pull, fake_time):
    standin.inject(Fault(delay=0.3, times=1))
    assert len(pull(source, timeout=(1.0, 0.1)).rows) == 3
    assert len(fake_time.sleeps) == 1


def test_empty_tab_is_an_error(standin, source, pull):
    standin.spreadsheets[KEY].tabs[0].rows = []
    with pytest.raises(SourceError, match=re.escape(f"tab '{ANSWERS}' is empty")):
        pull(source)


# --- addresses --------------------------------------------------------------------------

@pytest.mark.parametrize("url, key, gid, expected", [
    (f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=555", None, None, (KEY, 555)),
    (f"https://docs.google.com/spreadsheets/d/{KEY}/edit?usp=sharing", None, None, (KEY, None)),
    (f"https://docs.google.com/spreadsheets/d/{KEY}/edit?gid=0#gid=0", None, None, (KEY, 0)),
    (f"https://docs.google.com/spreadsheets/u/1/d/{KEY}/", None, 7, (KEY, 7)),
    (None, KEY, None, (KEY, None)),
    (f" https://docs.google.com/spreadsheets/d/{KEY} ", KEY, None, (KEY, None)),
])
def test_sheet_addresses(url, key, gid, expected):
    assert parse_sheet_address(url, key, gid) == expected


@pytest.mark.parametrize("url, key, gid, message", [
    (None, None, None, "is missing"),
    ("", "  ", None, "is missing"),
    ("https://example.com/spreadsheets/d/" + KEY, None, None, "is not a Google Sheets address"),
    ("https://docs.google.com/document/d/" + KEY, None, None, "is not a Google Sheets address"),
    ("https://docs.google.com/spreadsheets/d/e/2PACX-1vQabc/pubhtml", None, None,
     "'Publish to the web' link"),
    ("https://docs.google.com/spreadsheets/d/1abc/edit", None, None, "too short"),
    (None, "not a key!", None, "does not look like a Google Sheet key"),
    (f"https://docs.google.com/spreadsheets/d/{KEY}/edit", "1Other" + KEY[6:], None, "keep one"),
    (f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=5", None, 6, "keep one"),
])
def test_bad_sheet_addresses(url, key, gid, message):
    with pytest.raises(ValueError, match=message) as caught:
        parse_sheet_address(url, key, gid)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("first_header", ["Вопрос 1", "Untitled question", "Сұрақ 1"])
def test_timestamps_under_a_question_that_says_nothing_are_found_by_their_serials(
        standin, source, pull, first_header):
    standin.spreadsheets[KEY].tabs[0].rows[0] = [first_header, *HEADERS[1:]]
    table = pull(source)
    assert [row[0] for row in table.rows] == ["2024-03-15 14:05:33", "2024-03-01 00:00:01",
                                              "2024-02-29 23:59:59"]
    assert table.rows[0][3] == "87474289378"  # a phone stays a number written out
