"""Unknown institutions grouped (shapes, clusters), learning from the data, long answers."""

import random

import pytest
from hypothesis import given, settings, strategies as st

from sync.normalize.aliases import Aliases
from sync.normalize.clusters import cluster_unknown
from sync.normalize.institutions import load_directory, match_institutions
from sync.normalize.learning import People, learn_codes, person_keys
from sync.normalize.shapes import COMPARED_CHARS, compared, shape_of
from sync.normalize.specialties import load_specialties, normalize_specialties

DIRECTORY = load_directory()
SPECIALTIES = load_specialties()


def institutions(values, emails=None, people=None):
    emails = emails or [""] * len(values)
    return match_institutions(list(values), list(emails), DIRECTORY, Aliases(), people=people)


def specialties(values):
    return normalize_specialties(list(values), SPECIALTIES, Aliases())


@pytest.mark.parametrize(("value", "words"), [
    ("Педагогический колледж имени Бокена Ахметова", ("pedagogical", "ахметов")),
    ("Б. Ахметов атындағы педагогикалық колледж", ("pedagogical", "ахметов")),
    ("Университет имени Шакарима", ("шакарим",)),
    ("Шәкәрім атындағы университет", ("шакарим",)),
    ("Школа имени Абая", ("абай",)),
    ("Мектеп имени Маншук Маметовой", ("маметова",)),
    ("Мәншүк Мәметова атындағы мектеп", ("маметова",)),
    ("Карагандинский университет имени академика Е.А. Букетова", ("букетов",)),
    ("Қарабұлақ а., Абай ат. ЖОМ", ("абай", "карабулак")),  # the village is no name of his
    ("Gymnasium named after Abai", ("abai",)),
])
def test_the_person_a_place_is_named_after_is_their_surname(value, words):
    assert shape_of(value).words == words


@pytest.mark.parametrize(("value", "kinds", "numbers", "city"), [
    ("КГУ «Общеобразовательная школа №45» г.Алматы", {"school"}, ("45",), "Алматы"),
    ("СОШ 45 Алматы", {"school"}, ("45",), "Алматы"),
    # a школа-лицей is a лицей, a мектеп-гимназия a гимназия (so they are called for short)
    ("Школа-лицей №45 г. Алматы", {"lyceum"}, ("45",), "Алматы"),
    ("ГУ «Гимназия № 56» акимата г.Астаны", {"gymnasium"}, ("56",), "Астана"),
    ("№56 гимназия, Нур-Султан", {"gymnasium"}, ("56",), "Астана"),
    ("Алматы қаласы, №12 жалпы білім беретін мектеп", {"school"}, ("12",), "Алматы"),
    ("Павлодар қаласының №12 мектеп-гимназиясы", {"gymnasium"}, ("12",), "Павлодар"),
    ("Secondary school No. 7, Karaganda", {"school"}, ("7",), "Караганда"),
    ("Назарбаев Интеллектуальная школа г. Кызылорда", {"nis"}, (), "Кызылорда"),
    ("Назарбаев Зияткерлік мектебі, Қызылорда", {"nis"}, (), "Кызылорда"),
    ("Колледж N5 Тараз", {"college"}, ("5",), "Тараз"),
    ("ТОО «ЭкоПласт»", set(), (), ""),
    ("Школа им. Сатпаева", {"school"}, (), ""),  # a person's name in the genitive is no city
    ("ШҚО, Өскемен қ., №12 ЖОББМ", {"school"}, ("12",), "Усть-Каменогорск"),  # a region's initials
    ("Павлодар қ. №12 ЖОМ", {"school"}, ("12",), "Павлодар"),
    ("№5 ЖББМ, Тараз", {"school"}, ("5",), "Тараз"),
    ("Ақтөбе қ. №3 ОМ", {"school"}, ("3",), "Актобе"),
    # a village's adjective is the village (field test AO): one school, typed two ways
    ("Шамалганская СОШ №1", {"school"}, ("1",), ""),
    # ОШ (общеобразовательная), НШ (начальная): field test AS, a school of its own line
    ("ОШ №25 г.Караганда", {"school"}, ("25",), "Караганда"),
    ("НШ №2 г. Семей", {"school"}, ("2",), "Семей"),
    # their abbreviations: МГ, СШГ, ШГ a гимназия; МЛ, СШЛ, ШЛ a лицей
    ("Қарағанды қ. №93 МГ", {"gymnasium"}, ("93",), "Караганда"),
    ("СШГ №12 г.Павлодар", {"gymnasium"}, ("12",), "Павлодар"),
    ("Астана қ. №65 МЛ", {"lyceum"}, ("65",), "Астана"),
    ("СШЛ 8, Павлодар", {"lyceum"}, ("8",), "Павлодар"),
    ("Гимн. №37 г. Шымкент", {"gymnasium"}, ("37",), "Шымкент"),  # shortened (field test AJ)
    ("Павлодар қаласының №7 мектеп-лицейсы", {"lyceum"}, ("7",), "Павлодар"),  # as often typed
    # the Назарбаев Интеллектуальные школы's branches, said as the chain or without the name
    ("Филиал АОО «Назарбаев Интеллектуальные школы» г. Актобе", {"nis"}, (), "Актобе"),
    ("Интеллектуальная школа Караганда", {"nis"}, (), "Караганда"),
    ("Intellectual School, Aktobe", {"nis"}, (), "Актобе"),
    ("Жамбыл облысы, Талас ауданы, орта мектеп", {"school"}, (), ""),  # a region is no city
    ("НИИ почвоведения, г. Алматы", {"institute"}, (), "Алматы"),  # a research institute
])
def test_shape_reads_kind_number_and_city_in_three_languages(value, kinds, numbers, city):
    shape = shape_of(value)
    assert (set(shape.kinds), shape.numbers, shape.city) == (kinds, numbers, city)


