"""Study groups: one spelling of a college's or a university's group, read where asked."""

import pytest
from hypothesis import given, strategies as st

from sync.normalize.study_group import group_key, study_groups


@pytest.mark.parametrize("typed", ["ЭК-21-2", "эк 21-2", "ЭК21-2", "EK-21-2", "гр. ЭК-21-2",
                                   "группа ЭК 21-2", "Group EK-21-2"])
def test_one_group_typed_many_ways_is_one(typed):
    assert group_key(typed) == group_key("ЭК-21-2") != ""


def test_a_masters_group_with_its_levels_letter_is_a_group():
    """ "М-ЭК-25" (field test FD), not the bachelors' "ЭК-25"."""
    assert group_key("м-эк-25") == group_key("М-ЭК-25") != ""
    assert group_key("М-ЭК-25") != group_key("ЭК-25")


@pytest.mark.parametrize("typed", ["ТПМ-24-1 (1 курс)", "1 курс, гр. ТПМ-24-1", "тпм 24-1; 1 курс"])
def test_a_group_said_beside_the_year_is_the_group(typed):
    """Field test FD: a form's "Группа, курс" answered with both, the group read from no
    row, so no student joined her curator's list's row."""
    assert group_key(typed) == group_key("ТПМ-24-1") != ""


def test_an_answer_naming_two_groups_names_none():
    assert group_key("ХТ-22-1, ЭК-23-2") == ""


@pytest.mark.parametrize("a, b", [("ХТ-22-1", "ХТ-21-1"), ("ХТ-22-1", "ХТ-22-2"),
                                  ("ТПП-21к", "ТП-21"), ("ЭК-21-2", "ЭК-12-2")])
def test_two_groups_stay_two(a, b):
    assert group_key(a) != group_key(b)


@pytest.mark.parametrize("typed", ["Экология", "10 «В»", "2 курс", "7M05201", "", "нет"])
def test_what_is_no_group_names_none(typed):
    assert group_key(typed) == ""


def test_groups_are_read_from_the_question_that_holds_them_else_from_the_programme():
    """Whatever a question's wording, most of its answers being groups says it asks the
    group; a programme answered with a group alone is one too."""
    extras = {"q: Топ": ["ЭК-21-2", "", "ХТ 22-1", "не знаю"],
              "q: Тема доклада": ["Пластик", "ЭК-21-2 и экология", "", ""]}
    programmes = ["Экология", "ТПП-21к", "", ""]
    assert study_groups(extras, programmes) == [
        group_key("ЭК-21-2"), group_key("ТПП-21к"), group_key("ХТ-22-1"), ""]


def test_a_question_of_the_year_and_group_gives_the_groups_its_answers_name():
    """Field test FD: "Тобы / курсы" answered "1 курс" on most rows, "гр. РЭ-24-1" on a
    quarter: those rows' groups were not read, and no student joined her curator's list."""
    answers = ["1 курс", "2 курс", "гр. РЭ-24-1", "3 курс", "1 курс, РЭ-22-1", "4 курс", ""]
    assert study_groups({"q: Тобы / курсы": answers}, [""] * len(answers)) == [
        "", "", group_key("РЭ-24-1"), "", group_key("РЭ-22-1"), "", ""]
    # a question of other answers still needs most to be groups
    topics = ["Секция 12", "Пластик", "Экология", "ПЭТ и вторсырьё"]
    assert study_groups({"q: Секция": topics}, [""] * 4) == [""] * 4


@given(st.text(max_size=30))
def test_a_key_is_a_function_of_the_answer_and_names_a_group_or_nothing(typed):
    key = group_key(typed)
    assert key == group_key(typed)
    assert key == "" or key.isalnum()
