"""A local stand-in for Google's token endpoint and the Sheets API v4 (read side).

Real gspread and google-auth talk to it over HTTP: the service-account JWT is verified
with the test's public key, values come back in Google's shapes (trailing blanks dropped,
no "values" key for an empty range, serials or formatted text), errors in Google's
{"error": {"code", "message", "status"}} bodies. Its answers are held to recordings of the
real API in tests/test_google_standin.py.

Other test files get the `google_standin` fixture once tests/conftest.py says:
pytest_plugins = ["google_standin"]; or use running_standin() in a fixture of their own.
"""

from __future__ import annotations

import base64
import contextlib
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
    400: ("INVALID_ARGUMENT", "Unable to parse range: {detail}"),
    401: ("UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
          "access token, login cookie or other valid authentication credential."),
    403: ("PERMISSION_DENIED", "The caller does not have permission"),
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


@dataclass
class Tab:
    title: str
    rows: list[list[Any]]
    sheet_id: int = 0
    row_count: int = 1000
    column_count: int = 26


@dataclass
class Spreadsheet:
    key: str
    title: str
    tabs: list[Tab]
    locale: str = "en_US"
    time_zone: str = "Etc/GMT"
    shared: bool = True  # False: every read answers 403, as an unshared sheet does


@dataclass
class Fault:
    """After `skip` good calls, answer `status` (and/or wait `delay` s) to the next `times`
    API calls; times=None: forever."""
    status: int | None = None
    times: int | None = 1
    retry_after: int | None = None
    delay: float = 0.0
    skip: int = 0


@dataclass
class Logged:
    method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)


# --- the server ---------------------------------------------------------------------------

