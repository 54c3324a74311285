"""Roles as three field tests found them: pupils, classes with their letter, English titles,
research staff, librarians, deputy directors of schools, officials of government bodies."""

import pytest
from hypothesis import given, strategies as st

from sync.normalize.roles import A_UNIVERSITY, normalize_roles


def role_of(raw: str, institution: str | None = None) -> tuple[str, str]:
    institutions = None if institution is None else [institution]
    return tuple(normalize_roles([raw], None, institutions).iloc[0])


# A school's pupil is a student, as are the students of universities and colleges.
@pytest.mark.parametrize("raw", [
    "ученик 10 класса", "ученица", "школьник", "школьница", "учащийся школы", "учащаяся",
    "старшеклассник", "оқушы", "мектеп оқушысы", "9-сынып оқушысы", "10 сынып оқушысымын",
    "high school student", "school pupil", "pupil", "schoolgirl", "grade 10", "10th grade",
    "Year 11", "High school",
])
def test_a_pupil_is_a_student(raw):
    assert role_of(raw) == ("student", "")


@pytest.mark.parametrize(("raw", "institution"), [
    ("учащийся", "КГУ «Средняя школа №12» отдела образования г. Павлодар"),
    ("оқушы", "№45 жалпы білім беретін орта мектеп"),
    ("pupil", "Nazarbayev Intellectual School of Astana"),
    ("ученица", "Гимназия №56"),
])
def test_a_pupil_is_a_student_at_a_school(raw, institution):
    assert role_of(raw, institution) == ("student", "")


@pytest.mark.parametrize(("raw", "role"), [
    # a school's teachers, staff and graduates keep their roles
    ("учитель 5-11 классов", "teacher"), ("классный руководитель 9 класса", "teacher"),
    ("сынып жетекшісі, 7Ә сынып", "teacher"), ("high school teacher", "teacher"),
    ("бастауыш сынып мұғалімі", "teacher"), ("директор школы", "staff"),
    ("выпускник 11 класса", "other"), ("мектеп түлегі", "other"),
    # a school or a class named without a number says nobody's role
    ("школа", "other"), ("мектеп", "other"), ("класс", "other"), ("school", "other"),
])
def test_beside_a_school_other_roles_stay(raw, role):
    assert role_of(raw)[0] == role


@pytest.mark.parametrize(("raw", "institution", "role"), [
    # the supervisor a form offers beside "участник": a teacher with her pupils
    ("руководитель", "КГУ СОШ №12 г. Тараз", "teacher"), ("Жетекші", "№65 мектеп-лицей", "teacher"),
    ("руководитель", "", "teacher"),
    # a head of something says of what; a leading researcher is staff; at an NGO, other
    ("руководитель отдела", "КазНУ", "staff"), ("жетекші ғылыми қызметкер", "КазНУ", "staff"),
    ("руководитель", "Экологическое общество «Зелёное спасение»", "other"),
])
def test_a_supervisor_alone_is_a_teacher(raw, institution, role):
    assert role_of(raw, institution)[0] == role


# A class with its letter, however written.
@pytest.mark.parametrize("raw", [
    '10 "А" сынып', "9Б сынып", "7Ә сынып", "11 «Б» класс", "10А класс",
    'ученица 9 "В" класса', "10-А класс", "8 ә сыныбы", "9 «Б» сыныбының оқушысы",
    "10-шы сынып", "10-го класса", "сынып: 9Б", "Класс 11 А", "Grade 10B", "10 B grade",
])
def test_a_class_with_its_letter_is_a_pupils(raw):
    assert role_of(raw) == ("student", "")


_LETTERS = "АБВГДЕЖЗИКЛӘҒҚabcd"
_QUOTED = ("{n}{l}", "{n} {l}", '{n} "{l}"', "{n} «{l}»", "{n}-{l}", "{n}«{l}»")


@given(st.sampled_from(["", "ученик ", "ученица ", "учащийся ", "оқушы, ", "pupil, "]),
       st.integers(1, 11), st.sampled_from(_LETTERS), st.sampled_from(_QUOTED),
       st.sampled_from(["класс", "класса", "сынып", "сыныбы", "grade"]),
       st.sampled_from([str.lower, str.upper, str.capitalize]))
