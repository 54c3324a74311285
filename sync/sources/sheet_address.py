"""Turn what an organizer pastes into config.toml (a Sheet's address or its key) into (key, gid)."""

from __future__ import annotations

import re

_KEY_IN_URL = re.compile(r"/spreadsheets/(?:u/\d+/)?d/([A-Za-z0-9_-]+)")  # u/1: a second account
_GID_IN_URL = re.compile(r"[#?&]gid=(\d+)")
_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Real keys are 44 characters; anything much shorter is a typo or a truncated copy.
_MIN_KEY_LENGTH = 20
_SHEETS_HOST = "docs.google.com/spreadsheets/"
# "File > Share > Publish to the web" links (/d/e/2PACX-...) are not keys the API accepts.
_PUBLISHED_MARKER = "e"


def parse_sheet_address(url: str | None, key: str | None, gid: int | None) -> tuple[str, int | None]:
    """Return (key, gid) from a Sheet's browser address and/or its bare key.

    Raises ValueError with a one-line reason when neither is given, the address is not a
    Google Sheets one, or the address and the explicit key/gid contradict each other.
    """
    url = (url or "").strip()
    key = (key or "").strip()
    if not url and not key:
        raise ValueError("is missing: give the Google Sheet's address (url = \"https://docs.google.com/"
                         "spreadsheets/d/.../edit\") or its key")
    url_key, url_gid = _from_url(url) if url else (None, None)
    if key and not (_KEY.fullmatch(key) and len(key) >= _MIN_KEY_LENGTH):
        raise ValueError(f"has a key that does not look like a Google Sheet key: {key!r}")
    if url_key and key and url_key != key:
        raise ValueError(f"names key {url_key!r} but 'key' says {key!r}; keep one of them")
    if url_gid is not None and gid is not None and url_gid != gid:
        raise ValueError(f"names tab gid {url_gid} but 'gid' says {gid}; keep one of them")
    return (url_key or key), (gid if gid is not None else url_gid)


def _from_url(url: str) -> tuple[str, int | None]:
    match = _KEY_IN_URL.search(url)
    if _SHEETS_HOST not in url or not match:
        raise ValueError(f"is not a Google Sheets address: {url!r} (copy it from the browser "
                         "while the sheet is open)")
    found = match.group(1)
    if found == _PUBLISHED_MARKER:
        raise ValueError(f"is a 'Publish to the web' link, which the API cannot read: {url!r}; "
                         "copy the address from the browser while editing the sheet")
    if len(found) < _MIN_KEY_LENGTH:
        raise ValueError(f"has a key that is too short to be real: {found!r} (is the address cut off?)")
    gid = _GID_IN_URL.search(url)
    return found, (int(gid.group(1)) if gid else None)
