"""Publish the report's lists to a Google spreadsheet ([publish]): few requests, RAW values.

A run asks Google, after the token:
1. spreadsheets.get: the tabs, their sizes and regsync's marks (one read);
2. spreadsheets:batchUpdate, only when a tab is missing, too small, misnamed or no longer
   wanted (sync/publish/plan.py);
3. values:batchClear of regsync's tabs (not on the first run: new tabs are empty);
4. values:batchUpdate of every tab at once, valueInputOption RAW: what respondents typed
   is stored as text, never evaluated ("=HYPERLINK(...)" stays those characters). A list
   bigger than Google takes in one request (10 MiB) goes in as few requests as it needs.
Every request has the pull's timeout and bounded retry (sync/sources/google_http.py).
"""

from __future__ import annotations

import json
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, NamedTuple

import google.auth.exceptions
import requests
from gspread.exceptions import APIError
from gspread.urls import SPREADSHEET_VALUES_BATCH_UPDATE_URL

from reports.model import ReportData
from sync.config import PublishConfig
from sync.errors import PublishError, SourceError
from sync.publish.plan import existing_tabs, plan
from sync.publish.tabs import TabContent, published_tabs
from sync.sources.google_http import (DEFAULT_RETRY, DEFAULT_TIMEOUT, RetriesExhausted,
                                      RetryPolicy)
from sync.sources.google_sheet import (authorized_client, gave_up, google_error,
                                       load_credentials, one_line)

log = logging.getLogger("regsync")

# Writing needs the read-write scope; the pull keeps asking for read-only.
SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
METADATA_PARAMS = {"includeGridData": "false",
                   "fields": "properties(title),sheets(properties(sheetId,title,index,"
                             "gridProperties(rowCount,columnCount)),"
                             "developerMetadata(metadataKey,metadataValue))"}
# Google refuses a request body over 10 MiB; the rest is room for the JSON around the rows.
MAX_REQUEST_BYTES = 9 * 1024 * 1024
_JSON = {"Content-Type": "application/json; charset=utf-8"}
_WHERE = "[publish]"


class Published(NamedTuple):
    title: str  # the spreadsheet's
    tabs: int
    requests: int  # API requests made, the token's excluded


def publish_report(target: PublishConfig, data: ReportData, *,
                   adapter: requests.adapters.BaseAdapter | None = None,
                   sleeper: Callable[[float], None] = time.sleep,
                   clock: Callable[[], float] = time.monotonic,
                   timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                   retry: RetryPolicy = DEFAULT_RETRY,
                   max_request_bytes: int = MAX_REQUEST_BYTES) -> Published:
    """Replace the content of regsync's tabs in the spreadsheet with the report's lists."""
    return publish_tabs(target, published_tabs(data, target.per_institution), adapter=adapter,
                        sleeper=sleeper, clock=clock, timeout=timeout, retry=retry,
                        max_request_bytes=max_request_bytes)


def publish_tabs(target: PublishConfig, wanted: list[TabContent], *,
                 adapter: requests.adapters.BaseAdapter | None = None,
                 sleeper: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 retry: RetryPolicy = DEFAULT_RETRY,
                 max_request_bytes: int = MAX_REQUEST_BYTES) -> Published:
    """Bring regsync's tabs in the spreadsheet to `wanted`, in as few requests as it takes."""
    creds, account = _credentials(target)
    step = _Step("reading the spreadsheet")
    with authorized_client(creds, adapter, sleeper, clock, timeout, retry) as http, \
            _explained(target, account, step, "report not published to the Google Sheet"):
        metadata = http.fetch_sheet_metadata(target.key, params=METADATA_PARAMS)
        title = metadata.get("properties", {}).get("title", target.key)
        changes = plan(existing_tabs(metadata), wanted)
        requests_made = 1
        if changes.structure:
            step.now("adding or resizing its tabs")
            http.batch_update(target.key, {"requests": changes.structure})
            requests_made += 1
        if changes.clear:
            step.now("clearing its tabs", emptied=True)
            http.values_batch_clear(target.key, body={"ranges": changes.clear})
            requests_made += 1
        step.now("writing the lists")
        for body in value_batches(changes.writes, max_request_bytes):
            http.request("post", SPREADSHEET_VALUES_BATCH_UPDATE_URL % target.key, data=body,
                         headers=_JSON)
            requests_made += 1
    log.debug("publish: %d tab(s) created, %d renamed, %d resized, %d deleted; %d requests",
              len(changes.created), len(changes.renamed), len(changes.resized),
              len(changes.deleted), requests_made)
    return Published(title, len(wanted), requests_made)


def describe_publish_target(target: PublishConfig, *,
                            adapter: requests.adapters.BaseAdapter | None = None,
                            sleeper: Callable[[float], None] = time.sleep,
                            clock: Callable[[], float] = time.monotonic,
                            timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                            retry: RetryPolicy = DEFAULT_RETRY) -> dict[str, Any]:
    """What `regsync check` shows: can regsync reach and write the spreadsheet?

    The write that proves it changes nothing: the spreadsheet's title set to itself."""
    creds, account = _credentials(target)
    step = _Step("reading the spreadsheet")
    with authorized_client(creds, adapter, sleeper, clock, timeout, retry) as http, \
            _explained(target, account, step, "publish target"):
        metadata = http.fetch_sheet_metadata(target.key, params=METADATA_PARAMS)
        title = metadata.get("properties", {}).get("title", "")
        step.now("trying a write that changes nothing")
        http.batch_update(target.key, {"requests": [{"updateSpreadsheetProperties": {
            "properties": {"title": title}, "fields": "title"}}]})
    tabs = existing_tabs(metadata)
    return {"account": account, "title": title,
            "ours": [t.title for t in tabs if t.role is not None],
            "others": [t.title for t in tabs if t.role is None]}


