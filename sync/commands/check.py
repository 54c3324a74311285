"""`regsync check`: read the config and every source, say what would be read, change nothing.

With [publish], also whether the spreadsheet can be reached and written (by a write that
changes nothing)."""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path
from typing import Any

from sync.config import Config, FileSource, ImapSource
from sync.decisions import DecisionLine
from sync.headers import read_headers
from sync.not_people import rows_not_people
from sync.pull import pull_source
from sync.questions.answers import sample_answers
from sync.questions.assign import LISTED, Choice, FormReading
from sync.responses import EXTRA_PREFIX
from sync.sources.table import SheetTable, by_column
from sync.store import Store

# What the answers of a column were found to be, by field, for "content: 96% e-mail addresses".
CONTENT_WORDS = {
    "submitted_at": "dates and times", "email": "e-mail addresses", "phone": "phone numbers",
    "full_name": "person names", "last_name": "surnames", "first_name": "first names",
    "middle_name": "patronymics", "institution": "institution names",
    "specialty": "programme names or codes", "role": "role words", "city": "city names",
    "row_number": "row numbers",
}
GUESS_MARK = "?"
REFS_SHOWN = 10  # rows named on the line of rows that are not people


def check(config: Config, *, google_adapter: Any = None) -> str:
    lines = [f"config {config.path}: OK"]
    guesses = []
    rows: set[str] = set()  # "form:17" of every row read, for the decisions' check
    for source in config.sources:
        lines.append("")
        if isinstance(source, ImapSource):
            from sync.sources.mailbox import describe_mailbox
            from sync.store import peek_mailbox_memory

            security = "STARTTLS" if source.starttls else "TLS"
            lines.append(f"source '{source.name}' (imap): {source.user} on {source.host}:"
                         f"{source.port} ({security})")
            lines += describe_mailbox(source, peek_mailbox_memory(config.store_path, source.name))
            continue
        if isinstance(source, FileSource):
            table = pull_source(source)  # where: the file, and the sheet chosen in it
            lines.append(f"source '{source.name}' ({source.type}): {table.where}")
            lines += _readable_by_others(source.path)
        else:
            from sync.sources.google_sheet import describe_google_sheet

            info = describe_google_sheet(source, adapter=google_adapter)
            lines.append(f"source '{source.name}' (google_sheet): key {source.key}")
            for key in ("account", "title", "tab", "time_zone", "locale"):
                if info.get(key):
                    lines.append(f"  {key.replace('_', ' ')}: {info[key]}")
            table = info["table"]
        reading = read_headers(table.headers, source.columns, table.where, sample_answers([table]))
        rows.update(f"{source.name}:{number}" for number in table.row_numbers)
        lines.append(f"  answer rows: {len(table.rows)}")
        lines += reading_lines(reading)
        lines.append(session_line(table, reading, config.report.session_question))
        rest = rows_not_people(by_column(table), reading.mapping, reading.branches,
                               reading.account)
        if rest:
            refs = [f"{source.name}:{table.row_numbers[i]}" for i, _, _ in rest]
            lines.append(f"  rows that are not people, to be left out: {len(refs)} "
                         f"({', '.join(refs[:REFS_SHOWN])}{' …' if len(refs) > REFS_SHOWN else ''})")
        guesses += [(source.name, c) for c in reading.choices if c.field and not c.sure]
    if guesses:
        lines.append("")
        lines.append(f"{GUESS_MARK} marks a guess: if one is wrong, name the right question in "
                     'config.toml under that source (or "" when the form asks none), for example:')
        source_name, choice = guesses[0]
        lines.append(f"    [source.columns]   # of source '{source_name}'")
        lines.append(f"    {_alternative(choice)}")
    lines += _decisions_lines(config, rows)
    if config.publish is not None:
        lines.append("")
        lines.extend(_publish_target(config, google_adapter))
    lines.append("")
    lines.append(f"report: {config.report.dir} (language {config.report.language}); "
                 f"store: {config.store_path}")
    lines.append("nothing was changed")
    return "\n".join(lines)


def _alternative(guess: Choice) -> str:
    """The config line for what read nearly as well as a guess (field test AS: the line
    repeated the guess, and an organizer who saw it was wrong learnt nothing): the rival
    question for its field, or the question for the rival field; the guess where nothing
    rivals it (a weak match)."""
    if guess.rival[:1] in ("'", '"'):
        rival = ast.literal_eval(guess.rival)
        return f"{guess.field} = {_toml_string(rival)}   # not {guess.question!r}"
    if guess.rival:
        return f"{guess.rival} = {_toml_string(guess.question)}   # not {guess.field}"
    return f"{guess.field} = {_toml_string(guess.question)}"


def _readable_by_others(path: Path) -> list[str]:
    """A line when other users of this machine can read a source file (its answers are
    personal data): the file readable by all, in a folder all may enter. None on Windows,
    whose files have no such modes."""
    if os.name != "posix" or not path.is_file():
        return []
    file_mode, folder_mode = (stat.S_IMODE(p.stat().st_mode) for p in (path, path.parent))
    if not (file_mode & stat.S_IROTH and folder_mode & stat.S_IXOTH):
        return []
    return [f"  private: other users of this machine can read {path.name} (personal data): "
            f"chmod 600 '{path}' (or chmod 700 its folder)"]


