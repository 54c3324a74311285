"""config.toml: read once with tomllib, validated into frozen dataclasses, passed down.

Every problem is one line naming the file and the key, raised as ConfigError (exit 2).
Relative paths are taken from the config file's folder, so cron can run from anywhere.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reports.model import CHECKIN_PLACES, DEFAULT_CHECKIN, INSTITUTION_COLUMNS, PARTICIPANT_FIELDS
from sync.errors import ConfigError
from sync.fields import CANONICAL_FIELDS

DEFAULT_TIMEZONE = "Asia/Almaty"
# Everything regsync writes holds personal data: readable and writable by its owner only.
DEFAULT_FILE_MODE = "600"
LANGUAGES = ("ru", "kk", "en")
FILE_TYPES = ("csv", "xlsx")  # xlsx: any Excel workbook, an old .xls too
_OLD_NAMES = {"xls": "xlsx"}
SOURCE_TYPES = (*FILE_TYPES, "google_sheet", "imap")
IMAP_TLS_PORT, IMAP_STARTTLS_PORT = 993, 143
# Seconds any one network step with a mail server may take: a stuck server must not hold the
# nightly run (and its lock) for long.
DEFAULT_IMAP_TIMEOUT_S = 30
# Fuzzy score (0-100, word-order-free and strict per word; see normalize/institutions.py) a
# spelling needs before it is grouped with a directory entry; below it nothing is guessed and
# the value goes to review.
DEFAULT_FUZZY_THRESHOLD = 90.0
# A source that loses more than this share of its rows in one run (or all of them) looks
# wrong, not edited: a sheet emptied by mistake, the wrong tab, a truncated export. It is
# reported with its own exit code; nothing stored is dropped either way.
DEFAULT_DROP_ALERT = 0.5
# [source.columns]: a field's question, "" for none, or its questions in each branch of a form
Columns = str | tuple[str, ...]


@dataclass(frozen=True)
class FileSource:
    name: str
    type: str  # "csv" | "xlsx"
    path: Path
    columns: Mapping[str, Columns]
    timezone: str
    sheet: str | None = None  # xlsx: the tab to read; the first one when None
    drop_alert: float = DEFAULT_DROP_ALERT


@dataclass(frozen=True)
class GoogleSheetSource:
    name: str
    key: str
    columns: Mapping[str, Columns]
    timezone: str  # used only when the spreadsheet's metadata has none
    gid: int | None = None
    tab: str | None = None
    credentials: Path | None = None  # service-account JSON
    oauth_token: Path | None = None  # authorized-user token file, the second way in
    drop_alert: float = DEFAULT_DROP_ALERT
    type: str = "google_sheet"


@dataclass(frozen=True)
class ImapSource:
    """A mailbox people send registrations to (see sync/sources/mailbox.py)."""

    name: str
    host: str
    user: str
    password_env: str  # the name of an environment variable, never the password
    timezone: str
    port: int = IMAP_TLS_PORT
    starttls: bool = False  # False: TLS from the first byte
    folder: str = "INBOX"
    since: dt.date | None = None  # letters received before it are not read
    subject_words: tuple[str, ...] = ()  # read only letters whose subject has one of them
    ca_file: Path | None = None  # trust this certificate authority instead of the system's
    timeout: float = DEFAULT_IMAP_TIMEOUT_S
    type: str = "imap"

    @property
    def columns(self) -> Mapping[str, str]:
        """The fixed headers of the table a mailbox is read into."""
        from sync.sources.mail_table import MAIL_COLUMNS

        return MAIL_COLUMNS


Source = FileSource | GoogleSheetSource | ImapSource


@dataclass(frozen=True)
class ReportConfig:
    dir: Path
    language: str = "ru"
    timezone: str = DEFAULT_TIMEZONE
    keep_days: int = 0  # 0 keeps every daily report
    include_vanished: bool = True
    # the question whose options are the sessions (its header); None: found by its wording;
    # "": none, one sign-in list for the whole conference
    session_question: str | None = None
    checkin: str = DEFAULT_CHECKIN  # sign-in lists: "auto", "sheets" of the report, "files", "none"
    # what a per-institution workbook shows: fields, or the form's questions by header
    institution_columns: tuple[str, ...] = INSTITUTION_COLUMNS

    def check_questions(self, questions: Sequence[str], where: str,
                        institution_columns: bool = False) -> None:
        """Raise ConfigError when session_question (and, with `institution_columns`, an
        entry of institution_columns) names a question the form does not have.
        `questions`: the form's other questions, by header; `where`: the config's name."""
        named = [("report.session_question", self.session_question)] if self.session_question else []
        if institution_columns:
            named += [("report.institution_columns", c) for c in self.institution_columns
                      if c not in PARTICIPANT_FIELDS]
        for key, name in named:
            if name.removeprefix("q: ") not in questions:
                known = ", ".join(repr(q) for q in questions) or "none"
                fields = (f"; fields: {', '.join(PARTICIPANT_FIELDS)}"
                          if key == "report.institution_columns" else "")
                raise ConfigError(f"{where}: '{key}' names {name!r}, which is not a question "
                                  f"of the form (its other questions: {known}{fields})")


@dataclass(frozen=True)
class NormalizeConfig:
    aliases: Path | None = None
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD
    fold_cities: bool = True


@dataclass(frozen=True)
class NotifyConfig:
    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    starttls: bool = True
    user: str | None = None
    password_env: str | None = None  # the name of an environment variable, never the password
    subject: str = "PlastNet: {count} participants on {date}"


@dataclass(frozen=True)
class PublishConfig:
    """[publish]: a Google spreadsheet the service account can edit; regsync owns its own tabs."""
    key: str
    credentials: Path | None = None  # service-account JSON
    oauth_token: Path | None = None  # authorized-user token file
    per_institution: bool = False  # also one tab per institution


@dataclass(frozen=True)
class Config:
    path: Path
    timezone: str
    sources: tuple[Source, ...]
    report: ReportConfig
    normalize: NormalizeConfig
    store_path: Path
    decisions_path: Path
    decisions_named: bool = False  # named under [dedup]: a missing file is worth a warning
    log_file: Path | None = None
    notify: NotifyConfig | None = None
    file_mode: int = int(DEFAULT_FILE_MODE, 8)  # of every file regsync writes (SECURITY.md)
    publish: PublishConfig | None = None

    @property
    def folder(self) -> Path:
        return self.path.parent


# --- schema: key -> (python type, required) per table ----------------------------------

_TOP = {"timezone": (str, False), "file_mode": (str, False), "source": (list, True),
        "report": (dict, False),
        "normalize": (dict, False), "dedup": (dict, False), "store": (dict, False),
        "log": (dict, False), "notify": (dict, False), "publish": (dict, False)}
_SOURCE = {"name": (str, True), "type": (str, True), "path": (str, False),
           "sheet": (str, False), "url": (str, False), "key": (str, False),
           "gid": (int, False), "tab": (str, False), "credentials": (str, False),
           "oauth_token": (str, False), "timezone": (str, False), "columns": (dict, False),
           "host": (str, False), "port": (int, False), "user": (str, False),
           "password_env": (str, False), "starttls": (bool, False), "folder": (str, False),
           "since": ((dt.date, str), False), "subject_words": (list, False),
           "ca_file": (str, False), "timeout": ((int, float), False),
           "drop_alert": ((int, float), False)}
_FILE_ONLY = ("path", "sheet", "drop_alert")
_GOOGLE_ONLY = ("url", "key", "gid", "tab", "credentials", "oauth_token", "drop_alert")
_IMAP_ONLY = ("host", "port", "user", "password_env", "starttls", "folder", "since",
              "subject_words", "ca_file", "timeout")
_KEYS_OF = {"csv": _FILE_ONLY, "xlsx": _FILE_ONLY, "google_sheet": _GOOGLE_ONLY, "imap": _IMAP_ONLY}
_REPORT = {"dir": (str, False), "language": (str, False), "timezone": (str, False),
           "keep_days": (int, False), "include_vanished": (bool, False),
           "session_question": (str, False), "checkin": (str, False),
           "institution_columns": (list, False)}
_NORMALIZE = {"aliases": (str, False), "fuzzy_threshold": ((int, float), False),
              "fold_cities": (bool, False)}
_DEDUP = {"decisions": (str, False)}
_STORE = {"path": (str, False)}
_LOG = {"file": (str, False)}
_NOTIFY = {"host": (str, True), "port": (int, False), "from": (str, True),
           "to": (list, True), "starttls": (bool, False), "user": (str, False),
           "password_env": (str, False), "subject": (str, False)}

_PUBLISH = {"url": (str, False), "key": (str, False), "credentials": (str, False),
            "oauth_token": (str, False), "per_institution": (bool, False)}

# What TOML makes of a backslash and a letter in double quotes ("data\form.csv": a form feed).
_TURNED_INVISIBLE = frozenset("\f\n\t\b\r")
_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list",
               dict: "a table", (int, float): "a number", (dt.date, str): "a date (2025-03-01)"}


class _Checker:
    def __init__(self, path: Path):
        self.path = path
        self.where = path.name

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.where}: '{key}' {problem}")

    def table(self, data: dict, schema: dict, prefix: str) -> dict:
        for key in data:
            if key not in schema:
                hint = difflib.get_close_matches(key, schema, n=1)
                maybe = f" (did you mean '{hint[0]}'?)" if hint else ""
                raise self.fail(f"{prefix}{key}", f"is not a known setting{maybe}")
        for key, (kind, required) in schema.items():
            if key not in data:
                if required:
                    raise self.fail(f"{prefix}{key}", "is required but missing")
                continue
            value = data[key]
            # bool is an int in Python; a number setting must not accept true/false
            wrong_bool = isinstance(value, bool) and kind is not bool
            if wrong_bool or not isinstance(value, kind):
                raise self.fail(f"{prefix}{key}",
                                f"must be {_TYPE_NAMES[kind]}, not {_describe(value)}")
        return data

    def relative(self, key: str, value: str) -> Path:
        """A path setting, relative to config.toml's folder. Written on Windows, its
        backslashes are folders here too; in double quotes, "\\f" or "\\n" in it became an
        invisible character, which is said."""
        if any(ch in value for ch in _TURNED_INVISIBLE):
            raise self.fail(key, "has an invisible character where a \\ was (in double quotes "
                                 "\\f, \\n, \\t are special): write the path with / "
                                 "(data/form.csv) or in single quotes ('data\\form.csv')")
        if os.sep == "/":
            value = value.replace("\\", "/")
        p = Path(os.path.expanduser(value))
        return p if p.is_absolute() else (self.path.parent / p)

    def existing_file(self, key: str, value: str) -> Path:
        p = self.relative(key, value)
        if not p.is_file():
            raise self.fail(key, f"names a file that does not exist: {p}")
        return p

    def file_mode(self, key: str, value: str) -> int:
        """ "600" or "640": owner read and write, no execute, group at most read and write."""
        text = value.strip()
        mode = int(text, 8) if text.isdigit() and set(text) <= set("01234567") and len(text) <= 4 else -1
        if mode < 0 or mode & 0o600 != 0o600 or mode & 0o111 or mode > 0o777:
            raise self.fail(key, f"must be a file mode such as \"600\" (owner only) or \"640\" "
                                 f"(a group may read), with no execute bits; not {value!r}")
        return mode

    def timezone(self, key: str, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail(key, f"is not a known time zone: {value!r} (e.g. Asia/Almaty)")
        return value

    def choice(self, key: str, value: str, choices: tuple[str, ...]) -> str:
        if value not in choices:
            raise self.fail(key, f"must be one of {', '.join(choices)}, not {value!r}")
        return value


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def load_config(path: str | os.PathLike) -> Config:
    """Read and validate config.toml; raise ConfigError with one line on any problem."""
    path = Path(path).absolute()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path} (use -c to name another)")
    except OSError as e:
        raise ConfigError(f"cannot read config file {path}: {e.strerror}")
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path.name}: not UTF-8 text; save it as UTF-8")
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(_toml_problem(path, raw, e)) from None
    return parse_config(data, path)


def _toml_problem(path: Path, raw: bytes, error: tomllib.TOMLDecodeError) -> str:
    """The TOML error in words; a Windows path in double quotes ("C:\\Users\\...") is the
    usual one, and TOML's own words for it ("Invalid hex value") do not say so."""
    where = re.search(r"at line (\d+)", str(error))
    lines = raw.decode("utf-8-sig", "replace").splitlines()
    number = int(where.group(1)) if where else 0
    if 0 < number <= len(lines) and "\\" in lines[number - 1] and '"' in lines[number - 1]:
        return (f"{path.name}: line {number}: a backslash in double quotes starts a special "
                "character: write the path with / (C:/Users/...) or in single quotes "
                "('C:\\Users\\...')")
    return f"{path.name}: not valid TOML: {error}"


