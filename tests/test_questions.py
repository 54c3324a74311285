"""Reading a form: what answers look like (sync.questions.answers), how wording and answers
are weighed (sync.questions.assign), and a form read from its answers alone."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.errors import SourceError
from sync.questions.answers import (
    SAMPLE_VALUES,
    ColumnSample,
    content_shares,
    is_email,
    is_institution,
    is_phone,
    is_specialty,
    is_timestamp,
    name_shape,
    sample_answers,
)
from sync.questions.assign import read_form
from sync.questions.wording import fold_question, is_note, same_stem, wording_scores
from sync.sources.table import ColumnTable, build_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402


# --- one answer ---------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("aigerim.s@mail.ru", True), (" IVANOV@ENU.KZ ", True), ("пишите: d.omarov@gmail.com", True),
    ("нет почты", False), ("aigerim@", False), ("@mail.ru", False),
    ("Смагулова Айгерим", False), ("8 (707) 428-93-78", False),
])
def test_is_email(value, expected):
    assert is_email(value) is expected


@pytest.mark.parametrize("value, expected", [
    ("8 (707) 428-93-78", True), ("+7 701 000 0001", True), ("87011234567", True),
    ("тел. 8 701 123 45 67", True), ("WhatsApp +77771234567", True), ("8.77144E+10", True),
    ("+44 20 7946 0958", True),
    ("2025-09-22 16:55:31", False), ("12.10.2025", False), ("1", False), ("нет", False),
    ("Смагулова Айгерим", False), ("6B05201", False),
])
def test_is_phone(value, expected):
    assert is_phone(value) is expected


@pytest.mark.parametrize("value, expected", [
    ("2025/10/07 2:03:11 PM GMT+5", True), ("07.10.2025 14:03:11", True), ("12.10.2025", True),
    ("2025-10-07 14:03:11", True), ("10/7/2025 14:03:11", True),
    ("15.02", False), ("вчера", False), ("87011234567", False),
])
def test_is_timestamp(value, expected):
    assert is_timestamp(value) is expected


@pytest.mark.parametrize("value, shape", [
    # Russian, Kazakh, Latin; capitals, lower case, initials, patronymic particles
    ("Смагулова Айгерим Болатовна", "full"), ("ИВАНОВ ИВАН", "full"), ("иванов иван", "full"),
    ("Иванов И.И.", "full"), ("И.И. Иванов", "full"), ("Серік Нұрлан ұлы", "full"),
    ("Әбенова Іңкәр", "full"), ("Aigerim Smagulova", "full"), ("Ким-Ли Анна", "full"),
    ("Айгерим", "single"), ("СМАГУЛОВА", "single"), ("Нұрланқызы", "single"),
    # Kazakh letters a Windows-1251 file lost (field test FD)
    ("?лімжанов Жандос Серік?лы", "full"), ("М??анова ?сел", "full"), ("М??АНОВА ?СЕЛ", "full"),
    ("??рманова", "single"), ("Кто это?", ""), ("? ?", ""),
    # not names
    ("Химическая технология", ""), ("Satbayev University", ""), ("Назарбаев Университет", ""),
    ("студент 2 курса", ""), ("aigerim@mail.ru", ""), ("Алматы", ""), ("нет", ""), ("-", ""),
    ("ТОО ЭкоПласт", ""), ("Колледж Болашак", ""), ("КазНУ", ""),
    ("Переработка ПЭТ-бутылок в строительные материалы", ""),
])
def test_name_shape(value, shape):
    assert name_shape(value) == shape


@pytest.mark.parametrize("value, expected", [
    ("КазНУ им. аль-Фараби", True), ("Satbayev University", True), ("ЕНУ", True),
    ("Әл-Фараби атындағы Қазақ ұлттық университеті", True), ("ТОО «ЭкоПласт»", True),
    ("СОШ №12 г. Павлодар", True), ("KBTU", True), ("Колледж Болашак", True),
    ("Смагулова Айгерим", False), ("Экология", False), ("студент", False),
    # a school's kind or number, a name after someone, a directory abbreviation first
    ("шг № 56", True), ("НИШ ХБН Алматы", True), ("ЕНУ имени Гумилева", True),
    ("ТарГУ им. Дулати", True), ("Ли Денис", False), ("Алматы", False), ("9 класс", False),
])
def test_is_institution(value, expected):
    assert is_institution(value) is expected


@pytest.mark.parametrize("value, expected", [
    ("6B05201 - Экология", True), ("7М07101", True), ("8D05301 Химия", True), ("Экология", True),
    ("Ecology", True), ("Смагулова Айгерим", False), ("КазНУ", False),
])
def test_is_specialty(value, expected):
    assert is_specialty(value) is expected


# --- one question's wording -------------------------------------------------------------

@pytest.mark.parametrize("a, b, same", [
    ("телефон", "телефона", True), ("телефон", "телефоныныз", True), ("почта", "почты", True),
    ("university", "universities", True), ("электронная", "электронной", True),
    ("имя", "имени", False), ("специальность", "специалист", False), ("дата", "данные", False),
    ("организация", "организатор", False),
])
def test_same_stem(a, b, same):
    assert same_stem(a, b) is same


@pytest.mark.parametrize("question, folded", [
    ("Ф.И.О.", "фио"), ("E-mail", "email"), ("Эл. почта", "эл почта"), ("№ п/п", "no пп"),
    ("Электрондық поштаңыз", "электрондык поштаныз"), ("\ufeffОтметка времени", "отметка времени"),
])
def test_fold_question(question, folded):
    assert fold_question(question) == folded


@pytest.mark.parametrize("question, field", [
    ("?кесіні? аты (бар болса)", "middle_name"), ("Уа?ыт белгісі", "submitted_at"),
    ("Электронды? пошта", "email"), ("?ялы телефон", "phone"), ("О?у орны", "institution"),
    ("Маманды?ы", "specialty"), ("М?ртебе?із", "role"), ("?атысушыны? аты-ж?ні", "full_name"),
])
def test_a_kazakh_question_saved_as_cp1251_is_read_with_its_lost_letters(question, field):
    """Field test FD: Excel's Windows-1251 has no Kazakh letters, "?" stands for each;
    the patronymic's question was read as no one's and every patronymic was lost."""
    scores = wording_scores(question)
    assert max(scores, key=scores.__getitem__) == field and scores[field] >= 0.9


def test_a_question_whose_lost_letters_make_no_fields_word_is_no_field():
    assert not wording_scores("?ай секция?а ?атысасыз?").get("first_name")


@pytest.mark.parametrize("question", [
    "Укажите, пожалуйста, ваш e-mail (обязательно)", "Электрондық поштаңызды көрсетіңіз",
    "Please enter your e-mail",
])
def test_fillers_say_nothing(question):
    assert wording_scores(question)["email"] == 1.0


# --- sampling -----------------------------------------------------------------------------

def test_a_big_column_is_sampled_to_a_few_hundred_distinct_answers():
    rows = [[f"person{i}@example.org", "Алматы" if i % 2 else "Астана"] for i in range(50_000)]
    table = build_table("form", "form.csv", [["Почта", "Город"], *rows], "Asia/Almaty")
    samples = sample_answers([table])
    assert len(samples["Почта"].values) == SAMPLE_VALUES
    assert samples["Город"].values == ("Алматы", "Астана") and samples["Город"].is_choice
    assert samples["Почта"].answered <= 2_000 and not samples["Почта"].is_choice


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 3))
def test_a_sample_depends_on_the_rows_not_their_order_or_split(seed, parts):
    """A source's stored rows and its fresh pull, in any order: the same sample."""
    rng = random.Random(seed)
    rows = [[f"{i}", f"p{i}@example.org", f"Имя{i % 37}"] for i in range(5_000)]
    whole = build_table("form", "x", [["a", "b", "c"], *rows], "Asia/Almaty")
    pairs = list(zip(whole.row_numbers, rows))
    rng.shuffle(pairs)
    cuts = sorted(rng.sample(range(1, len(pairs)), parts - 1))
    pieces = [ColumnTable("form", "x", whole.headers, tuple(map(list, zip(*(r for _, r in chunk)))),
                          [n for n, _ in chunk], "Asia/Almaty")
              for chunk in (pairs[a:b] for a, b in zip([0, *cuts], [*cuts, len(pairs)]))]
    assert sample_answers(pieces) == sample_answers([whole])


