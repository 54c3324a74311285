"""Places as the field test typed them: towns with "к." for қаласы, countries in their own
language, institutions by the abbreviations organizers use, and a town that shares its name
with a university (Сатпаев and Satbayev University)."""

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from reports.labels import LABELS
from sync.cli import main
from sync.config import NormalizeConfig
from sync.normalize import load_reference, normalize
from sync.normalize import countries
from sync.normalize.aliases import Aliases
from sync.normalize.cities import (KNOWN_CITIES, NAMED_AFTER_A_PERSON, known_city,
                                   locality_of, normalize_cities, towns_of_their_contacts)
from sync.normalize.countries import country_column, country_of
from sync.normalize.institutions import load_directory, match_institutions
from sync.normalize.phones import normalize_phones
from sync.normalize.shapes import shape_of
from tests.conftest import FORM_HEADER, csv_text

DIRECTORY = load_directory()
ONE_WORD_SPELLINGS = sorted({s for canonical, spellings in KNOWN_CITIES.items()
                             for s in (canonical, *spellings) if " " not in s and "-" not in s})


def city(value):
    row = normalize_cities([value]).iloc[0]
    return row["city"], row["city_match"]


# --- 1. "к." for қаласы ----------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    # Kazakh "қ." typed without Kazakh letters, after the town or before it
    ("Павлодар к.", "Павлодар"), ("Актобе к.", "Актобе"), ("Караганды к.", "Караганда"),
    ("Орал к", "Уральск"), ("к. Павлодар", "Павлодар"), ("Ақтөбе қ.", "Актобе"),
    ("Өскемен к.", "Усть-Каменогорск"), ("Павлодар обл., Аксу к.", "Аксу"),
    # in Latin letters (q. in the Kazakh Latin alphabet)
    ("Almaty q.", "Алматы"), ("Aktobe k.", "Актобе"), ("Karaganda k", "Караганда"),
    # Russian forms still read
    ("г. Актобе", "Актобе"), ("город Павлодар", "Павлодар"),
])
def test_a_town_with_k_for_kalasy_is_the_town(raw, expected):
    assert city(raw) == (expected, "exact")


@pytest.mark.parametrize("raw, expected", [
    # "к." beside no known town is not a town's word: an initial, a degree, an unknown place
    ("к. Иванов", "к. Иванов"), ("Иванов к.", "Иванов к"), ("к.т.н.", "К.Т.Н"),
    ("Шамалган к.", "Шамалган к"), ("Kentau Street k.", "Kentau Street k"),
])
def test_k_beside_no_known_town_is_kept(raw, expected):
    assert city(raw) == (expected, "unmatched")


@given(st.sampled_from(ONE_WORD_SPELLINGS), st.sampled_from(["{} к.", "{} к", "к. {}", "{} қ.",
                                                             "{} q.", "{} K."]))
def test_every_known_town_with_k_is_that_town(spelling, pattern):
    assert known_city(pattern.format(spelling)) == known_city(spelling)


@given(st.text(max_size=20))
def test_k_never_makes_a_town_of_what_is_none(text):
    if known_city(text) is None:
        assert known_city(text + " к.") is None and known_city("к. " + text) is None


@pytest.mark.parametrize("value, kinds, numbers, town", [
    # the town of a school as institutions read it, "к." after it
    ("Актобе к. №21 мектеп-лицей", {"lyceum"}, ("21",), "Актобе"),
    ("Орал к, №5 мектеп", {"school"}, ("5",), "Уральск"),
    ("Школа №5, Караганды к.", {"school"}, ("5",), "Караганда"),
    ("School No. 5, Aktobe k.", {"school"}, ("5",), "Актобе"),
    # an initial before a surname is no town's mark: "К. Сатпаева" is the man, not the town
    ("Школа №3 им. К. Сатпаева", {"school"}, ("3",), ""),
    ("№3 мектеп, Сатпаев к.", {"school"}, ("3",), "Сатпаев"),
    # a school typed in Latin letters is a school too
    ("12-mektep, Astana", {"school"}, ("12",), "Астана"),
])
def test_a_schools_town_with_k(value, kinds, numbers, town):
    shape = shape_of(value)
    assert (set(shape.kinds), shape.numbers, shape.city) == (kinds, numbers, town)


@given(st.sampled_from(ONE_WORD_SPELLINGS), st.integers(1, 300),
       st.sampled_from(["{t} к. №{n} мектеп", "№{n} мектеп, {t} к.", "школа №{n} г. {t}",
                        "School No. {n}, {t} k."]))
