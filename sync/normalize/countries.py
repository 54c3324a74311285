"""Countries named in answers ("Kyrgyzstan", "Қырғызстан", "Кыргызстан", "Turkey"), as ISO
region codes: a form's question about the participant's country tells how to read a phone
number typed without its country's code (0772 026 408 is a Kyrgyz number).

Names come from the report's labels and the list below (Russian, Kazakh, English), folded
as answers are. (libphonenumber's own list of names in every language holds a hundred MB
once imported: more than a run of a million responses can spare.)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import pandas as pd

from reports.labels import LABELS
from sync.normalize.text import fold

# A column is the participants' country when at least this share of its answers name one.
COUNTRY_COLUMN_MIN = 0.6
# Distinct answers a column of countries has at most: the world has about 250.
MAX_COUNTRIES = 300
# Countries participants come from, beside those the report's labels name (country.*),
# and usual spellings of them.
_NAMES = {
    "KZ": ("Казахстан", "Қазақстан", "Kazakhstan", "Qazaqstan", "РК", "ҚР", "KZ"),
    "KG": ("Кыргызстан", "Киргизия", "Kyrgyz Republic", "Kirgizstan"),
    "UZ": ("Ozbekiston", "O'zbekiston"), "TJ": ("Tojikiston",),
    "TR": ("Turkey", "Turkiye", "Türkiye"), "US": ("United States", "USA"),
    "GB": ("UK", "England", "Англия"), "KR": ("Korea", "Корея", "Republic of Korea"),
    "PK": ("Пакистан", "Пәкістан", "Pakistan"), "AF": ("Афганистан", "Ауғанстан", "Afghanistan"),
    "IR": ("Иран", "Иран", "Iran"), "JP": ("Япония", "Жапония", "Japan"),
    "FR": ("Франция", "Франция", "France"), "IT": ("Италия", "Италия", "Italy"),
    "ES": ("Испания", "Испания", "Spain"), "PL": ("Польша", "Польша", "Poland"),
    "CZ": ("Чехия", "Чехия", "Czech Republic", "Czechia"),
    "NL": ("Нидерланды", "Нидерланды", "Netherlands"), "EG": ("Египет", "Мысыр", "Egypt"),
    "SA": ("Саудовская Аравия", "Сауд Арабиясы", "Saudi Arabia"),
    "MY": ("Малайзия", "Малайзия", "Malaysia"), "ID": ("Индонезия", "Индонезия", "Indonesia"),
    "VN": ("Вьетнам", "Вьетнам", "Vietnam"), "BD": ("Бангладеш", "Бангладеш", "Bangladesh"),
    "NP": ("Непал", "Непал", "Nepal"), "LT": ("Литва", "Литва", "Lithuania"),
    "LV": ("Латвия", "Латвия", "Latvia"), "EE": ("Эстония", "Эстония", "Estonia"),
    "MD": ("Молдова", "Молдова", "Moldova"), "CA": ("Канада", "Канада", "Canada"),
}
# Words around a country's name that say nothing of which one it is.
_AROUND = ("republic of", "the", "республика", "республикасы", "respublikasy")


@lru_cache(maxsize=1)
def _names() -> Mapping[str, str]:
    """{folded name: region code}."""
    names = {_key(name): key.removeprefix("country.") for key, label in LABELS.items()
             if key.startswith("country.") for name in label.values()}
    names.update({_key(name): region for region, spellings in _NAMES.items()
                  for name in spellings})
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
