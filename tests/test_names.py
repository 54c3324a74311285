"""Names: display form, matching key and review notes."""

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from sync.normalize.names import COLUMNS, is_patronymic, name_key, normalize_names
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
    ("Иванов", "only one word"),
    ("И.И.", "only initials"),
    ("123", "no letters"),
    ("😀 ---", "no letters"),
    ("ivanov@mail.ru", "looks like an e-mail/phone, not a name"),
    ("Иванов Иван ivanov@mail.ru", "looks like an e-mail/phone, not a name"),
    ("8 747 428 93 78", "looks like an e-mail/phone, not a name"),
    ("Иванов Иван 2", "name has digits"),
    ("", ""),
])
def test_name_note(raw, note):
    assert normalize_names([raw])["name_note"].tolist() == [note]


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
