"""Roles from free text in Russian, Kazakh and English; the programme code when it is blank."""

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from sync.fields import ROLES as REPORT_ROLES
from sync.normalize.roles import COLUMNS, ROLE_PRIORITY, normalize_roles
from sync.normalize.text import NO_ANSWER, clean_text

CASES = {
    "student": ["студ.", "B.Sc. student", "студент", "Студентка", "бакалавр", "обучающийся", "2 курс", "3-курс",
                "учащийся", "студент колледжа", "білім алушы", "студент 4 курса",
                "undergraduate", "Bachelor", "STUDENT", "студетн", "Студент 2-го курса",
                # a school's pupils are students too
                "школьник", "оқушы", "oqýshy",
                "студент 4 курса, бакалавриат", "студентпін", "Studentpin", "курсант",
                "Faculty of Ecology student",
                # the 2018 Kazakh Latin alphabet
                "2-kurs stýdenti", "3-kýrs bilimgeri",
                # a choice naming two levels as alternatives says only "learner" (field test AI)
                "Обучающийся (студент/магистрант)", "студент или магистрант",
                "Білім алушы (студент / магистрант)", "Student / Master's student",
                "студент немесе магистрант"],
    "master": ["M.Sc. student", "M. Sc.", "магистрант", "магистрантка", "магистр", "магистратура",
               "1 курс магистратуры",
               "master's student", "MSc student", "магитрант", "Магистрант 2 курса",
               "Магистрант 1 курса", "магистрантпын", "Magistrant", "graduate student",
               "магистрант (научно-педагогическое направление)", "Magıstrant",
               "маг.", "маг. 1 курс"],  # a list's shorthand (field test AE)
    "phd": ["докторант", "PhD student", "PhD-докторант", "phd докторантура", "докторант PhD",
            "PhD", "Ph.D. candidate", "doctoral student", "аспирант", "Doktorant", "асп."],
    "teacher": ["преподаватель", "ст. преподаватель", "старший преподаватель", "преподователь",
                "доцент", "профессор", "ассоц. профессор", "оқытушы", "аға оқытушы",
                "lecturer", "Professor", "Senior Lecturer", "teacher", "учитель", "педагог",
                "куратор", "мұғалім", "учитель биологии", "ППС", "ст. преп.",
                "associate professor", "assistant professor", "қауымдастырылған профессор",
                "Oqytushy", "ассистент кафедры", "тәрбиеші", "научный руководитель",
                "Faculty", "Faculty member", "Faculty / teaching staff", "Academic staff",
                # the head of a department (кафедра) is one of its teaching staff (ППС)
                "заведующий кафедрой", "зав. кафедрой", "кафедра меңгерушісі",
                "Head of Department", "Head of the Department of Ecology, PhD",
                "department head",
                "aǵa oqytýshy", "mektep muǵalimi",
                # a college's master of vocational training (field test AH)
                "Өндірістік оқыту шебері", "Production training master",
                "Master of industrial training", "мастер производственного обучения"],
    "staff": ["сотрудник", "сотрудница", "методист", "инженер", "лаборант",
              "зав. лабораторией", "декан", "администратор", "специалист", "researcher",
              "научный сотрудник", "ғылыми қызметкер", "engineer", "Research assistant",
              "lab technician", "әдіскер", "зертханашы", "исследователь",
              "инженер лаборатории"],
    "other": ["гость", "guest", "выпускник", "түлек", "волонтер",
              "ерікті", "volunteer", "слушатель", "тыңдаушы", "представитель компании",
              "эколог"],
}


def test_roles_are_the_reports():
    assert set(ROLE_PRIORITY) == set(REPORT_ROLES) == set(CASES)


@pytest.mark.parametrize(("raw", "role"), [(raw, role) for role, texts in CASES.items()
                                           for raw in texts])
def test_recognised_role(raw, role):
    assert normalize_roles([raw]).iloc[0].tolist() == [role, ""]


