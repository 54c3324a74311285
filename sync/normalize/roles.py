"""A participant's role from what they typed (Russian, Kazakh, English, with typos).

Roles: student, master, phd, teacher, staff, other (sync.fields.ROLES). The answer is read
the way a person reads it. Phrases ("research assistant", "1 г.о.", "к.х.н.") are found
first; then each word by its beginning on the folded text (case, ё/е and Kazakh letters
ignored), also in Latin letters (Magistrant, Oqytushy), a longer stem with one typo
(преподователь). Besides roles, words give context:
- a pupil of a school ("ученик 10 класса", "оқушы", "школьник") is a student, as is any
  learner ("учащийся", "білім алушы"): the project counts the students of universities,
  colleges and schools alike;
- a course, year or school class alone ("2 курс", "1 г.о.", "2 year", "10 "А" класс",
  "9Б сынып", "grade 10"), or its number alone ("2" for "Курс?", "10" for "Класс"), is a
  student;
- one who registers, brings or leads a group of learners ("Регистрирую группу учащихся",
  "Оқушылар тобын тіркеймін") is not a learner: with no other role named, a teacher;
- a degree ("к.х.н.", "PhD, доцент", "доктор PhD") is a teacher's when nothing else is said,
  and PhD beside a teacher's title is that degree, not PhD studies;
- a workplace outside universities, colleges and schools (an NGO, a company, a government
  body, "independent"), named in the answer or by the institution (an NGO, a company, a
  government body: institution_kind), makes staff and undefined answers "other";
- a role said not to be ("Сотрудник вуза (не ППС)", "ППС емес") is none.
When several roles remain, ROLE_PRIORITY decides and the note says so; an answer that is not
understood is "other" with the note role.unknown (listed for review); a blank answer, or one
that says nothing ("-", "нет"), takes the programme code (7M..., 8D..., 6B...). Notes are
codes (reports/labels.py translates them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz.distance import OSA

from sync.fields import ROLES
from sync.normalize.shapes import shape_of
from sync.normalize.study_year import LAST_CLASS, study_year
from sync.normalize.text import (LOST_LETTERS, NO_ANSWER, as_text, clean_text, fold,
                                 latin_skeleton, per_unique, plain_latin)

COLUMNS = ["role", "role_note"]
# Kinds of place (sync.normalize.shapes) whose staff the project counts as "other": NGOs
# and companies (also by a firm's legal form: ТОО, LLP, АО, a state enterprise's ГКП, РГП);
# and a society's or a fund's name (Экологическое общество, Green Salvation Ecological
# Society, Экофонд), folded. Places of learning never are.
_OUTSIDE_KINDS = frozenset({"association", "foundation", "company"})
_SOCIETY = re.compile(r"\b(?:обществ\w*|society|когам\w*|ао|jsc|гкп|кгкп|гккп|ргп|ргкп)\b"
                      r"|фонд|qory\b|коры\b|\b(?:кк|qq)\b")  # ҚҚ: қоғамдық қор
_PLACES_OF_LEARNING = frozenset({"school", "college", "higher"})
UNKNOWN, SEVERAL, FROM_CODE = "role.unknown", "role.several", "role.from_code"
# No role answered by someone of an NGO, a company or a government body: neither a learner
# nor a teacher, whatever else (a department of education's specialist in a teacher's list).
FROM_PLACE = "role.from_place"

# What a word or phrase tells besides a role (see the module docstring). A place of learning
# (школа, колледж) tells no role, but names (sync.normalize.names) read it as a remark.
PLACE, OUTSIDE, DEGREE, COURSE, PHD_WORD, DOCTOR, DEPARTMENT_HEAD, RESEARCHER, GRADUATE = (
    "place", "outside", "degree", "course", "phd word", "doctor", "department head",
    "researcher", "graduate")
ASSISTANTSHIP = "assistantship"
UNIVERSITY_OFFICE, PROJECT = "university office", "project"
# The kind of a university (institution_kind), whose researchers are its academic staff,
# and a name read as one: the directory's universities, whatever their names say.
HIGHER = "higher"
A_UNIVERSITY = "university"

# Beginnings of words, by what they say, in their usual spelling: folded when loaded
# (оқытушы -> окытушы), as the answers are. A Cyrillic stem also matches the word's Latin
# transliteration (magistrant).
STEMS = {
    # a school's pupils and learners are students too (школьник, оқушы, учащийся)
    "student": ("студент", "student", "бакалавр", "bachelor", "undergrad", "bsc",
                "курсант", "freshman", "sophomore", "оқимын", "школьни", "старшекласс",
                "ученик", "учениц", "оқушы", "pupil", "schoolchild", "schoolboy",
                "schoolgirl", "учащ", "обучающ", "learner"),
    "master": ("магистр", "master", "msc", "mba"),
    "phd": ("докторант", "doctoral", "doctorate", "аспирант", "соискател"),
    "teacher": ("преподава", "доцент", "docent", "профессор", "professor", "оқытушы",
                "lecturer", "лектор", "teacher", "учител", "педагог", "куратор", "curator",
                "мұғалім", "tutor", "тьютор", "instructor", "ассистент", "assistant",
                "воспитател", "тәрбиеші", "эдвайзер", "адвайзер", "advisor", "adviser",
                "supervisor", "ұстаз"),
    "staff": ("сотрудник", "работник", "методист", "әдіскер", "methodolog", "инженер",
              "лаборант", "зертханашы", "заведующ", "меңгеруші", "декан", "ректор",
              "проректор", "администратор", "специалист", "маман", "руководител",
              "директор", "менеджер", "қызметкер", "postdoc", "постдок", "engineer",
              "specialist", "staff", "employee", "manager", "administrator", "dean",
              "director", "rector", "technician", "координатор", "coordinator", "секретар",
              "secretary", "бухгалтер", "accountant", "начальник",
              # a school's deputy director for academic work is its administration, as its
              # director and deputy director are ("заместитель директора по УВР" too)
              "завуч"),
    # a researcher: a university's is of its academic staff, as its teachers (roles_in)
    RESEARCHER: ("зерттеуші", "исследовател", "researcher", "scientist"),
    # ("участник", "participant" say nothing of a role: such an answer is listed for review)
    "other": ("гость", "қонақ", "guest", "слушател", "тыңдаушы", "listener", "наблюдател",
              "observer", "other", "другое",
              "басқа", "иное", "волонтер",
              "volunteer", "ерікті", "активист", "activist", "журналист", "journalist",
              "блогер", "blogger", "родител", "parent", "пенсионер", "зейнеткер", "retired",
              "безработн", "жұмыссыз", "unemployed", "домохозяйк", "предпринимател",
              "кәсіпкер", "entrepreneur", "фрилансер", "freelanc", "самозанят",
              "представител", "өкілі", "консультант", "consultant"),
    # a university's own offices: one working there is its staff, whatever the profession
    UNIVERSITY_OFFICE: ("деканат", "ректорат", "dean's office"),
    # one who finished her studies: the level she names is the one she left
    GRADUATE: ("выпускни", "түлек", "alumn", "graduate"),
    PLACE: ("школ", "гимназ", "лицей", "мектеп", "класс", "сынып", "school", "gymnasium",
            "lyceum", "колледж", "college", "техникум"),
    # workplaces outside universities, and a profession that is mostly practised there
    OUTSIDE: ("акимат", "әкімдік", "министерств", "министрлі", "ministry", "госслужащ",
              "госорган", "government", "депутат", "маслихат", "инспектор", "inspector",
              "компани", "company", "corporat", "завод", "предприяти", "кәсіпорын", "фирм",
              "business", "бизнес", "общественн", "фонд", "foundation", "nonprofit",
              "ассоциаци", "association", "независим", "тәуелсіз", "independent", "эколог",
              "ecologist", "environmental"),
    # a project's manager or coordinator: an NGO's work, but at a university (field test FE)
    PROJECT: ("проект", "project", "жоба"),
}
# Stems that would match words they must not: the name of a field, not a person.
STEM_EXCEPTIONS = {"педагог": ("педагогич", "педагогик"), "эколог": ("экологи",),
                   # designing is an engineer's work anywhere ("инженер-проектировщик")
                   "проект": ("проектир",), "жоба": ("жобала",),
                   # "по воспитательной работе": the work, not the one who teaches
                   "воспитател": ("воспитательно", "воспитательна", "воспитательны",
                                  "воспитательну")}
# Whole words only (folded when loaded): abbreviations and short words a stem would
# over-match (проф is not профориентация).
WORDS = {
    "teacher": ("ппс", "пок", "преп", "доц", "проф", "prof"),
    "student": ("студ",),
    # магистрант, аспирант shortened as lists shorten them: "маг.", "асп." ("докт." may be
    # a докторант or a доктор наук)
    "master": ("маг", "магистр"),
    "phd": ("асп",),
    "staff": ("зав", "нач", "техник", "инж", "hr"),
    # (младший, старший, ведущий, главный) научный сотрудник: м.н.с., снс; кіші, аға,
    # жетекші ғылыми қызметкер: к.ғ.қ. (б.ғ.қ. is left out: folded, it is б.ғ.к., a
    # candidate of biology)
    RESEARCHER: ("нс", "мнс", "снс", "внс", "гнс", "кгк", "агк", "жгк"),
    OUTSIDE: ("нпо", "нко", "оо", "оф", "тоо", "too", "жшс", "jshs", "llp", "llc", "ltd", "ип",
              "үеұ", "ngo", "қб", "qb", "official", "аким", "әкім"),
    PHD_WORD: ("phd", "пхд"),
    DOCTOR: ("доктор", "doctor"),
    DEGREE: ("dr",),
    PLACE: ("сош", "оош", "ниш", "nis"),
}
# Phrases on the folded text (single letters of abbreviations already joined: "к х н" ->
# "кхн"); a phrase's words are not read again one by one.
PHRASES = {
    RESEARCHER: (r"research fellow", r"научн\w* сотрудник\w*", r"гылыми кызметкер\w*"),
    "staff": (r"research assistant", r"lab(?:oratory)? (?:assistant|technician)",
              r"ассистент лаборатори\w*", r"научн\w* ассистент",
              # an assistant of a programme, a project, an office: no teaching rank
              r"(?:программн|проектн|административн|офис)\w* ассистент\w*",
              r"ассистент\w* (?:программ|проект|офис|директор|руководител)\w*",
              r"(?:program|programme|project|administrative|office|executive) assistant",
              r"head of (?!(?:the )?(?:department|dept|chair)\b)\w+",
              # librarians, without a typo: one letter off is the library (библиотека,
              # кітапханасы), a place
              r"\b(?:педагог\w*\W+)?(?:библиотекар|китапханашы|librarian)\w*",
              # deputy directors of a school by their abbreviations: ДОІЖО (директордың оқу
              # ісі жөніндегі орынбасары), ДТІЖО; ЗДУВР, ЗДВР (заместитель директора по ...)
              r"\bд[а-я]ижо\b", r"\bзд[а-я]{1,3}р\b"),
    # a teaching assistant teaches, unless she says what she studies (see roles_in)
    ASSISTANTSHIP: (r"teaching assistant",),
    "teacher": (r"teaching staff", r"academic staff",
                r"\bfaculty\b(?! of\b)",  # a faculty member; the faculty of ecology is a place
                r"научн\w* руководител\w*", r"гылыми жетекши\w*",
                r"классн\w* руководител\w*", r"сынып жетекши\w*", r"associate professor",
                r"assistant professor", r"мастер\w* (?:производственн\w* обучени\w*|по)\b",
                # a college's master of vocational training, in Kazakh and English: no
                # master's student (field test AH)
                r"ондирист\w* ок\w* шебер\w*", r"\bшебер\w* ок\w*",
                r"(?:production|industrial|vocational|practical) training master\w*",
                r"master\w* of (?:production|industrial|vocational|practical) training",
                # the head of a university's department (кафедра) teaches there
                r"\bзав\w*\W*кафедр\w*", r"кафедр\w* (?:менгеруш|заведующ)\w*"),
    # "Head of Department": a university's, of a кафедра, teaches there (заведующий
    # кафедрой); an akimat's or a ministry's is an official
    DEPARTMENT_HEAD: (r"\bhead of (?:the )?(?:department|dept|chair)\b",
                      r"\b(?:department|dept) head\b"),
    # M.Sc., M.S. student, MS in Ecology (MS alone may be Ms, a title)
    "master": (r"\bgraduate student", r"master s", r"\bma student", r"\bm ?sc\b",
               r"\bms (?:student|in|candidate|degree|program\w*)\b"),
    "phd": (r"phd (?:student|candidate|researcher)", r"doctoral (?:student|candidate)"),
    "student": (r"\bb ?sc\b", r"билим алушы\w*", r"\bуч ся\b"),  # уч-ся: учащийся
    # an office for students names no student: its coordinator is its staff
    PLACE: (r"\bstudents? (?:affairs|services)\b", r"\bпо делам студент\w*",
            r"\bстудент\w* иси\w*"),
    COURSE: (r"\bго\b", r"год\w* обучени\w*", r"оку жыл\w*",
             r"\b(?:\d+|first|second|third|fourth|1st|2nd|3rd|4th)[ -]?(?:year|yr)\b",
             r"\byear \d{1,2}\b", r"\bкурс\w*", r"\bkurs\w*",
             r"\b[1-6] ?к\b",  # "1 к.", a course shortened (or a class with its letter К)
             # a school class, with its letter or ending (10 "А" класс, 9Б сынып, 9-шы сынып,
             # 10th grade, grade 10, сынып: 7Ә), and high school
             r"\b\d{1,2} ?(?:[^\W\d_]{1,3} )?(?:класс\w*|кл\b|сыны[пб]\w*|grade\b)",
             r"\b(?:класс|сыны[пб]|grade|class)\w* \d{1,2}(?: ?[^\W\d_]\b)?",
             r"\b(?:high|secondary) school\b"),
    # кандидат / доктор наук by their abbreviations (к.х.н., д.т.н., к.ф.-м.н.) and in full
    DEGREE: (r"\b[кд](?:[хбтэпгмфюис]|фм|сх|пс)н\b", r"кандидат\w* \w*\s?наук",
             r"доктор\w* \w*\s?наук", r"гылым\w* кандидаты", r"гылым\w* докторы",
             r"candidate of \w+", r"doctor of \w+", r"доктор философии", r"phd holder"),
    # government bodies: also the ecology departments and inspections that regulate waste
    # (in Kazakh the field comes first: экология департаменті)
    OUTSIDE: (r"civil servant", r"мемлекеттик кызмет\w*", r"государственн\w* служащ\w*",
              r"государственн\w* орган\w*", r"non governmental", r"non profit",
              r"укиметтик емес", r"когамдык \w+",
              r"(?:департамент|управлени|комитет|инспекци|агентств)\w* (?:\w+ ){0,2}"
              r"(?:эколог|природ)\w*",
              r"(?:эколог|табиги ресурс)\w* (?:\w+ )?(?:департамент|баскарма|комитет|инспекци)"),
}
# A government body by the institution's name (folded, in plain Latin letters): a ministry,
# an akimat; a department, committee, agency or inspection of any field ("Управление
# природных ресурсов", "Экология департаменті", "Department of Ecology": named as the
# institution it is the body itself, where in a role answer it may be a university's office);
# a ministry by its abbreviation (МЭПР РК, ҚР ЭТРМ); the state hydrometeorological service
# (Казгидромет, Kazhydromet). An education department's methodists and specialists are
# officials too (Управление образования). Read only where the name says no other kind of
# place: the schools such a department runs are schools.
_GOVERNMENT = re.compile(
    r"\b(?:министерств|министр|ministr|акимат|акимд|акимшил|akimat|akimd|akimshil|"
    r"аким(?:а|у|ом)?\b|аппарат|"
    r"управлени|департамент|departament|department|комитет|komitet|committee|баскарма|"
    r"basqarma|агентств|агенттиг|agency|инспекци|inspect|госорган|отдел|болим)"
    r"|государственн\w* орган|мемлекеттик орган"
    r"|\bм[а-я]{1,4} рк\b|\bкр [а-я]{2,5}м\b"
    r"|гидромет|hydromet"
    # international organisations' offices (ПРООН: UNDP; ОБСЕ: OSCE; РЭЦЦА: CAREC)
    r"|\b(?:undp|проон|osce|обсе|giz|carec|рэцца|unicef|юнисеф|usaid|unesco|юнеско|"
    r"world bank|всемирн\w* банк|oon|оон|un women|fao|unep|юнеп)\b")

# One who registers, brings or leads a group of learners ("Регистрирую группу учащихся",
# "Оқушылар тобын тіркеймін", "accompanying my pupils") is not one of them: with no other
# role named, the one who leads a school's or a college's group is its teacher. Learners
# counted as many (учащихся, оқушылар, students), so "регистрируюсь как студент" and
# "студент группы ИС-21" stay a student's answers.
_LEARNERS_RU = (r"(?:учащи[хем]ся|обучающи[хем]ся|учени(?:к(?:ов|и|ами)|ц(?:ы|ами)?)|"
                r"студент(?:ов|ы|ами)|школьник(?:ов|и|ами)|дет(?:ей|и|ьми)|"
                r"воспитанник(?:ов|и|ами))\b")
_LEARNERS_KK = r"(?:окушы|студент|билим алушы|бала|тарбиеленуши)(?:лар|лер|дар|дер|тар|тер)"
_LEARNERS_EN = r"(?:students|pupils|learners|children|kids|schoolchildren)\b"
_LEADS_LEARNERS = re.compile(
    rf"\b(?:групп|регистрир|записыва|сопровожда|привоз|привез|привож)\w*(?: \w+){{0,2}} "
    rf"{_LEARNERS_RU}|\b(?:с|со)(?: \w+){{0,2}} {_LEARNERS_RU}|\bсопровождающ"
    rf"|\b{_LEARNERS_KK}\w*(?: \w+)? (?:тоб|тирке|ертип|жетекши)"
    rf"|\b{_LEARNERS_KK}(?:ым|им|ымыз|имиз)?(?:мен|пен|бен)\b"
    rf"|\b(?:group|register|registering|accompany|accompanying|bring|bringing|with)"
    rf"(?: \w+){{0,2}} {_LEARNERS_EN}|\bchaperon|\bgroup leader")

_LEARNERS = re.compile(rf"\b(?:{_LEARNERS_RU}|{_LEARNERS_KK}\w*|{_LEARNERS_EN})")


def learners_named(text: str) -> str:
    """The word for learners counted as many in a question ("Если вы регистрируете группу
    учащихся...": "учащихся"), as roles read it, or "": whom a list of names holds, while
    the question as a whole is its teacher's (_LEADS_LEARNERS)."""
    found = _LEARNERS.search(_folded(text))
    return found.group(0) if found else ""


def leads_learners(text: str) -> bool:
    """Whether a role's answer is a teacher's who brings learners ("группа студентов",
    "оқушыларымен")."""
    return bool(_LEADS_LEARNERS.search(_folded(text)))


# A teacher who is also studying registers as a teacher: the job is what the organisers
# seat and certify by; among studies the higher degree wins.
ROLE_PRIORITY = ("teacher", "phd", "master", "student", "staff", "other")
# "student" beside "master" or "phd" only qualifies it (магистрант = студент магистратуры),
# unless they are offered as alternatives ("Обучающийся (студент/магистрант)", "студент или
# магистрант"): a choice naming both says only that the person learns there.
STUDY_LEVELS = frozenset({"master", "phd"})
_ALTERNATIVES = re.compile(r"\s*[/\\|]\s*|\s+(?:или|немесе|не|or)\s+", re.IGNORECASE)

# Stems this long also match with one typo; shorter ones (курс, учащ) would match too much.
MIN_FUZZY_STEM_LENGTH = 6

# Programme codes of Kazakhstan's classifier: 7M master's, 8D doctoral, 6B (and the older
# 5B) bachelor's. People type the letters in Cyrillic too.
CODE_PREFIX_ROLES = {"7M": "master", "8D": "phd", "6B": "student", "5B": "student"}
_CYRILLIC_CODE_LETTERS = str.maketrans("МВДмвд", "MBDMBD")

# Single letters in a row are an abbreviation written with dots or spaces: к.х.н., г.о.
_LETTER_RUN = re.compile(r"\b(?:[^\W\d_] ){1,4}[^\W\d_]\b")
_PH_D = re.compile(r"\bph d\b")
_PHRASES = {signal: re.compile("|".join(patterns)) for signal, patterns in PHRASES.items()}
# The whole answer "руководитель", "жетекші" (but at an NGO or a company): the supervisor
# a form offers beside "участник", a teacher with her pupils; a head of something says of
# what (руководитель отдела), and "жетекші ғылыми қызметкер" is a researcher.
_SUPERVISOR = re.compile(r"(?:руководител|жетекши)\w*")
_STEMS = {signal: tuple(fold(stem) for stem in stems) for signal, stems in STEMS.items()}
_EXCEPTIONS = {fold(stem): tuple(map(fold, words)) for stem, words in STEM_EXCEPTIONS.items()}
_WORD_SETS = {signal: frozenset(map(fold, words)) for signal, words in WORDS.items()}
_SKELETON_STEMS = {signal: tuple(latin_skeleton(stem) for stem in stems
                                 if re.search("[а-я]", stem))
                   for signal, stems in _STEMS.items()}


def normalize_roles(values: Sequence[str], specialty_codes: Sequence[str] | None = None,
                    institutions: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per input value with the columns in COLUMNS; each distinct input read once.

    specialty_codes, when given, runs beside values and is used only where the role is blank;
    institutions (the normalized institution names) beside values too: staff of an NGO or
    of a government body is "other" (institution_kind).
    """
    texts = [as_text(v) for v in values]
    codes = [as_text(c) for c in specialty_codes] if specialty_codes is not None else None
    # the code matters only where nothing was typed: elsewhere it would only make more keys
    blanked = ([code if not text else "" for text, code in zip(texts, codes, strict=True)]
               if codes is not None else [""] * len(texts))
    keys = list(zip(texts, blanked, _kinds(institutions, len(texts)), strict=True))
    return per_unique(keys, _normalize_one, COLUMNS, values)


def _kinds(institutions: Sequence[str] | None, length: int) -> list[str]:
    """institution_kind of each institution, each distinct name looked at once."""
    if institutions is None:
        return [""] * length
    codes, names = pd.factorize(np.asarray(institutions, dtype=object))
    kinds = np.array([institution_kind(as_text(name)) for name in names] + [""], dtype=object)
    return kinds[codes].tolist()  # a missing name (code -1) takes the last: ""


def institution_kind(name: str) -> str:
    """OUTSIDE (an NGO: a public association, a foundation, a society; a company; or a
    government body), HIGHER (a university: an institute or an academy may be a research
    one) or "" (a college, a school, unknown) from an institution's name, its kind read as
    institutions read it (shapes)."""
    shape = shape_of(name)
    if shape.level in _PLACES_OF_LEARNING:  # a university that is a joint-stock company too
        return HIGHER if "university" in shape.kinds else ""
    folded = plain_latin(fold(name))
    if shape.kinds & _OUTSIDE_KINDS or shape.firm or _SOCIETY.search(folded):
        return OUTSIDE
    # A school, university, centre or firm of a ministry or an akimat is that place, not the
    # body (КГУ «Средняя школа №12» отдела образования акимата): its kind says so.
    if not shape.kinds and _GOVERNMENT.search(folded):
        return OUTSIDE
    return ""


def _normalize_one(text: str, code: str, kind: str) -> tuple[str, str]:
    cleaned = clean_text(text)
    if not cleaned or cleaned.casefold() in NO_ANSWER:
        role, prefix = _role_from_code(code)
        if role:
            return role, f"{FROM_CODE}|{prefix}"
        return ("other", FROM_PLACE) if kind == OUTSIDE else ("", "")
    return _role_of(cleaned, kind)


# Read per distinct text and kind, not per (text, code) pair: a few dozen role texts come in
# as many pairs as there are programmes, and reading one tries every stem on every word.
@lru_cache(maxsize=8192)
def _role_of(cleaned: str, kind: str = "") -> tuple[str, str]:
    # a bare number up to a school's last class is a course's or a class's
    if cleaned.isdecimal() and 1 <= int(cleaned) <= LAST_CLASS:
        return "student", ""
    found = roles_in(cleaned, kind)
    if not found and study_year(cleaned).startswith("class:"):
        return "student", ""  # a school's class: "9 А", "10Ә", "11-Б", "7 Ә сынып"
    found = found or _roles_with_lost_letters(cleaned, kind)
    if (not found or "student" in found) and leads_learners(cleaned):
        found = (found - {"student"}) or {"teacher"}  # the learners named are others
    if not found:
        return "other", UNKNOWN
    role = next(r for r in ROLE_PRIORITY if r in found)
    if len(found) > 1:
        others = [r for r in ROLE_PRIORITY if r in found and r != role]
        return role, "|".join((SEVERAL, role, *others))
    return role, ""


# What a "?" a Windows-1251 file left for a Kazakh letter stood for, folded (ә ғ қ ң ө ұ ү һ).
_LOST_AS = "кугнаох"
_MAX_LOST = 3  # letters guessed in one answer: "О?ытушы", "М??алім"


def _roles_with_lost_letters(text: str, kind: str) -> set[str]:
    """The roles of the first spelling that names one, each "?" between letters read as a
    Kazakh letter a file lost ("О?ытушы": оқытушы, a teacher; "О?ушы": оқушы)."""
    spots = [i for run in LOST_LETTERS.finditer(text) for i in range(*run.span())]
    if not 0 < len(spots) <= _MAX_LOST:
        return set()
    spelled = list(text)
    for letters in itertools.product(_LOST_AS, repeat=len(spots)):
        for spot, letter in zip(spots, letters):
            spelled[spot] = letter
        if found := roles_in("".join(spelled), kind):
            return found
    return set()


# A surname beside two or three capital initials, after or before them ("Смирнова О.П.",
# "Г. М. Жақсылықова"): a person named.
_INITIALS = r"((?:[^\W\d_]\. ?){2,3})"
_SURNAME = r"([^\W\d_][\w'-]+)"
_NAMED_BY_INITIALS = (re.compile(_SURNAME + " " + _INITIALS + r"(?!\w)"),
                      re.compile(r"(?<!\w)" + _INITIALS + " ?" + _SURNAME))


def answers_a_role(text: str) -> bool:
    """Whether an answer says a role and names no one: "к.х.н. Смирнова О.П." in a list's
    column of supervisors names a teacher, not the participant's role (field test FD: a
    master's list's "Научный руководитель" was read as its students' roles)."""
    return bool(roles_in(text)) and not any(
        names[initials].replace(".", "").replace(" ", "").isupper() and names[surname].istitle()
        for (surname, initials), pattern in zip(((1, 2), (2, 1)), _NAMED_BY_INITIALS)
        for names in pattern.finditer(text))


def roles_in(text: str, kind: str = "") -> set[str]:
    """Every role the text names, read with its context (see the module docstring); `kind`
    is the institution's (institution_kind)."""
    said = set(signals_in(text))
    roles = {role for role in ROLES if role in said}
    # a profession mostly practised outside, in an office of a university's own, is its
    # staff ("инспектор деканата": field test FE)
    outside = kind == OUTSIDE or (OUTSIDE in said or PROJECT in said and kind != HIGHER) \
        and UNIVERSITY_OFFICE not in said
    if GRADUATE in said:
        # "выпускник бакалавриата": a bachelor's graduate, no student; "alumna, lecturer":
        # a lecturer
        roles = (roles - {"student", *STUDY_LEVELS}) or {"other"}
    if DEPARTMENT_HEAD in said:
        roles.add("staff" if outside else "teacher")
    if ASSISTANTSHIP in said and not roles & {"student", *STUDY_LEVELS} \
            and COURSE not in said:
        # "Master's student & teaching assistant", "TA, 2nd year" study: an assistantship
        # is a student's job (field test FB)
        roles.add("teacher")
    if RESEARCHER in said:
        # a university's research staff are of its academic staff, counted with its teachers
        # ("Преподаватель / научный сотрудник", one choice of a form: field test AG); an
        # institute's are its staff
        roles.add("teacher" if kind == HIGHER and not outside else "staff")
    if PHD_WORD in said:
        # PhD beside a title, or "доктор PhD", is a degree; alone it is PhD studies
        if roles & {"teacher", "staff"} or DOCTOR in said:
            said.add(DEGREE)
        else:
            roles.add("phd")
    if roles & STUDY_LEVELS:
        roles -= STUDY_LEVELS if _levels_as_alternatives(text) else {"student"}
    if outside and roles <= {"staff", "other"}:
        # сотрудник НПО, инженер-эколог of a company, бас маман of an NGO or of a ministry
        roles = {"other"}
    elif roles <= {"staff"} and _SUPERVISOR.fullmatch(_folded(text).strip()):
        roles = {"teacher"}
    if not roles and DEGREE in said:
        roles = {"teacher"}
    if not roles and (COURSE in said or _YEAR_IN_COLLEGE.fullmatch(_folded(text).strip())):
        roles = {"student"}
    return roles


# A student's year in an American college said alone ("Junior", "Senior"): no senior
# lecturer, no junior researcher (field test FB: eleven students were "other").
_YEAR_IN_COLLEGE = re.compile(r"(?:junior|senior)(?: (?:student|year))?")


def _levels_as_alternatives(text: str) -> bool:
    """Whether one of the text's alternatives names a student and another a study level."""
    parts = [signals_in(part) for part in _ALTERNATIVES.split(text)]
    return len(parts) > 1 and any("student" in part and not part & STUDY_LEVELS
                                  for part in parts) and any(part & STUDY_LEVELS
                                                             for part in parts)


@lru_cache(maxsize=8192)
def signals_in(text: str) -> frozenset[str]:
    """Every role and context the text names, before they are weighed (roles_in)."""
    folded = _folded(text)
    said: set[str] = set()
    for signal, pattern in _PHRASES.items():
        folded, found = pattern.subn(" ", folded)
        if found:
            said.add(signal)
    words = folded.split()
    for signal, stems in _STEMS.items():
        skeletons = _SKELETON_STEMS[signal]
        if any(_word_matches(word, stem) for word in words for stem in stems) or (
                skeletons and any(latin_skeleton(word).startswith(stems_skeleton)
                                  for word in words if _in_latin(word)
                                  for stems_skeleton in skeletons)):
            said.add(signal)
    said |= {signal for signal, known in _WORD_SETS.items() if known.intersection(words)}
    return frozenset(said)


def _folded(text: str) -> str:
    """The text as roles are read in: folded, plain Latin, abbreviations' letters joined, a
    word said not to be ("не ППС", "not faculty", "ППС емес") left out."""
    folded = _PH_D.sub("phd", _LETTER_RUN.sub(lambda m: m.group(0).replace(" ", ""),
                                              plain_latin(fold(text))))
    return _DENIED.sub(" ", folded)


# "не ППС", "not a teacher", "non-academic", "ППС емес": the word denied names no role.
_DENIED = re.compile(r"\b(?:не|not(?: an?)?|non)\s+\w+|\b\w+\s+емес\b")


def _in_latin(word: str) -> bool:
    """A word of Latin letters, Kazakh Latin's too (magıstrant, oqytýshy, muǵalim)."""
    return word.isascii() or not any("а" <= ch <= "я" for ch in word)


def _word_matches(word: str, stem: str) -> bool:
    if word.startswith(stem):
        return not word.startswith(_EXCEPTIONS.get(stem, ()))
    if len(stem) < MIN_FUZZY_STEM_LENGTH or len(word) < len(stem) - 1:
        return False
    # One typo: compare the stem with the word's beginning cut one shorter, equal or longer.
    return any(OSA.distance(word[:length], stem, score_cutoff=1) <= 1
               for length in (len(stem) - 1, len(stem), len(stem) + 1))


def _role_from_code(code: str) -> tuple[str, str]:
    prefix = clean_text(code).upper().translate(_CYRILLIC_CODE_LETTERS)[:2]
    return CODE_PREFIX_ROLES.get(prefix, ""), prefix
