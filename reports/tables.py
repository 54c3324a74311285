"""The report's sheets as plain tables: pure functions of ReportData, no openpyxl here.

Counts are computed here, in Python, and written as numbers: the workbook holds no formulas
at all, so nothing in it can ever be evaluated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence
from zoneinfo import ZoneInfo

import pandas as pd

from reports.form_reading import form_reading_sheet, not_people_lines
from reports.labels import label, note_text
from reports.layout import fit_widths, line_heights
from reports.model import DELETED_MARK, PARTICIPANT_FIELDS, ReportData, shown_ref
from reports.safety import EXCEL_CELL_LIMIT, too_long

ROLE_ORDER = ("student", "master", "phd", "teacher", "staff", "other")
MATRIX_SPECIALTIES = 40  # columns in the matrix; the rest are summed in one column
REVIEW_ROWS_SHOWN = 20  # source rows listed per review line before "…"
# Role notes a person should look at: an answer that was not understood. The others (several
# roles, a role from the programme code) say how a clear answer was read.
REVIEWED_ROLE_NOTES = ("role.unknown", "role.swapped_with_specialty")
EXCEL_MAX_ROWS = 1_048_576  # rows in one sheet, its header included: Excel opens no more
EXTRA_PREFIX = "q: "  # how sync names the columns of the form's other questions
NAME_CAP = 45  # characters: a longer institution or specialty name wraps onto more lines
LIST_CAP = 26  # characters: the widest column of a participant list; longer text wraps


@dataclass
class Block:
    """A header and rows written together; `rows` may be a generator for big sheets."""

    header: list[str]
    rows: Iterable[Sequence]
    n_rows: int
    title: str | None = None
    # the same values column by column, when the sheet has them so: the XML writer takes
    # them in slices instead of turning rows back into columns
    columns: list[list] | None = None
    note: str | None = None  # a line of plain text under the title
    heights: list[float] | None = None  # each row's height in points; None: one line each

    @classmethod
    def of_columns(cls, header: list[str], columns: list[list], **more) -> Block:
        n_rows = len(columns[0]) if columns else 0
        return cls(header, zip(*columns), n_rows, columns=columns, **more)


@dataclass
class Chart:
    kind: str  # line | bar | pie
    title: str
    block: int  # index of the block whose first two columns it plots, beside whose top it sits
    column: str = "E"  # the column its left edge is in
    width_cm: float = 13.5
    height_cm: float = 7.5
    # another sheet's range to plot instead ("'By day'!$A$1:$B$40": a header row, then
    # categories and values); the block only says where the chart goes
    data: tuple[str, int] | None = None  # (sheet name, rows after its header)


@dataclass
class SheetSpec:
    name: str
    blocks: list[Block]
    widths: list[float] = field(default_factory=list)
    as_table: bool = False  # the first block becomes an Excel table with filter buttons
    charts: list[Chart] = field(default_factory=list)
    text_columns: tuple[int, ...] = ()  # 0-based columns stored as text even when numeric
    # printing (reports/layout.py)
    orientation: str = "landscape"
    wrap: tuple[int, ...] = ()  # 0-based columns whose cells wrap (their rows' heights fit)
    repeat_columns: int = 0  # the first columns, printed again on every page across
    keep_on_page: bool = False  # page breaks so that no block or chart is cut in two
    row_height: float | None = None  # every row this high at least (room to sign)
    grid: bool = False  # thin lines round every cell of the table
    percent_columns: tuple[int, ...] = ()  # 0-based columns of fractions shown as "42 %"


def build_sheets(data: ReportData) -> list[SheetSpec]:
    from reports.checkin import checkin_sheets
    from reports.question_summary import questions_sheets, read_questions
    from reports.summary import by_day_sheet, summary_sheet

    lang = data.language
    people = localized(data.participants, data)
    review = review_rows(data)
    questions = read_questions(data, people)
    sheets = [
        summary_sheet(data, people, len(review)),
        *questions_sheets(data, people, questions),
        by_institution_sheet(people, lang),
        by_specialty_sheet(people, lang),
        matrix_sheet(people, lang),
        participants_sheet(people, data, label("sheet.participants", lang)),
        new_sheet(people, data),
        *(checkin_sheets(data, people, questions)
          if data.options.checkin_sheets(len(people)) else []),
        duplicates_sheet(data),
        review_sheet(review, lang),
        by_day_sheet(people, lang),
        form_reading_sheet(data),
    ]
    return [part for sheet in sheets for part in split_long(sheet)]


def split_long(spec: SheetSpec) -> list[SheetSpec]:
    """A list too long for one sheet, continued on "<name> (2)", "<name> (3)", ... each with
    the header again: a sheet of more than EXCEL_MAX_ROWS rows does not open in Excel."""
    if len(spec.blocks) != 1:
        return [spec]
    block = spec.blocks[0]
    per_sheet = max(1, EXCEL_MAX_ROWS - (block.title is not None) - (block.note is not None) - 1)
    if block.n_rows <= per_sheet:
        return [spec]
    rows = None if block.columns is not None else list(block.rows)
    parts = []
    for number, start in enumerate(range(0, block.n_rows, per_sheet), start=1):
        end = start + per_sheet
        heights = block.heights[start:end] if block.heights else None
        part = (Block.of_columns(block.header, [values[start:end] for values in block.columns])
                if rows is None else Block(block.header, rows[start:end], len(rows[start:end])))
        part = replace(part, title=block.title, note=block.note, heights=heights)
        parts.append(replace(spec, name=spec.name if number == 1 else f"{spec.name} ({number})",
                             blocks=[part]))
    return parts


# --- shared preparation -------------------------------------------------------------------

def localized(participants: pd.DataFrame, data: ReportData) -> pd.DataFrame:
    """Participants with institution/specialty/city/role in the report's language and local
    times."""
    lang = data.language
    people = participants.copy(deep=False)  # copy-on-write: new columns leave the caller's alone
    for name in ("institution", "specialty", "city"):
        column = f"{name}_{lang}"
        if lang != "ru" and column in people:
            people[name] = people[column].where(people[column] != "", people[name])
    role_labels = {role: label(f"role.{role}", lang) for role in _ROLES}
    people["role_label"] = [role_labels.get(r, r) for r in people["role"].tolist()]
    people["registered_local"] = _local_naive(people["registered_at"], data.timezone)
    if "source_rows" in people:
        people["source_rows"] = shown_refs(people["source_rows"], lang)
    return people


_ROLES = (*ROLE_ORDER, "")  # "": not given


def shown_refs(refs: pd.Series, lang: str) -> pd.Series:
    """Source row references with the deleted mark in the report's language."""
    values = refs.tolist()
    if DELETED_MARK not in "\n".join(map(str, values)):  # nearly always: one scan
        return refs
    return refs.str.replace(DELETED_MARK, f" ({label('ref.deleted', lang)})", regex=False)


