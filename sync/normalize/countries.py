"""Countries named in answers ("Kyrgyzstan", "Қырғызстан", "Кыргызстан", "Turkey"), as ISO
region codes: a form's question about the participant's country tells how to read a phone
number typed without its country's code (0772 026 408 is a Kyrgyz number).

Names come from the report's labels (Russian, Kazakh, English) and the list below (each
country's own name, official and short forms), compared as they sound in Latin letters.
(libphonenumber's own list of names in every language holds a hundred MB once imported:
more than a run of a million responses can spare.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import pandas as pd
from phonenumbers import SUPPORTED_REGIONS

from reports.labels import LABELS
from sync.normalize.text import clean_text, fold, latin_skeleton

# A column is the participants' country when at least this share of its answers name one.
COUNTRY_COLUMN_MIN = 0.6
# Distinct answers a column of countries has at most: the world has about 250.
MAX_COUNTRIES = 300
# Countries participants come from, beside those the report's labels name (country.*) in
# Russian, Kazakh and English: each one's own name, its official and short forms.
_NAMES = {
    "KZ": ("Казахстан", "Қазақстан", "Kazakhstan", "Qazaqstan", "Kazakstan", "РК", "ҚР", "KZ"),
    "RU": ("Российская Федерация", "Ресей Федерациясы", "Russian Federation", "РФ", "RF",
           "Rossiya", "Rossiyskaya Federatsiya"),
    "KG": ("Кыргызстан", "Киргизия", "Кыргызская Республика", "Кыргыз Республикасы",
           "Kyrgyz Republic", "Kirgizstan", "Kirghizia", "Qırğızstan"),
    "UZ": ("Oʻzbekiston", "O'zbekiston Respublikasi", "Ўзбекистон", "Республика Узбекистан"),
    "TJ": ("Тоҷикистон", "Tojikiston", "Республика Таджикистан"),
    "TM": ("Туркменистан", "Түркменстан", "Türkmenistan", "Turkmenia"),
    "CN": ("КНР", "Китайская Народная Республика", "ҚХР", "Қытай Халық Республикасы",
           "PRC", "P.R. China", "People's Republic of China", "China PRC", "Mainland China",
           "中国", "中华人民共和国", "Zhongguo"),
    "TR": ("Turkey", "Türkiye", "Türkei", "Türkiye Cumhuriyeti", "Турецкая Республика"),
    "DE": ("Deutschland", "ФРГ", "Германия Федеративтік Республикасы", "BRD",
           "Bundesrepublik Deutschland", "Federal Republic of Germany"),
    "IN": ("Bharat", "Bhārat", "भारत", "Республика Индия"),
    "BY": ("Белоруссия", "Беларусь Республикасы", "Рэспубліка Беларусь", "Byelorussia"),
    "UA": ("Україна", "Ukraina"), "AZ": ("Azərbaycan", "Azerbaijan Republic"),
    "GE": ("საქართველო", "Sakartvelo"), "AM": ("Հայաստան", "Hayastan"),
    "MN": ("Монгол Улс", "Mongol Uls"), "AE": ("United Arab Emirates", "Emirates",
                                              "Объединённые Арабские Эмираты"),
    "US": ("Соединённые Штаты Америки", "Америка Құрама Штаттары", "United States",
           "United States of America", "USA", "US"),
    "GB": ("UK", "Great Britain", "Britain", "England", "Англия"),
    "KR": ("Korea", "Корея", "Республика Корея", "Корея Республикасы", "대한민국", "Hanguk"),
    "PK": ("Пакистан", "Пәкістан", "Pakistan", "پاکستان"),
    "AF": ("Афганистан", "Ауғанстан", "Afghanistan", "افغانستان"),
    "IR": ("Иран", "Iran", "ایران"), "JP": ("Япония", "Жапония", "Japan", "日本", "Nippon"),
    "FR": ("Франция", "France"), "IT": ("Италия", "Italy", "Italia"),
    "ES": ("Испания", "Spain", "España"), "PL": ("Польша", "Poland", "Polska"),
    "CZ": ("Чехия", "Czech Republic", "Czechia", "Česko", "Česká republika"),
    "NL": ("Нидерланды", "Голландия", "Netherlands", "Holland", "Nederland"),
    "EG": ("Египет", "Мысыр", "Egypt", "مصر"),
    "SA": ("Саудовская Аравия", "Сауд Арабиясы", "Saudi Arabia", "السعودية"),
    "MY": ("Малайзия", "Malaysia"), "ID": ("Индонезия", "Indonesia"),
    "VN": ("Вьетнам", "Vietnam", "Việt Nam"), "BD": ("Бангладеш", "Bangladesh", "বাংলাদেশ"),
    "NP": ("Непал", "Nepal", "नेपाल"), "LT": ("Литва", "Lithuania", "Lietuva"),
    "LV": ("Латвия", "Latvia", "Latvija"), "EE": ("Эстония", "Estonia", "Eesti"),
    "MD": ("Молдова", "Молдавия", "Moldova"), "CA": ("Канада", "Canada"),
}
# Words around a country's name that say nothing of which one it is.
_AROUND = ("republic of", "the", "республика", "республикасы", "respublikasy", "respublikasi")
# Apostrophes are left out, not read as spaces: O'zbekiston, Oʻzbekiston and Ozbekiston.
_APOSTROPHES = str.maketrans("", "", "'ʻ")
# Letters standing alone, one after another: initials, once their dots are spaces.
_INITIALS = re.compile(r"(?<= )\w(?: \w)+(?= )")


@lru_cache(maxsize=1)
def _names() -> Mapping[str, str]:
    """{a name's key (_key): region code}."""
    names = {_key(name): key.removeprefix("country.") for key, label in LABELS.items()
             if key.startswith("country.") for name in label.values()}
    names.update({_key(name): region for region, spellings in _NAMES.items()
                  for name in spellings})
    return names


def _key(text: str) -> str:
    """A name as it sounds in Latin letters, without the words around it: Qırğızstan,
    Kyrgyzstan and Кыргызстан meet, as Türkiye and Turkiye do."""
    folded = " " + fold(clean_text(text).translate(_APOSTROPHES)) + " "
    for words in _AROUND:
        folded = folded.replace(f" {fold(words)} ", " ")
    # initials are one word, with their dots or without: U.S.A., P.R. China, Р.Ф.
    words = _INITIALS.sub(lambda m: m.group(0).replace(" ", ""), folded).split()
    return " ".join(latin_skeleton(word) for word in words)


def country_of(answer: str) -> str:
    """The region code of the country an answer names ("KG" itself too), or ""."""
    if not answer:
        return ""
    code = answer.strip()  # in capitals, as codes are written: "no" is an answer, not Norway
    if len(code) == 2 and code.isascii() and code.isupper() and code in SUPPORTED_REGIONS:
        return code
    return _names().get(_key(answer), "")


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
