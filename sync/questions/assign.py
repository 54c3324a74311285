"""Which question is which field: wording and answers scored together, then assigned.

Every (question, field) pair gets one score from 0 to 1: the wording's score and the
answers' share (weighed by how far answers alone prove the field) combined as two pieces of
evidence, either of which can carry the choice. Answers can also overrule wording: a
question worded "E-mail" whose answers are phone numbers is not the e-mail question.

Fields are then handed out best score first, each to at most one question and each question
to at most one field; the name is either one question or its parts (last, first, middle
name), never both. Config overrides are placed before anything else and always win.

A form with sections asks a field again in each branch ("ФИО студента", "ФИО
преподавателя"), and a question deleted and asked again leaves its old column: such a
question, worded as the field, answered on rows where the field's question is not, is read
as the same field on those rows (`FormReading.branches`).

The outcome depends only on the questions, the overrides and the sampled answers (never on
row order), so one header row read twice over the same rows is read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field as dataclass_field
from typing import Iterable, Mapping, Sequence

from sync.errors import SourceError
from sync.fields import NAME_PART_FIELDS
from sync.questions.answers import (ColumnSample, content_shares, is_email, is_phone,
                                    is_timestamp, names_in)
from sync.questions.wording import (FIELDS, REGISTERED, ROW_NUMBER, fold_question, is_sender,
                                    not_their_own, whose, without_examples, wording_scores)

# A pair scoring at least this is a choice; below it the question is kept as another answer.
ACCEPT = 0.5
# A choice below this, or with a rival within MARGIN, is shown as a guess to check.
SURE = 0.75
MARGIN = 0.1
# Below this share of fitting answers, a field's wording cannot hold against answers that
# plainly are another field's.
CONTRADICTED = 0.3
# Below this share of fitting answers, a wording holds against no other field's answers.
NOTHING_FITS = 0.1
# With no name question at all, a column is taken as the names when at least this share of
# its answers look like names.
NAME_FALLBACK_MIN = 0.3
# Questions listed as closest candidates in the error when no names are found.
CANDIDATES_SHOWN = 3
# Fields a form may ask again in another branch, and how many of a question's answers may
# stand on rows where the field's question is answered too for it to be another branch's
# (someone going back to fill both).
BRANCH_FIELDS = ("full_name", "last_name", "first_name", "middle_name", "email", "phone",
                 "institution", "specialty", "role", "city")
BRANCH_OVERLAP = 0.05
# The name's fields: the whole name, and its parts (surname, given name first).
_NAME_FIELDS = ("full_name", *NAME_PART_FIELDS)
# Why a question is read as no field but as the people each row lists (FormReading.listed).
LISTED = "listed"
# The question Google Forms adds after the time when it collects the answering account's
# address, in its languages: no one typed it, so a row with nothing else was sent empty.
GOOGLE_ACCOUNT = frozenset(map(fold_question, (
    "Адрес электронной почты", "Email Address", "Электрондық пошта мекенжайы")))
# A field's question answered on fewer than SPARSE of the rows yields to a question that
# fits the field too, answered on FULL of them and on FULLER times as many: the question
# everyone answered ("Вы: студент / учитель") over one a branch asked ("Должность").
SPARSE, FULL, FULLER = 0.5, 0.8, 2
# One answered on fewer than NEARLY_BLANK (an anonymous Microsoft form's account: a school
# room's on a few rows) yields to one answered on SPARSE: an optional "E-mail для связи"
# that a fifth of the rows left blank (field test FC).
NEARLY_BLANK = 0.1

# How far a column's share of fitting answers alone proves the field: an e-mail address is
# nothing else, a date may be a birthday, one capitalised word may be a surname or a town.
RELIABILITY = {
    "email": 1.0, "phone": 0.95, "submitted_at": 0.9, "full_name": 0.9, ROW_NUMBER: 0.9,
    "role": 0.85, "city": 0.85, "institution": 0.85, "specialty": 0.8, "middle_name": 0.8,
    "last_name": 0.6, "first_name": 0.5,
}
# Fields whose answers say plainly what they are: answers that are one of these overrule
# a question worded as another field. (Organisation and programme names, or single
# capitalised words, look too much like other things to overrule anything.)
_PLAIN = ("email", "phone", "submitted_at", ROW_NUMBER, "full_name", "role", "city")
_FIELD_ORDER = {field: i for i, field in enumerate(FIELDS)}
_WHOLE_FIELDS = tuple(field for field in FIELDS if field not in NAME_PART_FIELDS)


@dataclass(frozen=True)
class Choice:
    """How one question was read."""

    question: str
    field: str | None  # None: kept as another answer
    # "config", "wording", "content", "wording+content", "branch"; with no field: LISTED for
    # the people a row lists, or ""
    why: str
    share: float | None  # share of its answers that fit the field; None when none were read
    score: float
    sure: bool
    rival: str = ""  # for a guess: the question (quoted) or field that read nearly as well
    branch_of: str = ""  # for another branch's question: the field's first question


@dataclass(frozen=True)
class FormReading:
    mapping: Mapping[str, str]  # field -> question
    choices: tuple[Choice, ...]  # one per question, in the form's order
    # field -> the questions of other branches, read where the field's question is blank
    branches: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=dict)
    # the questions in which a row lists the people it registers: a teacher's pupils in one
    # answer, or a team's members a question each ("Участник 1 ФИО", "Участник 2 ФИО")
    listed: tuple[str, ...] = ()
    # the address of the Google account that answered (GOOGLE_ACCOUNT), or ""
    account: str = ""


def read_form(questions: Sequence[str], overrides: Mapping[str, str | Sequence[str]],
              where: str, answers: Mapping[str, ColumnSample] | None = None) -> FormReading:
    """Read a header row (already unique), with samples of its answers when there are any.
    An override names a field's question, or its questions in each branch of the form.

    Raises SourceError when an override names a question that is not there, or when no
    question is the participant's name by wording or by answers.
    """
    named = {field: [question] if isinstance(question, str) else list(question)
             for field, question in overrides.items()}
    for field, question in ((f, q) for f, qs in named.items() for q in qs):
        if question and question not in questions:
            raise SourceError(f"{where}: column {question!r} for {field} (from config) is not in "
                              f"the header row; headers seen: {_listing(questions)}")
    # a field config.toml says the form does not ask ("") is given no question
    asked_none = {field for field, qs in named.items() if not any(qs)}
    overrides = {field: qs[0] for field, qs in named.items() if any(qs)}
    branches = {field: tuple(qs[1:]) for field, qs in named.items() if len(qs) > 1}
    answers = answers or {}
    shares = {q: content_shares(answers[q]) for q in questions if q in answers}
    if any(_answer_in_header(q, shares.get(q, {})) for q in questions):
        raise SourceError(_NO_HEADER_ROW.format(where=where))
    scores = {q: _scores(q, answers.get(q), shares.get(q, {})) for q in questions}
    chosen: dict[str, tuple[str, str]] = {f: (q, "config") for f, q in overrides.items()}
    taken = set(overrides.values()).union(*branches.values())
    members = _members(questions, shares, scores, taken)
    ranked = sorted(((s, -i, -_FIELD_ORDER[f], q, f) for i, q in enumerate(questions)
                     for f, (s, _, _) in scores[q].items() if s >= ACCEPT), reverse=True)
    for _, _, _, question, field in ranked:
        if question in taken or field in chosen or field in asked_none \
                or _name_clash(field, chosen) or question in members and field in _NAME_FIELDS:
            continue
        chosen[field] = (question, _why(*scores[question][field][1:], field))
        taken.add(question)
    _prefer_fuller(questions, chosen, scores, answers, taken)
    account = _google_account(questions, chosen)
    if not any(f in chosen for f in ("last_name", "first_name")):
        if "middle_name" in chosen and "middle_name" not in overrides:
            taken.discard(chosen.pop("middle_name")[0])  # a patronymic alone is not a name
    if members and not any(f in chosen for f in _NAME_FIELDS[:3]) and not _names_beside(
            questions, taken | set(members), shares):
        chosen["full_name"] = (members[0], "wording+content")  # a team with no leader asked
        members = members[1:]
    taken |= set(members)
    if "full_name" not in chosen:
        missing = [f for f in NAME_PART_FIELDS if f not in chosen]
        for field, question in _names_by_answers(questions, taken, answers, shares, scores,
                                                 where, missing).items():
            if field not in asked_none:
                chosen[field] = (question, "content")
    _leader_named(questions, chosen, scores, answers, shares, taken)
    _leaders_contacts(questions, chosen, scores, shares, taken)
    taken |= {q for q, _ in chosen.values()}
    branches |= _branches(questions, chosen, scores, answers, shares, taken)
    if own := _own_beside_account(questions, chosen, scores, answers, taken, account):
        branches["email"] = (chosen["email"][0], *branches.get("email", ()))
        chosen["email"] = (own, _why(*scores[own]["email"][1:], "email"))
        taken.add(own)
    if sender := _sender(questions, chosen, answers, taken):
        if "email" in chosen:
            branches["email"] = (*branches.get("email", ()), sender)
        elif "email" not in asked_none:
            chosen["email"] = (sender, "content")
            taken.add(sender)
    for field, question in _contacts_lent(questions, chosen, shares, taken, asked_none).items():
        chosen[field] = (question, "content")
        taken.add(question)
    listed = _listed(questions, taken.union(*branches.values()), answers)
    return _reading(questions, chosen, scores, branches,
                    tuple(q for q in questions if q in members or q == listed), account)


def _google_account(questions: Sequence[str], chosen: Mapping[str, tuple[str, str]]) -> str:
    """The question Google Forms adds right after the time for the answering account's
    address (GOOGLE_ACCOUNT), or ""."""
    if (len(questions) > 1 and chosen.get("submitted_at", ("",))[0] == questions[0]
            and fold_question(questions[1]) in GOOGLE_ACCOUNT):
        return questions[1]
    return ""


# A member's number in a team's questions, as folded: "1", "no 2", "2 го", "3 ші", "2nd",
# or in words ("Второй участник", "екінші қатысушы", "Third member").
_NUMBERED = re.compile(r"(?:\bno\s*)?\b\d{1,2}"
                       r"(?:\s*(?:го|й|ой|ий|ый|ая|ші|шы|інші|ыншы|st|nd|rd|th)\b)?"
                       r"|\b(?:перв|втор|трет|четв[её]рт|пят|first|second|third|fourth|fifth)\w*"
                       r"|\b(?:бир|еки|уш|торт|бес)и?нши\b")
# Words (folded) of a question naming a talk's authors.
_AUTHORS = re.compile(r"автор|author")


def _lists(sample: ColumnSample | None) -> float:
    """The share of a column's answers that list several people."""
    if sample is None or not sample.values:
        return 0.0
    return sum(len(names_in(v)) > 1 for v in sample.values) / len(sample.values)