def parse_config(data: dict, path: Path) -> Config:
    check = _Checker(path)
    check.table(data, _TOP, "")
    timezone = check.timezone("timezone", data.get("timezone", DEFAULT_TIMEZONE))

    if not data["source"]:
        raise check.fail("source", "needs at least one [[source]] table")
    sources = []
    for i, item in enumerate(data["source"], start=1):
        if not isinstance(item, dict):
            raise check.fail("source", "must be written as [[source]] tables")
        sources.append(_source(check, item, f"source[{i}].", timezone))
    names = [s.name for s in sources]
    for name in names:
        if names.count(name) > 1:
            raise check.fail("source.name", f"{name!r} is used by two sources; names must differ")

    rep = check.table(data.get("report", {}), _REPORT, "report.")
    report = ReportConfig(
        dir=check.relative("report.dir", rep.get("dir", "output")),
        language=check.choice("report.language", rep.get("language", "ru"), LANGUAGES),
        timezone=check.timezone("report.timezone", rep.get("timezone", timezone)),
        keep_days=rep.get("keep_days", 0),
        include_vanished=rep.get("include_vanished", True),
        session_question=rep.get("session_question"),
        checkin=check.choice("report.checkin", rep.get("checkin", DEFAULT_CHECKIN), CHECKIN_PLACES),
        institution_columns=_institution_columns(check, rep),
    )
    if report.keep_days < 0:
        raise check.fail("report.keep_days", "must be 0 (keep all) or more")

    norm = check.table(data.get("normalize", {}), _NORMALIZE, "normalize.")
    threshold = float(norm.get("fuzzy_threshold", DEFAULT_FUZZY_THRESHOLD))
    if not 50 <= threshold <= 100:
        raise check.fail("normalize.fuzzy_threshold", f"must be between 50 and 100, not {threshold:g}")
    normalize = NormalizeConfig(
        aliases=check.existing_file("normalize.aliases", norm["aliases"]) if "aliases" in norm else None,
        fuzzy_threshold=threshold,
        fold_cities=norm.get("fold_cities", True),
    )

    dedup = check.table(data.get("dedup", {}), _DEDUP, "dedup.")
    store = check.table(data.get("store", {}), _STORE, "store.")
    log = check.table(data.get("log", {}), _LOG, "log.")
    return Config(
        path=path,
        timezone=timezone,
        sources=tuple(sources),
        report=report,
        normalize=normalize,
        store_path=check.relative("store.path",
                                  store.get("path", str(report.dir / "regsync.sqlite"))),
        decisions_path=check.relative("dedup.decisions", dedup.get("decisions", "decisions.csv")),
        decisions_named="decisions" in dedup,
        log_file=check.relative("log.file", log["file"]) if "file" in log else None,
        notify=_notify(check, data["notify"]) if "notify" in data else None,
        file_mode=check.file_mode("file_mode", data.get("file_mode", DEFAULT_FILE_MODE)),
        publish=_publish(check, data["publish"], sources) if "publish" in data else None,
    )


