"""What the data itself teaches about spellings no directory knows.

- A person who typed an unknown spelling in one submission and a directory institution in
  another, or whose e-mail address is at a directory institution's domain, says what the
  unknown spelling means. It joins that institution only when all such evidence for it
  points to one institution of a fitting kind; otherwise it stays unknown (and goes to
  review).
- An answer with a programme code and a name ("6B05201 Экология") says what the code means:
  the bare code elsewhere, and a name typed beside the same code in another language, join
  that field, again only when the evidence is consistent.

Every function here is a function of the whole column set as a set: the same rows in any
order teach the same.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Sequence

from sync.normalize.names import is_patronymic
from sync.normalize.phones import phone_key
from sync.normalize.text import latin_skeleton

# A person is told apart by name and e-mail (or name and phone): one e-mail address is
# often a teacher's, used to register several students.
_WORDS = re.compile(r"[^\W\d_]+")


def person_keys(names: Sequence[str], emails: Sequence[str], phones: Sequence[str]) -> list[str]:
    """One key per row for "the same person" (name and e-mail, else name and phone), "" where
    the row does not say enough. Case and spacing of the name are folded. Each distinct
    name, address and phone is folded once: most of 100,000 rows repeat some."""
    name = _folded_each(names, _fold_name)
    email = _folded_each(emails, lambda e: e.strip().casefold() if "@" in e else "")
    phone = _folded_each(phones, phone_key)
    return [f"{n}|{e or p}" if n and (e or p) else "" for n, e, p in zip(name, email, phone)]


class People:
    """Who is who among the rows, worked out only where it is asked: for some rows (those of
    unknown spellings) and every other row of the same name, not for 100,000 rows of which
    a few hundred can teach anything."""

    def __init__(self, names: Sequence[str], emails: Sequence[str], phones: Sequence[str],
                 classes: Sequence[str] = ()):
        self._names, self._emails, self._phones = names, emails, phones
        self._classes = classes

    def named_at(self, rows: Iterable[int]) -> frozenset[str]:
        """The surnames and given names of the people of `rows` (name_core): whom a place's
        spelling was typed by."""
        return frozenset(filter(None, (name_core(self._names[i]) for i in rows)))

    def named_in_class_at(self, rows: Iterable[int]) -> frozenset[str]:
        """named_at, each name with its row's class ("Әлихан Сұлтанов|9а"), of the rows
        that say one (`classes`: each row's year and letter, "" where either is unsaid)."""
        if not self._classes:
            return frozenset()
        return frozenset(f"{core}|{self._classes[i]}" for i in rows
                         if self._classes[i] and (core := name_core(self._names[i])))

    def around(self, rows: Iterable[int]) -> dict[int, str]:
        """{row: person key (person_keys)} of `rows` and of every row with one of their
        names; rows that do not say enough are left out."""
        folded = {n: _fold_name(n) if isinstance(n, str) else "" for n in dict.fromkeys(self._names)}
        wanted = {folded[self._names[i]] for i in rows} - {""}
        if not wanted:
            return {}
        chosen = [i for i, name in enumerate(self._names) if folded[name] in wanted]
        keys = person_keys([self._names[i] for i in chosen], [self._emails[i] for i in chosen],
                           [self._phones[i] for i in chosen])
        return {i: key for i, key in zip(chosen, keys) if key}


@lru_cache(maxsize=65536)
def name_core(name: str) -> str:
    """A name's surname and given name, whatever their order, script and patronymic ("" for
    a name of other words): "Мақсұтова Сәуле Ержановна" and "Сәуле Мақсұтова" are one."""
    words = [skeleton for skeleton in map(latin_skeleton, _WORDS.findall(name))
             if len(skeleton) > 1 and not is_patronymic(skeleton)] \
        if isinstance(name, str) else []
    return " ".join(sorted(words)) if len(words) == 2 else ""


def _fold_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def _folded_each(values: Sequence[str], fold: Callable[[str], str]) -> list[str]:
    folded = {v: fold(v) if isinstance(v, str) else "" for v in dict.fromkeys(values)}
    return [folded[v] for v in values]


def learn_institutions(
    rows: Iterable[tuple[str, str, str, str]],
    fits: Mapping[str, frozenset[str]],
) -> dict[str, str]:
    """{unknown group: directory id} the data teaches.

    `rows`: (unknown group or "", directory id or "", person key or "", directory id owning
    the row's e-mail domain or ""). `fits`: for each unknown group, the directory ids of a
    kind it may join (a school never joins a university).
    """
    known_of_person: dict[str, set[str]] = defaultdict(set)
    persons_of_group: dict[str, set[str]] = defaultdict(set)
    evidence: dict[str, set[str]] = defaultdict(set)
    for group, known, person, domain_owner in rows:
        if known and person:
            known_of_person[person].add(known)
        if group:
            if person:
                persons_of_group[group].add(person)
            if domain_owner:
                evidence[group].add(domain_owner)
    for group, persons in persons_of_group.items():
        for person in persons:
            evidence[group] |= known_of_person.get(person, set())
    return {
        group: next(iter(ids)) for group, ids in evidence.items()
        if len(ids) == 1 and next(iter(ids)) in fits.get(group, frozenset())
    }


def learn_codes(pairs: Iterable[tuple[str, str]], known: Mapping[str, str]
                ) -> tuple[dict[str, str], dict[str, str]]:
    """What programme codes and unknown names mean, from answers with both.

    `pairs`: (code, name group) from answers with a code and a name; a name group is a
    reference id when the name was recognised, else "?" + the unknown name's key. `known`:
    reference id -> itself for recognised groups (any mapping whose keys are the reference ids).
    Returns ({code: group it means}, {unknown name group: group it joins}).

    A code means one group when every name typed beside it is that group, or names that all
    lead to it; an unknown name joins a reference entry when every code typed beside it
    means that entry.
    """
    names_of_code: dict[str, set[str]] = defaultdict(set)
    codes_of_name: dict[str, set[str]] = defaultdict(set)
    for code, group in pairs:
        names_of_code[code].add(group)
        codes_of_name[group].add(code)
    # a code is first read through its recognised names only
    code_means: dict[str, str] = {}
    for code, groups in names_of_code.items():
        recognised = {g for g in groups if g in known}
        if len(recognised) == 1:
            code_means[code] = recognised.pop()
        elif not recognised:
            # names no reference knows, typed beside one code: one field, shown under one
            code_means[code] = min(groups)
    name_joins: dict[str, str] = {}
    for group, codes in codes_of_name.items():
        if group in known:
            continue
        meanings = {code_means.get(c, "") for c in codes}
        if len(meanings) == 1 and (target := meanings.pop()) and target != group:
            name_joins[group] = target
    return ({c: _final(g, name_joins) for c, g in code_means.items()},
            {n: _final(g, name_joins) for n, g in name_joins.items()})


def _final(group: str, joins: Mapping[str, str]) -> str:
    """Where a chain of joins ends (U2 -> U1 -> a reference entry); a loop stops at its
    smallest member."""
    seen = [group]
    while group in joins and joins[group] not in seen:
        group = joins[group]
        seen.append(group)
    return group if group not in joins else min(seen)
