"""The form's other questions, summed up like Google Forms' Summary tab, over unique people.

A question is a choice question when its answers are a few options that repeat: then each
option gets the number of participants who chose it, and a chart. Checkbox questions are
read too: Microsoft Forms ends each option a person ticked with ";" ("Секция 1;Секция 2;"),
Google joins them with ", ", and an option may itself hold ", " ("Да, согласен"). Which
commas part options is learned from the answers themselves:

1. a comma parts two options only where the text after it does not start in lower case
   ("Онлайн, Очно"), never inside a phrase ("Да, я согласен");
2. an answer is a combination when it is made of answers other people gave on their own
   ("Секция 1, Зал A, Секция 2, Зал B" of "Секция 1, Зал A" and "Секция 2, Зал B");
3. failing that, when each of its parts is also part of another answer left whole (people
   who always tick several options, none alone);
4. a person's own "Other:" text after the options they ticked ("Colleague, my supervisor")
   is one when the same text follows different options in other answers.

Spellings of one option that differ only in case, spaces, punctuation or the question's
own words ("2 курс" and "2" to "Курс") are counted together, under the most common one; an
answer with no letter or digit ("-") is no answer. Answers are the participants' (their
latest answer), so a person who registered twice counts once.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import pandas as pd

from reports.labels import label
from reports.model import ReportData
from reports.tables import (Block, Chart, SheetSpec, _unknown, extra_header, sized)
from reports.layout import fit_widths, line_heights

MAX_OPTIONS = 20  # a question with more repeated answers is read as free text
MIN_COVERED = 0.75  # share of answers that must be repeated options for a choice question
OPTION_SEPARATOR = ", "  # how Google Forms joins the ticked options of a checkbox question
OPTION_END = ";"  # how Microsoft Forms ends each of them
MIN_STEM = 4  # letters a word shares with the question's to be its word in another ending
# Participants who chose an option in one form and another in a second form, all of them
# alike, that make the two one session in two languages ("Пластик и здоровье", "Пластик
# және денсаулық"): one may have changed their mind, two agreeing did not.
MIN_PAIRED = 2
MIN_SHARED = 2  # rule 3: a part counts as an option when this many distinct answers hold it
OPTION_WIDTH, GAP_WIDTH = 50, 2  # the options' column; a gap before the chart
BAR_CM = 0.7  # room per option on a chart
CHART_FRAME_CM = 2.5  # a chart's title and axis
MIN_CHART_CM = 5.0
# Wording that names a session of the conference, in Russian, Kazakh and English: stems,
# matched against the question and its options.
SESSION_WORDS = (
    "секци", "сесси", "отырыс", "пленарн", "мастер-класс", "мастер класс", "воркшоп",
    "круглый стол", "дөңгелек үстел", "шеберлік сынып", "трек", "площадк",
    "session", "section", "track", "workshop", "master class", "masterclass", "round table",
    "breakout", "panel",
)


@dataclass(frozen=True)
class Question:
    column: str  # "q: <header>"
    text: str  # the question as the form asks it
    answered: int  # participants who answered
    options: list[tuple[str, int]]  # (option, participants), most chosen first; [] for free text
    other: int  # participants with an answer of their own, not one of the options
    several: bool  # a participant may have chosen several options
    given: Counter  # each distinct answer as typed -> the participants who gave it
    by_answer: dict[str, tuple[str, ...]]  # each distinct answer as typed -> its options
    # the columns of one question asked in several forms (each its own wording): all read
    columns: tuple[str, ...] = ()

    def choices(self, people: pd.DataFrame) -> list[tuple[str, ...]]:
        """Each participant's options (an answer of their own kept as typed)."""
        by_answer = self.by_answer
        answers = [people[c].tolist() for c in self.columns or (self.column,)]
        if len(answers) == 1:
            return [by_answer.get(answer, ()) for answer in answers[0]]
        return [tuple(dict.fromkeys(o for answer in given for o in by_answer.get(answer, ())))
                for given in zip(*answers)]


