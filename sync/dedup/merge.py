"""One record per group of responses: the latest answer wins, blanks are filled from earlier ones.

Submissions are ordered by submitted_at (NaT first: a row without a time is taken as the
oldest), then source and source_row, so the result does not depend on input order.
A group is labelled by its first row in canonical (source, source_row) order. The answers of a
group depend on its own rows only, so when some groups grow, only those are merged again.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sync.dedup.links import PROVENANCE_COLUMNS

# Columns that only the participant has, after the input's own columns.
PARTICIPANT_COLUMNS = ("registered_at", "last_submitted_at", "source_rows", "response_count")
SOURCE_JOIN = "; "
# The order submissions are merged in: latest last, ties broken the canonical way.
TIME_ORDER = ("submitted_at", "source", "source_row")
GROUP = "_group"


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

    Groups are labelled by their first row. A group keeps, per answer column, its latest
    non-blank answer (rows in time order); -1 stands for "nobody answered". Keeping row
    positions instead of values lets a round update the groups that grew in place, and
    the values are only gathered for the records asked for.
    """

    def __init__(self, rows: pd.DataFrame, in_time: np.ndarray):
        """Every response a group of its own; `in_time` is time_order(rows)."""
        self._rows = rows
        self._in_time = in_time
        self._columns = answer_columns(rows)
        # validity belongs to the address it was computed for, not to the latest row
        self._answered = np.array([
            ~_blank(rows["email_key" if c == "email_valid" and "email_key" in rows else c])
            for c in self._columns], dtype=bool).reshape(len(self._columns), len(rows))
        alone = np.arange(len(rows))
        # int32: row positions fit, and this is one number per cell of the answers; one
        # array per column, so that take_all can let each go once it is used
        self._source = [np.empty(len(rows), dtype=np.int32) for _ in self._columns]
        self._update(alone, alone)

    def regroup(self, group: np.ndarray, grown: np.ndarray) -> None:
        """Merge again the groups labelled `grown`, which took in other groups;
        `group[i]` is row i's label (its group's first row)."""
        in_grown = np.isin(group, grown)
        members = self._in_time[in_grown[self._in_time]]
        members = members[np.argsort(group[members], kind="stable")]  # by group, in time
        self._update(members, group[members])

    def _update(self, members: np.ndarray, labels: np.ndarray) -> None:
        """Per answer column, point each group at the member whose answer is the latest
        non-blank one (-1 when none is); `members` are row positions grouped by `labels`,
        in time order.

        The latest answered member of a group is the one of highest rank among its answered
        ones: np.maximum.reduceat finds it for every group in one call per column.
        """
        if not len(members):
            return
        starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
        rank = np.arange(len(members))
        for i, answered in enumerate(self._answered[:, members]):
            last = np.maximum.reduceat(np.where(answered, rank, -1), starts)
            self._source[i][labels[starts]] = np.where(last >= 0, members[last], -1)

    def of(self, labels: np.ndarray, columns: list[str] | None = None) -> pd.DataFrame:
        """The merged answers (all columns, or `columns`) of the groups labelled `labels`,
        indexed by label."""
        # copy=False: every column is a new array, gathered for this frame only
        return pd.DataFrame({c: self._gathered(i, c, labels) for i, c in enumerate(self._columns)
                             if columns is None or c in columns},
                            index=pd.Index(labels, name=GROUP), copy=False)

    def take_all(self, labels: np.ndarray) -> pd.DataFrame:
        """of(labels), as these answers' last use: each column's row numbers are let go as
        soon as the column is gathered, so that the two are never whole in memory together."""
        self._answered = None
        gathered = {}
        for i, column in enumerate(self._columns):
            gathered[column] = self._gathered(i, column, labels)
            self._source[i] = None
        return pd.DataFrame(gathered, index=pd.Index(labels, name=GROUP), copy=False)

    def along(self, column: str, labels: np.ndarray, per_row: np.ndarray, blank) -> np.ndarray:
        """`per_row` (a value worked out from each row's `column`) taken from the row the
        groups' merged `column` comes from; `blank` where none of a group answered it."""
        source = self._source[self._columns.index(column)][labels]
        return np.where(source >= 0, per_row[source], blank)

    def _gathered(self, i: int, column: str, labels: np.ndarray):
        values = self._rows[column].array.take(self._source[i][labels], allow_fill=True,
                                               fill_value=_unanswered(self._rows, column))
        return values.astype(bool) if column == "email_valid" else values


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
