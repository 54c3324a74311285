"""Specialties: programme codes kept, ru/kk/en spellings grouped, conservative fuzzy."""

import pytest
from hypothesis import given, settings, strategies as st

from sync.errors import ConfigError
from sync.normalize.aliases import Aliases
from sync.normalize.specialties import (
    COLUMNS, Specialty, SpecialtyList, is_study_group, load_specialties, normalize_specialties,
    split_code,
)

SPECIALTIES = load_specialties()
NO_ALIASES = Aliases()


def normalize(values, aliases=NO_ALIASES):
    return normalize_specialties(list(values), SPECIALTIES, aliases)


def one(value):
    return normalize([value]).iloc[0]


def test_the_list_is_large_enough():
    assert 60 <= len(SPECIALTIES.by_id) <= 100


@pytest.mark.parametrize(("raw", "text", "code"), [
    ("6B05201 Экология", "Экология", "6B05201"),
    ("6В05201 - Экология", "Экология", "6B05201"),  # Cyrillic В
    ("Химия 7М07201", "Химия", "7M07201"),
    ("8Д05301 Химия", "Химия", "8D05301"),
    ("8D05301", "", "8D05301"),
    ("5В060800 Экология", "Экология", "5B060800"),
    ("5b060800", "", "5B060800"),
    ("050608 Экология", "Экология", "050608"),
    ("Экология", "Экология", ""),
    ("Экология, 2 курс", "Экология, 2 курс", ""),
    ("1234567", "1234567", ""),
])
def test_codes_are_split_off_in_latin_capitals(raw, text, code):
    assert split_code(raw) == (text, code)


@pytest.mark.parametrize(("raw", "entry_id", "how"), [
    ("Экология", "ecology", "exact"),
    ("экология", "ecology", "exact"),
    ("Ecology", "ecology", "exact"),
    ("6B05201 Экология", "ecology", "exact"),
    ("Экология мамандығы", "ecology", "exact"),
    ("специальность: Экология, 2 курс", "ecology", "exact"),
    ("Экологи", "ecology", "exact"),  # the ending is cut before comparing
    ("Химия", "chemistry", "exact"),
    ("Chemistry", "chemistry", "exact"),
    ("Химическая технология органических веществ", "chem_tech_organic", "exact"),
    ("Органикалық заттардың химиялық технологиясы", "chem_tech_organic", "exact"),
    ("Chemical technology of organic substances", "chem_tech_organic", "exact"),
    ("ХТОВ", "chem_tech_organic", "exact"),
    ("Технология продовольственых продуктов", "food_technology", "fuzzy"),
    ("Табиғатты пайдалану", "environmental_management", "exact"),
    ("Природопользование", "environmental_management", "exact"),
    ("БЖД", "life_safety", "exact"),
    ("Технология переработки полимеров", "polymers", "exact"),
    ("Информационные системы", "information_systems", "exact"),
    ("Ақпараттық жүйелер", "information_systems", "exact"),
    ("Учет и аудит", "accounting", "exact"),
    ("Құқықтану", "law", "exact"),
    ("Ekologıa", "ecology", "exact"),  # the 2018 Kazakh Latin alphabet
    ("Aqparattyq júıeler", "information_systems", "exact"),
    # a name said in part, by a word no other programme has
    ("Polymer chemistry", "polymers", "fuzzy"),
    ("Полимерлер химиясы", "polymers", "fuzzy"),
    ("Химия полимеров", "polymers", "fuzzy"),
    ("5В060800", "ecology", "code"),
    ("5B072100", "chem_tech_organic", "code"),
])
def test_spellings_in_three_languages(raw, entry_id, how):
    row = one(raw)
    assert (row["specialty_id"], row["specialty_match"]) == (entry_id, how)
    assert row["specialty"] == SPECIALTIES.by_id[entry_id].ru