def _local_naive(times: pd.Series, timezone: str) -> pd.Series:
    """Excel has no time zones: aware UTC times become wall-clock times in the report's zone."""
    return pd.to_datetime(times, utc=True).dt.tz_convert(ZoneInfo(timezone)).dt.tz_localize(None)


def _excel_time(value) -> dt.datetime | None:
    return None if pd.isna(value) else value.to_pydatetime()


def _excel_times(times: pd.Series) -> list[dt.datetime | None]:
    """`_excel_time` of each naive time, in one conversion: numpy turns microsecond
    datetime64 into datetime objects, and NaT into None."""
    return times.to_numpy(dtype="datetime64[us]").astype(object).tolist()


def report_day(data: ReportData) -> str:
    """The day the report was built, written the way its language writes dates."""
    day = data.built_at.astimezone(ZoneInfo(data.timezone))
    return day.strftime("%Y-%m-%d" if data.language == "en" else "%d.%m.%Y")


def footer_note(data: ReportData) -> str:
    """What every printed page says at its foot, beside its sheet's name and page number:
    "Регистрации PlastNet, 09.10.2025"."""
    return f"{label('summary.title', data.language)}, {report_day(data)}"


def _unknown(text: str, lang: str) -> str:
    return text if text else label("unknown", lang)


