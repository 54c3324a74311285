"""City names: one spelling for Алма-Ата/Алматы/Almaty, Целиноград/Астана/Nur-Sultan...

What is typed is cleaned ("г.", "город", "қаласы", "қ.", ", Казахстан" dropped; "к." beside a
known town's name); known cities get their current Russian name, unknown ones are kept
cleaned, in title case.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Sequence

import pandas as pd

from sync.normalize.aliases import is_blank
from sync.normalize.emails import ADDRESS_IN_TEXT
from sync.normalize.phones import PHONE_KEY_DIGITS, phone_key
from sync.normalize.text import clean_text, fold, latin_skeleton

# Current Russian name -> other spellings (old names, Kazakh, English). fold() already
# handles case and Kazakh letters, latin_skeleton() the Latin transliterations.
KNOWN_CITIES: dict[str, tuple[str, ...]] = {
    "Алматы": ("Алма-Ата", "Алмата", "Almaty", "Alma-Ata", "Верный"),
    "Астана": (
        "Нур-Султан", "Nur-Sultan", "Nursultan", "Astana", "Целиноград", "Акмола", "Акмолинск",
        "Tselinograd",
    ),
    "Шымкент": ("Shymkent", "Чимкент", "Shimkent", "Chimkent"),
    "Караганда": ("Қарағанды", "Karaganda", "Karagandy", "Qaraghandy"),
    "Усть-Каменогорск": ("Өскемен", "Оскемен", "Oskemen", "Ust-Kamenogorsk", "Усть Каменогорск",
                         "УКа", "У-Ка", "Ust-Ka"),
    "Семей": ("Семипалатинск", "Semey", "Semei", "Semipalatinsk"),
    "Кызылорда": ("Қызылорда", "Kyzylorda", "Qyzylorda", "Кзыл-Орда", "Кызыл-Орда"),
    "Актобе": ("Ақтөбе", "Актюбинск", "Aktobe", "Aqtobe", "Aktyubinsk"),
    "Уральск": ("Орал", "Oral", "Uralsk"),
    "Павлодар": ("Pavlodar",),
    "Костанай": ("Қостанай", "Кустанай", "Kostanay", "Qostanay", "Kustanai"),
    "Петропавловск": ("Петропавл", "Petropavlovsk", "Petropavl"),
    "Тараз": ("Джамбул", "Жамбыл", "Аулие-Ата", "Taraz", "Zhambyl", "Dzhambul"),
    "Атырау": ("Гурьев", "Atyrau", "Guryev"),
    "Актау": ("Ақтау", "Шевченко", "Aktau", "Aqtau"),
    "Туркестан": ("Түркістан", "Turkestan", "Turkistan"),
    "Кокшетау": ("Көкшетау", "Кокчетав", "Kokshetau", "Kokchetav"),
    "Талдыкорган": ("Талдықорған", "Taldykorgan", "Taldyqorgan", "Талды-Курган"),
    "Жезказган": ("Жезқазған", "Джезказган", "Zhezkazgan"),
    "Экибастуз": ("Екібастұз", "Ekibastuz"),
    "Темиртау": ("Теміртау", "Temirtau"),
    "Рудный": ("Rudny", "Rudnyi"),
    "Каскелен": ("Қаскелең", "Kaskelen"),
    "Конаев": ("Қонаев", "Капчагай", "Қапшағай", "Konaev", "Kapchagay"),
    "Балхаш": ("Балқаш", "Balkhash"),
    "Сатпаев": ("Сәтбаев", "Satpayev", "Satbayev"),
    "Аксу": ("Ақсу", "Aksu"),
    "Жанаозен": ("Жаңаөзен", "Новый Узень", "Zhanaozen"),
    "Кульсары": ("Құлсары", "Kulsary"),
    "Аральск": ("Арал", "Aralsk"),
    "Риддер": ("Лениногорск", "Ridder"),
    "Степногорск": ("Stepnogorsk",),
    "Щучинск": ("Шучинск", "Shchuchinsk"),
    "Лисаковск": ("Lisakovsk",),
    "Кентау": ("Kentau",),
    "Сарыагаш": ("Сарыағаш", "Saryagash"),
    "Байконур": ("Байқоңыр", "Baikonur", "Байконыр"),
    "Жаркент": ("Жаркент", "Zharkent", "Панфилов"),
    "Есик": ("Есік", "Иссык", "Yesik", "Esik"),
    "Талгар": ("Talgar",),
    # the other towns ("города") of the country; left out are those whose name is a
    # person's, a river's or a district's of a big city as well (Абай, Есиль, Алтай, Аксай)
    "Шу": ("Shu", "Chu",),
    "Аягоз": ("Аягөз", "Ayagoz", "Аягуз",),
    "Курчатов": ("Kurchatov",),
    "Акколь": ("Ақкөл", "Akkol",),
    "Атбасар": ("Atbasar",),
    "Державинск": ("Derzhavinsk",),
    "Ерейментау": ("Ereymentau", "Yereymentau",),
    "Макинск": ("Makinsk",),
    "Степняк": ("Stepnyak",),
    "Косшы": ("Қосшы", "Kosshy", "Qosshy",),
    "Кандыагаш": ("Қандыағаш", "Kandyagash",),
    "Хромтау": ("Khromtau",),
    "Шалкар": ("Шалқар", "Shalkar",),
    "Эмба": ("Ембі", "Emba",),
    "Серебрянск": ("Serebryansk",),
    "Шемонаиха": ("Shemonaikha",),
    "Зайсан": ("Zaisan", "Zaysan",),
    "Жанатас": ("Zhanatas",),
    "Каратау": ("Қаратау", "Karatau",),
    "Текели": ("Текелі", "Tekeli",),
    "Ушарал": ("Үшарал", "Usharal",),
    "Уштобе": ("Үштөбе", "Ushtobe",),
    "Сарканд": ("Сарқан", "Sarkand",),
    "Каркаралинск": ("Қарқаралы", "Karkaralinsk", "Karkaraly",),
    "Приозерск": ("Priozersk",),
    "Сарань": ("Саран", "Saran",),
    "Шахтинск": ("Shakhtinsk",),
    "Аркалык": ("Арқалық", "Arkalyk",),
    "Житикара": ("Jitikara", "Zhitikara",),
    "Казалинск": ("Қазалы", "Kazalinsk", "Kazaly",),
    "Форт-Шевченко": ("Fort-Shevchenko",),
    "Булаево": ("Bulaevo",),
    "Мамлютка": ("Mamlyutka",),
    "Сергеевка": ("Sergeevka",),
    "Тайынша": ("Taiynsha", "Tayynsha",),
    "Арыс": ("Арысь", "Arys",),
    "Жетысай": ("Жетісай", "Zhetysay", "Zhetisai",),
    "Ленгер": ("Lenger",),
    "Шардара": ("Шардара", "Shardara", "Чардара",),
    "Каражал": ("Қаражал", "Karazhal",),
}
# Each known city's name in Kazakh and in English, as the report in that language shows it.
CITY_NAMES: dict[str, tuple[str, str]] = {
    "Алматы": ("Алматы", "Almaty"), "Астана": ("Астана", "Astana"),
    "Шымкент": ("Шымкент", "Shymkent"), "Караганда": ("Қарағанды", "Karaganda"),
    "Усть-Каменогорск": ("Өскемен", "Oskemen"), "Семей": ("Семей", "Semey"),
    "Кызылорда": ("Қызылорда", "Kyzylorda"), "Актобе": ("Ақтөбе", "Aktobe"),
    "Уральск": ("Орал", "Oral"), "Павлодар": ("Павлодар", "Pavlodar"),
    "Костанай": ("Қостанай", "Kostanay"), "Петропавловск": ("Петропавл", "Petropavl"),
    "Тараз": ("Тараз", "Taraz"), "Атырау": ("Атырау", "Atyrau"), "Актау": ("Ақтау", "Aktau"),
    "Туркестан": ("Түркістан", "Turkistan"), "Кокшетау": ("Көкшетау", "Kokshetau"),
    "Талдыкорган": ("Талдықорған", "Taldykorgan"), "Жезказган": ("Жезқазған", "Zhezkazgan"),
    "Экибастуз": ("Екібастұз", "Ekibastuz"), "Темиртау": ("Теміртау", "Temirtau"),
    "Рудный": ("Рудный", "Rudny"), "Каскелен": ("Қаскелең", "Kaskelen"),
    "Конаев": ("Қонаев", "Konaev"), "Балхаш": ("Балқаш", "Balkhash"),
    "Сатпаев": ("Сәтбаев", "Satpayev"), "Аксу": ("Ақсу", "Aksu"),
    "Жанаозен": ("Жаңаөзен", "Zhanaozen"), "Кульсары": ("Құлсары", "Kulsary"),
    "Аральск": ("Арал", "Aral"), "Риддер": ("Риддер", "Ridder"),
    "Степногорск": ("Степногорск", "Stepnogorsk"), "Щучинск": ("Щучинск", "Shchuchinsk"),
    "Лисаковск": ("Лисаков", "Lisakovsk"), "Кентау": ("Кентау", "Kentau"),
    "Сарыагаш": ("Сарыағаш", "Saryagash"), "Байконур": ("Байқоңыр", "Baikonur"),
    "Жаркент": ("Жаркент", "Zharkent"), "Есик": ("Есік", "Yesik"), "Талгар": ("Талғар", "Talgar"),
    "Шу": ("Шу", "Shu"),
    "Аягоз": ("Аягөз", "Ayagoz"),
    "Курчатов": ("Курчатов", "Kurchatov"),
    "Акколь": ("Ақкөл", "Akkol"),
    "Атбасар": ("Атбасар", "Atbasar"),
    "Державинск": ("Державин", "Derzhavinsk"),
    "Ерейментау": ("Ерейментау", "Ereymentau"),
    "Макинск": ("Макинск", "Makinsk"),
    "Степняк": ("Степняк", "Stepnyak"),
    "Косшы": ("Қосшы", "Kosshy"),
    "Кандыагаш": ("Қандыағаш", "Kandyagash"),
    "Хромтау": ("Хромтау", "Khromtau"),
    "Шалкар": ("Шалқар", "Shalkar"),
    "Эмба": ("Ембі", "Emba"),
    "Серебрянск": ("Серебрянск", "Serebryansk"),
    "Шемонаиха": ("Шемонаиха", "Shemonaikha"),
    "Зайсан": ("Зайсан", "Zaisan"),
    "Жанатас": ("Жаңатас", "Zhanatas"),
    "Каратау": ("Қаратау", "Karatau"),
    "Текели": ("Текелі", "Tekeli"),
    "Ушарал": ("Үшарал", "Usharal"),
    "Уштобе": ("Үштөбе", "Ushtobe"),
    "Сарканд": ("Сарқан", "Sarkand"),
    "Каркаралинск": ("Қарқаралы", "Karkaraly"),
    "Приозерск": ("Приозерск", "Priozersk"),
    "Сарань": ("Саран", "Saran"),
    "Шахтинск": ("Шахтинск", "Shakhtinsk"),
    "Аркалык": ("Арқалық", "Arkalyk"),
    "Житикара": ("Жітіқара", "Zhitikara"),
    "Казалинск": ("Қазалы", "Kazaly"),
    "Форт-Шевченко": ("Форт-Шевченко", "Fort-Shevchenko"),
    "Булаево": ("Булаев", "Bulaevo"),
    "Мамлютка": ("Мамлют", "Mamlyutka"),
    "Сергеевка": ("Сергеев", "Sergeevka"),
    "Тайынша": ("Тайынша", "Taiynsha"),
    "Арыс": ("Арыс", "Arys"),
    "Жетысай": ("Жетісай", "Zhetysai"),
    "Ленгер": ("Ленгер", "Lenger"),
    "Шардара": ("Шардара", "Shardara"),
    "Каражал": ("Қаражал", "Karazhal"),
}
# Towns named after a person (Сатпаев after Қ. Сәтбаев, Конаев after Д. Қонаев, Риддер after
# Ф. Риддер): the name before "университет" names a university after that person.
NAMED_AFTER_A_PERSON = frozenset({"Сатпаев", "Конаев", "Риддер"})
# A trailing country is not part of the city: "Алматы, Казахстан".
# Words for a city before its name and after it (қаласы, қ., city).
_CITY_PREFIX = re.compile(r"^(?:г|гор|город|city)\b\.?\s*", re.IGNORECASE)
# A town's or a village's: left out to find a known town (с. Каскелен), kept on an unknown
# one (с. Шамалган), where it says what the place is.
_PLACE_PREFIX = re.compile(r"^(?:с|село|п|пос|поселок|посёлок|ауыл|аул|village|town)\b\.?\s*",
                           re.IGNORECASE)
_CITY_SUFFIX = re.compile(r"\s+(?:қаласы|каласы|city|qalasy|kalasy|г\.?|қ\.?|ауылы|village)$",
                          re.IGNORECASE)
# "қ." (қаласы) typed without Kazakh letters is "к." (in Latin letters "q." or "k."), which
# is also an initial ("к. Иванов"): before or after a name, it is a town's word only where
# the name is a known town's.
_K_MARK = re.compile(r"^[кқkq](?:\.\s*|\s+)|\s+[кқkq]\.?$", re.IGNORECASE)
_COUNTRY_WORDS = r"(?:республика казахстан|казахстан|қазақстан|kazakhstan|рк)"
_COUNTRY = re.compile(rf"(?:,|\s)\s*{_COUNTRY_WORDS}\s*$|^\s*{_COUNTRY_WORDS}\s*,\s*",
                      re.IGNORECASE)


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, spellings in KNOWN_CITIES.items():
        for spelling in (canonical, *spellings):
            index.setdefault(fold(spelling), canonical)
            index.setdefault(latin_skeleton(spelling), canonical)
    return index


_CITY_INDEX = _index()


def strip_city_words(value: str) -> str:
    """The name part of what was typed: cleaned, without "г.", "город", "қаласы", the country,
    and "к." beside a known town ("Орал к.")."""
    text = _COUNTRY.sub("", clean_text(value)).strip(" ,.;")
    text = _CITY_PREFIX.sub("", text)
    text = _CITY_SUFFIX.sub("", text).strip(" ,.;")
    bare = _K_MARK.sub("", text)
    return bare if bare != text and _city_named(bare) else text


def known_city(value: str) -> str | None:
    """The current Russian name of a known city, or None."""
    return _city_named(strip_city_words(value))


def _city_named(name: str) -> str | None:
    """The known city a name without its city words is, also after a village's word."""
    for name in (name, _PLACE_PREFIX.sub("", name)):
        if name and (found := _CITY_INDEX.get(fold(name)) or _CITY_INDEX.get(latin_skeleton(name))):
            return found
    return None