# --- a column's answers -------------------------------------------------------------------

def _shares(values, answered=None):
    values = tuple(sorted(set(values)))
    return content_shares(ColumnSample(values, answered or len(values), len(values),
                                       min(len(values), 12)))


@pytest.mark.parametrize("values, field", [
    (["Смагулова Айгерим", "Иванов Иван Иванович", "Omarov Daniyar", "КИМ ВИКТОРИЯ"], "full_name"),
    (["Болатовна", "Иванович", "Серікұлы", "-", "нет"], "middle_name"),
    (["?біл?асым?лы", "Ержан?ызы", "Маратовна", "жо?", "-"], "middle_name"),  # cp1251
    (["Смагулова", "Иванов", "Омаров", "Бекенова"], "last_name"),
    # a first name with its patronymic ("Имя и отчество") is a part of the name
    (["Салтанат Асхатовна", "Ерлан Маратович", "Айгерим Болатқызы", "Дана Серік қызы"],
     "first_name"),
    (["студент", "магистрант 1 курса", "оқытушы", "Senior lecturer", "доцент"], "role"),
    (["Алматы", "г. Астана", "Қарағанды", "Shymkent"], "city"),
    (["КазНУ", "Satbayev University", "ЕНУ им. Гумилева", "Колледж №5 г. Тараз"], "institution"),
    (["6B05201 Экология", "Химия", "7M07101", "Биология"], "specialty"),
    (["1", "2", "3", "4", "5", "6"], "row_number"),
])
def test_a_column_looks_like_its_field(values, field):
    shares = _shares(values)
    assert shares[field] >= 0.75, shares
    best = max((f for f in shares if f not in ("name_like", "single_name", "placeholder")),
               key=shares.__getitem__)
    assert best == field or shares[best] == shares[field]


