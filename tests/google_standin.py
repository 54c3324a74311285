"""A local stand-in for Google's token endpoint and the Sheets API v4.

Real gspread and google-auth talk to it over HTTP: the service-account JWT is verified
with the test's public key, values come back in Google's shapes (trailing blanks dropped,
no "values" key for an empty range, serials or formatted text), errors in Google's
{"error": {"code", "message", "status"}} bodies. Its answers are held to recordings of the
real API in tests/test_google_standin.py.

The write side (what publishing uses): values:batchUpdate, values:batchClear and
spreadsheets:batchUpdate (addSheet, deleteSheet, updateSheetProperties,
updateSpreadsheetProperties, updateDimensionProperties, setBasicFilter,
createDeveloperMetadata). Writes need a token with the read-write scope and a spreadsheet
shared as editor; a batch is applied whole or not at all, as Google does; values must fit
the tab's grid, a request its payload limit and the spreadsheet its cell limit.

Other test files get the `google_standin` fixture once tests/conftest.py says:
pytest_plugins = ["google_standin"]; or use running_standin() in a fixture of their own.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import datetime as dt
import functools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from requests.adapters import HTTPAdapter

SHEETS_HOST = "sheets.googleapis.com"
READONLY_SCOPE = "https://www.googleapis.com/auth/spreadsheets.readonly"
WRITE_SCOPE = "https://www.googleapis.com/auth/spreadsheets"
SCOPES = frozenset({READONLY_SCOPE, WRITE_SCOPE})
PAYLOAD_LIMIT = 10_485_760  # bytes in one request ("Request payload size exceeds the limit")
CELL_LIMIT = 10_000_000  # cells in one spreadsheet, every tab's grid counted
# google-auth always signs for Google's own endpoint, whatever token_uri the key file names.
TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Seconds between the server loop's checks for shutdown; the default 0.5 s slows every test.
SHUTDOWN_POLL = 0.01
TOKEN_LIFETIME = 3600  # seconds, as Google issues them
SERIAL_ORIGIN = dt.datetime(1899, 12, 30)  # Sheets' day zero (see sync.sources.google_sheet)
_PLAIN_TITLE = re.compile(r"[A-Za-z0-9_]+")  # titles Google writes in ranges without quotes
_CELL = re.compile(r"([A-Z]*)(\d*)")
_LOCALE_DATETIME = {"ru_RU": "%d.%m.%Y %H:%M:%S", "en_US": "%m/%d/%Y %H:%M:%S"}
_ERROR_TEXT = {
    400: ("INVALID_ARGUMENT", ""),  # the message is the detail given
    401: ("UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
          "access token, login cookie or other valid authentication credential."),
    403: ("PERMISSION_DENIED", "The caller does not have permission"),
    "scope": ("PERMISSION_DENIED", "Request had insufficient authentication scopes."),
    404: ("NOT_FOUND", "Requested entity was not found."),
    429: ("RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests' and limit "
          "'Read requests per minute per user' of service 'sheets.googleapis.com'."),
    500: ("INTERNAL", "Internal error encountered."),
    503: ("UNAVAILABLE", "The service is currently unavailable."),
}


# --- spreadsheets given as Python data ---------------------------------------------------

@dataclass(frozen=True)
class DateTime:
    """A date/time cell: wall clock in the sheet's zone; `shown` is its formatted text."""
    moment: dt.datetime
    shown: str | None = None

    def serial(self) -> float:
        return (self.moment - SERIAL_ORIGIN) / dt.timedelta(days=1)


@dataclass(frozen=True)
class Formula:
    """What USER_ENTERED makes of text starting with '=': a formula, no longer the text."""
    text: str


@dataclass
class Tab:
    title: str
    rows: list[list[Any]]
    sheet_id: int = 0
    row_count: int = 1000
    column_count: int = 26
    frozen_rows: int = 0
    column_pixels: dict[int, int] = field(default_factory=dict)  # column index -> width
    basic_filter: dict[str, Any] | None = None
    metadata: list[dict[str, Any]] = field(default_factory=list)  # developerMetadata, as Google shows it
    merges: list[dict[str, int]] = field(default_factory=list)  # GridRanges, as Google shows them


