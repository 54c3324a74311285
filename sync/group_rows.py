"""Rows that register several people: a teacher's group typed into one answer.

"Иванов Иван, Петрова Анна" in the name's question, or pupils listed beside the leader's own
name ("ФИО учащихся (через запятую)", FormReading.listed), are one participant each: a
response of its own, `ref` "form:12/2" (the row's second person), with the row's other
answers (the school, the town, the session; the leader's e-mail and phone, which dedup
knows are no one pupil's own). The leader stays the row's own response. The role of those a
row lists is what the question calls them ("ФИО учащихся", "Оқушылар тізімі"); where it calls
them nothing, that of a name's list is the row's answer, and that of a list beside the
leader's name is not given (the row's answer is the leader's).
"""

from __future__ import annotations

import pandas as pd

from reports.model import DELETED_MARK
from sync.normalize.roles import learners_named, roles_in
from sync.questions.answers import names_in, people_in
from sync.responses import extra_column


def with_listed_people(frame: pd.DataFrame, name_question: str = "", listed: str = ""
                       ) -> pd.DataFrame:
    """`frame` (raw responses with `ref`) with one response per person a row lists, in its
    name (asked by `name_question`) or in the `listed` question; unchanged when no row
    lists anyone."""
    column = extra_column(listed) if listed else ""
    in_name = _called(name_question) or None  # None: the row's answer
    beside = _called(listed)
    lists = frame[column].tolist() if column in frame else None
    names = frame["full_name"].tolist()
    split = {name: names_in(name) for name in set(names)}
    # per row: (name, role answer or None for the row's own, number: 0 for the row's own)
    rows: list[list[tuple[str, str | None, int]]] = []
    for i, name in enumerate(names):
        people = [(person, in_name) for person in split[name]]
        pupils = people_in(lists[i]) if lists else []
        people += [(pupil, beside) for pupil in pupils]
        own = [] if split[name] else [(name, None, 0)]
        rows.append(own + [(person, role, k) for k, (person, role) in enumerate(people, 1)])
    if all(len(people) == 1 for people in rows):
        return frame
    out = frame.loc[frame.index.repeat([len(people) for people in rows])].reset_index(drop=True)
    flat = [person for people in rows for person in people]
    out["full_name"] = [name for name, _, _ in flat]
    out["role"] = [answer if role is None else role
                   for (_, role, _), answer in zip(flat, out["role"].tolist())]
    if lists is not None:  # the list stays with the one who sent it
        out[column] = [text if not k else "" for (_, _, k), text in zip(flat, out[column].tolist())]
    out["ref"] = [_numbered(ref, k) for (_, _, k), ref in zip(flat, out["ref"].tolist())]
    return out


def _called(question: str) -> str:
    """What a question calls those it lists, as a role's answer: its word for learners
    ("Если вы регистрируете группу учащихся": "учащихся", not the question, a teacher's
    words), or the question where it names a role otherwise ("ФИО участников-студентов")."""
    return learners_named(question) or (question if roles_in(question) else "")


def _numbered(ref: str, k: int) -> str:
    if not k:
        return ref
    if ref.endswith(DELETED_MARK):
        return f"{ref[:-len(DELETED_MARK)]}/{k}{DELETED_MARK}"
    return f"{ref}/{k}"