def _leader_named(questions: Sequence[str], chosen: dict[str, tuple[str, str]],
                  scores: Mapping[str, Mapping[str, tuple]], answers: Mapping[str, ColumnSample],
                  shares: Mapping[str, Mapping[str, float]], taken: set[str]) -> None:
    """Where the name's question mostly lists several people ("ФИО учащихся"), the one who
    sent them, named in a question of one name each ("ФИО руководителя группы": worded as
    someone else's), is the row's name; the list is left for _listed."""
    question, why = chosen.get("full_name", ("", "config"))
    if why == "config" or _lists(answers.get(question)) < ACCEPT:
        return
    leaders = [q for q in questions if q not in taken and q in answers
               and scores[q]["full_name"][1] / not_their_own(q).get("full_name", 1.0) >= ACCEPT
               and _fitting("full_name", 0.0, shares[q]) >= ACCEPT]
    if leaders:
        leader = max(leaders, key=lambda q: shares[q]["full_name"])
        chosen["full_name"] = (leader, "wording+content")
        taken.discard(question)
        taken.add(leader)


def _leaders_contacts(questions: Sequence[str], chosen: dict[str, tuple[str, str]],
                      scores: Mapping[str, Mapping[str, tuple]],
                      shares: Mapping[str, Mapping[str, float]], taken: set[str]) -> None:
    """Where the row's name is asked as a leader's ("Руководитель (ФИО)"), that leader's
    e-mail and phone ("Телефон руководителя") are the row's person's own (field test AO:
    a team sent twice was not seen as one for want of the phone)."""
    leader = whose(chosen.get("full_name", ("",))[0])
    for field in ("email", "phone") if leader else ():
        fitting = [q for q in questions if q not in taken and shares.get(q)
                   and whose(q) & leader
                   and scores[q][field][1] / not_their_own(q).get(field, 1.0) >= ACCEPT
                   and _fitting(field, shares[q][field], shares[q]) >= ACCEPT]
        if field not in chosen and fitting:
            question = max(fitting, key=lambda q: shares[q][field])
            chosen[field] = (question, "wording+content")
            taken.add(question)


