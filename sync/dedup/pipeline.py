"""dedup(): normalized responses -> one row per person, what was merged, and what to check.

Rows are put in canonical (source, source_row) order first and links are tried in a fixed
order (strongest rule first, then by row), so shuffled input gives the same result. Links
are looked for again on the merged records until nothing new joins: a group's merged fields
(a phone from one row, a name from another) can link it to a record no single row linked to.

participants: participant_id (the group's first "source:row"), then the input's columns
  without the per-response ones (source_row, submitted_at, submitted_at_raw), each the
  latest non-blank answer (the name: the one written out most fully); `source` lists the group's sources in order of first submission;
  then registered_at (earliest), last_submitted_at, source_rows ("email:3; form:5; form:17",
  sorted by source, then row number) and response_count. Sorted by institution, full_name,
  then first row.
merges: one row per response merged into a participant (MERGE_COLUMNS), in tree order from
  the participant's first row, with the rule that linked it.
possible: pairs of participants for a person to decide on (POSSIBLE_COLUMNS): rows_a and
  rows_b are their source_rows, so the first entry of each is the participant_id.
"""

from __future__ import annotations

from array import array
from collections import defaultdict, deque
from dataclasses import dataclass, field
from itertools import chain, combinations
from typing import Mapping

import numpy as np
import pandas as pd

from reports.model import letter_part_of, row_ref
from sync.decisions import Decisions
from sync.fields import CANONICAL_ORDER
from sync.dedup import names as nm
from sync.dedup.groups import Groups
from sync.dedup.links import (NAMESAKE_COLUMNS, NEAR_COLUMNS, ORGANIZER, Link, Suspect,
                              find_links, initials_beside_names, leaders_of,
                              leaders_of_one_pupil, lent_contacts, link, mistyped_addresses,
                              name_keys, namesakes, near_active, one_team_twice)
from sync.dedup.merge import MergedAnswers, merged_records, row_keys, time_order

MERGE_COLUMNS = ("participant_id", "kept_row", "merged_row", "rule", "full_name")
POSSIBLE_COLUMNS = ("rows_a", "rows_b", "names", "reason")
# a link refused because another name in the group does not fit: "dedup.conflict|<rule>"
CONFLICT = "dedup.conflict|{rule}"


@dataclass(frozen=True)
class DedupResult:
    participants: pd.DataFrame  # one row per person
    merges: pd.DataFrame  # one row per response merged into another (MERGE_COLUMNS)
    possible: pd.DataFrame  # pairs of participants a person should look at (POSSIBLE_COLUMNS)


def _first_rows(groups: Groups) -> np.ndarray:
    """Each row's group label: the group's first row in canonical order."""
    _, first_of_root, root_of_row = np.unique(groups.roots(), return_index=True,
                                                 return_inverse=True)
    return first_of_root[root_of_row]


def _earliest(rows: pd.DataFrame, group: np.ndarray) -> np.ndarray:
    """When each group (by its label, a row position) first registered: NaT where no
    response of it says, and for positions that label no group."""
    earliest = np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ns]")
    if "submitted_at" in rows:
        times = pd.Series(rows["submitted_at"].to_numpy(dtype="datetime64[ns]"))
        first = times.groupby(group).min()
        earliest[first.index.to_numpy()] = first.to_numpy()
    return earliest


def _spanning_merges(accepted: list[Link], first: array, keys: list[str], names: list[str]
                     ) -> pd.DataFrame:
    """Each merged-away response once, with the link that joined it (from the first row on)."""
    neighbours: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for item in accepted:
        neighbours[item.a].append((item.b, item.rule))
        neighbours[item.b].append((item.a, item.rule))
    records = []
    for start in sorted({first[row] for row in neighbours}):
        queue, seen = deque([start]), {start}
        while queue:
            kept = queue.popleft()
            for merged, rule in sorted(neighbours[kept]):
                if merged not in seen:
                    seen.add(merged)
                    queue.append(merged)
                    records.append((keys[start], keys[kept], keys[merged], rule, names[merged]))
    return pd.DataFrame(records, columns=list(MERGE_COLUMNS))


def _suspect_pairs(members: list[int], groups: Groups) -> list[tuple[int, int]]:
    """The pairs of a suspect block's participants (by first row, sorted) to show: each
    paired with the earliest one it is not kept apart from. Namesakes at a big institution
    are many; all their pairs would grow as the square (two million at a million responses,
    more than a sheet can hold). A pair decided apart makes way for the next one."""
    pairs = []
    for position, member in enumerate(members[1:], start=1):
        earlier = next((e for e in members[:position] if not groups.kept_apart(e, member)), None)
        if earlier is not None:
            pairs.append((earlier, member))
    return pairs