# the town adjectives of the directory's Russian names ("Павлодарский", "Карагандинская")
_TOWN_ADJECTIVES = sorted({
    word for entry in DIRECTORY.by_id.values() for word in entry.ru.split()
    if word.endswith(("ский", "ская")) and len(word) >= 10 and shape_of(word).city})


@settings(max_examples=60, deadline=None)
@given(adjective=st.sampled_from(_TOWN_ADJECTIVES), slip=st.sampled_from(["swap", "с", "к"]))
def test_a_slip_in_a_town_adjectives_ending_still_names_the_town(adjective, slip):
    at = adjective.rindex("ск")
    slipped = {"swap": adjective[:at] + "кс" + adjective[at + 2:],
               "с": adjective[:at] + adjective[at + 1:],
               "к": adjective[:at + 1] + adjective[at + 2:]}[slip]
    assert shape_of(f"{slipped} колледж").city == shape_of(f"{adjective} колледж").city


@pytest.mark.parametrize("spellings", [
    ["Гимназия №56 г. Астана", "гимназия 56 Астана", "ГУ «Гимназия № 56» акимата г.Астаны"],
    ["Школа №45 г. Алматы", "СОШ 45 Алматы", "средняя школа № 45, Алматы"],
    ["школа № 25, Астана", "ОСШ №25 г. Астана", "№25 ЖББОМ, Астана қ."],  # abbreviations
    ["Колледж №3 г. Шымкент", "колледж 3, Шымкент", "Шымкент қаласының №3 колледжі"],
    ["Гимназия №8 г. Павлодар", "Павлодар қаласының №8 гимназиясы", "гимназия 8"],
    ["Колледж сервиса и туризма, Тараз", "КСиТ", "КСТ"],  # its words' first letters
    ["Алматинский колледж связи", "АКС, Алматы", "АКС"],  # a comma after it (field test AH)
    # a village's marks tell nothing more than its name (field test AM)
    ["Аксукент ауылы, №3 мектеп", "СОШ №3 села Аксукент", "Ақсукент а. №3 орта мектебі"],
    ["ТОО «ЭкоПласт Рециклинг»", "Экопласт рециклинг", "ЭкоПласт Рециклинг ТОО"],
    ["Колледж «Болашак» г. Кызылорда", "Колледж Болашак", "Болашақ колледжі"],
    ["НИШ г. Павлодар", "Назарбаев Интеллектуальная школа ХБН г. Павлодар"],
    ["НИШ ХБН г.Актобе", "Филиал АОО «Назарбаев Интеллектуальные школы» ХБН г. Актобе"],
    ["Гимназия №37 г. Шымкент", "Гимн. №37 г. Шымкент", "Шымкент қаласының №37 гимназиясы"],
    ["ШЛ №66 г. Шымкент", "Шымкент қаласының №66 мектеп-лицейсы", "Школа-лицей №66 г. Шымкент"],
    ["Лицей «Білім-Инновация»", "лицей билим инновация", "Лицей Білім Иноввация"],  # a typo
    ["ПКТК", "PKTK", "пктк"],  # an unknown abbreviation in either script
    ["Tsinghua University", "Tsinghua Univ."],
    # a Назарбаев Интеллектуальная школа's profile in three languages and abbreviations
    ["НИШ ХБН г. Алматы", "НЗМ ХББ Алматы", "NIS Chemistry and Biology Almaty",
     "Назарбаев Интеллектуальная школа химико-биологического направления г. Алматы",
     "Алматы қаласындағы химия-биология бағытындағы НЗМ",
     "Nazarbayev Intellectual School of Chemistry and Biology in Almaty"],
    ["НИШ ФМН г. Семей", "Семей қаласындағы физика-математика бағытындағы НЗМ",
     "NIS Physics and Mathematics, Semey", "NIS PhM Semey"],
    # the lyceums «Білім-инновация» by their abbreviation and former name (КТЛ)
    ["Қарағанды БИЛ", "КТЛ Караганда", "BIL Karaganda", "Казахско-турецкий лицей г. Караганды",
     "Лицей «Білім-инновация» г. Караганда", "Қарағанды қ. дарынды балаларға арналған БИЛ",
     "БИЛ для одаренных детей г. Караганда",
     # its Russian and Kazakh names in full: an adjective where the others say the noun
     "Билим-инновационный лицей-интернат г. Караганда",
     "Қарағанды қ. Білім-инновациялық лицей-интернаты"],
    # a place's describing words and its town's adjective in three languages
    ["Шымкентский высший медицинский колледж", "Шымкент жоғары медициналық колледжі",
     "Shymkent Higher Medical College"],
    # a describing word glued to the kind, as Russian shortens them
    ["Шымкентский высший медколледж", "Высший медицинский колледж г. Шымкент",
     "Шымкент жоғары медколледжі"],
    ["Павлодарский педколледж", "Павлодарский педагогический колледж",
     "Pavlodar Pedagogical College", "Пед колледж Павлодар"],  # a describing word shortened
    ["Павлодарский высший медицинский колледж", "павлодарский мед колледж", "ПВМК",
     "Павлодар жоғары медициналық колледжі", "ПЖМК",  # the town's letter, in either language
     "ВМК Павлодар"],  # an abbreviation beside its town
    ["Управление образования г. Астаны", "Астана қаласының білім басқармасы"],
    # a list saved in Windows-1251 lost the Kazakh letters of describing words and marks
    # (field test FD): read back where they make such a word, left out where they make none
    ["Темиртауский высший политехнический колледж", "Теміртау жо?ары политехникалы? колледжі",
     "ТВПК"],
    ["Школа №17 г. Шымкент", "Ш?мкент ?аласы, №17 мектеп"],
    # a slip in the ending of the town's adjective (field test FA)
    ["Темиртауский высший политехнический колледж", "Темиртауксий высший политехнический колледж",
     "Темиртаукий высший политехнический колледж"],
    ["Институт ботаники и фитоинтродукции", "Ботаника және фитоинтродукция институты"],
    ["Республиканская физико-математическая школа", "Республикалық физика-математика мектебі",
     "РФМШ"],  # its abbreviation of the Russian, the Kazakh typed too
    ["ШГ № 56 г. Астана", "Школа-гимназия №56 г. Астана", "56 мектеп-гимназиясы, Астана",
     "гимназия 56, Астана"],  # a школа-гимназия called a гимназия for short
    # a town's lyceum for gifted boys in three languages (its girls' one is another)
    ["Дарынды ұлдарға арналған БИЛ, Астана", "БИЛ для одаренных мальчиков г. Астана",
     "Bilim-Innovation Lyceum for gifted boys, Astana"],
    # the person it is named after: their surname, in the nominative, the first name typed
    # out or an initial, "атындағы" shortened (field tests AA and AC)
    ["Павлодарский педагогический колледж им. Б. Ахметова",
     "Педагогический колледж имени Бокена Ахметова",
     "Б. Ахметов атындағы Павлодар педагогикалық колледжі", "ППК им.Ахметова"],
    ["Ш.Уәлиханов ат. №8 ЖОМ", "Шоқан Уәлиханов атындағы №8 жалпы орта мектеп",
     "Ш. Уалиханов атын. 8 мектеп"],
    # one place said with its district and village, with its village, with neither
    ["Сайрам ауданы, Қарабұлақ а., Ш.Уәлиханов атындағы №8 ЖОМ",
     "Шоқан Уәлиханов атындағы 8 жалпы орта мектеп, Қарабұлақ", "Ш.Уәлиханов ат. №8 ЖОМ"],
    # an organisation with its legal form and without it
    ["ОФ «Экомузей»", "Экомузей", "Общественный фонд Экомузей"],
    # the country's letters tell no national body apart (field test AI)
    ["МЭПР РК", "Министерство экологии и природных ресурсов РК",
     "Министерство экологии и природных ресурсов"],
    # a ministry's words in three languages
    ["ҚР Экология және табиғи ресурстар министрлігі", "Министерство экологии и природных ресурсов",
     "Ministry of Ecology and Natural Resources"],
    ["УПРиРП Павлодарской обл.", "уприрп павлодарской области"],
])
def test_spellings_of_one_place_are_one_group(spellings):
    assert len(set(institutions(spellings)["institution_id"])) == 1