def test_a_column_of_supervisors_with_their_degrees_is_no_role():
    """Field test FD: a master's list's "Научный руководитель" ("к.х.н. Смирнова О.П.") was
    read as the role, and every master on it became a teacher."""
    supervisors = ["к.х.н. Смирнова О.П.", "Жақсылықова Г.М.", "д.б.н. Ерғалиев Т.К.",
                   "доцент Ахметова А. С.", "PhD Г. М. Жақсылықова"]
    assert _shares(supervisors)["role"] == 0.0
    assert _shares(["PhD, ассоц. профессор", "К.Т.Н. доцент", "ст. преп."])["role"] == 1.0


def test_names_that_repeat_a_few_times_are_a_choice_not_names():
    sample = ColumnSample(("Да", "Нет"), 300, 2, 300)
    assert sample.is_choice and content_shares(sample)["full_name"] == 0.0


# --- a form read from its answers alone -----------------------------------------------------

_FORM = synth.generate(240, seed=5)
# The columns every form has, by their place in synth.FORM_HEADER
_MUST_FIND = {"submitted_at": 0, "email": 1, "full_name": 2, "phone": 3}
_ALPHABET = "bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ0123456789-_ #"


@settings(max_examples=25, deadline=None)
@given(headers=st.lists(st.text(_ALPHABET, min_size=1, max_size=12), min_size=len(synth.FORM_HEADER),
                        max_size=len(synth.FORM_HEADER), unique_by=lambda h: " ".join(h.split())),
       order=st.permutations(range(len(synth.FORM_HEADER))), seed=st.integers(0, 2**16))
def test_a_typical_form_with_meaningless_questions_is_read_from_its_answers(headers, order, seed):
    """Every question a random string of consonants, digits and signs (no word of any
    language), the questions in any order, any 120 of its rows: the e-mail, phone,
    timestamp and name columns are still found."""
    rows = random.Random(seed).sample(_FORM.form_rows, 120)
    grid = [[headers[i] for i in order], *[[row[i] for i in order] for row in rows]]
    table = build_table("form", "form.csv", grid, "Asia/Almaty")
    reading = read_form(table.headers, {}, "form.csv", sample_answers([table]))
    for field, column in _MUST_FIND.items():
        assert reading.mapping.get(field) == table.headers[order.index(column)], field


