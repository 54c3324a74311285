"""Phones: E.164 the way Kazakhstan writes numbers, foreign numbers noted, bad ones flagged."""

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from sync.normalize.phones import COLUMNS, normalize_phones
from sync.normalize.text import clean_text

KZ_MOBILE = "+77474289378"


@pytest.mark.parametrize(("raw", "expected"), [
    # (phone, phone_country, phone_valid, phone_note)
    ("8 (747) 428-93-78", (KZ_MOBILE, "KZ", True, "")),
    ("+7 747 428 9378", (KZ_MOBILE, "KZ", True, "")),
    ("87474289378", (KZ_MOBILE, "KZ", True, "")),
    ("7474289378", (KZ_MOBILE, "KZ", True, "")),  # 10 digits, no prefix
    ("77474289378", (KZ_MOBILE, "KZ", True, "")),
    ("'87474289378", (KZ_MOBILE, "KZ", True, "")),  # Excel's keep-as-text apostrophe
    ("+77474289378", (KZ_MOBILE, "KZ", True, "")),
    ("тел: 8 747 428 93 78 (WhatsApp)", (KZ_MOBILE, "KZ", True, "")),
    ("ұялы: 8-747-428-93-78", (KZ_MOBILE, "KZ", True, "")),
    ("mobile +7 (747) 428 93 78", (KZ_MOBILE, "KZ", True, "")),
    ("87474289378, 87015556677", (KZ_MOBILE, "KZ", True, "second number: +77015556677")),
    ("87474289378 / 87015556677", (KZ_MOBILE, "KZ", True, "second number: +77015556677")),
    ("8 727 250 12 34", ("+77272501234", "KZ", True, "")),  # Almaty landline
    ("+7 7172 55 66 77", ("+77172556677", "KZ", True, "")),  # Astana landline
    ("+7 916 123 45 67", ("+79161234567", "RU", True, "foreign number (RU)")),
    ("89161234567", ("+79161234567", "RU", True, "foreign number (RU)")),  # RU written with 8
    ("+996 555 123 456", ("+996555123456", "KG", True, "foreign number (KG)")),
    ("+998 90 123 45 67", ("+998901234567", "UZ", True, "foreign number (UZ)")),
    ("8.74743E+10", ("", "", False, "Excel scientific notation: digits lost")),
    ("8,74743e+10", ("", "", False, "Excel scientific notation: digits lost")),
    ("12345", ("", "", False, "invalid: too short")),
    ("874742893781234", ("", "", False, "invalid: too long")),
    ("+7 000 000 00 00", ("", "", False, "invalid: not a number in use")),
    ("нет телефона", ("", "", False, "invalid: no digits")),
    ("", ("", "", False, "")),
    ("   ", ("", "", False, "")),
])
def test_normalize_phone(raw, expected):
    row = normalize_phones([raw]).iloc[0]
    assert tuple(row[c] for c in COLUMNS) == expected


def test_region_is_a_parameter():
    row = normalize_phones(["8 916 123 45 67"], region="RU").iloc[0]
    assert (row["phone"], row["phone_country"], row["phone_note"]) == ("+79161234567", "RU", "")


def test_one_row_per_input_in_order_and_blank_cells():
    frame = normalize_phones(["87474289378", None, float("nan"), "+7 747 428 9378"])
    assert list(frame.columns) == COLUMNS
    assert frame["phone"].tolist() == [KZ_MOBILE, "", "", KZ_MOBILE]


def test_keeps_the_index_of_a_series():
    assert normalize_phones(pd.Series(["87474289378"], index=[3])).index.tolist() == [3]


@given(st.lists(st.text()))
def test_never_raises_and_keeps_length(values):
    assert len(normalize_phones(values)) == len(values)


@given(st.text())
def test_idempotent(raw):
    once = normalize_phones([raw])["phone"][0]
    assert normalize_phones([once])["phone"][0] == once


@given(st.text(alphabet="0123456789 +-()'/,.:тел", max_size=40))
def test_idempotent_on_phone_like_text(raw):
    once = normalize_phones([raw])["phone"][0]
    assert normalize_phones([once])["phone"][0] == once


@given(st.text())
def test_empty_phone_only_with_a_note_or_blank_input(raw):
    row = normalize_phones([raw]).iloc[0]
    assert row["phone"] or row["phone_note"] or not clean_text(raw).lstrip("'").strip()