@pytest.mark.parametrize(("a", "b"), [
    ("Школа №45 г. Алматы", "Школа-лицей №45 г. Алматы"),
    ("Школа №45 г. Алматы", "Школа №45 г. Астана"),
    ("Школа №45", "Школа №54"),
    ("Гимназия №56", "Школа №56"),
    ("Колледж №5 г. Тараз", "Школа №5 г. Тараз"),
    ("НИШ г. Павлодар", "НИШ г. Кызылорда"),
    ("НИШ ХБН г. Алматы", "NIS Physics and Mathematics, Almaty"),  # two profiles, one town
    ("БИЛ Караганда", "Лицей №5 г. Караганда"),
    ("Шымкентский медицинский колледж", "Павлодарский медицинский колледж"),  # two towns
    ("Павлодарский высший медицинский колледж", "ВМК Семей"),  # its letters, another town
    ("Павлодарский мед колледж", "Павлодарский пед колледж"),
    ("Медколледж г. Шымкент", "Педколледж г. Шымкент"),
    ("Техколледж г. Шымкент", "Технологический колледж г. Шымкент"),  # technical or this?
    ("Карагандинский колледж связи", "Алматинский колледж связи"),
    ("Алматинская область, Талгарский колледж", "Алматинский колледж"),  # a region, a town
    ("Колледж Болашак", "Колледж Береке"),
    ("Мектеп-лицей 12", "Мектеп 12"),
    ("КаАТУ", "КаТУ"),  # abbreviations a letter apart (Latin skeletons fold "аа" into one)
    ("Дарынды ұлдарға арналған БИЛ, Астана", "Дарынды қыздарға арналған БИЛ, Астана"),
    ("АГПК", "АГМК"),
    ("Талас ауданы, Абай атындағы мектеп", "Сарысу ауданы, Абай атындағы мектеп"),  # districts
    # named after two people, or the village before the person is no word of their name
    ("Педагогический колледж имени Бокена Ахметова", "Педагогический колледж имени Абая"),
    ("ППК им.Ахметова", "Павлодарский педагогический колледж им. Абая"),
    ("Қарабұлақ а., Уәлиханов атындағы №8 ЖОМ", "Ақсу а., Уәлиханов атындағы №8 ЖОМ"),
    ("ОФ «Экомузей»", "Колледж Экомузей"),  # a college is no organisation's legal form
    # a region's body is not another region's (field test AG)
    ("Управление природных ресурсов Карагандинской области",
     "КГУ «Управление природных ресурсов Павлодарской области»"),
    ("УПРиРП Павлодарской обл.", "УПРиРП Карагандинской обл."),
])
def test_different_places_are_never_one_group(a, b):
    ids = institutions([a, b])["institution_id"].tolist()
    assert ids[0] != ids[1]