def _read(header: list[str], rows: list[list[str]]):
    table = build_table("list", "list.csv", [header, *rows], "Asia/Almaty")
    return read_form(table.headers, {}, "list.csv", sample_answers([table]))


_PEOPLE = [["Иванов Иван", "ivan@mail.kz"], ["Петрова Анна", "anna@mail.kz"],
           ["Сейткали Балжан", "b@mail.kz"], ["Ким Ольга", "olga@mail.kz"]] * 5


@pytest.mark.parametrize("question, answers, field", [
    # worded like a city, answered with institutions: the answers decide
    ("Откуда", ["КБТУ", "ЕНУ им. Л.Н. Гумилева", "NU", "Жұбанов университеті"], "institution"),
    ("Where from?", ["KBTU", "Nazarbayev University", "Satbayev University", "ENU"], "institution"),
    # answered as worded: the wording holds
    ("Откуда", ["Алматы", "Астана", "Шымкент", "Караганда"], "city"),
    ("Город", ["Алматы", "Астана", "Шымкент", "Караганда"], "city"),
    # programmes no list knows, one word each: not taken for a name part or anything else
    ("Специальность", ["Геоэкология", "Биоинформатика", "Агрохимия", "Нефтехимия"], "specialty"),
])
def test_a_wording_none_of_whose_answers_fit_yields_to_the_answers(question, answers, field):
    rows = [[*person, answers[i % len(answers)]] for i, person in enumerate(_PEOPLE)]
    reading = _read(["ФИО", "Почта", question], rows)
    assert reading.mapping.get(field) == question


def test_first_names_with_patronymics_under_their_own_question_are_the_first_name():
    """However many rows: with enough of them the answers count in full, and two words
    each once made the column a whole name's, which a surname question left no room for."""
    given = ["Салтанат", "Ерлан", "Айгерим", "Дана", "Марат", "Алия", "Тимур", "Асель",
             "Нурлан", "Жанар", "Ольга", "Денис", "Аружан", "Бауыржан", "Камила"]
    fathers = [("Асхатовна", "Асхатович"), ("Маратовна", "Маратович"), ("Болатқызы", "Болатұлы"),
               ("Серікқызы", "Серікұлы"), ("Викторовна", "Викторович")]
    surnames = ["Бекенова", "Омаров", "Ахметова", "Ким", "Сейткали", "Иванова", "Нуров"]
    rows = [[surnames[i % 7], f"{g} {fathers[j][i % 2]}", f"p{i}.{j}@mail.kz"]
            for i, g in enumerate(given) for j in range(len(fathers))] * 2
    reading = _read(["1. Ваша фамилия", "2. Имя и отчество", "Почта"], rows)
    assert reading.mapping.get("last_name") == "1. Ваша фамилия"
    assert reading.mapping.get("first_name") == "2. Имя и отчество"


_PHONES = ["87011234567", "+7 702 123 45 67", "8 705 765 43 21", "87771112233"]
_OTHER_PHONES = ["87019998877", "+7 747 000 11 22", "8 700 555 44 33", "87076665544"]
_EMAILS = ["n.serikov@gmail.com", "a.sadykova@kaznu.kz", "e.tulegenov@mail.ru", "kim@enu.kz"]


def _form(*columns: tuple[str, list[str]]):
    """A form of _PEOPLE (name and e-mail) with more columns, each (question, its answers)."""
    rows = [[*person, *(answers[i % len(answers)] for _, answers in columns)]
            for i, person in enumerate(_PEOPLE)]
    return _read(["ФИО", "Почта", *(q for q, _ in columns)], rows)


