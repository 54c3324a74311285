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
from reports.labels import LABELS, label, note_text
from reports.model import ReportData
from reports.safety import EXCEL_CELL_LIMIT, too_long

ROLE_ORDER = ("student", "master", "phd", "teacher", "staff", "other")
TOP_INSTITUTIONS = 10  # bars on the Summary chart
MATRIX_SPECIALTIES = 40  # columns in the matrix; the rest are summed in one column
REVIEW_ROWS_SHOWN = 20  # source rows listed per review line before "…"
# Role notes a person should look at: an answer that was not understood. The others (several
# roles, a role from the programme code) say how a clear answer was read.
REVIEWED_ROLE_NOTES = ("role.unknown",)
EXCEL_MAX_ROWS = 1_048_576  # rows in one sheet, its header included: Excel opens no more
PARTICIPANT_FIELDS = ("full_name", "email", "phone", "institution", "specialty", "role", "city",
                      "registered_at", "source", "source_rows")


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

    @classmethod
    def of_columns(cls, header: list[str], columns: list[list]) -> Block:
        n_rows = len(columns[0]) if columns else 0
        return cls(header, zip(*columns), n_rows, columns=columns)


@dataclass
class Chart:
    kind: str  # line | bar | pie
    title: str
    block: int  # index of the block whose first two columns it plots
    anchor: str  # top-left cell


@dataclass
class SheetSpec:
    name: str
    blocks: list[Block]
    widths: list[int] = field(default_factory=list)
    as_table: bool = False  # the first block becomes an Excel table with filter buttons
    charts: list[Chart] = field(default_factory=list)
    text_columns: tuple[int, ...] = ()  # 0-based columns stored as text even when numeric


def build_sheets(data: ReportData) -> list[SheetSpec]:
    lang = data.language
    people = localized(data.participants, data)
    review = review_rows(data)
    sheets = [
        summary_sheet(data, people, review),
        by_institution_sheet(people, lang),
        by_specialty_sheet(people, lang),
        matrix_sheet(people, lang),
        participants_sheet(people, data, label("sheet.participants", lang)),
        new_sheet(people, data),
        duplicates_sheet(data),
        review_sheet(review, lang),
        form_reading_sheet(data),
    ]
    return [part for sheet in sheets for part in split_long(sheet)]


def split_long(spec: SheetSpec) -> list[SheetSpec]:
    """A list too long for one sheet, continued on "<name> (2)", "<name> (3)", ... each with
    the header again: a sheet of more than EXCEL_MAX_ROWS rows does not open in Excel."""
    per_sheet = EXCEL_MAX_ROWS - 1
    if len(spec.blocks) != 1 or spec.blocks[0].n_rows <= per_sheet:
        return [spec]
    block = spec.blocks[0]
    rows = None if block.columns is not None else list(block.rows)
    parts = []
    for number, start in enumerate(range(0, block.n_rows, per_sheet), start=1):
        end = start + per_sheet
        part = (Block.of_columns(block.header, [values[start:end] for values in block.columns])
                if rows is None else Block(block.header, rows[start:end], len(rows[start:end])))
        parts.append(replace(spec, name=spec.name if number == 1 else f"{spec.name} ({number})",
                             blocks=[part]))
    return parts


# --- shared preparation -------------------------------------------------------------------

def localized(participants: pd.DataFrame, data: ReportData) -> pd.DataFrame:
    """Participants with institution/specialty/role in the report's language and local times."""
    lang = data.language
    people = participants.copy(deep=False)  # copy-on-write: new columns leave the caller's alone
    for name in ("institution", "specialty"):
        column = f"{name}_{lang}"
        if lang != "ru" and column in people:
            people[name] = people[column].where(people[column] != "", people[name])
    role_labels = {role: label(f"role.{role}", lang) for role in _ROLES}
    people["role_label"] = [role_labels.get(r, r) for r in people["role"].tolist()]
    people["registered_local"] = _local_naive(people["registered_at"], data.timezone)
    return people