def read_question(column: str, answers: Sequence[str]) -> Question:
    """What the participants answered to one question (`answers`: one per participant).

    Each distinct answer is read once: a question has a few among many participants."""
    given = Counter(answers)  # counted in C; then what is not text goes
    for blank in [a for a in given if not isinstance(a, str)]:
        del given[blank]
    texts = {raw: " ".join(raw.split()) if _WORD.search(raw) else "" for raw in given}
    weight: Counter[str] = Counter()  # a distinct answer, spaces tidied -> participants
    for raw, n in given.items():
        if texts[raw]:
            weight[texts[raw]] += n
    options_of = _split_answers(set(weight))
    same = _same_option(extra_header(column))
    spelling = _spellings({t: dict.fromkeys(options_of[t]) for t in weight}, weight, same)
    of_text = {t: tuple(dict.fromkeys(spelling[same(o)] for o in options_of[t])) for t in weight}
    by_answer = {raw: of_text[t] for raw, t in texts.items() if t}
    counts: Counter[str] = Counter()
    for t, n in weight.items():
        for option in of_text[t]:
            counts[option] += n
    answered = sum(weight.values())
    repeated = {o for o, n in counts.items() if n >= 2}
    covered = sum(n for t, n in weight.items() if set(of_text[t]) <= repeated)
    question = Question(column, extra_header(column), answered, [], 0, False, given, by_answer)
    if not answered or len(repeated) > MAX_OPTIONS or covered < MIN_COVERED * answered:
        return question
    # a few answers given once are shown as options (Google shows them too); among many,
    # they are people's own "Other:" answers, counted together
    return _with_options(question, set(counts) if len(counts) <= MAX_OPTIONS else repeated)


def _with_options(question: Question, options: set[str]) -> Question:
    """The question with `options` (of those its participants chose) as its options."""
    counts: Counter[str] = Counter()
    other = 0
    for raw, n in question.given.items():
        chosen = question.by_answer.get(raw, ())
        for option in chosen:
            if option in options:
                counts[option] += n
        other += n if set(chosen) - options else 0
    ranked = sorted(counts.items(), key=lambda t: (-t[1], _natural(t[0])))
    several = any(len(chosen) > 1 for chosen in question.by_answer.values())
    return replace(question, options=ranked, other=other, several=several)


def _split_answers(distinct: set[str]) -> dict[str, list[str]]:
    """Each distinct answer's options (see the module's docstring)."""
    ticked = {answer: [option.strip() for option in answer.split(OPTION_END) if option.strip()]
              for answer in distinct if answer.endswith(OPTION_END)}
    return ticked | _split_at_commas(distinct - set(ticked))


def _split_at_commas(distinct: set[str]) -> dict[str, list[str]]:
    """Each distinct answer's options, ticked in Google Forms (rules 1-4 of the module's
    docstring)."""
    parts = {answer: _parts(answer) for answer in distinct}
    whole: set[str] = set()  # answers that are one option: their folded keys
    options: dict[str, list[str]] = {}
    left_whole: list[str] = []
    for answer in sorted(distinct, key=lambda a: (len(parts[a]), a)):
        runs = _segments(parts[answer], whole) if len(parts[answer]) > 1 else None
        if runs:
            options[answer] = runs
        else:
            whole.add(_key(answer))
            options[answer] = [answer]
            if len(parts[answer]) > 1:
                left_whole.append(answer)
    holders: Counter[str] = Counter(_key(p) for a in left_whole for p in set(parts[a]))
    for answer in left_whole:
        if all(holders[_key(p)] >= MIN_SHARED or _key(p) in whole for p in parts[answer]):
            options[answer] = parts[answer]
    options.update(_with_own_answers(options, whole))
    # An answer read as options before rules 3 and 4 split one of them (a longer answer
    # holding "Секция 1, Робототехника", where "Робототехника" is no one's whole answer):
    # that one's options instead.
    split = {_key(answer): chosen for answer, chosen in options.items() if chosen != [answer]}
    return {answer: [o for option in chosen for o in split.get(_key(option), [option])]
            if len(chosen) > 1 else chosen for answer, chosen in options.items()}