@pytest.mark.parametrize(("a", "b"), [
    ("Химия", "Химическая технология"),
    ("Экология", "Экономика"),
    ("Биология", "Геология"),
    ("Экология", "Биология"),
    ("Химия", "Химия и биология"),
    ("Химическая технология органических веществ", "Химическая технология неорганических веществ"),
    ("Физика", "Физическая культура"),
    ("Химия технология", "Химия и технология полимеров"),  # words many programmes share
])
def test_different_fields_are_never_merged(a, b):
    first, second = normalize([a, b])["specialty"].tolist()
    assert first != second


def test_unknown_names_are_grouped_by_fold_with_the_common_spelling():
    spellings = ["Корабельное дело", "корабельное  дело", "КОРАБЕЛЬНОЕ ДЕЛО", "корабельное дело"]
    result = normalize(spellings)
    assert set(result["specialty"]) == {"корабельное дело"}
    assert set(result["specialty_match"]) == {"unmatched"}
    assert set(result["specialty_id"]) == {""}


def test_a_typo_between_two_close_entries_is_not_guessed():
    # "неорганичеких" is one letter from inorganic and three from organic: too close to call.
    row = one("Химическая технология неорганичеких веществ")
    assert (row["specialty_id"], row["specialty_match"]) == ("", "unmatched")


def test_a_code_with_no_entry_is_kept_and_flagged():
    row = one("7M08101")
    assert (row["specialty"], row["specialty_code"], row["specialty_match"]) == (
        "7M08101", "7M08101", "unmatched"
    )


@pytest.mark.parametrize("raw", ["", "-", "нет", "none", "  "])
def test_blank(raw):
    assert one(raw)[["specialty", "specialty_id", "specialty_match"]].tolist() == ["", "", "blank"]


def test_alias_file_wins():
    aliases = Aliases(specialty={
        "химия": "chemical_engineering",
        "пластик": "Переработка пластика",
    })
    result = normalize(["Химия", "Пластик"], aliases)
    assert result["specialty_id"].tolist() == ["chemical_engineering", ""]
    assert result["specialty"].tolist() == ["Химическая инженерия", "Переработка пластика"]
    assert set(result["specialty_match"]) == {"alias"}


def test_a_spelling_shared_by_two_entries_is_refused():
    twin = Specialty("twin", "Химия", "Химия", "Chemistry", (), ())
    with pytest.raises(ConfigError, match="twin"):
        SpecialtyList.build([*SPECIALTIES.by_id.values(), twin])


@pytest.mark.parametrize("entry_id", sorted(SPECIALTIES.by_id))
def test_every_listed_name_matches_its_own_entry(entry_id):
    entry = SPECIALTIES.by_id[entry_id]
    names = [entry.ru, entry.kk, entry.en, *entry.variants]
    assert normalize(names)["specialty_id"].tolist() == [entry_id] * len(names)


def test_output_shape():
    result = normalize(["Химия", "", "x"])
    assert list(result.columns) == list(COLUMNS) and len(result) == 3


TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
NAMES = st.sampled_from(
    [n for e in SPECIALTIES.by_id.values() for n in (e.ru, e.kk, e.en, *e.variants)]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(TEXT, NAMES, st.just("6B05201 Экология")), max_size=6))
def test_never_raises_never_silently_empties_and_is_idempotent(values):
    first = normalize(values)
    assert len(first) == len(values)
    for row in first.itertuples():
        assert (row.specialty == "") == (row.specialty_match == "blank")
    second = normalize(first["specialty"].tolist())
    assert second["specialty"].tolist() == first["specialty"].tolist()
    assert second["specialty_id"].tolist() == first["specialty_id"].tolist()


@pytest.mark.parametrize("text, group", [
    ("ТПП-21к", True), ("ЭК-24-2", True), ("ХТ 21-1", True), ("IT-22", True), ("ис21", True),
    ("11А", False), ("В060800", False), ("6B05201", False), ("Экология", False),
    ("2 курс", False)])
def test_a_study_groups_code(text, group):
    assert is_study_group(text) == group