def test_any_answer_with_a_class_number_and_letter_is_a_students(who, number, letter, quoted,
                                                               word, case):
    raw = case(who + quoted.format(n=number, l=letter) + " " + word)
    assert role_of(raw) == ("student", "")


@given(st.sampled_from(["учитель", "классный руководитель", "сынып жетекшісі", "мұғалім",
                        "teacher"]),
       st.integers(1, 11), st.sampled_from(_LETTERS), st.sampled_from(_QUOTED),
       st.sampled_from(["класс", "класса", "сынып", "сыныбы", "grade"]))
def test_a_teachers_class_keeps_the_teacher(who, number, letter, quoted, word):
    raw = who + " " + quoted.format(n=number, l=letter) + " " + word
    assert role_of(raw) == ("teacher", "")


# English titles and degrees.
@pytest.mark.parametrize(("raw", "role"), [
    ("undergrad", "student"), ("Undergrad student", "student"), ("undergraduate", "student"),
    ("MS student", "master"), ("M.S. student", "master"), ("MS in Ecology", "master"),
    ("M.S. in Environmental Science", "master"), ("MSc student", "master"),
    ("master's student", "master"), ("Masters student", "master"),
    ("prof.", "teacher"), ("Prof.", "teacher"), ("assoc. prof.", "teacher"),
    ("Asst. Prof.", "teacher"), ("associate prof", "teacher"), ("full professor", "teacher"),
    ("PhD, assoc. prof.", "teacher"), ("PhD, Prof.", "teacher"),
    ("Head of department, professor", "teacher"),
    # the Russian and Kazakh abbreviations of the same
    ("проф.", "teacher"), ("асс. проф.", "teacher"), ("PhD, доц.", "teacher"),
])
def test_english_titles(raw, role):
    assert role_of(raw)[0] == role


@pytest.mark.parametrize(("raw", "role"), [
    ("MS", "other"), ("МС", "other"), ("Ms.", "other"),  # Ms is a title, not a degree
    ("профориентация", "other"), ("профориентатор", "other"), ("professional", "other"),
    ("профком", "other"), ("graduate", "other"),  # a graduate is an alumnus
    ("PhD", "phd"), ("PhD, MS", "phd"),  # PhD beside no title is PhD studies
])
def test_english_near_misses(raw, role):
    assert role_of(raw)[0] == role


# Research staff by their abbreviations, librarians, a school's deputy directors.
@pytest.mark.parametrize("raw", [
    "м.н.с.", "мнс", "с.н.с.", "снс", "в.н.с.", "г.н.с.", "н.с.", "С.Н.С. лаборатории",
    "к.ғ.қ.", "а.ғ.қ.", "ж.ғ.қ.", "К. Ғ. Қ.",
    "библиотекарь", "библиотекарь школы", "кітапханашы", "мектеп кітапханашысы", "librarian",
    "Senior Librarian",
    "ДОІЖО", "ДОИЖО", "ДТІЖО", "директордың оқу ісі жөніндегі орынбасары",
    "заместитель директора по УВР", "ЗДУВР", "завуч", "Deputy director for academic affairs",
    # a school librarian's title, and the deputy for its upbringing work (field test FC)
    "педагог-библиотекарь", "зам. директора по воспитательной работе",
])
def test_research_staff_librarians_and_deputy_directors_are_staff(raw):
    assert role_of(raw) == ("staff", "")


@given(st.sampled_from("мсвгМСВГ"), st.sampled_from(["", ".", ". ", " "]),
       st.sampled_from([str.lower, str.upper]))
def test_a_research_rank_however_dotted_is_staff(rank, dot, case):
    raw = case(dot.join((rank, "н", "с")) + dot.strip())
    assert role_of(raw) == ("staff", "")