def test_an_unknown_school_or_college_is_in_the_city_its_row_gives():
    """Schools and colleges of one name are in many towns: the City answer tells them
    apart and joins a spelling without a city to the one with it; a university's is not."""
    values = ["№12 мектеп", "школа №12", "№12 орта мектеп", "Политехнический колледж",
              "Политехнический колледж", "Гимназия №8 г. Павлодар", "гимназия 8",
              "Университет Болашак", "Университет Болашак"]
    cities = ["Усть-Каменогорск", "Тараз", "Тараз", "Павлодар", "Тараз", "", "Павлодар",
              "Алматы", "Астана"]
    found = match_institutions(values, [""] * len(values), DIRECTORY, Aliases(), cities=cities)
    ids = found["institution_id"].tolist()
    assert ids[0] != ids[1] == ids[2]  # Өскемен's №12 is not Тараз's
    assert ids[3] != ids[4]
    assert ids[5] == ids[6]
    assert ids[7] == ids[8]
    assert found["institution_city"].tolist()[:5] == ["Усть-Каменогорск", "Тараз", "Тараз",
                                                       "Павлодар", "Тараз"]
    assert found["institution"].iloc[3] == "Политехнический колледж, Павлодар"


def test_an_abbreviation_of_two_places_names_neither():
    ids = institutions(["Колледж сервиса и туризма, Тараз", "Колледж сервиса и туризма, Алматы",
                        "КСиТ", "СОШ", "Средняя общеобразовательная школа №5"])["institution_id"]
    assert len(set(ids)) == 5  # СОШ says what a place is, not which one


@pytest.mark.parametrize("spellings", [
    ["Алматы мемлекеттік политехникалық колледжі", "АМПК"],
    ["Қостанай политехникалық жоғары колледжі", "ҚПЖК", "ҚПЖК"],
    # the person it is named after is no letters of it, before its name or after
    ["Қ. Жұбанов атындағы Ақтөбе өңірлік университеті", "АӨУ"],
    ["Актюбинский региональный университет имени К. Жубанова", "АРУ"],
])
def test_an_abbreviation_stands_for_the_directory_place_others_named(spellings):
    """The directory knows the college, not the abbreviation its students typed: with the
    name in the data and no other place of those letters, the abbreviation is that place."""
    found = institutions(spellings)
    assert len(set(found["institution_id"])) == 1
    assert not found["institution_id"].iloc[0].startswith("?")
    assert found["institution_match"].tolist()[1:] == ["abbr"] * (len(spellings) - 1)


def test_an_abbreviation_of_a_directory_place_and_an_unknown_one_names_neither():
    alone = institutions(["АМПК"])
    assert alone["institution_match"].tolist() == ["unmatched"]
    ids = institutions(["Алматы мемлекеттік политехникалық колледжі",
                        "Алматы медициналық политехникалық колледж", "АМПК"])["institution_id"]
    assert len(set(ids)) == 3


def test_a_group_is_shown_by_its_name_not_its_abbreviation():
    shown = institutions(["АМК", "Ақтөбе медициналық колледжі", "АМК"])["institution"]
    assert set(shown) == {"Ақтөбе медициналық колледжі"}


def test_a_spelling_without_its_city_joins_only_a_single_candidate():
    one_city = institutions(["гимназия 56", "Гимназия №56 г. Астана"])["institution_id"]
    assert one_city[0] == one_city[1]
    two_cities = institutions(["гимназия 56", "Гимназия №56 г. Астана",
                               "Гимназия №56 г. Алматы"])["institution_id"].tolist()
    assert len(set(two_cities)) == 3


def test_a_group_is_shown_under_its_most_common_spelling():
    values = ["гимназия 56 Астана", "Гимназия №56 г. Астана", "Гимназия №56 г. Астана"]
    assert set(institutions(values)["institution"]) == {"Гимназия №56 г. Астана"}


