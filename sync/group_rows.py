"""Rows that register several people: a teacher's group typed into one answer, or a team's
members a question each.

"Иванов Иван, Петрова Анна" in the name's question, or pupils listed beside the leader's own
name ("ФИО учащихся (через запятую)", or "Участник 1 ФИО", "Участник 2 ФИО"...:
FormReading.listed), are one participant each: a response of its own, `ref` "form:12/2"
(the row's second person), with the row's other answers (the school, the town, the session;
the leader's e-mail and phone, which dedup knows are no one pupil's own). The leader stays
the row's own response. The role of those a row lists is what the question calls them
("ФИО учащихся", "Оқушылар тізімі"); where it calls them nothing, that of a name's list is
the row's answer, and that of a list beside a leader's name ("Жетекші", "Руководитель")
a learner's, the leader a teacher where the row gives no role; beside a name asked as
anyone's ("ФИО"), not given (the row's answer is its sender's).
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from reports.model import DELETED_MARK
from sync.dedup.names import key_without_patronymic, name_key, spelled_in
from sync.normalize.roles import learners_named, leads_learners, roles_in
from sync.normalize.aliases import is_blank
from sync.questions.answers import leaders_in, names_in, people_in
from sync.questions.wording import LEADER_WORDS, whose
from sync.responses import extra_column


def with_listed_people(frame: pd.DataFrame, name_question: str = "",
                       listed: Sequence[str] = ()) -> pd.DataFrame:
    """`frame` (raw responses with `ref`) with one response per person a row lists, in its
    name (asked by `name_question`) or in the `listed` questions (one list, or a team's
    member a question); unchanged when no row lists anyone."""
    asked = [question for question in listed if extra_column(question) in frame]
    columns = [extra_column(question) for question in asked]
    in_name = _called(name_question) or None  # None: the row's answer
    # the one a leader's question names, where a row lists people and gives no role
    leader = LEADER_ROLE if whose(name_question) & LEADER_WORDS else ""
    # those a leader sends are learners, where the question calls them nothing ("Команда
    # құрамы" beside "Жетекші")
    called = [_called(question) or (leader and LEARNER_ROLE) for question in asked]
    lists = [frame[column].tolist() for column in columns]
    names = frame["full_name"].tolist()
    split = {name: names_in(name) for name in set(names)}
    # per row: (name, role answer or None for the row's own, number: 0 for the row's own)
    rows: list[list[tuple[str, str | None, int]]] = []
    for i, name in enumerate(names):
        # the leader a list names is the row's own, as a leader's question's would be
        leader_named = (leaders_in(name) if split[name] else [])[:1]
        people = [(person, in_name) for person in split[name] if person not in leader_named]
        named = [(pupil, role) for answers, role in zip(lists, called)
                 for pupil in people_in(answers[i])]
        # one who put her own name among those she lists is herself: one registration
        itself = _core(name) if named else ""
        people += [(pupil, role) for pupil, role in named if not itself or _core(pupil) != itself]
        # a row that lists people and names no one of its own ("-", "нет", blank: a pupil
        # alone leaves the leader's question so) is theirs alone
        nobody = split[name] or people and is_blank(name)
        own = ([(leader_named[0], LEADER_ROLE, 0)] if leader_named
               else [] if nobody else [(name, None, 0)])
        rows.append(own + [(person, role, k) for k, (person, role) in enumerate(people, 1)])
    if all(len(people) == 1 for people in rows):
        return frame
    out = frame.loc[frame.index.repeat([len(people) for people in rows])].reset_index(drop=True)
    flat = [person for people in rows for person in people]
    out["full_name"] = [name for name, _, _ in flat]
    leading = [not k and len(people) > 1 for people in rows for _, _, k in people]
    out["role"] = [role if role is not None else leader if leads and not answer.strip()
                   else _as_listed(answer) if k else answer
                   for (_, role, k), answer, leads in zip(flat, out["role"].tolist(), leading)]
    # the lists stay with the one who sent them, or the row's first person
    first = [people[0][2] if people else 0 for people in rows]
    sent = [k == first[row] for row, people in enumerate(rows) for _, _, k in people]
    for column in columns:
        out[column] = [text if kept else "" for kept, text in zip(sent, out[column].tolist())]
    out["ref"] = [_numbered(ref, k) for (_, _, k), ref in zip(flat, out["ref"].tolist())]
    _contacts_to_the_one_listed(out, rows, frame)
    return out


def _contacts_to_the_one_listed(out: pd.DataFrame, rows: list[list[tuple[str, str | None, int]]],
                                frame: pd.DataFrame) -> None:
    """A row naming its leader and one other, from an address that spells the other's name
    and not the leader's, is a pupil registering herself who named her teacher: the e-mail
    and phone are hers, not the teacher's (field test AO: both were taken for no one's own)."""
    emails = frame["email"].tolist() if "email" in frame else []
    at = 0
    for people, email in zip(rows, emails):
        if (len(people) == 2 and not people[0][2] and isinstance(email, str) and email
                and spelled_in(people[1][0], email) and not spelled_in(people[0][0], email)):
            for column in ("email", "phone"):
                if column in out:
                    out.iat[at, out.columns.get_loc(column)] = ""
        at += len(people)


# A team's leader (wording.LEADER_WORDS) is its teacher, and those the leader sends
# learners: the roles where the form asks none.
LEADER_ROLE, LEARNER_ROLE = "teacher", "student"


def _core(name: str) -> str:
    """A name's surname and given name however written (case, spaces, Latin or Cyrillic)."""
    return key_without_patronymic(name_key(name))


def _called(question: str) -> str:
    """What a question calls those it lists, as a role's answer: its word for learners
    ("Если вы регистрируете группу учащихся": "учащихся", not the question, a teacher's
    words), or the question where it names a role otherwise ("ФИО участников-студентов")."""
    return learners_named(question) or (question if roles_in(question) else "")


def _as_listed(answer: object) -> object:
    """The row's role answer as that of one it lists: the learners it names where it is
    their teacher's ("группа студентов", "со своими учениками"), else the answer."""
    if isinstance(answer, str) and leads_learners(answer):
        return learners_named(answer)
    return answer


def _numbered(ref: str, k: int) -> str:
    if not k:
        return ref
    if ref.endswith(DELETED_MARK):
        return f"{ref[:-len(DELETED_MARK)]}/{k}{DELETED_MARK}"
    return f"{ref}/{k}"
