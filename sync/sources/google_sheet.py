"""Read one tab of a Google Sheet as a SheetTable: three HTTP requests per pull.

1. the token exchange (google-auth, with the key file or the token file);
2. spreadsheets.get: title, time zone, locale and the tabs (one metadata read, reused);
3. values.get for the whole tab, UNFORMATTED_VALUE + SERIAL_NUMBER, so the answers do
   not depend on the sheet's locale: numbers stay numbers, timestamps are day serials.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, NamedTuple, Sequence

import google.auth.exceptions
import gspread
import requests
from google.auth.transport.requests import AuthorizedSession, Request
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account
from gspread.exceptions import APIError

from sync.config import GoogleSheetSource
from sync.errors import SourceError
from sync.headers import guess_field, unique_headers
from sync.sources.google_http import (DEFAULT_RETRY, DEFAULT_TIMEOUT, RetriesExhausted,
                                      RetryingHTTPClient, RetryPolicy)
from sync.sources.table import SheetTable, build_table, fill_merged_down

log = logging.getLogger("regsync")

SCOPES = ("https://www.googleapis.com/auth/spreadsheets.readonly",)
# Sheets counts days from 30 Dec 1899 (as Lotus 1-2-3 and Excel do), so serial 1 = 31 Dec 1899.
SERIAL_ORIGIN = dt.datetime(1899, 12, 30)
SECONDS_PER_DAY = 86_400
VALUES_PARAMS = {"valueRenderOption": "UNFORMATTED_VALUE",
                 "dateTimeRenderOption": "SERIAL_NUMBER", "majorDimension": "ROWS"}
METADATA_PARAMS = {"includeGridData": "false",
                   "fields": "properties(title,locale,timeZone),"
                             "sheets.properties(sheetId,title,index,gridProperties),sheets.merges"}
_SERVICE_ACCOUNT_FIELDS = ("client_email", "private_key", "token_uri")
_TOKEN_FILE_FIELDS = ("refresh_token", "client_id", "client_secret")


def read_google_sheet(source: GoogleSheetSource, *, adapter: requests.adapters.BaseAdapter | None = None,
                      sleeper: Callable[[float], None] = time.sleep,
                      clock: Callable[[], float] = time.monotonic,
                      timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                      retry: RetryPolicy = DEFAULT_RETRY) -> SheetTable:
    """The tab's answers as text; timestamps as wall-clock text in the returned timezone."""
    return _pull(source, adapter, sleeper, clock, timeout, retry).table


def describe_google_sheet(source: GoogleSheetSource, *, adapter: requests.adapters.BaseAdapter | None = None,
                          sleeper: Callable[[float], None] = time.sleep,
                          clock: Callable[[], float] = time.monotonic,
                          timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                          retry: RetryPolicy = DEFAULT_RETRY) -> dict[str, Any]:
    """What `regsync check` shows: who reads the sheet and what it found there."""
    pulled = _pull(source, adapter, sleeper, clock, timeout, retry)
    return {"account": pulled.account, "title": pulled.title, "tab": pulled.tab,
            "time_zone": pulled.table.timezone, "locale": pulled.locale,
            "rows": len(pulled.table.rows), "headers": list(pulled.table.headers),
            "table": pulled.table}


# --- one pull ---------------------------------------------------------------------------

class _Pulled(NamedTuple):
    table: SheetTable
    account: str  # who read it: the service account's e-mail or the token file's owner
    title: str
    tab: str
    locale: str