def test_a_group_is_never_shown_in_lower_case_where_someone_typed_capitals():
    values = ["біл №1 шымкент", "біл №1 шымкент", "БИЛ №1 Шымкент"]
    assert set(institutions(values)["institution"]) == {"БИЛ №1 Шымкент"}


def test_a_school_is_never_offered_a_university():
    row = institutions(["Школа №45 им. Абая"]).iloc[0]
    assert row["institution_match"] == "unmatched" and row["institution_suggestions"] == ""
    firm = institutions(["Экопласт", "ТОО «Экопласт Рециклинг»"])  # one group, a firm's
    assert firm["institution_id"].nunique() == 1 and set(firm["institution_suggestions"]) == {""}
    college = institutions(["Алматинский политехнический колледж связи"]).iloc[0]
    offered = college["institution_suggestions"]
    assert "олледж" in offered and "университет" not in offered.casefold()


# --- learning from the data --------------------------------------------------------------

def test_an_unknown_spelling_learns_from_the_same_persons_other_answer():
    values = ["КазНацУни", "КазНУ", "КазНацУни"]
    people = People(["Ахметова Дана", "Ахметова Дана", "Омаров Ерлан"],
                         ["dana@gmail.com", "dana@gmail.com", "erlan@mail.ru"], ["", "", ""])
    result = institutions(values, people=people)
    assert result["institution_id"].tolist() == ["kaznu"] * 3
    assert result["institution_match"].tolist() == ["learned", "abbr", "learned"]


def test_an_unknown_spelling_learns_from_the_persons_email_domain():
    result = institutions(["ЕвразНУ", "ЕвразНУ"], emails=["a@enu.kz", "b@gmail.com"])
    assert result["institution_id"].tolist() == ["enu", "enu"]


def test_contradicting_evidence_teaches_nothing():
    values = ["КазНацУни", "КазНУ", "КазНацУни", "ЕНУ"]
    people = People(["Ахметова Дана", "Ахметова Дана", "Омаров Ерлан", "Омаров Ерлан"],
                         ["d@gmail.com", "d@gmail.com", "e@mail.ru", "e@mail.ru"], [""] * 4)
    result = institutions(values, people=people)
    assert result["institution_match"].tolist() == ["unmatched", "abbr", "unmatched", "abbr"]


@pytest.mark.parametrize("typed_there, learned", [
    (["Ткаченко Софья Сергеевна", "Омарова Әсел Сәкенқызы"], True),  # two of its people
    (["Ткаченко Софья Сергеевна", "Жанова Дана"], False),  # one is no class
])
def test_a_spelling_saying_less_learns_the_directory_place_its_people_typed(typed_there,
                                                                           learned):
    """A curator's list names the college in full, the students' own form "Карагандинский
    политех колледж", with no e-mail or phone on the list to tell who is who (field test
    FD): the students' names say which college it is."""
    values = ["Карагандинский политех колледж"] * 3 + ["Карагандинский высший "
                                                      "политехнический колледж"] * 2
    names = ["Ткаченко Софья", "Омарова Асел", "Попов Кирилл", *typed_there]
    result = institutions(values, people=People(names, [""] * 5, [""] * 5))
    assert (result["institution_id"].iloc[0] == "kvpk") == learned


def test_a_school_never_learns_a_university():
    values = ["Школа №45", "КазНУ"]
    people = People(["Ахметова Дана"] * 2, ["d@kaznu.kz"] * 2, ["", ""])
    result = institutions(values, emails=["d@kaznu.kz"] * 2, people=people)
    assert result["institution_id"].iloc[0].startswith("?")


_LETTER = ["Мақсұтова Сәуле", "Сәрсенбаев Қайрат", "Ким Никита"]  # a teacher's pupils
_FORMS = ["Мақсұтова Сәуле Ержановна", "Kairat Sarsenbaev"]  # two of them registered too


@pytest.mark.parametrize("typed_at_astana, typed_at_it, joins", [
    (_FORMS, ["Омаров Ерлан"], True),
    (_FORMS[:1], ["Омаров Ерлан"], False),  # one name may be a namesake
    (_FORMS, [_LETTER[2]], False),  # people of the letter at both
])
def test_a_spelling_saying_less_joins_the_place_its_people_typed(typed_at_astana, typed_at_it,
                                                                   joins):
    """The letter says "ШЛ №65", with no town; the form has two №65 lyceums. Where the
    letter's pupils registered themselves at one of them, the letter's is that one."""
    values = (["ШЛ №65"] * 3 + ["№65 мектеп-лицей, Астана"] * len(typed_at_astana)
              + ["№ 65 IT-лицей"] * len(typed_at_it))
    names = _LETTER + typed_at_astana + typed_at_it
    people = People(names, [""] * len(names), [""] * len(names))
    ids = institutions(values, people=people)["institution_id"].tolist()
    assert len(set(ids[:3])) == 1 and ids[-1] != ids[3]
    assert (ids[0] == ids[3]) is joins


