"""Names: display form, matching key and review notes."""

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from sync.dedup.names import name_key as dedup_name_key
from sync.normalize.names import (COLUMNS, is_patronymic, join_name_parts, name_key,
                                  surname_first_in_list,
                                  normalize_names, split_run_together)
from sync.normalize.text import clean_text


@pytest.mark.parametrize(("raw", "full_name"), [
    ("иванов иван иванович", "Иванов Иван Иванович"),
    ("ӘБДІРАХМАНОВА ӘСЕЛ", "Әбдірахманова Әсел"),
    ("ким-ли", "Ким-Ли"),
    ("Иванов И.И.", "Иванов И. И."),
    ("Иванов  И. И.", "Иванов И. И."),
    ("AIGERIM SMAGULOVA", "Aigerim Smagulova"),
    ("Нұрланова Айгерім Серік кызы", "Нұрланова Айгерім Серік кызы"),
    ("АЛИЕВ РУСТАМ ГАСАН ОГЛЫ", "Алиев Рустам Гасан оглы"),
    ("Асан Улы Болат", "Асан улы Болат"),
    ("  сМАГУЛОВА\u200b   айгерим ", "Смагулова Айгерим"),
    ("Иванов Иван 2", "Иванов Иван"),
    ("😀Асель😀 Серікқызы", "Асель Серікқызы"),
    ("Ёлкина Алёна", "Ёлкина Алёна"),
    ("Кaзыбек Бек", "Казыбек Бек"),  # Latin "a" inside a Cyrillic word
    ("123", "123"),
    ("ivanov@mail.ru", "ivanov@mail.ru"),
    ("", ""),
    # a remark beside the name that says a role or a course, in three languages
    ("Ахметова Аружан (студентка)", "Ахметова Аружан"),
    ("Ахметова Аружан, 2 курс", "Ахметова Аружан"),
    ("Сейткали Балжан; учитель химии", "Сейткали Балжан"),
    ("Жұмабаев Самат - 10 сынып оқушысы", "Жұмабаев Самат"),
    ("Ерланқызы Дана [магистрант]", "Ерланқызы Дана"),
    ("Aigerim Smagulova (PhD student)", "Aigerim Smagulova"),
    ("Aigerim Smagulova, senior lecturer", "Aigerim Smagulova"),
    # ... or names an institution (a question asking the name and the place of study)
    ("Смирнова Анна Сергеевна, Satbayev Uni", "Смирнова Анна Сергеевна"),
    ("Юсупова Зарина Рустамовна, ПГУ им. Торайгырова, 1 курс", "Юсупова Зарина Рустамовна"),
    ("Ахметова Аружан (КазНУ)", "Ахметова Аружан"),
    # ... typed right after the name, in three languages
    ("Омаров Ерлан КазНУ", "Омаров Ерлан"),
    ("Омаров Ерлан Нурланович КазНУ им. аль-Фараби", "Омаров Ерлан Нурланович"),
    ("Сейткали Балжан школа №12", "Сейткали Балжан"),
    ("Жұмабаев Самат Абай атындағы №5 мектеп", "Жұмабаев Самат"),
    ("Aigerim Smagulova SDU", "Aigerim Smagulova"),
    ("Aigerim Smagulova Narxoz University", "Aigerim Smagulova"),
    # ... but not what may be a name
    ("Петрова Анна Школьникова", "Петрова Анна Школьникова"),  # a surname like "школа"
    ("Нурлан Сатбаев", "Нурлан Сатбаев"),  # a surname a university is named after
    ("Иванова (Петрова) Мария", "Иванова Петрова Мария"),
    ("Иванова Мария (Магистрова)", "Иванова Мария Магистрова"),
    ("Иванов, Иван", "Иванов Иван"),
    ("(студент)", "Студент"),  # nothing else: kept as typed
    ("AA`Aa", "Aa Aa"),  # split where the case changes, the apostrophe left at the seam
    ("Ахметова - Сейткали Әсел", "Ахметова-Сейткали Әсел"),  # a double surname, spaced
    # titles before or after a name, in three languages
    ("Dr. Yerlan Sadykov, PhD", "Yerlan Sadykov"),
    ("Prof. Sadykov Yerlan", "Sadykov Yerlan"),
    ("доцент Рахимова Жанна Болатовна", "Рахимова Жанна Болатовна"),
    ("Рахимова Жанна к.х.н.", "Рахимова Жанна"),
    ("ст.преп. Иванова А.С.", "Иванова А. С."),
    ("аға оқытушы Сейткали Балжан", "Сейткали Балжан"),
    # ... but not what may be a name or initials
    ("Маман Ерлан Серикович", "Маман Ерлан Серикович"),
    ("магистрова анна петровна", "Магистрова Анна Петровна"),
    ("Ахметов Асан И.П.", "Ахметов Асан И. П."),
    ("Dean Smith", "Dean Smith"),  # a name keeps two words
    # first name, patronymic, surname: the surname goes first, as lists write names
    ("Дарья Викторовна Козлова", "Козлова Дарья Викторовна"),
    ("Aigerim Bolatovna Akhmetova", "Akhmetova Aigerim Bolatovna"),
    ("Нұрсұлтан Әбішұлы Назарбаев", "Назарбаев Нұрсұлтан Әбішұлы"),
    ("Ерлан Асхат ұлы", "Ерлан Асхат ұлы"),  # the patronymic in two words: nothing moves
    ("Ләззат Нұрмағанбетова Аскаровна", "Нұрмағанбетова Ләззат Аскаровна"),
    ("Иванова Анна Петровна", "Иванова Анна Петровна"),
    ("Ахметжан Серік Болатұлы", "Ахметжан Серік Болатұлы"),  # no ending says which: as typed
    # a word typed twice in a row (field test AQ: never matched her other registration)
    ("Сейткали Дастан Дастан", "Сейткали Дастан"),
    ("ахметова АЙГЕРИМ айгерим", "Ахметова Айгерим"),
    ("Ли Ли", "Ли Ли"),  # two words alike are a name
])
def test_full_name(raw, full_name):
    assert normalize_names([raw])["full_name"].tolist() == [full_name]


