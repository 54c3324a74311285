"""Every label in the three languages, and notes (codes) shown in the report's language."""

import pytest

from reports.labels import LABELS, note_text
from sync.normalize import names, roles

LANGUAGES = ("ru", "kk", "en")


def test_every_label_has_the_three_languages():
    assert [key for key, texts in LABELS.items() if set(texts) != set(LANGUAGES)] == []


@pytest.mark.parametrize("code", [*names.NOTES, roles.UNKNOWN, roles.SEVERAL, roles.FROM_CODE])
def test_every_note_of_names_and_roles_has_a_label(code):
    assert "note." + code in LABELS


@pytest.mark.parametrize(("cell", "language", "shown"), [
    ("", "ru", ""),
    ("name.one_word", "ru", "только одно слово"),
    ("name.one_word", "kk", "тек бір сөз"),
    ("name.one_word", "en", "only one word"),
    ("role.several|teacher|master", "ru",
     "указано несколько статусов, выбран «Преподаватель» (также: Магистрант)"),
    ("role.several|teacher|master|staff", "en",
     "several roles given, Teacher chosen (also: Master's student, Staff)"),
    ("role.several|phd|student", "kk",
     "бірнеше мәртебе көрсетілген, «Докторант» таңдалды (тағы: Студент)"),
    ("role.from_code|7M", "en", "role from the programme code 7M"),
    # several notes in one cell, and text that is no code (shown as it is)
    ("name.digits; role.unknown", "en", "name has digits; role not understood, counted as Other"),
    ("foreign number (RU)", "ru", "foreign number (RU)"),
])
def test_note_text(cell, language, shown):
    assert note_text(cell, language) == shown
