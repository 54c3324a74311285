"""The same synthetic registrations (synth.py) in forms worded the many ways organizers word them.

A layout is one form and one organizer's list: its questions in Russian, Kazakh or English
(or none that mean anything: "Вопрос 3"), the name asked once or as surname / first name /
patronymic (with the usual slips: the whole name in the surname cell, "нет" or "-" for no
patronymic, first and last name swapped), questions in another order, extra questions (a
session, in person or online, consent, year of study), the role as a choice list, several
ways of writing the timestamp, and an e-mail list with №, dates, section titles, blank and
numbered-but-empty rows, and a second export pasted under the first.

The question wordings are written the way organizers write forms, not from regsync's
vocabulary. HELD_OUT_QUESTIONS were written after regsync's vocabulary was fixed and are
used only to measure it, never to tune it.

    uv run python benchmarks/synth.py --n 1000 --layout kk-split --out DIR
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

import pandas as pd

import synth

LANGUAGES = ("ru", "kk", "en")

# The questions of a form, as organizers word them: field -> language -> wordings.
QUESTIONS: dict[str, dict[str, list[str]]] = {
    "submitted_at": {
        "ru": ["Отметка времени", "Дата и время отправки", "Время заполнения формы",
               "Когда отправлено"],
        "kk": ["Уақыт белгісі", "Жіберілген уақыты", "Толтырған күні мен уақыты"],
        "en": ["Timestamp", "Submitted at", "Completion time", "Response time"],
    },
    "email": {
        "ru": ["Адрес электронной почты", "Ваш e-mail", "Электронная почта для рассылки",
               "Email (на него придёт сертификат)", "Почта"],
        "kk": ["Электрондық пошта", "E-mail мекенжайыңыз", "Электрондық поштаңыз (сертификат үшін)"],
        "en": ["Email address", "Your email", "E-mail for the certificate"],
    },
    "phone": {
        "ru": ["Номер телефона", "Контактный телефон", "Мобильный (WhatsApp)", "Телефон для связи"],
        "kk": ["Телефон нөмірі", "Байланыс телефоны", "Ұялы телефон (WhatsApp)"],
        "en": ["Phone number", "Mobile phone (WhatsApp)", "Contact number"],
    },
    "full_name": {
        "ru": ["ФИО", "Фамилия, имя, отчество (полностью)", "Ваши ФИО", "ФИО участника",
               "Как вас зовут?"],
        "kk": ["Аты-жөні", "Тегі, аты, әкесінің аты", "Толық аты-жөніңіз"],
        "en": ["Full name", "Your name", "Name and surname"],
    },
    "last_name": {
        "ru": ["Фамилия", "Ваша фамилия"], "kk": ["Тегі", "Тегіңіз"],
        "en": ["Last name", "Surname", "Family name"],
    },
    "first_name": {
        "ru": ["Имя", "Ваше имя"], "kk": ["Аты", "Атыңыз"], "en": ["First name", "Given name"],
    },
    "middle_name": {
        "ru": ["Отчество", "Отчество (при наличии)"], "kk": ["Әкесінің аты", "Әкесінің аты (бар болса)"],
        "en": ["Middle name", "Patronymic (if any)"],
    },
    "institution": {
        "ru": ["Учебное заведение", "Место учёбы / работы", "Название вуза или организации",
               "Организация"],
        "kk": ["Оқу орны", "Жұмыс немесе оқу орны", "Ұйымның толық атауы"],
        "en": ["Institution", "University / organisation", "Affiliation"],
    },
    "specialty": {
        "ru": ["Специальность", "Образовательная программа (шифр и название)",
               "Направление подготовки", "Специальность / ОП"],
        "kk": ["Мамандық", "Білім беру бағдарламасы", "Мамандығыңыз"],
        "en": ["Major", "Study programme", "Field of study"],
    },
    "role": {
        "ru": ["Статус", "Кем вы являетесь?", "Должность / статус", "Вы студент или преподаватель?",
               "Категория участника"],
        "kk": ["Мәртебеңіз", "Сіз кімсіз?", "Лауазымы / мәртебесі"],
        "en": ["Role", "Are you a student or a teacher?", "Position", "Status"],
    },
    "city": {
        "ru": ["Город", "Город проживания", "Из какого вы города?", "Населённый пункт"],
        "kk": ["Қала", "Қалаңыз", "Тұратын қалаңыз"],
        "en": ["City", "City / town", "Where are you based?"],
    },
}

# Written after regsync's vocabulary was fixed, to measure it on wordings it never saw: the
# first ones before any measurement, HELD_OUT_LATER after the one change that led to.
_HELD_OUT_FIRST: dict[str, dict[str, list[str]]] = {
    "submitted_at": {"ru": ["Дата/время ответа", "Время ответа"], "kk": ["Жауап уақыты"],
                     "en": ["Date submitted", "Time of response"]},
    "email": {"ru": ["Е-мейл", "Email для обратной связи", "Ваша почта (gmail, mail.ru)"],
              "kk": ["Пошта мекенжайы"], "en": ["E-mail address for updates", "Mail"]},
    "phone": {"ru": ["Мобильный телефон", "Телефон (с кодом)", "Ватсап"], "kk": ["Телефоныңыз"],
              "en": ["Mobile number", "Telephone"]},
    "full_name": {"ru": ["Фамилия и имя участника", "Полное имя"],
                  "kk": ["Қатысушының аты-жөні", "Аты-жөніңіз (куәлік үшін)"],
                  "en": ["Participant's full name", "Name (as on certificate)"]},
    "last_name": {"ru": ["Фамилия участника"], "kk": ["Тегіңізді жазыңыз"],
                  "en": ["Surname (family name)"]},
    "first_name": {"ru": ["Имя участника"], "kk": ["Есіміңіз"], "en": ["First (given) name"]},
    "middle_name": {"ru": ["Отчество участника"], "kk": ["Әкеңіздің аты"],
                    "en": ["Father's name / patronymic"]},
    "institution": {"ru": ["Вуз / колледж / организация", "Где вы учитесь или работаете?"],
                    "kk": ["Оқитын немесе жұмыс істейтін жеріңіз"],
                    "en": ["Where do you study or work?", "School / university"]},
    "specialty": {"ru": ["Ваша специальность (код и название ОП)", "Профиль обучения"],
                  "kk": ["Оқу бағдарламаңыз"], "en": ["Your major or programme", "Degree programme"]},
    "role": {"ru": ["Вы являетесь", "Укажите, кто вы: студент, магистрант, ППС"],
             "kk": ["Мәртебеңізді таңдаңыз"], "en": ["Which describes you?", "Your position"]},
    "city": {"ru": ["Ваш город", "Город / регион"], "kk": ["Қай қаладансыз?"],
             "en": ["Hometown", "Your city"]},
}
HELD_OUT_LATER: dict[str, dict[str, str]] = {
    "submitted_at": {"ru": "Дата подачи", "kk": "Тіркелу уақыты", "en": "Date & time"},
    "email": {"ru": "Ваш электронный ящик", "kk": "Email поштаңыз", "en": "Contact e-mail"},
    "phone": {"ru": "Сотовый", "kk": "Байланыс нөміріңіз", "en": "WhatsApp number"},
    "full_name": {"ru": "Фамилия Имя (как в удостоверении)", "kk": "Аты-жөні (толық)",
                  "en": "Your full name (Surname Name)"},
    "last_name": {"ru": "Фамилия (на русском)", "kk": "Тек", "en": "Family name / surname"},
    "first_name": {"ru": "Имя (полностью)", "kk": "Өз атыңыз", "en": "Given name(s)"},
    "middle_name": {"ru": "Отчество (если есть)", "kk": "Әкесінің есімі",
                    "en": "Middle name (optional)"},
    "institution": {"ru": "Название учебного заведения / места работы",
                    "kk": "Университет / колледж", "en": "Name of your institution"},
    "specialty": {"ru": "Специальность (шифр)", "kk": "Мамандығы (коды)", "en": "Programme of study"},
    "role": {"ru": "Ваша роль на конференции", "kk": "Сіз студентсіз бе, оқытушысыз ба?",
             "en": "Are you a student, researcher or staff?"},
    "city": {"ru": "Населенный пункт (город/село)", "kk": "Қала / ауыл", "en": "Town or city"},
}
HELD_OUT_QUESTIONS = {field: {language: [*wordings, HELD_OUT_LATER[field][language]]
                             for language, wordings in by_language.items()}
                      for field, by_language in _HELD_OUT_FIRST.items()}

# Questions that are no canonical field, with the answers they get.
EXTRA_QUESTIONS: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "session": {
        "ru": (["Секция", "Выберите секцию"], ["Секция 1. Переработка пластика",
                                               "Секция 2. Микропластик", "Секция 3. Экополитика"]),
        "kk": (["Секция", "Секцияны таңдаңыз"], ["1-секция. Пластикті қайта өңдеу",
                                                 "2-секция. Микропластик", "3-секция. Экосаясат"]),
        "en": (["Session", "Which session will you attend?"], ["Session A: Recycling",
                                                               "Session B: Microplastics",
                                                               "Session C: Policy"]),
    },
    "format": {
        "ru": (["Формат участия", "Как будете участвовать?"], ["Очно", "Онлайн", "Заочно"]),
        "kk": (["Қатысу форматы", "Қалай қатысасыз?"], ["Бетпе-бет", "Онлайн", "Сырттай"]),
        "en": (["Attendance", "In person or online?"], ["In person", "Online"]),
    },
    "consent": {
        "ru": (["Согласие на обработку персональных данных"], ["Согласен(на)", "Да"]),
        "kk": (["Дербес деректерді өңдеуге келісім"], ["Келісемін", "Иә"]),
        "en": (["I agree to the processing of my personal data"], ["I agree", "Yes"]),
    },
    "course": {
        # {c}: the person's year, the same in each of their registrations
        "ru": (["Курс", "Курс обучения (для студентов)"], ["{c}", "{c}", "{c} курс", ""]),
        "kk": (["Курс", "Оқу курсы"], ["{c}", "{c}", "{c} курс", ""]),
        "en": (["Year of study", "Year (students only)"], ["{c}", "{c}", "{c} year", ""]),
    },
    "topic": {
        "ru": (["Тема доклада (если есть)", "Название доклада"], []),
        "kk": (["Баяндама тақырыбы", "Баяндаманың атауы (бар болса)"], []),
        "en": (["Talk title (if presenting)", "Presentation title"], []),
    },
}

# The role as a choice list in the form's language: what a dropdown gives.
ROLE_CHOICES = {
    "ru": {"student": "Студент", "master": "Магистрант", "phd": "Докторант PhD",
           "teacher": "Преподаватель", "staff": "Сотрудник", "other": "Другое"},
    "kk": {"student": "Студент", "master": "Магистрант", "phd": "PhD докторант",
           "teacher": "Оқытушы", "staff": "Қызметкер", "other": "Басқа"},
    "en": {"student": "Student", "master": "Master's student", "phd": "PhD student",
           "teacher": "Teacher / lecturer", "staff": "Staff", "other": "Other"},
}

# The organizers' own list: its columns as they head them.
LIST_HEADERS: dict[str, dict[str, list[str]]] = {
    "row_number": {"ru": ["№", "№ п/п"], "kk": ["№", "Р/с"], "en": ["#", "No."]},
    "submitted_at": {"ru": ["Дата", "Дата письма"], "kk": ["Күні", "Хат келген күні"],
                     "en": ["Date", "Date received"]},
    "full_name": {"ru": ["ФИО", "Ф.И.О."], "kk": ["Аты-жөні", "Толық аты-жөні"],
                  "en": ["Name", "Participant"]},
    "email": {"ru": ["Почта", "E-mail"], "kk": ["Пошта", "E-mail"], "en": ["Email", "E-mail"]},
    "phone": {"ru": ["Телефон", "Тел."], "kk": ["Телефон", "Тел."], "en": ["Phone", "Tel."]},
    "institution": {"ru": ["Организация", "ВУЗ"], "kk": ["Ұйым", "Оқу орны"],
                    "en": ["Organisation", "University"]},
    "role": {"ru": ["Статус", "Должность"], "kk": ["Мәртебесі", "Лауазымы"],
             "en": ["Status", "Position"]},
    "specialty": {"ru": ["Специальность", "ОП"], "kk": ["Мамандығы", "Мамандық"],
                  "en": ["Major", "Programme"]},
    "note": {"ru": ["Примечание", "Комментарий"], "kk": ["Ескерту", "Түсініктеме"],
             "en": ["Notes", "Comment"]},
}
# Headings organizers type between parts of their list; {d} is a day and month.
LIST_TITLES = {
    "ru": ["Письма после {d}", "Пришли {d}", "ОНЛАЙН-УЧАСТНИКИ (с {d})", "Вторая волна — {d}"],
    "kk": ["{d} кейін келген хаттар", "{d} бастап", "Екінші толқын ({d})"],
    "en": ["Received after {d}", "From {d}:", "Second batch ({d})"],
}
# Questions that say nothing: what a form left "Untitled" or an export without headers has.
MEANINGLESS = {"ru": "Вопрос {i}", "kk": "Сұрақ {i}", "en": "Untitled question {i}"}
# A form with sections asks the name once in the learners' section and once in the others'
# (Google Sheets gives each its column): the questions of the two, per language.
BRANCH_NAMES = {
    "ru": (("ФИО студента", "ФИО обучающегося"), ("ФИО преподавателя / сотрудника", "ФИО педагога")),
    "kk": (("Студенттің аты-жөні", "Білім алушының аты-жөні"), ("Оқытушының аты-жөні", "Педагогтің аты-жөні")),
    "en": (("Student's full name", "Full name (students)"), ("Teacher's or staff member's full name",
                                                            "Full name (teachers and staff)")),
}
LEARNERS = ("student", "master", "phd")

NAME_PARTS = ("last_name", "first_name", "middle_name")
FORM_FIELDS = ("email", "phone", "institution", "specialty", "role", "city")
# Slips in a split name, per row: whole name in the surname cell; first and last swapped.
WHOLE_NAME_IN_SURNAME = 0.03
SWAPPED_NAME = 0.03
NO_PATRONYMIC_WRITTEN = ("нет", "-", "отсутствует", "жоқ", "—")
# One form submission in this many is sent empty (only its timestamp).
EMPTY_SUBMISSION_EVERY = 150
# The organizers' list: a heading every this many people, a blank line now and then.
TITLE_EVERY = (12, 25)
BLANK_LINE_SHARE = 0.04
NUMBERED_EMPTY_ROWS = 2  # rows the organizer numbered ahead and left empty


@dataclass(frozen=True)
class Layout:
    name: str
    language: str
    split_name: bool = False
    held_out: bool = False  # words the questions with HELD_OUT_QUESTIONS
    meaningless: bool = False  # every question a meaningless "Вопрос N"
    role_choices: bool = False  # the role from a choice list in the form's language
    timestamp: str = "forms"  # forms (Google CSV), dotted (a ru sheet), iso, us (m/d/y)
    concatenated: bool = False  # the e-mail list is two exports, the second with its header
    branches: bool = False  # a form with sections: learners' names asked apart from the rest


def standard_layouts(held_out: bool = False) -> list[Layout]:
    """The layouts every test and accuracy run goes through: each language, single and
    split names, choice lists, the timestamp written four ways, a form with sections,
    meaningless questions."""
    layouts = [
        Layout("ru-single", "ru", timestamp="dotted", concatenated=True),
        Layout("ru-split", "ru", split_name=True, role_choices=True),
        Layout("kk-single", "kk", timestamp="iso"),
        Layout("kk-split", "kk", split_name=True, concatenated=True),
        Layout("en-single", "en", role_choices=True, timestamp="us"),
        Layout("en-split", "en", split_name=True, timestamp="iso"),
        Layout("kk-branches", "kk", branches=True, timestamp="dotted"),
        Layout("ru-meaningless", "ru", meaningless=True),
        Layout("en-meaningless", "en", meaningless=True, split_name=True, timestamp="us"),
    ]
    if held_out:
        layouts = [replace(layout, name=layout.name + "-held-out", held_out=True)
                   for layout in layouts if not layout.meaningless]
    return layouts


def generate_layout(n: int, seed: int, layout: Layout, duplicate_share: float = 0.2
                    ) -> synth.Synthetic:
    """synth.generate's people and answers, in this layout's form and list."""
    answers = synth.make_answers(n, seed, duplicate_share)
    rng = random.Random(f"{seed}:{layout.name}")  # the people's own stream is left as it was
    form = sorted((a for a in answers if a.source == synth.FORM_SOURCE), key=lambda a: a.seconds)
    emails = sorted((a for a in answers if a.source == synth.EMAIL_SOURCE), key=lambda a: a.seconds)
    form_header, form_fields, form_rows, form_numbers, form_empty = _form(form, layout, rng)
    list_header, list_fields, list_rows, list_numbers, list_not_people = _email_list(
        emails, layout, rng)
    truth = _truth([(synth.FORM_SOURCE, form, form_numbers),
                    (synth.EMAIL_SOURCE, emails, list_numbers)])
    not_people = tuple([(synth.FORM_SOURCE, n, "not_person.blank") for n in form_empty]
                       + list_not_people)
    return synth.Synthetic(form_header, form_rows, list_header, list_rows, truth,
                           {synth.FORM_SOURCE: form_fields, synth.EMAIL_SOURCE: list_fields},
                           not_people)


# --- the form ---------------------------------------------------------------------------------

def _wordings(field: str, layout: Layout) -> list[str]:
    pool = HELD_OUT_QUESTIONS if layout.held_out else QUESTIONS
    return pool[field][layout.language]


def _form(answers: list, layout: Layout, rng: random.Random):
    """(header, {header: field}, rows, the row number of each answer, empty rows' numbers)."""
    name_slots = (list(NAME_PARTS) if layout.split_name
                  else ["full_name", "full_name_others"] if layout.branches else ["full_name"])
    if layout.split_name and rng.random() < 0.3:
        name_slots[:2] = ["first_name", "last_name"]  # some forms ask the first name first
    extras = rng.sample(sorted(EXTRA_QUESTIONS), k=rng.randint(2, len(EXTRA_QUESTIONS)))
    blocks = [name_slots, *[[f] for f in FORM_FIELDS], *[[e] for e in extras]]
    rng.shuffle(blocks)
    slots = ["submitted_at"] + [slot for block in blocks for slot in block]
    header, fields = [], {}
    for number, slot in enumerate(slots, start=1):
        if layout.meaningless:
            text = MEANINGLESS[layout.language].format(i=number)
        elif layout.branches and slot.startswith("full_name"):
            text = rng.choice(BRANCH_NAMES[layout.language][slot != "full_name"])
        elif slot in EXTRA_QUESTIONS:
            text = rng.choice(EXTRA_QUESTIONS[slot][layout.language][0])
        else:
            text = rng.choice(_wordings(slot, layout))
        header.append(text)
        if slot not in EXTRA_QUESTIONS:
            fields[text] = "full_name" if slot == "full_name_others" else slot
    rows, numbers, empty = [], [], []
    for position, answer in enumerate(answers):
        if position and position % EMPTY_SUBMISSION_EVERY == 0:
            empty.append(len(rows) + 2)
            rows.append([_time(answer.seconds - 1, layout.timestamp)] + [""] * (len(slots) - 1))
        numbers.append(len(rows) + 2)
        rows.append(_form_cells(answer, slots, layout, rng))
    return header, fields, rows, numbers, empty


def _form_cells(answer, slots: list[str], layout: Layout, rng: random.Random) -> list[str]:
    # the classic form's cells: time, e-mail, name, phone, institution, specialty, role, city,
    # course, format, topic (synth.FORM_HEADER)
    cells = answer.cells
    p = answer.person
    by_slot = {"submitted_at": _time(answer.seconds, layout.timestamp), "email": cells[1],
               "full_name": cells[2], "phone": cells[3], "institution": cells[4],
               "specialty": cells[5], "role": cells[6], "city": cells[7]}
    if layout.role_choices:
        by_slot["role"] = ROLE_CHOICES[layout.language][p.role]
    if layout.split_name:
        by_slot.update(_split_name(p, rng))
    if layout.branches:  # each answers the name in their own section, the other left blank
        learner = p.role in LEARNERS
        by_slot["full_name_others"] = "" if learner else by_slot["full_name"]
        by_slot["full_name"] = by_slot["full_name"] if learner else ""
    for extra, by_language in EXTRA_QUESTIONS.items():
        if extra == "topic":
            by_slot[extra] = cells[10]
        elif extra == "course" and p.role not in ("student", "master", "phd"):
            by_slot[extra] = ""
        else:
            by_slot[extra] = rng.choice(by_language[layout.language][1]).format(c=p.year)
    return [by_slot[slot] for slot in slots]


def _split_name(p, rng: random.Random) -> dict[str, str]:
    kazakh_letters = rng.random() < 0.35
    pick = 0 if kazakh_letters else 1
    last, first = p.last[pick], p.first[pick]
    middle = p.patronymic[pick] if p.patronymic else ""
    case = rng.random()
    cased = str.upper if case < 0.05 else str.lower if case < 0.08 else (lambda s: s)
    if not middle and rng.random() < 0.5:
        middle_cell = rng.choice(NO_PATRONYMIC_WRITTEN)
    else:
        middle_cell = cased(middle)
    slip = rng.random()
    if slip < WHOLE_NAME_IN_SURNAME:
        whole = " ".join(x for x in (last, first, middle) if x)
        return {"last_name": cased(whole), "first_name": "", "middle_name": ""}
    if slip < WHOLE_NAME_IN_SURNAME + SWAPPED_NAME:
        last, first = first, last
    return {"last_name": cased(last), "first_name": cased(first), "middle_name": middle_cell}


def _time(seconds: int, style: str) -> str:
    if style == "forms":
        return synth._form_time(seconds)
    t = synth.WINDOW_START + dt.timedelta(seconds=seconds)
    if style == "dotted":
        return t.strftime("%d.%m.%Y %H:%M:%S")
    if style == "us":
        return f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}"
    return t.strftime("%Y-%m-%d %H:%M:%S")