_ROLES = (*ROLE_ORDER, "")  # "": not given


def _local_naive(times: pd.Series, timezone: str) -> pd.Series:
    """Excel has no time zones: aware UTC times become wall-clock times in the report's zone."""
    return pd.to_datetime(times, utc=True).dt.tz_convert(ZoneInfo(timezone)).dt.tz_localize(None)


def _excel_time(value) -> dt.datetime | None:
    return None if pd.isna(value) else value.to_pydatetime()


def _excel_times(times: pd.Series) -> list[dt.datetime | None]:
    """`_excel_time` of each naive time, in one conversion: numpy turns microsecond
    datetime64 into datetime objects, and NaT into None."""
    return times.to_numpy(dtype="datetime64[us]").astype(object).tolist()


def _unknown(text: str, lang: str) -> str:
    return text if text else label("unknown", lang)


# --- Summary -----------------------------------------------------------------------------

def summary_sheet(data: ReportData, people: pd.DataFrame, review: list[list]) -> SheetSpec:
    lang = data.language
    roles = people["role"].value_counts()
    if data.new_ids is None:
        new = label("summary.first_report", lang)
    else:
        new = int(people["participant_id"].isin(data.new_ids).sum())
    metrics = [
        [label("summary.built_at", lang), data.built_at.astimezone(ZoneInfo(data.timezone))
         .replace(tzinfo=None)],
        [label("summary.sources", lang), ", ".join(data.sources)],
        [label("summary.responses", lang), len(data.responses)],
        [label("summary.participants", lang), len(people)],
        [label("summary.institutions", lang), int(people["institution"].replace("", pd.NA).nunique())],
        *[[label(f"role.{r}", lang), int(roles.get(r, 0))] for r in ROLE_ORDER],
        [label("summary.new", lang), new],
        [label("summary.merged", lang), len(data.responses) - len(people)],
        [label("summary.review", lang), _review_response_count(data)],
        [label("summary.vanished", lang), data.vanished],
    ]
    per_day = _per_day(people)
    top = (people.loc[people["institution"] != "", "institution"].value_counts()
           .head(TOP_INSTITUTIONS))
    role_rows = [[label(f"role.{r}", lang), int(roles.get(r, 0))] for r in ROLE_ORDER
                 if roles.get(r, 0)]
    # short tables first, the long per-day list last; charts to the right of the figures
    blocks = [
        Block([label("summary.title", lang), ""], metrics, len(metrics)),
        Block([label("col.role_name", lang), label("col.count", lang)], role_rows, len(role_rows),
              title=label("summary.roles", lang)),
        Block([label("col.institution", lang), label("col.count", lang)],
              [[name, int(n)] for name, n in top.items()], len(top), title=label("summary.top", lang)),
        Block([label("col.date", lang), label("col.registrations", lang)], per_day, len(per_day),
              title=label("summary.per_day", lang)),
    ]
    charts = [Chart("line", label("summary.per_day", lang), 3, "D1"),
              Chart("bar", label("summary.top", lang), 2, "D18"),
              Chart("pie", label("summary.roles", lang), 1, "D44")]
    return SheetSpec(label("sheet.summary", lang), blocks, widths=[58, 20], charts=charts)


def _per_day(people: pd.DataFrame) -> list[list]:
    days = people["registered_local"].dropna().dt.normalize().value_counts().sort_index()
    return [[day.to_pydatetime().date(), int(n)] for day, n in days.items()]


def _review_response_count(data: ReportData) -> int:
    return int(needs_review_mask(data.responses).sum())


