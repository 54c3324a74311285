"""`regsync who "КазНУ"`: who is registered from one institution, from what is stored.

The query is matched the way form answers are, so КазНУ, ҚазҰУ and KazNU give one list; a
city alone gives the institutions in it and the people who said they are there (Караганда,
Astana), and those of an institution named so wherever it is (Satbayev: the town of Сатпаев
and Satbayev University, in Алматы); a query is also looked for inside the institutions'
names and every spelling people typed, in either script and any ending (Демирель: Демиреля,
Назарбаев: the university and the Intellectual Schools), and a numbered place is found
however it was typed (СОШ №25: школа 25, НИШ ФМН: its profile in any language), in the
town the query names if it names one; the people found are listed under each institution
with its count, and each institution with everyone the report shows on its line (someone's
own spelling, АЭОК, finds the line). Everything is said in the report's language ([report]
language); a query that names nothing registered says so, apart from a known institution
nobody came from.
"""

from __future__ import annotations

import pandas as pd

from reports.checkin import sorted_by_surname
from reports.labels import label
from sync.config import Config
from sync.normalize import load_reference
from sync.normalize.institutions import match_institutions
from sync.normalize.shapes import Shape, shape_of
from sync.normalize.text import fold, latin_skeleton
from sync.load import stored_responses
from sync.run import decisions_of, participants_of
from sync.store import Store

INDENT = 4  # the width of the numbers before each person
_ANY_SCHOOL = frozenset({"school"})  # "школа", "мектеп": a kind every school-level place is
# A query's word matches a name's word that begins with all but its last ENDING letters,
# keeping at least MIN_STEM.
ENDING, MIN_STEM = 2, 4


def who(config: Config, query: str) -> str:
    lang = config.report.language
    with Store.for_reading(config.store_path) as store:
        responses = stored_responses(store, config).responses
        decisions = decisions_of(config, store)
    if responses.empty:
        return label("who.empty", lang)
    reference = load_reference(config.normalize)
    normalized, result = participants_of(responses, config, decisions, reference=reference)
    people = _in_language(result.participants, lang)
    match = match_institutions([query], [""], reference.directory, reference.aliases,
                               reference.fuzzy_threshold).iloc[0]
    known = match["institution_match"] not in ("unmatched", "blank")
    if city := _only_a_city(query):  # where the institution is, or the person said they are
        places = [people[c] == city for c in ("institution_city", "city") if c in people]
        # and an institution named so, wherever it is: Satbayev is the town of Сатпаев and
        # Satbayev University (in Алматы), named after the man the town is named after
        places.append(_named(query, people, []))
        if known:
            places.append(people["institution_id"] == match["institution_id"])
        chosen = people[pd.concat(places, axis=1).any(axis=1)]
        known = True
    elif len(people):
        # a known institution: its people, and those of another place whose name holds the
        # query (Назарбаев: the Intellectual Schools), not of what someone typed ("КазНУ"
        # as the abbreviation of another university's name)
        named = _named(query, people, [] if known else _typed(normalized, people))
        if known:
            named |= people["institution_id"] == match["institution_id"]
        chosen = people[_whole_lines(people, _in_town(query, people, named))]
    else:
        chosen = people
    if chosen.empty:
        return label("who.nobody" if known else "who.unknown", lang).format(query)
    groups = sorted(chosen.groupby("shown_institution"), key=lambda g: (-len(g[1]), g[0]))
    lines = []
    if len(groups) > 1:
        lines.append(label("who.several", lang).format(query, len(groups), len(chosen)))
    for institution, group in groups:
        lines.append(label("who.one", lang).format(institution, len(group)))
        group, names = sorted_by_surname(group, lang, ["role_label", "shown_specialty", "email",
                                                       "phone"])
        for n, (name, person) in enumerate(zip(names, group.itertuples()), start=1):
            details = ", ".join(v for v in (person.role_label, person.shown_specialty,
                                            person.email, person.phone) if v)
            lines.append(f"{n:>{INDENT}}. {name}" + (f" ({details})" if details else ""))
    return "\n".join(lines)