def _pull(source: GoogleSheetSource, adapter, sleeper, clock, timeout, retry) -> _Pulled:
    creds, account = load_credentials(source)
    with authorized_client(creds, adapter, sleeper, clock, timeout, retry) as http:
        with _explained(source, account):
            meta = http.fetch_sheet_metadata(source.key, params=METADATA_PARAMS)
            tab = choose_tab(source, meta)
            values = http.values_get(source.key, quote_tab(tab["title"]), params=VALUES_PARAMS)
    props = meta.get("properties", {})
    title = props.get("title", source.key)
    timezone = props.get("timeZone") or source.timezone
    grid = cells_to_text(values.get("values", []), _timestamp_column(source, values))
    fill_merged_down(grid, _merges(meta, tab))
    where = f"Google Sheet '{title}', tab '{tab['title']}'"
    if not grid or not any(cell.strip() for cell in grid[0]):
        raise SourceError(f"source '{source.name}': {where} is empty or its first row "
                          "(the questions) is blank")
    return _Pulled(build_table(source.name, where, grid, timezone), account, title, tab["title"],
                   props.get("locale", ""))


@contextmanager
def authorized_client(creds, adapter, sleeper, clock, timeout, retry) -> Iterator[RetryingHTTPClient]:
    # The token exchange gets its own session; our HTTP client passes its timeout to it.
    token_session = requests.Session()
    session = AuthorizedSession(creds, auth_request=Request(token_session))
    if adapter is not None:
        token_session.mount("https://", adapter)
        session.mount("https://", adapter)
    client = gspread.Client(auth=creds, session=session, http_client=RetryingHTTPClient)
    http: RetryingHTTPClient = client.http_client
    http.configure(timeout=timeout, retry=retry, sleeper=sleeper, clock=clock)
    try:
        yield http
    finally:
        session.close()
        token_session.close()


def choose_tab(source: GoogleSheetSource, meta: Mapping[str, Any]) -> Mapping[str, Any]:
    """The tab named by gid, else by title, else the first one."""
    tabs = [sheet["properties"] for sheet in meta.get("sheets", [])]
    if source.gid is not None:
        found = [t for t in tabs if t.get("sheetId", 0) == source.gid]
        wanted = f"gid {source.gid}"
    elif source.tab is not None:
        found = [t for t in tabs if t.get("title") == source.tab]
        wanted = f"'{source.tab}'"
    else:
        found, wanted = tabs[:1], "any tab"
    if not found:
        listing = ", ".join(f"'{t.get('title')}' (gid {t.get('sheetId', 0)})" for t in tabs) or "none"
        raise SourceError(f"source '{source.name}': no tab {wanted} in spreadsheet "
                          f"'{meta.get('properties', {}).get('title', source.key)}'; tabs: {listing}")
    return found[0]


def _merges(meta: Mapping[str, Any], tab: Mapping[str, Any]) -> list[tuple[int, int, int]]:
    """The tab's merged cells as fill_merged_down takes them: the values API gives a merged
    cell's value in its first row only."""
    sheet = next((s for s in meta.get("sheets", []) if s.get("properties") is tab), {})
    return [(m.get("startColumnIndex", 0), m.get("startRowIndex", 0) + 1, m.get("endRowIndex", 0))
            for m in sheet.get("merges", [])]


def quote_tab(title: str) -> str:
    """A1 range for a whole tab: quoted, so spaces, brackets and Cyrillic are safe."""
    return "'" + title.replace("'", "''") + "'"


# --- cells ------------------------------------------------------------------------------

def _timestamp_column(source: GoogleSheetSource, values: Mapping[str, Any]) -> int | None:
    """The column of submission times: named in config, worded so, or else the one whose
    answers are day serials with a time of day (a form whose questions say nothing)."""
    rows = values.get("values", [])
    headers = unique_headers([cell_to_text(c) for c in rows[0]]) if rows else []
    override = source.columns.get("submitted_at")
    if isinstance(override, tuple):  # asked in each branch of the form: the first one's
        override = override[0]
    for position, header in enumerate(headers):
        if header == override or (override is None and guess_field(header) == "submitted_at"):
            return position
    return _serial_column(rows[1:SERIAL_SAMPLE_ROWS + 1]) if override is None else None