# Each rule, in Russian, Kazakh and English.
@pytest.mark.parametrize(("raw", "role"), [
    # a course or year alone is a student's
    ("2 курс", "student"), ("1 г.о.", "student"), ("3-й курс", "student"),
    # its number alone, under "Курс" or "Класс"
    ("2", "student"), ("10", "student"), ("11", "student"),
    # a school's class by its number and letter alone (an organizer's "Статус / класс")
    ("9 А", "student"), ("10Ә", "student"), ("11-Б", "student"), ("7 «В»", "student"),
    # Kazakh letters a Windows-1251 file lost ("?"): read as the one that makes a role
    ("О?ытушы", "teacher"), ("М??алім", "teacher"), ("аға о?ытушы", "teacher"),
    ("О?ушы", "student"),
    # ... the first letter too (field test FD: a college's production training masters)
    ("?ндірістік о?ыту шебері", "teacher"), ("?ызметкер", "staff"),
    ("воспитатель", "teacher"), ("воспитательница", "teacher"),
    # an office for students names no student (field test FB)
    ("Program coordinator, Office of Student Affairs", "staff"),
    ("координатор, департамент по делам студентов", "staff"),
    # a graduate: the level she names is the one she left (field test FE)
    ("выпускник бакалавриата, не работаю", "other"), ("выпускница магистратуры", "other"),
    ("alumna, senior lecturer", "teacher"), ("graduate student", "master"),
    # an American college's year said alone (field test FB)
    ("Junior", "student"), ("Senior", "student"), ("senior year", "student"),
    ("Senior lecturer", "teacher"),
    ("2 года обучения", "student"), ("2 курста оқимын", "student"), ("3 курс", "student"),
    ("2 year", "student"), ("2nd year", "student"), ("first-year", "student"),
    # a pupil of a school or of a college is a student
    ("ученик 10 класса", "student"), ("ученица 11 класса", "student"), ("10 класс", "student"),
    ("оқушы", "student"), ("мектеп оқушысы", "student"), ("11 сынып", "student"),
    ("school pupil", "student"), ("high school student", "student"), ("grade 10", "student"),
    ("учащийся колледжа", "student"), ("студент колледжа", "student"),
    ("колледж студенті", "student"), ("колледж оқушысы", "student"),
    ("college student", "student"),
    # academic titles and degrees
    ("к.х.н.", "teacher"), ("к.б.н., доцент кафедры", "teacher"), ("д.т.н.", "teacher"),
    ("кандидат химических наук", "teacher"), ("химия ғылымдарының кандидаты", "teacher"),
    ("Candidate of Sciences", "teacher"), ("Dr.", "teacher"),
    ("PhD, associate professor", "teacher"), ("PhD, ассоц. профессор", "teacher"),
    ("доктор PhD", "teacher"), ("PhD, қауымдастырылған профессор", "teacher"),
    ("PhD student", "phd"), ("докторант PhD", "phd"), ("PhD докторант", "phd"),
    # researchers where no university is named (a university's: test_roles_field) and lab
    # staff; officials, NGOs, companies: other
    ("научный сотрудник", "staff"), ("ғылыми қызметкер", "staff"), ("researcher", "staff"),
    ("независимый исследователь", "other"), ("Independent researcher", "other"),
    ("тәуелсіз зерттеуші", "other"), ("жеке кәсіпкер", "other"),
    ("сотрудник НПО", "other"), ("сотрудник ОО «Экофорум»", "other"),
    ("NGO coordinator", "other"), ("ҮЕҰ қызметкері", "other"),
    ("главный специалист акимата", "other"), ("госслужащий", "other"),
    ("мемлекеттік қызметші", "other"), ("civil servant", "other"),
    ("инженер-эколог", "other"), ("менеджер ТОО", "other"), ("company engineer", "other"),
    ("специалист управления природных ресурсов", "other"),
    ("главный специалист департамента экологии", "other"),
    ("Environmental engineer at TOO", "other"), ("директор ОФ «Эко»", "other"),
    # school teachers are teachers
    ("учитель биологии", "teacher"), ("учитель школы", "teacher"), ("мұғалім", "teacher"),
    ("school teacher", "teacher"), ("классный руководитель", "teacher"),
    ("бастауыш сынып мұғалімі", "teacher"), ("ұстаз", "teacher"),
    ("мастер производственного обучения", "teacher"),
    # answers as people write them, with more words around the role
    ("учусь в магистратуре", "master"), ("обучаюсь на 2 курсе", "student"),
    ("undergraduate student", "student"), ("BSc student, 3rd year", "student"),
    ("студентпін, 3 курс", "student"), ("PhD докторанты", "phd"),
    ("докторант-исследователь", "phd"), ("д.х.н., профессор", "teacher"),
    ("PhD, ст. преподаватель", "teacher"), ("колледж оқытушысы", "teacher"),
    ("Teaching assistant", "teacher"), ("лаборант-исследователь", "staff"),
    # a learner's assistantship: what she studies says her role (field test FB)
    ("Master's student & teaching assistant", "master"),
    ("PhD student, teaching assistant", "phd"), ("Teaching assistant, 2nd year", "student"),
    ("1 к.", "student"),  # a course shortened (field test FE)
    ("зам. декана", "staff"), ("деканның орынбасары", "staff"),
    ("Senior Research Fellow", "staff"), ("Postdoctoral researcher", "staff"),
    ("учащийся 10 класса", "student"), ("9 сынып оқушысы", "student"),
    # one who registers or brings a group of learners is not one of them, but a learner of
    # a group (студент группы ИС-21) or registering as one is
    ("Регистрирую группу учащихся", "teacher"), ("Оқушылар тобын тіркеймін", "teacher"),
    ("Registering a group of students", "teacher"), ("accompanying my pupils", "teacher"),
    ("Оқушыларыммен бірге", "teacher"), ("студенттер тобының жетекшісі", "teacher"),
    ("Регистрирую учеников 9 класса", "teacher"), ("Group leader", "teacher"),
    ("родитель, сопровождаю детей", "other"), ("магистрант, регистрирую студентов", "master"),
    ("Студент группы ИС-21", "student"), ("регистрируюсь как студент", "student"),
    ("student with a group", "student"), ("Студенты", "student"),
    ("Оқушы ретінде тіркелемін", "student"),
    # a role said not to be is none
    ("Сотрудник вуза (не ППС)", "staff"), ("ППС емес қызметкер", "staff"),
    ("non-academic staff", "staff"), ("не студент, преподаватель", "teacher"),
])
def test_rule(raw, role):
    assert normalize_roles([raw])["role"][0] == role


