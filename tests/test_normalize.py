"""normalize() as a whole: every field read, what was typed kept beside it, bounded work."""

from __future__ import annotations

import pandas as pd
import pytest

from sync.config import NormalizeConfig
from sync.normalize import FIELDS, MAX_READ_CHARS, RAW_SUFFIX, load_reference, normalize

ORDINARY = {"full_name": "Смагулова Айгерим Болатовна", "email": "aigerim@example.kz",
            "phone": "8 707 428 93 78", "institution": "КазНУ им. аль-Фараби",
            "specialty": "6B05201 Экология", "role": "студентка 2 курса", "city": "г. Алматы"}
# Google lets a respondent type 50,000 characters into one answer.
GOOGLE_CELL_LIMIT = 50_000


def _responses(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{"source": "form", "source_row": n, "submitted_at": pd.NaT,
                          "submitted_at_raw": "", **row} for n, row in enumerate(rows, start=2)])


def test_a_huge_answer_is_read_by_its_start_and_kept_whole():
    """50,000 characters in every field cost what their first MAX_READ_CHARS do: the clean
    values are those of the start, and the whole answer stays as typed."""
    filler = " ".join(["очень длинный ответ"] * (GOOGLE_CELL_LIMIT // 20))[:GOOGLE_CELL_LIMIT]
    huge = {field: value + " " + filler for field, value in ORDINARY.items()}
    start = {field: value[:MAX_READ_CHARS] for field, value in huge.items()}
    reference = load_reference(NormalizeConfig())
    cleaned = normalize(_responses([huge, start]), reference)
    for field in FIELDS:
        assert cleaned.loc[0, field] == cleaned.loc[1, field], field
        assert cleaned.loc[0, field + RAW_SUFFIX] == huge[field]


def test_ordinary_answers_are_read_whole():
    cleaned = normalize(_responses([ORDINARY]), load_reference(NormalizeConfig()))
    assert cleaned.loc[0, "full_name"] == "Смагулова Айгерим Болатовна"
    assert cleaned.loc[0, "phone"] == "+77074289378"
    assert cleaned.loc[0, "institution_id"] == "kaznu"
    assert cleaned.loc[0, "city"] == "Алматы"


@pytest.mark.parametrize("role, specialty, read_as", [
    # each answer in the other's question: put back
    ("Химическая технология органических веществ", "доцент",
     ("teacher", "chem_tech_organic", "role.swapped_with_specialty")),
    ("Экология", "магистрант 1 курса", ("master", "ecology", "role.swapped_with_specialty")),
    ("Қоршаған ортаны қорғау", "оқытушы",
     ("teacher", "environmental_protection", "role.swapped_with_specialty")),
    ("Chemistry", "2nd year student", ("student", "chemistry", "role.swapped_with_specialty")),
    # one of them reads right in its own place: nothing moves
    ("студент", "Экология", ("student", "ecology", "")),
    ("Экология", "Биология", ("other", "biology", "role.unknown")),
    ("доцент", "доцент", ("teacher", "", "")),
    ("Экология", "", ("other", "", "role.unknown")),
])
def test_a_role_and_a_specialty_typed_into_each_others_question_are_swapped_back(
        role, specialty, read_as):
    cleaned = normalize(_responses([{**ORDINARY, "role": role, "specialty": specialty}]),
                        load_reference(NormalizeConfig()))
    row = cleaned.loc[0]
    assert (row["role"], row["specialty_id"], row["role_note"]) == read_as
    assert (row["role_raw"], row["specialty_raw"]) == (role, specialty)  # as typed, still


@pytest.mark.parametrize("email, phone, read_as", [
    # one question for either ("Телефон (WhatsApp) или e-mail"), or a slip
    ("", "aigerim@example.kz", ("aigerim@example.kz", "")),
    ("8 707 428 93 78", "", ("", "+77074289378")),
    # both in one answer (a list's "Контакты", field test AE): each read out of it
    ("+7 776 906 84 66, g.kim@example.kz", "", ("g.kim@example.kz", "+77769068466")),
    ("", "87015550000 / g.kim@example.kz", ("g.kim@example.kz", "+77015550000")),
    ("ivan2004@example.kz", "", ("ivan2004@example.kz", "")),  # an address's digits are its own
    # both answered, or the other not blank: each stays where it was typed
    ("aigerim@example.kz", "8 707 428 93 78", ("aigerim@example.kz", "+77074289378")),
    ("asel@example.kz", "aigerim@example.kz", ("asel@example.kz", "")),
    ("", "нет", ("", "")),
])
def test_an_e_mail_typed_as_the_phone_and_the_other_way_round_go_to_their_field(
        email, phone, read_as):
    cleaned = normalize(_responses([{**ORDINARY, "email": email, "phone": phone}]),
                        load_reference(NormalizeConfig()))
    assert (cleaned.loc[0, "email"], cleaned.loc[0, "phone"]) == read_as
    assert (cleaned.loc[0, "email_raw"], cleaned.loc[0, "phone_raw"]) == (email, phone)


@pytest.mark.parametrize("name, institution, read_as", [
    # the name's question answered with the place of study too, its own left blank
    ("Смирнова Анна Сергеевна, Satbayev University", "", ("Смирнова Анна Сергеевна", "satbayev")),
    ("Смирнова Анна Сергеевна (КазНУ им. аль-Фараби), 2 курс", "",
     ("Смирнова Анна Сергеевна", "kaznu")),
    # the institution's own answer is the one read
    ("Смирнова Анна Сергеевна, Satbayev University", "ЕНУ", ("Смирнова Анна Сергеевна", "enu")),
    ("Смирнова Анна Сергеевна, 2 курс", "", ("Смирнова Анна Сергеевна", "")),
    # typed right after the name, with no comma
    ("Смирнова Анна Сергеевна КазНУ им. аль-Фараби", "", ("Смирнова Анна Сергеевна", "kaznu")),
    ("Smirnova Anna Satbayev University", "", ("Smirnova Anna", "satbayev")),
])
def test_an_institution_typed_beside_the_name_is_the_institution(name, institution, read_as):
    cleaned = normalize(_responses([{**ORDINARY, "full_name": name, "institution": institution}]),
                        load_reference(NormalizeConfig()))
    assert (cleaned.loc[0, "full_name"], cleaned.loc[0, "institution_id"]) == read_as


def test_where_no_role_is_asked_the_year_question_says_it():
    """An organizer's list with "Сынып / курс" and no status: a class or a course is a
    learner's, "мұғалім" a teacher's; a role answered, or an answer not understood, stays."""
    answers = [("", "7 Ә"), ("", "9-Б"), ("", "мұғалім"), ("", "2 курс"), ("Преподаватель", "3"),
               ("", "кабинет 12"), ("", "")]
    rows = [{**ORDINARY, "role": role, "specialty": "", "q: Сынып / курс": year}
            for role, year in answers]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["role"].tolist() == ["student", "student", "teacher", "student", "teacher",
                                        "", ""]
    assert cleaned["role_raw"].tolist() == [role for role, _ in answers]


def test_an_other_choice_leaves_the_year_question_to_say_the_role():
    """Field test FC: "Басқа / Другое" chosen as the status, "библиотекарь" typed where the
    form asks the class or the subject: a school's librarian."""
    answers = [("Басқа / Другое", "библиотекарь"), ("Оқушы", "7 Ә"), ("Оқушы", "9 Б"),
               ("Другое", "10 А"), ("Басқа / Другое", "")]
    rows = [{**ORDINARY, "institution": "Школа №17 г. Тараз", "role": role, "specialty": "",
             "q: Сынып немесе пән / Класс или предмет": year} for role, year in answers]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["role"].tolist() == ["staff", "student", "student", "student", "other"]


def test_an_other_choice_beside_a_position_typed_as_the_specialty_is_that_position():
    """Field test FD: "Другое" chosen, "лаборант" or "мастер п/о" typed as the specialty:
    a university's lab assistant, a college's production-training master; a programme typed
    there stays the specialty."""
    answers = [("Другое", "лаборант", "Satbayev University"),
               ("Другое", "мастер п/о", "Алматинский гос. политехнический колледж"),
               ("Другое", "Экология", "Satbayev University"), ("Студент", "лаборант", "КазНУ")]
    rows = [{**ORDINARY, "role": role, "specialty": specialty, "institution": institution}
            for role, specialty, institution in answers]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["role"].tolist() == ["staff", "teacher", "other", "student"]
    assert cleaned["specialty"].tolist()[:3] == ["", "", "Экология"]


def test_a_year_of_a_masters_programme_says_which_student():
    """Field test FE: "Студент" chosen, "2 курс магистратуры" answered as the year: a
    master's student; a bachelor's year or a teacher's answer stays as chosen."""
    answers = [("Студент", "2 курс магистратуры"), ("Студент", "1 курс докторантуры"),
               ("Студент", "3 курс"), ("Преподаватель", "магистр"), ("Студент", "")]
    rows = [{**ORDINARY, "role": role, "specialty": "", "q: Курс / должность": year}
            for role, year in answers]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["role"].tolist() == ["master", "phd", "student", "teacher", "student"]


@pytest.mark.parametrize("place, colleague, role", [
    # a place no directory knows that says no kind of place, its people all workers
    ("Recycle Partners", "Project manager", "other"),
    ("Каспий Экосервис", "директор", "other"),
    ("EcoPlast", "менеджер", "other"),  # a brand's humps of capitals, no abbreviation
    # a research institute's, a school's, a college's staff are staff
    ("НИИ почвоведения", "научный сотрудник", "staff"),
    ("Школа №17 г. Тараз", "библиотекарь", "staff"),
    # an unknown abbreviation may be a university's, and so may a kind typed with a slip
    ("КазНИИПиА", "научный сотрудник", "staff"),
    ("Абай универистеті", "методист", "staff"),
    # a learner there: a place of learning
    ("Recycle Partners", "студент", "staff"),
])
def test_staff_of_a_place_that_is_no_place_of_learning_are_other(place, colleague, role):
    """Field tests FB and FE: "Recycle Partners", "Каспий Экосервис" are firms; their
    managers and directors are neither learners' nor teachers' colleagues."""
    rows = [{**ORDINARY, "institution": place, "specialty": "", "role": "методист",
             "q: Курс / должность": ""},
            {**ORDINARY, "institution": place, "specialty": "", "role": colleague,
             "q: Курс / должность": "менеджер по устойчивому развитию"}]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["role"].iloc[0] == role


def test_a_position_answered_where_the_year_is_asked_is_read_beside_the_place():
    """Field test FE: "Курс / должность" answered "менеджер по устойчивому развитию" by
    someone of a firm, whose legal form says it is one."""
    rows = [{**ORDINARY, "institution": "ТОО ЭкоПласт Ресайклинг", "role": "",
             "specialty": "", "q: Курс / должность": "менеджер по устойчивому развитию"},
            *({**ORDINARY, "role": "", "q: Курс / должность": f"{year} курс"}
              for year in (1, 2, 3))]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["role"].tolist() == ["other", "student", "student", "student"]


def test_the_study_group_is_read_where_a_question_asks_it():
    rows = [{**ORDINARY, "q: Топ / группа": group} for group in ("гр. ХТ-22-1", "хт 22-1", "")]
    # a curator's group is her students', which tells no two teachers apart
    rows.append({**ORDINARY, "role": "куратор", "q: Топ / группа": "ХТ-22-1"})
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    first, second, third, curators = cleaned["study_group"].tolist()
    assert first == second != "" and third == curators == ""


def test_a_year_asked_on_its_own_is_read_beside_the_role():
    rows = [{**ORDINARY, "role": "Студент", "q: Курс (класс)": "3"},
            {**ORDINARY, "q: Курс (класс)": "4"}]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["study_year"].tolist() == ["3", "2"]  # the role's own "2 курса" first


def test_an_unknown_organisation_is_told_from_an_unknown_place_of_learning():
    """institution_outside: an NGO's, a firm's, a government body's name the directory does
    not know (it lists places of learning only), for the review (field test AG)."""
    rows = [{**ORDINARY, "institution": name} for name in
            ("ОФ «Экомузей»", "ТОО «Kagazy Recycling»", "Колледж №5", "КазНУ",
             # a firm's group shown without the legal form its spellings give
             "Казэкология", "ТОО «Казэкология»", "Казэкология")]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["institution_outside"].tolist() == [True, True, False, False,
                                                       False, True, False]


def test_a_position_saying_no_role_takes_the_category_chosen_beside_it():
    """"Должность" read as the role, "Категория участника" a choice beside it: where the
    position says no role ("эксперт"), the category does (field test AG)."""
    rows = [{**ORDINARY, "role": position, "q: Категория участника": category}
            for position, category in (("эксперт", "Студент"),
                                       ("доцент", "Студент"),  # a role said is kept
                                       ("", "Преподаватель"),
                                       ("редактор", "Государственный служащий"))]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["role"].tolist() == ["student", "teacher", "teacher", "other"]


@pytest.mark.parametrize("institution, role", [
    ("АРУ им. К. Жубанова", "teacher"),  # a university of the directory, by its abbreviation
    ("Satbayev University", "teacher"),
    ("Институт ботаники и фитоинтродукции", "staff"),  # a research institute's staff
])
def test_a_universitys_researcher_is_counted_with_its_teachers(institution, role):
    """Field test AG: "ведущий научный сотрудник" of a university, whose form offered
    "Преподаватель / научный сотрудник" as one category."""
    rows = [{**ORDINARY, "role": "ведущий научный сотрудник", "institution": institution}]
    cleaned = normalize(_responses(rows), load_reference(NormalizeConfig()))
    assert cleaned["role"].tolist() == [role]