@dataclass
class Spreadsheet:
    key: str
    title: str
    tabs: list[Tab]
    locale: str = "en_US"
    time_zone: str = "Etc/GMT"
    shared: bool = True  # False: every read answers 403, as an unshared sheet does
    editable: bool = True  # False: shared as Viewer, every write answers 403


@dataclass
class Fault:
    """After `skip` good calls, answer `status` (and/or wait `delay` s) to the next `times`
    API calls; times=None: forever. `on`: only calls of that kind (see CALL_KINDS)."""
    status: int | None = None
    times: int | None = 1
    retry_after: int | None = None
    delay: float = 0.0
    skip: int = 0
    on: str | None = None


@dataclass
class Logged:
    method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    body: Any = None  # the JSON a POST sent

    @property
    def kind(self) -> str | None:
        return call_kind(self.method, self.path)


# The API calls the stand-in knows, by method and path: kind -> pattern (group 1: the key).
CALL_KINDS = {
    "metadata": ("GET", re.compile(r"/v4/spreadsheets/([^/:]+)")),
    "values.get": ("GET", re.compile(r"/v4/spreadsheets/([^/:]+)/values/(.+)")),
    "values.batchGet": ("GET", re.compile(r"/v4/spreadsheets/([^/:]+)/values:batchGet")),
    "values.batchUpdate": ("POST", re.compile(r"/v4/spreadsheets/([^/:]+)/values:batchUpdate")),
    "values.batchClear": ("POST", re.compile(r"/v4/spreadsheets/([^/:]+)/values:batchClear")),
    "batchUpdate": ("POST", re.compile(r"/v4/spreadsheets/([^/:]+):batchUpdate")),
}
WRITES = frozenset({"values.batchUpdate", "values.batchClear", "batchUpdate"})
BATCH_REQUESTS = frozenset({"addSheet", "deleteSheet", "updateSheetProperties",
                            "updateSpreadsheetProperties", "updateDimensionProperties",
                            "setBasicFilter", "createDeveloperMetadata"})


def call_kind(method: str, path: str) -> str | None:
    for kind, (verb, pattern) in CALL_KINDS.items():
        if method == verb and pattern.fullmatch(path):
            return kind
    return None


class BadRequest(Exception):
    """A 400 with Google's message."""


# --- the server ---------------------------------------------------------------------------