@pytest.mark.parametrize(("raw", "role"), [
    # a library is a place, one letter off its librarian: no typo tolerance there
    ("библиотека", "other"), ("библиотеках", "other"), ("кітапхана", "other"),
    ("кітапханасы", "other"), ("library", "other"),
    ("сотрудник библиотеки", "staff"), ("кітапхана қызметкері", "staff"),
    # б.ғ.к. is a candidate of biology, not бас ғылыми қызметкер: they fold alike
    ("б.ғ.к.", "other"), ("КГКП", "other"), ("ГК", "other"),
    ("завуч, учитель математики", "teacher"),
])
def test_research_and_library_near_misses(raw, role):
    assert role_of(raw)[0] == role


# Officials: a government body named as the institution makes staff and undefined answers
# "other", as an NGO does. A school, college or university of a ministry or an akimat is that
# place (its legal form КГУ, РГП says nothing). Staff of an education department
# (Управление образования) are officials too; the schools it runs are schools.
@pytest.mark.parametrize(("raw", "institution", "role"), [
    ("Chief specialist", "Ministry of Ecology and Natural Resources of the Republic of Kazakhstan",
     "other"),
    ("главный специалист", "Министерство экологии и природных ресурсов РК", "other"),
    ("бас маман", "Қазақстан Республикасы Экология және табиғи ресурстар министрлігі", "other"),
    ("Deputy head of department", "Almaty city akimat", "other"),
    ("заместитель руководителя отдела", "Акимат г. Алматы", "other"),
    ("бөлім басшысының орынбасары", "Алматы қаласының әкімдігі", "other"),
    ("specialist", "Almaty qalasy akimdigi", "other"),
    # an akim's office, a public foundation by its Kazakh abbreviation (field tests FA, FE)
    ("chief specialist", "Аппарат акима Актюбинской области", "other"),
    ("главный специалист", "Аппарат акима г. Шымкент", "other"),
    ("координатор проекта", "«Таза Қазақстан» ҚҚ", "other"),
    ("ҮЕҰ қызметкері", "«Таза Қазақстан» ҚҚ", "other"),
    # a university's (of the directory, as the pipeline passes it) project coordinator or
    # dean's office inspector is its staff; a project's manager at a place no one knows
    # works at an NGO more likely (field test FE)
    ("координатор проекта", A_UNIVERSITY, "staff"), ("инспектор деканата", "", "staff"),
    ("project manager", "ZWQ", "other"), ("координатор проекта", "ZWQ", "other"),
    ("инженер-проектировщик", "ZWQ", "staff"),
    ("Junior researcher", "Институт ботаники", "staff"),
    ("ведущий специалист", "Управление природных ресурсов и регулирования природопользования "
                           "г. Алматы", "other"),
    ("главный специалист", "Департамент экологии по городу Алматы", "other"),
    ("инспектор", "Комитет экологического регулирования и контроля МЭПР РК", "other"),
    ("маман", "Алматы облысының табиғи ресурстар және табиғат пайдалануды реттеу басқармасы",
     "other"),
    ("бас маман", "Экология департаменті", "other"),
    ("specialist", "Department of Ecology of Almaty", "other"),
    ("эксперт", "Агентство по стратегическому планированию и реформам", "other"),
    ("engineer", "Kazhydromet", "other"), ("инженер", "РГП «Казгидромет»", "other"),
    ("инженер-гидролог", "Казгидромет", "other"),
    ("сотрудник", "МЭПР РК", "other"), ("маман", "ҚР ЭТРМ", "other"),
    ("участник", "Министерство экологии", "other"),
    ("методист", "Управление образования г. Алматы", "other"),
    # the body named in the answer itself, in Kazakh with the field first
    ("Экология департаментінің бас маманы", "", "other"),
    ("табиғи ресурстар басқармасының маманы", None, "other"),
    ("специалист агентства по охране природы", None, "other"),
    # a university's office named in the answer is no government body
    ("начальник управления науки", "", "staff"), ("head of department", None, "teacher"),
    ("Head of International Department", None, "staff"),
    ("Head of Department", "Ministry of Ecology", "other"),
    # an international organisation's office, its programme's assistant (field test AG)
    ("программный ассистент", "GIZ", "other"), ("Program Assistant", "OSCE POiA", "other"),
    ("координатор программ", "ПРООН в Казахстане", "other"),
    ("программный ассистент", "КазНУ", "staff"),  # no teaching rank at a university either
    ("ассистент кафедры", "КазНУ", "teacher"),
    # a teacher, a student, a researcher by the answer keep their role anywhere
    ("преподаватель", "Министерство экологии", "teacher"),
    ("студент", "Акимат г. Алматы", "student"), ("PhD student", "Kazhydromet", "phd"),
])
def test_staff_of_a_government_body_is_other(raw, institution, role):
    assert role_of(raw, institution)[0] == role