# --- the organizers' list ---------------------------------------------------------------------

LIST_SLOTS = ("row_number", "submitted_at", "full_name", "email", "phone", "institution", "role",
              "specialty", "note")


def _email_list(answers: list, layout: Layout, rng: random.Random):
    """(header, {header: field}, rows, each answer's row number, not-people rows)."""
    lang = layout.language
    slots = list(LIST_SLOTS)
    if rng.random() < 0.5:  # many lists put the name before the date
        slots[1], slots[2] = slots[2], slots[1]
    header = [rng.choice(LIST_HEADERS[slot][lang]) for slot in slots]
    fields = {h: s for h, s in zip(header, slots) if s != "note"}
    if layout.meaningless:
        header = [MEANINGLESS[lang].format(i=i) for i in range(1, len(slots) + 1)]
        fields = {h: s for h, s in zip(header, slots) if s != "note"}
    rows: list[list[str]] = []
    numbers, not_people = [], []
    next_title = rng.randint(*TITLE_EVERY)
    paste_at = len(answers) * 3 // 5 if layout.concatenated and len(answers) > 10 else None
    for count, answer in enumerate(answers, start=1):
        if count == paste_at:  # the second export, pasted with its own header row
            not_people.append((synth.EMAIL_SOURCE, len(rows) + 2, "not_person.header"))
            rows.append(["\ufeff" + header[0], *header[1:]])
        if count == next_title:
            next_title += rng.randint(*TITLE_EVERY)
            title = rng.choice(LIST_TITLES[lang]).format(d=_day_month(answer.seconds))
            cells = [""] * len(slots)
            cells[rng.choice([0, slots.index("full_name")])] = title
            not_people.append((synth.EMAIL_SOURCE, len(rows) + 2, "not_person.title"))
            rows.append(cells)
        if rng.random() < BLANK_LINE_SHARE:
            rows.append([])  # a blank line: not a row at all to a reader
        numbers.append(len(rows) + 2)
        rows.append(_list_cells(answer, slots, count))
    for extra in range(NUMBERED_EMPTY_ROWS):
        not_people.append((synth.EMAIL_SOURCE, len(rows) + 2, "not_person.blank"))
        rows.append([str(len(answers) + extra + 1)] + [""] * (len(slots) - 1))
    return header, fields, rows, numbers, not_people


def _list_cells(answer, slots: list[str], number: int) -> list[str]:
    # the classic list's cells: date, name, e-mail, phone, institution, role, specialty, note
    cells = answer.cells
    by_slot = {"row_number": str(number), "submitted_at": cells[0], "full_name": cells[1],
               "email": cells[2], "phone": cells[3], "institution": cells[4], "role": cells[5],
               "specialty": cells[6], "note": cells[7]}
    return [by_slot[slot] for slot in slots]


def _day_month(seconds: int) -> str:
    t = synth.WINDOW_START + dt.timedelta(seconds=seconds)
    return f"{t.day:02d}.{t.month:02d}"


def _truth(parts) -> pd.DataFrame:
    truth: dict[str, list] = {c: [] for c in synth.TRUTH_COLUMNS}
    for source, answers, numbers in parts:
        for answer, number in zip(answers, numbers):
            row = synth.truth_row(answer)
            truth["source"].append(source)
            truth["source_row"].append(number)
            for column, value in row.items():
                truth[column].append(value)
    frame = pd.DataFrame(truth)
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame
