"""An IMAP mailbox, read-only: connect, look, fetch. Never marks, moves or deletes a letter.

The folder is opened with EXAMINE (read-only) and letters are fetched with BODY.PEEK, which
leaves the \\Seen flag alone. TLS on connect (port 993) by default, STARTTLS on request; the
server's certificate is always checked (imaplib checks none unless given a context). Every
network step has the source's timeout. Every failure is a SourceError of one line.
"""

from __future__ import annotations

import base64
import datetime as dt
import imaplib
import os
import re
import socket
import ssl
from dataclasses import dataclass
from typing import Iterator, Sequence

from sync.config import ImapSource
from sync.errors import ConfigError, SourceError

# UIDs asked for in one header FETCH: a command line stays short, a big mailbox few trips.
HEADER_BATCH = 200
ENVELOPE_FIELDS = "MESSAGE-ID DATE FROM SUBJECT"
_FETCH_ITEMS = f"(UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS ({ENVELOPE_FIELDS})])"
_UID = re.compile(rb"\bUID (\d+)")
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
_INTERNALDATE = re.compile(rb'\bINTERNALDATE "([^"]+)"')
# IMAP dates name months in English whatever the locale ("14-Mar-2025")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class FolderStatus:
    uidvalidity: int
    messages: int


@dataclass(frozen=True)
class Envelope:
    """What a header FETCH gives of one letter, before its body is fetched."""

    uid: int
    size: int  # bytes, as the server counts them
    received: dt.datetime | None  # the server's INTERNALDATE
    header: bytes  # the Message-ID, Date, From and Subject lines


def password_of(source: ImapSource) -> str:
    password = os.environ.get(source.password_env, "")
    if not password:
        raise ConfigError(f"source '{source.name}': set the environment variable "
                          f"{source.password_env} to the password of {source.user} on "
                          f"{source.host} (for Gmail: an app password)")
    return password


