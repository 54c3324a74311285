"""The year of study a role answer names, in Russian, Kazakh and English."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.normalize.study_year import class_letter, class_letters, study_year, years_of


@pytest.mark.parametrize("answer, year", [
    ("2 курс", "course:2"), ("1-курс", "course:1"), ("студентка 2 курса", "course:2"),
    ("1 г.о.", "course:1"), ("магистрант 2-го года обучения", "course:2"),
    ("магистрант 1 года", "course:1"), ("Курс 2", "course:2"), ("2курс", "course:2"),
    ("1 курс студенті", "course:1"), ("3 курста оқимын", "course:3"), ("2-ші курс", "course:2"),
    ("1 оқу жылы", "course:1"), ("3-kurs", "course:3"), ("doktorant 2 kurs", "course:2"),
    ("second year", "course:2"), ("3rd year", "course:3"), ("year 3", "course:3"),
    ("PhD student, 1 year", "course:1"),
    ("10 класс", "class:10"), ("ученица 9 \"В\" класса", "class:9"), ("11 «Б» класс", "class:11"),
    # a pupil's class by its number and letter (field test FC: a district's list)
    ("ученица 10Г", "class:10"), ("ученик 9 А", "class:9"), ("оқушы 7Ә", "class:7"),
    ("10А оқушы", "class:10"), ("11 Б ученица", "class:11"),  # the class first (field test FC)
    ("1 к.", "course:1"), ("3-к.", "course:3"),  # "курс" shortened (field test FE)
    ("10А класс", "class:10"), ("9Б сынып", "class:9"), ("7Ә сынып", "class:7"),
    ("оқушы, 10 сынып", "class:10"), ("уч-ся 9 кл.", "class:9"), ("Grade 10", "class:10"), ("grade 11 student", "class:11"),
    ("9 А", "class:9"), ("10Ә", "class:10"), ("11-Б", "class:11"), ("7 «В»", "class:7"),
    # no year
    ("12 Б", ""), ("0 А", ""), ("Иванов 9 А", ""),
    ("студент", ""), ("курсант", ""), ("2024 год", ""), ("ст. преподаватель, 15 лет стажа", ""),
    ("студент 120 группы", ""), ("", ""),
])
def test_study_year(answer, year):
    assert study_year(answer) == year


@given(st.integers(1, 11), st.sampled_from(["", "А", "Б", "Ә", "\"В\"", "«Г»", "-", " "]),
       st.sampled_from(["класс", "сынып", "сынып оқушысы", "класса"]))
def test_a_class_with_or_without_its_letter(number, letter, word):
    assert study_year(f"{number}{letter} {word}") == f"class:{number}"


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd", "No", "Cs"))))
def test_an_answer_without_a_number_or_an_ordinal_names_no_year(text):
    if not any(word in text.casefold() for word in ("first", "second", "third", "fourth",
                                                    "fifth")):
        assert study_year(text) == ""


@pytest.mark.parametrize("header, answers, years", [
    # the year asked in a question of its own, in three languages
    ("Курс", ["2", "4 курс", ""], ["2", "4", ""]),
    ("Курс / сынып", ["11 \"В\"", "9-сынып", "3"], ["11", "9", "3"]),
    ("Year of study / grade", ["Year 2", "4", "n/a"], ["2", "4", ""]),
    # сынып's п is a б before a vowel: "your class", "the pupil's class" (field test AF)
    ("Сыныбыңыз", ["7 «А»", "10-В", "9 сынып"], ["7", "10", "9"]),
    ("Сыныбы", ["5Б", "11 \"Д\"", ""], ["5", "11", ""]),
    # a question worded so but not answered with years is no year
    ("Курсы повышения квалификации", ["да", "нет", "2"], ["", "", ""]),
    ("Year of birth", ["2004", "2005", "2003"], ["", "", ""]),
    # numbers under another question are no year
    ("Номер секции", ["1", "2", "3"], ["", "", ""]),
])
def test_a_question_asking_the_year(header, answers, years):
    assert years_of(["Студент"] * len(answers), {f"q: {header}": answers}) == years


def test_the_role_answers_year_comes_first():
    assert years_of(["студент 1 курса", "студент"], {"q: Курс": ["3", "3"]}) == ["1", "3"]


@pytest.mark.parametrize("answer, letter", [
    ("10 «Ә»", "а"), ("10Г кл.", "г"), ("7-В", "в"), ("7 Ә сынып", "а"), ("10а", "а"),
    ("9В кл.", "в"), ("11 Б", "б"), ("10 \"Г\"", "г"), ("оқушы 9 Б", "б"),
    ("10A", "а"),  # a Latin letter typed for the Cyrillic one it looks like
    ("7V", "в"), ("5 G", "г"), ("8D", "д"),  # or stands for (field test AS)
    # no letter: a class without one, a course, a year's abbreviation, a word's first letter
    ("10 класс", ""), ("9-сынып", ""), ("2 курс", ""), ("1 г.о.", ""), ("9-шы сынып", ""),
    ("11", ""), ("12 Б", ""), ("студент", ""),
])
def test_class_letter(answer, letter):
    assert class_letter(answer) == letter


def test_class_letters_come_from_the_question_asking_the_year_too():
    assert class_letters(["оқушы 9 Б", "оқушы", "оқушы"],
                         {"q: Сынып": ["9 А", "7-В", "7 сынып"]}) == ["б", "в", ""]


def test_a_class_typed_as_the_programme_is_the_class():
    """"Специальность / предмет / класс" answered "10 «Ә»" (field test AP: pupils of two
    classes merged); a programme's code or name says no class."""
    programmes = ["10 «Ә»", "7 А", "2 курс", "6B05201", "5В060800 Экология", "Химия", "9 класс",
                  "Экология, 3 курс"]  # a programme and a year that may be a slip (field test AN)
    roles = ["оқушы"] * len(programmes)
    assert years_of(roles, {}, programmes) == ["10", "7", "2", "", "", "", "9", ""]
    assert class_letters(roles, {}, programmes) == ["а", "а", "", "", "", "", "", ""]
    assert years_of(["студент 1 курса"], {}, ["3 курс"]) == ["1"]  # the role's first