def test_a_spelling_whose_people_were_typed_at_another_kind_of_its_number_stays_apart():
    """"СОШ 12" in a list: two of its pupils registered at Тараз's №12, one at Павлодар's
    школа-гимназия №12. It may be either town's, so it is neither."""
    values = ["СОШ 12"] * 3 + ["ОСШ №12 г. Тараз"] * 2 + ["12 школа г. Павлодар",
                                                         "школа-гимназия №12 г. Павлодар"]
    names = _LETTER + _FORMS + ["Омаров Ерлан", "Ким Никита"]
    people = People(names, [""] * len(names), [""] * len(names))
    ids = institutions(values, people=people)["institution_id"].tolist()
    assert len(set(ids)) == 4


@pytest.mark.parametrize("school, pupils, joins", [
    ("12 школа г. Павлодар", ["Никита Федоров", "Нұрланова Томирис"], True),
    ("12 школа г. Павлодар", ["Никита Федоров", "Омаров Ерлан"], False),  # one name: a namesake
    ("12 школа г. Тараз", ["Никита Федоров", "Нұрланова Томирис"], False),  # another town
    ("Колледж №12 г. Павлодар", ["Никита Федоров", "Нұрланова Томирис"], False),  # not a school
])
def test_a_school_is_another_kind_of_school_of_its_number_where_its_pupils_say_so(
        school, pupils, joins):
    """A town's schools have one row of numbers: "12 школа" is the school-gymnasium №12
    where two of its pupils registered there too, and none elsewhere."""
    values = [school] * 2 + ["школа-гимназия №12 г. Павлодар"] * 3
    names = pupils + ["Федоров Никита", "Нурланова Томирис Галымовна", "Ким Ольга"]
    people = People(names, [""] * len(names), [""] * len(names))
    ids = institutions(values, people=people)["institution_id"].tolist()
    assert (ids[0] == ids[2]) is joins


@pytest.mark.parametrize("classes, joins", [
    (["7а", "9б", "7а", "9б", "8в", "5а", "10г"], True),
    (["7а", "9б", "8а", "9в", "8в", "5а", "10г"], False),  # namesakes of other classes
    ([""] * 7, False),  # no class said: the names alike at Тараз's №12 say nothing
])
def test_a_school_is_another_kind_of_its_number_where_its_pupils_are_named_in_their_class(
        classes, joins):
    """Namesakes of the two pupils registered at Тараз's СОШ №12 too, so their names alone
    do not say which №12 "12 школа г. Павлодар" is. Named at Павлодар's school-gymnasium
    №12 in the same classes, they do: another town's namesake is no school it may be."""
    values = (["12 школа г. Павлодар"] * 2 + ["школа-гимназия №12 г. Павлодар"] * 3
              + ["СОШ №12 г. Тараз"] * 2)
    names = ["Никита Федоров", "Нұрланова Томирис", "Федоров Никита",
             "Нурланова Томирис Галымовна", "Ким Ольга", "Федоров Никита", "Нұрланова Томирис"]
    people = People(names, [""] * len(names), [""] * len(names), classes)
    ids = institutions(values, people=people)["institution_id"].tolist()
    assert (ids[0] == ids[2]) is joins
    assert ids[5] not in (ids[0], ids[2])


@pytest.mark.parametrize("at_the_village, joins", [
    (4, True),  # four of its pupils in their classes at the village's №12, one at Шымкент's
    (2, False),  # two against one: the list may be either's
])
def test_a_districts_school_is_the_village_school_most_of_its_pupils_named_in_class(
        at_the_village, joins):
    """Field test FC: a district's list's "№12 орта мектеп, Қарасай ауданы" beside its
    pupils' own forms at "Жандосов а. 12 мектеп", one of whom has a namesake in the same
    class at Шымкент's №12: the one namesake left the list's school apart."""
    listed = [("Волкова Елизавета", "6б"), ("Ысқақов Нұрлан", "9а"), ("Хван Матвей", "10а"),
              ("Әмірханова Әсел", "11б"), ("Жақыпова Нұрай", "9а")]
    own = listed[:at_the_village]
    values = (["№12 орта мектеп, Қарасай ауданы"] * len(listed)
              + ["Жандосов а. 12 мектеп"] * len(own) + ["Шымкент қ., №12 ЖОМ"])
    names = [n for n, _ in listed] + [n for n, _ in own] + ["Жақыпова Нұрай"]
    classes = [c for _, c in listed] + [c for _, c in own] + ["9а"]
    people = People(names, [""] * len(names), [""] * len(names), classes)
    ids = institutions(values, people=people)["institution_id"].tolist()
    assert (ids[0] == ids[len(listed)]) is joins
    assert ids[-1] not in (ids[0], ids[len(listed)])


def test_its_peoples_names_never_join_two_towns_schools():
    """A list's "лицей №15" names no town and says less than Алматы's лицей №15 alone, so
    it is that one; its two pupils registered at Шымкент's СОШ №15 too, in the same
    classes. Шымкент's school is not Алматы's lyceum, whatever the list holds."""
    values = ["СОШ №15 г. Шымкент"] * 2 + ["лицей №15"] * 2 + ["лицей №15 г. Алматы"]
    names = ["Никита Федоров", "Нұрланова Томирис", "Федоров Никита", "Нурланова Томирис",
             "Ким Ольга"]
    people = People(names, [""] * 5, [""] * 5, ["7а", "8б", "7а", "8б", "9в"])
    ids = institutions(values, people=people)["institution_id"].tolist()
    assert ids[2] == ids[4] and ids[0] != ids[4]