def test_a_numbered_school_is_in_the_town_typed_beside_it(spelling, number, pattern):
    shape = shape_of(pattern.format(t=spelling, n=number))
    assert (shape.city, shape.numbers) == (known_city(spelling), (str(number),))


def test_a_school_placed_by_a_city_answer_with_k():
    """An unknown school without its town is the one in the town the person gave."""
    cities = normalize_cities(["Актобе к.", "Ақтөбе қаласы", "Караганды к."])
    rows = match_institutions(["№21 мектеп-лицей"] * 3, [""] * 3, DIRECTORY, Aliases(),
                              cities=cities["city"].tolist())
    assert rows["institution_city"].tolist() == ["Актобе", "Актобе", "Караганда"]
    assert rows["institution_id"].iloc[0] == rows["institution_id"].iloc[1] \
        != rows["institution_id"].iloc[2]


# --- 2. countries in their own language ------------------------------------------------------

@pytest.mark.parametrize("answer, region", [
    # English, the official and the short forms
    ("Deutschland", "DE"), ("Germany", "DE"), ("PRC", "CN"), ("P.R. China", "CN"),
    ("People's Republic of China", "CN"), ("Russian Federation", "RU"), ("Turkey", "TR"),
    ("Türkiye", "TR"), ("Türkei", "TR"), ("India", "IN"), ("Bharat", "IN"),
    ("U.S.A.", "US"), ("Kyrgyz Republic", "KG"), ("Türkmenistan", "TM"),
    # Russian
    ("Россия", "RU"), ("РФ", "RU"), ("Российская Федерация", "RU"), ("Китай", "CN"),
    ("КНР", "CN"), ("Узбекистан", "UZ"), ("Кыргызстан", "KG"), ("Кыргызская Республика", "KG"),
    ("Германия", "DE"), ("Туркменистан", "TM"),
    # Kazakh
    ("Ресей", "RU"), ("Қытай", "CN"), ("Өзбекстан", "UZ"), ("Тәжікстан", "TJ"),
    ("Қырғызстан", "KG"), ("Кыргыз Республикасы", "KG"), ("Қазақстан Республикасы", "KZ"),
    # each country's own language
    ("O'zbekiston", "UZ"), ("Oʻzbekiston", "UZ"), ("Ozbekiston", "UZ"), ("Qırğızstan", "KG"),
    ("Тоҷикистон", "TJ"), ("中国", "CN"), ("Україна", "UA"), ("Polska", "PL"),
    # its code, in capitals as codes are written (field test AE)
    ("KG", "KG"), ("UZ", "UZ"), ("CN", "CN"), ("no", ""), ("XL", ""),
    # not a country
    ("Алматы", ""), ("Bishkek", ""), ("", ""),
])
def test_a_country_in_any_of_its_names(answer, region):
    assert country_of(answer) == region


def test_no_name_belongs_to_two_countries():
    owners: dict[str, set[str]] = {}
    names = [(key.removeprefix("country."), name) for key, label in LABELS.items()
             if key.startswith("country.") for name in label.values()]
    names += [(region, name) for region, spellings in countries._NAMES.items()
              for name in spellings]
    for region, name in names:
        owners.setdefault(countries._key(name), set()).add(region)
    assert {k: v for k, v in owners.items() if len(v) > 1 or not k} == {}


ALL_NAMES = sorted({name for spellings in countries._NAMES.values() for name in spellings})


@given(st.sampled_from(ALL_NAMES), st.sampled_from(["{}", "{}.", " {} ", "the {}",
                                                     "Republic of {}"]),
       st.sampled_from([str.upper, str.lower, str.title, str]))
def test_a_countrys_name_is_read_whatever_its_case_and_the_words_around(name, around, case):
    assert country_of(case(around.format(name))) == country_of(name) != ""


@pytest.mark.parametrize("phone, country, e164", [
    ("0160 78092905", "Deutschland", "+4916078092905"),
    ("150-9950-8596", "PRC", "+8615099508596"),
    ("0772 026 408", "Кыргыз Республикасы", "+996772026408"),
    ("93 186 89 26", "Oʻzbekiston", "+998931868926"),
])
def test_a_local_number_is_read_as_the_country_named_writes_it(phone, country, e164):
    codes = country_column({"q: Страна": pd.Series([country, "Казахстан"])})
    row = normalize_phones([phone, "87011234567"], countries=codes).iloc[0]
    assert (row["phone"], bool(row["phone_valid"])) == (e164, True)