def needs_review_mask(responses: pd.DataFrame) -> pd.Series:
    """Responses with anything a person should look at."""
    mask = pd.Series(False, index=responses.index)
    for column in ("phone_note", "email_note", "name_note"):
        if column in responses:
            mask |= responses[column] != ""
    if "role_note" in responses:
        mask |= _reviewed_role(responses)
    for field in ("institution", "specialty"):
        if f"{field}_match" in responses:
            mask |= responses[f"{field}_match"] == "unmatched"
    if "submitted_at_raw" in responses:
        mask |= responses["submitted_at"].isna() & (responses["submitted_at_raw"] != "")
    return mask


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
    return SheetSpec(label("sheet.by_institution", lang), [Block(header, rows, len(rows))],
                     widths=[60, 14, 14, 10, 12, 11, 14, 11, 10, 15, 20, 20], as_table=True)


def by_specialty_sheet(people: pd.DataFrame, lang: str) -> SheetSpec:
    header = [label("col.specialty", lang), label("col.count", lang),
              *[label(f"role.{r}", lang) for r in ROLE_ORDER], label("col.institutions", lang)]
    grouped = people.groupby("specialty", sort=False)
    roles = _role_counts(grouped)
    institutions = _nonblank(people["institution"]).groupby(people["specialty"]).nunique()
    rows = [[_unknown(name, lang), int(size), *map(int, role_counts), int(institutions[name])]
            for name, size, role_counts in zip(roles.index, grouped.size(), roles.to_numpy())]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return SheetSpec(label("sheet.by_specialty", lang), [Block(header, rows, len(rows))],
                     widths=[50, 14, 10, 12, 11, 14, 11, 10, 12], as_table=True)


def _role_counts(grouped) -> pd.DataFrame:
    """Participants per role (ROLE_ORDER columns), one row per group in `grouped.size()`'s order."""
    counts = grouped["role"].value_counts().unstack(fill_value=0)
    return counts.reindex(index=grouped.size().index, columns=list(ROLE_ORDER), fill_value=0)


def _nonblank(values: pd.Series) -> pd.Series:
    """Blank text as missing, so that counting distinct values leaves it out."""
    return values.where(values != "")


def matrix_sheet(people: pd.DataFrame, lang: str) -> SheetSpec:
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
    return SheetSpec(label("sheet.matrix", lang), [Block(header, rows, len(rows))],
                     widths=[60] + [14] * (len(columns) + 1))


# --- Participants / New / Duplicates ---------------------------------------------------

def participants_sheet(people: pd.DataFrame, data: ReportData, name: str) -> SheetSpec:
    lang = data.language
    extras = [c for c in data.extra_columns if c in people]
    header = [label(f"col.{f}", lang) for f in PARTICIPANT_FIELDS] + [_extra_header(c) for c in extras]
    columns = _list_columns(people, data)
    # lists: element access in C, not pandas
    values = [_excel_times(people[c]) if c == "registered_local" else people[c].tolist()
              for c in columns]

    widths = [34, 30, 16, 50, 36, 16, 16, 18, 12, 26] + [24] * len(extras)
    # phones and e-mails stay text; source rows too ("form:5" must not become a time)
    return SheetSpec(name, [Block.of_columns(header, values)], widths=widths, as_table=True,
                     text_columns=(1, 2, 9))


def _list_columns(people: pd.DataFrame, data: ReportData) -> list[str]:
    """The columns of `localized` people that a participant list shows, in order."""
    return ["full_name", "email", "phone", "institution", "specialty", "role_label", "city",
            "registered_local", "source", "source_rows",
            *[c for c in data.extra_columns if c in people]]


def _extra_header(column: str) -> str:
    return column[3:] if column.startswith("q: ") else column


def new_sheet(people: pd.DataFrame, data: ReportData) -> SheetSpec:
    lang = data.language
    name = label("sheet.new", lang)
    if data.new_ids is None:
        return SheetSpec(name, [Block([label("new.first", lang)], [], 0)], widths=[80])
    # only the listed columns: filtering all ~50 of them costs more than making the list
    fresh = people.loc[people["participant_id"].isin(data.new_ids), _list_columns(people, data)]
    if fresh.empty:
        return SheetSpec(name, [Block([label("new.none", lang)], [], 0)], widths=[80])
    return participants_sheet(fresh, data, name)