def _institution_columns(check: _Checker, report: dict) -> tuple[str, ...]:
    columns = report.get("institution_columns", list(INSTITUTION_COLUMNS))
    if not columns or not all(isinstance(c, str) and c.strip() for c in columns):
        raise check.fail("report.institution_columns",
                         "must be a list of fields or question headers, e.g. "
                         '["full_name", "specialty", "role"]')
    return tuple(c.strip() for c in columns)


def _source(check: _Checker, item: dict, prefix: str, default_tz: str) -> Source:
    check.table(item, _SOURCE, prefix)
    name = item["name"].strip()
    if not name:
        raise check.fail(f"{prefix}name", "must not be blank")
    # an old Excel file is read as an Excel file: "xls" is what its name ends with
    kind = check.choice(f"{prefix}type", _OLD_NAMES.get(item["type"], item["type"]), SOURCE_TYPES)
    columns = _columns(check, item.get("columns", {}), f"{prefix}columns.")
    tz = check.timezone(f"{prefix}timezone", item.get("timezone", default_tz))
    for key in {k for keys in _KEYS_OF.values() for k in keys if k not in _KEYS_OF[kind]}:
        if key in item:
            article = "an" if kind[0] in "aeiou" else "a"
            raise check.fail(f"{prefix}{key}", f"does not apply to {article} {kind} source")
    if kind == "imap":
        return _imap(check, item, prefix, name, tz)
    drop_alert = float(item.get("drop_alert", DEFAULT_DROP_ALERT))
    if not 0 < drop_alert <= 1:
        raise check.fail(f"{prefix}drop_alert", "must be a share between 0 and 1 (0.5: half of "
                                                f"the rows), not {drop_alert:g}")

    if kind in FILE_TYPES:
        if "path" not in item:
            raise check.fail(f"{prefix}path", f"is required for a {kind} source")
        if "sheet" in item and kind != "xlsx":
            raise check.fail(f"{prefix}sheet", "applies only to xlsx sources")
        return FileSource(name=name, type=kind,
                          path=check.relative(f"{prefix}path", item["path"]),
                          columns=columns, timezone=tz, sheet=item.get("sheet"),
                          drop_alert=drop_alert)

    from sync.sources.sheet_address import parse_sheet_address  # only Google configs need it

    try:
        key, gid = parse_sheet_address(item.get("url"), item.get("key"), item.get("gid"))
    except ValueError as e:
        raise check.fail(f"{prefix}url", str(e))
    credentials = item.get("credentials") or os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
    if "credentials" in item and "oauth_token" in item:
        raise check.fail(f"{prefix}oauth_token", "give either credentials or oauth_token, not both")
    if "oauth_token" in item:
        return GoogleSheetSource(name=name, key=key, gid=gid, tab=item.get("tab"), columns=columns,
                                 timezone=tz, drop_alert=drop_alert,
                                 oauth_token=check.existing_file(f"{prefix}oauth_token",
                                                                 item["oauth_token"]))
    if not credentials:
        raise check.fail(f"{prefix}credentials",
                         "is required (a service-account JSON file), or set "
                         "GOOGLE_APPLICATION_CREDENTIALS")
    return GoogleSheetSource(name=name, key=key, gid=gid, tab=item.get("tab"), columns=columns,
                             timezone=tz, drop_alert=drop_alert,
                             credentials=check.existing_file(f"{prefix}credentials", credentials))