def _with_own_answers(options: dict[str, list[str]], whole: set[str]) -> dict[str, list[str]]:
    """Rule 4: answers that end in a person's own "Other:" text, which Google appends after
    the options they ticked ("Colleague, my supervisor"): the text after the last ", " is
    one when it follows two or more different sets of options, and what comes before it
    is options. A comma inside one option ("Да, я согласен") follows one word only."""
    ends: dict[str, tuple[str, str]] = {}
    after: dict[str, set[str]] = defaultdict(set)
    for answer, chosen in options.items():
        if chosen == [answer] and OPTION_SEPARATOR in answer:
            before, _, own = answer.rpartition(OPTION_SEPARATOR)
            ends[answer] = before, own
            after[_key(own)].add(_key(before))
    found = {}
    for answer, (before, own) in ends.items():
        if len(after[_key(own)]) < MIN_SHARED:
            continue
        if _key(before) in whole:
            found[answer] = [before, own]
        elif runs := _segments(_parts(before), whole):
            found[answer] = [*runs, own]
    return found


def _parts(answer: str) -> list[str]:
    """The answer cut at each ", " that is followed by anything but a lower-case letter."""
    parts: list[str] = []
    for piece in answer.split(OPTION_SEPARATOR):
        if parts and (not piece or piece[0].islower()):
            parts[-1] += OPTION_SEPARATOR + piece
        else:
            parts.append(piece)
    return parts


def _segments(parts: list[str], whole: set[str]) -> list[str] | None:
    """The fewest runs of consecutive parts, two or more, each an answer in `whole`."""
    best: list[list[str] | None] = [[]] + [None] * len(parts)
    for end in range(1, len(parts) + 1):
        for start in range(end):
            run = OPTION_SEPARATOR.join(parts[start:end])
            before = best[start]
            if before is not None and _key(run) in whole and (
                    best[end] is None or len(before) + 1 < len(best[end])):
                best[end] = [*before, run]
    found = best[-1]
    return found if found is not None and len(found) > 1 else None


def _key(option: str) -> str:
    return " ".join(option.casefold().split())


_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+")


def _same_option(question: str) -> Callable[[str], str]:
    """The key that spellings of one option share: its folded words, less the question's
    own in any ending (the answer "2 курс" to "Курс" or "Оқу курсы" is "2"), unless no
    other word is left."""
    asked = tuple(set(_WORD.findall(question.casefold())))

    def is_asked(word: str) -> bool:
        return any(word == a or len(word) >= MIN_STEM <= len(a)
                   and (a.startswith(word) or word.startswith(a)) for a in asked)

    def key(option: str) -> str:
        words = _WORD.findall(option.casefold())
        return " ".join([w for w in words if not is_asked(w)] or words)
    return key


def _spellings(options_of: dict[str, dict], weight: Counter, same: Callable[[str], str]
               ) -> dict[str, str]:
    """An option's key (`same`) -> its most common spelling (ties: the first in sort order)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for text, options in options_of.items():
        for option in options:
            counts[same(option)][option] += weight[text]
    return {key: min(c, key=lambda s: (-c[s], s)) for key, c in counts.items()}


def _natural(text: str) -> tuple:
    """Sort key reading numbers as numbers: "Секция 2" before "Секция 10"."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold())
                 for p in re.split(r"(\d+)", text) if p)


def natural_order(options: Sequence[str]) -> list[str]:
    return sorted(options, key=_natural)


# --- which question is the session -------------------------------------------------------

def session_question(data: ReportData, questions: Sequence[Question]) -> Question | None:
    """The question whose options are the conference's sessions: the one config.toml names,
    or else the first whose wording speaks of sessions (a few distinct answers, all taken
    as sessions), or whose options mostly do. Where each source (a Kazakh form, an English
    one) asks it in its own words, the first of each source's are one question."""
    named = data.options.session_question
    if named is not None:  # named in config.toml: every answer given is a session
        wanted = named if named.startswith("q: ") else f"q: {named}"
        found = next((q for q in questions if q.column == wanted), None)
        return None if found is None else _paired_across_sources(_as_sessions(found), data)
    question = _found_session_question(data, questions)
    return None if question is None else _paired_across_sources(question, data)


def _found_session_question(data: ReportData, questions: Sequence[Question]
                            ) -> Question | None:
    found = [q for q in map(as_session, questions) if q is not None]
    chosen, asked_in = [], set()
    for question in found:
        sources = _sources_answering(data.responses, question.column)
        if not chosen or sources and not sources & asked_in:
            chosen.append(question)
            asked_in |= sources
    # the most answered first: its options are the ones other sources' answers are read as
    chosen.sort(key=lambda question: -question.answered)
    return chosen[0] if len(chosen) == 1 else _one_question(chosen) if chosen else None