def _city_of_parts(value: str) -> str | None:
    """Of a place written with its region ("Алматинская обл., с. Каскелен"), or in two
    languages as a bilingual form asks ("Қарағанды / Караганда"), the one known city among
    its parts."""
    found = {known_city(part) for part in _PARTS.split(value)} - {None}
    return found.pop() if len(found) == 1 else None


_PARTS = re.compile(r"[,/]")

# A village or a district no list of towns knows, by the words that mark it ("Шамалған
# ауылы", "с. Каскелен", "Қарасай ауданы", "Талгарский р-н"); a region is no place of one
# school ("Алматы облысы").
_VILLAGE_BEFORE = re.compile(r"^(?:с|село|п|пос|поселок|посёлок|ауыл|аул|а|кент|village)\.?$")
_VILLAGE_AFTER = re.compile(r"^(?:ауылы|аулы|а|с|селосы|кенті|кенти|village)\.?$")
_DISTRICT_AFTER = re.compile(r"^(?:ауданы|ауд|аудан|район|районы|рн|рон|district)\.?$")
_REGION = re.compile(r"(?:^|\s)(?:обл|облысы|область|области|region|oblast)\b\.?")
# A Russian adjective's ending, left off a district's name ("Карасайский район": Карасай).
RUSSIAN_ADJECTIVE = re.compile(r"(?:ский|ская|ское|ского|ском|скому)$")
# What a list's title calls its district, in any case: "Қарасай аудандық білім бөлімі",
# "Отдел образования по Талгарскому району", "Сайрам ауданының білім бөлімі" (folded).
_DISTRICT_OF_TITLE = re.compile(
    r"^(?:ауданы|ауданынын|аудандык|аудандагы|район|района|району|районе|районы|district)$")
