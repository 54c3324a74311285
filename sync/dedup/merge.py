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


def _joined(labels, values, distinct: bool = False) -> dict:
    """Values of each label joined in the order given; a pandas agg(join) is far slower."""
    parts: dict = {}
    for label, value in zip(list(labels), list(values)):
        items = parts.setdefault(label, [])
        if not (distinct and value in items):
            items.append(value)
    return {label: SOURCE_JOIN.join(items) for label, items in parts.items()}


def merge_groups(rows: pd.DataFrame, group: np.ndarray) -> pd.DataFrame:
    """Merged fields per group, indexed by group label, in order of each group's first row.

    `rows` is in canonical (source, source_row) order with a RangeIndex; `group[i]` labels row i.
    Adds participant_id (the group's first "source:row"), the PARTICIPANT_COLUMNS, and sets
    `source` to the group's sources in order of first submission.
    """
    keys = row_keys(rows)
    by_time = rows.assign(_group=group, _key=keys).sort_values(
        ["submitted_at", "source", "source_row"], na_position="first", kind="stable")
    fields = [c for c in rows.columns if c not in PROVENANCE_COLUMNS]
    filled = pd.DataFrame(
        {c: by_time[c].mask(_blank(by_time[c])) for c in fields}, index=by_time.index)
    if "email_valid" in filled and "email_key" in filled:
        # validity belongs to the address it was computed for, not to the latest row
        filled["email_valid"] = by_time["email_valid"].mask(_blank(by_time["email_key"]))
    merged = filled.groupby(by_time["_group"], sort=False).last()
    for c in fields:
        if c == "email_valid":
            merged[c] = merged[c].fillna(False).astype(bool)
        elif _is_text(rows[c]):
            merged[c] = merged[c].fillna("")

    in_time = by_time.groupby("_group", sort=False)
    merged["registered_at"] = in_time["submitted_at"].min()
    merged["last_submitted_at"] = in_time["submitted_at"].max()
    merged["source"] = pd.Series(_joined(by_time["_group"], by_time["source"], distinct=True))
    merged["source_rows"] = pd.Series(_joined(group, keys))
    merged["response_count"] = pd.Series(group).value_counts().astype("int64")
    merged["participant_id"] = pd.Series(keys.to_numpy(), index=group).groupby(level=0).first()
    order = pd.unique(group)  # groups in order of their first canonical row
    ordered = [c for c in rows.columns if c in merged.columns]
    return merged.loc[order, ["participant_id", *ordered, *PARTICIPANT_COLUMNS]]