@pytest.mark.parametrize(("raw", "institution", "role"), [
    # a learner is a student wherever they learn
    ("учащийся", "СОШ №12 г. Павлодар", "student"),
    ("учащийся", "Мектеп-гимназия №5", "student"),
    ("учащийся", "ОСШ №25 г. Астана", "student"),
    ("оқушы", "КТЛ, Астана", "student"),
    ("учащийся", "Колледж связи №2", "student"),
    ("учащийся", "КазНУ", "student"),
    ("білім алушы", "№56 гимназия", "student"),
    ("ученик", "Высший колледж APEC Petrotechnic", "student"),
    ("ученик", "", "student"),
    ("студент", "Школа №12", "student"),
    # staff of an NGO or a company is "other", as the answer saying so would be
    ("бас маман", "«Eco Qazaqstan» қоғамдық бірлестігі", "other"),
    ("бас маман", "КазНУ", "staff"),
    ("ЖШС директоры", "", "other"),
    # named by its legal form, or a society, in three languages
    ("главный специалист", "ТОО «KazWaste Recycling»", "other"),
    ("бас маман", "«KazWaste Recycling» ЖШС", "other"),
    ("инженер", "АО «КазМунайГаз»", "other"),
    ("руководитель", "Экологическое общество «Зелёное спасение»", "other"),
    ("Program manager", "Green Salvation Ecological Society", "other"),
    # a university that is a joint-stock company is a university
    ("специалист", "НАО «Казахский национальный университет им. аль-Фараби»", "staff"),
    ("лаборант", "АО «Университет Нархоз»", "staff"),
    # a state enterprise, a fund
    ("главный специалист", "ГКП «Астана Тазалык»", "other"),
    ("главный специалист", "Экофонд «Зелёная степь»", "other"),
])
def test_read_beside_the_institution(raw, institution, role):
    assert normalize_roles([raw], None, [institution])["role"][0] == role