# A town's marks in a title: before it ("г.", "города") or after it ("қаласы", "қаласының").
_TOWN_BEFORE = frozenset({"г", "гор", "город", "города", "городу"})
_TOWN_AFTER = frozenset({"каласы", "каласынын", "каласындагы", "калалык", "city"})
_PLACE_WORD = re.compile(r"[^\W\d_][\w.-]*")


# A title after a person's name, part of a district's name named after them ("Төле би").
HONORIFICS = frozenset({"би", "бий"})


@lru_cache(maxsize=65536)  # a few hundred distinct answers among thousands of rows
def locality_of(value: str) -> str:
    """The village, else the district with its mark, a place answer names where no known
    town is in it ("Түркістан обл, Сайрам ауд, Ақсу а." is Ақсу; "Алматы обл Қарасай ауд" is
    "Қарасай ауданы"; "Карасайский район" is "Карасай р-н"), as written; "" when it names
    neither. A district holds many villages' schools (sync.normalize.shapes.DISTRICT_WORD)."""
    if not isinstance(value, str) or _city_of_parts(value) or known_city(value):
        return ""
    village = district = ""
    for part in re.split(r"[,;/]", clean_text(value)):
        words = _PLACE_WORD.findall(part)
        folded = [fold(word).replace(" ", "") for word in words]  # "р-н": "рн"
        for i, word in enumerate(folded):
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if _DISTRICT_AFTER.match(word) and before:
                name = RUSSIAN_ADJECTIVE.sub("", before)
                if fold(before) in HONORIFICS and i >= 2:  # "Төле би ауданы"
                    name = f"{words[i - 2]} {name}"
                district = district or name + (" ауданы" if word.startswith("ауд") else " р-н")
            elif _VILLAGE_AFTER.match(word) and before and i == len(words) - 1:
                village = village or before
            elif _VILLAGE_BEFORE.match(word) and after and i == 0:
                village = village or after
        # a part of one word, no region's, after a district: the village ("Қарасай
        # ауданы, Шамалған")
        if len(words) == 1 and district and not _REGION.search(fold(part)):
            village = village or words[0]
    return village.strip(".-") or district


