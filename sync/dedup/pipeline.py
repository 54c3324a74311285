"""dedup(): normalized responses -> one row per person, what was merged, and what to check.

Rows are put in canonical (source, source_row) order first and links are tried in a fixed
order (strongest rule first, then by row), so shuffled input gives the same result. Links
are looked for again on the merged records until nothing new joins: a group's merged fields
(a phone from one row, a name from another) can link it to a record no single row linked to.

participants: participant_id (the group's first "source:row"), then the input's columns
  without the per-response ones (source_row, submitted_at, submitted_at_raw), each the
  latest non-blank answer; `source` lists the group's sources in order of first submission;
  then registered_at (earliest), last_submitted_at, source_rows ("email:3; form:5; form:17",
  sorted by source, then row number) and response_count. Sorted by institution, full_name,
  then first row.
merges: one row per response merged into a participant (MERGE_COLUMNS), in tree order from
  the participant's first row, with the rule that linked it.
possible: pairs of participants for a person to decide on (POSSIBLE_COLUMNS): rows_a and
  rows_b are their source_rows, so the first entry of each is the participant_id.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from sync.decisions import Decisions
from sync.dedup.groups import Groups
from sync.dedup.links import ORGANIZER, PROVENANCE_COLUMNS, Link, Suspect, find_links, link
from sync.dedup.merge import merge_groups, row_keys

MERGE_COLUMNS = ("participant_id", "kept_row", "merged_row", "rule", "full_name")
POSSIBLE_COLUMNS = ("rows_a", "rows_b", "names", "reason")
CONFLICT = "{rule}, not merged: another name in the group does not fit"


@dataclass(frozen=True)
class DedupResult:
    participants: pd.DataFrame  # one row per person
    merges: pd.DataFrame  # one row per response merged into another (MERGE_COLUMNS)
    possible: pd.DataFrame  # pairs of participants a person should look at (POSSIBLE_COLUMNS)


def _labels(groups: Groups, count: int) -> np.ndarray:
    return np.array([groups.find(i) for i in range(count)], dtype=np.int64)


def _records(rows: pd.DataFrame, merged: pd.DataFrame, position: dict[str, int]) -> pd.DataFrame:
    """Merged participants shaped like responses, for another round of link finding."""
    fields = [c for c in rows.columns if c in merged.columns and c not in PROVENANCE_COLUMNS]
    records = merged[fields].reset_index(drop=True)
    records["row"] = merged["participant_id"].map(position).to_numpy()
    return records


def _spanning_merges(accepted: list[Link], labels: np.ndarray, first_row: dict[int, int],
                     keys: list[str], names: list[str]) -> pd.DataFrame:
    """Each merged-away response once, with the link that joined it (from the first row on)."""
    neighbours: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for item in accepted:
        neighbours[item.a].append((item.b, item.rule))
        neighbours[item.b].append((item.a, item.rule))
    records = []
    for first in sorted({first_row[labels[row]] for row in neighbours}):
        queue, seen = deque([first]), {first}
        while queue:
            kept = queue.popleft()
            for merged, rule in sorted(neighbours[kept]):
                if merged not in seen:
                    seen.add(merged)
                    queue.append(merged)
                    records.append((keys[first], keys[kept], keys[merged], rule, names[merged]))
    return pd.DataFrame(records, columns=list(MERGE_COLUMNS))


def _possible(refused: list[Link], suspects: list[Suspect], groups: Groups, labels: np.ndarray,
              participants: pd.DataFrame, first_row: dict[int, int]) -> pd.DataFrame:
    reasons: dict[tuple[int, int], str] = {}
    candidates = [((x.a, x.b), CONFLICT.format(rule=x.rule)) for x in refused]
    candidates += [(pair, s.reason) for s in suspects for pair in combinations(s.rows, 2)]
    for (a, b), reason in candidates:
        ga, gb = sorted((first_row[labels[a]], first_row[labels[b]]))
        if ga != gb and (ga, gb) not in reasons and not groups.kept_apart(ga, gb):
            reasons[(ga, gb)] = reason
    # One dict built once: a .loc lookup per pair costs more than everything else here.
    by_first = dict(zip(participants["_first"].tolist(),
                        zip(participants["source_rows"].tolist(),
                            participants["full_name"].tolist())))
    records = []
    for (a, b), reason in sorted(reasons.items()):
        (rows_a, name_a), (rows_b, name_b) = by_first[a], by_first[b]
        records.append((rows_a, rows_b, f"{name_a} | {name_b}", reason))
    return pd.DataFrame(records, columns=list(POSSIBLE_COLUMNS))


def dedup(responses: pd.DataFrame, decisions: Decisions | None = None) -> DedupResult:
    """Group normalized responses into participants (see the module docstring and GUIDE.md)."""
    decisions = decisions or Decisions()
    order = ["source", "source_row", *(["ref"] if "ref" in responses.columns else [])]
    rows = responses.sort_values(order, kind="stable").reset_index(drop=True)
    keys = row_keys(rows).tolist()
    position = {key: i for i, key in enumerate(keys)}
    names = rows["full_name"].tolist()

    def known(pairs: frozenset[tuple[str, str]]) -> list[tuple[int, int]]:
        return sorted((position[a], position[b]) for a, b in pairs
                      if a in position and b in position)

    groups = Groups(names, known(decisions.apart))
    accepted: list[Link] = []
    refused: list[Link] = []
    suspects: list[Suspect] = []
    # Organizer merges come after the first round of evidence, so the other name they bring
    # in (a maiden name, say) does not block the ordinary links of either response.
    forced = [link(ORGANIZER, a, b) for a, b in known(decisions.merge)]
    records, active = rows.assign(row=np.arange(len(rows))), None
    merged = None  # the merge of the last round that joined anything: the final groups
    while True:
        links, found = find_links(records, active)
        suspects += found
        joined: list[Link] = []
        for item in [*sorted(set(links)), *forced]:
            outcome = groups.union(item.a, item.b, check_names=item.rule != ORGANIZER)
            if outcome == "joined":
                joined.append(item)
            elif outcome == "clash":
                refused.append(item)
        accepted += joined
        forced = []
        if not joined:
            break
        merged = merge_groups(rows, _labels(groups, len(rows)))
        records = _records(rows, merged, position)
        grown = {groups.find(item.a) for item in joined}
        active = np.array([groups.find(row) in grown for row in records["row"]])

    labels = _labels(groups, len(rows))
    if merged is None:  # nothing was ever joined
        merged = merge_groups(rows, labels)
    first_row = {label: position[pid] for label, pid in merged["participant_id"].items()}
    participants = (merged.assign(_first=merged["participant_id"].map(position))
                    .sort_values(["institution", "full_name", "_first"], kind="stable")
                    .reset_index(drop=True))
    possible = _possible(refused, suspects, groups, labels, participants, first_row)
    merges = _spanning_merges(accepted, labels, first_row, keys, names)
    return DedupResult(participants.drop(columns="_first"), merges, possible)