def value_batches(writes: list[tuple[str, list[list[Any]]]], limit: int) -> Iterator[bytes]:
    """values:batchUpdate bodies (RAW), each under `limit` bytes: one for any list a
    conference has; a longer one is cut between rows, each part starting at its own row."""
    head, tail = b'{"valueInputOption":"RAW","data":[', b"]}"
    envelope = len(head) + len(tail)
    done: list[bytes] = []  # the finished ranges of the body being filled
    size = envelope
    for tab, rows in writes:
        start, part = 0, []
        size += _range_overhead(tab, start) + 1  # its range, and the comma before it
        for number, row in enumerate(rows):
            cells = json.dumps(row, ensure_ascii=False, allow_nan=False,
                               separators=(",", ":")).encode("utf-8")
            if (done or part) and size + len(cells) + 1 > limit:
                if part:
                    done.append(_value_range(tab, start, part))
                yield head + b",".join(done) + tail
                done, part, start = [], [], number
                size = envelope + _range_overhead(tab, start) + 1
            part.append(cells)
            size += len(cells) + 1
        done.append(_value_range(tab, start, part))
    if done:
        yield head + b",".join(done) + tail


def _value_range(tab: str, start: int, rows: list[bytes]) -> bytes:
    a1 = json.dumps(f"{tab}!A{start + 1}", ensure_ascii=False).encode("utf-8")
    return b'{"range":' + a1 + b',"majorDimension":"ROWS","values":[' + b",".join(rows) + b"]}"


def _range_overhead(tab: str, start: int) -> int:
    return len(_value_range(tab, start, []))


# --- credentials and errors ---------------------------------------------------------------

def _credentials(target: PublishConfig) -> tuple[Any, str]:
    try:
        return load_credentials(target, SCOPES, where=_WHERE)
    except SourceError as e:
        raise PublishError(str(e)) from None


@dataclass
class _Step:
    """What the publish was doing, for the message when it fails; whether the tabs were
    cleared already (then they stay empty until the next run)."""

    doing: str
    emptied: bool = False

    def now(self, doing: str, emptied: bool = False) -> None:
        self.doing = doing
        self.emptied = self.emptied or emptied


@contextmanager
def _explained(target: PublishConfig, account: str, step: _Step, what: str) -> Iterator[None]:
    """Every way publishing can fail as one PublishError line: what, why, and the sheet's state."""
    try:
        yield
    except APIError as e:
        problem = _api_problem(target, account, step, e.response)
    except RetriesExhausted as e:
        problem = gave_up(e, quota="write")
    except google.auth.exceptions.RefreshError as e:
        problem = _refused_token(target, account, e)
    except requests.RequestException as e:  # e.g. a proxy answering with an HTML page
        problem = f"unexpected answer from Google: {type(e).__name__}: {one_line(e)}"
    else:
        return
    state = ("its regsync tabs are empty or incomplete until the next run" if step.emptied
             else "the spreadsheet was not changed")
    raise PublishError(f"{what}: {problem} (while {step.doing}; {state})") from None


def _api_problem(target: PublishConfig, account: str, step: _Step,
                 response: requests.Response) -> str:
    status, code, message = google_error(response)
    if code == 403 and ("has not been used" in message or "is disabled" in message):
        return ("the Google Sheets API is not enabled in the Cloud project of "
                f"{account}; enable it (see docs/google-sheet-setup.md)")
    if code == 403 and "scopes" in message:
        return (f"{account} was allowed to read only: make the token file again with the scope "
                f"{SCOPES[0]} (see docs/google-sheet-setup.md)")
    if code == 403 and step.doing == "reading the spreadsheet":
        return (f"the spreadsheet is not shared with {account}; open it, press Share and add "
                "that address as Editor")
    if code == 403:
        return (f"{account} may only view the spreadsheet; open it, press Share and make that "
                "address an Editor")
    if code == 404:
        return f"no spreadsheet with key {target.key}; check [publish] url in config.toml"
    if code == 401:
        return (f"Google rejected the credentials of {account} (401 {status}) even after a "
                "fresh token; the key may have been deleted: make a new one")
    return f"Google answered {code} {status}: {_unquoted(message)}"


def _refused_token(target: PublishConfig, account: str,
                   e: google.auth.exceptions.RefreshError) -> str:
    text = one_line(e.args[0] if e.args else e)
    if "invalid_scope" in text and target.oauth_token is not None:
        return (f"the token file {target.oauth_token} allows reading only; make it again with "
                f"the scope {SCOPES[0]} (see docs/google-sheet-setup.md)")
    return f"Google's token service rejected the credentials of {account}: {text}"


def _unquoted(message: str) -> str:
    """Google's message without what it quotes: a refused value may be a respondent's text."""
    parts = message.split('"')
    return "".join(part if n % 2 == 0 else "…" for n, part in enumerate(parts))