def test_normalize_reads_phones_by_the_country_question():
    rows = pd.DataFrame([
        {"source": "form", "source_row": n, "submitted_at": pd.NaT, "submitted_at_raw": "",
         "full_name": name, "email": "", "phone": phone, "institution": "", "specialty": "",
         "role": "", "city": "", "q: Страна / Country": country}
        for n, (name, phone, country) in enumerate([
            ("Müller Anna", "0160 78092905", "Deutschland"),
            ("Wang Li", "150-9950-8596", "PRC"),
            ("Асанов Айбек", "8 701 123 45 67", "Қазақстан")], start=2)])
    cleaned = normalize(rows, load_reference(NormalizeConfig()))
    assert cleaned["phone"].tolist() == ["+4916078092905", "+8615099508596", "+77011234567"]
    assert cleaned["phone_valid"].tolist() == [True, True, True]


@pytest.mark.parametrize("answer, place", [
    ("Қарасай ауданы, Шамалған", "Шамалған"),  # a district and its village: the village
    ("Шамалған ауылы", "Шамалған"),
    ("Түркістан обл, Сайрам ауд, Ақсу а.", "Ақсу"),
    ("Алматы обл Қарасай ауд", "Қарасай ауданы"),  # a district alone, marked as one
    ("Карасайский район", "Карасай р-н"),
    ("Төле би ауданы", "Төле би ауданы"), ("Толе би р-н", "Толе би р-н"),  # named after a person
    ("Талгарский р-н", "Талгар р-н"), ("Карасай р-н", "Карасай р-н"),  # "р-н" shortened
    ("п. Затобольск", "Затобольск"),
    ("Алматы облысы", ""),  # a region is no school's place
    ("Павлодар", ""), ("г. Павлодар", ""),  # a known town is a town, not a locality
    ("", ""),
])
def test_a_village_or_a_district_a_place_answer_names(answer, place):
    assert locality_of(answer) == place


def test_a_row_giving_no_town_is_in_the_one_its_contacts_owner_gave():
    """A teacher registered from Астана and sent her pupils with her address and phone:
    their "15 мектеп" is Астана's. A secretary's address used from two towns places no one."""
    towns = ["Астана", "", "", "Шымкент", "Павлодар", "", "Алматы", ""]
    contacts = [("t@mail.kz", "+7 771 989 87 25"), ("t@mail.kz", ""), ("", "87719898725"),
                ("s@mail.kz", ""), ("s@mail.kz", ""), ("s@mail.kz", ""), ("", "87719898725"),
                # her pupil's row in her list: her contacts in a question of its own
                ("", "", "8 771 989 87 25, T@mail.kz")]
    def found(rows):
        email, phone, other = ([contacts[i][c] if c < len(contacts[i]) else "" for i in rows]
                               for c in range(3))
        return towns_of_their_contacts([towns[i] for i in rows], email, phone, [other],
                                       [not towns[i] for i in rows])

    assert found(range(8)) == ["", "Астана", "", "", "", "", "", ""]
    # the phone alone: Астана's and Алматы's rows gave it, so it says no one town
    assert found([0, 1, 2]) == ["", "Астана", "Астана"]
    assert found([0, 1, 7]) == ["", "Астана", "Астана"]


@given(st.lists(st.tuples(st.sampled_from(["", "Астана", "Тараз"]),
                          st.sampled_from(["", "a@x.kz", "b@x.kz"]),
                          st.sampled_from(["", "87010000001", "+7 701 000 00 02"])), max_size=8))
def test_a_town_is_lent_only_where_the_contacts_say_one(rows):
    towns = [town for town, _, _ in rows]
    found = towns_of_their_contacts(towns, [e for _, e, _ in rows], [p for _, _, p in rows],
                                    [], [not town for town in towns])
    for (town, email, phone), lent in zip(rows, found):
        said = {t for t, e, p in rows if t and ((e and e == email) or (p and p[-4:] == phone[-4:]))}
        assert lent == (said.pop() if not town and len(said) == 1 else "")


@given(st.text())
def test_a_locality_is_read_from_any_answer(answer):
    assert isinstance(locality_of(answer), str)


def test_a_teachers_pupils_sent_with_her_contacts_are_at_her_towns_school():
    """Her own row says Астана; her pupils' rows, sent from her address, say "15 мектеп"
    and no town: Астана's №15, not Шымкент's (field tests AF, AK). A school named with its
    village is left as it was typed."""
    rows = pd.DataFrame([
        {"source": "form", "source_row": n, "submitted_at": pd.NaT, "submitted_at_raw": "",
         "full_name": name, "email": email, "phone": "", "institution": school,
         "specialty": "", "role": "", "city": town}
        for n, (name, email, school, town) in enumerate([
            ("Жумабаев Нурислам", "t@mail.kz", "15 мектеп", "Астана"),
            ("Морозов Кирилл", "t@mail.kz", "15 мектеп", ""),
            ("Касымов Ислам", "k@mail.kz", "15 мектеп", "Шымкент"),
            ("Омаров Ерлан", "t@mail.kz", "Шамалған ауылы, №3 мектеп", "")], start=2)])
    cleaned = normalize(rows, load_reference(NormalizeConfig()))
    ids = cleaned["institution_id"].tolist()
    assert ids[0] == ids[1] != ids[2]
    assert cleaned["institution"].iloc[3] == "Шамалған ауылы, №3 мектеп"