@pytest.mark.parametrize("columns, field, read_as", [
    # someone else's name or address is never the participant's, whatever its answers
    ((("Ғылыми жетекшіңіздің поштасы", _EMAILS),), "email", "Почта"),
    ((("Supervisor's e-mail", _EMAILS),), "email", "Почта"),

    # a second phone beside the usual one: the usual one; alone, it is the phone
    ((("Второй контактный номер", _OTHER_PHONES), ("Номер для связи", _PHONES)), "phone",
     "Номер для связи"),
    ((("Резервтік нөмір", _OTHER_PHONES), ("Ұялы байланыс", _PHONES)), "phone", "Ұялы байланыс"),
    ((("Alternate mobile number", _OTHER_PHONES),), "phone", "Alternate mobile number"),
    # where one was born is not where one is
    ((("Туған қаласы", ["Тараз", "Каскелен", "Семей", "Талгар"]),
      ("Тұрақты мекенжай (қала)", ["Алматы", "Астана", "Алматы", "Шымкент"])), "city",
     "Тұрақты мекенжай (қала)"),
    ((("Город рождения", ["Тараз", "Каскелен", "Семей", "Талгар"]),), "city", None),
    ((("Place of birth", ["Taraz", "Kaskelen", "Semey", "Talgar"]),), "city", None),
    # how one heard of the conference is no town (field test AA: "Instagram колледжа")
    ((("Откуда вы узнали о конференции?", ["Instagram колледжа", "От друзей", "От куратора"]),),
     "city", None),
    ((("Конференция туралы қайдан білдіңіз?", ["Instagram", "Достарымнан", "Мұғалімнен"]),),
     "city", None),
    ((("Where did you hear about PlastNet?", ["Instagram", "Friends", "University website"]),),
     "city", None),
    # how long one has worked is no field, whatever its words
    ((("Сколько лет вы работаете по специальности?", ["3", "10 лет", "5", "1 год"]),),
     "specialty", None),
    # a session's direction is the conference's, not one's programme
    ((("Направление секции", ["Переработка пластика", "Микропластик в воде", "Экология"]),),
     "specialty", None),
    ((("Session track", ["Polymer recycling", "Microplastics", "Ecology"]),), "specialty", None),
    # ... and so is a talk's (field test FD)
    ((("Направление доклада", ["Экопросвещение", "Химия и технология полимеров", "Экология"]),),
     "specialty", None),
    # a note or a comment holds whatever its writer adds, some of it like a field's answers
    ((("Примечание", ["4 курс, Биология", "с докладом", "Физика", "Информатика"]),),
     "specialty", None),
    ((("Ескертпе", ["Физика", "Биология", "баяндамамен", "Химия"]),), "specialty", None),
    ((("Comments", ["Ecology", "Chemistry", "with a talk", "Biology"]),), "specialty", None),
    # ... but a note worded as a field is that field
    ((("Примечание (специальность)", ["Физика", "Биология", "Экология", "Химия"]),),
     "specialty", "Примечание (специальность)"),
    # "How will you take part" in Kazakh is no city (қалай: how; қала: a city)
    ((("Қалай қатысасыз: бетпе-бет немесе онлайн?", ["Онлайн", "Бетпе-бет", "Онлайн"]),),
     "city", None),
])
def test_a_question_about_someone_or_something_else_is_not_the_participants(
        columns, field, read_as):
    assert _form(*columns).mapping.get(field) == read_as


@pytest.mark.parametrize("question, field", [
    ("Email (e.g. name@gmail.com)", "email"),  # an example is not the question's words
    ("Email, e.g. name@gmail.com", "email"),
    ("Телефон (например, 87011234567)", "phone"),
    ("Сiз кiмсiз?", "role"),  # Kazakh typed with a Latin i
    ("Қызметі", "role"),
    ("I am a...", "role"),
])
def test_unusual_wordings_of_a_field(question, field):
    assert wording_scores(question).get(field, 0) >= 0.75


@pytest.mark.parametrize("question", ["Accommodation required (Yes/No)", "Номер для связи",
                                      "Hotel needed (yes / no)"])
def test_a_question_that_only_mentions_no_or_number_is_no_row_number(question):
    assert wording_scores(question).get("row_number", 0) < 0.5


