"""Raw responses -> normalized responses: one pure function, raw values kept beside clean ones.

Every normalizer works on unique values once and maps back, so 100,000 rows cost about as
much as the few thousand distinct spellings in them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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
    out = responses.copy()
    for field in ("full_name", "email", "phone", "institution", "specialty", "role", "city"):
        out[field + RAW_SUFFIX] = out[field].fillna("").astype(str)
    names = normalize_names(out["full_name_raw"].tolist())
    emails = normalize_emails(out["email_raw"].tolist())
    phones = normalize_phones(out["phone_raw"].tolist())
    institutions = match_institutions(out["institution_raw"].tolist(), emails["email"].tolist(),
                                      reference.directory, reference.aliases,
                                      reference.fuzzy_threshold)
    specialties = normalize_specialties(out["specialty_raw"].tolist(), reference.specialties,
                                        reference.aliases)
    roles = normalize_roles(out["role_raw"].tolist(), specialties["specialty_code"].tolist())
    cities = normalize_cities(out["city_raw"].tolist(), reference.fold_cities)
    for part in (names, emails, phones, institutions, specialties, roles, cities):
        for column in part.columns:
            out[column] = part[column].to_numpy()
    for column in out.columns:
        if column.startswith("q: "):
            out[column] = [clean_text(v) if isinstance(v, str) else "" for v in out[column]]
    return out