def _in_town(query: str, people: pd.DataFrame, named: pd.Series) -> pd.Series:
    """`named` but those in another town than the query names (школа №12 Павлодар: not
    Караганда's №12), by their institution's town, or for one of none their own answer."""
    town = shape_of(query).city
    if not town:
        return named
    theirs = people["institution_city"].where(people["institution_city"] != "",
                                              people.get("city", ""))
    return named & theirs.isin(("", town))


def _whole_lines(people: pd.DataFrame, named: pd.Series) -> pd.Series:
    """Everyone of each institution the report shows one line for that a participant found
    belongs to: someone's own spelling ("АЭОК") finds the line, not that person alone."""
    lines = set(people.loc[named, "institution_id"]) - {""}
    return named | people["institution_id"].isin(lines)


def _only_a_city(query: str) -> str:
    """The known city a query names and nothing else (Шымкент, Shymkent, г. Тараз), or ""."""
    shape = shape_of(query)
    return "" if shape.kinds or shape.numbers or shape.words else shape.city


def _typed(normalized: pd.DataFrame, people: pd.DataFrame) -> list[set[str]]:
    """Each participant's institution as each of their registrations typed it."""
    typed = dict(zip(normalized["ref"], normalized["institution_raw"]))
    return [{typed.get(ref, "") for ref in refs.split("; ")} - {""}
            for refs in people["source_rows"]]


def _named(query: str, people: pd.DataFrame, typed: list[set[str]]) -> pd.Series:
    """Participants whose institution, as shown or as they typed it (`typed`, one set per
    participant; [] for the shown names alone), holds the query (see _names), or is the
    numbered place it names (СОШ №25: школа 25, СОШ №25 г. Караганда)."""
    columns = [c for c in ("institution", "institution_kk", "institution_en") if c in people]
    wanted = shape_of(query)
    # each distinct name looked at once: a big university has thousands of participants
    names = {name for c in columns for name in people[c].unique()} | set().union(*typed)
    describes = bool(wanted.numbers or wanted.kinds)  # a numbered place, a chain's school
    matching = {name for name in names
                if _names(query, name) or (describes and _same_place(wanted, name))}
    named = people[columns].isin(matching).any(axis=1)
    if typed:
        named |= pd.Series([not spellings.isdisjoint(matching) for spellings in typed],
                           index=people.index, dtype=bool)
    return named


def _same_place(wanted: Shape, name: str) -> bool:
    """A place as the query describes it (СОШ №25, НИШ ФМН Алматы, № 56 школа): its number,
    a kind it says (a school: any place pupils learn at, a гимназия too), the words it says
    (the profile ФМ, however typed), its city if any."""
    shape = shape_of(name)
    return ((not wanted.numbers or shape.numbers == wanted.numbers)
            and bool(shape.kinds & wanted.kinds or not wanted.kinds
                     or wanted.kinds == _ANY_SCHOOL and shape.level == "school")
            and set(wanted.words) <= set(shape.words)
            and (not wanted.city or shape.city in ("", wanted.city)))


def _names(query: str, name: str) -> bool:
    """Whether an institution's name holds the query: as typed, in the other script, or
    each of its words beginning one of the name's, but for an ending (Демирель: Демиреля);
    an abbreviation (КазНУ) only as a whole word (not КазНПУ, КазНАРУ)."""
    words = [latin_skeleton(w) for w in fold(name).split()]
    if sum(map(str.isupper, query)) >= 2 and query.isalpha():  # КазНУ, not Kazakh-British
        return latin_skeleton(query) in words
    if fold(query) in fold(name) or latin_skeleton(query) in latin_skeleton(name):
        return True
    wanted = [latin_skeleton(w) for w in fold(query).split()]
    return bool(wanted) and all(
        len(w) >= MIN_STEM and any(n.startswith(w[:max(MIN_STEM, len(w) - ENDING)]) for n in words)
        for w in wanted)


def _in_language(people: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The participants with their institution, specialty and role as the report says them."""
    shown = {}
    for name in ("institution", "specialty"):
        column = people.get(f"{name}_{lang}", people[name])
        shown[f"shown_{name}"] = column.where(column != "", people[name])
    unknown = label("unknown", lang)
    shown["shown_institution"] = shown["shown_institution"].replace("", unknown)
    shown["role_label"] = [label(f"role.{r}", lang) if r else "" for r in people["role"]]
    return people.assign(**shown)