# Day serials of 1 Jan 2000 and 1 Jan 2100: a number between them with a fraction of a day
# is a moment the API sent as a serial, not a phone, a count or a year.
SERIAL_RANGE = (36_526, 73_051)
SERIAL_SAMPLE_ROWS = 200  # answers looked at per column: the first ones are enough
SERIAL_CELLS_SHARE = 0.8  # of a column's filled cells, to call it the timestamps


def _serial_column(rows: Sequence[Sequence[Any]]) -> int | None:
    for position in range(max(map(len, rows), default=0)):
        cells = [r[position] for r in rows if position < len(r) and r[position] not in ("", None)]
        serials = sum(1 for c in cells if _is_number(c) and SERIAL_RANGE[0] <= c < SERIAL_RANGE[1]
                      and c % 1)
        if cells and serials >= SERIAL_CELLS_SHARE * len(cells):
            return position
    return None


def cells_to_text(rows: Sequence[Sequence[Any]], timestamp_column: int | None) -> list[list[str]]:
    """Every cell as text; numbers in the timestamp column (below the header) as wall-clock time."""
    grid = []
    for number, row in enumerate(rows):
        grid.append([serial_to_text(cell) if position == timestamp_column and number > 0
                     and _is_number(cell) else cell_to_text(cell)
                     for position, cell in enumerate(row)])
    return grid


def cell_to_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        # phones and codes arrive as 87474289378.0; their ".0" is not part of the answer
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return cell if isinstance(cell, str) else str(cell)


def serial_to_text(serial: float) -> str:
    """Day serial (wall clock in the sheet's zone) -> 'YYYY-MM-DD HH:MM:SS', to the second."""
    moment = SERIAL_ORIGIN + dt.timedelta(seconds=round(serial * SECONDS_PER_DAY))
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _is_number(cell: Any) -> bool:
    return isinstance(cell, (int, float)) and not isinstance(cell, bool)


# --- credentials ------------------------------------------------------------------------

def load_credentials(source: GoogleSheetSource, scopes: Sequence[str] = SCOPES,
                     where: str | None = None) -> tuple[Any, str]:
    """(google-auth credentials, who reads: the service account's e-mail or a description).

    `source`: anything with `credentials` and `oauth_token`; `where` starts every error
    message (by default "source '<name>'")."""
    where = where or f"source '{source.name}'"
    if source.oauth_token is not None:
        info = _read_json(where, source.oauth_token, "token file")
        _require(where, source.oauth_token, info, "authorized_user", _TOKEN_FILE_FIELDS,
                 "an OAuth token file")
        try:
            creds = user_credentials.Credentials.from_authorized_user_info(info, scopes=scopes)
        except ValueError as e:
            raise SourceError(f"{where}: token file {source.oauth_token} "
                              f"cannot be used: {one_line(e)}") from None
        return creds, f"the Google account whose token is in {source.oauth_token}"
    if source.credentials is None:
        raise SourceError(f"{where}: no credentials file configured")
    info = _read_json(where, source.credentials, "key file")
    _require(where, source.credentials, info, "service_account", _SERVICE_ACCOUNT_FIELDS,
             "a service-account key")
    _warn_if_readable_by_others(source.credentials)
    try:
        creds = service_account.Credentials.from_service_account_info(info, scopes=scopes)
    except ValueError:  # the message may quote key material: never pass it on
        raise SourceError(f"{where}: key file {source.credentials}: its private_key "
                          "is damaged (not a PEM RSA key); download a new JSON key") from None
    return creds, info["client_email"]


def _warn_if_readable_by_others(path: Path) -> None:
    """The key opens the sheet: other users of the machine should not be able to read it."""
    if os.name == "posix" and Path(path).stat().st_mode & 0o077:
        log.warning("warning: the key file %s can be read by other users of this machine; "
                    "run: chmod 600 %s", path, path)