class GoogleStandIn:
    def __init__(self) -> None:
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.faults: list[Fault] = []
        self.log: list[Logged] = []
        self.service_accounts: dict[str, Any] = {}  # client_email -> RSA public key
        self.authorized_users: dict[str, tuple[str, str]] = {}  # refresh token -> (id, secret)
        # refresh token -> the scopes its owner consented to (both, unless a test says)
        self.authorized_scopes: dict[str, frozenset[str]] = {}
        self.reject_all_tokens = False  # every API call 401s, even with a fresh token
        self.token_delay = 0.0  # seconds the token endpoint waits before answering
        self.payload_limit = PAYLOAD_LIMIT
        self.cell_limit = CELL_LIMIT
        self._tokens: dict[str, frozenset[str]] = {}  # access token -> its scopes
        self._next_metadata_id = 1
        self._issued = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.token_uri = f"{self.base_url}/token"

    def start(self) -> "GoogleStandIn":
        threading.Thread(target=self._server.serve_forever, args=(SHUTDOWN_POLL,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add(self, spreadsheet: Spreadsheet) -> Spreadsheet:
        self.spreadsheets[spreadsheet.key] = spreadsheet
        return spreadsheet

    def inject(self, fault: Fault) -> None:
        self.faults.append(fault)

    def expire_tokens(self) -> None:
        """Every token issued so far stops working, as at the end of its hour."""
        with self._lock:
            self._tokens.clear()

    def grant_token(self, scopes: frozenset[str] = SCOPES) -> str:
        """A valid access token without the JWT dance, for tests that replay raw requests."""
        return self._new_token(scopes)

    def tab(self, key: str, title: str) -> Tab:
        return next(t for t in self.spreadsheets[key].tabs if t.title == title)

    def api_calls(self) -> list[Logged]:
        return [entry for entry in self.log if entry.path.startswith("/v4/")]

    # -- token endpoint --

    def issue_token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if self.token_delay:
            time.sleep(self.token_delay)
        grant = form.get("grant_type")
        if grant == JWT_BEARER:
            problem, scopes = self._check_assertion(form.get("assertion", ""))
        elif grant == "refresh_token":
            refresh = form.get("refresh_token", "")
            pair = self.authorized_users.get(refresh)
            ok = pair == (form.get("client_id"), form.get("client_secret"))
            problem = None if ok else "Token has been expired or revoked."
            scopes = self.authorized_scopes.get(refresh, SCOPES)
            asked = frozenset(form.get("scope", "").split()) or scopes
            if ok and not asked <= scopes:  # more than the person consented to
                return 400, {"error": "invalid_scope", "error_description": "Bad Request"}
            scopes = asked
        else:
            return 400, {"error": "unsupported_grant_type", "error_description": str(grant)}
        if problem:
            return 400, {"error": "invalid_grant", "error_description": problem}
        return 200, {"access_token": self._new_token(scopes), "expires_in": TOKEN_LIFETIME,
                     "token_type": "Bearer"}

    def _new_token(self, scopes: frozenset[str]) -> str:
        with self._lock:
            self._issued += 1
            token = f"ya29.standin-{self._issued}"
            self._tokens[token] = frozenset(scopes)
        return token

    def _check_assertion(self, assertion: str) -> tuple[str | None, frozenset[str]]:
        """(the problem, or None; the scopes the JWT asks for)."""
        try:
            header_b64, claims_b64, signature_b64 = assertion.split(".")
            header, claims = json.loads(_b64(header_b64)), json.loads(_b64(claims_b64))
        except ValueError:
            return "Invalid JWT.", frozenset()
        key = self.service_accounts.get(claims.get("iss"))
        if header.get("alg") != "RS256" or key is None:
            return "Invalid JWT: unknown issuer or algorithm.", frozenset()
        try:
            key.verify(_b64(signature_b64), f"{header_b64}.{claims_b64}".encode(),
                       padding.PKCS1v15(), hashes.SHA256())
        except Exception:  # cryptography raises InvalidSignature; any failure is a bad JWT
            return "Invalid JWT Signature.", frozenset()
        if claims.get("aud") != TOKEN_AUDIENCE:
            return "Invalid JWT: audience is not the token endpoint.", frozenset()
        scopes = frozenset(str(claims.get("scope", "")).split())
        if not scopes or not scopes <= SCOPES:
            return f"Invalid scope: {claims.get('scope')}", frozenset()
        if not claims.get("exp", 0) > time.time():
            return ("Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.",
                    frozenset())
        return None, scopes

    # -- API --

    def answer(self, method: str, path: str, query: dict[str, list[str]],
               authorization: str, body: bytes = b"") -> tuple[int, dict[str, str], Any]:
        kind = call_kind(method, path)
        fault = self._take_fault(kind)
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.status:
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            return fault.status, headers, _error(fault.status)
        with self._lock:
            scopes = self._tokens.get(authorization.removeprefix("Bearer "))
        if self.reject_all_tokens or scopes is None:
            return 401, {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}, _error(401)
        if kind is None:
            return 404, {}, _error(404)
        match = CALL_KINDS[kind][1].fullmatch(path)
        sheet = self.spreadsheets.get(match.group(1))
        if sheet is None:
            return 404, {}, _error(404)
        if not sheet.shared:
            return 403, {}, _error(403)
        if kind in WRITES and WRITE_SCOPE not in scopes:
            return 403, {}, _error("scope")
        if kind in WRITES and not sheet.editable:
            return 403, {}, _error(403)
        if len(body) > self.payload_limit:
            return 400, {}, _error(400, f"Request payload size exceeds the limit: "
                                        f"{self.payload_limit} bytes.")
        try:
            payload = json.loads(body) if body else {}
        except ValueError:
            return 400, {}, _error(400, "Invalid JSON payload received.")
        try:
            with self._lock:
                return 200, {}, self._call(kind, sheet, match, query, payload)
        except LookupError as e:
            return 400, {}, _error(400, f"Unable to parse range: {e.args[0]}")
        except BadRequest as e:
            return 400, {}, _error(400, str(e))

    def _call(self, kind: str, sheet: Spreadsheet, match: re.Match, query: dict[str, list[str]],
              payload: dict[str, Any]) -> Any:
        if kind == "metadata":
            return metadata(sheet)
        if kind == "values.get":
            return value_range(sheet, unquote(match.group(2)), query)
        if kind == "values.batchGet":
            return {"spreadsheetId": sheet.key,
                    "valueRanges": [value_range(sheet, r, query) for r in query.get("ranges", [])]}
        if kind == "values.batchUpdate":
            return write_values(sheet, payload)
        if kind == "values.batchClear":
            return clear_values(sheet, payload)
        return self._batch_update(sheet, payload)

    def _batch_update(self, sheet: Spreadsheet, payload: dict[str, Any]) -> dict[str, Any]:
        """Every request applied to a copy; the copy replaces the tabs only if all succeed."""
        tabs = copy.deepcopy(sheet.tabs)
        title = sheet.title
        replies = []
        for number, request in enumerate(payload.get("requests", [])):
            (name, body), = request.items()
            if name not in BATCH_REQUESTS:
                raise BadRequest(f'Invalid JSON payload received. Unknown name "{name}" at '
                                 f"'requests[{number}]': Cannot find field.")
            where = f"Invalid requests[{number}].{name}: "
            try:
                if name == "updateSpreadsheetProperties":
                    if "title" in _field_mask(body):
                        title = body["properties"]["title"]
                    replies.append({})
                else:
                    replies.append(self._sheet_request(tabs, name, body))
                if sum(t.row_count * t.column_count for t in tabs) > self.cell_limit:
                    raise BadRequest("This action would increase the number of cells in the "
                                     f"workbook above the limit of {self.cell_limit} cells.")
            except BadRequest as e:
                raise BadRequest(where + str(e)) from None
        sheet.tabs[:] = tabs
        sheet.title = title
        return {"spreadsheetId": sheet.key, "replies": replies}

    def _sheet_request(self, tabs: list[Tab], name: str, body: dict[str, Any]) -> dict[str, Any]:
        if name == "addSheet":
            properties = body.get("properties", {})
            grid = properties.get("gridProperties", {})
            sheet_id = properties.get("sheetId", _free_sheet_id(tabs))
            title = properties.get("title", f"Sheet{len(tabs) + 1}")
            if any(t.sheet_id == sheet_id for t in tabs):
                raise BadRequest(f"Sheet with id {sheet_id} already exists.")
            _require_free_title(tabs, title)
            tab = Tab(title, [], sheet_id, grid.get("rowCount", 1000), grid.get("columnCount", 26),
                      frozen_rows=grid.get("frozenRowCount", 0))
            tabs.insert(properties.get("index", len(tabs)), tab)
            return {"addSheet": {"properties": _properties(tab, tabs.index(tab))}}
        if name == "deleteSheet":
            tab = _tab_by_id(tabs, body["sheetId"])
            if len(tabs) == 1:
                raise BadRequest("You can't remove all the sheets in a document.")
            tabs.remove(tab)
            return {}
        if name == "updateSheetProperties":
            properties = body["properties"]
            tab = _tab_by_id(tabs, properties["sheetId"])
            grid = properties.get("gridProperties", {})
            for path in _field_mask(body):
                if path == "title":
                    _require_free_title([t for t in tabs if t is not tab], properties["title"])
                    tab.title = properties["title"]
                elif path == "gridProperties.rowCount":
                    tab.row_count = grid["rowCount"]
                    del tab.rows[tab.row_count:]
                elif path == "gridProperties.columnCount":
                    tab.column_count = grid["columnCount"]
                    tab.rows[:] = [row[:tab.column_count] for row in tab.rows]
                elif path == "gridProperties.frozenRowCount":
                    tab.frozen_rows = grid["frozenRowCount"]
                else:
                    raise BadRequest(f"the stand-in does not know the field {path!r}")
            return {}
        if name == "updateDimensionProperties":
            span = body["range"]
            tab = _tab_by_id(tabs, span["sheetId"])
            if span.get("dimension") != "COLUMNS" or _field_mask(body) != ["pixelSize"]:
                raise BadRequest("the stand-in sets column widths only")
            if span["endIndex"] > tab.column_count:
                raise BadRequest(f"Range ({tab.title}!{_letters(span['endIndex'] - 1)}) exceeds "
                                 f"grid limits. Max rows: {tab.row_count}, max columns: "
                                 f"{tab.column_count}")
            for column in range(span["startIndex"], span["endIndex"]):
                tab.column_pixels[column] = body["properties"]["pixelSize"]
            return {}
        if name == "setBasicFilter":
            span = body["filter"]["range"]
            _tab_by_id(tabs, span["sheetId"]).basic_filter = body["filter"]
            return {}
        if name == "createDeveloperMetadata":
            metadata = dict(body["developerMetadata"])
            tab = _tab_by_id(tabs, metadata["location"]["sheetId"])
            metadata["metadataId"] = self._next_metadata_id
            self._next_metadata_id += 1
            metadata["location"] = {"locationType": "SHEET", "sheetId": tab.sheet_id}
            tab.metadata.append(metadata)
            return {"createDeveloperMetadata": {"developerMetadata": metadata}}
        raise AssertionError(name)  # BATCH_REQUESTS lists only the kinds handled above

    def _take_fault(self, kind: str | None) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.on is not None and fault.on != kind:
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                if fault.times is None:
                    return fault
                if fault.times > 0:
                    fault.times -= 1
                    return fault
        return None


def _handler_for(standin: GoogleStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query, keep_blank_values=True)
            sent = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if parts.path == "/token" and self.command == "POST":
                standin.log.append(Logged(self.command, parts.path, query))
                form = {k: v[0] for k, v in parse_qs(sent.decode()).items()}
                status, body = standin.issue_token(form)
                headers: dict[str, str] = {}
            else:
                standin.log.append(Logged(self.command, parts.path, query, _json_or_bytes(sent)))
                status, headers, body = standin.answer(self.command, parts.path, query,
                                                       self.headers.get("Authorization", ""), sent)
            data = json.dumps(body, ensure_ascii=False, indent=2).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out and left: that is what the slow-answer tests want

        def log_message(self, *args: Any) -> None:
            pass  # keep pytest output clean; the request log is standin.log

    return Handler


def _json_or_bytes(sent: bytes) -> Any:
    if not sent:
        return None
    try:
        return json.loads(sent)
    except ValueError:
        return sent


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _error(code: int | str, detail: str = "") -> dict[str, Any]:
    """Google's error body; for 400, `detail` is the whole message."""
    status, message = _ERROR_TEXT[code]
    number = 403 if code == "scope" else code
    text = detail if code == 400 else message
    return {"error": {"code": number, "message": text, "status": status}}


# --- Google's shapes --------------------------------------------------------------------

def metadata(sheet: Spreadsheet) -> dict[str, Any]:
    """spreadsheets.get (includeGridData=false); `fields` is not applied: a superset is sent.
    As Google does, a tab's filter, developer metadata and merges appear only when it has them."""
    sheets = []
    for index, tab in enumerate(sheet.tabs):
        entry: dict[str, Any] = {"properties": _properties(tab, index)}
        if tab.basic_filter is not None:
            entry["basicFilter"] = tab.basic_filter
        if tab.metadata:
            entry["developerMetadata"] = tab.metadata
        if tab.merges:
            entry["merges"] = tab.merges
        sheets.append(entry)
    return {
        "spreadsheetId": sheet.key,
        "properties": {"title": sheet.title, "locale": sheet.locale, "autoRecalc": "ON_CHANGE",
                       "timeZone": sheet.time_zone},
        "sheets": sheets,
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{sheet.key}/edit",
    }


def _properties(tab: Tab, index: int) -> dict[str, Any]:
    grid = {"rowCount": tab.row_count, "columnCount": tab.column_count}
    if tab.frozen_rows:
        grid["frozenRowCount"] = tab.frozen_rows
    return {"sheetId": tab.sheet_id, "title": tab.title, "index": index, "sheetType": "GRID",
            "gridProperties": grid}


def write_values(sheet: Spreadsheet, payload: dict[str, Any]) -> dict[str, Any]:
    """values:batchUpdate: every range checked against its grid first, then all written."""
    option = payload.get("valueInputOption")
    if option not in ("RAW", "USER_ENTERED"):
        raise BadRequest(f"Invalid valueInputOption: {option or 'INPUT_VALUE_OPTION_UNSPECIFIED'}")
    planned = []
    for item in payload.get("data", []):
        tab, top, left = _start(sheet, item["range"])
        values = item.get("values", [])
        if item.get("majorDimension", "ROWS") != "ROWS":
            raise BadRequest("the stand-in writes rows only")
        bottom = top + len(values) - 1
        right = left + max((len(row) for row in values), default=1) - 1
        if bottom >= tab.row_count or right >= tab.column_count:
            raise BadRequest(f"Range ({item['range']}) exceeds grid limits. Max rows: "
                             f"{tab.row_count}, max columns: {tab.column_count}")
        planned.append((tab, top, left, values, bottom, right))
    responses = []
    for tab, top, left, values, bottom, right in planned:
        for offset, row in enumerate(values):
            cells = _row(tab, top + offset)
            cells.extend([""] * (left + len(row) - len(cells)))
            for column, value in enumerate(row, start=left):
                cells[column] = value if option == "RAW" else _user_entered(value)
        responses.append({"spreadsheetId": sheet.key,
                          "updatedRange": f"{_shown(tab.title)}!{_letters(left)}{top + 1}:"
                                          f"{_letters(right)}{bottom + 1}",
                          "updatedRows": len(values), "updatedColumns": right - left + 1,
                          "updatedCells": sum(len(row) for row in values)})
    answer: dict[str, Any] = {"spreadsheetId": sheet.key}
    if responses:
        answer |= {"totalUpdatedRows": sum(r["updatedRows"] for r in responses),
                   "totalUpdatedColumns": max(r["updatedColumns"] for r in responses),
                   "totalUpdatedCells": sum(r["updatedCells"] for r in responses),
                   "totalUpdatedSheets": len({id(p[0]) for p in planned})}
    answer["responses"] = responses
    return answer


def clear_values(sheet: Spreadsheet, payload: dict[str, Any]) -> dict[str, Any]:
    """values:batchClear: values go, formats and the grid stay."""
    spans = []
    for a1 in payload.get("ranges", []):
        tab = _tab_of(sheet, a1)
        spans.append((tab, *_bounds(a1.partition("!")[2], tab)))
    cleared = []
    for tab, top, left, bottom, right in spans:
        for row in tab.rows[top:bottom + 1]:
            for column in range(left, min(right + 1, len(row))):
                row[column] = ""
        for position, row in enumerate(tab.rows):
            tab.rows[position] = _drop_trailing(row)
        while tab.rows and not tab.rows[-1]:
            tab.rows.pop()
        cleared.append(f"{_shown(tab.title)}!{_letters(left)}{top + 1}:{_letters(right)}{bottom + 1}")
    return {"spreadsheetId": sheet.key, "clearedRanges": cleared}


def _start(sheet: Spreadsheet, a1: str) -> tuple[Tab, int, int]:
    """The tab and the top-left cell (0-based) of a range written to."""
    tab = _tab_of(sheet, a1)
    cells = a1.partition("!")[2]
    first = _CELL.fullmatch(cells.partition(":")[0]) if cells else None
    if cells and not first:
        raise LookupError(a1)
    top = int(first.group(2) or 1) - 1 if first else 0
    return tab, top, _column(first.group(1) or "A") if first else 0


def _tab_of(sheet: Spreadsheet, a1: str) -> Tab:
    title = a1.partition("!")[0]
    if title.startswith("'") and title.endswith("'"):
        title = title[1:-1].replace("''", "'")
    tab = next((t for t in sheet.tabs if t.title == title), None)
    if tab is None:
        raise LookupError(a1)
    return tab


def _row(tab: Tab, number: int) -> list[Any]:
    while len(tab.rows) <= number:
        tab.rows.append([])
    return tab.rows[number]


def _user_entered(value: Any) -> Any:
    """What Sheets makes of typed text: formulas, numbers; a leading apostrophe keeps text."""
    if not isinstance(value, str):
        return value
    if value.startswith("'"):
        return value[1:]
    if value.startswith("="):
        return Formula(value)
    try:
        return _number(float(value.replace(" ", "")))
    except ValueError:
        return value


def _field_mask(body: dict[str, Any]) -> list[str]:
    """A field mask as dotted paths; Google takes "a/b" for "a.b" too."""
    return [path.strip().replace("/", ".") for path in body.get("fields", "").split(",")
            if path.strip()]


def _tab_by_id(tabs: list[Tab], sheet_id: int) -> Tab:
    tab = next((t for t in tabs if t.sheet_id == sheet_id), None)
    if tab is None:
        raise BadRequest(f"No grid with id: {sheet_id}")
    return tab


def _require_free_title(tabs: list[Tab], title: str) -> None:
    if any(t.title.casefold() == title.casefold() for t in tabs):
        raise BadRequest(f'A sheet with the name "{title}" already exists. Please enter another name.')


def _free_sheet_id(tabs: list[Tab]) -> int:
    """Google picks a random positive id; the stand-in the next one after the largest."""
    return max((t.sheet_id for t in tabs), default=0) + 1


def _shown(title: str) -> str:
    """A tab's title as Google writes it in ranges: quoted unless plain."""
    return title if _PLAIN_TITLE.fullmatch(title) else "'" + title.replace("'", "''") + "'"


def value_range(sheet: Spreadsheet, a1: str, query: dict[str, list[str]]) -> dict[str, Any]:
    """values.get for one A1 range: `Tab`, `'Tab'`, `Tab!A1:D4`, `Tab!A:A`."""
    title, _, cells = a1.partition("!")
    if title.startswith("'") and title.endswith("'"):
        title = title[1:-1].replace("''", "'")
    tab = next((t for t in sheet.tabs if t.title == title), None)
    if tab is None:
        raise LookupError(a1)
    top, left, bottom, right = _bounds(cells, tab)
    render = query.get("valueRenderOption", ["FORMATTED_VALUE"])[0]
    dates = query.get("dateTimeRenderOption", ["SERIAL_NUMBER"])[0]
    rows = [[_render(cell, render, dates, sheet.locale) for cell in row[left:right + 1]]
            for row in tab.rows[top:bottom + 1]]
    rows = [_drop_trailing(row) for row in rows]
    while rows and not rows[-1]:
        rows.pop()
    answer: dict[str, Any] = {
        "range": f"{_shown(title)}!{_letters(left)}{top + 1}:{_letters(right)}{bottom + 1}",
        "majorDimension": "ROWS"}
    if rows:
        answer["values"] = rows
    return answer


def _bounds(cells: str, tab: Tab) -> tuple[int, int, int, int]:
    if not cells:  # the whole tab: its grid, not just the cells in use
        return 0, 0, tab.row_count - 1, tab.column_count - 1
    start, _, end = cells.partition(":")
    first, last = _CELL.fullmatch(start), _CELL.fullmatch(end or start)
    if not first or not last:
        raise LookupError(cells)
    top = int(first.group(2) or 1) - 1
    left = _column(first.group(1) or "A")
    bottom = int(last.group(2)) - 1 if last.group(2) else tab.row_count - 1
    right = _column(last.group(1)) if last.group(1) else tab.column_count - 1
    return top, left, min(bottom, tab.row_count - 1), min(right, tab.column_count - 1)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def _letters(index: int) -> str:
    text, index = "", index + 1
    while index:
        index, remainder = divmod(index - 1, 26)
        text = chr(ord("A") + remainder) + text
    return text


def _render(cell: Any, render: str, dates: str, locale: str) -> Any:
    if cell is None or cell == "":
        return ""
    if isinstance(cell, Formula):  # the stand-in does not evaluate: the formula's text
        return cell.text
    if isinstance(cell, DateTime):
        shown = cell.shown or cell.moment.strftime(_LOCALE_DATETIME.get(locale, "%Y-%m-%d %H:%M:%S"))
        if render == "FORMATTED_VALUE" or dates == "FORMATTED_STRING":
            return shown
        return _number(cell.serial())
    if isinstance(cell, bool):
        return cell if render != "FORMATTED_VALUE" else ("TRUE" if cell else "FALSE")
    if isinstance(cell, (int, float)):
        return _number(cell) if render != "FORMATTED_VALUE" else str(_number(cell))
    return cell


def _number(value: float) -> int | float:
    """Google writes whole numbers without a fraction: 53, not 53.0."""
    return int(value) if float(value).is_integer() else value


def _drop_trailing(row: list[Any]) -> list[Any]:
    while row and row[-1] == "":
        row.pop()
    return row


class FakeTime:
    """A clock that moves only when the code under test sleeps; sleeps are recorded."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


# --- the client side of the tests: routing and keys ---------------------------------------

class StandInAdapter(HTTPAdapter):
    """Sends https://sheets.googleapis.com/... (and Google's token endpoint, where OAuth token
    files always send their refresh) to the stand-in; refuses every other host."""

    def __init__(self, standin: GoogleStandIn) -> None:
        super().__init__()
        self.standin = standin

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        parts = urlsplit(request.url)
        if request.url.startswith(TOKEN_AUDIENCE):
            request.url = self.standin.token_uri
        elif parts.hostname == SHEETS_HOST:
            request.url = self.standin.base_url + request.url[len(f"https://{SHEETS_HOST}"):]
        else:
            raise requests.ConnectionError(f"test transport refuses {parts.hostname}")
        return super().send(request, **kwargs)


@functools.lru_cache(maxsize=1)
def _test_key() -> rsa.RSAPrivateKey:
    """One RSA key per test run: generating one takes a noticeable fraction of a second."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def new_service_account(standin: GoogleStandIn, email: str) -> dict[str, Any]:
    """A service-account key (as Google's JSON) with a fresh RSA key the stand-in trusts."""
    private = _test_key()
    standin.service_accounts[email] = private.public_key()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return {"type": "service_account", "project_id": "plastnet-test",
            "private_key_id": "0123456789abcdef", "private_key": pem, "client_email": email,
            "client_id": "100000000000000000000", "token_uri": standin.token_uri}


def new_authorized_user(standin: GoogleStandIn, scopes: frozenset[str] = SCOPES) -> dict[str, Any]:
    """An OAuth token file as google-auth writes it, whose refresh token the stand-in knows;
    `scopes`: what the person consented to when the file was made."""
    info = {"type": "authorized_user", "client_id": "standin-client.apps.googleusercontent.com",
            "client_secret": "standin-secret", "refresh_token": "1//standin-refresh",
            "token_uri": standin.token_uri}
    standin.authorized_users[info["refresh_token"]] = (info["client_id"], info["client_secret"])
    standin.authorized_scopes[info["refresh_token"]] = frozenset(scopes)
    return info


@contextlib.contextmanager
def running_standin() -> Iterator[GoogleStandIn]:
    standin = GoogleStandIn().start()
    try:
        yield standin
    finally:
        standin.stop()


@pytest.fixture
def google_standin() -> Iterator[GoogleStandIn]:
    with running_standin() as standin:
        yield standin
