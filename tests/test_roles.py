"""Roles from free text in Russian, Kazakh and English; the programme code when it is blank."""

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from sync.normalize.roles import COLUMNS, ROLES, normalize_roles
from sync.normalize.text import clean_text

CASES = {
    "student": ["студент", "Студентка", "бакалавр", "обучающийся", "2 курс", "3-курс",
                "учащийся", "студент колледжа", "білім алушы", "студент 4 курса",
                "undergraduate", "Bachelor", "STUDENT", "студетн", "Студент 2-го курса"],
    "master": ["магистрант", "магистрантка", "магистр", "магистратура", "1 курс магистратуры",
               "master's student", "MSc student", "магитрант", "Магистрант 2 курса"],
    "phd": ["докторант", "PhD student", "PhD-докторант", "доктор PhD", "phd докторантура"],
    "teacher": ["преподаватель", "ст. преподаватель", "старший преподаватель", "преподователь",
                "доцент", "профессор", "ассоц. профессор", "оқытушы", "аға оқытушы",
                "lecturer", "Professor", "Senior Lecturer", "teacher", "учитель", "педагог",
                "куратор", "мұғалім"],
    "staff": ["сотрудник", "сотрудница", "методист", "инженер", "лаборант",
              "заведующий кафедрой", "декан", "администратор", "специалист", "researcher",
              "научный сотрудник", "ғылыми қызметкер", "engineer"],
    "other": ["школьник", "оқушы", "гость", "guest", "выпускник", "түлек"],
}


@pytest.mark.parametrize(("raw", "role"), [(raw, role) for role, texts in CASES.items()
                                           for raw in texts])
def test_recognised_role(raw, role):
    assert normalize_roles([raw]).iloc[0].tolist() == [role, ""]


@pytest.mark.parametrize(("raw", "expected"), [
    ("абракадабра", ("other", "role not recognised: абракадабра")),
    ("  ??? ", ("other", "role not recognised: ???")),
    ("преподаватель, магистрант",
     ("teacher", "several roles (teacher, master): teacher by priority")),
    ("докторант, методист", ("phd", "several roles (phd, staff): phd by priority")),
    ("", ("", "")),
])
def test_unrecognised_and_mixed(raw, expected):
    assert tuple(normalize_roles([raw]).iloc[0]) == expected


@pytest.mark.parametrize(("raw", "code", "expected"), [
    ("", "7M07101", ("master", "from programme code")),
    ("", "8D07101", ("phd", "from programme code")),
    ("", "6B07101", ("student", "from programme code")),
    ("", "5В072100", ("student", "from programme code")),  # Cyrillic В
    ("", "7м07101", ("master", "from programme code")),  # Cyrillic м
    ("", "", ("", "")),
    ("", "unknown", ("", "")),
    ("преподаватель", "7M07101", ("teacher", "")),  # the text wins over the code
])
def test_role_from_programme_code(raw, code, expected):
    assert tuple(normalize_roles([raw], [code]).iloc[0]) == expected


def test_one_row_per_input_in_order_and_blank_cells():
    frame = normalize_roles(["студент", None, float("nan"), "СТУДЕНТ"], ["", "8D01", None, ""])
    assert list(frame.columns) == COLUMNS
    assert frame["role"].tolist() == ["student", "phd", "", "student"]


def test_codes_must_run_beside_values():
    with pytest.raises(ValueError):
        normalize_roles(["студент"], [])


def test_keeps_the_index_of_a_series():
    assert normalize_roles(pd.Series(["студент"], index=[9])).index.tolist() == [9]


@given(st.lists(st.text()))
def test_never_raises_and_keeps_length(values):
    frame = normalize_roles(values)
    assert len(frame) == len(values)
    assert set(frame["role"]) <= set(ROLES) | {""}


@given(st.text())
def test_idempotent(raw):
    once = normalize_roles([raw])["role"][0]
    assert normalize_roles([once])["role"][0] == once


@given(st.text())
def test_empty_role_only_for_blank_input(raw):
    assert bool(normalize_roles([raw])["role"][0]) == bool(clean_text(raw))