def _possible_pairs(refused: list[Link], suspects: list[Suspect], groups: Groups, first: array
                    ) -> tuple[np.ndarray, list[str]]:
    """The pairs of participants to ask about, each as one number a * n + b of their first
    rows (a < b; n rows): sorted as the pairs are, and a million of them cost far less than
    tuples. Returned sorted, with the reason of each. `first[row]` is the row's group label."""
    n = len(first)
    reasons: dict[int, str] = {}
    candidates = chain((((x.a, x.b), CONFLICT.format(rule=x.rule)) for x in refused),
                       ((pair, s.reason) for s in suspects
                        for pair in _suspect_pairs(sorted({first[row] for row in s.rows}), groups)))
    for (a, b), reason in candidates:
        ga, gb = sorted((first[a], first[b]))
        if ga != gb and ga * n + gb not in reasons and not groups.kept_apart(ga, gb):
            reasons[ga * n + gb] = reason
    pairs = sorted(reasons)
    return np.array(pairs, dtype=np.int64), [reasons[pair] for pair in pairs]


def _possible(pairs: np.ndarray, reasons: list[str], rows: int, labels: np.ndarray,
              participants: pd.DataFrame) -> pd.DataFrame:
    """The possible pairs (from _possible_pairs, of `rows` rows) as POSSIBLE_COLUMNS;
    `labels[i]` is participant i's first row."""
    position = np.empty(rows, dtype=np.int64)
    position[labels] = np.arange(len(labels))
    at_a, at_b = position[pairs // rows], position[pairs % rows]
    source_rows = participants["source_rows"].to_numpy(dtype=object)
    names = participants["full_name"].to_numpy(dtype=object)
    return pd.DataFrame({
        "rows_a": source_rows[at_a].tolist(), "rows_b": source_rows[at_b].tolist(),
        "names": [f"{a} | {b}" for a, b in zip(names[at_a].tolist(), names[at_b].tolist())],
        "reason": reasons}, columns=list(POSSIBLE_COLUMNS))


@dataclass
class _Evidence:
    accepted: list[Link] = field(default_factory=list)  # links that joined two groups
    refused: list[Link] = field(default_factory=list)  # links refused for a name clash
    suspects: list[Suspect] = field(default_factory=list)


def _link_rounds(rows: pd.DataFrame, groups: Groups, answers: MergedAnswers,
                 forced: list[Link], known_name_keys: Mapping[str, str] | None = None
                 ) -> tuple[_Evidence, np.ndarray]:
    """Join groups round after round until nothing new joins; the evidence, and each row's
    group label (its group's first row).

    The first round looks at every response; each later one at the groups that grew, in
    blocks with the others (`active`). Namesakes need a few columns of every group; the
    other blocks all columns, so those are gathered only for the groups near_active finds.
    """
    evidence = _Evidence()
    group = np.arange(len(rows))
    row_name_keys = name_keys(rows["full_name"].tolist(), known_name_keys)
    # namesakes compare a name whose letters a file lost as the one name of the data it is
    row_namesake_keys = np.array(nm.lost_letters_read(row_name_keys.tolist()), dtype=object)
    everyone, keys, active = rows.assign(row=group), row_name_keys, np.ones(len(rows), dtype=bool)
    namesake_keys = row_namesake_keys
    records, record_keys, record_active = everyone, keys, active
    few = [*NEAR_COLUMNS, *NAMESAKE_COLUMNS]
    leaders = leaders_of(rows)
    lent = lent_contacts(rows, leaders)
    teams = one_team_twice(rows, leaders, row_name_keys)
    while True:
        links, found = find_links(records, record_keys, record_active)
        links += leaders_of_one_pupil(rows, leaders, group) + teams
        teams = []
        same_names, asked = namesakes(everyone, namesake_keys, active, _earliest(rows, group),
                                      lent)
        links += same_names + mistyped_addresses(everyone, keys, active)
        evidence.suspects += found + asked
        joined: list[Link] = []
        for item in [*sorted(set(links)), *forced]:
            outcome = groups.union(item.a, item.b, check_names=item.rule != ORGANIZER)
            if outcome == "joined":
                joined.append(item)
            elif outcome == "clash":
                evidence.refused.append(item)
        evidence.accepted += joined
        forced = []
        if not joined:  # initials are asked about beside the names the groups end with
            evidence.suspects += initials_beside_names(everyone, keys)
            return evidence, group
        group = _first_rows(groups)
        labels = np.flatnonzero(group == np.arange(len(rows)))
        grown = np.unique(group[[item.a for item in joined]])
        answers.regroup(group, grown)
        del records, everyone  # the last round's records go before the next are gathered
        everyone = answers.of(labels, few).assign(row=labels)
        keys = answers.along("full_name", labels, row_name_keys, "")
        namesake_keys = answers.along("full_name", labels, row_namesake_keys, "")
        active = np.isin(labels, grown)
        chosen = near_active(everyone, active)
        records = answers.of(labels[chosen]).assign(row=labels[chosen])
        record_keys, record_active = keys[chosen], active[chosen]


def _participant_order(answers: MergedAnswers, labels: np.ndarray) -> np.ndarray:
    """Group labels sorted by institution, full_name, then first row."""
    order = ["institution", "full_name"]
    return (answers.of(labels, order).assign(_first=labels)
            .sort_values([*order, "_first"], kind="stable")["_first"].to_numpy())


def side_by_side(refs: list[str], names: list[str]) -> list[tuple[int, int]]:
    """Pairs of responses one list names, whose names could be one person's: the people a
    form's row lists (refs "form:12/1", "form:12/2"), or those of a letter's text or one of
    its attachments. Whoever wrote the list named each person once, so two such are two
    people (field test AR: namesakes of one teacher's list were merged once the letter
    gave them its institution). Names are compared within a list by their words."""
    lists: dict[str, list[int]] = defaultdict(list)
    for i, ref in enumerate(refs):
        lists[letter_part_of(ref) or row_ref(ref)].append(i)
    pairs = set()
    for members in lists.values():
        if len(members) < 2:  # most: a row of its own
            continue
        by_word: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for word in set(nm.name_key(names[i]).split()):
                by_word[word].append(i)
        pairs |= {(i, j) for sharing in by_word.values() for i, j in combinations(sharing, 2)
                  if nm.compatible(names[i], names[j])}
    return sorted(pairs)


def dedup(responses: pd.DataFrame, decisions: Decisions | None = None,
          known_name_keys: Mapping[str, str] | None = None) -> DedupResult:
    """Group normalized responses into participants (see the module docstring and docs/architecture.md).

    `known_name_keys`: name keys of display names worked out ahead (links.name_key_results),
    for some names or all."""
    decisions = decisions or Decisions()
    order = [c for c in CANONICAL_ORDER if c in responses.columns]
    # input already in this order (the store gives it so) is not copied: pandas sees that
    rows = responses.sort_values(order, kind="stable").reset_index(drop=True)
    row_key = row_keys(rows)
    keys = row_key.tolist()
    decided = {key for pair in decisions.apart | decisions.merge for key in pair}
    position = {key: i for i, key in enumerate(keys) if key in decided}
    names = rows["full_name"].tolist()

    def known(pairs: frozenset[tuple[str, str]]) -> list[tuple[int, int]]:
        return sorted((position[a], position[b]) for a, b in pairs
                      if a in position and b in position)

    listed = side_by_side(rows["ref"].tolist(), names) if "ref" in rows else []
    groups = Groups(names, known(decisions.apart), listed)
    # Organizer merges come after the first round of evidence, so the other name they bring
    # in (a maiden name, say) does not block the ordinary links of either response.
    forced = [link(ORGANIZER, a, b) for a, b in known(decisions.merge)]
    in_time = time_order(rows)
    answers = MergedAnswers(rows, in_time)
    evidence, group = _link_rounds(rows, groups, answers, forced, known_name_keys)
    nm.forget()  # the names seen, cached while linking: memory the participants can use
    first = array("q", group.astype(np.int64).tobytes())  # no int object per row
    # the pairs to ask about before the participants are made: the evidence can go first
    pairs, reasons = _possible_pairs(evidence.refused, evidence.suspects, groups, first)
    evidence.refused = evidence.suspects = []

    # Gathered straight in the participants' order: one copy of the answers, not two.
    labels = _participant_order(answers, np.flatnonzero(group == np.arange(len(rows))))
    gathered = answers.take_all(labels)
    del answers
    participants = merged_records(rows, gathered, group, in_time, row_key)
    participants = participants.reset_index(drop=True)
    possible = _possible(pairs, reasons, len(rows), labels, participants)
    merges = _spanning_merges(evidence.accepted, first, keys, names)
    return DedupResult(participants, merges, possible)
