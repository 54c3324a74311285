"""E-mails: trimmed, checked offline, typos in popular domains noted but never rewritten."""

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from sync.normalize import emails
from sync.normalize.emails import COLUMNS, normalize_emails, suggest_domain
from sync.normalize.text import clean_text


@pytest.mark.parametrize(("raw", "expected"), [
    # (email, email_key, email_valid, email_note)
    ("Aigerim.S@Mail.RU", ("Aigerim.S@mail.ru", "aigerim.s@mail.ru", True, "")),
    ("  student@kaznu.edu.kz ", ("student@kaznu.edu.kz", "student@kaznu.edu.kz", True, "")),
    ("x@satbayev.university", ("x@satbayev.university", "x@satbayev.university", True, "")),
    ("mailto:a.b@enu.kz", ("a.b@enu.kz", "a.b@enu.kz", True, "")),
    ("<a.b@enu.kz>", ("a.b@enu.kz", "a.b@enu.kz", True, "")),
    ("Асель <asel@inbox.ru>", ("asel@inbox.ru", "asel@inbox.ru", True, "")),
    ("asel @ bk.ru.", ("asel@bk.ru", "asel@bk.ru", True, "")),
    ("asel@list.ru,", ("asel@list.ru", "asel@list.ru", True, "")),
    ("a@enu.kz, b@enu.kz", ("a@enu.kz", "a@enu.kz", True, "second address: b@enu.kz")),
    ("a@enu.kz / B@ENU.KZ", ("a@enu.kz", "a@enu.kz", True, "second address: B@enu.kz")),
    # shown as typed, but the key dedup compares reads the typo as meant
    ("x@gmail.con", ("x@gmail.con", "x@gmail.com", True, "possible typo: gmail.con -> gmail.com")),
    ("a..b@mail.ru", ("a..b@mail.ru", "a..b@mail.ru", False,
                      "invalid: An email address cannot have two periods in a row.")),
    ("asel@mail", ("asel@mail", "asel@mail", False,
                   "invalid: The part after the @-sign is not valid. It should have a period.")),
    ("нет почты", ("нет почты", "нет почты", False, "invalid: no @ in the address")),
    ("", ("", "", False, "")),
    ("   ", ("", "", False, "")),
    (" - ", ("", "", False, "no address given")),
])
def test_normalize_email(raw, expected):
    row = normalize_emails([raw]).iloc[0]
    assert tuple(row[c] for c in COLUMNS) == expected


@pytest.mark.parametrize(("domain", "suggestion"), [
    ("gmail.con", "gmail.com"), ("gmial.com", "gmail.com"), ("gamil.com", "gmail.com"),
    ("gmail.ru", "gmail.com"), ("gmail.co", "gmail.com"), ("mail.ri", "mail.ru"),
    ("mail.tu", "mail.ru"), ("mial.ru", "mail.ru"), ("yandex.kzz", "yandex.kz"),
    ("yandex.rru", "yandex.ru"), ("inbox.ry", "inbox.ru"), ("bk.ri", "bk.ru"),
    ("lisr.ru", "list.ru"), ("outlok.com", "outlook.com"), ("hotmial.com", "hotmail.com"),
    ("icloud.co", "icloud.com"), ("yaho.com", "yahoo.com"), ("GMAIL.CON", "gmail.com"),
    # intended domains, including short ones one edit away from a popular one
    ("gmail.com", ""), ("mail.ru", ""), ("bk.ru", ""), ("ok.ru", ""), ("mail.kz", ""),
    ("kaznu.kz", ""), ("enu.kz", ""), ("satbayev.university", ""), ("kbtu.kz", ""),
])
def test_suggest_domain(domain, suggestion):
    assert suggest_domain(domain) == suggestion


def test_typo_is_noted_never_rewritten():
    row = normalize_emails(["asel@mial.ru"]).iloc[0]
    assert (row["email"], row["email_valid"], row["email_note"]) == (
        "asel@mial.ru", True, "possible typo: mial.ru -> mail.ru")


def test_no_dns_lookup(monkeypatch):
    calls = []
    monkeypatch.setattr(emails, "validate_email",
                        lambda address, **options: calls.append(options))
    normalize_emails(["someone@kaznu.kz"])
    assert calls == [{"check_deliverability": False}]


def test_one_row_per_input_in_order_and_blank_cells():
    frame = normalize_emails(["a@enu.kz", None, float("nan"), "A@ENU.KZ"])
    assert list(frame.columns) == COLUMNS
    assert frame["email_key"].tolist() == ["a@enu.kz", "", "", "a@enu.kz"]


def test_keeps_the_index_of_a_series():
    assert normalize_emails(pd.Series(["a@enu.kz"], index=[5])).index.tolist() == [5]


@given(st.lists(st.text()))
def test_never_raises_and_keeps_length(values):
    assert len(normalize_emails(values)) == len(values)


@given(st.text())
def test_idempotent(raw):
    once = normalize_emails([raw])["email"][0]
    assert normalize_emails([once])["email"][0] == once


@given(st.emails())
def test_idempotent_and_valid_on_real_addresses(address):
    once = normalize_emails([address]).iloc[0]
    assert normalize_emails([once["email"]])["email"][0] == once["email"]


@given(st.text())
def test_empty_email_only_with_a_note_or_blank_input(raw):
    row = normalize_emails([raw]).iloc[0]
    assert row["email"] or row["email_note"] or not clean_text(raw)