def test_a_schools_name_in_two_villages_is_two_schools():
    """Абай атындағы ЖОМ in Шамалған and in Ақсу (field test AC): the place each row gave
    tells them apart, as a town does; one school typed with its district and its village
    or its village alone is one."""
    rows = pd.DataFrame([
        {"source": "form", "source_row": n, "submitted_at": pd.NaT, "submitted_at_raw": "",
         "full_name": name, "email": "", "phone": "", "institution": "Абай атындағы ЖОМ",
         "specialty": "", "role": "", "city": place}
        for n, (name, place) in enumerate([
            ("Асанов Айбек", "Қарасай ауданы, Шамалған"), ("Омаров Ерлан", "Шамалған ауылы"),
            ("Ким Ольга", "Түркістан обл, Сайрам ауд, Ақсу а.")], start=2)])
    ids = normalize(rows, load_reference(NormalizeConfig()))["institution_id"].tolist()
    assert ids[0] == ids[1] != ids[2]


def test_district_lists_place_their_schools_by_their_titles(tmp_path, monkeypatch, capsys):
    """Two districts' education departments each send a list of "5 мектеп" pupils, the
    district in the title (field test AC): two schools, and a form's row that gave the
    district as its place is the first district's school."""
    monkeypatch.chdir(tmp_path)
    for district, title, pupil in (("karasai", "Қарасай аудандық білім бөлімі", "Асанов Айбек"),
                                   ("talgar", "Отдел образования по Талгарскому району",
                                    "Ким Ольга")):
        (tmp_path / f"{district}.csv").write_text(csv_text([
            [title], ["№", "Аты-жөні", "Сынып", "Мектеп", "Телефон"],
            ["1", pupil, "7 Б", "5 мектеп", "8701555000" + str(len(district))]]),
            encoding="utf-8")
    (tmp_path / "form.csv").write_text(csv_text([
        ["Timestamp", "Аты-жөніңіз", "Мектеп", "Елді мекен", "Телефон"],
        ["2025/10/07 10:00:00 AM GMT+5", "Омаров Ерлан", "5 мектеп", "Қарасай ауданы",
         "87017770000"]]), encoding="utf-8")
    (tmp_path / "config.toml").write_text("".join(
        f'[[source]]\nname = "{name}"\ntype = "csv"\npath = "{name}.csv"\n\n'
        for name in ("form", "karasai", "talgar")) + '[report]\ndir = "output"\n',
        encoding="utf-8")
    assert main(["run", "-q"]) == 0
    capsys.readouterr()
    assert main(["who", "5 мектеп"]) == 0
    heads = {line for line in capsys.readouterr().out.splitlines()[1:]
             if line and not line.startswith(" ")}
    assert heads == {"5 мектеп, Қарасай ауданы — участников: 2",
                     "5 мектеп, Талгар р-н — участников: 1"}


# --- 3. the directory's abbreviations and English names --------------------------------------

@pytest.mark.parametrize("spelling, entry_id", [
    # abbreviations organizers type
    ("КВПК", "kvpk"), ("ПХМК", "pkhmk"), ("КИУ", "karindustrial"), ("KIU", "karindustrial"),
    ("КарИУ", "karindustrial"), ("ОҚПУ", "zhanibekov"), ("OKPU", "zhanibekov"),
    ("ОҚМПУ", "zhanibekov"),
    # beside the town, in Kazakh with "к." for қаласы, or in Russian
    ("ПХМК, Павлодар к.", "pkhmk"), ("КВПК, Караганды к.", "kvpk"), ("КВПК г. Караганда", "kvpk"),
    # English forms
    ("Kazakh National Agrarian University", "kaznaru"),
    ("Kazakh National Research Technical University", "satbayev"),
    ("Kazakh National Research Technical University (Satbayev University)", "satbayev"),
    ("Kazakh National Technical University", "satbayev"),
    # Kazakh and Russian forms, as before
    ("Қарағанды индустриялық университеті", "karindustrial"),
    ("Казахский национальный аграрный университет", "kaznaru"),
])
def test_abbreviations_and_english_names_in_use(spelling, entry_id):
    row = match_institutions([spelling], [""], DIRECTORY, Aliases()).iloc[0]
    assert row["institution_id"] == entry_id