@pytest.mark.parametrize(("a", "b"), [
    ("Иванов Иван", "иван ИВАНОВ"),
    ("Әбдірахманова Әсел", "Абдирахманова Асель"),
    ("Айгерим Смагулова", "Aigerim Smagulova"),
    ("Ерлан Жаксылыков", "Yerlan Zhaksylykov"),
    ("Ёлкина Алёна", "Елкина Алена"),
    ("Иванов Иван", "Иванов Иван И."),
    ("Иванов Иван", "Иванов Иван (студент 2 курса)"),
])
def test_name_key_ignores_case_script_order_and_initials(a, b):
    assert name_key(a) == name_key(b) != ""


@pytest.mark.parametrize(("a", "b"), [
    ("Иванов Иван", "Иванов Пётр"),
    ("Иванов Иван", "Иванова Ивана"),
])
def test_name_key_tells_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(("raw", "key"), [
    ("Смагулова Айгерим Сериковна", "aigerim serikovna smagulova"),
    ("Иванов И.И.", "ivanov"),
    ("Жумабаев Ж.", "zhumabaev"),
    ("Ким-Ли Анна", "ana kim li"),
])
def test_key_is_sorted_skeletons_without_initials(raw, key):
    assert normalize_names([raw])["name_key"].tolist() == [key]


def test_columns():
    assert list(normalize_names(["Иванов Иван"]).columns) == COLUMNS == [
        "full_name", "name_key", "name_note"]