class ImapReader:
    """One logged-in connection with the source's folder open read-only."""

    def __init__(self, source: ImapSource, password: str):
        self.source = source
        self.where = f"mailbox {source.user} on {source.host}:{source.port}"
        self._conn = self._connect()
        try:
            self._login(password)
            self.status = self._examine()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "ImapReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- connecting --------------------------------------------------------------------

    def _connect(self) -> imaplib.IMAP4:
        s = self.source
        context = ssl.create_default_context(cafile=str(s.ca_file) if s.ca_file else None)
        try:
            if s.starttls:
                conn = imaplib.IMAP4(s.host, s.port, timeout=s.timeout)
                try:
                    conn.starttls(ssl_context=context)
                except BaseException:
                    _shut(conn)
                    raise
                return conn
            return imaplib.IMAP4_SSL(s.host, s.port, ssl_context=context, timeout=s.timeout)
        except ssl.SSLCertVerificationError as e:
            raise SourceError(f"{self.where}: the server's certificate is not trusted "
                              f"({e.verify_message}); set ca_file if it is your own server")
        except ssl.SSLError as e:
            how = ("STARTTLS failed" if s.starttls else
                   "the server does not speak TLS on this port (for port 143 set starttls = true)")
            raise SourceError(f"{self.where}: TLS refused: {how} ({e.reason or e})")
        except imaplib.IMAP4.error as e:  # STARTTLS not offered: never go on unencrypted
            raise SourceError(f"{self.where}: TLS refused: {_text(e)}; regsync never sends "
                              "the password unencrypted")
        except socket.gaierror:
            raise SourceError(f"{self.where}: unknown host {s.host!r}")
        except (TimeoutError, socket.timeout):
            raise SourceError(f"{self.where}: no answer within {s.timeout:g} s")
        except ConnectionRefusedError:
            raise SourceError(f"{self.where}: connection refused (is the server up and the "
                              "port right?)")
        except OSError as e:
            raise SourceError(f"{self.where}: cannot connect: {e.strerror or e}")

    def _login(self, password: str) -> None:
        user = self.source.user
        try:
            if user.isascii() and password.isascii():
                self._conn.login(user, password)
            else:  # LOGIN's quoted strings are ASCII; SASL PLAIN carries UTF-8
                self._conn.authenticate("PLAIN", lambda _: f"\0{user}\0{password}".encode())
        except imaplib.IMAP4.abort as e:
            raise SourceError(f"{self.where}: the connection broke during login: {_text(e)}")
        except imaplib.IMAP4.error:
            raise SourceError(f"{self.where}: the server refused the login for {user} (wrong "
                              f"password in {self.source.password_env}? Gmail needs an app "
                              "password)")
        except OSError as e:
            raise self._broken(e)

    def _examine(self) -> FolderStatus:
        folder = self.source.folder
        typ, data = self._call("EXAMINE", lambda: self._conn.select(quoted(folder), readonly=True))
        if typ != "OK":
            raise SourceError(f"{self.where}: no folder {folder!r} ({_text(data)}); folders: "
                              f"{', '.join(self.folders()) or 'none'}")
        _, validity = self._conn.response("UIDVALIDITY")
        if not validity or not validity[0]:
            raise SourceError(f"{self.where}: the server gave no UIDVALIDITY for {folder!r}")
        return FolderStatus(int(validity[0]), int(data[0] or 0))

    def folders(self) -> list[str]:
        typ, data = self._call("LIST", lambda: self._conn.list())
        names = []
        for line in data if typ == "OK" else []:
            if isinstance(line, bytes):
                m = re.search(rb'"?([^"]*)"?$', line.rstrip())
                if m:
                    names.append(decode_folder(m.group(1).decode("ascii", "replace")))
        return names

    # --- reading -------------------------------------------------------------------------

    def search(self, after_uid: int, since: dt.date | None) -> list[int]:
        """UIDs above `after_uid`, received on or after `since`, oldest first."""
        criteria = ["UID", f"{after_uid + 1}:*"]
        if since is not None:
            criteria += ["SINCE", f"{since.day}-{_MONTHS[since.month - 1]}-{since.year}"]
        typ, data = self._call("SEARCH", lambda: self._conn.uid("SEARCH", *criteria))
        if typ != "OK":
            raise SourceError(f"{self.where}: the server refused to search: {_text(data)}")
        # "n:*" always matches the newest letter, even when its UID is below n
        return sorted(u for u in map(int, b" ".join(d or b"" for d in data).split())
                      if u > after_uid)

    def envelopes(self, uids: Sequence[int]) -> Iterator[Envelope]:
        """Sizes, arrival times and header lines, a batch of letters per command."""
        for start in range(0, len(uids), HEADER_BATCH):
            batch = uids[start:start + HEADER_BATCH]
            uid_set = ",".join(map(str, batch))
            typ, data = self._call("FETCH", lambda: self._conn.uid("FETCH", uid_set, _FETCH_ITEMS))
            if typ != "OK":
                raise SourceError(f"{self.where}: the server refused to list letters: "
                                  f"{_text(data)}")
            found = {}
            for prefix, literal in _responses(data):
                uid = _UID.search(prefix)
                # (an unsolicited FETCH of flags may name a UID too: the one with the
                # header lines is the answer)
                if uid and (literal is not None or int(uid.group(1)) not in found):
                    size, received = _SIZE.search(prefix), _INTERNALDATE.search(prefix)
                    found[int(uid.group(1))] = Envelope(
                        int(uid.group(1)), int(size.group(1)) if size else 0,
                        _internal_date(received.group(1)) if received else None, literal or b"")
            for uid in batch:
                if uid not in found:
                    raise self._vanished(uid)
                yield found[uid]

    def fetch(self, uid: int) -> bytes:
        """The whole letter, as sent; it stays unread on the server."""
        typ, data = self._call("FETCH", lambda: self._conn.uid("FETCH", str(uid), "(UID BODY.PEEK[])"))
        if typ != "OK":
            raise self._vanished(uid, _text(data))
        for prefix, literal in _responses(data):
            found = _UID.search(prefix)
            if found and int(found.group(1)) == uid and literal is not None:
                return literal
        raise self._vanished(uid)

    def _vanished(self, uid: int, detail: str = "") -> SourceError:
        more = f" ({detail})" if detail else ""
        return SourceError(f"{self.where}: letter UID {uid} in {self.source.folder!r} "
                           f"disappeared while it was being read{more} (deleted or moved by "
                           "another mail program?); nothing was stored, run again")

    def _call(self, what: str, command):
        try:
            return command()
        except imaplib.IMAP4.abort as e:
            raise SourceError(f"{self.where}: the connection broke during {what}: {_text(e)}")
        except imaplib.IMAP4.error as e:
            raise SourceError(f"{self.where}: {what} failed: {_text(e)}")
        except OSError as e:
            raise self._broken(e)

    def _broken(self, e: OSError) -> SourceError:
        if isinstance(e, (TimeoutError, socket.timeout)):
            return SourceError(f"{self.where}: no answer within {self.source.timeout:g} s")
        return SourceError(f"{self.where}: the connection broke: {e.strerror or e}")

    def close(self) -> None:
        conn, self._conn = getattr(self, "_conn", None), None
        if conn is not None:
            try:
                if conn.state == "SELECTED":
                    conn.close()  # after EXAMINE this expunges nothing
                conn.logout()
            except (imaplib.IMAP4.error, OSError):
                pass
            _shut(conn)