def _imap(check: _Checker, item: dict, prefix: str, name: str, tz: str) -> ImapSource:
    for key in ("host", "user", "password_env"):
        if not str(item.get(key, "")).strip():
            raise check.fail(f"{prefix}{key}", "is required for an imap source")
    if "columns" in item:
        raise check.fail(f"{prefix}columns", "does not apply to an imap source: each letter's "
                                             "table is recognised by its own headers")
    starttls = item.get("starttls", False)
    port = item.get("port", IMAP_STARTTLS_PORT if starttls else IMAP_TLS_PORT)
    if not 0 < port < 65536:
        raise check.fail(f"{prefix}port", f"must be a port number (1-65535), not {port}")
    timeout = float(item.get("timeout", DEFAULT_IMAP_TIMEOUT_S))
    if timeout <= 0:
        raise check.fail(f"{prefix}timeout", "must be a number of seconds above 0")
    since = item.get("since")
    if isinstance(since, dt.datetime):
        since = since.date()
    elif isinstance(since, str):
        try:
            since = dt.date.fromisoformat(since.strip())
        except ValueError:
            raise check.fail(f"{prefix}since", f"must be a date like 2025-03-01, not {since!r}")
    words = item.get("subject_words", [])
    if not all(isinstance(w, str) and w.strip() for w in words):
        raise check.fail(f"{prefix}subject_words", "must be a list of words, e.g. "
                                                   '["регистрация", "тіркелу"]')
    return ImapSource(
        name=name, host=item["host"].strip(), user=item["user"].strip(),
        password_env=item["password_env"].strip(), timezone=tz, port=port, starttls=starttls,
        folder=item.get("folder", "INBOX"), since=since,
        subject_words=tuple(w.strip() for w in words),
        ca_file=check.existing_file(f"{prefix}ca_file", item["ca_file"]) if "ca_file" in item else None,
        timeout=timeout)