def extra_header(column: str, lang: str | None = None) -> str:
    """The question as the form asks it: "q: Курс" -> "Курс". With `lang`, a heading of a
    list's column: a question worded as one of the list's own columns ("ФИО", which a
    sheet's formula joined from the name's parts) says that it is the form's."""
    text = column[len(EXTRA_PREFIX):] if column.startswith(EXTRA_PREFIX) else column
    if lang and text.strip().casefold() in {label(f"col.{f}", lang).casefold()
                                            for f in PARTICIPANT_FIELDS}:
        return f"{text} ({label('col.form_question', lang)})"
    return text


def sized(spec: SheetSpec, columns: Sequence[Sequence] | None = None, *,
          caps: dict[int, float] | None = None, cap: float = 40) -> SheetSpec:
    """The sheet with column widths from its first block's content and, for its `wrap`
    columns, each row as high as its wrapped text. `columns`: the block's values column
    by column, when they are at hand (else taken from its rows)."""
    block = spec.blocks[0]
    if columns is None:
        block.rows = list(block.rows)
        columns = list(zip(*block.rows)) if block.rows else [[] for _ in block.header]
    spec.widths = fit_widths(block.header, columns, caps=caps, cap=cap)
    if spec.wrap and block.n_rows:
        block.heights = line_heights(columns, spec.widths, spec.wrap)
    return spec


# --- By institution / specialty / matrix ---------------------------------------------------

def by_institution_sheet(people: pd.DataFrame, lang: str) -> SheetSpec:
    header = [label("col.institution", lang), label("col.in_directory", lang),
              label("col.count", lang), *[label(f"role.{r}", lang) for r in ROLE_ORDER],
              label("col.specialties", lang), label("col.first", lang), label("col.last", lang)]
    in_directory = people.get("institution_id", pd.Series("", index=people.index))
    people = people.assign(_known=in_directory.str.len().gt(0) & ~in_directory.str.startswith("?"))
    grouped = people.groupby("institution", sort=False)
    roles = _role_counts(grouped)
    specialties = _nonblank(people["specialty"]).groupby(people["institution"]).nunique()
    known, first, last = (grouped["_known"].first(), grouped["registered_local"].min(),
                          grouped["registered_local"].max())
    rows = [[_unknown(name, lang), label("yes" if known[name] else "no", lang), int(size),
             *map(int, role_counts), int(specialties[name]), _excel_time(first[name]),
             _excel_time(last[name])]
            for name, size, role_counts in zip(roles.index, grouped.size(), roles.to_numpy())]
    rows.sort(key=lambda r: (-r[2], r[0]))
    spec = SheetSpec(label("sheet.by_institution", lang), [Block(header, rows, len(rows))],
                     as_table=True, wrap=(0,), repeat_columns=1)
    return sized(spec, caps={0: NAME_CAP})


def by_specialty_sheet(people: pd.DataFrame, lang: str) -> SheetSpec:
    header = [label("col.specialty", lang), label("col.count", lang),
              *[label(f"role.{r}", lang) for r in ROLE_ORDER], label("col.institutions", lang)]
    grouped = people.groupby("specialty", sort=False)
    roles = _role_counts(grouped)
    institutions = _nonblank(people["institution"]).groupby(people["specialty"]).nunique()
    rows = [[_unknown(name, lang), int(size), *map(int, role_counts), int(institutions[name])]
            for name, size, role_counts in zip(roles.index, grouped.size(), roles.to_numpy())]
    rows.sort(key=lambda r: (-r[1], r[0]))
    spec = SheetSpec(label("sheet.by_specialty", lang), [Block(header, rows, len(rows))],
                     as_table=True, wrap=(0,), repeat_columns=1)
    return sized(spec, caps={0: NAME_CAP})


def _role_counts(grouped) -> pd.DataFrame:
    """Participants per role (ROLE_ORDER columns), one row per group in `grouped.size()`'s order."""
    counts = grouped["role"].value_counts().unstack(fill_value=0)
    return counts.reindex(index=grouped.size().index, columns=list(ROLE_ORDER), fill_value=0)


def _nonblank(values: pd.Series) -> pd.Series:
    """Blank text as missing, so that counting distinct values leaves it out."""
    return values.where(values != "")


MATRIX_COLUMN_CAP = 12  # characters: a specialty's header wraps onto a few short lines