def place_of_titles(lines: Sequence[str]) -> str:
    """The town, else the district, that the title lines of a list name as its own ("Алматы
    облысы Қарасай аудандық білім бөлімі": Қарасай ауданы; "ГУ «Отдел образования по
    Талгарскому району»": Талгар р-н; "Павлодар қаласының білім бөлімі": Павлодар): a
    district's or a town's education department sends its schools' pupils. "" when they
    name neither; a region ("Алматы облысы") is no place of one school."""
    town = district = ""
    for line in lines:
        written = _PLACE_WORD.findall(clean_text(line))
        words = [fold(word) for word in written]
        for i, word in enumerate(words):
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if _REGION.match(after):
                continue
            if _DISTRICT_OF_TITLE.match(word) and before and not _REGION.match(before):
                name = RUSSIAN_ADJECTIVE.sub("", written[i - 1].strip(".-"))
                if before in HONORIFICS and i >= 2:  # "Төле би ауданы": the name is two words
                    name = f"{written[i - 2]} {name}"
                district = district or name + (" ауданы" if word.startswith("аудан") else " р-н")
            elif before in _TOWN_BEFORE and not town:
                town = known_city(word) or town_in_genitive(word) or ""
            elif after in _TOWN_AFTER and not town:
                town = known_city(word) or ""
    return town or district


