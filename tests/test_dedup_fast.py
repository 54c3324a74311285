"""dedup's fast paths against plain reference versions: blocks from integer codes, answers
merged by row position and updated per round, the search narrowed to active records."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.dedup import dedup
from sync.dedup.groups import Groups
from sync.dedup.links import NEAR_COLUMNS, _blocks, _codes, find_links, name_keys, near_active
from sync.dedup.merge import MergedAnswers, time_order
from sync.dedup.names import key_without_patronymic, parse_name
from tests.test_dedup import response_rows, responses

FAST_SETTINGS = settings(max_examples=80, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow])


def reference_blocks(keys: list, active: list[bool]) -> list[list[int]]:
    """Positions per non-blank key shared by two or more, one active, by first appearance."""
    positions: dict = {}
    for i, key in enumerate(keys):
        if key != "" and not (isinstance(key, float) and math.isnan(key)):
            positions.setdefault(key, []).append(i)
    return [block for block in positions.values()
            if len(block) > 1 and any(active[i] for i in block)]


@FAST_SETTINGS
@given(data=st.data())
def test_blocks_match_plain_grouping(data):
    keys = data.draw(st.lists(st.sampled_from(["", "a", "b", "c", float("nan")]), max_size=30))
    active = data.draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys)))
    series = pd.Series(keys, dtype=object)
    assert _blocks(_codes(series), np.array(active, dtype=bool)) == reference_blocks(keys, active)


def is_blank(value) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


_CYRILLIC = re.compile("[а-яёәғқңөұүһі]", re.IGNORECASE)


def reference_answers(rows: pd.DataFrame, group: np.ndarray) -> dict[int, dict]:
    """Per group label, each answer column's latest non-blank value (the name's fullest,
    the e-mail's best), the slow way."""
    def when(i: int) -> tuple:
        at = rows["submitted_at"][i]
        return (not pd.isna(at), at.value if not pd.isna(at) else 0,
                rows["source"][i], rows["source_row"][i], i)

    text = ["full_name", "city", "email_key"]
    names = [n for n in rows["full_name"] if isinstance(n, str)]
    cyrillic = not names or sum(bool(_CYRILLIC.search(n)) for n in names) >= len(names) / 2
    merged = {}
    for label in sorted(set(group.tolist())):
        members = sorted((i for i in range(len(rows)) if group[i] == label), key=when)
        record = {}
        for c in [*text, "email_valid", "score"]:
            answered_by = "email_key" if c == "email_valid" else c
            answered = [i for i in members if not is_blank(rows[answered_by][i])
                        and rows[answered_by][i] != ""]
            if c == "full_name":  # given name and surname written out, no letter lost,
                # in the list's letters, with a patronymic, with Kazakh letters, the surname
                # and given name typed most often; the latest among equals
                keys = rows["name_key"] if "name_key" in rows else pd.Series([""] * len(rows))
                cores = {i: key_without_patronymic(keys[i]) if isinstance(keys[i], str) else ""
                         for i in members}

                def fullness(i):
                    name = parse_name(rows[c][i])
                    typed = min(sum(cores[j] == cores[i] for j in members), 9) if cores[i] else 0
                    return (len(name.words) - len(name.patronymics), "?" not in rows[c][i],
                            bool(_CYRILLIC.search(rows[c][i])) == cyrillic,
                            bool(name.patronymics), bool(re.search("[әғқңөұүһі]", rows[c][i])),
                            typed)
                answered = sorted(answered, key=fullness)
            elif c.startswith("email"):  # a valid address needing no note, the one given
                # most often, the latest of them
                notes = rows.get("email_note", pd.Series([""] * len(rows)))
                answered = sorted(answered, key=lambda i: (
                    2 * bool(rows["email_valid"][i]) + (notes[i] == ""),
                    sum(rows["email_key"][j] == rows["email_key"][i] for j in members)))
            if answered:
                record[c] = rows[c][answered[-1]]
            else:
                record[c] = {"email_valid": False, "score": math.nan}.get(c, "")
        merged[label] = record
    return merged


text_values = st.sampled_from(["", "x", "y", None])
answer_rows = st.lists(st.fixed_dictionaries({
    "source": st.sampled_from(["form", "email"]),
    "submitted_at": st.sampled_from([None, "2024-03-01", "2024-03-02"]),
    "full_name": text_values, "city": text_values, "email_key": text_values,
    "email_valid": st.booleans(),
    "score": st.sampled_from([1.0, 2.0, math.nan]),
}), min_size=1, max_size=12)