def matrix_sheet(people: pd.DataFrame, lang: str) -> SheetSpec:
    """Institutions down, specialties across. Printed over as many pages across as it
    takes (reports/layout.py), each with the institutions' column and the header again."""
    unknown = label("unknown", lang)
    institutions = people["institution"].where(people["institution"] != "", unknown)
    specialties = people["specialty"].where(people["specialty"] != "", unknown)
    top = specialties.value_counts()
    shown = sorted(top.index[:MATRIX_SPECIALTIES], key=lambda s: (-top[s], s))
    other = "…" if len(top) > MATRIX_SPECIALTIES else None
    specialties = specialties.where(specialties.isin(shown), other) if other else specialties
    table = pd.crosstab(institutions, specialties)
    columns = shown + ([other] if other else [])
    table = table.reindex(columns=columns, fill_value=0)
    table["__total"] = table.sum(axis=1)
    table = table.sort_values("__total", ascending=False, kind="stable")
    header = [label("col.institution", lang), *columns, label("col.total", lang)]
    rows = [[name, *map(int, values)] for name, values in zip(table.index, table.to_numpy())]
    totals = [label("col.total", lang), *map(int, table.sum(axis=0).to_numpy())]
    rows.append(totals)
    spec = SheetSpec(label("sheet.matrix", lang), [Block(header, rows, len(rows))],
                     wrap=(0,), repeat_columns=1)
    return sized(spec, cap=MATRIX_COLUMN_CAP, caps={0: NAME_CAP})


# --- Participants / New / Duplicates ---------------------------------------------------

def participants_sheet(people: pd.DataFrame, data: ReportData, name: str) -> SheetSpec:
    lang = data.language
    extras = [c for c in data.extra_columns if c in people]
    header = [label(f"col.{f}", lang) for f in PARTICIPANT_FIELDS] + [extra_header(c, lang)
                                                                       for c in extras]
    columns = _list_columns(people, data)
    # lists: element access in C, not pandas
    values = [_excel_times(people[c]) if c == "registered_local" else people[c].tolist()
              for c in columns]
    # phones and e-mails stay text; source rows too ("form:5" must not become a time);
    # long names, rows and answers wrap, so that a printed list shows them whole
    wrap = (0, 3, 4, 9, *range(len(PARTICIPANT_FIELDS), len(header)))
    spec = SheetSpec(name, [Block.of_columns(header, values)], as_table=True,
                     text_columns=(1, 2, 9), repeat_columns=1, wrap=wrap)
    return sized(spec, values, cap=LIST_CAP, caps={0: 32, 1: 32, 3: 32})


def _list_columns(people: pd.DataFrame, data: ReportData) -> list[str]:
    """The columns of `localized` people that a participant list shows, in order."""
    return ["full_name", "email", "phone", "institution", "specialty", "role_label", "city",
            "registered_local", "source", "source_rows",
            *[c for c in data.extra_columns if c in people]]


def message_sheet(name: str, text: str) -> SheetSpec:
    """A sheet that only says something ("no new participants")."""
    return SheetSpec(name, [Block([], [], 0, title=text)], widths=[80])


def new_sheet(people: pd.DataFrame, data: ReportData) -> SheetSpec:
    lang = data.language
    name = label("sheet.new", lang)
    if data.new_ids is None:
        return message_sheet(name, label("new.first", lang))
    # only the listed columns: filtering all ~50 of them costs more than making the list
    fresh = people.loc[people["participant_id"].isin(data.new_ids), _list_columns(people, data)]
    if fresh.empty:
        return message_sheet(name, label("new.none", lang))
    return participants_sheet(fresh, data, name)


def duplicates_sheet(data: ReportData) -> SheetSpec:
    lang = data.language
    header = [label("col.full_name", lang), label("col.rule", lang), label("col.merged_rows", lang)]
    merges = data.merges
    rules = {rule: note_text(str(rule), lang) for rule in set(merges["rule"].tolist())}
    # each merge joins one response to one already in the participant: both rows are shown
    both = shown_refs(merges["kept_row"] + "; " + merges["merged_row"], lang).tolist()
    rows = [[name, rules[rule], refs] for name, rule, refs in
            zip(_merged_names(data), merges["rule"].tolist(), both)]
    spec = SheetSpec(label("sheet.duplicates", lang), [Block(header, rows, len(rows))],
                     as_table=bool(rows), text_columns=(2,), wrap=(1,), repeat_columns=1)
    return sized(spec, caps={1: NAME_CAP})


