"""The study group a row names at a college or a university ("ХТ-22-1", "гр. ЭК 21-2",
"ТПП-21к", "EK-21-2"): a few dozen students of one programme and one year.

Dedup compares it as it does a school's class: a curator's list and the student's own form
naming one group are one student's where the name is; two groups are two namesakes. Many
forms and lists ask it in a question of its own ("Группа", "Топ / группа"); some answer it
for the programme ("Специальность / группа").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from sync.normalize.specialties import is_study_group
from sync.normalize.study_year import study_year
from sync.normalize.text import clean_text, latin_skeleton

# A group's word typed before its code: "гр. ЭК-21-2", "группа Т-301", "тобы ХТ-22".
_GROUP_WORD = re.compile(r"^(?:гр|группа|групп|group|gr|топ|тобы)\b\.?\s*", re.IGNORECASE)
# What parts an answer saying several things is in: "ХТ-22-1, 3 курс", "ЭП-23 (2 курс)".
_PARTS = re.compile(r"[,;()]")
_RUNS = re.compile(r"[^\W\d_]+|\d+")
_MOST = 0.5  # of a question's answers groups, for it to ask the group


def group_key(answer: str) -> str:
    """One spelling of the group an answer names, its letters in Latin as names are
    compared ("ЭК-21-2", "эк 21-2", "EK21-2": "ek212"), or "" where it names none. The
    group may be one part of an answer that says the year too ("ТПМ-24-1 (1 курс)", "3
    курс, гр. ХТО-22к": field test FD's "Группа, курс")."""
    keys = {_key(part) for part in _PARTS.split(clean_text(answer))} - {""}
    return keys.pop() if len(keys) == 1 else ""


def _key(part: str) -> str:
    text = _GROUP_WORD.sub("", part.strip())
    if not is_study_group(text):
        return ""
    return "".join(run if run.isdecimal() else latin_skeleton(run) for run in _RUNS.findall(text))


def study_groups(extras: Mapping[str, Sequence[str]], programmes: Sequence[str]) -> list[str]:
    """Each response's group (group_key): from the questions most of whose answers name
    one, but for those saying the year of study alone ("Тобы / курсы": "1 курс" on most
    rows, "гр. РЭ-24-1" on some, field test FD), else from its programme's answer where
    that is a group alone; "" where none. `extras`: the other questions' answers by header."""
    groups = _keys(programmes)
    for answers in extras.values():
        read = _keys(answers)
        given = sum(isinstance(a, str) and bool(a.strip()) and (bool(group) or not study_year(a))
                    for a, group in zip(answers, read))
        if given and sum(map(bool, read)) >= _MOST * given:
            groups = [own or group for own, group in zip(read, groups)]
    return groups


def _keys(answers: Sequence[str]) -> list[str]:
    """group_key of each answer, each distinct answer read once."""
    read = {a: group_key(a) for a in set(answers) if isinstance(a, str)}
    return [read.get(a, "") if isinstance(a, str) else "" for a in answers]