@pytest.mark.parametrize(("raw", "note"), [
    ("Иванов Иван Иванович", ""),
    ("Иванов И.И.", ""),
    ("Иванов", "name.one_word"),
    ("И.И.", "name.initials_only"),
    ("123", "name.no_letters"),
    ("😀 ---", "name.no_letters"),
    ("ivanov@mail.ru", "name.contact"),
    ("Иванов Иван ivanov@mail.ru", "name.contact"),
    ("8 747 428 93 78", "name.contact"),
    ("Иванов Иван 2", "name.digits"),
    ("Иванов Иван #", "name.symbols"),
    ("", ""),
    ("Иванов Иван (студент 2 курса)", ""),  # the remark is left out, the rest is a name
    ("Иванов Иван, Петров Петр", "name.symbols"),  # two people in one cell: a person looks
    # a file saved without Kazakh letters: each is "?", and the word is kept whole
    ("Т?р?анбаева Сабина Ержановна", "name.lost_letters"),
    ("Ахметова Айгерим?", "name.symbols"),  # a question mark after a word is one
])
def test_name_note(raw, note):
    assert normalize_names([raw])["name_note"].tolist() == [note]


@pytest.mark.parametrize(("raw", "shown"), [
    ("Т?р?анбаева Сабина Ержановна", "Т?р?анбаева Сабина Ержановна"),  # not Анбаева ... Т. Р.
    ("Ермекова А??а?аз Маратовна", "Ермекова А??а?аз Маратовна"),  # two lost side by side
    ("Сма??лов Ерн?р", "Сма??лов Ерн?р"),
    ("ж?нісова ?сем", "Ж?нісова ?сем"),
    ("Ахметова Айгерим???", "Ахметова Айгерим"),
])
def test_a_letter_lost_to_a_files_encoding_keeps_its_word_whole(raw, shown):
    assert normalize_names([raw])["full_name"].tolist() == [shown]


@pytest.mark.parametrize(("token", "expected"), [
    ("ivanovich", True), ("Сергеевич", True), ("Ивановна", True), ("Сергеевна", True),
    ("Ильинична", True), ("Нұрланұлы", True), ("Серікқызы", True), ("улы", True),
    ("кызы", True), ("оглы", True), ("Nurlanuly", True), ("Serikqyzy", True),
    ("Иванов", False), ("Айгерим", False), ("Анна", False), ("ovich", False),
])
def test_is_patronymic(token, expected):
    assert is_patronymic(token) is expected


def test_one_row_per_input_in_order_and_blank_cells():
    frame = normalize_names(["Иванов Иван", None, float("nan"), "иванов иван"])
    assert list(frame.columns) == COLUMNS
    assert frame["full_name"].tolist() == ["Иванов Иван", "", "", "Иванов Иван"]


def test_keeps_the_index_of_a_series():
    frame = normalize_names(pd.Series(["Иванов Иван"], index=[7]))
    assert frame.index.tolist() == [7]


@given(st.lists(st.text()))
def test_never_raises_and_keeps_length(values):
    assert len(normalize_names(values)) == len(values)


@given(st.text())
def test_idempotent(raw):
    once = normalize_names([raw])["full_name"][0]
    assert normalize_names([once])["full_name"][0] == once


@given(st.text())
def test_a_name_is_empty_only_when_the_cleaned_input_is(raw):
    # Text with no letters keeps its cleaned form and a note, so nothing typed is lost.
    assert bool(normalize_names([raw])["full_name"][0]) == bool(clean_text(raw))


# Name words that are also institutions' names or begin like an organisation's word
_NAME_WORDS = st.sampled_from(["Сатбаев", "Назарбаева", "Абай", "Ауэзов", "Гумилева", "Ким",
                               "Школьникова", "Академова", "Лицеева", "Ахметова", "Нархоз",
                               "Satbayev", "Omarov", "Universitetova", "Айгерім", "Нурлан",
                               "Asel", "Ерлан", "Нурланович", "Серікқызы", "Uly", "Ли-Ен"])


@given(st.lists(_NAME_WORDS, min_size=2, max_size=4))
def test_a_name_is_never_cut_for_an_institution(words):
    """Only what no name holds (an abbreviation, a number, "школа", "University") starts an
    institution typed after a name: a name of name words keeps them all, in any order."""
    shown = normalize_names([" ".join(words)])["full_name"][0]
    kept = [w for i, w in enumerate(words)  # but a word typed twice in a row, as one
            if len(words) < 3 or not i or w.casefold() != words[i - 1].casefold()]
    assert sorted(shown.casefold().split()) == sorted(w.casefold() for w in kept)


