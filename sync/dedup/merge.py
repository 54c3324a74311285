"""One record per group of responses: the latest answer wins, blanks are filled from earlier
ones; for a name, an institution, an e-mail, a phone and a role the best answer wins, the
latest among equals (see BEST).

Submissions are ordered by submitted_at (NaT first: a row without a time is taken as the
oldest), then source and source_row, so the result does not depend on input order.
A group is labelled by its first row in canonical (source, source_row) order. The answers of a
group depend on its own rows only, so when some groups grow, only those are merged again.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from sync.dedup.links import PROVENANCE_COLUMNS
from sync.dedup.names import key_without_patronymic, parse_name
from sync.normalize.roles import FROM_CODE, FROM_PLACE, STUDY_LEVELS, UNKNOWN
from sync.normalize.text import LOST_LETTER

# Columns that only the participant has, after the input's own columns.
PARTICIPANT_COLUMNS = ("registered_at", "last_submitted_at", "source_rows", "response_count")
SOURCE_JOIN = "; "
# The order submissions are merged in: latest last, ties broken the canonical way.
TIME_ORDER = ("submitted_at", "source", "source_row")
GROUP = "_group"
# A field and what was worked out from it (its columns: the field's name, or it and "_"
# before the rest) come from one response: the one whose answer is best by the field's
# measure, the latest among equals. A participant is shown, signed in and certified as
# "Сейтжанов Бауыржан Кайратович", not by a later "Сейтжанов Б. К."; counted at КазНУ, not
# under a later "al-farabi knu" the directory does not know; written to at the address they
# gave twice, not at a later one with a typo; seated as the teacher they said they were, not
# as the "Other" of a later "студ-ка??" no one could read; listed under the programme they
# named, not under a later bare code ("6B07201") no one explained.
BEST = ("full_name", "institution", "email", "phone", "role", "specialty")
# Names looked at to tell which script a list is written in.
SCRIPT_SAMPLE = 2000
_CYRILLIC = re.compile("[а-яёәғқңөұүһі]", re.IGNORECASE)
_KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)
# Weight of an answer's own quality over how often it was given (a count below it).
_MAX_TIMES = 10
# Columns of a field besides those named after it.
_ALSO_OF = {"name_key": "full_name", "name_note": "full_name"}


def field_of(column: str) -> str | None:
    """The BEST field a column belongs to (institution_id: institution), or None."""
    if column in _ALSO_OF:
        return _ALSO_OF[column]
    return next((field for field in BEST
                 if column == field or column.startswith(field + "_")), None)


def row_keys(rows: pd.DataFrame) -> pd.Series:
    """ "source:row" for every response, or the `ref` column when the caller made one (the
    store marks responses deleted from their source: "form:4 (deleted)")."""
    if "ref" in rows.columns:
        return rows["ref"].astype(str)
    return rows["source"].astype(str) + ":" + rows["source_row"].astype(str)


def answer_columns(rows: pd.DataFrame) -> list[str]:
    """The columns merged per group: all but those that describe one submission."""
    return [c for c in rows.columns if c not in PROVENANCE_COLUMNS]


def time_order(rows: pd.DataFrame) -> np.ndarray:
    """Row positions in the order submissions are merged in (`rows` has a RangeIndex)."""
    return rows[list(TIME_ORDER)].sort_values(
        list(TIME_ORDER), na_position="first", kind="stable").index.to_numpy()


def _is_text(column: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(column) or column.dtype == object


def _blank(column: pd.Series) -> np.ndarray:
    if _is_text(column):  # numpy compares strings several times faster than the str dtype
        return column.to_numpy(dtype=object, na_value="") == ""
    return column.isna().to_numpy()


def _joined(labels: np.ndarray, values: np.ndarray, distinct: bool = False) -> dict:
    """{label: its values joined, in the order given}; a pandas agg(join) is far slower."""
    parts: dict = {}
    for label, value in zip(labels.tolist(), values.tolist()):
        items = parts.setdefault(label, [])
        if not (distinct and value in items):
            items.append(value)
    return {label: SOURCE_JOIN.join(items) for label, items in parts.items()}


def _unanswered(rows: pd.DataFrame, column: str):
    """What a group gets for a field none of its responses answered."""
    if column == "email_valid":
        return False
    return "" if _is_text(rows[column]) else None  # None: the column's own missing value


class MergedAnswers:
    """The merged answers of every group, kept as the row each answer is taken from.

    Groups are labelled by their first row. A group of one response answers what its row
    answers. A group that took in others keeps, per answer column, the row of its latest
    non-blank answer (rows in time order; for the BEST fields, its best), -1 where none
    answered: row numbers for these few groups only (most people register once), updated in
    place as groups grow, and values gathered only for the records asked for.
    """

    def __init__(self, rows: pd.DataFrame, in_time: np.ndarray):
        """Every response a group of its own; `in_time` is time_order(rows)."""
        self._rows = rows
        self._in_time = in_time
        self._columns = answer_columns(rows)
        self._merged = np.empty(0, dtype=np.int64)  # labels of groups of several, sorted
        # text columns with missing cells, whose lone rows' blanks gathering must turn to ""
        self._missing = {c for c in self._columns if _is_text(rows[c]) and rows[c].hasnans}
        # per answer column, aligned with _merged (int32: row positions fit)
        self._source: list = [np.empty(0, dtype=np.int32) for _ in self._columns]
        self._cyrillic: bool | None = None  # _cyrillic_list, once asked

    def regroup(self, group: np.ndarray, grown: np.ndarray) -> None:
        """Merge again the groups labelled `grown`, which took in other groups;
        `group[i]` is row i's label (its group's first row)."""
        in_grown = np.isin(group, grown)
        members = self._in_time[in_grown[self._in_time]]
        if not len(members):
            return
        members = members[np.argsort(group[members], kind="stable")]  # by group, in time
        labels = group[members]
        starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
        # groups merged before that are still groups of their own, and did not grow now
        kept = (group[self._merged] == self._merged) & ~in_grown[self._merged]
        order = np.argsort(np.r_[self._merged[kept], labels[starts]], kind="stable")
        self._merged = np.r_[self._merged[kept], labels[starts]][order]
        # The latest answered member of a group is the one of highest rank among its
        # answered ones: np.maximum.reduceat finds it for every group in one call per column.
        rank = np.arange(len(members))
        best_first = {field: self._quality(field, members, labels) * len(members) + rank
                      for field in {field_of(column) for column in self._columns} - {None}}
        for i, column in enumerate(self._columns):
            answered = ~_blank(self._answer_basis(column).take(members))
            ranks = best_first.get(field_of(column), rank)
            last = np.maximum.reduceat(np.where(answered, ranks, -1), starts)
            last = np.where(last >= 0, last % len(members), -1)  # a rank's member
            fresh = np.where(last >= 0, members[last], -1).astype(np.int32)
            self._source[i] = np.r_[self._source[i][kept], fresh][order]

    def _quality(self, field: str, members: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """How good each member's answer to a BEST field is (higher is better): a name by
        _name_quality; an institution found in the directory, then one that says its town;
        an e-mail address or a phone number that is valid and needs no note, an address
        given most often in its group; a role read from what was typed (a study level over
        a student), then one from the programme's code, then one not understood; a specialty of the list, then one named,
        then a bare code. `labels`: each member's group."""
        def column(name: str, blank=""):
            if name not in self._rows:
                return np.full(len(members), blank, dtype=object)
            return self._rows[name].to_numpy(dtype=object, na_value=blank)[members]

        if field == "full_name":  # among equals, the surname and given name typed most
            # often in the group: a slip is typed once (Попво beside two Попов)
            cyrillic = self._cyrillic_list()
            quality = np.fromiter((_name_quality(name, cyrillic) for name in column("full_name")),
                                  dtype=np.int64, count=len(members))
            cores = np.array([key_without_patronymic(key) for key in column("name_key")],
                             dtype=object)
            return quality * _MAX_TIMES + _times_in_group(labels, cores)
        if field == "institution":  # an id of the directory, of a group of spellings ("?"),
            # none; among equals, one that says its town (Ақтөбе қаласы №5 мектеп, not 5-мектеп)
            ids = column("institution_id").astype(str)
            given = ids != ""
            placed = column("institution_city").astype(str) != ""
            return (2 * (given.astype(np.int64) + (given & ~np.char.startswith(ids, "?")))
                    + (given & placed))
        if field == "specialty":  # of the list, then a name no list has, then a bare code
            ids, typed = column("specialty_id").astype(str), column("specialty").astype(str)
            answered = typed != ""
            named = answered & (typed != column("specialty_code").astype(str))
            listed = (ids != "") & ~np.char.startswith(ids, "?")
            return answered.astype(np.int64) + named + listed
        if field == "role":  # among roles typed, a study level over "студент", which is said
            # of any learner (field tests FA and FD: a master's list beside her "Студент")
            notes = column("role_note").astype(str)
            guessed = np.char.startswith(notes, FROM_CODE) | np.char.startswith(notes, FROM_PLACE)
            level = np.isin(column("role").astype(str), list(STUDY_LEVELS)) & ~guessed
            return 2 * (2 - guessed - 2 * np.char.startswith(notes, UNKNOWN)) + level
        valid = column(f"{field}_valid", False).astype(bool)
        quality = (valid.astype(np.int64) * 2 + (column(f"{field}_note") == "")) * _MAX_TIMES
        if field == "email":  # a slip is typed once, the address itself again and again
            quality += _times_in_group(labels, column("email_key"))
        return quality

    def _cyrillic_list(self) -> bool:
        """Whether most names of the list are written in Cyrillic letters (from a sample
        spread over it): a person who also typed their name in Latin letters is shown and
        sorted among the others, "Яковлева Алина", not "Iakovleva Alina"."""
        if self._cyrillic is None:
            names = self._rows["full_name"]
            sample = names.iloc[::max(1, len(names) // SCRIPT_SAMPLE)].dropna().astype(str)
            self._cyrillic = not len(sample) or bool(sample.str.contains(_CYRILLIC).mean() >= 0.5)
        return self._cyrillic

    def of(self, labels: np.ndarray, columns: list[str] | None = None) -> pd.DataFrame:
        """The merged answers (all columns, or `columns`) of the groups labelled `labels`,
        indexed by label."""
        placed = self._placed(labels)
        # copy=False: every column is a new array, gathered for this frame only
        return pd.DataFrame({c: self._gathered(i, c, labels, placed)
                             for i, c in enumerate(self._columns)
                             if columns is None or c in columns},
                            index=pd.Index(labels, name=GROUP), copy=False)

    def take_all(self, labels: np.ndarray) -> pd.DataFrame:
        """of(labels), as these answers' last use: each column's row numbers are let go as
        soon as the column is gathered."""
        placed = self._placed(labels)
        gathered = {}
        for i, column in enumerate(self._columns):
            gathered[column] = self._gathered(i, column, labels, placed)
            self._source[i] = None
        return pd.DataFrame(gathered, index=pd.Index(labels, name=GROUP), copy=False)

    def along(self, column: str, labels: np.ndarray, per_row: np.ndarray, blank) -> np.ndarray:
        """`per_row` (a value worked out from each row's `column`) taken from the row the
        groups' merged `column` comes from; `blank` where none of a group answered it."""
        source = self._sources(self._columns.index(column), labels, self._placed(labels),
                               answered_only=True)
        return np.where(source >= 0, per_row[source], blank)

    def _placed(self, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(which labels are merged groups, and where in _merged): found once per gathering."""
        if not len(self._merged):
            return np.zeros(len(labels), dtype=bool), np.zeros(0, dtype=np.intp)
        at = np.minimum(np.searchsorted(self._merged, labels), len(self._merged) - 1)
        merged = self._merged[at] == labels
        return merged, at[merged]

    def _answer_basis(self, column: str) -> pd.Series:
        """What tells whether a row answered `column`: for a BEST field's columns, the
        field's own answer (the address's key first), so that what was worked out from an
        answer goes with it: a validity, or a note left blank because none was needed."""
        field = field_of(column)
        for basis in (f"{field}_key", field) if field else ():
            if basis in self._rows:
                return self._rows[basis]
        return self._rows[column]

    def _sources(self, i: int, labels: np.ndarray, placed: tuple[np.ndarray, np.ndarray],
                 answered_only: bool) -> np.ndarray:
        """The row each group's answer to column i comes from, -1 for none: a merged
        group's from its row numbers, a lone one's its own row; with `answered_only`, -1
        where that row left it blank (else the caller deals with blanks)."""
        source = labels.copy()
        if answered_only:
            source[_blank(self._answer_basis(self._columns[i]).take(labels))] = -1
        merged, at = placed
        source[merged] = self._source[i][at]
        return source

    def _gathered(self, i: int, column: str, labels: np.ndarray,
                  placed: tuple[np.ndarray, np.ndarray]):
        if column == "email_valid":  # False where the address it belongs to is blank
            values = self._rows[column].array.take(
                self._sources(i, labels, placed, answered_only=True), allow_fill=True,
                fill_value=False)
            return values.astype(bool)
        values = self._rows[column].array.take(
            self._sources(i, labels, placed, answered_only=False), allow_fill=True,
            fill_value=_unanswered(self._rows, column))
        # a lone row's missing text is blank: "", as for a group that never answered
        return values.fillna("") if column in self._missing else values


def _name_quality(name: str, cyrillic: bool) -> int:
    """How good a name is to show (higher is better): its given name and surname written
    out, not initials; then no letter lost to a file's encoding ("?"); then in the script
    most names of the list are in (cyrillic: Cyrillic), so that it sorts among them; then
    a patronymic; then Kazakh letters typed, not their Russian stand-ins (Өтегенова Әмина,
    not Отегенова Амина)."""
    if not name:
        return 0
    parsed = parse_name(name)
    patronymics = len(parsed.patronymics)
    return (16 * (len(parsed.words) - patronymics) + 8 * (LOST_LETTER not in name)
            + 4 * (bool(_CYRILLIC.search(name)) == cyrillic) + 2 * bool(patronymics)
            + bool(_KAZAKH_LETTERS.search(name)))


def _times_in_group(labels: np.ndarray, values: np.ndarray) -> np.ndarray:
    """How often each member's value is given in its group (blank: 0), at most
    _MAX_TIMES - 1."""
    counts = pd.DataFrame({"group": labels, "value": values}).groupby(
        ["group", "value"], sort=False)["value"].transform("size").to_numpy(dtype=np.int64)
    return np.where(values == "", 0, np.minimum(counts, _MAX_TIMES - 1))


def merged_records(rows: pd.DataFrame, answers: pd.DataFrame, group: np.ndarray,
                   in_time: np.ndarray, keys: pd.Series) -> pd.DataFrame:
    """The participants: `answers` (one per group, indexed by label) with participant_id
    (the group's first "source:row"), `source` (the group's sources in order of first
    submission) and the PARTICIPANT_COLUMNS, in the order of `answers`.

    `rows` is in canonical (source, source_row) order with a RangeIndex; `group[i]` labels
    row i with its group's first row; `in_time` is time_order(rows); `keys` is row_keys(rows).
    """
    labels = answers.index.to_numpy()
    counts = np.bincount(group, minlength=len(group))
    # Most participants answered once: their own row's values are theirs. Only the rows of
    # groups of several are joined or compared, and their results put in place.
    in_time_grouped = in_time[counts[group[in_time]] > 1]
    rows_grouped = np.flatnonzero(counts[group] > 1)
    where = np.empty(len(group), dtype=np.intp)
    where[labels] = np.arange(len(labels))

    key_values, source_values = keys.to_numpy(dtype=object), rows["source"].to_numpy(dtype=object)
    sources, source_rows = source_values[labels], key_values[labels]
    for label, text in _joined(group[in_time_grouped], source_values[in_time_grouped],
                               distinct=True).items():
        sources[where[label]] = text
    for label, text in _joined(group[rows_grouped], key_values[rows_grouped]).items():
        source_rows[where[label]] = text
    first = rows["submitted_at"].array.take(labels)
    last = first.copy()
    if len(in_time_grouped):
        submitted = rows["submitted_at"].take(in_time_grouped).groupby(group[in_time_grouped],
                                                                      sort=False)
        earliest, latest = submitted.min(), submitted.max()
        first[where[earliest.index.to_numpy()]] = earliest.array
        last[where[latest.index.to_numpy()]] = latest.array
    index = answers.index
    merged = answers.assign(
        source=pd.Series(sources, index=index),
        registered_at=pd.Series(first, index=index),
        last_submitted_at=pd.Series(last, index=index),
        source_rows=pd.Series(source_rows, index=index),
        response_count=pd.Series(counts[labels], index=index, dtype="int64"),
        participant_id=pd.Series(key_values[labels], index=index),
    )
    ordered = [c for c in rows.columns if c in merged.columns]
    return merged[["participant_id", *ordered, *PARTICIPANT_COLUMNS]]