def test_a_shared_email_is_not_one_person():
    """A teacher registering students with her address: their names differ."""
    keys = person_keys(["Ахметова Дана", "Омаров Ерлан", ""], ["t@gmail.com"] * 3, ["", "", ""])
    assert keys[0] != keys[1] and keys[2] == ""


@pytest.mark.parametrize(("values", "expected"), [
    (["6B05201 Экология", "6B05201"], ["ecology", "ecology"]),
    (["Экология (6В05201)", "6B05201 Ecology", "6B05201"], ["ecology"] * 3),
    (["6B07101 Пластмассалар технологиясы", "6B07101 Технология пластмасс", "6B07101"],
     ["", "", ""]),
    (["6B05201 Экология", "6B05201 Химия", "6B05201"], ["ecology", "chemistry", ""]),
])
def test_codes_beside_names_teach_what_a_code_means(values, expected):
    result = specialties(values)
    assert result["specialty_id"].tolist() == expected
    if expected == ["", "", ""]:  # unknown names in two languages beside one code: one group
        assert len(set(result["specialty"])) == 1


def test_learn_codes_keeps_contradictions_apart():
    code_means, joins = learn_codes({("6B05201", "ecology"), ("6B05201", "chemistry"),
                                     ("6B05202", "?a"), ("6B05202", "ecology")}, {"ecology": 1,
                                                                                   "chemistry": 1})
    assert "6B05201" not in code_means and code_means["6B05202"] == "ecology"
    assert joins == {"?a": "ecology"}


@pytest.mark.parametrize(("raw", "entry_id"), [
    ("кафедра экологии", "ecology"), ("Department of Chemistry", "chemistry"),
    ("BSc in Ecology", "ecology"), ("магистратура, экология", "ecology"),
    ("экология кафедрасы", "ecology"), ("MSc Chemistry", "chemistry"),
    ("Химия пәні бойынша магистрант", "chemistry"),
    ("10 класс", "school"), ("11 «А» класс", "school"), ("9 сынып", "school"),
    ("ученица 10 класса", "school"), ("Grade 11", "school"), ("оқушы", "school"),
    ("учитель химии", "chemistry_teacher"),
])
def test_departments_degrees_and_school_classes(raw, entry_id):
    assert specialties([raw])["specialty_id"].iloc[0] == entry_id


# --- grouping never depends on row order ---------------------------------------------------

INSTITUTION_VALUES = st.sampled_from([
    "КазНУ", "КазНацУни", "Гимназия №56 г. Астана", "гимназия 56", "гимназия 56 Алматы",
    "Школа №45", "Школа-лицей №45", "ЕНУ", "ЕвразНУ", "Колледж Болашак", "Болашақ колледжі",
    "ТОО Экопласт", "Экопласт", "",
])
PEOPLE = st.sampled_from([("", ""), ("Дана", "d@gmail.com"), ("Ерлан", "e@mail.ru")])
DOMAINS = st.sampled_from(["", "x@enu.kz", "y@gmail.com"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(INSTITUTION_VALUES, DOMAINS, PEOPLE), min_size=1, max_size=12),
       st.randoms(use_true_random=False))
def test_institution_grouping_never_depends_on_row_order(rows, rng):
    shuffled = list(rows)
    rng.shuffle(shuffled)
    results = []
    for version in (rows, shuffled):
        people = People([name for _, _, (name, _) in version],
                        [address for _, _, (_, address) in version], [""] * len(version))
        frame = institutions([v for v, _, _ in version], [e for _, e, _ in version], people)
        results.append(dict(zip(version, zip(frame["institution_id"], frame["institution"]))))
    assert results[0] == results[1]