# --- names asked in separate questions --------------------------------------------------

@pytest.mark.parametrize(("parts", "joined"), [
    (("Иванов", "Иван", "Иванович"), "Иванов Иван Иванович"),
    (("Иванов", "Иван", "нет"), "Иванов Иван"),
    (("Иванов", "Иван", "-"), "Иванов Иван"),
    (("Иванов", "Иван", "Отсутствует"), "Иванов Иван"),
    (("Иванов", "Иван", "не имеется"), "Иванов Иван"),
    (("Сейітқали", "Әсем", "жоқ"), "Сейітқали Әсем"),
    (("Сейітқали", "Әсем", "ЖОК"), "Сейітқали Әсем"),
    (("Smith", "Anna", "n/a"), "Smith Anna"),
    (("Smith", "Anna", "None"), "Smith Anna"),
    (("Smith", "Anna", "—"), "Smith Anna"),
    # the whole name typed into one cell, repeated in part (or whole) in the others
    (("Иванов Иван Иванович", "Иван", "Иванович"), "Иванов Иван Иванович"),
    (("Иванов", "Иванов Иван Иванович", "нет"), "Иванов Иван Иванович"),
    (("Нұрланова Айгерім Серікқызы",) * 3, "Нұрланова Айгерім Серікқызы"),
    (("ИВАНОВ", "иванов иван", ""), "иванов иван"),
    (("Ivanov Ivan", "Ivan Ivanovich", ""), "Ivanov Ivan Ivanovich"),
    # a name that is also a placeholder's spelling ("na" for n/a), capitalised as a name is
    (("Na", "Zhou", ""), "Na Zhou"),
    (("Иванов", "Иван", "na"), "Иванов Иван"),
    # a Kyrgyz surname "son of": the father's name is kept beside the person's own
    (("Bakyt", "Bakyt uulu", ""), "Bakyt Bakyt uulu"),
    # ... or typed without spaces
    (("ЕсеновТалгат", "Талгат", "Канатович"), "Есенов Талгат Канатович"),
    (("ТоктароваДильназ", "Дильназ", ""), "Токтарова Дильназ"),
    (("ЦойВячеслав", "Вячеслав", "Игоревич"), "Цой Вячеслав Игоревич"),
    # swapped cells keep their order: the key ignores it
    (("Иван", "Иванов", "нет"), "Иван Иванов"),
    # a father's name in a two-word patronymic is kept even when it is the person's own
    (("Асанов", "Серік", "Серік ұлы"), "Асанов Серік Серік ұлы"),
    # nothing but placeholders: kept as typed, for review
    (("-", "-", "-"), "- - -"),
    (("нет", "", ""), "нет"),
    (("", "", ""), ""),
])
def test_join_name_parts(parts, joined):
    assert join_name_parts(parts) == joined


@pytest.mark.parametrize(("word", "pieces"), [
    ("ИвановИванИванович", ["Иванов", "Иван", "Иванович"]),
    ("СейітқалиӘсем", ["Сейітқали", "Әсем"]),
    ("AsanovAidar", ["Asanov", "Aidar"]),
    ("TölegenMöldır", ["Tölegen", "Möldır"]),
    ("ИВАНОВИван", ["ИВАНОВ", "Иван"]),
    ("ИвановИ", ["Иванов", "И"]),
    ("ЛиАнна", ["Ли", "Анна"]),
    ("Петрова-ВодкинаАнна", ["Петрова-Водкина", "Анна"]),
    # kept whole: plain words, Caps Lock typing, a slip of the Shift key, McDonald
    ("Иванов", ["Иванов"]), ("ИВАНОВ", ["ИВАНОВ"]), ("иВАНОВ", ["иВАНОВ"]),
    ("ИВанов", ["ИВанов"]), ("McDonald", ["McDonald"]), ("Ким-Ли", ["Ким-Ли"]),
])
def test_split_run_together(word, pieces):
    assert split_run_together(word) == pieces


