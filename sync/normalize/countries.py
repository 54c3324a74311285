"""Countries named in answers ("Kyrgyzstan", "Қырғызстан", "Кыргызстан", "Turkey"), as ISO
region codes: a form's question about the participant's country tells how to read a phone
number typed without its country's code (0772 026 408 is a Kyrgyz number).

Names come from libphonenumber's own list (English and Russian) and the report's labels
(Russian, Kazakh, English), folded as answers are, with a few usual spellings besides.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import pandas as pd
from phonenumbers.geodata.locale import LOCALE_DATA

from reports.labels import LABELS
from sync.normalize.text import fold

# A column is the participants' country when at least this share of its answers name one.
COUNTRY_COLUMN_MIN = 0.6
# Distinct answers a column of countries has at most: the world has about 250.
MAX_COUNTRIES = 300
# Spellings the lists above do not have.
_USUAL = {"кыргызстан": "KG", "kyrgyz republic": "KG", "киргизия": "KG", "turkiye": "TR",
          "usa": "US", "uk": "GB", "korea": "KR", "рк": "KZ", "kz": "KZ", "қр": "KZ"}
# Words around a country's name that say nothing of which one it is.
_AROUND = ("republic of", "the", "республика", "республикасы", "respublikasy")


@lru_cache(maxsize=1)
def _names() -> Mapping[str, str]:
    """{folded name: region code}."""
    names: dict[str, str] = {}
    for region, by_language in LOCALE_DATA.items():
        for language in ("en", "ru"):
            name = by_language.get(language)
            while name and name.startswith("*"):  # "*aa": as that language says it
                name = by_language.get(name[1:])
            if name:
                names.setdefault(_key(name), region)
    for key, label in LABELS.items():
        if key.startswith("country."):
            for name in label.values():
                names.setdefault(_key(name), key.removeprefix("country."))
    names.update({_key(name): region for name, region in _USUAL.items()})
    return names


def _key(text: str) -> str:
    folded = " " + " ".join(fold(text).replace(".", " ").replace(",", " ").split()) + " "
    for words in _AROUND:
        folded = folded.replace(f" {fold(words)} ", " ")
    return " ".join(folded.split())


def country_of(answer: str) -> str:
    """The region code of the country an answer names, or ""."""
    return _names().get(_key(answer), "") if answer else ""


def country_column(columns: Mapping[str, pd.Series]) -> list[str] | None:
    """Each row's country (region code, "" when not named), from the one column whose
    answers are countries (COUNTRY_COLUMN_MIN of those given); None when no column is.
    Each column is looked at by its distinct answers: a free-text one has thousands."""
    best, best_share = None, 0.0
    for answers in columns.values():
        given = [a for a in answers.unique() if isinstance(a, str) and a.strip()]
        if not given or len(given) > MAX_COUNTRIES:  # free text, not a choice of countries
            continue
        share = sum(1 for a in given if country_of(a)) / len(given)
        if share >= COUNTRY_COLUMN_MIN and share > best_share:
            best, best_share = answers, share
    if best is None:
        return None
    codes = {a: country_of(a) for a in best.unique() if isinstance(a, str)}
    return [codes.get(a, "") if isinstance(a, str) else "" for a in best.tolist()]