def _read_json(where: str, path: Path, what: str) -> dict[str, Any]:
    try:
        info = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise SourceError(f"{where}: {what} not found: {path}") from None
    except OSError as e:
        raise SourceError(f"{where}: cannot read {what} {path}: {e.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SourceError(f"{where}: {what} {path} is not JSON; download it again") from None
    if not isinstance(info, dict):
        raise SourceError(f"{where}: {what} {path} is JSON but not a key object")
    return info


def _require(where: str, path: Path, info: Mapping[str, Any], kind: str,
             fields: Sequence[str], described: str) -> None:
    found = info.get("type")
    if found != kind and not (kind == "authorized_user" and found is None):
        hint = (" (a service-account key goes under 'credentials')" if found == "service_account"
                else " (a token file goes under 'oauth_token')" if found == "authorized_user" else "")
        raise SourceError(f"{where}: {path} is not {described}: its type is "
                          f"{found!r}, expected {kind!r}{hint}")
    missing = [f for f in fields if not info.get(f)]
    if missing:
        raise SourceError(f"{where}: {path} lacks {', '.join(missing)}; "
                          "download a new one")


# --- errors -----------------------------------------------------------------------------

@contextmanager
def _explained(source: GoogleSheetSource, account: str) -> Iterator[None]:
    """Turn every way a pull can fail into one SourceError line naming the source."""
    name = f"source '{source.name}'"
    try:
        yield
    except APIError as e:
        raise SourceError(f"{name}: {_api_problem(source, account, e.response)}") from e
    except RetriesExhausted as e:
        raise SourceError(f"{name}: {gave_up(e)}") from e
    except google.auth.exceptions.RefreshError as e:
        raise SourceError(f"{name}: Google's token service rejected the credentials of "
                          f"{account}: {one_line(e.args[0] if e.args else e)}") from e
    except requests.RequestException as e:  # e.g. a proxy answering with an HTML page
        raise SourceError(f"{name}: unexpected answer from Google: {type(e).__name__}: "
                          f"{one_line(e)}") from e


def _api_problem(source: GoogleSheetSource, account: str, response: requests.Response) -> str:
    status, code, message = google_error(response)
    if code == 403 and ("has not been used" in message or "is disabled" in message):
        return ("the Google Sheets API is not enabled in the Cloud project of "
                f"{account}; enable it (see docs/google-sheet-setup.md)")
    if code == 403:
        return (f"the sheet is not shared with {account}; open it, press Share and add "
                "that address as Viewer")
    if code == 404:
        return f"no spreadsheet with key {source.key}; check the url in config.toml"
    if code == 401:
        return (f"Google rejected the credentials of {account} (401 {status}) even after a "
                "fresh token; the key may have been deleted: make a new one")
    return f"Google answered {code} {status}: {message}"


def gave_up(e: RetriesExhausted, quota: str = "read") -> str:
    """Why the retries ran out, in one line; `quota`: which of Google's quotas a 429 means."""
    tries = f"after {e.attempts} {'try' if e.attempts == 1 else 'tries'} in {e.seconds:.0f} s"
    if e.response is not None:
        status, code, message = google_error(e.response)
        if code == 429:
            return (f"Google's {quota} quota is exhausted (429 {status}) {tries}; wait a minute "
                    "and run again, or run less often")
        return f"Google kept answering {code} {status} {tries}; try again later"
    # google-auth wraps a timed-out token request in TransportError, raised from the original
    if isinstance(e.error, requests.Timeout) or isinstance(e.error.__cause__, requests.Timeout):
        return f"Google did not answer in time {tries}; the network or Google is slow"
    return f"cannot reach Google (network unreachable?) {tries}: {one_line(e.error)}"


def google_error(response: requests.Response) -> tuple[str, int, str]:
    """(status, code, message) from Google's {"error": {...}} body, or from the HTTP line."""
    try:
        error = response.json().get("error", {})
    except ValueError:
        error = {}
    if not isinstance(error, dict):
        error = {}
    return (str(error.get("status", response.reason or "")),
            int(error.get("code", response.status_code)),
            one_line(error.get("message", "")))


def one_line(text: Any) -> str:
    return " ".join(str(text).split())