@pytest.mark.parametrize(("raw", "full_name"), [
    ("ИвановИванИванович", "Иванов Иван Иванович"),
    ("ЖұмабаевСамат", "Жұмабаев Самат"),
    ("AsanovAidar", "Asanov Aidar"),
    ("ИВАНОВ Иван", "Иванов Иван"),
    ("А.С. Иванов", "Иванов А. С."),
    ("Иванов А.С.", "Иванов А. С."),
    ("Ivanov A.S.", "Ivanov A. S."),
    ("Tokayeva Zh.", "Tokayeva Zh."),
    ("Zh.N. Shakenova", "Shakenova Zh. N."),
    ("Jansaıa Nurlanqyzy", "Jansaıa Nurlanqyzy"),
    ("JANSAIA NURLANQYZY", "Jansaia Nurlanqyzy"),
])
def test_full_name_of_other_layouts(raw, full_name):
    assert normalize_names([raw])["full_name"].tolist() == [full_name]


# One person's name as Kazakh, Russian and English speakers write it, in Cyrillic, the 2021
# Kazakh Latin alphabet, passports and informal Latin.
SAME_NAME = [
    ["Жансая Нұрланқызы", "Jansaia Nurlanqyzy", "Zhansaya Nurlankyzy", "Jansaıa Nurlanqyzy",
     "Жансая Нурланкызы", "ЖансаяНұрланқызы"],
    ["Сергеев Юрий Юрьевич", "Sergeyev Yuriy Yuryevich", "Sergeev Iurii Iurevich",
     "SERGEEV YURII YUREVICH"],
    ["Шыңғыс Әбілқайыр", "Şyñğys Äbılqaiyr", "Shyngys Abilkaiyr", "Shynghys Abilqayyr"],
    ["Щербакова Ульяна", "Shcherbakova Uliana", "Scherbakova Ulyana", "Şşerbakova Ulıana"],
    ["Хасанов Ғалым", "Hasanov Ghalym", "Khasanov Galym", "Hasanov Ğalym"],
    ["Чернов Артём", "Çernov Artiom", "Chernov Artyom", "Chernov Artem"],
    ["Нұрғалиев Ерлан", "Nurgaliyev Yerlan", "Nūrğaliev Erlan", "Nurgaliev Erlan"],
    ["Петрова-Водкина Анна", "Петрова Водкина Анна", "Petrova-Vodkina Anna"],
    ["Ходжаева Шахзода", "Khodjaeva Shakhzoda", "Khodzhaeva Shakhzoda"],  # дж: dj, dzh
    ["Дүйсенова Мөлдір", "Дюсенова Молдир", "Duisenova Moldir", "Dyusenova Moldir",
     "Düisenova Möldır"],
]


@pytest.mark.parametrize("spellings", SAME_NAME, ids=[s[0] for s in SAME_NAME])
def test_spellings_of_one_name_have_one_key(spellings):
    displays = normalize_names(spellings)["full_name"].tolist()
    assert len({dedup_name_key(d) for d in displays}) == 1


# --- name parts typed into each other's questions -------------------------------------------

def test_parts_typed_into_each_others_questions_go_back_in_their_places():
    from sync.normalize.names import parts_in_their_places

    parts = {"last_name": ["Алия", "Кайратовна", "Ахметова", "Мусина", "Ерланқызы", "Ким"],
             "first_name": ["Мусина", "Алина", "Алия", "Дана", "Жансая", "Анна"],
             "middle_name": ["Ринатовна", "Орлова", "нет", "Болатовна", "Оспанова", "Ли"]}
    rows = list(zip(*parts_in_their_places(parts).values()))
    assert rows == [
        ("Мусина", "Алия", "Ринатовна"),  # elsewhere Алия is a first name, Мусина a surname
        ("Орлова", "Алина", "Кайратовна"),  # a patronymic typed as the surname
        ("Ахметова", "Алия", "нет"),
        ("Мусина", "Дана", "Болатовна"),
        ("Оспанова", "Жансая", "Ерланқызы"),  # in Kazakh too
        ("Ким", "Анна", "Ли"),  # nothing says otherwise: nothing moves
    ]