# Fields a source's [columns] may name: the answers', and the organizers' own numbering.
COLUMN_FIELDS = (*CANONICAL_FIELDS, "row_number")


def _columns(check: _Checker, columns: dict, prefix: str) -> Mapping[str, Columns]:
    """field -> the exact question header, or "" for a form that asks no such question
    (regsync then takes none for it, however a question is worded or answered), or a list
    of headers for a form that asks it in several branches (read in that order, the first
    answered one taken)."""
    for field, header in columns.items():
        if field not in COLUMN_FIELDS:
            hint = difflib.get_close_matches(field, COLUMN_FIELDS, n=1)
            maybe = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise check.fail(f"{prefix}{field}",
                             f"is not a field regsync knows{maybe}; known: {', '.join(COLUMN_FIELDS)}")
        headers = header if isinstance(header, list) else [header]
        if not headers or not all(isinstance(h, str) for h in headers) or any(
                h and not h.strip() or not h and len(headers) > 1 for h in headers):
            raise check.fail(f"{prefix}{field}", 'must be the exact question header, as text, '
                             '"" when the form asks no such question, or a list of headers '
                             'when each branch of the form asks it')
    return MappingProxyType({field: tuple(header) if isinstance(header, list) else header
                             for field, header in columns.items()})


def _notify(check: _Checker, data: dict) -> NotifyConfig:
    check.table(data, _NOTIFY, "notify.")
    recipients = data["to"]
    if not recipients or not all(isinstance(r, str) and "@" in r for r in recipients):
        raise check.fail("notify.to", "must be a list of e-mail addresses")
    return NotifyConfig(
        host=data["host"], port=data.get("port", 587), sender=data["from"],
        recipients=tuple(recipients), starttls=data.get("starttls", True),
        user=data.get("user"), password_env=data.get("password_env"),
        subject=data.get("subject", NotifyConfig.subject),
    )