def as_session(question: Question) -> Question | None:
    """The question read as the sessions' (see session_question), or None."""
    distinct = {o for chosen in question.by_answer.values() for o in chosen}
    if _speaks_of_sessions(question.text) and 0 < len(distinct) <= MAX_OPTIONS:
        return _as_sessions(question)
    if question.options and sum(_speaks_of_sessions(o) for o, _ in question.options) * 2 \
            >= len(question.options):
        return question
    return None


def _sources_answering(responses: pd.DataFrame, column: str) -> set[str]:
    if column not in responses or "source" not in responses:
        return set()
    answered = responses[column].fillna("").astype(str).str.strip() != ""
    return set(responses.loc[answered, "source"].astype(str))


def _paired_across_sources(question: Question, data: ReportData) -> Question:
    """The question with each option of a source other than the most answered one read as
    that source's option its people chose there too, where MIN_PAIRED or more did, all the
    same one, and no other option pairs with it: one session named in a Russian form and in
    a Kazakh one."""
    responses, people = data.responses, data.participants
    columns = [c for c in question.columns or (question.column,) if c in responses]
    if not columns or not {"ref", "source"} <= set(responses) or "source_rows" not in people:
        return question
    chosen_in: dict[str, tuple[str, tuple[str, ...]]] = {}  # ref -> (source, options)
    for column in columns:
        for ref, source, answer in zip(responses["ref"], responses["source"], responses[column]):
            if isinstance(answer, str) and answer.strip():
                chosen_in[ref] = (source, question.by_answer.get(answer, (answer,)))
    if len({source for source, _ in chosen_in.values()}) < 2:
        return question
    # the most answered source's options are the ones the others' are read as
    main = Counter(source for source, _ in chosen_in.values()).most_common(1)[0][0]
    main_options = {o for source, options in chosen_in.values() if source == main for o in options}
    beside: dict[str, Counter[str]] = defaultdict(Counter)
    for refs in people["source_rows"].astype(str):
        answers = [chosen_in[ref] for ref in refs.split("; ") if ref in chosen_in]
        mine = {o for source, options in answers if source == main for o in options}
        for source, options in answers:
            for option in set(options) - main_options if source != main and mine else ():
                beside[option].update(mine)
    found = {option: next(iter(chose)) for option, chose in beside.items()
             if len(chose) == 1 and chose.total() >= MIN_PAIRED}
    taken = Counter(found.values())
    found = {option: ours for option, ours in found.items() if taken[ours] == 1}
    if not found:
        return question
    by_answer = {raw: tuple(dict.fromkeys(found.get(o, o) for o in options))
                 for raw, options in question.by_answer.items()}
    return _as_sessions(replace(question, by_answer=by_answer))


def _one_question(questions: Sequence[Question]) -> Question:
    """Questions asked in different sources, as one: every option of each, an answer of a
    later one that names one of the first's options counted as it (_onto)."""
    given: Counter[str] = Counter()
    by_answer: dict[str, tuple[str, ...]] = {}
    known = list(dict.fromkeys(o for chosen in questions[0].by_answer.values() for o in chosen))
    for question in questions:
        given.update(question.given)
        read = {raw: tuple(dict.fromkeys(_onto(o, known) for o in chosen))
                for raw, chosen in question.by_answer.items()}
        by_answer = {**read, **by_answer}  # the first question's reading first
    first = questions[0]
    joined = replace(first, text=" / ".join(q.text for q in questions), given=given,
                     answered=sum(q.answered for q in questions), by_answer=by_answer,
                     columns=tuple(q.column for q in questions))
    return _as_sessions(joined)


def _onto(answer: str, known: Sequence[str]) -> str:
    """`answer` as the one option of `known` it names, or as it is: by its number ("Panel 1",
    "1 (policy)", "P4 education" for "Panel 4 - Education ...", the first number of each
    option), or, holding none, by its words, each the beginning of a word of the option
    ("recycling technologies" for "Panel 2 - Recycling and upcycling technologies")."""
    if answer in known:
        return answer
    numbers = set(_NUMBER.findall(answer))
    if numbers:
        fits = [k for k in known if len(numbers) == 1 and _NUMBER.findall(k)[:1] == [*numbers]]
    else:
        words = [w for w in _WORD.findall(answer.casefold()) if len(w) >= MIN_STEM]
        fits = [k for k in known if words and all(
            any(_same_stem(w, o) for o in _WORD.findall(k.casefold())) for w in words)]
    return fits[0] if len(fits) == 1 else answer


