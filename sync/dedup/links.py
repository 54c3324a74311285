"""Candidate links between records, found by blocking (never by comparing all pairs).

Blocks: rows sharing a valid e-mail, a phone, all their answers, or an institution and a
name key. Inside a block rows are grouped by name key first, so only distinct names are
compared with each other. Strong evidence becomes a Link (to be merged); weaker evidence
becomes a Suspect block (for a person to look at).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from sync.dedup import names as nm

ORGANIZER = "organizer decision"
# Links are tried strongest first, so a weak link that would clash is the one refused.
RULES = (
    ORGANIZER,
    "identical answers",
    "same e-mail and name",
    "same e-mail, transliterated name",
    "same name and phone",
    "same e-mail, name without patronymic",
    "same e-mail, one-letter typo in name",
    "same e-mail, initials",
)
_EMAIL_RULE = {
    nm.SAME: "same e-mail and name",
    nm.TRANSLITERATED: "same e-mail, transliterated name",
    nm.WITHOUT_PATRONYMIC: "same e-mail, name without patronymic",
    nm.TYPO: "same e-mail, one-letter typo in name",
    nm.INITIALS: "same e-mail, initials",
}
SIMILAR_NAME_SAME_PHONE = "same phone, similar name"
SAME_NAME_AND_INSTITUTION = "same name and institution, different e-mail and phone"
# Columns that describe a submission, not the person: left out of "identical answers".
PROVENANCE_COLUMNS = ("source", "source_row", "ref", "submitted_at", "submitted_at_raw")
# Answers that almost always differ between two people: cheap to compare first.
PREFILTER_COLUMNS = ("full_name", "email", "phone")


@dataclass(frozen=True, order=True)
class Link:
    priority: int  # index into RULES
    a: int  # row positions (canonical order), a < b
    b: int

    @property
    def rule(self) -> str:
        return RULES[self.priority]


def link(rule: str, a: int, b: int) -> Link:
    return Link(RULES.index(rule), min(a, b), max(a, b))


@dataclass(frozen=True)
class Suspect:
    reason: str
    rows: tuple[int, ...]


def _blocks(keys: pd.Series, active: np.ndarray) -> list[np.ndarray]:
    """Positions of each key shared by two or more records, one of them active.

    Blank keys never block. A block of inactive records was already looked at.
    """
    in_block = ((keys != "") & keys.duplicated(keep=False)).to_numpy()
    where = np.flatnonzero(in_block)
    shared = keys[in_block]
    blocks = (where[inside] for inside in shared.groupby(shared, sort=False).indices.values())
    return [block for block in blocks if active[block].any()]


def _by_name(block: np.ndarray, keys: np.ndarray) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for position in block:
        groups.setdefault(keys[position], []).append(position)
    return groups


def _same_answers(records: pd.DataFrame) -> pd.Series:
    """One key per set of identical answers, blank for a record no other record equals.

    Grouping on every column is slow; records equal in all answers are equal in the few
    PREFILTER_COLUMNS too, so only the records sharing those are grouped on all.
    """
    answers = [c for c in records.columns if c not in (*PROVENANCE_COLUMNS, "row")]
    prefilter = [c for c in PREFILTER_COLUMNS if c in answers] or answers
    candidates = records.duplicated(prefilter, keep=False).to_numpy()
    keys = pd.Series("", index=records.index, dtype=object)
    if candidates.any():
        same = records[candidates].groupby(answers, sort=False, dropna=False).ngroup()
        keys[candidates] = same.astype(str).to_numpy()
    return keys


def find_links(records: pd.DataFrame, active: np.ndarray | None = None
               ) -> tuple[list[Link], list[Suspect]]:
    """Links and suspects between records; `records` has a `row` column of row positions.

    `active` (one bool per record, all by default) limits the search to blocks that hold at
    least one active record: those whose fields changed since the last search.
    """
    active = np.ones(len(records), dtype=bool) if active is None else active
    rows = records["row"].to_numpy()
    full_names = records["full_name"].to_numpy()
    unique_names = pd.unique(full_names)
    key_of = dict(zip(unique_names, map(nm.name_key, unique_names)))
    keys = np.array([key_of[n] for n in full_names], dtype=object)
    links: list[Link] = []
    suspects: list[Suspect] = []

    def add(rule: str, i: int, j: int) -> None:
        links.append(link(rule, rows[i], rows[j]))

    valid_email = records["email_key"].where(records["email_valid"].astype(bool), "")
    for block in _blocks(valid_email, active):
        groups = _by_name(block, keys)
        groups.pop("", None)  # an e-mail alone is not a person
        for members in groups.values():
            for other in members[1:]:
                add(_EMAIL_RULE[nm.name_rule(full_names[members[0]], full_names[other])],
                    members[0], other)
        for x, y in combinations(groups.values(), 2):
            rule = nm.name_rule(full_names[x[0]], full_names[y[0]])
            if rule is not None:
                add(_EMAIL_RULE[rule], x[0], y[0])

    for block in _blocks(records["phone"], active):
        groups = _by_name(block, keys)
        groups.pop("", None)
        for members in groups.values():
            for other in members[1:]:
                add("same name and phone", members[0], other)
        for x, y in combinations(groups.values(), 2):
            rule = nm.name_rule(*sorted((full_names[x[0]], full_names[y[0]])))
            if rule == nm.WITHOUT_PATRONYMIC:  # Жұмабаев Самат / Жұмабаев Самат Бақытұлы
                add("same name and phone", x[0], y[0])
            elif rule is not None:
                suspects.append(Suspect(SIMILAR_NAME_SAME_PHONE, (rows[x[0]], rows[y[0]])))

    for block in _blocks(_same_answers(records), active):
        for other in block[1:]:
            add("identical answers", block[0], other)

    institution = records["institution_id"].where(
        records["institution_id"] != "", records["institution"].str.casefold())
    institution_and_name = institution + "\n" + pd.Series(keys, index=records.index)
    institution_and_name = institution_and_name.where((institution != "") & (keys != ""), "")
    for block in _blocks(institution_and_name, active):
        suspects.append(Suspect(SAME_NAME_AND_INSTITUTION, tuple(rows[block])))
    return links, suspects