def _members(questions: Sequence[str], shares: Mapping[str, Mapping[str, float]],
             scores: Mapping[str, Mapping[str, tuple]], taken: set[str]) -> tuple[str, ...]:
    """Questions worded alike but for a number ("Участник 1 ФИО", "Участник 2 ФИО", "ФИО
    3-го участника", "Второй участник"), two or more, worded as names or participants and
    answered with whole names (not "First name", "Second name"): a team's members, a
    participant each (field test AO: the 2nd and 3rd were lost)."""
    alike: dict[str, list[str]] = {}
    for question in questions:
        folded = fold_question(question)
        if (question not in taken and _NUMBERED.search(folded) and not _AUTHORS.search(folded)
                and (REGISTERED.search(folded) or scores[question]["full_name"][0] >= ACCEPT)):
            alike.setdefault(" ".join(_NUMBERED.sub(" ", folded).split()), []).append(question)
    return tuple(q for family in alike.values() if len(family) > 1
                 and any(shares.get(q) for q in family)
                 and all(shares[q]["full_name"] >= ACCEPT for q in family if shares.get(q))
                 for q in family)


def _names_beside(questions: Sequence[str], taken: set[str],
                  shares: Mapping[str, Mapping[str, float]]) -> bool:
    """Whether a free question's answers look like names (_names_by_answers would find it)."""
    return any(shares.get(q, {}).get("name_like", 0.0) >= NAME_FALLBACK_MIN
               for q in questions if q not in taken)