def town_in_genitive(word: str) -> str | None:
    """The known town a folded word names in the genitive, as "г.", "города" put it
    ("астаны", "павлодара", "семея", "кызылорды")."""
    for ending, replacement in _GENITIVE:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            if town := known_city(word[: -len(ending)] + replacement):
                return town
    return None


# Genitive endings of towns' names and what they stand for in the nominative.
_GENITIVE = (("ы", "а"), ("и", "а"), ("а", ""), ("я", "й"), ("я", ""))


@lru_cache(maxsize=65536)
def _normalize_one(value: str, fold_spellings: bool) -> tuple[str, str]:
    if is_blank(value):
        return "", "blank"
    name = strip_city_words(value)
    if not fold(name):
        return "", "blank"
    if fold_spellings and (city := known_city(name) or _city_of_parts(value)):
        return city, "exact"
    # Title case only when the case carries nothing: "новый город", "НОВЫЙ ГОРОД".
    titled = name.title() if name.islower() or name.isupper() else name
    return titled, "unmatched" if fold_spellings else "cleaned"


def normalize_cities(values: Sequence[str], fold_spellings: bool = True) -> pd.DataFrame:
    """One row per value: `city`, `city_match` ("exact", "unmatched", "cleaned", "blank"),
    and its name in Kazakh and English (`city_kk`, `city_en`: a known city's own, any other
    as `city`, so that a participant's three come from one answer)."""
    pairs = [_normalize_one(v if isinstance(v, str) else "", fold_spellings) for v in values]
    names = [CITY_NAMES.get(city, (city, city)) if match == "exact" else (city, city)
             for city, match in pairs]
    return pd.DataFrame(
        {"city": [p[0] for p in pairs], "city_match": [p[1] for p in pairs],
         "city_kk": [n[0] for n in names], "city_en": [n[1] for n in names]},
        dtype=object,
    )


