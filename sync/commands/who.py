"""`regsync who "КазНУ"`: who is registered from one institution, from what is stored.

The query is matched the way form answers are, so КазНУ, ҚазҰУ and KazNU give one list.
"""

from __future__ import annotations

from sync.config import Config
from sync.errors import RegsyncError
from sync.normalize import load_reference
from sync.normalize.institutions import match_institutions
from sync.normalize.text import fold
from sync.load import stored_responses
from sync.run import participants_of
from sync.store import Store

ROLE_NAMES = {"student": "студент", "master": "магистрант", "phd": "докторант",
              "teacher": "преподаватель", "staff": "сотрудник", "other": "другое", "": ""}


def who(config: Config, query: str) -> str:
    if not query.strip():
        raise RegsyncError("give an institution to look for, e.g. regsync who \"КазНУ\"")
    with Store(config.store_path, create=False) as store:
        responses = stored_responses(store, config).responses
    if responses.empty:
        return "no responses stored yet: run 'regsync run' first"
    reference = load_reference(config.normalize)
    _, result = participants_of(responses, config, reference=reference)
    people = result.participants
    match = match_institutions([query], [""], reference.directory, reference.aliases,
                               reference.fuzzy_threshold).iloc[0]
    if match["institution_match"] not in ("unmatched", "blank"):
        chosen = people[people["institution_id"] == match["institution_id"]]
        title = match["institution"]
    else:
        needle = fold(query)
        chosen = people[people["institution"].map(lambda v: needle in fold(v))]
        title = f"institutions matching {query!r}"
    if chosen.empty:
        return f"nobody registered from {title}"
    lines = [f"{title}: {len(chosen)} participant(s)"]
    for n, person in enumerate(chosen.sort_values("full_name").itertuples(), start=1):
        details = ", ".join(v for v in (ROLE_NAMES.get(person.role, person.role), person.specialty,
                                        person.email, person.phone) if v)
        lines.append(f"{n:>4}. {person.full_name} ({details})")
    return "\n".join(lines)