def _publish(check: _Checker, data: dict, sources: list[Source]) -> PublishConfig:
    """The publish target: never a response sheet; by default read with the Google source's
    credentials, then with $GOOGLE_APPLICATION_CREDENTIALS."""
    from sync.sources.sheet_address import parse_sheet_address

    check.table(data, _PUBLISH, "publish.")
    try:  # a #gid=... in the address is only the tab the browser showed: regsync writes several
        key, _ = parse_sheet_address(data.get("url"), data.get("key"), None)
    except ValueError as e:
        raise check.fail("publish.url", str(e))
    for source in sources:
        if isinstance(source, GoogleSheetSource) and source.key == key:
            raise check.fail("publish.url", f"is the response sheet of source '{source.name}'; "
                             "regsync never writes there: make a separate spreadsheet for the "
                             "published list and share it with the service account as Editor")
    if "credentials" in data and "oauth_token" in data:
        raise check.fail("publish.oauth_token", "give either credentials or oauth_token, not both")
    credentials = oauth_token = None
    google = next((s for s in sources if isinstance(s, GoogleSheetSource)), None)
    if "oauth_token" in data:
        oauth_token = check.existing_file("publish.oauth_token", data["oauth_token"])
    elif "credentials" in data:
        credentials = check.existing_file("publish.credentials", data["credentials"])
    elif google is not None:  # the same key (or token) that reads the form
        credentials, oauth_token = google.credentials, google.oauth_token
    elif os.environ.get("GOOGLE_APPLICATION_CREDENTIALS"):
        credentials = check.existing_file("publish.credentials",
                                          os.environ["GOOGLE_APPLICATION_CREDENTIALS"])
    else:
        raise check.fail("publish.credentials",
                         "is required (a service-account JSON file that can edit the "
                         "spreadsheet), or set GOOGLE_APPLICATION_CREDENTIALS")
    return PublishConfig(key, credentials=credentials, oauth_token=oauth_token,
                         per_institution=data.get("per_institution", False))