def test_a_swap_needs_the_column_or_a_surnames_ending_to_say_so():
    from sync.normalize.names import parts_in_their_places

    alone = {"last_name": ["Алия"], "first_name": ["Мусина"], "middle_name": [""]}
    assert parts_in_their_places(alone) == alone  # no other row, -ина (Марина): as typed


@pytest.mark.parametrize("surname, given, placed", [
    ("Элла", "Николаева", ("Николаева", "Элла")),
    ("Ильдар", "Гильманов", ("Гильманов", "Ильдар")),
    ("Анна", "Жуковская", ("Жуковская", "Анна")),
    ("Ким", "Марина", ("Ким", "Марина")),  # -ина ends first names too
    ("Цой", "Лев", ("Цой", "Лев")),  # too short to say
    ("Иванова", "Петрова", ("Иванова", "Петрова")),  # both look like surnames
    # a first name and patronymic in the surname's cell, the surname in the first name's
    ("Айым Сериковна", "Уалиева", ("Уалиева", "Айым Сериковна")),
    ("Ерлан Асхатұлы", "Сейітов", ("Сейітов", "Ерлан Асхатұлы")),
])
def test_a_surname_typed_as_the_first_name_goes_back_by_its_ending(surname, given, placed):
    from sync.normalize.names import parts_in_their_places

    parts = {"last_name": [surname], "first_name": [given], "middle_name": [""]}
    moved = parts_in_their_places(parts)
    assert (moved["last_name"][0], moved["first_name"][0]) == placed


# Three-word names with a patronymic last teach the list's first names and surnames.
_LIST = ["Иванов Александр Петрович", "Ахметова Камила Сериковна", "Цой Виктор Робертович",
         "Нұрланова Әмина Серікқызы", "Smith John Paul"]


@pytest.mark.parametrize("typed, shown", [
    ("Александр Цой", "Цой Александр"),  # a first name of the list, then a word that is not
    ("Камила Ахметова", "Ахметова Камила"),
    ("Татьяна Иванова", "Иванова Татьяна"),  # only the second has a surname's ending
    ("Ахметова Камила", "Ахметова Камила"),  # already surname first
    ("Цой Александр", "Цой Александр"),
    ("Александр Камила", "Александр Камила"),  # two first names: who knows
    ("Цой Ким", "Цой Ким"),  # the first word is a surname of the list
    ("Әмина Ерасылқызы", "Әмина Ерасылқызы"),  # a patronymic's shape: left alone
    ("Александр Ц.", "Александр Ц."),  # initials: as typed
    ("Мадина Болат", "Мадина Болат"),  # nothing known of either word
])
def test_two_word_names_are_turned_surname_first_as_the_list_says(typed, shown):
    assert surname_first_in_list([*_LIST, typed])[-1] == shown


_WORDS = st.sampled_from(["Александр", "Цой", "Камила", "Ахметова", "Ким", "Петрович",
                          "Серікқызы", "Иванова", "Болат"])


@given(st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), max_size=12))
def test_turning_names_keeps_every_word_and_is_done_once(names):
    shown = surname_first_in_list(names)
    assert [sorted(n.split()) for n in shown] == [sorted(n.split()) for n in names]
    assert [n for n, t in zip(names, shown) if len(n.split()) != 2 and n != t] == []
    assert surname_first_in_list(shown) == shown


@pytest.mark.parametrize("typed, shown", [
    ("Жунісбеков Cepik", "Жунісбеков Серік"),  # the first name typed on the Latin layout
    ("CEPIK Жунісбеков", "Серік Жунісбеков"),
    ("Иванов Olga", "Иванов Olga"),  # not all look-alikes: left as typed
    ("Petr Ivanov", "Petr Ivanov"),  # no Cyrillic word beside it
])
def test_a_word_of_latin_look_alikes_beside_cyrillic_ones_is_cyrillic(typed, shown):
    assert normalize_names([typed])["full_name"][0] == shown