def duplicates_sheet(data: ReportData) -> SheetSpec:
    lang = data.language
    header = [label("col.full_name", lang), label("col.rule", lang), label("col.merged_rows", lang)]
    merges = data.merges
    # each merge joins one response to one already in the participant: both rows are shown
    rows = [[str(name), str(rule), f"{kept}; {merged}"] for name, rule, kept, merged in
            zip(merges["full_name"], merges["rule"], merges["kept_row"], merges["merged_row"])]
    return SheetSpec(label("sheet.duplicates", lang), [Block(header, rows, len(rows))],
                     widths=[36, 44, 40], as_table=bool(rows), text_columns=(2,))


# --- Needs review ------------------------------------------------------------------------

def review_rows(data: ReportData) -> list[list]:
    """[what, value, detail, rows] lines, grouped so one alias line can fix a whole group."""
    lang = data.language
    r = data.responses
    refs = r["ref"] if "ref" in r else r["source"] + ":" + r["source_row"].astype(str)
    lines: list[list] = []

    for field in ("institution", "specialty"):
        lines.extend(_unknown_group_lines(r, refs, field, lang))
    for kind, value_col, note_col in (("review.phone", "phone_raw", "phone_note"),
                                      ("review.email", "email_raw", "email_note"),
                                      ("review.name", "full_name_raw", "name_note"),
                                      ("review.role", "role_raw", "role_note")):
        if note_col in r:
            noted = _reviewed_role(r) if note_col == "role_note" else r[note_col] != ""
            for (value, note), rows in _grouped_refs(r, noted, refs, [value_col, note_col]):
                lines.append([label(kind, lang), value, note_text(note, lang), rows])
    if "submitted_at_raw" in r:
        bad = r["submitted_at"].isna() & (r["submitted_at_raw"] != "")
        for (value,), rows in _grouped_refs(r, bad, refs, ["submitted_at_raw"]):
            lines.append([label("review.timestamp", lang), value, "", rows])
    for a, b, names, reason in zip(*(_values(data.possible, c)
                                     for c in ("rows_a", "rows_b", "names", "reason"))):
        lines.append([label("review.possible", lang), str(names), str(reason), f"{a} | {b}"])
    letters = data.unread_letters if data.unread_letters is not None else pd.DataFrame()
    for ref, subject, part, note in zip(*(_values(letters, c)
                                          for c in ("ref", "subject", "part", "note"))):
        value = f"{subject} / {part}" if part else subject
        why = LABELS.get(f"note.{note}", {}).get(lang, note)  # a code of a newer store: as is
        lines.append([label("review.letter", lang), value, why, ref])
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
                lines.append([label("review.truncated", lang), _extra_header(column), "", rows])
    return lines


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
    suggestions = (picked[f"{field}_suggestions"] if f"{field}_suggestions" in picked
                   else pd.Series("", index=picked.index))
    lines = []
    for key, members in picked.groupby(group, sort=True).groups.items():
        spellings = picked.loc[members, f"{field}_raw"].value_counts()
        ordered = sorted(spellings.items(), key=lambda t: (-t[1], t[0]))
        detail = [f"{label('review.spellings', lang)}: "
                  + "; ".join(f"{text} ({count})" for text, count in ordered)]
        if offered := next((s for s in suggestions.loc[members] if s), ""):
            detail.append(f"{label('review.suggest', lang)}: {offered}")
        lines.append([label(f"review.{field}", lang), str(picked.loc[members[0], shown]),
                      " · ".join(detail), _row_list(refs.loc[members].tolist())])
    return lines


def _values(frame: pd.DataFrame, column: str) -> list:
    """The column as a list (nothing when it is missing): plain iteration, not pandas'."""
    return frame[column].tolist() if column in frame else []


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
    return SheetSpec(label("sheet.review", lang), [Block(header, lines, len(lines))],
                     widths=[34, 50, 70, 40], as_table=bool(lines), text_columns=(1, 3))