def _listed(questions: Sequence[str], taken: set[str], answers: Mapping[str, ColumnSample]
            ) -> str:
    """The free question whose answers mostly list several people it calls learners or
    participants ("ФИО учащихся (через запятую)", a teacher registering her group), or "".
    Co-authors of a talk are named, not registered."""
    lists = {q: _lists(answers.get(q)) for q in questions
             if q not in taken and REGISTERED.search(fold_question(q))
             and not _AUTHORS.search(fold_question(q))}
    best = max(lists, key=lists.__getitem__, default="")
    return best if best and lists[best] >= ACCEPT else ""


def _prefer_fuller(questions: Sequence[str], chosen: dict[str, tuple[str, str]],
                   scores: Mapping[str, Mapping[str, tuple]],
                   answers: Mapping[str, ColumnSample], taken: set[str]) -> None:
    """Give a field whose question few rows answered (SPARSE) the free question that fits
    it too (not someone else's) and that nearly every row answered: Microsoft Forms' "Name"
    and "Email" of the answering account, "anonymous" or blank on most rows, beside the
    form's own questions. A name asked in each branch of a form is answered on too few rows
    of either (FULL) to yield: both are read (_branches)."""
    for field in BRANCH_FIELDS:
        question, why = chosen.get(field, ("", "config"))
        sparse = answers.get(question)
        if why == "config" or sparse is None or sparse.filled >= SPARSE:
            continue
        fuller = [q for q in questions if q not in taken and q in answers
                  and _fuller(answers[q], sparse)
                  and scores[q][field][0] >= ACCEPT and not not_their_own(q).get(field)]
        if fuller:
            best = max(fuller, key=lambda q: scores[q][field][0])
            chosen[field] = (best, _why(*scores[best][field][1:], field))
            taken.discard(question)
            taken.add(best)
    _name_beside_a_sparse_one(questions, chosen, scores, answers, taken)


