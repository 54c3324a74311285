"""Every word in three languages, and every code the program makes has its words."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.labels import LABELS, NOTE_CODE, label, note_codes, note_text
from sync.dedup import links
from sync.dedup.pipeline import CONFLICT
from sync import not_people
from sync.normalize import emails, names, phones, places, roles

LANGUAGES = ("ru", "kk", "en")
PLACEHOLDER = re.compile(r"\{\w+\}")


def test_every_label_in_every_language():
    for key, words in LABELS.items():
        assert set(words) == set(LANGUAGES), key
        assert all(words[lang].strip() for lang in LANGUAGES), key
        # the same places for the values in each language
        assert len({tuple(sorted(PLACEHOLDER.findall(w))) for w in words.values()}) == 1, key


def emitted_codes() -> set[str]:
    """Every note, rule and reason code sync can put in a cell shown to people."""
    return {*phones.NOTE_CODES, *emails.NOTE_CODES, *names.NOTES, roles.UNKNOWN,
            roles.SEVERAL, roles.FROM_CODE,
            places.SWAPPED, *links.RULES, links.SIMILAR_NAME_SAME_PHONE,
            links.SIMILAR_NAME_SHARED_EMAIL, links.SAME_NAME_SAID_APART,
            links.SAME_NAME_AND_INSTITUTION,
            links.SAME_NAME_SENT_BY_ANOTHER, links.INITIALS_AND_INSTITUTION,
            links.SAME_NAME_NO_PATRONYMIC_AND_INSTITUTION,
            CONFLICT.split("|")[0], *not_people.KINDS}


@pytest.mark.parametrize("code", sorted(emitted_codes()))
def test_every_code_has_its_words(code):
    assert NOTE_CODE.fullmatch(code), code
    assert f"note.{code}" in LABELS, f"add the label note.{code} to reports/labels.py"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789+-() ,/;@.abcxyzАБВ\ttel")), max_size=30))
def test_phones_only_make_known_codes(text):
    for code in note_codes(phones.normalize_phones([text])["phone_note"][0]):
        assert code in phones.NOTE_CODES


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab.@-_ ,;<>\"'mailgcon.rukzАя")), max_size=30))
def test_emails_only_make_known_codes(text):
    for code in note_codes(emails.normalize_emails([text])["email_note"][0]):
        assert code in emails.NOTE_CODES


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_names_only_make_known_codes(text):
    for code in note_codes(names.normalize_names([text])["name_note"][0]):
        assert code in names.NOTES


@pytest.mark.parametrize("notes, lang, words", [
    ("phone.foreign|RU", "ru", "иностранный номер (Россия)"),
    ("phone.foreign|RU", "kk", "шетелдік нөмір (Ресей)"),
    ("phone.foreign|BR", "en", "foreign number (BR)"),  # no name of its own: its ISO code
    ("phone.foreign|KG; phone.second|+996555123456", "en",
     "foreign number (Kyrgyzstan); a second number in the cell: +996555123456"),
    ("email.typo|gmail.com", "kk", "қате басылуы мүмкін: gmail.com болуы керек пе?"),
    ("dedup.conflict|dedup.email_typo", "ru",
     "та же почта, опечатка в одной букве ФИО; не объединены: с другим ФИО в группе не сходится"),
    ("", "ru", ""),
    ("something typed by hand", "en", "something typed by hand"),  # shown, never lost
    ("name.one_word", "kk", "тек бір сөз"),
    ("role.several|teacher|master", "ru",
     "указано несколько статусов, выбран «Преподаватель» (также: Магистрант)"),
    ("role.several|teacher|master|staff", "en",
     "several roles given, Teacher chosen (also: Master's student, Staff)"),
    ("role.from_code|7M", "en", "role from the programme code 7M"),
    ("name.digits; role.unknown", "en", "name has digits; role not understood, counted as Other"),
])
def test_note_text(notes, lang, words):
    assert note_text(notes, lang) == words


def test_label():
    assert label("sheet.review", "kk") == "Тексеру керек"
    with pytest.raises(KeyError):
        label("sheet.nothing", "ru")
