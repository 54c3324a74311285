"""Phones: E.164 the way Kazakhstan writes numbers, foreign numbers noted, bad ones flagged."""

import pandas as pd
import pytest
import phonenumbers
from hypothesis import given, settings, strategies as st

from sync.normalize import phones
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
    ("87474289378, 87015556677", (KZ_MOBILE, "KZ", True, "phone.second|+77015556677")),
    ("87474289378 / 87015556677", (KZ_MOBILE, "KZ", True, "phone.second|+77015556677")),
    ("8 727 250 12 34", ("+77272501234", "KZ", True, "")),  # Almaty landline
    ("+7 7172 55 66 77", ("+77172556677", "KZ", True, "")),  # Astana landline
    ("+7 916 123 45 67", ("+79161234567", "RU", True, "phone.foreign|RU")),
    ("89161234567", ("+79161234567", "RU", True, "phone.foreign|RU")),  # RU written with 8
    ("+996 555 123 456", ("+996555123456", "KG", True, "phone.foreign|KG")),
    ("+998 90 123 45 67", ("+998901234567", "UZ", True, "phone.foreign|UZ")),
    # the country's code typed without its plus, or after the international prefix 00
    ("998 90 123 45 67", ("+998901234567", "UZ", True, "phone.foreign|UZ")),
    ("996555123456", ("+996555123456", "KG", True, "phone.foreign|KG")),
    ("0049 160 45853155", ("+4916045853155", "DE", True, "phone.foreign|DE")),
    ("91 98261 54971", ("+919826154971", "IN", True, "phone.foreign|IN")),  # not +7 982...
    ("79161234567", ("+79161234567", "RU", True, "phone.foreign|RU")),
    ("13384202424", ("", "", False, "phone.wrong_length")),  # not +1 338 ...: China's, bare
    ("8.74743E+10", ("", "", False, "phone.scientific")),
    ("8,74743e+10", ("", "", False, "phone.scientific")),
    ("12345", ("", "", False, "phone.too_short")),
    # a Kazakh mobile with a digit left out, not Russia's region 877 typed without its 8
    ("8777922607", ("", "", False, "phone.too_short")),
    ("8 (708) 719-915", ("", "", False, "phone.too_short")),
    ("+7 877 292 2607", ("+78772922607", "RU", True, "phone.foreign|RU")),
    ("874742893781234", ("", "", False, "phone.too_long")),
    ("+7 000 000 00 00", ("", "", False, "phone.not_in_use")),
    ("нет телефона", ("", "", False, "phone.no_digits")),
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


# --- the fast path: +7 numbers built from their digits, not parsed ------------------------

_PREFIXES = st.sampled_from(["+7", "8", "7", "", "+8", "+", "+77", "87", "0", "+7 8"])
# Ten digits, mostly in the ranges Kazakhstan (7xx, 6xx) and Russia (9xx, 3xx, 4xx, 8xx) use.
_TEN_DIGITS = st.builds(lambda head, rest: head + rest,
                        st.sampled_from(["70", "77", "74", "71", "72", "60", "9", "3", "4", "8",
                                         "0", "1", "5", "80", "81", "82"]),
                        st.text("0123456789", min_size=6, max_size=10))


def _written(prefix: str, digits: str, style: int) -> str:
    if style == 0:
        return prefix + digits
    if style == 1:
        return f"{prefix} ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}"
    if style == 2:
        return f"{prefix}-{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:]}"
    if style == 3:
        return f"{prefix} {digits[:3]} {digits[3:]}"
    return f"{prefix}.{digits[:3]}.{digits[3:]}"


def _e164_and_region(found):
    """What a path found: a number (E.164) and the region it says it is in, which must be the
    one libphonenumber gives, and valid there."""
    e164, region = found
    number = phonenumbers.parse(e164)
    assert region == phonenumbers.region_code_for_number(number)
    assert phonenumbers.is_valid_number(number)
    assert e164 == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164, region


@settings(max_examples=3000)
@given(_PREFIXES, _TEN_DIGITS, st.integers(0, 4))
def test_fast_path_gives_what_parsing_gives(prefix, digits, style):
    text = _written(prefix, digits, style)
    fast = phones._kz_ru_number(text, "KZ")
    if fast is not None:
        parsed = phones._parse_single(text, "KZ")
        assert parsed is not None
        assert _e164_and_region(fast) == _e164_and_region(parsed)


@pytest.mark.parametrize(("text", "expected"), [
    ("+7 (747) 428-93-78", ("+77474289378", "KZ")),
    ("8 747 428 93 78", ("+77474289378", "KZ")),
    ("77474289378", ("+77474289378", "KZ")),
    ("7474289378", ("+77474289378", "KZ")),
    ("89161234567", ("+79161234567", "RU")),
    ("+7 7172 55 66 77", ("+77172556677", "KZ")),
    ("9161234567", ("+79161234567", "RU")),
    ("79161234567", None),  # the parser does not read this as +7 916...
    ("8474289378", None),  # 10 digits with a leading 8: left to the parser
    ("0474289378", None),
    ("80474289378", None),
    ("+8 747 428 93 78", None),
    ("+996 555 123 456", None),
    ("8 747 428 93 78 9", None),
    ("+7 000 000 00 00", None),  # not valid: the full path explains why
    ("８７４７４２８９３７８", None),  # full-width digits go to the parser
])
def test_fast_path_cases(text, expected):
    fast = phones._kz_ru_number(text, "KZ")
    assert (None if fast is None else _e164_and_region(fast)) == expected
    if fast is not None:
        assert _e164_and_region(phones._parse_single(text, "KZ")) == expected