def _fuller(sample: ColumnSample, sparse: ColumnSample) -> bool:
    """Whether a question's answers are so many more than a sparse one's that it yields."""
    if sparse.filled < NEARLY_BLANK:
        return sample.filled >= SPARSE
    return sample.filled >= max(FULL, FULLER * sparse.filled)


def _name_beside_a_sparse_one(questions: Sequence[str], chosen: dict[str, tuple[str, str]],
                              scores: Mapping[str, Mapping[str, tuple]],
                              answers: Mapping[str, ColumnSample], taken: set[str]) -> None:
    """The name asked as a whole or in parts apart, answered on nearly every row, instead
    of name questions few rows answered: an anonymous Microsoft form's "Name" or "Имя",
    blank but for a school room's account, beside "Surname / Family name" and "Given
    name(s)" (field test FB: a whole English file of people with no name), or beside "ФИО"
    (FC: the pupils' names were read where "Имя" was blank only). A patronymic's question
    is read too, however few answered it."""
    read = {field: chosen[field] for field in _NAME_FIELDS if field in chosen}
    if not read or any(why == "config" or question not in answers
                       or answers[question].filled >= SPARSE
                       for question, why in read.values()):
        return
    sparse = max((answers[question] for question, _ in read.values()),
                 key=lambda sample: sample.filled)
    used = {question for question, _ in read.values()}
    others = taken - used

    def fullest(field: str, besides: Iterable[str] = ()) -> str:
        fits = [q for q in questions if q not in others and q not in used and q not in besides
                and q in answers and scores[q][field][0] >= ACCEPT
                and (field == "middle_name" or _fuller(answers[q], sparse))
                and not not_their_own(q).get(field)]
        return max(fits, key=lambda q: scores[q][field][0], default="")

    found: dict[str, str] = {}
    if whole := fullest("full_name"):
        found["full_name"] = whole
    else:
        for field in NAME_PART_FIELDS:
            if part := fullest(field, found.values()):
                found[field] = part
        if not ("last_name" in found and "first_name" in found):
            return
    for field in read:
        del chosen[field]
    taken -= used
    for field, question in found.items():
        chosen[field] = (question, _why(*scores[question][field][1:], field))
        taken.add(question)


def _own_beside_account(questions: Sequence[str], chosen: Mapping[str, tuple[str, str]],
                        scores: Mapping[str, Mapping[str, tuple]],
                        answers: Mapping[str, ColumnSample], taken: set[str], account: str
                        ) -> str:
    """Where the e-mail read is the answering Google account's (a teacher's, sending her
    pupils), the free question asking the participant's own ("E-mail участника (если
    отличается)"): read first, the account where it is blank (field test AS: pupils were
    shown their teacher's address, and one registering again from her own was missed)."""
    if not account or chosen.get("email", ("", ""))[0] != account:
        return ""
    own = [q for q in questions if q not in taken and q in answers and answers[q].values
           and scores[q]["email"][0] >= ACCEPT and not not_their_own(q).get("email")]
    return max(own, key=lambda q: scores[q]["email"][0], default="")


