"""Synthetic PlastNet registrations with the truth behind them, to measure regsync against.

Makes what the organizers really get: the Google Form's "Download responses (.csv)" and the
e-mail list they keep in Excel, with names, institutions, specialties, roles and phones
typed the many ways people type them, plus resubmissions, form + e-mail copies and double
clicks. The truth says which person, institution, specialty and role each row really is.

The spelling lists below are written from how people in Kazakhstan type these things, on
purpose independent of sync/normalize/data, so the measurement stays honest. Every person
is invented.

    uv run python benchmarks/synth.py --n 1000 --seed 1 --out DIR
    uv run python benchmarks/synth.py --n 1000 --layout kk-split --out DIR   (layouts.py)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import pandas as pd

FORM_HEADER = [
    "Отметка времени", "Адрес электронной почты", "ФИО", "Номер телефона", "Учебное заведение",
    "Специальность / образовательная программа",
    "Статус (студент, магистрант, преподаватель и т.д.)", "Город", "Курс", "Формат участия",
    "Тема доклада (если есть)",
]
EMAIL_HEADER = ["Дата", "ФИО", "E-mail", "Телефон", "Организация", "Должность / статус",
                "Специальность", "Примечание"]
TRUTH_COLUMNS = ["source", "source_row", "person_id", "institution_id", "specialty_id", "role",
                 "phone_e164"]
FORM_SOURCE, EMAIL_SOURCE = "form", "email"
# Institution ids with this prefix are small places no directory lists (a school, a firm).
SMALL_PREFIX = "small-"

# Registration opened on 22 Sep 2025 and ran six weeks; Kazakhstan is UTC+5 all year.
WINDOW_START = dt.datetime(2025, 9, 22)
WINDOW_DAYS = 6 * 7
WINDOW_SECONDS = WINDOW_DAYS * 24 * 3600
# Relative activity by hour of day (local): people register in the day and evening.
_HOUR_CUM = list(accumulate([0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 1, 2, 4, 5, 5, 4, 4, 5, 5, 4, 3,
                             3, 3, 3, 2, 1.5, 0.8]))
KZ_OFFSET_HOURS = 5
# About one person in ten writes to the organizers instead of filling in the form.
EMAIL_LIST_SHARE = 0.10
# How duplicates arise: a second form submission, a copy in the e-mail list, a double click.
DUPLICATE_KINDS = (("resubmit", 0.5), ("cross_source", 0.3), ("identical", 0.2))
# Shares of people who fall into the traps a deduplicator must not fall into.
TEACHER_REGISTERS_STUDENTS = 0.25  # of teachers: sends 1-4 students from own e-mail/phone
SIBLING_SHARE = 0.02  # shares a phone with a relative registered earlier
NAMESAKE_SHARE = 0.02  # same first and last name as someone at another institution
FEMALE_SHARE = 0.6  # environmental and chemistry programmes have more women than men
PATRONYMIC_SHARE = 0.7  # people who have one; younger Kazakhs often go without


# --- people -----------------------------------------------------------------------------

def _pairs(text: str) -> list[tuple[str, str]]:
    """'Әсел/Асель Дана' -> [('Әсел', 'Асель'), ('Дана', 'Дана')]: Kazakh and Russian spellings."""
    return [tuple(w.split("/")) if "/" in w else (w, w) for w in text.split()]


_KAZAKH_FATHERS = _pairs("Нұрлан/Нурлан Серік/Серик Қайрат/Кайрат Ерлан Болат Марат Бақыт/Бахыт "
                         "Ғалым/Галым Асқар/Аскар Мұрат/Мурат Жандос Берік/Берик Талғат/Талгат "
                         "Ержан Қанат/Канат Дәулет/Даулет")
_RUSSIAN_FATHERS = _pairs("Александр Сергей Виктор Владимир Николай Андрей Игорь Юрий Олег "
                          "Михаил Геннадий Валерий")
# (weight, male first names, female first names, surnames, fathers, Kazakh-style patronymic)
ETHNIC_GROUPS = {
    "kazakh": (0.65,
               _pairs("Нұрлан/Нурлан Дәурен/Даурен Ғалым/Галым Қайрат/Кайрат Данияр Ерасыл "
                      "Әлихан/Алихан Бауыржан Нұрсұлтан/Нурсултан Арман Асқар/Аскар Ерлан "
                      "Ернұр/Ернур Бекзат Темірлан/Темирлан Жәнібек/Жанибек Самат Айбек "
                      "Ерболат Нұрдәулет/Нурдаулет Алмас Дархан"),
               _pairs("Әсел/Асель Айгерім/Айгерим Сәуле/Сауле Гүлнар/Гульнар Мөлдір/Молдир "
                      "Аружан Ақбота/Акбота Іңкәр/Инкар Толғанай/Толганай Айдана Жансая "
                      "Мадина Дина Айару Томирис Ұлжан/Улжан Назерке Балжан Динара "
                      "Әйгерім/Айгерим Гүлмира/Гульмира Жанар Ләззат/Лаззат Сымбат"),
               _pairs("Смағұлов/Смагулов Нұрланов/Нурланов Омаров Серікбаев/Серикбаев "
                      "Жұмабаев/Жумабаев Ахметов Байжанов Тұрсынов/Турсынов Қасымов/Касымов "
                      "Әбенов/Абенов Есенов Мұқанов/Муканов Бекенов Ержанов Сейітқали/Сейткали "
                      "Оспанов Құдайбергенов/Кудайбергенов Төлеуов/Толеуов Исабеков "
                      "Сәрсенбаев/Сарсенбаев Әлімжанов/Алимжанов Жақсылықов/Жаксылыков "
                      "Ермеков Тоқтаров/Токтаров Сұлтанбек/Султанбек Мұхамеджанов/Мухамеджанов "
                      "Дүйсенов/Дюсенов Ибраев Қалиев/Калиев Нұрпейісов/Нурпеисов"),
               _KAZAKH_FATHERS, True),
    "russian": (0.20,
                _pairs("Александр Дмитрий Сергей Андрей Максим Артём/Артем Илья Никита Иван "
                       "Кирилл Денис Евгений"),
                _pairs("Анна Екатерина Мария Ольга Дарья Виктория Елена Юлия Наталья Ксения "
                       "Алёна/Алена Полина"),
                _pairs("Иванов Петров Смирнов Кузнецов Попов Соколов Волков Лебедев Козлов "
                       "Новиков Морозов Павлов Богданов Фёдоров/Федоров Белов Ковальский"),
                _RUSSIAN_FATHERS, False),
    "korean": (0.03, _pairs("Виктор Александр Владислав Артур Эдуард"),
               _pairs("Ирина Светлана Анжелика Кристина Алина"),
               _pairs("Ким Пак Ли Цой Тен Хан Югай Шин"), _RUSSIAN_FATHERS, False),
    "tatar": (0.04, _pairs("Ринат Рустам Ильдар Тимур Марсель"),
              _pairs("Альфия Гульнара Диляра Алсу Лейсан"),
              _pairs("Хайруллин Сафин Галиев Валиев Ахметшин Зарипов"),
              _pairs("Ринат Рустам Ильдар Фарид Рашит"), False),
    "uzbek": (0.03, _pairs("Шерзод Бахтиёр Улугбек Азиз Жасур"),
              _pairs("Дилноза Нодира Гулноза Малика Шахноза"),
              _pairs("Юсупов Рахимов Каримов Абдуллаев Мирзаев Умаров"),
              _pairs("Бахтиёр Азиз Рустам Анвар"), False),
    "uighur": (0.03, _pairs("Адиль Ильяр Дильмурат Ерлан Шахмардан"),
               _pairs("Дильназ Зульфия Гульмира Рената Мадина"),
               _pairs("Исмаилов Турдиев Масимов Кадыров Ахмедов Хасанов"),
               _pairs("Адиль Кахарман Рашид Абдугали"), False),
    "german": (0.02, _pairs("Роберт Виктор Андрей Александр Евгений"),
               _pairs("Эрика Ирина Наталья Ольга Анна"),
               _pairs("Шмидт Миллер Вебер Фишер Келлер Гартман Шнайдер Рихтер"),
               _RUSSIAN_FATHERS, False),
}
_GROUP_NAMES = list(ETHNIC_GROUPS)
_GROUP_CUM = list(accumulate(ETHNIC_GROUPS[g][0] for g in _GROUP_NAMES))

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g",
    "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}
# The second common way: "Aygerim", "Yerlan", "Khasanov" vs "Hasanov".
_TRANSLIT_ALT = _TRANSLIT | {"й": "y", "х": "h", "ә": "ae", "ө": "oe", "ү": "ue"}
# Latin letters that look like Cyrillic ones: typed by a keyboard switched half-way.
_LOOKALIKE = {"а": "a", "о": "o", "е": "e", "с": "c", "р": "p", "х": "x", "у": "y",
              "А": "A", "О": "O", "Е": "E", "С": "C", "Р": "P", "Т": "T", "К": "K", "М": "M"}


def translit(text: str, alt: bool = False) -> str:
    table = _TRANSLIT_ALT if alt else _TRANSLIT
    out = []
    for ch in text:
        low = ch.lower()
        latin = table.get(low, ch)
        out.append(latin.capitalize() if ch != low else latin)
    return "".join(out)


def _female(surname: str) -> str:
    if surname.endswith("ский"):
        return surname[:-2] + "ая"
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname


def _patronymic(father: tuple[str, str], female: bool, kazakh_style: bool) -> tuple[str, str]:
    kk, ru = father
    if kazakh_style:
        suffix = "қызы" if female else "ұлы"
        return kk + suffix, ru + ("кызы" if female else "улы")
    if ru.endswith("ий"):  # Юрий -> Юрьевич
        stem, ending = ru[:-2] + "ь", ("евна" if female else "евич")
    elif ru.endswith("й"):  # Сергей -> Сергеевич
        stem, ending = ru[:-1], ("евна" if female else "евич")
    else:
        stem, ending = ru, ("овна" if female else "ович")
    return stem + ending, stem + ending


# --- institutions -------------------------------------------------------------------------

# (id, kind, city, e-mail domain or "", spellings people type). Kind decides the roles.
INSTITUTIONS: list[tuple[str, str, str, str, list[str]]] = [
    ("kaznu", "uni", "almaty", "live.kaznu.kz", [
        "КазНУ им. аль-Фараби", "Казахский национальный университет им. аль-Фараби",
        "НАО «Казахский национальный университет имени аль-Фараби»", "КазНУ", "ҚазҰУ", "KazNU",
        "Әл-Фараби атындағы Қазақ ұлттық университеті", "Al-Farabi Kazakh National University",
        "казну им аль фараби", "КазНУ им.аль-Фараби, г. Алматы", "КАЗНУ",
        "Казахский Национальный Универститет им. Аль-Фараби", "КазНУ имени Аль-Фараби"]),
    ("enu", "uni", "astana", "enu.kz", [
        "ЕНУ им. Л.Н. Гумилева", "ЕНУ", "ЕНУ им. Гумилёва",
        "Евразийский национальный университет имени Л.Н. Гумилева",
        "НАО «Евразийский национальный университет им. Л.Н. Гумилева»", "ЕҰУ",
        "Л.Н. Гумилев атындағы Еуразия ұлттық университеті", "ENU",
        "L.N. Gumilyov Eurasian National University", "Евразийский нац. университет",
        "ЕНУ, г. Астана", "Евразийский Национальный Университет им.Гумилева"]),
    ("satbayev", "uni", "almaty", "stud.satbayev.university", [
        "Satbayev University", "Сатпаев Университет", "КазНИТУ им. К.И. Сатпаева", "КазНТУ",
        "КазНТУ им. Сатпаева",
        "Казахский национальный исследовательский технический университет имени К.И. Сатпаева",
        "НАО «Казахский национальный исследовательский технический университет имени К.И.Сатпаева»",
        "Сәтбаев университеті", "Сатбаев университет", "КазНИТУ", "satbayev university, Алматы",
        "Satpayev University"]),
    ("karu", "uni", "karaganda", "buketov.edu.kz", [
        "Карагандинский университет им. Е.А. Букетова", "КарУ им. Букетова", "КарГУ",
        "КарГУ им. Букетова", "Карагандинский государственный университет имени академика Е.А. Букетова",
        "Buketov University", "Е.А. Бөкетов атындағы Қарағанды университеті",
        "НАО «Карагандинский университет имени академика Е.А. Букетова»", "КарУ",
        "Карагандинский университет Букетова", "Карагандинский Университет им. Букетова, г. Караганда"]),
    ("toraighyrov", "uni", "pavlodar", "tou.edu.kz", [
        "Торайгыров университет", "ПГУ им. С. Торайгырова", "ПГУ", "Toraighyrov University",
        "Павлодарский государственный университет им. С. Торайгырова",
        "НАО «Торайгыров университет»", "Торайғыров университеті", "ТоУ",
        "Торайгыров Университет, г. Павлодар", "Торайгыров универ"]),
    ("auezov", "uni", "shymkent", "ukgu.kz", [
        "ЮКУ им. М. Ауэзова", "ЮКГУ им. Ауэзова", "Южно-Казахстанский университет имени М. Ауэзова",
        "M. Auezov South Kazakhstan University", "М. Әуезов атындағы Оңтүстік Қазақстан университеті",
        "ОҚУ", "ЮКУ", "Ауэзов университет", "ЮКГУ", "Южно-Казахстанский государственный университет им. М.Ауэзова"]),
    ("kazatu", "uni", "astana", "kazatu.edu.kz", [
        "КазАТУ им. С. Сейфуллина", "КАТУ", "Казахский агротехнический университет им. С.Сейфуллина",
        "S. Seifullin Kazakh Agro Technical University", "Сейфуллин университеті",
        "КазАТИУ им. С.Сейфуллина", "Казахский агротехнический исследовательский университет имени С. Сейфуллина",
        "КАТУ им. Сейфуллина", "КазАТУ"]),
    ("kaznaru", "uni", "almaty", "kaznaru.edu.kz", [
        "КазНАУ", "КазНАИУ", "Казахский национальный аграрный исследовательский университет",
        "Қазақ ұлттық аграрлық зерттеу университеті", "KazNARU",
        "Kazakh National Agrarian Research University", "НАО «КазНАИУ»", "Казахский Национальный Аграрный Университет"]),
    ("kbtu", "uni", "almaty", "kbtu.kz", [
        "КБТУ", "Казахстанско-Британский технический университет", "KBTU",
        "Kazakh-British Technical University", "АО «Казахстанско-Британский технический университет»",
        "Қазақстан-Британ техникалық университеті", "Казахстанско Британский Технический Университет"]),
    ("nu", "uni", "astana", "nu.edu.kz", [
        "Назарбаев Университет", "Nazarbayev University", "NU", "Назарбаев университеті",
        "АОО «Назарбаев Университет»", "Nazarbayev Univ.", "Назарбаев Университет, Астана"]),
    ("sdu", "uni", "almaty", "stu.sdu.edu.kz", [
        "SDU University", "СДУ", "Университет Сулеймана Демиреля", "SDU",
        "Suleyman Demirel University", "Сүлейман Демирел атындағы университет", "SDU, Каскелен"]),
    ("kimep", "uni", "almaty", "kimep.kz", [
        "KIMEP University", "КИМЭП", "Университет КИМЭП", "KIMEP"]),
    ("aitu", "uni", "astana", "astanait.edu.kz", [
        "Astana IT University", "AITU", "Астана IT Университет", "Astana IT university (AITU)"]),
    ("iitu", "uni", "almaty", "iitu.edu.kz", [
        "МУИТ", "Международный университет информационных технологий", "IITU",
        "International IT University", "Халықаралық ақпараттық технологиялар университеті"]),
    ("kaznmu", "uni", "almaty", "kaznmu.kz", [
        "КазНМУ им. С.Д. Асфендиярова", "Асфендияров университет",
        "Казахский национальный медицинский университет имени С.Д. Асфендиярова",
        "Asfendiyarov Kazakh National Medical University", "КазНМУ"]),
    ("kaznpu", "uni", "almaty", "kaznpu.kz", [
        "КазНПУ им. Абая", "Казахский национальный педагогический университет имени Абая",
        "Абай атындағы ҚазҰПУ", "ҚазҰПУ", "Abai KazNPU", "Абай университеті", "КазНПУ",
        "Казахский национальный педагогический университет им.Абая"]),
    ("kazgasa", "uni", "almaty", "kazgasa.kz", [
        "КазГАСА", "Международная образовательная корпорация (КазГАСА)", "МОК", "KazGASA",
        "МОК КазГАСА", "Казахская головная архитектурно-строительная академия"]),
    ("almau", "uni", "almaty", "almau.edu.kz", [
        "AlmaU", "Алматы Менеджмент Университет", "Almaty Management University", "Алмау"]),
    ("aues", "uni", "almaty", "aues.kz", [
        "АУЭС", "Алматинский университет энергетики и связи имени Гумарбека Даукеева",
        "АУЭС им. Г. Даукеева", "AUPET", "Ғұмарбек Дәукеев атындағы Алматы энергетика және байланыс университеті",
        "Алматинский Университет Энергетики и Связи"]),
    ("korkyt", "uni", "kyzylorda", "korkyt.edu.kz", [
        "Кызылординский университет им. Коркыт Ата", "КГУ им. Коркыт Ата",
        "Қорқыт Ата атындағы Қызылорда университеті", "Korkyt Ata Kyzylorda University",
        "КУ им. Коркыт Ата", "Кызылординский государственный университет имени Коркыт Ата"]),
    ("zhetysu", "uni", "taldykorgan", "zu.edu.kz", [
        "Жетысуский университет им. И. Жансугурова", "ЖУ им. Жансугурова", "ЖГУ им. Жансугурова",
        "І. Жансүгіров атындағы Жетісу университеті", "Zhetysu University", "Жетысуский университет"]),
    ("utemisov", "uni", "uralsk", "wksu.kz", [
        "ЗКУ им. М. Утемисова", "Западно-Казахстанский университет им. Махамбета Утемисова", "ЗКГУ",
        "М. Өтемісұлы атындағы Батыс Қазақстан университеті", "ЗКУ им. Утемисова"]),
    ("zhangir", "uni", "uralsk", "wkatu.edu.kz", [
        "ЗКАТУ им. Жангир хана", "Западно-Казахстанский аграрно-технический университет имени Жангир хана",
        "Жәңгір хан атындағы БҚАТУ", "ЗКАТУ", "Zhangir Khan University"]),
    ("serikbayev", "uni", "oskemen", "edu.ektu.kz", [
        "ВКТУ им. Д. Серикбаева", "Восточно-Казахстанский технический университет им. Д. Серикбаева",
        "D. Serikbayev EKTU", "Д. Серікбаев атындағы ШҚТУ", "ВКГТУ", "ВКТУ"]),
    ("amanzholov", "uni", "oskemen", "vku.edu.kz", [
        "ВКУ им. С. Аманжолова", "Восточно-Казахстанский университет имени Сарсена Аманжолова", "ВКГУ",
        "С. Аманжолов атындағы ШҚУ", "ВКГУ им. Аманжолова"]),
    ("shakarim", "uni", "semey", "shakarim.kz", [
        "Университет Шакарима", "Университет имени Шакарима города Семей", "ГУ им. Шакарима",
        "Shakarim University", "Семейский государственный университет им. Шакарима",
        "Шәкәрім университеті"]),
    ("kozybayev", "uni", "petropavl", "ku.edu.kz", [
        "СКУ им. М. Козыбаева", "Северо-Казахстанский университет им. М. Козыбаева", "СКГУ",
        "Manash Kozybayev North Kazakhstan University", "СКГУ им. Козыбаева"]),
    ("baitursynuly", "uni", "kostanay", "ksu.edu.kz", [
        "КРУ им. А. Байтурсынулы", "Костанайский региональный университет имени Ахмет Байтұрсынұлы",
        "КГУ им. Байтурсынова", "Ахмет Байтұрсынұлы атындағы Қостанай өңірлік университеті",
        "КРУ им. Байтурсынова"]),
    ("dosmukhamedov", "uni", "atyrau", "asu.edu.kz", [
        "Атырауский университет им. Х. Досмухамедова", "АУ им. Досмухамедова",
        "АГУ им. Досмухамедова", "Х.Досмұхамедов атындағы Атырау университеті",
        "Атырауский государственный университет"]),
    ("zhubanov", "uni", "aktobe", "arsu.kz", [
        "АРУ им. К. Жубанова", "Актюбинский региональный университет имени К. Жубанова",
        "АРГУ им. Жубанова", "Қ.Жұбанов атындағы Ақтөбе өңірлік университеті", "АРУ им.Жубанова"]),
    ("dulaty", "uni", "taraz", "dulaty.kz", [
        "ТарРУ им. М.Х. Дулати", "Таразский региональный университет имени М.Х. Дулати",
        "ТарГУ им. Дулати", "Dulaty University", "М.Х.Дулати атындағы Тараз өңірлік университеті",
        "Таразский университет Дулати"]),
    ("yessenov", "uni", "aktau", "yu.edu.kz", [
        "Каспийский университет технологий и инжиниринга им. Ш. Есенова", "КГУТИ им. Есенова",
        "Yessenov University", "Ш.Есенов атындағы Каспий технологиялар және инжиниринг университеті",
        "КУТИ им. Ш. Есенова"]),
    ("yasawi", "uni", "turkistan", "ayu.edu.kz", [
        "Международный казахско-турецкий университет им. Х.А. Ясави", "МКТУ им. Ясави",
        "Ясауи университеті", "Khoja Akhmet Yassawi International Kazakh-Turkish University",
        "МКТУ им. Х.А.Ясави", "Университет Ясави"]),
    ("ablaikhan", "uni", "almaty", "ablaikhan.kz", [
        "КазУМОиМЯ им. Абылай хана",
        "Казахский университет международных отношений и мировых языков имени Абылай хана",
        "Абылай хан атындағы ҚазХҚжӘТУ", "Ablai Khan University", "КазУМОиМЯ"]),
    ("saginov", "uni", "karaganda", "kstu.kz", [
        "Карагандинский технический университет им. А. Сагинова", "КарТУ", "КарГТУ",
        "Abylkas Saginov Karaganda Technical University", "Ә. Сағынов атындағы ҚарТУ",
        "КарТУ им. Сагинова"]),
    ("narxoz", "uni", "almaty", "narxoz.kz", [
        "Университет Нархоз", "Narxoz University", "Нархоз", "КазЭУ им. Рыскулова", "NARXOZ"]),
    ("agpk", "college", "almaty", "", [
        "Алматинский государственный политехнический колледж", "АГПК",
        "Алматы мемлекеттік политехникалық колледжі", "Алматинский политехнический колледж",
        "ГКП на ПХВ «Алматинский государственный политехнический колледж»"]),
    ("apec", "college", "atyrau", "", [
        "Высший колледж APEC Petrotechnic", "APEC Petrotechnic", "Колледж APEC PetroTechnic",
        "АПЕК Петротехник", "APEC PetroTechnic Higher College"]),
    ("astana_polytechnic", "college", "astana", "", [
        "Высший колледж «Astana Polytechnic»", "Astana Polytechnic", "Астана Политехник",
        "Колледж Astana Polytechnic", "ВК Astana Polytechnic"]),
    ("small-college5-taraz", "college", "taraz", "", [
        "Колледж №5 г. Тараз", "колледж 5 Тараз", "Колледж № 5, г.Тараз", "ГККП «Колледж №5» города Тараз",
        "Колледж N5 Тараз"]),
    ("small-school12-pavlodar", "school", "pavlodar", "", [
        "СОШ №12 г. Павлодар", "школа 12 Павлодар", "Средняя школа № 12", "КГУ «СОШ №12» г.Павлодара"]),
    ("small-gymnasium56-almaty", "school", "almaty", "", [
        "Гимназия №56 г. Алматы", "гимназия 56", "КГУ «Гимназия № 56»", "№56 гимназия, Алматы"]),
    ("small-ecoplast", "company", "almaty", "ecoplast-rec.kz", [
        "ТОО «ЭкоПласт Рециклинг»", "ЭкоПласт Рециклинг", "ТОО EcoPlast Recycling", "EcoPlast",
        "Экопласт"]),
    ("small-bolashak-college-kyzylorda", "college", "kyzylorda", "", [
        "Частный колледж «Болашақ» г. Кызылорда", "Колледж Болашак", "Болашақ колледжі",
        "колледж «Болашак», Кызылорда"]),
]
# Big national universities get most registrations; small places a share of about 5%.
_SMALL_WEIGHT = 0.6
_BIG = {"kaznu": 6.0, "enu": 4.0, "satbayev": 4.0, "karu": 3.0, "toraighyrov": 2.0,
        "auezov": 2.5, "kazatu": 2.0, "kaznaru": 1.5, "kaznpu": 2.0}
_INST_CUM = list(accumulate(_SMALL_WEIGHT if i[0].startswith(SMALL_PREFIX) else _BIG.get(i[0], 1.0)
                            for i in INSTITUTIONS))

CITIES = {
    "almaty": ["Алматы", "г. Алматы", "Almaty", "алматы", "Алма-Ата", "Алматы қ."],
    "astana": ["Астана", "г. Астана", "Astana", "Нур-Султан", "астана", "Астана қ."],
    "karaganda": ["Караганда", "г. Караганда", "Қарағанды", "Karaganda"],
    "pavlodar": ["Павлодар", "г. Павлодар", "Pavlodar", "павлодар"],
    "shymkent": ["Шымкент", "г. Шымкент", "Shymkent", "Чимкент"],
    "kyzylorda": ["Кызылорда", "Қызылорда", "г. Кызылорда", "Kyzylorda"],
    "taldykorgan": ["Талдыкорган", "Талдықорған", "г. Талдыкорган"],
    "uralsk": ["Уральск", "Орал", "г. Уральск", "Oral"],
    "oskemen": ["Усть-Каменогорск", "Өскемен", "Оскемен", "г. Усть-Каменогорск"],
    "semey": ["Семей", "г. Семей", "Семипалатинск", "Semey"],
    "petropavl": ["Петропавловск", "Петропавл", "г. Петропавловск"],
    "kostanay": ["Костанай", "Қостанай", "г. Костанай", "Kostanay"],
    "atyrau": ["Атырау", "г. Атырау", "Atyrau"],
    "aktobe": ["Актобе", "Ақтөбе", "г. Актобе", "Aktobe"],
    "taraz": ["Тараз", "г. Тараз", "Taraz", "тараз"],
    "aktau": ["Актау", "Ақтау", "г. Актау", "Aktau"],
    "turkistan": ["Туркестан", "Түркістан", "г. Туркестан"],
}

# --- specialties --------------------------------------------------------------------------

# (id, five-digit programme code, Russian, Kazakh, English)
SPECIALTIES: list[tuple[str, str, str, str, str]] = [
    ("ecology", "05201", "Экология", "Экология", "Ecology"),
    ("chem_tech_organic", "07101", "Химическая технология органических веществ",
     "Органикалық заттардың химиялық технологиясы", "Chemical technology of organic substances"),
    ("chem_tech_inorganic", "07102", "Химическая технология неорганических веществ",
     "Бейорганикалық заттардың химиялық технологиясы", "Chemical technology of inorganic substances"),
    ("biology", "05101", "Биология", "Биология", "Biology"),
    ("chemistry", "05301", "Химия", "Химия", "Chemistry"),
    ("ecology_nature", "05202", "Экология и природопользование", "Экология және табиғатты пайдалану",
     "Ecology and nature management"),
    ("geography", "05203", "География", "География", "Geography"),
    ("biotechnology", "05102", "Биотехнология", "Биотехнология", "Biotechnology"),
    ("polymers", "07103", "Технология переработки полимеров", "Полимерлерді өңдеу технологиясы",
     "Polymer processing technology"),
    ("materials", "07104", "Материаловедение и технология новых материалов",
     "Материалтану және жаңа материалдар технологиясы", "Materials science and new materials technology"),
    ("chem_engineering", "07105", "Химическая инженерия", "Химиялық инженерия", "Chemical engineering"),
    ("petrochemistry", "07106", "Нефтехимия", "Мұнай химиясы", "Petrochemistry"),
    ("petroleum", "07201", "Нефтегазовое дело", "Мұнай-газ ісі", "Petroleum engineering"),
    ("mechanical", "07107", "Машиностроение", "Машина жасау", "Mechanical engineering"),
    ("construction", "07301", "Строительство", "Құрылыс", "Civil engineering"),
    ("architecture", "07302", "Архитектура", "Сәулет", "Architecture"),
    ("info_systems", "06101", "Информационные системы", "Ақпараттық жүйелер", "Information systems"),
    ("computer_eng", "06102", "Вычислительная техника и программное обеспечение",
     "Есептеу техникасы және бағдарламалық қамтамасыз ету", "Computer engineering and software"),
    ("economics", "04101", "Экономика", "Экономика", "Economics"),
    ("management", "04102", "Менеджмент", "Менеджмент", "Management"),
    ("law", "04201", "Юриспруденция", "Құқықтану", "Law"),
    ("chem_teacher", "01501", "Подготовка учителей химии", "Химия мұғалімдерін даярлау",
     "Chemistry teacher education"),
    ("bio_teacher", "01502", "Подготовка учителей биологии", "Биология мұғалімдерін даярлау",
     "Biology teacher education"),
    ("pedagogy", "01101", "Педагогика и психология", "Педагогика және психология",
     "Pedagogy and psychology"),
    ("life_safety", "11201", "Безопасность жизнедеятельности и защита окружающей среды",
     "Тіршілік қауіпсіздігі және қоршаған ортаны қорғау", "Life safety and environmental protection"),
    ("water", "08501", "Водные ресурсы и водопользование", "Су ресурстары және суды пайдалану",
     "Water resources and water use"),
    ("agronomy", "08101", "Агрономия", "Агрономия", "Agronomy"),
    ("food_tech", "07203", "Технология продовольственных продуктов",
     "Азық-түлік өнімдерінің технологиясы", "Food technology"),
    ("physics", "05302", "Физика", "Физика", "Physics"),
    ("journalism", "03201", "Журналистика", "Журналистика", "Journalism"),
    ("light_industry", "07204", "Технология и конструирование изделий легкой промышленности",
     "Жеңіл өнеркәсіп бұйымдарының технологиясы және құрастырылуы", "Light industry technology"),
    ("tourism", "11101", "Туризм", "Туризм", "Tourism"),
]
# Plastic waste draws environmental and chemical people first.
_SPEC_WEIGHTS = [6, 5, 2, 3, 4, 3, 1, 2, 3, 1, 2, 1.5, 1, 1, 1, 0.5, 1, 1, 1, 0.7, 0.4, 1.5, 1,
                 0.5, 2, 1, 0.7, 1, 0.7, 0.4, 0.5, 0.4]
_SPEC_CUM = list(accumulate(_SPEC_WEIGHTS))
# Programme code prefix by study level; the Cyrillic В is what a Russian keyboard gives.
_LEVEL_CODE = {"student": ("6B", "6В"), "master": ("7M", "7М"), "phd": ("8D", "8D")}

# --- roles --------------------------------------------------------------------------------

ROLE_TEXTS = {
    "student": ["студент", "Студент", "студентка", "студент {c} курса", "Студент {c} курса",
                "студент(ка)", "обучающийся", "бакалавр", "студент бакалавриата", "білім алушы",
                "Student", "student", "{c} курс", "студент, {c} курс", "Bachelor student",
                "студенттер", "студент "],
    "master": ["магистрант", "Магистрант", "Магистрант {c} курса", "магистрант {c} года обучения",
               "Master student", "магистрант (научно-педагогическое направление)", "магистрант, {c} курс",
               "магистрант {c} г.о.", "master's student", "Магистрант "],
    "phd": ["PhD-докторант", "докторант PhD", "докторант", "PhD student", "Докторант {c} курса",
            "PhD докторант", "докторант {c} года обучения", "PhD candidate"],
    "teacher": ["преподаватель", "Преподаватель", "ст. преподаватель", "старший преподаватель",
                "доцент", "профессор", "ассоц. профессор", "ассистент профессора", "оқытушы",
                "аға оқытушы", "lecturer", "Senior lecturer", "Associate professor",
                "преподаватель-исследователь", "учитель химии", "мұғалім", "преподаватель колледжа",
                "Зав. кафедрой, к.х.н., доцент", "PhD, ассоц. профессор", "к.б.н., доцент кафедры"],
    "staff": ["методист", "инженер лаборатории", "лаборант", "специалист отдела науки", "сотрудник",
              "ведущий специалист", "специалист по УМР", "зав. лабораторией", "Research assistant",
              "менеджер"],
    "other": ["слушатель", "эколог", "инженер-эколог", "гость", "представитель компании",
              "волонтер", "Independent researcher"],
}
# What a school pupil (a student, as the project counts them) writes as status; {c}: the class.
_PUPIL_TEXTS = ["школьник", "ученица {c} класса", "{c} сынып оқушысы", "оқушы", "учащийся"]
# A person's year of study, the same in each of their registrations: up to this course, and
# a pupil's class from _PUPIL_CLASSES.
_LAST_YEAR = {"student": 4, "master": 2, "phd": 3}
_PUPIL_CLASSES = (9, 11)
# Role shares by kind of institution: students most, teachers about 15%.
_ROLE_WEIGHTS = {
    "uni": (("student", 0.58), ("master", 0.12), ("phd", 0.06), ("teacher", 0.16),
            ("staff", 0.05), ("other", 0.03)),
    "college": (("student", 0.78), ("teacher", 0.17), ("staff", 0.05)),
    "school": (("student", 0.8), ("teacher", 0.2)),  # its students are pupils
    "company": (("staff", 0.5), ("other", 0.5)),
}
_ROLE_CHOICES = {kind: (tuple(r for r, _ in pairs), list(accumulate(w for _, w in pairs)))
                 for kind, pairs in _ROLE_WEIGHTS.items()}
# The "Курс" question's answers; {c}: the person's year (a pupil's class).
_COURSES = {"student": ["{c}", "{c}", "{c} курс"], "master": ["{c}", "{c} курс", "магистратура {c}"],
            "phd": ["{c}"], "teacher": ["", "-", "нет"], "staff": ["", "-"], "other": ["", "-"],
            "pupil": ["", "{c} класс", "-"]}
_FORMATS = ["Очно", "Онлайн", "Очное участие", "Онлайн (Zoom)", "Заочно (только публикация)",
            "Офлайн"]
_TOPICS = ["Переработка ПЭТ-бутылок в строительные материалы", "Микропластик в водах реки {r}",
           "Биоразлагаемые полимеры на основе крахмала", "Сортировка пластиковых отходов в г. {c}",
           "Пиролиз полиэтилена", "Microplastics in the {r} River", "Пластик в почвах {c}",
           "Экобрендинг и вторичный пластик", "Қалдықтарды қайта өңдеу", "Полимерные композиты"]
_RIVERS = ["Или", "Иртыш", "Урал", "Сырдарья", "Есиль", "Нура"]
_NOTES = ["зарегистрировал(а) по почте", "прислал тезисы", "также в форме", "придёт с группой",
          "онлайн", "уточнить вуз", "оплачено"]

# --- phones and e-mails -------------------------------------------------------------------

_KZ_MOBILE = ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]
_RU_MOBILE = ["903", "905", "916", "926", "960", "985"]
_PHONE_FORMATS = [
    lambda d: f"8 ({d[:3]}) {d[3:6]}-{d[6:8]}-{d[8:]}", lambda d: f"+7 {d[:3]} {d[3:6]} {d[6:]}",
    lambda d: f"8{d}", lambda d: d, lambda d: f"'+7{d}", lambda d: f"тел. 8 {d[:3]} {d[3:6]} {d[6:8]} {d[8:]}",
    lambda d: f"+7({d[:3]}){d[3:]}", lambda d: f"8-{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:]}",
    lambda d: f"7{d}", lambda d: f"+7 ({d[:3]}) {d[3:6]}-{d[6:8]}-{d[8:]}", lambda d: f"+7{d}",
    lambda d: f"8 {d[:3]} {d[3:]}", lambda d: f"+7{d}", lambda d: f"8{d}",
]
# Excel shows a long number as 8.74743E+10 and keeps only those digits: unrecoverable.
_EXCEL_FLOAT = lambda d: f"{int('8' + d) / 1e10:.5f}E+10"  # noqa: E731
_PERSONAL_DOMAINS = ["gmail.com"] * 6 + ["mail.ru"] * 4 + ["yandex.kz", "inbox.ru", "list.ru",
                                                            "bk.ru", "yandex.ru", "icloud.com"]
_DOMAIN_TYPOS = {"gmail.com": ["gmail.con", "gmial.com", "gmail.co"], "mail.ru": ["mail.ri", "mai.ru"]}


@dataclass
class _Person:
    pid: str
    group: str
    female: bool
    first: tuple[str, str]
    last: tuple[str, str]
    patronymic: tuple[str, str] | None
    inst: int
    spec: int
    role: str
    email: str
    phone: str  # ten national digits, "" when none
    name_style: int
    phone_style: int
    inst_style: int
    spec_style: int
    pupil: bool = False  # a school's student: writes as a pupil, has no course or programme
    year: int = 0  # the year of study (a pupil's class); 0 for those who teach or work


@dataclass(frozen=True)
class Synthetic:
    form_header: list[str]
    form_rows: list[list[str]]
    email_header: list[str]
    email_rows: list[list[str]]
    truth: pd.DataFrame  # TRUTH_COLUMNS, one row per generated answer row
    # from layouts.py only: which question is which field, {source: {header: field}}, and
    # the rows that are no one's: (source, row number, kind)
    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    not_people: tuple[tuple[str, int, str], ...] = ()


def is_directory_institution(institution_id: str) -> bool:
    """Whether a real directory would list this institution (the small places it would not)."""
    return bool(institution_id) and not institution_id.startswith(SMALL_PREFIX)


class _Maker:
    """One generator run: a seeded random source and the people made so far."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.people: list[_Person] = []
        self.addresses: set[str] = set()
        self.phones: set[str] = set()
        self.shared_phones: set[str] = set()  # a family's or a teacher's: given out once only

    # people

    def person(self) -> _Person:
        rng = self.rng
        group = rng.choices(_GROUP_NAMES, cum_weights=_GROUP_CUM)[0]
        _, males, females, surnames, fathers, kazakh_style = ETHNIC_GROUPS[group]
        female = rng.random() < FEMALE_SHARE
        first = rng.choice(females if female else males)
        last = self.surname(group, female)
        patronymic = None
        if rng.random() < PATRONYMIC_SHARE:
            patronymic = _patronymic(rng.choice(fathers), female, kazakh_style and rng.random() < 0.4)
        inst = rng.choices(range(len(INSTITUTIONS)), cum_weights=_INST_CUM)[0]
        kind = INSTITUTIONS[inst][1]
        roles, cum = _ROLE_CHOICES[kind]
        role = rng.choices(roles, cum_weights=cum)[0]
        pupil = kind == "school" and role == "student"
        spec = rng.choices(range(len(SPECIALTIES)), cum_weights=_SPEC_CUM)[0]
        p = _Person(pid=f"P{len(self.people) + 1:06d}", group=group, female=female, first=first,
                    last=last, patronymic=patronymic, inst=inst, spec=spec, role=role, email="",
                    phone=self.new_phone(), name_style=rng.randrange(100),
                    phone_style=rng.randrange(len(_PHONE_FORMATS)), inst_style=rng.randrange(100),
                    spec_style=rng.randrange(100), pupil=pupil,
                    year=self.study_year(role, pupil))
        p.email = self.new_email(p)
        self._trap(p)
        self.people.append(p)
        return p

    def study_year(self, role: str, pupil: bool) -> int:
        """A year of study for a new person of `role` (a pupil's class), 0 for staff."""
        if pupil:
            return self.rng.randint(*_PUPIL_CLASSES)
        return self.rng.randint(1, _LAST_YEAR[role]) if role in _LAST_YEAR else 0

    def _trap(self, p: _Person) -> None:
        """Sometimes make this person a relative sharing a phone, or someone's namesake."""
        rng = self.rng
        if not self.people:
            return
        r = rng.random()
        other = self.people[rng.randrange(len(self.people))]
        if r < SIBLING_SHARE and other.phone and other.phone not in self.shared_phones:
            # a brother or sister: same family name and phone, a first name that differs even
            # as an initial (else no one, not even the organizers, could tell them apart)
            _, males, females, *_ = ETHNIC_GROUPS[other.group]
            names = [n for n in (females if p.female else males) if n[1][0] != other.first[1][0]]
            p.group, p.first, p.phone = other.group, rng.choice(names), other.phone
            p.last, p.patronymic = _surname_for(other.last, p.female), None
            p.email = self.new_email(p)
            self.shared_phones.add(p.phone)
        elif r < SIBLING_SHARE + NAMESAKE_SHARE and other.inst != p.inst:
            p.first, p.last, p.female, p.group = other.first, other.last, other.female, other.group
            p.patronymic = None
            p.email = self.new_email(p)

    def surname(self, group: str, female: bool) -> tuple[str, str]:
        return _surname_for(self.rng.choice(ETHNIC_GROUPS[group][3]), female)

    def new_phone(self) -> str:
        """Ten national digits no one else in this run has, or "" (no phone given)."""
        rng = self.rng
        r = rng.random()
        if r < 0.03:
            return ""
        prefixes = _RU_MOBILE if r < 0.06 else _KZ_MOBILE
        number = ""
        while not number or number in self.phones:  # shared only where a trap shares it
            number = rng.choice(prefixes) + f"{rng.randrange(10 ** 7):07d}"
        self.phones.add(number)
        return number

    def new_email(self, p: _Person) -> str:
        """A personal address no one else in this run has."""
        rng = self.rng
        first = translit(p.first[1]).lower()
        last = translit(p.last[1]).lower()
        shape = rng.randrange(5)
        local = (f"{first}.{last}", f"{last}.{first}", f"{first}{last}", f"{first[0]}{last}",
                 f"{first}_{last[:3]}")[shape]
        if rng.random() < 0.6:
            local += str(rng.choice([rng.randrange(1, 100), rng.randrange(1995, 2008)]))
        domain = INSTITUTIONS[p.inst][3]
        if not domain or rng.random() < 0.7:
            domain = rng.choice(_PERSONAL_DOMAINS)
        address = f"{local}@{domain}"
        while address in self.addresses:  # a mailbox has one owner: the provider says taken
            # a wide range: at a million people one name's 10,000 numbers run out
            address = f"{local}{rng.randrange(10, 10_000_000)}@{domain}"
        self.addresses.add(address)
        return address

    # rendering what a person types

    def name(self, p: _Person, style: int) -> str:
        """The name as typed. `style` (0-99) is a person's habit: style % 3 == 0 keeps Kazakh
        letters, % 5 == 0 drops the patronymic, the last digit picks the word order or
        initials (9 below 50: Latin letters), the tens digit the case (0 upper, 1 lower)."""
        rng = self.rng
        kazakh_letters = style % 3 == 0  # most type without a Kazakh keyboard
        pick = 0 if kazakh_letters else 1
        first, last = p.first[pick], p.last[pick]
        patr = p.patronymic[pick] if p.patronymic and style % 5 != 0 else ""
        shape = style % 10
        if shape == 9 and style < 50:
            alt = style % 2 == 0
            text = f"{translit(p.first[0], alt)} {translit(p.last[0], alt)}"
        elif shape == 8 and patr:
            text = f"{last} {first[0]}.{patr[0]}."
        elif shape == 7:
            text = f"{last} {first[0]}. {patr[0]}." if patr else f"{last} {first[0]}."
        elif shape in (5, 6):
            text = f"{first} {last}"
        else:
            text = " ".join(x for x in (last, first, patr) if x)
        case = (style // 10) % 10
        if case == 0:
            text = text.upper()
        elif case == 1:
            text = text.lower()
        noise = rng.random()
        if noise < 0.05:
            text = f" {text.replace(' ', '  ', 1)} "
        elif noise < 0.08:
            text = _lookalike(text, rng)
        return text

    def phone(self, p: _Person, style: int, excel: bool = False) -> tuple[str, str]:
        """(cell text, truth E.164)."""
        if not p.phone:
            return self.rng.choice(["", "", "-", "нет"]), ""
        if excel and p.phone[0] == "7":
            return _EXCEL_FLOAT(p.phone), ""
        if self.rng.random() < 0.01:
            return p.phone[:7], ""  # digits lost on the way: nobody can recover them
        return _PHONE_FORMATS[style % len(_PHONE_FORMATS)](p.phone), "+7" + p.phone

    def institution(self, p: _Person, style: int) -> str:
        variants = INSTITUTIONS[p.inst][4]
        text = variants[style % len(variants)]
        r = self.rng.random()
        if r < 0.05:
            text = _typo(text, self.rng)
        elif r < 0.08:
            text = f"{text}, {CITIES[INSTITUTIONS[p.inst][2]][1]}"
        elif r < 0.10:
            text = text.upper()
        return text

    def specialty(self, p: _Person, style: int) -> str:
        _, code, ru, kk, en = SPECIALTIES[p.spec]
        if (p.pupil or p.role in ("teacher", "staff", "other")) and style % 4 == 0:
            return ""
        name = (ru, ru, ru, kk, en, ru.lower(), ru.upper(), f"«{ru}»")[style % 8]
        levels = None if p.pupil else _LEVEL_CODE.get(p.role)
        if not levels or style % 3:
            return name
        full = levels[style % 2] + code
        return (f"{full} - {name}", f"{full} {name}", f"{name} ({full})", f"ОП {full} «{ru}»",
                f"{full}-{name}")[style % 5]

    def role(self, p: _Person) -> str:
        texts = _PUPIL_TEXTS if p.pupil else ROLE_TEXTS[p.role]
        text = self.rng.choice(texts).format(c=p.year)
        return text if p.female else text.replace("студентка", "студент").replace("ученица", "ученик")

    def city(self, p: _Person) -> str:
        return self.rng.choice(CITIES[INSTITUTIONS[p.inst][2]])

    def email(self, p: _Person, address: str | None = None) -> str:
        address = address or p.email
        r = self.rng.random()
        if r < 0.04:
            return address.upper()
        if r < 0.09:
            return f" {address} "
        if r < 0.12:
            return address[0].upper() + address[1:]
        if r < 0.14:
            local, domain = address.split("@")
            return f"{local}@{self.rng.choice(_DOMAIN_TYPOS.get(domain, [domain + '.']))}"
        return address


def _surname_for(last: tuple[str, str], female: bool) -> tuple[str, str]:
    def one(s: str) -> str:
        if female:
            return _female(s)
        if s.endswith("ая"):
            return s[:-2] + "ий"
        return s[:-1] if s.endswith(("ова", "ева", "ёва", "ина")) else s
    return one(last[0]), one(last[1])


def _lookalike(text: str, rng: random.Random) -> str:
    spots = [i for i, ch in enumerate(text) if ch in _LOOKALIKE]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + _LOOKALIKE[text[i]] + text[i + 1:]


def _typo(text: str, rng: random.Random) -> str:
    """One slip of the finger: a dropped, doubled or swapped letter."""
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def _moment(rng: random.Random) -> int:
    """Seconds into the registration window, at a time of day people are awake."""
    hour = rng.choices(range(24), cum_weights=_HOUR_CUM)[0]
    return rng.randrange(WINDOW_DAYS) * 86400 + hour * 3600 + rng.randrange(3600)


def _form_time(seconds: int) -> str:
    """Google Forms CSV: 2025/10/07 2:03:11 PM GMT+5."""
    t = WINDOW_START + dt.timedelta(seconds=seconds)
    hour = t.hour % 12 or 12
    half = "AM" if t.hour < 12 else "PM"
    return f"{t.year}/{t.month:02d}/{t.day:02d} {hour}:{t.minute:02d}:{t.second:02d} {half} GMT+{KZ_OFFSET_HOURS}"


def _email_date(seconds: int) -> str:
    t = WINDOW_START + dt.timedelta(seconds=seconds)
    return f"{t.day:02d}.{t.month:02d}.{t.year}"


@dataclass
class _Answer:
    seconds: int
    source: str
    person: _Person
    cells: list[str]
    phone_e164: str


def _form_answer(m: _Maker, p: _Person, seconds: int, name_style: int, phone_style: int,
                 inst_style: int, address: str | None = None, phone_of: _Person | None = None) -> _Answer:
    rng = m.rng
    phone_text, e164 = m.phone(phone_of or p, phone_style)
    topic = ""
    if rng.random() < 0.35:
        topic = rng.choice(_TOPICS).format(r=rng.choice(_RIVERS), c=CITIES[INSTITUTIONS[p.inst][2]][0])
    cells = [_form_time(seconds), m.email(p, address), m.name(p, name_style), phone_text,
             m.institution(p, inst_style), m.specialty(p, p.spec_style), m.role(p), m.city(p),
             rng.choice(_COURSES["pupil" if p.pupil else p.role]).format(c=p.year),
             rng.choice(_FORMATS), topic]
    return _Answer(seconds, FORM_SOURCE, p, cells, e164)


# Name styles (see _Maker.name) of a tidy full name, as organizers type it into their list.
_TIDY_NAME_STYLES = (21, 22, 33, 34, 45, 56, 2)


def _email_answer(m: _Maker, p: _Person, seconds: int) -> _Answer:
    rng = m.rng
    phone_text, e164 = m.phone(p, rng.randrange(len(_PHONE_FORMATS)), excel=rng.random() < 0.15)
    # organizers type names in full and tidily, so the style is theirs, not the person's
    date = _email_date(seconds) if rng.random() < 0.6 else ""
    note = rng.choice(_NOTES) if rng.random() < 0.25 else ""
    cells = [date, m.name(p, rng.choice(_TIDY_NAME_STYLES)), m.email(p), phone_text,
             m.institution(p, rng.randrange(100)), m.role(p), m.specialty(p, rng.randrange(100)), note]
    return _Answer(seconds, EMAIL_SOURCE, p, cells, e164)


def generate(n: int, seed: int = 0, duplicate_share: float = 0.2) -> Synthetic:
    """n answer rows (form + e-mail list) of which about duplicate_share repeat a person.

    The form is worded as FORM_HEADER; layouts.generate_layout words the same people's
    answers in many other ways."""
    return _assemble(make_answers(n, seed, duplicate_share))


def make_answers(n: int, seed: int = 0, duplicate_share: float = 0.2) -> list[_Answer]:
    """The answers behind generate(): people, their duplicates and the traps, by source."""
    if n < 0 or not 0 <= duplicate_share < 1:
        raise ValueError("n must be >= 0 and duplicate_share in [0, 1)")
    m = _Maker(seed)
    rng = m.rng
    n_duplicates = round(n * duplicate_share)
    kinds = rng.choices([k for k, _ in DUPLICATE_KINDS], [w for _, w in DUPLICATE_KINDS],
                        k=n_duplicates)
    n_cross = kinds.count("cross_source")
    # a copy lands in the e-mail list only when its original was a form answer
    email_only = max(0, round(n * EMAIL_LIST_SHARE - n_cross * (1 - EMAIL_LIST_SHARE)))
    answers: list[_Answer] = []
    unique = n - n_duplicates
    email_chance = email_only / unique if unique else 0.0
    while len(answers) < unique:
        seconds = _moment(rng)
        p = m.person()
        if rng.random() < email_chance:
            answers.append(_email_answer(m, p, seconds))
        else:
            answers.append(_form_answer(m, p, seconds, p.name_style, p.phone_style, p.inst_style))
        if p.role == "teacher" and rng.random() < TEACHER_REGISTERS_STUDENTS:
            _students_of(m, p, seconds, unique - len(answers), answers)
    originals = list(answers)
    for kind in kinds:
        answers.append(_duplicate(m, kind, rng.choice(originals)))
    return answers


def _students_of(m: _Maker, teacher: _Person, seconds: int, room: int, answers: list[_Answer]) -> None:
    """A teacher sends in 1-4 students with the teacher's own e-mail and phone."""
    m.shared_phones.add(teacher.phone)
    family_names = {_surname_for(teacher.last, False)}
    initials = {teacher.first[1][0]}
    for i in range(min(room, m.rng.randint(1, 4))):
        s = m.person()
        # names that differ in both parts: near-equal names under one e-mail and phone would
        # be one person to anyone, the organizers included
        if not _distinct_from(m, s, family_names, initials):
            break  # this group's names are used up for this teacher: fewer students
        family_names.add(_surname_for(s.last, False))
        initials.add(s.first[1][0])
        s.inst, s.role = teacher.inst, "student"
        s.pupil = INSTITUTIONS[s.inst][1] == "school"
        s.year = m.study_year(s.role, s.pupil)
        s.email = m.new_email(s)  # their own address, used if they also write to the organizers
        answers.append(_form_answer(m, s, seconds + 60 * i + m.rng.randrange(60), s.name_style,
                                    teacher.phone_style, s.inst_style, address=teacher.email,
                                    phone_of=teacher))


# Tries at a surname and first initial unlike the teacher's other students; a small name
# pool can run out of them, and then the teacher simply registers fewer students.
_NAME_TRIES = 50


def _distinct_from(m: _Maker, s: _Person, family_names: set[str], initials: set[str]) -> bool:
    for _ in range(_NAME_TRIES):
        if _surname_for(s.last, False) not in family_names:
            break
        s.last = m.surname(s.group, s.female)
    else:
        return False
    names = ETHNIC_GROUPS[s.group][2 if s.female else 1]
    for _ in range(_NAME_TRIES):
        if s.first[1][0] not in initials:
            return True
        s.first = m.rng.choice(names)
    return False


def _duplicate(m: _Maker, kind: str, original: _Answer) -> _Answer:
    rng = m.rng
    p = original.person
    if kind == "identical" and original.source == FORM_SOURCE:
        seconds = _after(rng, original.seconds, 1, 40)
        cells = [_form_time(seconds), *original.cells[1:]]
        return _Answer(seconds, FORM_SOURCE, p, cells, original.phone_e164)
    later = _after(rng, original.seconds, 600, 5 * 24 * 3600)
    if kind == "cross_source" and original.source == FORM_SOURCE:
        return _email_answer(m, p, later)
    # a second form submission: another way of writing the name, maybe a new phone
    if rng.random() < 0.2 and p.phone:
        p = _Person(**{**p.__dict__, "phone": m.new_phone() or p.phone})
    return _form_answer(m, p, later, rng.randrange(100), rng.randrange(len(_PHONE_FORMATS)),
                        rng.randrange(100), address=_email_of(original))


def _after(rng: random.Random, seconds: int, low: int, high: int) -> int:
    """A moment low..high seconds later, still inside the registration window."""
    room = max(0, WINDOW_SECONDS - 1 - seconds)
    return seconds + rng.randint(min(low, room), min(high, room))


def _email_of(original: _Answer) -> str | None:
    """The address the first answer was sent from (a teacher's, for a registered student)."""
    cell = original.cells[1] if original.source == FORM_SOURCE else original.cells[2]
    return cell.strip().lower() or None


def _assemble(answers: list[_Answer]) -> Synthetic:
    form = sorted((a for a in answers if a.source == FORM_SOURCE), key=lambda a: a.seconds)
    email = sorted((a for a in answers if a.source == EMAIL_SOURCE), key=lambda a: a.seconds)
    truth: dict[str, list] = {c: [] for c in TRUTH_COLUMNS}
    for source, rows in ((FORM_SOURCE, form), (EMAIL_SOURCE, email)):
        for row_number, a in enumerate(rows, start=2):
            truth["source"].append(source)
            truth["source_row"].append(row_number)
            for column, value in truth_row(a).items():
                truth[column].append(value)
    frame = pd.DataFrame(truth)
    frame["source_row"] = frame["source_row"].astype("int64")
    return Synthetic(list(FORM_HEADER), [a.cells for a in form], list(EMAIL_HEADER),
                     [a.cells for a in email], frame)


def truth_row(a: _Answer) -> dict[str, str]:
    """The truth of one answer row, but for where it is (source and row number). A firm's
    staff are "other", as the project counts them (README: an NGO's, a company's staff),
    whatever their position's words."""
    _, kind, *_ = INSTITUTIONS[a.person.inst]
    role = "other" if kind == "company" else a.person.role
    return {"person_id": a.person.pid, "institution_id": INSTITUTIONS[a.person.inst][0],
            "specialty_id": _specialty_truth(a), "role": role, "phone_e164": a.phone_e164}


def _specialty_truth(a: _Answer) -> str:
    cell = a.cells[5] if a.source == FORM_SOURCE else a.cells[6]
    return SPECIALTIES[a.person.spec][0] if cell else ""


def write_csv(path: str | Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> None:
    """A CSV as Google Forms downloads it: comma-separated, quoted only where needed."""
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


# The sources of a config.toml that reads what write_all writes; tests add [report] and [store].
SOURCES_TOML = """
[[source]]
name = "form"
type = "csv"
path = "form-responses.csv"

[[source]]
name = "email"
type = "csv"
path = "email-registrations.csv"
"""


def write_all(data: Synthetic, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "form-responses.csv", data.form_header, data.form_rows)
    write_csv(out / "email-registrations.csv", data.email_header, data.email_rows)
    data.truth.to_csv(out / "truth.csv", index=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="answer rows to make (form + e-mail)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--duplicates", type=float, default=0.2, help="share of repeated people")
    parser.add_argument("--out", type=Path, required=True, help="folder for the three CSV files")
    parser.add_argument("--layout", help="word the form another way: a name from "
                                         "layouts.standard_layouts(), e.g. kk-split")
    args = parser.parse_args(argv)
    if args.layout:
        import layouts

        known = {l.name: l for l in [*layouts.standard_layouts(),
                                     *layouts.standard_layouts(held_out=True)]}
        if args.layout not in known:
            parser.error(f"no layout {args.layout!r}; known: {', '.join(known)}")
        data = layouts.generate_layout(args.n, args.seed, known[args.layout], args.duplicates)
    else:
        data = generate(args.n, args.seed, args.duplicates)
    write_all(data, args.out)
    print(f"{len(data.form_rows)} form rows, {len(data.email_rows)} e-mail rows, "
          f"{data.truth['person_id'].nunique()} people -> {args.out}")


if __name__ == "__main__":
    main()