def _same_stem(word: str, other: str) -> bool:
    """One word in two endings (technology, technologies): a long common beginning."""
    shared = max(MIN_STEM, min(len(word), len(other)) - 2)
    return word[:shared] == other[:shared]


def _as_sessions(question: Question) -> Question:
    """The question with every answer given as an option, repeated or not."""
    return _with_options(question, {o for chosen in question.by_answer.values() for o in chosen})


def _speaks_of_sessions(text: str) -> bool:
    folded = text.casefold()
    return any(word in folded for word in SESSION_WORDS)


def read_questions(data: ReportData, people: pd.DataFrame) -> list[Question]:
    return [read_question(column, people[column].tolist())
            for column in data.extra_columns if column in people
            and column not in data.note_columns]


# --- the sheets ------------------------------------------------------------------------------

def questions_sheets(data: ReportData, people: pd.DataFrame, questions: Sequence[Question]
                     ) -> list[SheetSpec]:
    """The Form questions sheet, and Sessions x institutions when there is a session question."""
    sheets = [questions_sheet(questions, len(people), data.language)]
    session = session_question(data, questions)
    if session is not None:
        sheets.append(by_institution_sheet(session, people, data.language))
    return sheets


def questions_sheet(questions: Sequence[Question], participants: int, lang: str) -> SheetSpec:
    name = label("sheet.questions", lang)
    if not questions:
        return SheetSpec(name, [Block([], [], 0, title=label("questions.none", lang))],
                         widths=[80], orientation="portrait")
    header = [label("col.option", lang), label("col.count", lang), label("col.share", lang)]
    # the counts' and shares' columns as wide as their headers' words ("Қатысушылар")
    widths = [OPTION_WIDTH, *fit_widths(header[1:], [[participants], ["100 %"]]), GAP_WIDTH]
    blocks, charts = [], []
    for question in questions:
        said = label("questions.answered", lang).format(question.answered, participants)
        if not question.options:
            where = label("questions.free_text", lang).format(
                question.text, label("sheet.participants", lang))
            blocks.append(Block([], [], 0, title=question.text, note=f"{said}; {where}"))
            continue
        if question.several:
            said = f"{said}; {label('questions.several', lang)}"
        rows = [[option, n, n / question.answered] for option, n in question.options]
        if question.other:
            rows.append([label("questions.other", lang), question.other,
                         question.other / question.answered])
        heights = line_heights([[r[0] for r in rows]], widths, (0,))
        charts.append(Chart("bar", question.text, len(blocks),
                            height_cm=max(MIN_CHART_CM, CHART_FRAME_CM + BAR_CM * len(rows))))
        blocks.append(Block(header, rows, len(rows), title=question.text, note=said,
                            heights=heights))
    return SheetSpec(name, blocks, widths=widths, charts=charts, wrap=(0,),
                     keep_on_page=True, percent_columns=(2,))


def by_institution_sheet(question: Question, people: pd.DataFrame, lang: str) -> SheetSpec:
    """Participants of each institution per session (one who chose two counts in both)."""
    options = natural_order([o for o, _ in question.options])
    institutions = [_unknown(i, lang) for i in people["institution"].tolist()]
    counts: dict[str, Counter] = defaultdict(Counter)
    answered: Counter[str] = Counter()
    for institution, chosen in zip(institutions, question.choices(people)):
        counts[institution].update(set(chosen) & set(options))
        answered[institution] += bool(chosen)
    order = sorted(counts, key=lambda i: (-answered[i], i))
    total = label("col.total", lang)
    rows = [[i, *(counts[i][o] for o in options), answered[i]] for i in order if answered[i]]
    rows.append([total, *(sum(counts[i][o] for i in order) for o in options),
                 sum(answered.values())])
    header = [label("col.institution", lang), *options, label("col.count", lang)]
    spec = SheetSpec(label("sheet.sessions_by_institution", lang),
                     [Block(header, rows, len(rows), title=question.text)],
                     wrap=(0,), repeat_columns=1)
    return sized(spec, cap=16, caps={0: 45})