@settings(max_examples=2000)
@given(st.text(alphabet="0123456789 +().-\t\n\u00a0'\u2013", max_size=20))
def test_a_plain_number_is_read_as_typed_as_it_is_once_cleaned(raw):
    """The shortcut for a number typed plainly skips clean_text: what it finds must be what
    the cleaned text gives."""
    usual = phones._kz_ru_number(raw.strip(), "KZ")
    if usual is not None:
        assert usual == phones._kz_ru_number(clean_text(raw).lstrip("'").strip(), "KZ")


def test_fast_path_only_for_the_default_region():
    assert phones._kz_ru_number("8 916 123 45 67", "RU") is None


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789", min_size=8, max_size=12).filter(lambda n: n[0] != "0"))
def test_the_kz_ru_validity_is_phonenumbers_own(national):
    from sync.normalize.phones import _valid_in, kz_ru_region

    number = phonenumbers.PhoneNumber(country_code=7, national_number=int(national))
    assert kz_ru_region(national) == _valid_in(number)


def test_every_kz_ru_prefix_is_judged_as_phonenumbers_does():
    from sync.normalize.phones import _valid_in, kz_ru_region

    for prefix in range(100, 1000):
        for tail in ("0000000", "1234567", "9999999", "5550123"):
            national = f"{prefix}{tail}"
            number = phonenumbers.PhoneNumber(country_code=7, national_number=int(national))
            assert kz_ru_region(national) == _valid_in(number), national


@pytest.mark.parametrize("raw, country, e164", [
    # typed as the writer's country writes it, without the country's code
    ("0772026408", "KG", "+996772026408"),
    ("0700 923547", "KG", "+996700923547"),
    ("93 186 89 26", "UZ", "+998931868926"),
    ("05334326574", "TR", "+905334326574"),
    ("19851570730", "CN", "+8619851570730"),
    ("9518821078", "IN", "+919518821078"),  # not the Russian +7 951 ... it would be here
    # a number the usual way holds whatever country the person gave
    ("87011234567", "KG", "+77011234567"),  # a Kazakh SIM of someone from Kyrgyzstan
    ("+7 916 123 45 67", "IN", "+79161234567"),  # marked with its code
    ("0772026408", "", ""),  # no country given: no guess
])
def test_a_number_is_read_as_the_country_the_person_gave_writes_it(raw, country, e164):
    row = normalize_phones([raw], countries=[country]).iloc[0]
    assert row["phone"] == e164


@pytest.mark.parametrize("raw, country, note", [
    ("05334326574", "TR", ""),  # the number of the country the person gave: nothing to check
    ("+90 533 432 65 74", "TR", ""),
    ("+90 533 432 65 74", "", "phone.foreign|TR"),  # no country given
    ("+90 533 432 65 74", "UZ", "phone.foreign|TR"),  # another country's
    ("87011234567", "KG", ""),  # the usual region's: never noted
])
def test_a_foreign_number_is_noted_only_where_the_person_named_another_country(raw, country,
                                                                                note):
    assert normalize_phones([raw], countries=[country]).iloc[0]["phone_note"] == note


def test_the_country_column_is_found_by_its_answers():
    from sync.normalize.countries import country_column, country_of

    assert [country_of(a) for a in ["Kyrgyzstan", "Қырғызстан", "Кыргызстан", "Türkiye",
                                    "Republic of Kazakhstan", "Алматы", ""]] == [
        "KG", "KG", "KG", "TR", "KZ", "", ""]
    columns = {"q: City": pd.Series(["Almaty", "Bishkek", "Tashkent"]),
               "q: Country": pd.Series(["Kazakhstan", "Kyrgyzstan", "Узбекистан"]),
               "q: Session": pd.Series(["Recycling", "Policy", "Recycling"])}
    assert country_column(columns) == ["KZ", "KG", "UZ"]
    assert country_column({"q: City": pd.Series(["Almaty", "Bishkek"])}) is None


@pytest.mark.parametrize("typed, full, read_as", [
    # a foreign number typed without its code, its full form typed in another row (AE)
    ("93 9980791", "+998 93 998 07 91", "+998939980791"),
    ("0505 300 891", "+996505300891", "+996505300891"),  # the trunk 0 of a local number
    ("12345", "+998 93 998 12345", ""),  # too few digits to be a number of its own
    ("93 9980792", "+998 93 998 07 91", ""),  # another number
])
def test_a_foreign_number_without_its_code_is_completed_by_the_same_number_in_full(
        typed, full, read_as):
    frame = normalize_phones([typed, full, "8 701 555 00 00"])
    assert frame.loc[0, "phone"] == read_as
    assert frame.loc[0, "phone_valid"] == bool(read_as)
    if read_as:
        assert frame.loc[0, "phone_note"].startswith(phones.COMPLETED + "|")


def test_a_number_that_two_foreign_numbers_end_alike_is_left_unread():
    frame = normalize_phones(["93 9980791", "+998 93 998 07 91", "+992 93 998 07 91"])
    assert frame.loc[0, "phone"] == ""