class GoogleStandIn:
    def __init__(self) -> None:
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.faults: list[Fault] = []
        self.log: list[Logged] = []
        self.service_accounts: dict[str, Any] = {}  # client_email -> RSA public key
        self.authorized_users: dict[str, tuple[str, str]] = {}  # refresh token -> (id, secret)
        self.reject_all_tokens = False  # every API call 401s, even with a fresh token
        self.token_delay = 0.0  # seconds the token endpoint waits before answering
        self._tokens: set[str] = set()
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

    def grant_token(self) -> str:
        """A valid access token without the JWT dance, for tests that replay raw requests."""
        return self._new_token()

    def api_calls(self) -> list[Logged]:
        return [entry for entry in self.log if entry.path.startswith("/v4/")]

    # -- token endpoint --

    def issue_token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if self.token_delay:
            time.sleep(self.token_delay)
        grant = form.get("grant_type")
        if grant == JWT_BEARER:
            problem = self._check_assertion(form.get("assertion", ""))
        elif grant == "refresh_token":
            pair = self.authorized_users.get(form.get("refresh_token", ""))
            ok = pair == (form.get("client_id"), form.get("client_secret"))
            problem = None if ok else "Token has been expired or revoked."
        else:
            return 400, {"error": "unsupported_grant_type", "error_description": str(grant)}
        if problem:
            return 400, {"error": "invalid_grant", "error_description": problem}
        return 200, {"access_token": self._new_token(), "expires_in": TOKEN_LIFETIME,
                     "token_type": "Bearer"}

    def _new_token(self) -> str:
        with self._lock:
            self._issued += 1
            token = f"ya29.standin-{self._issued}"
            self._tokens.add(token)
        return token

    def _check_assertion(self, assertion: str) -> str | None:
        try:
            header_b64, claims_b64, signature_b64 = assertion.split(".")
            header, claims = json.loads(_b64(header_b64)), json.loads(_b64(claims_b64))
        except ValueError:
            return "Invalid JWT."
        key = self.service_accounts.get(claims.get("iss"))
        if header.get("alg") != "RS256" or key is None:
            return "Invalid JWT: unknown issuer or algorithm."
        try:
            key.verify(_b64(signature_b64), f"{header_b64}.{claims_b64}".encode(),
                       padding.PKCS1v15(), hashes.SHA256())
        except Exception:  # cryptography raises InvalidSignature; any failure is a bad JWT
            return "Invalid JWT Signature."
        if claims.get("aud") != TOKEN_AUDIENCE:
            return "Invalid JWT: audience is not the token endpoint."
        if claims.get("scope") != READONLY_SCOPE:
            return f"Invalid scope: {claims.get('scope')}"
        if not claims.get("exp", 0) > time.time():
            return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe."
        return None

    # -- API --

    def answer(self, method: str, path: str, query: dict[str, list[str]],
               authorization: str) -> tuple[int, dict[str, str], Any]:
        fault = self._take_fault()
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.status:
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            return fault.status, headers, _error(fault.status)
        with self._lock:
            known = authorization.removeprefix("Bearer ") in self._tokens
        if self.reject_all_tokens or not known:
            return 401, {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}, _error(401)
        match = re.fullmatch(r"/v4/spreadsheets/([^/:]+)(?:/values/(.+)|/values:batchGet)?", path)
        if method != "GET" or not match:
            return 404, {}, _error(404)
        sheet = self.spreadsheets.get(match.group(1))
        if sheet is None:
            return 404, {}, _error(404)
        if not sheet.shared:
            return 403, {}, _error(403)
        try:
            if path.endswith("/values:batchGet"):
                ranges = [value_range(sheet, r, query) for r in query.get("ranges", [])]
                return 200, {}, {"spreadsheetId": sheet.key, "valueRanges": ranges}
            if match.group(2):
                return 200, {}, value_range(sheet, unquote(match.group(2)), query)
        except LookupError as e:
            return 400, {}, _error(400, detail=str(e.args[0]))
        return 200, {}, metadata(sheet)

    def _take_fault(self) -> Fault | None:
        with self._lock:
            for fault in self.faults:
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
            standin.log.append(Logged(self.command, parts.path, query))
            if parts.path == "/token" and self.command == "POST":
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                status, body = standin.issue_token(form)
                headers: dict[str, str] = {}
            else:
                status, headers, body = standin.answer(self.command, parts.path, query,
                                                       self.headers.get("Authorization", ""))
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


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _error(code: int, detail: str = "") -> dict[str, Any]:
    status, message = _ERROR_TEXT[code]
    return {"error": {"code": code, "message": message.format(detail=detail), "status": status}}


# --- Google's shapes --------------------------------------------------------------------

def metadata(sheet: Spreadsheet) -> dict[str, Any]:
    """spreadsheets.get (includeGridData=false); `fields` is not applied: a superset is sent."""
    return {
        "spreadsheetId": sheet.key,
        "properties": {"title": sheet.title, "locale": sheet.locale, "autoRecalc": "ON_CHANGE",
                       "timeZone": sheet.time_zone},
        "sheets": [{"properties": {"sheetId": tab.sheet_id, "title": tab.title, "index": index,
                                   "sheetType": "GRID",
                                   "gridProperties": {"rowCount": tab.row_count,
                                                      "columnCount": tab.column_count}}}
                   for index, tab in enumerate(sheet.tabs)],
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{sheet.key}/edit",
    }


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
    shown_title = title if _PLAIN_TITLE.fullmatch(title) else "'" + title.replace("'", "''") + "'"
    answer: dict[str, Any] = {
        "range": f"{shown_title}!{_letters(left)}{top + 1}:{_letters(right)}{bottom + 1}",
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


def new_authorized_user(standin: GoogleStandIn) -> dict[str, Any]:
    """An OAuth token file as google-auth writes it, whose refresh token the stand-in knows."""
    info = {"type": "authorized_user", "client_id": "standin-client.apps.googleusercontent.com",
            "client_secret": "standin-secret", "refresh_token": "1//standin-refresh",
            "token_uri": standin.token_uri}
    standin.authorized_users[info["refresh_token"]] = (info["client_id"], info["client_secret"])
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