def test_a_college_by_its_abbreviation_in_another_town_is_not_it():
    row = match_institutions(["КВПК г. Павлодар"], [""], DIRECTORY, Aliases()).iloc[0]
    assert row["institution_match"] == "unmatched"


# --- 4. a town and a university of one name ---------------------------------------------------

@pytest.mark.parametrize("value, town", [
    # the university named after Қ. Сәтбаев, as the town is: no town in what names it
    ("Satbayev University, ИГиНГД", ""), ("Сәтбаев университеті, ИГиНГД", ""),
    ("Сатпаев университет", ""), ("КазНИТУ им. К. Сатпаева", ""),
    ("Қ. И. Сәтбаев атындағы Қазақ ұлттық техникалық зерттеу университеті", ""),
    ("Д. А. Қонаев атындағы университет", ""), ("Колледж им. К. Конаева", ""),
    ("Сатпаев Университет г. Алматы", "Алматы"),
    # the town where the text names it as a place
    ("Сатпаев қ., №3 мектеп", "Сатпаев"), ("школа №3 г. Сатпаев", "Сатпаев"),
    ("School No. 3, Satpayev", "Сатпаев"), ("Сатпаев", "Сатпаев"),
    # a town named after no one, before "университет", is where the university is
    ("Karaganda University", "Караганда"),
])
def test_a_university_named_after_a_person_is_not_the_town_named_after_him(value, town):
    assert shape_of(value).city == town


PERSON_TOWN_SPELLINGS = sorted(s for canonical in NAMED_AFTER_A_PERSON
                               for s in (canonical, *KNOWN_CITIES[canonical]))


@given(st.sampled_from(PERSON_TOWN_SPELLINGS),
       st.sampled_from(["{} University", "{} университеті", "{} университет", "{} Institute",
                        "{} атындағы колледж", "Колледж имени {}", "школа им. К. {}"]))
def test_a_persons_name_beside_a_university_or_named_after_is_never_the_town(spelling, pattern):
    assert shape_of(pattern.format(spelling)).city == ""


def test_the_university_with_an_institute_of_its_own_is_the_university_not_the_town():
    row = match_institutions(["Satbayev University, ИГиНГД"], [""], DIRECTORY,
                             Aliases()).iloc[0]
    assert (row["institution_id"], row["institution_city"]) == ("satbayev", "Алматы")


SATBAYEV_ROWS = [
    FORM_HEADER,
    ["2025/10/07 10:00:00 AM GMT+5", "a@mail.kz", "Әбенов Ерлан", "87011111111",
     "Satbayev University", "Геология", "студент", "Алматы"],
    ["2025/10/07 10:05:00 AM GMT+5", "b@mail.kz", "Иванова Мария", "87022222222",
     "КазНИТУ им. К. Сатпаева", "Геология", "магистрант", "Алматы"],
    ["2025/10/07 10:10:00 AM GMT+5", "c@mail.kz", "Серікова Аружан", "87033333333",
     "№3 мектеп", "", "мұғалім", "Сатпаев к."],
    ["2025/10/07 10:15:00 AM GMT+5", "d@mail.kz", "Ли Денис", "87044444444",
     "КазНУ", "Химия", "студент", "Алматы"],
]


@pytest.fixture
def satbayev_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.csv").write_text(csv_text(SATBAYEV_ROWS), encoding="utf-8")
    (tmp_path / "config.toml").write_text(
        '[[source]]\nname = "form"\ntype = "csv"\npath = "form.csv"\n\n'
        '[report]\ndir = "output"\nlanguage = "ru"\n', encoding="utf-8")
    assert main(["run", "-q"]) == 0


@pytest.mark.parametrize("query", ["Сатпаев", "Сәтбаев", "Satbayev", "Satpayev"])
def test_who_by_a_town_that_names_a_university_lists_both(satbayev_store, capsys, query):
    capsys.readouterr()
    assert main(["who", query]) == 0
    out = capsys.readouterr().out
    heads = [line for line in out.splitlines() if not line.startswith(" ")]
    assert heads == [
        f"По запросу «{query}» — учебных заведений: 2, участников: 3",
        "Казахский национальный исследовательский технический университет имени К. И. "
        "Сатпаева — участников: 2",
        "№3 мектеп, Сатпаев — участников: 1",
    ]
    assert "Ли Денис" not in out