@pytest.mark.parametrize(("raw", "expected"), [
    ("абракадабра", ("other", "role.unknown")),
    ("  ??? ", ("other", "role.unknown")),
    ("???", ("other", "role.unknown")),
    ("-", ("", "")),  # says nothing: as good as blank, as are "нет", "жоқ"
    ("нет", ("", "")),
    ("жоқ", ("", "")),
    ("25", ("other", "role.unknown")),
    ("Да", ("other", "role.unknown")),
    ("участница", ("other", "role.unknown")),  # everyone is a participant: not a role
    ("participant", ("other", "role.unknown")),
    ("преподаватель, магистрант", ("teacher", "role.several|teacher|master")),
    ("докторант, методист", ("phd", "role.several|phd|staff")),
    ("оқытушы, магистрант", ("teacher", "role.several|teacher|master")),
    ("lecturer and PhD student", ("teacher", "role.several|teacher|phd")),
    ("студент, волонтер", ("student", "role.several|student|other")),
    ("", ("", "")),
])
def test_unrecognised_and_mixed(raw, expected):
    assert tuple(normalize_roles([raw]).iloc[0]) == expected


@pytest.mark.parametrize(("raw", "code", "expected"), [
    ("", "7M07101", ("master", "role.from_code|7M")),
    ("", "8D07101", ("phd", "role.from_code|8D")),
    ("", "6B07101", ("student", "role.from_code|6B")),
    ("", "5В072100", ("student", "role.from_code|5B")),  # Cyrillic В
    ("", "7м07101", ("master", "role.from_code|7M")),  # Cyrillic м
    ("", "", ("", "")),
    ("", "unknown", ("", "")),
    ("преподаватель", "7M07101", ("teacher", "")),  # the text wins over the code
])
def test_role_from_programme_code(raw, code, expected):
    assert tuple(normalize_roles([raw], [code]).iloc[0]) == expected


@pytest.mark.parametrize(("raw", "institution", "expected"), [
    # no role answered, from a place that is neither a place of learning nor unknown
    ("", "Управление природных ресурсов Актюбинской области", ("other", "role.from_place")),
    ("-", "«Таза Павлодар» ҚБ", ("other", "role.from_place")),  # a public association
    ("", "ОО «Зелёное спасение»", ("other", "role.from_place")),
    ("", "Білім бөлімі, Павлодар", ("other", "role.from_place")),  # a department
    ("", "Отдел образования г. Павлодар", ("other", "role.from_place")),
    ("", "КГУ «Средняя школа №12» отдела образования акимата", ("", "")),  # a school
    ("", "КазНУ", ("", "")),
    ("", "", ("", "")),
])
def test_no_role_answered_from_a_workplace_is_other(raw, institution, expected):
    assert tuple(normalize_roles([raw], None, [institution]).iloc[0]) == expected


def test_one_row_per_input_in_order_and_blank_cells():
    frame = normalize_roles(["студент", None, float("nan"), "СТУДЕНТ"], ["", "8D01", None, ""])
    assert list(frame.columns) == COLUMNS
    assert frame["role"].tolist() == ["student", "phd", "", "student"]


def test_codes_and_institutions_must_run_beside_values():
    with pytest.raises(ValueError):
        normalize_roles(["студент"], [])
    with pytest.raises(ValueError):
        normalize_roles(["студент"], None, [])


def test_keeps_the_index_of_a_series():
    assert normalize_roles(pd.Series(["студент"], index=[9])).index.tolist() == [9]


@given(st.lists(st.text()))
def test_never_raises_and_keeps_length(values):
    frame = normalize_roles(values)
    assert len(frame) == len(values)
    assert set(frame["role"]) <= set(REPORT_ROLES) | {""}


@given(st.text())
def test_idempotent(raw):
    once = normalize_roles([raw])["role"][0]
    assert normalize_roles([once])["role"][0] == once


@given(st.text())
def test_empty_role_only_for_blank_input(raw):
    # an answer that exists is never "not given": not understood, it is "other" for review;
    # but one that says nothing ("-", "нет") is as good as blank
    role, note = normalize_roles([raw]).iloc[0]
    said = clean_text(raw)
    assert bool(role) == bool(said and said.casefold() not in NO_ANSWER)
    assert note != "role.unknown" or role == "other"