@pytest.mark.parametrize(("raw", "institution", "role"), [
    # schools, colleges, universities, centres run by the state keep their people's roles
    ("учащийся", "КГУ «Средняя школа №12»", "student"),
    ("учитель", "КГУ «Средняя школа №12»", "teacher"),
    ("заместитель директора по УВР", "КГУ «Средняя школа №12»", "staff"),
    ("методист", "КГУ «Школа-гимназия №5» отдела образования акимата г. Астаны", "staff"),
    ("библиотекарь", "КГУ «Средняя школа №12» управления образования", "staff"),
    ("кітапханашы", "№45 жалпы білім беретін орта мектебі КММ", "staff"),
    ("ДОІЖО", "Алматы қаласы білім басқармасының №45 мектеп-гимназиясы", "staff"),
    ("инженер", "РГП на ПХВ «Западно-Казахстанский аграрно-технический университет»", "staff"),
    ("специалист", "Академия государственного управления при Президенте РК", "staff"),
    ("лаборант", "Институт зоологии КН МНВО РК", "staff"),
    ("мастер производственного обучения", "ГККП «Колледж связи» управления образования",
     "teacher"),
    ("научный сотрудник", "Научный центр экологии МЭПР РК", "staff"),
    # a university's researchers are of its academic staff, counted with its teachers
    # ("Преподаватель / научный сотрудник": field test AG); an institute's are its staff
    ("ведущий научный сотрудник", "Казахский национальный университет имени аль-Фараби",
     "teacher"),
    ("с.н.с.", "Евразийский национальный университет имени Л.Н. Гумилева", "teacher"),
    ("жетекші ғылыми қызметкер", "Торайғыров университеті", "teacher"),
    ("Research fellow", "Nazarbayev University", "teacher"),
    ("научный сотрудник", "Институт ботаники и фитоинтродукции", "staff"),
    ("Research assistant", "Nazarbayev University", "staff"),  # no researcher's rank
    ("researcher", "ТОО «Экопроект»", "other"),
    # a company, by its legal form in the answer or in the institution, is a workplace
    # outside: its staff are "other", as an NGO's are
    ("инженер", "ТОО «Экопроект»", "other"), ("менеджер", "ТОО «Рекламное агентство»", "other"),
    ("менеджер ТОО", "ТОО «Экопроект»", "other"),
    # a library of a university is a place there, not a government body
    ("сотрудник", "Научная библиотека КазНУ", "staff"), ("бас маман", "КазНУ", "staff"),
])
def test_a_place_of_learning_or_a_firm_is_no_government_body(raw, institution, role):
    assert role_of(raw, institution)[0] == role


_BODIES = ["Министерство", "министрлігі", "Ministry of", "Акимат", "әкімдігі", "akimat",
           "Управление", "Департамент", "Комитет", "басқармасы", "Агентство", "Инспекция",
           "Department of"]
_WORDS = ["экологии", "природных", "ресурсов", "г.", "Алматы", "Астана", "облысы",
          "табиғи", "ресурстар", "Natural", "Resources", "Ecology", "по", "РК", "и", "№3"]


@given(st.lists(st.sampled_from(_WORDS), max_size=4), st.sampled_from(_BODIES),
       st.lists(st.sampled_from(_WORDS), max_size=4))
def test_a_body_with_any_words_is_government_but_its_school_is_a_school(before, body, after):
    name = " ".join([*before, body, *after])
    assert role_of("главный специалист", name)[0] == "other"
    assert role_of("главный специалист", f"КГУ «Средняя школа №7» {name}")[0] == "staff"
    assert role_of("главный специалист", f"{name} университет")[0] == "staff"