def _sender(questions: Sequence[str], chosen: Mapping[str, tuple[str, str]],
            answers: Mapping[str, ColumnSample], taken: set[str]) -> str:
    """The question of an organizer's list saying whose letter a row came from ("От кого"),
    answered with addresses: read as the participant's where their own address is blank,
    or where the list asks none (most wrote for themselves; an office forwarding a list
    gives each one's own; field test FE: two letters of one sender were two people), or
    ""."""
    first = chosen.get("email")
    if first is not None and first[1] == "config":
        return ""
    return next((q for q in questions if q not in taken and q in answers and is_sender(q)
                 and answers[q].values
                 and sum(map(is_email, answers[q].values)) >= ACCEPT * len(answers[q].values)),
                "")


def _contacts_lent(questions: Sequence[str], chosen: Mapping[str, tuple[str, str]],
                   shares: Mapping[str, Mapping[str, float]], taken: set[str],
                   asked_none: set[str]) -> dict[str, str]:
    """{field: question} for the e-mail and the phone a form or a list asks of someone else,
    a supervisor's or a parent's ("Телефон руководителя / родителя"), answered with them,
    where it asks no contact of the participant's own: the contact each row came with, as
    a teacher's own address is on the forms she sent (field test FC: a district's list,
    whose pupils registered from the same phones). Dedup tells a contact of several
    people's from one's own. Beside the participant's own address, a supervisor's phone is
    not theirs."""
    if "email" in chosen or "phone" in chosen:
        return {}
    return {field: question for field in ("email", "phone") if field not in asked_none
            for question in [next((q for q in questions if q not in taken and whose(q)
                                   and shares.get(q, {}).get(field, 0.0) >= ACCEPT), "")]
            if question}


def _branches(questions: Sequence[str], chosen: Mapping[str, tuple[str, str]],
              scores: Mapping[str, Mapping[str, tuple]], answers: Mapping[str, ColumnSample],
              shares: Mapping[str, Mapping[str, float]], taken: set[str]
              ) -> dict[str, tuple[str, ...]]:
    """{field: the free questions worded as it, answered on the rows where its question
    (or the name's parts) is not, with answers that fit it where answers can tell}. A
    question about someone else counts too: a group's leader ("ФИО руководителя группы"),
    named only on the rows no one else is, is the one who sent them, while a supervisor
    named beside a participant overlaps their rows. A list of pupils typed into one answer
    ("ФИО учащихся": several names, not one) is no one's name. Fields named in config.toml
    get only the branches named there."""
    found = {}
    for field in BRANCH_FIELDS:
        asked_as = (field, *NAME_PART_FIELDS) if field == "full_name" else (field,)
        first = [chosen[f] for f in asked_as if f in chosen]
        if not first or any(why == "config" or question not in answers
                            for question, why in first):
            continue
        covered = 0  # the sampled rows answered in the branches found so far
        for question, _ in first:
            covered |= answers[question].answered_rows
        others = []
        for question in questions:
            sample = answers.get(question)
            if question in taken or sample is None or not sample.answered:
                continue
            score, wording, share = scores[question][field]
            # worded as the field, someone else's (a leader's) too; answers that fit it
            worded = wording / not_their_own(question).get(field, 1.0)
            fits = (_fitting(field, share, shares[question]) if field in _PLAIN else score)
            if (worded < ACCEPT or fits < ACCEPT
                    or (sample.answered_rows & covered).bit_count()
                    > BRANCH_OVERLAP * sample.answered):
                continue
            others.append(question)
            covered |= sample.answered_rows
        if others:
            found[field] = tuple(others)
            taken.update(others)
    return found


def _scores(question: str, sample: ColumnSample | None, shares: Mapping[str, float]
            ) -> dict[str, tuple[float, float, float | None]]:
    """{field: (score, wording, share)} for one question; `shares` from content_shares."""
    wording, not_theirs = wording_scores(question), not_their_own(question)
    result = {}
    for field in FIELDS:
        w = wording.get(field, 0.0)
        if not shares:
            result[field] = (w, w, None)
            continue
        share = shares[field]
        # answers that fit a field asked of someone else (a supervisor's e-mail) are theirs
        evidence = share * RELIABILITY[field] * sample.confidence * not_theirs.get(field, 1.0)
        score = 1 - (1 - w) * (1 - evidence)
        fitting = _fitting(field, share, shares)
        if sample.confidence >= 1 and fitting < CONTRADICTED and _fits_another(field, shares,
                                                                                fitting):
            score = min(score, w * (CONTRADICTED + fitting))
        result[field] = (round(score, 4), w, share)
    return result


