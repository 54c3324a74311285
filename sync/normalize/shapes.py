"""What an institution's spelling says beyond its words: its kind, its number, its city.

"КГУ «Общеобразовательная школа №45» г.Алматы", "СОШ 45 Алматы" and "средняя школа № 45,
Алматы" all have the shape (school, 45, Алматы, no other words); "Школа-лицей №45 г.
Алматы" is (lyceum, 45, Алматы), another institution. Words that describe a place are read
alike in Russian, Kazakh and English (высший, жоғары, higher), as is a town's adjective
(Шымкентский: Шымкент). Shapes decide which unknown
spellings may be grouped (clusters), which directory entries may be suggested for them, and
which unknown spellings may learn a directory entry from the data (learning).

Only the first COMPARED_CHARS characters of an answer are read: an institution's name is
never longer, and a 50,000-character answer must cost no more than a short one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from sync.normalize.cities import (HONORIFICS, KNOWN_CITIES, NAMED_AFTER_A_PERSON,
                                    RUSSIAN_ADJECTIVE, known_city, town_in_genitive)
from sync.normalize.text import LOST_AS_FOLDED, clean_text, fold, from_kazakh_latin

# The longest official names ("Республиканское государственное предприятие на праве
# хозяйственного ведения «Казахский национальный исследовательский технический университет
# имени К. И. Сатпаева», г. Алматы") are about 200 characters; what follows is not a name.
COMPARED_CHARS = 300

# Kinds of place, by folded word (Kazakh letters folded as fold() does). A word may name two
# kinds: "школа-лицей" gives school and lyceum. Pupils' schools, colleges and universities
# are never one another.
_KIND_WORDS = {
    # and their abbreviations: СОШ, ОСШ, ОШ (общеобразовательная), НШ (начальная), СОПШ,
    # ЖББОМ (жалпы білім беретін орта мектеп), ЖОББМ (жалпы орта білім беретін мектеп), ЖББМ
    # (жалпы білім беретін мектеп), ЖОМ and ОМ (жалпы орта, орта мектеп)
    "school": ("школа", "школы", "школу", "сош", "оош", "сш", "осш", "ош", "нш", "сопш", "жббом",
               "жбом",
               "жоббм", "жббм", "жом", "ом",
               "мектеп", "мектебі", "мектебi", "мектебинин", "school", "мектептің",
               "mektep", "mektebi", "mektebiniń"),  # the Kazakh Latin alphabets
    # "Гимн. №37" for short; "мектеп-лицейсы" as the Kazakh possessive is often typed
    "gymnasium": ("гимназия", "гимназии", "гимназиясы", "гимн", "gymnasium"),
    "lyceum": ("лицей", "лицея", "лицейі", "лицейи", "лицейсы", "lyceum", "liceum"),
    "nis": ("ниш", "nis", "ниш-хбн", "зияткерлік", "нзм"),
    "kindergarten": ("балабақша", "балабакша", "kindergarten", "ясли", "детсад"),
    "college": ("колледж", "колледжа", "колледжі", "колледжи", "college", "колледжы"),
    "technikum": ("техникум", "техникума"),
    "uchilishe": ("училище", "училища"),
    "university": ("университет", "университета", "университеті", "university", "univ", "универ",
                   "universiteti"),
    # a research one too: НИИ, ҒЗИ (ғылыми-зерттеу институты)
    "institute": ("институт", "института", "институты", "institute", "нии", "ғзи"),
    "academy": ("академия", "академии", "академиясы", "academy"),
    "company": ("корпорация", "company", "компания"),
    "centre": ("центр", "центра", "орталығы", "орталыгы", "center", "centre"),
    "foundation": ("фонд", "қоры", "коры", "foundation", "оф"),
    # public associations and NGOs: ОО, ҚБ (қоғамдық бірлестік), ҮЕҰ
    "association": ("объединение", "ассоциация", "бірлестігі", "бірлестік", "association",
                    "ҮЕҰ", "ngo", "нпо", "ОО", "ҚБ"),
}
KIND_OF_WORD = {fold(w): kind for kind, words in _KIND_WORDS.items() for w in words}
# Kinds where pupils learn: never offered or joined to a university or a college.
SCHOOL_KINDS = frozenset({"school", "gymnasium", "lyceum", "nis", "kindergarten"})
_SCHOOLS_OF_A_KIND = frozenset({"gymnasium", "lyceum"})
COLLEGE_KINDS = frozenset({"college", "technikum", "uchilishe"})
HIGHER_KINDS = frozenset({"university", "institute", "academy"})
OTHER_KINDS = frozenset({"company", "centre", "foundation", "association"})

# Phrases that mean one kind: "Назарбаев Интеллектуальная школа" is one chain, not a school
# named Назарбаев. Folded, matched on word boundaries before the words are read.
_KIND_PHRASES = tuple(
    (fold(phrase), kind) for phrase, kind in (
        ("назарбаев интеллектуальная школа", "nis"), ("назарбаев интеллектуальной школы", "nis"),
        ("назарбаев зияткерлік мектебі", "nis"), ("nazarbayev intellectual school", "nis"),
        # the chain's branches, said without the name or as the chain ("Филиал АОО «Назарбаев
        # Интеллектуальные школы» ХБН г. Актобе", "Интеллектуальная школа Актобе")
        ("назарбаев интеллектуальные школы", "nis"), ("интеллектуальная школа", "nis"),
        ("интеллектуальной школы", "nis"), ("интеллектуальные школы", "nis"),
        ("intellectual school", "nis"),
        ("detskii sad", "kindergarten"), ("детский сад", "kindergarten"),
        ("общеобразовательная школа", "school"), ("средняя школа", "school"),
        ("жалпы білім беретін мектеп", "school"), ("жалпы білім беретін орта мектеп", "school"),
        ("орта мектеп", "school"), ("secondary school", "school"),
    )
)
# Phrases said in other words, read as the same words (folded, on word boundaries): the
# profile of a Назарбаев Интеллектуальная школа in three languages and by its abbreviations
# (ХБН, ХББ, Chemistry and Biology); the lyceums «Білім-инновация» by their former name
# (Казахско-турецкий лицей) and in English ("білім" is a noise word); what a school for the
# gifted says of itself in every language (nothing that tells it apart: no word).
_SAME_WORDS = tuple(
    (fold(phrase), word) for phrases, word in (
        (("химико биологического направления", "химико биологическое направление",
          "химия биология бағытындағы", "химия биология бағыты", "хбн", "хбб",
          "chemistry and biology", "chemistry biology", "chemical and biological",
          "chemical biological", "chb", "cbd"), "хб"),
        (("физико математического направления", "физико математическое направление",
          "физика математика бағытындағы", "физика математика бағыты", "фмн", "фмб",
          "physics and mathematics", "physics and math", "physics mathematics",
          "physical and mathematical", "physical mathematical", "phm", "phmd", "pmd"), "фм"),
        (("природных ресурсов", "табиғи ресурстар", "natural resources"), "ресурсы"),
        (("казахско турецкий лицей", "қазақ түрік лицейі", "kazakh turkish lyceum",
          "bilim innovation lyceum", "bilim innovation"), "лицей инновация"),
        # a town's lyceums for gifted boys and for gifted girls are two
        (("для одаренных мальчиков", "для одарённых мальчиков", "дарынды ұлдарға арналған",
          "дарынды ұл балаларға арналған", "дарынды ұлдар", "for gifted boys"), "мальчиков"),
        (("для одаренных девочек", "для одарённых девочек", "дарынды қыздарға арналған",
          "дарынды қыз балаларға арналған", "дарынды қыздар", "for gifted girls"), "девочек"),
        (("для одаренных детей", "для одарённых детей", "дарынды балаларға арналған",
          "дарынды балалар", "for gifted children", "for gifted"), ""),
        (("р н",), "район"),  # "Талгарский р-н"
    ) for phrase in phrases
)
# Words that describe a place in one language and another, each read as one word (folded
# beginnings): "Шымкентский высший медицинский колледж", "Шымкент жоғары медициналық
# колледжі" and "Shymkent Higher Medical College" are one college. Longer beginnings first.
_SAME_MEANING = tuple(sorted(
    ((fold(stem), meaning) for meaning, stems in (
        ("higher", ("высш", "жогары", "higher")),
        ("medical", ("медицин", "medical", "medicine")),
        ("polytechnic", ("политехн", "polytechn")),
        ("pedagogical", ("педагогическ", "педагогикалык", "pedagogic", "pedagogical")),
        ("technical", ("техническ", "техникалык", "technical")),
        ("technological", ("технологическ", "технологиялык", "technolog")),
        ("humanitarian", ("гуманитар", "humanitar")),
        ("agrarian", ("аграрн", "аграрлык", "agrarian", "сельскохозяйствен", "agricultur")),
        ("economic", ("экономическ", "экономикалык", "econom")),
        ("music", ("музыкальн", "музыкалык", "music")),
        ("construction", ("строительн", "курылыс", "construction")),
        ("transport", ("транспортн", "колик", "transport")),
        ("industrial", ("индустриальн", "индустриялык", "industrial")),
        ("republican", ("республиканск", "республикалык", "republican")),
        ("national", ("национальн", "улттык", "national")),
        ("international", ("международн", "халыкаралык", "international")),
        ("regional", ("региональн", "онирлик", "regional")),
        # the noun too (Білім-инновация), which a typo of it still meets (иноввация)
        ("инновация", ("инновац", "innovat")),
        ("energy", ("энергетическ", "энергетикалык", "energy")),
        ("physics", ("физико", "физика", "physics")),
        ("mathematics", ("математическ", "математика", "mathemat")),
        ("botany", ("ботаник", "botany", "botanical")),
        ("administration", ("управлени", "баскарма", "administration")),
        # a ministry and what it is of: "ҚР Экология министрлігі" is the Russian's
        ("ministry", ("министерств", "министрлиг", "ministry")),
        ("ecology", ("эколог", "ecolog")),
        ("oil", ("нефт", "мунай", "oil")),
        ("gas", ("газ", "gas")),
    ) for stem in stems),
    key=lambda pair: -len(pair[0])))
# Describing words as people shorten them, standing alone ("павлодарский мед колледж").
_SHORTENED = {fold(word): meaning for word, meaning in (
    ("мед", "medical"), ("пед", "pedagogical"), ("политех", "polytechnic"))}
# Kinds' words long enough to end a glued word (медколледж), longest first.
_LONG_KIND_WORDS = tuple(sorted((w for w in KIND_OF_WORD if len(w) >= 5), key=len, reverse=True))
_OWNER = "administration"  # an administration is a place's owner beside a kind of place
# Adjectives of a town: Шымкентский, Карагандинская, Алматинский, Уральский (the town's
# name with "-ин-" or "-ск" as Russian forms them).
_TOWN_ADJECTIVE = re.compile(r"(?:ск(?:ий|ая|ое|ого|ой|ому|их|ие))$")
_TOWN_STEM_ENDINGS = ("", "а", "ы", "ск")

# Abbreviations read as the words they stand for: ШГ and СШГ (школа-гимназия), ШЛ and СШЛ
# (школа-лицей), МГ and МЛ (мектеп-гимназия, мектеп-лицей), БИЛ (Білім-инновация лицейі)
# and КТЛ (Казахско-турецкий лицей, its former name).
_ABBREVIATIONS = {fold(abbreviation): words for abbreviation, words in (
    ("шг", "школа гимназия"), ("шл", "школа лицей"), ("сшг", "школа гимназия"),
    ("сшл", "школа лицей"), ("мг", "мектеп гимназия"), ("мл", "мектеп лицей"),
    ("бил", "лицей инновация"),
    ("ктл", "лицей инновация"), ("bil", "лицей инновация"), ("ktl", "лицей инновация"))}
# Words that say nothing about which place it is: the owner ("акимата города"), the legal
# form, "имени", "город". Folded.
_NOISE_WORDS = frozenset(
    fold(w) for w in (
        "кгу", "гу", "ргу", "гккп", "кгкп", "гкп", "ргп", "ргкп", "пхв", "на", "праве",
        "филиал", "филиалы", "рк", "қр", "rk",  # a branch; РК: the country's, every body's
        "хозяйственного", "ведения", "нао", "ао", "аоо", "чу", "уо", "нуо", "коммунальное",
        "государственное", "учреждение", "казенное", "предприятие", "мемлекеттік", "мекемесі",
        "коммуналдық", "кмм", "мм", "мкқк", "шжқ", "рмк", "акимата", "акимат", "әкімдігінің",
        "отдела", "управления", "образования", "білім", "бөлімі", "басқармасының", "при", "города",
        "город", "г", "гор", "қ", "қаласы", "city", "им", "имени", "атындағы", "named", "after",
        "ат", "атын", "атынд",  # атындағы shortened: "Абай ат. ЖОМ"
        "областной", "областная", "облыстық", "районная", "ауданы", "района", "район", "the", "of",
        "no", "n", "номер", "нөмірлі", "общеобразовательная", "средняя", "орта", "жалпы",
        "беретін", "частное", "частный", "жеке", "государственный", "имн", "и",
        "қаласының", "облысы", "облысының", "ауданының", "области", "область", "обл",
        # regions by their abbreviations: they name no city (ШҚО, ВКО: East Kazakhstan)
        "шқо", "сқо", "бқо", "оқо", "вко", "ско", "зко", "юко", "тко",
        # a village's marks: its name tells the place, "ауылы" or "село" nothing more
        "ауыл", "ауылы", "ауылының", "ауылындағы", "кенті", "село", "села", "селе", "пос",
        "поселок", "посёлок", "поселка", "посёлка", "village",
        # "in" a town: Алматы қаласындағы, in Almaty; "and" in Kazakh and English ("и" above)
        "қаласындағы", "in", "and", "және",
    )
)
# A word before one of these names a region, not a city ("Жамбыл облысы": not Тараз), and
# tells no place apart; one before a district's marker is a word of the place's name.
_REGION_MARKERS = frozenset(fold(w) for w in ("облысы", "облысының", "области", "область", "обл",
                                               "region"))
# A region's name among a shape's words: "караганда~обл" (not the town's word "караганда").
_REGION_WORD = "~обл"
_DISTRICT_MARKERS = frozenset(fold(w) for w in ("ауданы", "ауданының", "района", "район"))
# A district's name among a shape's words, in Kazakh or Russian ("Қарасай ауданы",
# "Карасайский район": "карасай~аудан"): a place holding many villages' schools, not a
# village's name (see sync.normalize.clusters).
DISTRICT_WORD = "~аудан"
# Words before a city's name that let it be read in the genitive ("г. Астаны"). The Kazakh
# ones follow the name ("Астана қ."): a "К." before a word is an initial ("им. К. Сатпаева").
_CITY_MARKERS = frozenset(fold(w) for w in ("г", "гор", "город", "города"))
# A person's name follows "имени", "им.", "named after" (initials and a title between) and
# goes before "атындағы": there a town's name is the person's ("Қ. Сәтбаев атындағы").
_EPONYM_BEFORE = frozenset(fold(w) for w in ("имени", "им", "after"))
_EPONYM_AFTER = frozenset(fold(w) for w in ("атындағы", "ат", "атын", "атынд"))
_TITLES = frozenset(fold(w) for w in ("академика", "академик", "профессора", "academician"))
# The words of a person's name a place is named after: a first name, a patronymic, a surname.
MAX_NAME_WORDS = 3
_CYRILLIC = re.compile(r"[а-яё]")
_VOWELS = frozenset("аеёиоуыэюя")
# Legal forms of firms: they say "not a school, not a university", nothing about which firm.
_FIRM_WORDS = frozenset(fold(w) for w in ("тоо", "жшс", "llp", "ltd", "ип", "жк", "inc", "llc"))
_NUMBER = re.compile(r"\d+")
# "№45", "N 45", "No.45", "#45": the sign glued to the number is not a word.
_NUMBER_SIGN = re.compile(r"(?:№|\bN[oо]?\.?|#)\s*(?=\d)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# Where the parts of an answer meet ("Сайрам ауданы, Қарабұлақ а., Ш. Уәлиханов атындағы №8
# ЖОМ"): kept among the folded words as a letter no name holds, so that a person's name
# ends there; one letter, it is no word of the shape.
_PARTS = re.compile(r"[,;()]")
PART_MARK = "ǂ"


@dataclass(frozen=True)
class Shape:
    kinds: frozenset[str]
    numbers: tuple[str, ...]
    city: str
    words: tuple[str, ...]  # other folded words, sorted
    firm: bool = False  # a firm's legal form was typed (ТОО, LLP): not part of the key

    @property
    def key(self) -> str:
        """Everything the shape says, as one string: equal keys are one place. Plain words
        ("биофак казну") when it says no kind, number or city."""
        if not (self.kinds or self.numbers or self.city):
            return " ".join(self.words)
        return "|".join((",".join(sorted(self.kinds)), ",".join(self.numbers), self.city,
                         " ".join(self.words)))

    @property
    def level(self) -> str:
        """school, college, higher, other or "" (nothing said)."""
        if self.kinds & SCHOOL_KINDS:
            return "school"
        if self.kinds & COLLEGE_KINDS:
            return "college"
        if self.kinds & HIGHER_KINDS:
            return "higher"
        if self.kinds & OTHER_KINDS or self.firm:
            return "other"
        return ""


def compared(value: str, limit: int = COMPARED_CHARS) -> str:
    """The part of an answer that is compared: its first `limit` characters, cut at a space so
    that no word is cut in half. Lines are parts, as commas part them ("КазНИТУ им.
    Сатпаева⏎факультет химии"); the 2018 Kazakh Latin alphabet is read in Cyrillic."""
    if "\n" in value:
        value = ", ".join(line.strip() for line in value.splitlines() if line.strip())
    value = from_kazakh_latin(value)
    if len(value) <= limit:
        return value
    head = value[:limit]
    return head[: head.rfind(" ")] if " " in head else head


# Towns whose name is shorter than an abbreviation's three letters (Шу): read as towns too.
_SHORT_TOWNS = frozenset(fold(name) for name in KNOWN_CITIES if len(name) < 3)


@lru_cache(maxsize=65536)
def city_of_word(word: str, after_marker: bool = False) -> str | None:
    """The known city a folded word names; after "г."/"города" also in the genitive
    ("астаны", "павлодара"): elsewhere "Сатпаева" is a person, not the town of Сатпаев."""
    if len(word) < 3 and word not in _SHORT_TOWNS:
        return None
    if city := known_city(word):
        return city
    return town_in_genitive(word) if after_marker else None


def _people(words: list[str]) -> dict[int, str]:
    """{position: the word read there} for the words of the people a place is named after,
    among its folded words: after "имени" (past initials and a title), before "атындағы".
    A person is their surname, the last word, in the nominative: "имени Бокена Ахметова",
    "им. Б. Ахметова" and "Б. Ахметов атындағы" are one person, "ахметов"; the other words
    of the name are read as nothing (a first name typed out or left an initial)."""
    found: dict[int, str] = {}
    for at, word in enumerate(words):
        if word in _EPONYM_AFTER and at and words[at - 1] != PART_MARK:
            found |= dict.fromkeys(_name_span(words, at - 1, -1), "") | {at - 1: words[at - 1]}
        elif word in _EPONYM_BEFORE:
            name = at + 1
            while name < len(words) and (len(words[name]) == 1 or words[name] in _TITLES):
                found[name] = ""
                name += 1
            if name < len(words):
                span = _name_span(words, name, 1)
                surname = max(i for i in span if len(words[i]) > 1 or i == name)
                found |= dict.fromkeys(span, "") | {surname: _nominative(words[surname])}
    return found


def _name_span(words: list[str], first: int, step: int) -> list[int]:
    """The positions of a person's name from `first` (always a word of it) on, `step` 1
    (after "имени") or -1 (before "атындағы"), in the order read: initials and up to
    MAX_NAME_WORDS words, none a kind of place, a noise word, a town or a describing one."""
    span, at = [first], first + step
    while 0 <= at < len(words) and len([i for i in span if len(words[i]) > 1]) < MAX_NAME_WORDS:
        word = words[at]
        if word == PART_MARK or len(word) > 1 and (
                word in KIND_OF_WORD or word in _NOISE_WORDS or word in _TITLES
                or word in _EPONYM_AFTER or word in _EPONYM_BEFORE
                or city_of_word(word) or _meaning(word) != word):
            break
        span.append(at)
        at += step
    return span


def _nominative(word: str) -> str:
    """A Russian surname or name after "имени", in the genitive, as it is in the nominative
    (ахметова: ахметов, абая: абай, маметовой: маметова); short words (ата) and Latin
    letters as typed."""
    if len(word) < 4 or not _CYRILLIC.match(word):
        return word
    if word.endswith("а") and word[-2] not in _VOWELS:
        return word[:-1]
    if word.endswith("я") and word[-2] in _VOWELS:
        return word[:-1] + "й"
    if word.endswith("ой") and len(word) > 5:
        return word[:-2] + "а"
    return word


def _university_named_after(word: str, following: str) -> bool:
    """ "Satbayev University", "Сәтбаев университеті": a town named after a person, before a
    university's kind, is the person (Satbayev University is in Алматы)."""
    return (KIND_OF_WORD.get(following) in HIGHER_KINDS
            and city_of_word(word) in NAMED_AFTER_A_PERSON)


MIN_SLIPPED_ADJECTIVE = 8  # a town's stem of four letters or more and its ending
_ADJECTIVE_ENDING = re.compile(r"(?:ий|ая|ое|ого|ой|ому|их|ие)$")


def _suffix_mended(word: str) -> list[str]:
    """The word with one slip before its adjective's ending undone: two letters swapped
    ("ксий"), or the "с" or the "к" of "-ск-" left out ("кий", "сий")."""
    ending = _ADJECTIVE_ENDING.search(word)
    if not ending:
        return []
    stem, end = word[: ending.start()], ending.group()
    return [stem[:-2] + stem[-1] + stem[-2] + end, stem[:-1] + "с" + stem[-1:] + end,
            stem + "к" + end]


@lru_cache(maxsize=65536)
def _town_of_adjective(word: str) -> str | None:
    """The known town a folded adjective names: шымкентский, карагандинская, уральский; or
    one with a slip in its "-ский" (костанайксий, костанайкий: field test FA)."""
    if _TOWN_ADJECTIVE.search(word):
        return _town_of_written_adjective(word)
    if len(word) < MIN_SLIPPED_ADJECTIVE or _meaning(word) != word:
        return None
    return next((town for mended in _suffix_mended(word)
                 if _TOWN_ADJECTIVE.search(mended)
                 and (town := _town_of_written_adjective(mended))), None)


def _town_of_written_adjective(word: str) -> str | None:
    """The town of an adjective ending as Russian forms it ("-ский")."""
    stem = _TOWN_ADJECTIVE.sub("", word)
    stems = (stem, stem[:-2]) if stem.endswith("ин") else (stem,)
    return next((city for stem in stems for ending in _TOWN_STEM_ENDINGS
                 if len(stem) > 2 and (city := known_city(stem + ending))), None)


def _a_place_of_adjective(word: str) -> str:
    """A village's adjective as the village's word ("Шамалганская СОШ №1" is the school of
    "Шамалған №1 ОМ": field test AO), a describing word as it is."""
    if _TOWN_ADJECTIVE.search(word) and _meaning(word) == word:
        stem = _TOWN_ADJECTIVE.sub("", word)
        return stem if len(stem) >= MIN_VILLAGE_STEM else word
    return word


MIN_VILLAGE_STEM = 4  # "Шамалган"; "русская" (рус) is a describing word, not a place


def names_a_region(text: str) -> bool:
    """Whether a part of an answer is a region: "Карагандинская область", "Павлодарская
    обл.", "Жамбыл облысы", "Karaganda region"."""
    words = fold(text).split()
    return 1 < len(words) <= 3 and words[-1] in _REGION_MARKERS


@lru_cache(maxsize=65536)
def _meaning(word: str) -> str:
    """A describing word as one word in every language (_SAME_MEANING; shortened as people
    shorten it, "мед колледж": _SHORTENED), or the word."""
    return _SHORTENED.get(word) or next(
        (meaning for stem, meaning in _SAME_MEANING if word.startswith(stem)), word)


@lru_cache(maxsize=65536)
def _compound(word: str) -> tuple[str, ...]:
    """A folded word cut into a describing word and a kind where it is one glued to the
    other, as Russian shortens them: медколледж, педуниверситет, политехколледж. The
    beginning must start the stems of one meaning only (not "тех": technical or
    technological?)."""
    for kind_word in _LONG_KIND_WORDS:
        beginning = word[: -len(kind_word)]
        if word.endswith(kind_word) and len(beginning) >= 3:
            meanings = {meaning for stem, meaning in _SAME_MEANING if stem.startswith(beginning)}
            return (meanings.pop(), kind_word) if len(meanings) == 1 else (word,)
    return (word,)


# A word with letters a Windows-1251 file lost ("жо?ары"): guessed when at most so many are
# lost (each as one of text.LOST_AS_FOLDED).
_LOST_IN_WORD = re.compile(r"[^\W\d_]*(?:(?<![\d_?])\?(?=[^\W\d_])[^\W\d_]+)+")
_MAX_GUESSED = 2


@lru_cache(maxsize=4096)
def _lost_letters_guessed(word: str) -> str:
    """The word with its lost letters as the one describing word, kind or town they make
    ("жо?ары": жогары, higher), or left out: the same gap reads alike wherever typed."""
    holes = word.count("?")
    if holes <= _MAX_GUESSED:
        for letters in itertools.product(LOST_AS_FOLDED, repeat=holes):
            guess = word
            for letter in letters:
                guess = guess.replace("?", letter, 1)
            if _read_whole(fold(guess), last_lost=word.rfind("?")):
                return guess
    return word.replace("?", "")


def _read_whole(word: str, last_lost: int) -> bool:
    """Whether a word is a kind, a town or a place's marker, or a describing word whose stem
    holds its last lost letter (not "газ" read into "?аз?У")."""
    return (word in KIND_OF_WORD or word in _NOISE_WORDS or word in _REGION_MARKERS
            or word in _DISTRICT_MARKERS or bool(known_city(word)) or any(
                word.startswith(stem) and len(stem) > last_lost for stem, _ in _SAME_MEANING))


@lru_cache(maxsize=65536)
def shape_of(value: str) -> Shape:
    text = _NUMBER_SIGN.sub(" ", clean_text(compared(value)))
    text = _LOST_IN_WORD.sub(lambda lost: _lost_letters_guessed(lost.group()), text)
    numbers = tuple(sorted({n.lstrip("0") or "0" for n in _NUMBER.findall(text)}))
    folded = " " + " ".join(_WORD.findall(fold(_PARTS.sub(f" {PART_MARK} ", text)))) + " "
    kinds: set[str] = set()
    for phrase, kind in _KIND_PHRASES:
        if " " + phrase + " " in folded:
            kinds.add(kind)
            folded = folded.replace(" " + phrase + " ", " ")
    for phrase, word in _SAME_WORDS:
        folded = folded.replace(" " + phrase + " ", f" {word} " if word else " ")
    words = [part for word in folded.split() for part in _ABBREVIATIONS.get(word, word).split()
             for part in _compound(part)]
    cities = set()
    # two-word cities first ("усть каменогорск"), then one word; a letter is no word of a
    # city's name, but an initial or a city's mark, read on its own ("К. Сәтбаев", "Орал к.")
    for first, second in zip(words, words[1:]):
        if min(len(first), len(second)) > 1 and (city := known_city(first + " " + second)):
            cities.add(city)
            words = [w for w in words if w not in (first, second)]
    rest = []
    regions: set[str] = set()
    firm = False
    people = _people(words)
    for at, (previous, word, following) in enumerate(zip(["", *words], words, [*words[1:], ""])):
        if following in _REGION_MARKERS:
            regions.add(_town_of_adjective(word) or city_of_word(word) or word)
            continue
        if following in _DISTRICT_MARKERS and word not in _NOISE_WORDS:
            name = RUSSIAN_ADJECTIVE.sub("", word)
            if word in HONORIFICS and rest and rest[-1] == previous:  # "Төле би ауданы"
                name = rest.pop() + name
            rest.append(name + DISTRICT_WORD)
        elif word in _FIRM_WORDS:
            firm = True
        elif kind := KIND_OF_WORD.get(word):
            kinds.add(kind)
        elif word in _NOISE_WORDS:
            continue
        elif at in people:
            if people[at]:
                rest.append(people[at])
        elif _university_named_after(word, following):
            rest.append(word)
        elif city := city_of_word(word, previous in _CITY_MARKERS) or _town_of_adjective(word):
            cities.add(city)
        elif len(word) > 1:  # an initial tells nothing apart
            rest.append(_meaning(_a_place_of_adjective(word)))
    # a region tells no school, college or university apart (Жамбыл облысы, Талас ауданы,
    # орта мектеп), but a region's body from another's (the natural resources
    # administration of Карагандинская and of Павлодарская область: field test AG)
    if not kinds & (SCHOOL_KINDS | COLLEGE_KINDS | HIGHER_KINDS):
        rest.extend(f"{fold(region)}{_REGION_WORD}" for region in regions)
    # a school's or a college's owner (its town's education administration) is not its name
    if kinds:
        rest = [word for word in rest if word != _OWNER]
    # a школа-гимназия is called a гимназия for short (a гимназия is a school): one kind
    if kinds & _SCHOOLS_OF_A_KIND:
        kinds.discard("school")
    # a place is in one city: with two typed, both are kept as words (one is in the name)
    city = next(iter(cities)) if len(cities) == 1 else ""
    if len(cities) > 1:
        rest.extend(fold(c) for c in cities)
    return Shape(frozenset(kinds), numbers, city, tuple(sorted(set(rest))), firm)


MAX_KIND_SLIP = 2  # letters apart a long word may be from a kind's ("универистеті")
MIN_SLIPPED_KIND = 7  # a shorter word two letters apart is another word


def says_a_kind(value: str) -> bool:
    """Whether an answer names a kind of place, maybe with a slip in its word ("Абай
    универистеті"): a place whose name says none is no school, college or university."""
    return bool(shape_of(value).kinds) or any(
        len(word) >= MIN_SLIPPED_KIND and any(
            OSA.distance(word, kind_word, score_cutoff=MAX_KIND_SLIP) <= MAX_KIND_SLIP
            for kind_word in _LONG_KIND_WORDS)
        for word in fold(compared(value)).split())


def names_no_place(value: str) -> bool:
    """Whether an answer names a kind of place and its number alone ("15 мектеп"), no town,
    village or name of its own."""
    shape = shape_of(value)
    return bool(shape.kinds) and not (shape.city or shape.words)


# A title line's school: its kind's word and its number this many words apart at most
# ("школа-гимназия № 8", "№ 8 жалпы білім беретін мектебі").
_KIND_TO_NUMBER = 4
_A_NUMBER = re.compile(r"(?:№|N|No\.?)?\s*\d{1,3}")
_TOWN_MARKS = frozenset(fold(w) for w in ("г", "г.", "гор", "города", "город"))
_KAZAKH_TOWN_MARKS = frozenset(fold(w) for w in ("қ", "қ.", "қаласы", "қаласының"))
# A village said before its school ("Ақсукент ауылы, №3 мектеп") or after it ("СОШ №5 с.
# Ленгер"): its name is the school's word, wherever no known town is said.
_VILLAGE_BEFORE = frozenset(fold(w) for w in ("а", "ауылы", "ауылының", "ауылындағы"))
_VILLAGE_AFTER = frozenset(fold(w) for w in ("с", "село", "села", "пос", "п"))


def numbered_school_in(text: str) -> str:
    """The words of a line naming one numbered school or college, with its town where the
    line says it ("Список учащихся ШКОЛА №8 г. Караганда на конференцию PlastNet": "ШКОЛА
    №8 г. Караганда"; "Қарағанды қаласының №8 мектебі"), "" where it names none."""
    tokens = text.split()
    bare = [token.strip("«»\"'“”().,:;") for token in tokens]
    kinds = [i for i, token in enumerate(bare)
             if shape_of(token).level in ("school", "college") and not shape_of(token).numbers]
    numbers = [i for i, token in enumerate(bare) if _A_NUMBER.fullmatch(token)
               or token in ("№", "N") and i + 1 < len(bare) and bare[i + 1].isdecimal()]
    pairs = [(k, n) for k in kinds for n in numbers if abs(k - n) <= _KIND_TO_NUMBER]
    if not pairs:
        return ""
    kind, number = min(pairs, key=lambda pair: abs(pair[0] - pair[1]))
    first, last = min(kind, number), max(kind, number)
    if bare[last] in ("№", "N"):
        last += 1
    folded = [fold(token) for token in bare]
    after = folded[last + 1] if last + 1 < len(tokens) else ""
    if after in _TOWN_MARKS and shape_of(" ".join(tokens[last + 1:last + 3])).city:
        last += 2  # "г. Караганда"
    elif after and shape_of(bare[last + 1]).city:
        last += 1  # "г.Караганды", "Караганда"
    elif after in _VILLAGE_AFTER and last + 2 < len(tokens) and bare[last + 2][:1].isupper():
        last += 2  # "с. Ленгер"
    if first >= 2 and (folded[first - 1] in _KAZAKH_TOWN_MARKS and shape_of(bare[first - 2]).city
                       or folded[first - 1] in _VILLAGE_BEFORE and bare[first - 2][:1].isupper()):
        first -= 2  # "Қарағанды қаласының", "Ақсукент ауылы,"
    return " ".join(tokens[first:last + 1]).strip("«»\"'“”(),:;.")
