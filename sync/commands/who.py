"""`regsync who "КазНУ"`: who is registered from one institution, from what is stored.

The query is matched the way form answers are, so КазНУ, ҚазҰУ and KazNU give one list; a
query that names no institution is looked for inside the institutions' names, and the
people found are listed under each institution with its count. Everything is said in the
report's language ([report] language).
"""

from __future__ import annotations

import pandas as pd

from reports.checkin import sorted_by_surname
from reports.labels import label
from sync.config import Config
from sync.normalize import load_reference
from sync.normalize.institutions import match_institutions
from sync.normalize.text import fold
from sync.load import stored_responses
from sync.run import participants_of
from sync.store import Store

INDENT = 4  # the width of the numbers before each person


def who(config: Config, query: str) -> str:
    lang = config.report.language
    with Store(config.store_path, create=False) as store:
        responses = stored_responses(store, config).responses
    if responses.empty:
        return label("who.empty", lang)
    reference = load_reference(config.normalize)
    _, result = participants_of(responses, config, reference=reference)
    people = _in_language(result.participants, lang)
    match = match_institutions([query], [""], reference.directory, reference.aliases,
                               reference.fuzzy_threshold).iloc[0]
    if match["institution_match"] not in ("unmatched", "blank"):
        chosen = people[people["institution_id"] == match["institution_id"]]
    else:
        needle = fold(query)
        names = [c for c in ("institution", "institution_kk", "institution_en") if c in people]
        chosen = people[people[names].apply(lambda row: any(needle in fold(v) for v in row),
                                            axis=1)] if len(people) else people
    if chosen.empty:
        return label("who.nobody", lang).format(query)
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