@pytest.mark.parametrize("sender, own", [
    ("От кого", "E-mail участника"), ("Sender", "E-mail участника"),
    ("Кімнен", "E-mail участника"),
    # named as a mail program names it (field test AS: "From" was the participant's e-mail)
    ("From", "E-mail"), ("От:", "Почта"), ("From (e-mail)", "Email")])
def test_who_sent_a_letter_is_the_participants_address_only_where_theirs_is_blank(sender, own):
    """An organizer's list: the letter's sender (an office forwarding a list, or the
    participant), before the participant's own address, given on half the rows."""
    rows = [[name, "iro@enu.kz" if i % 2 else email, email if i % 2 else ""]
            for i, (name, email) in enumerate(_PEOPLE)]
    reading = _read(["ФИО", sender, own], rows)
    assert reading.mapping["email"] == own
    assert reading.branches["email"] == (sender,)


@pytest.mark.parametrize("sender", ["От кого", "Sender", "Кімнен", "From"])
def test_who_sent_a_letter_is_the_participants_address_where_the_list_asks_none(sender):
    """Field test FE: an organizer's list whose only addresses are its letters' senders'
    (most wrote for themselves): two letters of one sender were two people."""
    rows = [[name, email] for name, email in _PEOPLE]
    reading = _read(["ФИО", sender], rows)
    assert reading.mapping["email"] == sender
    assert "email" not in reading.branches


@pytest.mark.parametrize("anothers, own, field", [
    # a district's list asks the supervisor's or a parent's phone only (field test FC)
    ("Телефон руководителя / родителя", None, "phone"),
    ("Жетекшінің телефоны", None, "phone"),
    ("Supervisor's e-mail", None, "email"),
    # beside the participant's own, someone else's is never theirs
    ("Телефон руководителя", "Телефон участника", "phone"),
])
def test_a_contact_asked_of_someone_else_only_is_the_one_each_row_came_with(anothers, own,
                                                                            field):
    phones = [f"+7 (701) 384-{n:02d}-{n + 20:02d}" for n in range(len(_PEOPLE))]
    answers = [f"{n}.{email}" if field == "email" else phone
               for n, ((_, email), phone) in enumerate(zip(_PEOPLE, phones))]
    header = ["ФИО", anothers, *([own] if own else [])]
    rows = [[name, answer, *([phone] if own else [])]
            for (name, _), answer, phone in zip(_PEOPLE, answers, reversed(phones))]
    reading = _read(header, rows)
    assert reading.mapping[field] == (own or anothers)
    assert not own or anothers not in reading.mapping.values()
    # beside an address of the participant's own, a supervisor's phone is not theirs
    rows = [[name, phone, email] for (name, email), phone in zip(_PEOPLE, phones)]
    reading = _read(["ФИО", "Телефон руководителя", "E-mail участника"], rows)
    assert "phone" not in reading.mapping


@pytest.mark.parametrize("account, own", [
    ("Адрес электронной почты", "E-mail участника (если отличается от адреса выше)"),
    ("Электрондық пошта мекенжайы", "Қатысушының жеке email-ы (міндетті емес)"),
    ("Email Address", "Participant's own e-mail (if different)")])
def test_the_participants_own_address_before_the_account_that_answered(account, own):
    """Field test AS: a teacher answers the form for her pupils from her Google account,
    typing a pupil's own address where there is one: that is the pupil's, the account's
    address theirs only where none was typed."""
    rows = [["2025-02-10 10:00:00", "teacher@school.kz", name, email if i % 3 else ""]
            for i, (name, email) in enumerate(_PEOPLE)]
    reading = _read(["Отметка времени", account, "ФИО", own], rows)
    assert reading.mapping["email"] == own
    assert reading.branches["email"] == (account,)
    assert reading.account == account


def test_an_example_answer_in_a_header_does_not_make_it_an_answer():
    rows = [[name, email] for name, email in _PEOPLE]
    reading = _read(["ФИО", "Email (e.g. name@gmail.com)"], rows)
    assert reading.mapping["email"] == "Email (e.g. name@gmail.com)"
    with pytest.raises(SourceError, match="looks like answers"):
        _read(["Иванов Иван", "ivan@mail.kz"], rows)  # a respondent's row: still refused