def _shut(conn: imaplib.IMAP4) -> None:
    try:
        conn.shutdown()
    except (OSError, AttributeError):
        pass


def _responses(data: list) -> Iterator[tuple[bytes, bytes | None]]:
    """(the response's text, its literal) per FETCH response; imaplib splits a response
    with a literal into a tuple and the text after it, which is joined back here."""
    current: list = []
    for item in data:
        if isinstance(item, tuple):
            if current:
                yield current[0], current[1]
            current = [item[0], item[1]]
        elif isinstance(item, bytes):
            if current:
                current[0] += b" " + item
            else:
                yield item, None
    if current:
        yield current[0], current[1]


_INTERNAL = re.compile(r"\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)")


def _internal_date(text: bytes) -> dt.datetime | None:
    """ '14-Mar-2025 10:32:00 +0500' (parsed by hand: strptime's %b follows the locale)."""
    m = _INTERNAL.fullmatch(text.decode("ascii", "replace"))
    if not m or m.group(2).title() not in _MONTHS:
        return None
    day, month, year = int(m.group(1)), _MONTHS.index(m.group(2).title()) + 1, int(m.group(3))
    offset = dt.timedelta(hours=int(m.group(8)), minutes=int(m.group(9)))
    try:
        return dt.datetime(year, month, day, int(m.group(4)), int(m.group(5)), int(m.group(6)),
                           tzinfo=dt.timezone(offset if m.group(7) == "+" else -offset))
    except ValueError:
        return None


def _text(value) -> str:
    if isinstance(value, BaseException):
        value = value.args[0] if value.args else str(value)
    if isinstance(value, list):
        value = b" ".join(v for v in value if isinstance(v, bytes))
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value).split())


# --- folder names: IMAP's modified UTF-7 (RFC 3501, 5.1.3) ------------------------------

def encode_folder(name: str) -> str:
    """'Заявки' -> '&BBcEMARPBDIEOgQ4-': how IMAP spells a folder name that is not ASCII."""
    out, pending = [], []

    def flush() -> None:
        if pending:
            raw = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).decode().rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if " " <= char <= "~":
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


def decode_folder(name: str) -> str:
    def one(m: re.Match) -> str:
        body = m.group(1)
        if not body:
            return "&"
        raw = body.replace(",", "/")
        return base64.b64decode(raw + "=" * (-len(raw) % 4)).decode("utf-16-be", "replace")

    return re.sub(r"&([^-]*)-", one, name)


def quoted(folder: str) -> str:
    encoded = encode_folder(folder)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'
