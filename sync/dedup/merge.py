"""One record per group of responses: the latest answer wins, blanks are filled from earlier ones.

Submissions are ordered by submitted_at (NaT first: a row without a time is taken as the
oldest), then source and source_row, so the result does not depend on input order.
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


def _is_text(column: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(column) or column.dtype == object


def _blank(column: pd.Series) -> pd.Series:
    return column.isna() | (column == "") if _is_text(column) else column.isna()


def _joined(labels, values, alone: np.ndarray, distinct: bool = False) -> dict:
    """Values of each label joined in the order given; a pandas agg(join) is far slower.
    `alone` marks the values whose label has no other: they need no joining."""
    labels, values = _as_list(labels), _as_list(values)
    parts: dict = {}
    for i in np.flatnonzero(~alone).tolist():
        items = parts.setdefault(labels[i], [])
        if not (distinct and values[i] in items):
            items.append(values[i])
    joined = {labels[i]: values[i] for i in np.flatnonzero(alone).tolist()}
    return joined | {label: SOURCE_JOIN.join(items) for label, items in parts.items()}


def _as_list(values) -> list:
    """Python values of a Series or array: iterating a string Series item by item is slow."""
    return values.tolist() if hasattr(values, "tolist") else list(values)


def _latest_answers(answers: pd.DataFrame, groups: np.ndarray) -> pd.DataFrame:
    """Per group, each field's latest non-blank value (NaN when all are blank); `answers` are
    in time order and `groups` labels them."""
    filled = pd.DataFrame({c: answers[c].mask(_blank(answers[c])) for c in answers.columns},
                          index=answers.index)
    if "email_valid" in filled and "email_key" in filled:
        # validity belongs to the address it was computed for, not to the latest row
        filled["email_valid"] = answers["email_valid"].mask(_blank(answers["email_key"]))
    return filled.groupby(pd.Series(groups, index=filled.index, name=GROUP), sort=False).last()


def _own_answers(answers: pd.DataFrame, groups: np.ndarray) -> pd.DataFrame:
    """_latest_answers of groups of one response, without a groupby: the response's fields
    (blanks are filled by the caller either way)."""
    own = answers.set_axis(pd.Index(groups, name=GROUP))
    if "email_valid" in own and "email_key" in own:
        own = own.assign(email_valid=own["email_valid"].mask(_blank(own["email_key"])))
    return own


def merge_groups(rows: pd.DataFrame, group: np.ndarray) -> pd.DataFrame:
    """Merged fields per group, indexed by group label, in order of each group's first row.

    `rows` is in canonical (source, source_row) order with a RangeIndex; `group[i]` labels row i.
    Adds participant_id (the group's first "source:row"), the PARTICIPANT_COLUMNS, and sets
    `source` to the group's sources in order of first submission.
    """
    keys = row_keys(rows)
    # Only the columns that order and summarize submissions are sorted; the answers are
    # taken in that order where needed, never the whole frame.
    by_time = pd.DataFrame({GROUP: group, **{c: rows[c] for c in TIME_ORDER}}).sort_values(
        list(TIME_ORDER), na_position="first", kind="stable")
    time_order = by_time.index.to_numpy()
    fields = [c for c in rows.columns if c not in PROVENANCE_COLUMNS]
    # Most groups are one response: only the responses of larger groups need the groupby
    # and the joining.
    _, where, sizes = np.unique(group, return_inverse=True, return_counts=True)
    alone = sizes[where] == 1
    in_larger = ~alone[time_order]
    larger = time_order[in_larger]
    parts = [_latest_answers(rows[fields].take(larger), group[larger])] if len(larger) else []
    if alone.any() or not parts:
        parts.append(_own_answers(rows.loc[alone, fields], group[alone]))
    merged = pd.concat(parts) if len(parts) > 1 else parts[0]
    for c in fields:
        if c == "email_valid":
            merged[c] = merged[c].fillna(False).astype(bool)
        elif _is_text(rows[c]):
            merged[c] = merged[c].fillna("")

    in_time = by_time.groupby(GROUP, sort=False)
    merged["registered_at"] = in_time["submitted_at"].min()
    merged["last_submitted_at"] = in_time["submitted_at"].max()
    merged["source"] = pd.Series(_joined(by_time[GROUP], by_time["source"], ~in_larger,
                                         distinct=True))
    merged["source_rows"] = pd.Series(_joined(group, keys, alone))
    merged["response_count"] = pd.Series(group).value_counts().astype("int64")
    merged["participant_id"] = pd.Series(keys.to_numpy(), index=group).groupby(level=0).first()
    order = pd.unique(group)  # groups in order of their first canonical row
    ordered = [c for c in rows.columns if c in merged.columns]
    return merged.loc[order, ["participant_id", *ordered, *PARTICIPANT_COLUMNS]]