SPECIALTY_VALUES = st.sampled_from([
    "6B05201 Экология", "6B05201", "6B05201 Ecology", "6B05201 Химия", "Корабельное дело",
    "корабельное дело", "7M07101 Пластмассалар", "7M07101 Пластмассы", "7M07101", "10 класс", "",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(SPECIALTY_VALUES, min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_specialty_grouping_never_depends_on_row_order(values, rng):
    shuffled = list(values)
    rng.shuffle(shuffled)
    first, second = specialties(values), specialties(shuffled)
    assert (dict(zip(values, zip(first["specialty_id"], first["specialty"])))
            == dict(zip(shuffled, zip(second["specialty_id"], second["specialty"]))))


def test_cluster_unknown_is_a_function_of_the_set():
    counts = {"Колледж №5 г. Тараз": 2, "колледж 5 Тараз": 1, "Колледж N5": 1}
    reordered = dict(reversed(list(counts.items())))
    assert cluster_unknown(counts) == cluster_unknown(reordered)


# --- answers of Google's cell limit ----------------------------------------------------------

def _long(seed: int, prefix: str) -> str:
    rng = random.Random(seed)
    words = " ".join(rng.choice(["университет", "школа", "экология", "45", "имени"])
                     for _ in range(10_000))
    return (prefix + " " + words)[:50_000]


def test_long_answers_are_matched_by_their_first_words():
    values = [_long(1, "КазНУ,"), _long(2, "Школа №45 г. Алматы"), _long(3, "Школа №45 г. Алматы"),
              "Школа №45 г. Алматы"]
    ids = institutions(values)["institution_id"].tolist()
    # what follows the name is read only as far as COMPARED_CHARS: the two long answers that
    # begin alike are one group, the short answer (no university in it) another
    assert ids[1] == ids[2] == "?" + shape_of(compared(values[1])).key
    assert len({ids[0], ids[1], ids[3]}) == 3
    result = institutions(values)
    assert all(len(name) <= COMPARED_CHARS for name in result["institution"])
    spec = specialties([_long(4, "6B05201 Экология"), _long(5, "Химия")])
    assert len(spec) == 2 and spec["specialty_code"].iloc[0] == "6B05201"


@pytest.mark.parametrize("value", [
    "ГККП «Колледж №3» на праве хозяйственного ведения",
    "Филиал РГП на ПХВ «Колледж №3» РК",  # a branch, the country: nothing of which one
    "КГКП Колледж №3",
])
def test_legal_forms_and_owners_are_no_words_of_a_place(value):
    assert shape_of(value).words == ()


@pytest.mark.parametrize("adjective, village", [
    ("Шамалганская СОШ №1", "Шамалған №1 ОМ"),
    ("Чемолганская средняя школа №2", "СОШ №2 с. Чемолган"),
])
def test_a_villages_adjective_names_the_village(adjective, village):
    assert shape_of(adjective).key == shape_of(village).key


def test_a_describing_adjective_stays_a_word():
    assert shape_of("Русская школа №3").words == ("русская",)


def test_a_district_is_a_region_of_villages_not_a_town_or_a_village():
    """"Ақсу ауданы" is a district (Ақсу the town is elsewhere), in either language."""
    district = shape_of("№3 мектеп, Ақсу ауданы")
    assert district.city == ""
    assert district.key == shape_of("Аксуский район, школа №3").key
    assert district.key == shape_of("школа 3, Аксу р-н").key
    assert shape_of("Төле би ауданы, №12 мектеп").key == shape_of("№12 мектеп, Толе би р-н").key
    assert shape_of("№3 мектеп, Ақсу ауданы").key != shape_of("№3 мектеп, Ақсу").key


def test_a_districts_school_joins_the_one_village_school_of_its_number():
    """A district's list says "№12 мектеп" under the district's name: the one №12 of the
    data that no spelling places in another district (field test AM)."""
    ids = institutions(["№12 мектеп, Сайрам ауданы", "Қарамұрт, 12-мектеп",
                        "Зертас а. №12 орта мектебі, Төле би ауданы", "Зертас ауылы, №12 мектеп"]
                       )["institution_id"].tolist()
    assert ids[0] == ids[1]
    assert ids[2] == ids[3] != ids[0]


@pytest.mark.parametrize("others", [
    ["Қарамұрт, 12-мектеп", "Зертас ауылы, №12 мектеп"],  # either may be Сайрам's
    ["Зертас а. №12 орта мектебі, Төле би ауданы"],  # the only №12 is in another district
])
def test_a_districts_school_stays_apart_where_the_data_cannot_say_which(others):
    ids = institutions(["№12 мектеп, Сайрам ауданы", *others])["institution_id"].tolist()
    assert ids[0] not in ids[1:]


def test_a_schools_village_eponym_and_number_said_two_at_a_time_are_one_school():
    """"№7 in Қаскелең", "Әуезов's №7" and "Әуезов's school in Қаскелең" (field test AM)."""
    ids = institutions(["СОШ №7 с. Каскелен", "М.Әуезов атындағы №7 ЖОМ",
                        "Қаскелең ауылы, М.Әуезов атындағы мектеп"])["institution_id"]
    assert len(set(ids)) == 1


def test_a_school_is_the_one_number_its_village_and_its_eponym_are_both_typed_with():
    """Қаскелең has a №9 too and Әуезов's name a №2 elsewhere: the town's Әуезов school is
    the №7 both are typed with."""
    ids = institutions(["СОШ №7 с. Каскелен", "М.Әуезов атындағы №7 ЖОМ",
                        "Қаскелең ауылы, М.Әуезов атындағы мектеп", "Қаскелең ауылы, №9 мектеп",
                        "М.Әуезов атындағы №2 мектеп"])["institution_id"].tolist()
    assert len(set(ids[:3])) == 1 and len(set(ids)) == 3


@pytest.mark.parametrize("others", [
    ["Көкөзек ауылы, М.Әуезов атындағы №7 мектеп"],  # Әуезов's №7 is another village's too
    ["Көкөзек ауылы, М.Әуезов атындағы мектеп"],  # Әуезов's №7 may be Көкөзек's
    # the town's school named after Әуезов may be its №9
    ["Қаскелең ауылы, №9 мектеп", "М.Әуезов атындағы №9 мектеп"],
])
def test_three_spellings_stay_apart_where_another_school_may_be_one_of_them(others):
    ids = institutions(["СОШ №7 с. Каскелен", "М.Әуезов атындағы №7 ЖОМ",
                        "Қаскелең ауылы, М.Әуезов атындағы мектеп", *others])["institution_id"]
    assert len(set(ids[:3])) > 1