_CONTACTS_APART = re.compile(r"[,;/\n]")


def _contact_keys(text: str) -> frozenset[str]:
    """The e-mail addresses (case-folded) and phones ("#" and ten digits) a text holds."""
    keys = set()
    if "@" in text:
        keys.update(address.casefold() for address in ADDRESS_IN_TEXT.findall(text))
        text = ADDRESS_IN_TEXT.sub(" ", text)
    if len(text) >= PHONE_KEY_DIGITS:
        keys.update("#" + key for part in _CONTACTS_APART.split(text) if (key := phone_key(part)))
    return frozenset(keys)


def towns_of_their_contacts(towns: Sequence[str], emails: Sequence[str], phones: Sequence[str],
                            others: Sequence[Sequence[str]], asking: Sequence[bool]) -> list[str]:
    """For each row `asking` (one giving no town), the one town the other rows giving its
    e-mail or phone gave; "" for the others. `emails` are normalized, `phones` as typed;
    `others`: the columns of other answers, which may hold someone's contacts ("Контакты
    учителя"): a teacher's list of her pupils sent with her contacts is in the town her
    own registration names (field tests AF and AK: "15 мектеп" from a letter, beside
    schools numbered 15 in three towns). Rows naming two towns leave it "" (a secretary
    writing for several towns' schools)."""
    phone_keys = {text: frozenset({"#" + key}) for text in set(phones) if (key := phone_key(text))}
    columns = [(emails, {text: frozenset({text}) for text in set(emails) if text}),
               (phones, phone_keys)]
    for column in others:
        if any("@" in text or len(text) >= PHONE_KEY_DIGITS for text in set(column) if text):
            columns.append((column, {text: _contact_keys(text) for text in set(column) if text}))
    askers = [i for i, ask in enumerate(asking) if ask]
    wanted = set().union(*(keys_of.get(column[i], ()) for column, keys_of in columns
                           for i in askers))
    named: dict[str, set[str]] = defaultdict(set)
    for column, keys_of in columns:
        telling = {text for text, keys in keys_of.items() if not keys.isdisjoint(wanted)}
        for text, town in zip(column, towns):
            if town and text in telling:
                for key in keys_of[text] & wanted:
                    named[key].add(town)
    found = [""] * len(towns)
    for i in askers:
        said = set().union(*(named.get(key, ()) for column, keys_of in columns
                             for key in keys_of.get(column[i], ())))
        found[i] = said.pop() if len(said) == 1 else ""
    return found