def _merged_names(data: ReportData) -> list[str]:
    """Each merge's participant as the lists name them, so a search there finds it, and the
    merged row's own spelling beside it where it differs: "Андреева Елена (Adnreeva Elena)"."""
    shown = dict(zip(data.participants["participant_id"], data.participants["full_name"]))
    names = []
    for participant, typed in zip(data.merges["participant_id"], data.merges["full_name"]):
        name, typed = str(shown.get(participant, typed)), str(typed)
        names.append(name if typed in ("", name) else f"{name} ({typed})")
    return names


# --- Needs review ------------------------------------------------------------------------

# (what, the value as typed, its note codes) for fields whose notes ask a person to look
# Notes said of many answers alike, each one line for all of them, with a few examples, not
# one per answer: what a file did to every answer in it ("?" for the Kazakh letters of a
# Windows-1251 file), a foreign country's numbers (guests from abroad: a line per country),
# a second address typed beside the first.
MANY_ALIKE_NOTES = ("name.lost_letters", "phone.foreign|", "email.second")
FILE_NOTE_EXAMPLES = 3
NOTED_FIELDS = (("review.phone", "phone_raw", "phone_note"),
                ("review.email", "email_raw", "email_note"),
                ("review.name", "full_name_raw", "name_note"),
                ("review.role", "role_raw", "role_note"))


def review_rows(data: ReportData) -> list[list]:
    """[what, value, detail, rows] lines, grouped so one alias line can fix a whole group."""
    lang = data.language
    r = data.responses
    refs = r["ref"] if "ref" in r else r["source"] + ":" + r["source_row"].astype(str)
    refs = shown_refs(refs, lang)
    lines: list[list] = []

    for field in ("institution", "specialty"):
        lines.extend(_unknown_group_lines(r, refs, field, lang))
    for kind, value_col, note_col in NOTED_FIELDS:
        if note_col in r:
            noted = _reviewed_role(r) if note_col == "role_note" else r[note_col] != ""
            alike = noted & r[note_col].isin([note for note in r[note_col].unique()
                                              if note.startswith(MANY_ALIKE_NOTES)
                                              and ";" not in note])
            for (value, note), rows in _grouped_refs(r, noted & ~alike, refs,
                                                     [value_col, note_col]):
                lines.append([label(kind, lang), value, note_text(note, lang), rows])
            for (note,), rows in _grouped_refs(r, alike, refs, [note_col]):
                values = r.loc[alike & (r[note_col] == note), value_col].unique()
                lines.append([label(kind, lang), _some_of(values), note_text(note, lang), rows])
    if "submitted_at_raw" in r:
        bad = r["submitted_at"].isna() & (r["submitted_at_raw"] != "")
        for (value,), rows in _grouped_refs(r, bad, refs, ["submitted_at_raw"]):
            lines.append([label("review.timestamp", lang), value, "", rows])
    possible = data.possible
    if len(possible):
        kind = label("review.possible", lang)
        reasons = {why: note_text(str(why), lang) for why in set(possible["reason"].tolist())}
        pairs = shown_refs(possible["rows_a"] + " | " + possible["rows_b"], lang).tolist()
        lines += [[kind, str(names), reasons[reason], pair] for names, reason, pair in
                  zip(possible["names"].tolist(), possible["reason"].tolist(), pairs)]
    letters = data.unread_letters if data.unread_letters is not None else pd.DataFrame()
    for ref, subject, part, note in zip(*(letters[c].tolist() if c in letters else []
                                          for c in ("ref", "subject", "part", "note"))):
        value = f"{subject} / {part}" if part else subject
        lines.append([label("review.letter", lang), value, note_text(note, lang), ref])
    lines += not_people_lines(data)
    shown = [c for c in (*PARTICIPANT_FIELDS, *data.extra_columns) if c in data.participants]
    for column in shown:
        values = data.participants[column]
        if not pd.api.types.is_string_dtype(values):
            continue
        # cleaning only shortens text, so only cells already over the limit can be cut
        longer = values.str.len().fillna(0) > EXCEL_CELL_LIMIT
        for value, rows in zip(values[longer], data.participants.loc[longer, "source_rows"]):
            if too_long(value):
                lines.append([label("review.truncated", lang), extra_header(column), "",
                              shown_ref(rows, lang)])
    return lines