def test_a_field_config_says_the_form_does_not_ask_gets_no_question():
    rows = [[*person, ["Тараз", "Семей", "Талгар", "Каскелен"][i % 4]]
            for i, person in enumerate(_PEOPLE)]
    table = build_table("list", "list.csv", [["ФИО", "Почта", "Город"], *rows], "Asia/Almaty")
    answers = sample_answers([table])
    assert read_form(table.headers, {}, "list.csv", answers).mapping.get("city") == "Город"
    reading = read_form(table.headers, {"city": ""}, "list.csv", answers)
    assert "city" not in reading.mapping
    assert reading.mapping["email"] == "Почта"  # the rest read as before


def test_a_few_small_numbers_are_no_row_numbers_unless_worded_so():
    """On the first day, "Курс" answered 2, 3 and 1 is kept as an answer (row numbers are
    left out of the report); "№" over the same numbers is the rows' numbering."""
    rows = [[*person, number] for person, number in zip(_PEOPLE[:3], ["2", "3", "1"])]
    assert _read(["ФИО", "Почта", "Курс"], rows).mapping.get("row_number") is None
    assert _read(["ФИО", "Почта", "№"], rows).mapping.get("row_number") == "№"


@pytest.mark.parametrize("header, numbers, numbering", [
    ("Column 4", ["1", "2", "3", "4", "5", "6", "7"], True),
    ("Column 4", ["1", "2", "3", "5", "6", "7", "8"], True),  # a row deleted
    ("Column 4", ["16", "54", "17", "45", "46", "26", "43"], False),  # ages
    ("Сколько вам лет?", ["32", "60", "55", "27", "34", "19", "28"], False),
    ("Column 4", ["16", "17", "26", "27", "28", "43", "45"], False),  # ages close together
])
def test_only_numbers_that_step_evenly_from_the_start_are_a_lists_numbering(
        header, numbers, numbering):
    rows = [[*person, number] for person, number in zip(_PEOPLE, numbers)]
    read = _read(["ФИО", "Почта", header], rows).mapping.get("row_number")
    assert (read == header) is numbering


def test_a_choice_between_a_few_options_is_not_a_first_name():
    """Meaningless headers: "Очно" and "Онлайн" answered over and over are no first names."""
    given = ["Ержан", "Темірлан", "Екатерина", "Ару", "Виктор", "Дана", "Марат", "Алия",
             "Тимур", "Асель", "Нурлан", "Жанар", "Ольга", "Денис"]
    rows = [[f"{i}@mail.kz", surname, name, ["Очно", "Онлайн", "Дистанционно"][i % 3]]
            for i, (surname, name) in enumerate(zip(
                ["Юсупов", "Қасымов", "Соловьёва", "Мусина", "Лебедев", "Бекова", "Омаров",
                 "Ким", "Нуров", "Сейткали", "Ахметова", "Иванова", "Тулегенов", "Ли"], given))]
    assert _read(["Q1", "Q2", "Q3", "Q4"], rows).mapping.get("first_name") == "Q3"


@given(st.lists(st.text(alphabet="0123456789¹²³٣ ", min_size=1, max_size=4), min_size=5,
                max_size=30))
def test_numbers_of_any_script_never_break_reading_a_column(values):
    """"¹" is a digit to Python but no number int() reads."""
    table = build_table("list", "list.csv", [["Q"], *[[v] for v in values]], "Asia/Almaty")
    content_shares(sample_answers([table])["Q"])


@pytest.mark.parametrize("header, note", [
    ("Примечание", True), ("Примечания организатора", True), ("Ескертпе", True),
    ("Ескерту", True), ("Notes", True), ("Comment", True), ("Комментарий", True),
    # a question put to the participants, or a word that only begins alike
    ("Оставьте комментарий к докладу", False), ("Notebook", False), ("Тема доклада", False),
])
def test_the_organizers_notes_column(header, note):
    assert is_note(header) == note