def answer_frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records)
    frame.insert(1, "source_row", range(2, len(frame) + 2))
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True)
    for c in ("source", "full_name", "city", "email_key"):
        frame[c] = frame[c].astype("str")
    return frame


def first_rows(assignment: list[int]) -> np.ndarray:
    """Group labels as dedup makes them: each group's first row."""
    first: dict[int, int] = {}
    return np.array([first.setdefault(a, i) for i, a in enumerate(assignment)])


def as_records(answers: pd.DataFrame) -> dict[int, dict]:
    return {label: {c: (math.nan if is_blank(v) else v) for c, v in row.items()}
            for label, row in answers.to_dict("index").items()}


def same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        x.keys() == y.keys() and all(u == v or (is_blank(u) and is_blank(v))
                                     for u, v in zip(x.values(), (y[k] for k in x)))
        for x, y in zip(a.values(), (b[k] for k in a)))


@FAST_SETTINGS
@given(records=answer_rows, data=st.data())
def test_merged_answers_match_the_slow_merge(records, data):
    rows = answer_frame(records)
    assignment = data.draw(st.lists(st.integers(0, 3), min_size=len(rows), max_size=len(rows)))
    group = first_rows(assignment)
    labels = np.unique(group)
    answers = MergedAnswers(rows, time_order(rows))
    alone = np.arange(len(rows))
    assert same(as_records(answers.of(alone)), reference_answers(rows, alone))
    # the groups grow in one step, as a round of links would make them
    answers.regroup(group, labels[np.bincount(group)[labels] > 1])
    assert same(as_records(answers.of(labels)), reference_answers(rows, group))
    # a value worked out per row goes along with the answer it was worked out from
    shouted = np.array([None if is_blank(name) else name.upper() for name in rows["full_name"]],
                       dtype=object)
    expected = [record["full_name"] for record in reference_answers(rows, group).values()]
    assert answers.along("full_name", labels, shouted, "").tolist() == [
        "" if is_blank(name) else name.upper() for name in expected]
    # the last use, letting each column go as it is gathered, gathers the same
    pd.testing.assert_frame_equal(answers.of(labels).copy(), answers.take_all(labels))


@FAST_SETTINGS
@given(rows=response_rows)
def test_participants_hold_the_latest_answer_of_their_responses(rows):
    frame = responses(*rows)
    participants = dedup(frame).participants
    by_key = {f"{s}:{r}": i for i, (s, r) in enumerate(zip(frame["source"], frame["source_row"]))}
    group = np.zeros(len(frame), dtype=int)
    for label, rows_of in enumerate(participants["source_rows"]):
        for key in rows_of.split("; "):
            group[by_key[key]] = label
    canonical = frame.assign(score=math.nan)
    expected = reference_answers(canonical, group)
    for label, person in participants.iterrows():
        for c in ("full_name", "city", "email_key", "email_valid"):
            assert person[c] == expected[label][c], c


def _narrowed_and_whole(rows: list[dict], active: np.ndarray) -> tuple:
    frame = responses(*rows).assign(row=lambda f: np.arange(len(f)))
    keys = name_keys(frame["full_name"].tolist())
    near = near_active(frame[list(NEAR_COLUMNS)], active)
    return find_links(frame[near], keys[near], active[near]), find_links(frame, keys, active)


@FAST_SETTINGS
@given(rows=response_rows, seed=st.integers(0, 2**16))
def test_narrowing_to_active_records_finds_the_same(rows, seed):
    active = np.random.default_rng(seed).random(len(rows)) < 0.3
    narrowed, whole = _narrowed_and_whole(rows, active)
    assert narrowed == whole


def test_narrowing_keeps_who_else_gave_the_address_beside_a_phone():
    """A phone's block asks whether the address beside it is several people's: the others
    who gave that address are near too, though none of them is active (found by hypothesis)."""
    typed = [("Иванов Айдар Серикович", "", "+77010000001"),
             ("Иванов Айдар", "a@x.kz", "+77010000001"), ("Петров Ерлан", "a@x.kz", ""),
             ("Ким Ольга", "a@x.kz", "")]
    rows = [{"full_name": name, "email": email, "phone": phone} for name, email, phone in typed]
    narrowed, whole = _narrowed_and_whole(rows, np.array([True, False, False, False]))
    assert narrowed == whole
    assert whole[1]  # the phone beside a shared address: asked, not merged


@FAST_SETTINGS
@given(pairs=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=15))
def test_roots_at_once_match_find(pairs):
    groups = Groups([""] * 10, [])
    for a, b in pairs:
        groups.union(a, b, check_names=False)
    assert groups.roots().tolist() == [groups.find(i) for i in range(10)]