def _some_of(values: Sequence[str]) -> str:
    """A few of many values, and how many there are."""
    shown = "; ".join(values[:FILE_NOTE_EXAMPLES])
    return shown + (f"; … ({len(values)})" if len(values) > FILE_NOTE_EXAMPLES else "")


def _reviewed_role(responses: pd.DataFrame) -> pd.Series:
    return responses["role_note"].str.startswith(REVIEWED_ROLE_NOTES)


def _unknown_group_lines(r: pd.DataFrame, refs: pd.Series, field: str, lang: str) -> list[list]:
    """One line per group of unknown spellings (normalize groups them): the name it is shown
    under, every spelling with its count, suggestions, and the rows, so one alias line per
    spelling fixes the whole group."""
    if f"{field}_match" not in r or f"{field}_raw" not in r:
        return []
    unmatched = r[f"{field}_match"] == "unmatched"
    if not unmatched.any():
        return []
    shown = field if field in r else f"{field}_raw"
    # unknown institutions carry their group's id ("?..."); unknown specialties their name
    ids = f"{field}_id"
    group = ids if ids in r and (r.loc[unmatched, ids] != "").all() else shown
    picked = r.loc[unmatched]
    # the suggested entries by their names in the report's language
    offered_in = next((c for c in (f"{field}_suggestions_{lang}", f"{field}_suggestions")
                       if c in picked), None)
    suggestions = picked[offered_in] if offered_in else pd.Series("", index=picked.index)
    lines = []
    # an NGO's, a firm's or a government body's: no place of learning the directory lacks
    outside = (picked.groupby(group, sort=True)["institution_outside"].any().to_dict()
               if field == "institution" and "institution_outside" in picked else {})
    for key, members in picked.groupby(group, sort=True).groups.items():
        spellings = picked.loc[members, f"{field}_raw"].value_counts()
        ordered = sorted(spellings.items(), key=lambda t: (-t[1], t[0]))
        detail = [f"{label('review.spellings', lang)}: "
                  + "; ".join(f"{text} ({count})" for text, count in ordered)]
        if offered := next((s for s in suggestions.loc[members] if s), ""):
            detail.append(f"{label('review.suggest', lang)}: {offered}")
        kind = "review.organisation" if outside.get(key) else f"review.{field}"
        lines.append([label(kind, lang), str(picked.loc[members[0], shown]),
                      " · ".join(detail), _row_list(refs.loc[members].tolist())])
    return lines


def _grouped_refs(frame: pd.DataFrame, mask: pd.Series, refs: pd.Series, keys: list[str]
                  ) -> list[tuple[tuple, str]]:
    """(key values, "form:5; form:9") for each group of the masked rows, sorted by key."""
    if not mask.any():
        return []
    grouped = frame.loc[mask, keys].groupby(keys, sort=True)
    # each row's group number, in plain lists: pandas' list aggregation is a call per group;
    # a row with a missing key has no number (pandas leaves it out of every group): -1
    numbers = grouped.ngroup().fillna(-1).astype(int).tolist()
    found: list[list[str]] = [[] for _ in range(grouped.ngroups)]
    for group, ref in zip(numbers, refs[mask].tolist()):
        if group >= 0:
            found[group].append(ref)
    return [((key,) if len(keys) == 1 else key, _row_list(group_refs))
            for key, group_refs in zip(grouped.size().index, found)]


def _row_list(refs: Sequence[str]) -> str:
    refs = list(refs)
    shown = "; ".join(refs[:REVIEW_ROWS_SHOWN])
    return shown + (f"; … (+{len(refs) - REVIEW_ROWS_SHOWN})" if len(refs) > REVIEW_ROWS_SHOWN else "")


def review_sheet(lines: list[list], lang: str) -> SheetSpec:
    header = [label("col.kind", lang), label("col.value", lang), label("col.detail", lang),
              label("col.rows", lang)]
    spec = SheetSpec(label("sheet.review", lang), [Block(header, lines, len(lines))],
                     as_table=bool(lines), text_columns=(1, 3), wrap=(0, 1, 2, 3))
    return sized(spec, caps={0: 30, 1: NAME_CAP, 2: 60, 3: 30})
