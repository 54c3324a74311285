"""Raw responses -> normalized responses: one pure function, raw values kept beside clean ones.

Every normalizer works on unique values once and maps back, so 100,000 rows cost about as
much as the few thousand distinct spellings in them. On a large input, names and phones are
normalized in a forked process (sync.beside) while this one does the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sync.beside import Beside
from sync.config import NormalizeConfig
from sync.normalize.aliases import Aliases, load_aliases
from sync.normalize.cities import normalize_cities
from sync.normalize.emails import normalize_emails
from sync.normalize.institutions import Directory, load_directory, match_institutions
from sync.normalize.names import normalize_names
from sync.normalize.phones import normalize_phones
from sync.normalize.roles import normalize_roles
from sync.normalize.specialties import SpecialtyList, load_specialties, normalize_specialties
from sync.normalize.text import clean_text

RAW_SUFFIX = "_raw"
# The canonical fields, each kept as typed beside its clean value.
FIELDS = ("full_name", "email", "phone", "institution", "specialty", "role", "city")
# Below this many responses a second process costs more than it saves (fork, sending back).
PARALLEL_FROM_ROWS = 10_000


@dataclass(frozen=True)
class Reference:
    """Everything normalizing looks things up in, loaded once by the caller."""

    directory: Directory
    specialties: SpecialtyList
    aliases: Aliases
    fuzzy_threshold: float
    fold_cities: bool


def load_reference(settings: NormalizeConfig) -> Reference:
    return Reference(directory=load_directory(), specialties=load_specialties(),
                     aliases=load_aliases(settings.aliases),
                     fuzzy_threshold=settings.fuzzy_threshold, fold_cities=settings.fold_cities)


def normalize(responses: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """Clean every canonical field; `<field>_raw` keeps what was typed. Input is not modified."""
    # Columns are gathered and the frame built once, sharing the input's columns (copy=False
    # below): no copy of the input, no frame per step.
    columns: dict[str, object] = {c: responses[c].array for c in responses.columns}
    raw = {}
    for field in FIELDS:
        columns[field + RAW_SUFFIX] = typed = _as_text(responses[field])
        raw[field] = typed.tolist()
    with Beside(_names_and_phones, raw["full_name"], raw["phone"],
                fork=len(responses) >= PARALLEL_FROM_ROWS) as names_and_phones:
        emails = normalize_emails(raw["email"])
        institutions = match_institutions(raw["institution"], emails["email"].tolist(),
                                          reference.directory, reference.aliases,
                                          reference.fuzzy_threshold)
        specialties = normalize_specialties(raw["specialty"], reference.specialties,
                                            reference.aliases)
        roles = normalize_roles(raw["role"], specialties["specialty_code"].tolist())
        cities = normalize_cities(raw["city"], reference.fold_cities)
        names, phones = names_and_phones.result()
    for part in (names, emails, phones, institutions, specialties, roles, cities):
        for column in part.columns:
            columns[column] = part[column].array
    for column in responses.columns:
        if column.startswith("q: "):
            columns[column] = [clean_text(v) if isinstance(v, str) else ""
                               for v in responses[column]]
    return pd.DataFrame(columns, index=responses.index, copy=False)


def _as_text(column: pd.Series):
    """The column's cells as text, blank where missing: the column's own array when it is
    that already (the usual case), so that what was typed is kept once, not twice."""
    if column.dtype == "str" and not column.hasnans:
        return column.array
    return column.fillna("").astype(str).array


def _names_and_phones(names: list[str], phones: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return normalize_names(names), normalize_phones(phones)