def _fits_another(field: str, shares: Mapping[str, float], fitting: float) -> bool:
    """Whether the answers are plainly another field's: wording is doubted only then, not
    merely because the answers are odd ("Тестова 12" under "ФИО" is still the name). One
    name word per answer is a name part, not the whole name ("Имя участника": Айгерим).
    Where next to none of the answers fit the wording (`fitting`), answers that are any
    other field's are enough: "Откуда" answered КБТУ, ЕНУ, NU is the institution."""
    if field == "full_name" and shares["single_name"] >= ACCEPT:
        return True
    # one capitalised word per answer may be a name part or anything else: never enough
    others = _WHOLE_FIELDS if fitting < NOTHING_FITS else _PLAIN
    return any(shares[other] * RELIABILITY[other] >= ACCEPT for other in others
               if other != field and other in shares)


def _fitting(field: str, share: float, shares: Mapping[str, float]) -> float:
    """The share of answers a field's question could hold, slips included: a name of two
    words or more for the whole name, a single word (or "нет") for a name part, or a first
    name with its patronymic for the first name."""
    if field == "full_name":  # names of two words or more, but a first name and patronymic
        return shares["name_like"] - shares["single_name"] - shares["given_and_patronymic"]
    if field == "first_name":
        return shares["single_name"] + shares["placeholder"] + shares["given_and_patronymic"]
    if field in NAME_PART_FIELDS:
        return shares["single_name"] + shares["placeholder"]
    return share


def _why(wording: float, share: float | None, field: str) -> str:
    by_wording = wording >= ACCEPT
    by_answers = share is not None and share * RELIABILITY[field] >= ACCEPT
    if by_wording and by_answers:
        return "wording+content"
    return "wording" if by_wording else "content"


def _name_clash(field: str, chosen: Mapping[str, object]) -> bool:
    if field == "full_name":
        return _has_name_parts(chosen) or "middle_name" in chosen
    return field in NAME_PART_FIELDS and "full_name" in chosen


def _has_name_parts(chosen: Mapping[str, object]) -> bool:
    return "last_name" in chosen or "first_name" in chosen


def _names_by_answers(questions: Sequence[str], taken: set[str],
                      answers: Mapping[str, ColumnSample],
                      shares: Mapping[str, Mapping[str, float]],
                      scores: Mapping[str, Mapping[str, tuple]], where: str,
                      missing: Sequence[str]) -> dict[str, str]:
    """{field: question} for the free columns whose answers look most like names: the whole
    name, or its parts when the names come a word per column. With some parts found
    already, only the `missing` ones are looked for; with none, SourceError naming the
    closest candidates when no column looks like names."""
    def looks(q: str) -> float:
        return shares.get(q, {}).get("name_like", 0.0)

    # a choice question ("Да" / "I agree") is no one's name, however it is spelled
    free = [q for q in questions if q not in taken and not (q in answers and answers[q].is_choice)]
    ranked = sorted(free, key=lambda q: (-looks(q), -scores[q]["full_name"][0], questions.index(q)))
    names = [q for q in ranked if looks(q) >= NAME_FALLBACK_MIN]
    some_parts = len(missing) < len(NAME_PART_FIELDS)
    if names and not some_parts and shares[names[0]]["full_name"] >= shares[names[0]]["single_name"]:
        return {"full_name": names[0]}
    singles = [q for q in names if shares[q]["single_name"] > shares[q]["full_name"]]
    parts: dict[str, str] = {}
    for field in ("middle_name", "last_name", "first_name"):  # the surest shapes first
        left = [q for q in singles if q not in parts.values()]
        best = max(left, key=lambda q: (shares[q][field], -questions.index(q)), default=None)
        if (field in missing and best is not None
                and (field != "middle_name" or shares[best][field] >= NAME_FALLBACK_MIN)):
            parts[field] = best
    if parts or some_parts:
        return parts
    if any(_looks_like_an_answer(q) for q in questions):
        raise SourceError(_NO_HEADER_ROW.format(where=where))
    closest = ", ".join(f"{q!r} ({looks(q):.0%} of answers look like names)"
                        for q in ranked[:CANDIDATES_SHOWN] if q in shares)
    raise SourceError(
        f"{where}: no column for full_name found: no question is worded like a name and no "
        f"column's answers look like names; headers seen: {_listing(questions)}"
        + (f"; closest: {closest}" if closest else "")
        + ". Name it in config.toml under [source.columns]")