def _decisions_lines(config: Config, rows: set[str]) -> list[str]:
    """The organizer's decisions: how many, those that cannot be used, and lines that
    change an earlier line's decision. With a store, rows are found as a run finds them
    (sync/decision_rows.py); without one, as written, among the rows read now (a
    mailbox's rows are read a letter at a time, so its decisions cannot be checked here)."""
    from sync.decision_rows import resolve, saved_moment
    from sync.decisions import as_written, missing_rows, read_decisions

    path = config.decisions_path
    if not path.exists():
        return (["", f"decisions {path}: not there (named under [dedup]), so none are used"]
                if config.decisions_named else [])
    lines = read_decisions(path)
    read = {s.name for s in config.sources if not isinstance(s, ImapSource)}
    store = Store.peek(config.store_path)
    if store is None:
        decisions = as_written(lines)
        problems = missing_rows(decisions, rows, sources=read)
        named = [(line, line.pair) for line in lines]
    else:  # a row added since the last run is not stored yet, but a run would find it
        with store:
            resolved = resolve(lines, store, read, saved_moment(path))
        decisions, named = resolved.decisions, resolved.named
        problems = [p.line for p in resolved.problems if p.not_found not in rows]
    count = len(decisions.merge) + len(decisions.apart)
    return ["", f"decisions {path}: {count} pair(s)",
            *(f"  {line}" for line in problems + changed_minds(named))]


def changed_minds(named: list[tuple[DecisionLine, tuple[str, str]]]) -> list[str]:
    """A line deciding a pair the other way than an earlier line, the pair as its rows are
    numbered now (rows written on different days may be one pair): the later one is used."""
    said: dict[tuple[str, str], DecisionLine] = {}
    found = []
    for line, (a, b) in named:
        pair = (a, b) if a <= b else (b, a)
        earlier = said.get(pair)
        if earlier is not None and earlier.kind != line.kind:
            found.append(f"row {line.number}: {line.kind} {pair[0]}, {pair[1]} replaces row "
                         f"{earlier.number}'s {earlier.kind} (the later line is used)")
        said[pair] = line
    return found


def _publish_target(config: Config, google_adapter: Any) -> list[str]:
    """Reachable and writable, or a PublishError (exit 5) saying why not."""
    from sync.publish.google_sheet import describe_publish_target

    info = describe_publish_target(config.publish, adapter=google_adapter)
    return [f"publish to Google Sheet '{info['title']}': key {config.publish.key}",
            f"  account: {info['account']}",
            "  writable: yes",
            f"  regsync's tabs: {_some(info['ours']) or 'none yet (made on the first run)'}",
            f"  other tabs (never touched): {_some(info['others']) or 'none'}"]


def _some(titles: list[str], shown: int = 6) -> str:
    """A few titles, then how many more: one tab per institution makes a long list."""
    more = f" and {len(titles) - shown} more" if len(titles) > shown else ""
    return ", ".join(titles[:shown]) + more


def session_line(table: SheetTable, reading: FormReading, named: str | None) -> str:
    """Which question the report takes for the conference's sessions (sign-in sheets per
    session, Sessions x institutions), as the report finds it; or that there is none."""
    from reports.question_summary import as_session, read_question

    others = [c.question for c in reading.choices if c.field is None]
    if named is not None:
        found = named if named in others else None
    else:
        found = next((q for q in others if as_session(read_question(
            EXTRA_PREFIX + q, _answers(table, q)))), None)
    if found is None:
        return "  sessions: no question of this source asks for one"
    return (f"  sessions: {found!r}{' (from config.toml)' if named else ''}: a sign-in sheet "
            "per session")


def _answers(table: SheetTable, question: str) -> list[str]:
    at = table.headers.index(question)
    return [row[at] for row in table.rows]


def reading_lines(reading: FormReading) -> list[str]:
    """Each question, the field it was read as, and why."""
    lines = ["  how the questions were read:"]
    width = min(44, max((len(repr(c.question)) for c in reading.choices), default=0))
    for choice in reading.choices:
        guess = choice.field and not choice.sure
        mark = GUESS_MARK if guess else " "
        doubt = "" if not guess else "; a weak match" if not choice.rival else (
            f"; {choice.rival} fits nearly as well" if choice.rival.startswith("'")
            else f"; it fits {choice.rival} nearly as well")
        lines.append(f"  {mark} {repr(choice.question):<{width}} -> {_read_as(choice)}{doubt}")
    return lines


def _read_as(choice: Choice) -> str:
    if choice.why == LISTED:
        return "the people each row lists (a teacher's group): a participant each"
    if choice.field is None:
        return "kept as another answer"
    if choice.field == "row_number":
        return "row number (not an answer)"
    return f"{choice.field} ({why(choice)})"


def why(choice: Choice) -> str:
    if choice.branch_of:
        return (("from config.toml, " if choice.why == "config" else "")
                + "another branch of the form, or a fallback: "
                + f"read where {choice.branch_of!r} is blank")
    if choice.why == "config":
        return "from config.toml"
    if choice.why == "wording" or choice.share is None:
        return "wording"
    content = f"{choice.share:.0%} {CONTENT_WORDS[choice.field]}"
    return f"wording + content: {content}" if choice.why == "wording+content" else f"content: {content}"


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