def _reading(questions: Sequence[str], chosen: Mapping[str, tuple[str, str]],
             scores: Mapping[str, Mapping[str, tuple]],
             branches: Mapping[str, tuple[str, ...]], listed: tuple[str, ...], account: str
             ) -> FormReading:
    field_of = {q: (f, why) for f, (q, why) in chosen.items()}
    first_of = {}  # another branch's question -> the field's first question
    for field, others in branches.items():
        question, why = next(chosen[f] for f in (field, *NAME_PART_FIELDS) if f in chosen)
        for other in others:
            field_of[other] = (field, "config" if why == "config" else "branch")
            first_of[other] = question
    choices = []
    for question in questions:
        field, why = field_of.get(question, (None, ""))
        if field is None:
            choices.append(Choice(question, None, LISTED if question in listed else "", None,
                                  0.0, True))
            continue
        score, _, share = scores[question][field]
        if question in first_of:
            choices.append(Choice(question, field, why, share, score, True,
                                  branch_of=first_of[question]))
            continue
        if why == "config":
            choices.append(Choice(question, field, why, share, 1.0, True))
            continue
        # a rival: another field for this question, or another question for this field
        rivals = [(s, f) for f, (s, _, _) in scores[question].items() if f != field]
        rivals += [(scores[q][field][0], repr(q)) for q in questions
                   if q != question and q not in listed and first_of.get(q) != question]
        closest, rival = max(rivals, default=(0.0, ""))
        close = closest >= score - MARGIN
        sure = score >= SURE and not close
        choices.append(Choice(question, field, why, share, score, sure, rival if close else ""))
    order = {f: i for i, f in enumerate(FIELDS)}
    mapping = dict(sorted(((f, q) for f, (q, _) in chosen.items()), key=lambda p: order[p[0]]))
    return FormReading(mapping, tuple(choices), dict(branches), listed, account)


_ANSWER_LIKE = re.compile(r"@|\d{7}|\d[\d\s()+-]{8,}\d")
# never echo what is probably a respondent's e-mail or phone
_NO_HEADER_ROW = ("{where}: the first row looks like answers, not questions; the file must "
                  "start with its header row (the questions)")
# Answers a question itself never is: a header that is one of these, over a column of them,
# is a respondent's row where the questions should be.
_ANSWER_TESTS = (("email", is_email), ("phone", is_phone), ("submitted_at", is_timestamp))


def _answer_in_header(question: str, shares: Mapping[str, float]) -> bool:
    """Whether a header is an answer over a column of such answers; an example of one in
    it ("Email (e.g. name@gmail.com)") is not."""
    asked = without_examples(question)
    return any(shares.get(field, 0.0) >= ACCEPT and test(asked) for field, test in _ANSWER_TESTS)


def _looks_like_an_answer(header: str) -> bool:
    return bool(_ANSWER_LIKE.search(without_examples(header)))


def _listing(headers: Sequence[str]) -> str:
    shown = ", ".join(repr(h) for h in headers[:12])
    return shown + (f" and {len(headers) - 12} more" if len(headers) > 12 else "") if headers else "none"
