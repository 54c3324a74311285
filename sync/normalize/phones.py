"""Phone numbers as E.164, read the way Kazakhstan writes them.

8 7xx ... is Kazakhstan with trunk prefix 8; 8 9xx ... (11 digits) is Russia written the same
way; a bare 10-digit 7xx... is a Kazakh number without prefix. libphonenumber with region KZ
tells +7 7xx (KZ) from +7 9xx (RU). The first number in a cell is kept, a second is noted.
Notes are codes (NOTE_CODES), worded in the report's language by reports/labels.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache, partial
from typing import NamedTuple

import numpy as np
import pandas as pd
import phonenumbers
from phonenumbers import Leniency, PhoneMetadata, PhoneNumberMatcher
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

from sync.normalize.text import as_text, clean_text, per_unique, results_per_unique

COLUMNS = ["phone", "phone_country", "phone_valid", "phone_note"]
DEFAULT_REGION = "KZ"

# Excel shows a long number as 8.74743E+10 and a CSV saved from it keeps only those digits.
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?[eE]\+?\d+")
_ONLY_NUMBER = re.compile(r"\+?[\d\s().-]+")
# A number written with ASCII digits and the usual separators only, and its country code
# (Kazakhstan and Russia share +7).
_PLAIN_NUMBER = re.compile(r"\+?[0-9 ().-]+")
_NOT_DIGITS = re.compile(r"[^0-9]")
# A phone's last ten digits tell who gave the same one, however it was typed.
PHONE_KEY_DIGITS = 10
KZ_RU_COUNTRY_CODE = 7
KZ_RU_DIGITS = 11  # +7 and ten digits
# Accept what merely looks like a number, so a too short or too long one is reported as
# invalid rather than passed over.
_LENIENCY = Leniency.POSSIBLE

# phone_note codes, joined by "; " ("phone.foreign|RU; phone.second|+77015556677")
SCIENTIFIC = "phone.scientific"  # Excel's 8.74743E+10: the digits are lost
FOREIGN = "phone.foreign"  # |country code
NO_COUNTRY = "phone.no_country"  # valid, but no country's (+800, +882)
SECOND = "phone.second"  # |the second number, E.164
NO_DIGITS = "phone.no_digits"
NOT_A_NUMBER = "phone.not_a_number"
TOO_SHORT = "phone.too_short"
TOO_LONG = "phone.too_long"
WRONG_LENGTH = "phone.wrong_length"
BAD_COUNTRY_CODE = "phone.bad_country_code"
NOT_IN_USE = "phone.not_in_use"
# a foreign number typed without its country's code, read as another row wrote it in full
# (|country code): "93 998 07 91" beside +998 93 998 07 91
COMPLETED = "phone.completed"
NOTE_CODES = (SCIENTIFIC, FOREIGN, NO_COUNTRY, SECOND, NO_DIGITS, NOT_A_NUMBER, TOO_SHORT,
              TOO_LONG, WRONG_LENGTH, BAD_COUNTRY_CODE, NOT_IN_USE, COMPLETED)


def phone_key(text: str) -> str:
    """A phone's last ten digits (+7 771 989 87 25 and 87719898725 are one phone), "" for
    a text with fewer: who gave the same phone, without reading it as a number."""
    digits = _NOT_DIGITS.sub("", text)
    return digits[-PHONE_KEY_DIGITS:] if len(digits) >= PHONE_KEY_DIGITS else ""


def normalize_phones(values: Sequence[str], region: str = DEFAULT_REGION,
                     known: Mapping | None = None,
                     countries: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per input value with the columns in COLUMNS; each distinct value parsed once,
    unless `known` (from phone_results) has it already. `countries`: each row's country
    (a region code, "" when not known): a number typed without its country's code is read
    as that country writes it (0772 026 408 from Kyrgyzstan)."""
    texts = [as_text(v) for v in values]
    frame = per_unique(texts, partial(_normalize_one, region=region), COLUMNS, values, known)
    elsewhere = [i for i, country in enumerate(countries or ()) if country and country != region]
    if elsewhere:
        _read_in_their_country(frame, texts, elsewhere, countries)
    _completed_by_the_data(frame, texts, region)
    return frame


def _read_in_their_country(frame: pd.DataFrame, texts: list[str], elsewhere: list[int],
                           countries: Sequence[str]) -> None:
    """Rows `elsewhere` (of a country other than the usual region) read in their country."""
    read: dict[tuple[str, str], tuple] = {}
    rows = frame.iloc[elsewhere].itertuples(index=False, name=None)
    for i, default in zip(elsewhere, rows):
        key = (texts[i], countries[i])
        if key not in read:
            read[key] = _expected_there(_in_their_country(texts[i], countries[i], default),
                                        countries[i])
    fixed = [read[(texts[i], countries[i])] for i in elsewhere]
    _set_rows(frame, elsewhere, fixed)


def _set_rows(frame: pd.DataFrame, rows: list[int], results: list[tuple]) -> None:
    for number, column in enumerate(COLUMNS):
        values_now = frame[column].tolist()
        for i, result in zip(rows, results):
            values_now[i] = result[number]
        frame[column] = values_now


def _completed_by_the_data(frame: pd.DataFrame, texts: list[str], region: str) -> None:
    """Numbers no country reads (a foreign one typed without its code: "93 998 07 91",
    "0505 300 891"), read as the one foreign number in the data whose digits after its
    country's code they are (+998 93 998 07 91 typed in full by the same person elsewhere)."""
    valid = frame["phone_valid"].to_numpy(dtype=bool)
    countries = frame["phone_country"].to_numpy()
    foreign = valid & (countries != "") & (countries != region)
    if not foreign.any():  # most runs: no foreign number to complete another with
        return
    unread = [i for i in np.flatnonzero(~valid).tolist() if texts[i]]
    numbers: dict[str, set[str]] = {}
    for e164 in set(frame["phone"].to_numpy()[foreign].tolist()):
        national = str(phonenumbers.parse(e164).national_number)
        numbers.setdefault(national, set()).add(e164)
    found, results = [], []
    for i in unread:
        digits = _NOT_DIGITS.sub("", texts[i])
        fits = numbers.get(digits) or numbers.get(digits.lstrip("0")) or set()
        if len(fits) == 1 and len(digits) >= MIN_COMPLETED_DIGITS:
            e164 = next(iter(fits))
            country = phonenumbers.region_code_for_number(phonenumbers.parse(e164))
            found.append(i)
            results.append((e164, country, True, f"{COMPLETED}|{country}"))
    if found:
        _set_rows(frame, found, results)


def _expected_there(result: tuple, country: str) -> tuple:
    """A number of the country its writer gave is no foreign number to check: its note
    loses phone.foreign (an international track's review would be mostly such lines)."""
    e164, found, valid, note = result
    if found != country:
        return result
    kept = "; ".join(part for part in note.split("; ") if part and not part.startswith(FOREIGN))
    return e164, found, valid, kept


def _in_their_country(raw: str, country: str, default: tuple) -> tuple:
    """A number as its writer's country reads it, where the usual reading finds none, or
    finds another country's number the writer did not mark with a country code (9518821078
    from India is not a Russian +7 951 ...)."""
    _, found, valid, _ = default
    typed = clean_text(raw).lstrip("'").strip()
    if valid and (found == country or typed.startswith(("+", "00"))):
        return default
    e164, found, valid, note = _normalize_one(raw, region=country)
    if not (valid and found == country):
        return default
    foreign = f"{FOREIGN}|{country}"  # foreign to the usual region, as every other is noted
    return e164, found, True, "; ".join(filter(None, (foreign, note)))


def phone_results(values: Sequence[str], region: str = DEFAULT_REGION) -> dict:
    """What normalize_phones works out for each distinct value, to hand it as `known`."""
    return results_per_unique([as_text(v) for v in values], partial(_normalize_one, region=region))



def _normalize_one(raw: str, region: str) -> tuple[str, str, bool, str]:
    # The usual number typed plainly (+7 701 123 45 67, 87011234567): nothing to clean.
    if (usual := _kz_ru_number(raw.strip(), region)) is not None:
        return _result(*usual, "", region)
    # A leading apostrophe is how Excel and Sheets are told to keep a number as text.
    text = clean_text(raw).lstrip("'").strip()
    if not text:
        return "", "", False, ""
    if _SCIENTIFIC.fullmatch(text):
        return "", "", False, SCIENTIFIC
    if region == DEFAULT_REGION and _kazakh_mobile_short_of_a_digit(text):
        return "", "", False, TOO_SHORT
    single = (_kz_ru_number(text, region) or _international_without_plus(text)
              or _parse_single(text, region))
    if single is not None:
        return _result(*single, "", region)
    numbers = [match.number for match in _matches(text, region)]
    country = _valid_in(numbers[0]) if numbers else None
    if country is None:
        return "", "", False, _why_invalid(text, region)
    return _result(_e164(numbers[0]), country, _e164(numbers[1]) if len(numbers) > 1 else "",
                   region)


def _kazakh_mobile_short_of_a_digit(text: str) -> bool:
    """8 777 922 607: a Kazakh mobile (8 7xx and seven digits) with one digit left out,
    which the parser reads as a number of Russia's region 877 (Adygea), typed without its
    8. Here it is the mobile typed short."""
    if not _ONLY_NUMBER.fullmatch(text) or text.startswith("+"):
        return False
    digits = _NOT_DIGITS.sub("", text)
    return len(digits) == KZ_RU_DIGITS - 1 and digits.startswith("87")


def _international_without_plus(text: str) -> tuple[str, str] | None:
    """(E.164, region) of a number typed with its country's code but without the plus: 0049
    160 ... (the international prefix), 998 90 123 45 67 (Uzbekistan), 91 98261 54971
    (India), 7 925 ... (Russia: eleven digits). Not for the other numbers that begin with 7
    or 8 (a Kazakh or Russian number as typed here) or 1 (a bare Chinese mobile, 133...,
    would read as a North American one); None when the number so read is not valid."""
    if not _ONLY_NUMBER.fullmatch(text) or text.startswith("+"):
        return None
    digits = _NOT_DIGITS.sub("", text)
    if digits.startswith("00"):
        digits = digits[2:]
    elif len(digits) < MIN_INTERNATIONAL_DIGITS or digits[0] in "18" \
            or digits[0] == "7" and len(digits) != KZ_RU_DIGITS:
        return None
    try:
        number = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return None
    country = _valid_in(number)
    return None if country is None else (_e164(number), country)


def _valid_in(number: phonenumbers.PhoneNumber) -> str | None:
    """The region a valid number belongs to, None for an invalid one: is_valid_number, whose
    first step is region_code_for_number, without finding the region twice."""
    found = phonenumbers.region_code_for_number(number)
    return found if found and phonenumbers.is_valid_number_for_region(number, found) else None


def _result(e164: str, country: str, second: str, region: str) -> tuple[str, str, bool, str]:
    """A valid number (E.164) and its region; `second`: another number in the cell, or ""."""
    # Non-geographic numbers (+800, +882) have region "001", which is no country.
    country = country if country.isalpha() else ""
    notes = []
    if country != region:
        notes.append(f"{FOREIGN}|{country}" if country else NO_COUNTRY)
    if second:
        notes.append(f"{SECOND}|{second}")
    return e164, country, True, "; ".join(notes)


def _kz_ru_number(text: str, region: str) -> tuple[str, str] | None:
    """(E.164, region) of the usual Kazakh or Russian number (+7 701 ..., 8 (701) ...,
    7011234567) read from its digits, skipping phonenumbers.parse, which is most of this
    module's time. None when the cell is not of that shape or the number is not valid: the
    full parse then decides. tests/test_phones.py checks that this gives what parse gives."""
    if region != DEFAULT_REGION or not _PLAIN_NUMBER.fullmatch(text):
        return None
    digits = _NOT_DIGITS.sub("", text)
    if text.startswith("+"):
        national = digits[1:] if len(digits) == 11 and digits[0] == "7" else ""
    elif len(digits) == 11 and (digits[0] == "8" or digits[:2] == "77"):
        # Without a plus, 7 9xx... is not read as +7 9xx by the parser; 7 7xx... is.
        national = digits[1:]
    else:
        national = digits if len(digits) == 10 and digits[0] not in "018" else ""
    if not national or national[0] == "0":
        return None
    country = kz_ru_region(national)
    if country is None:
        return None
    return f"+{KZ_RU_COUNTRY_CODE}{national}", country


# Digits of a number typed with its country's code and no plus, at the fewest (a country
# code of two digits and a national number of nine): fewer are a national number.
MIN_INTERNATIONAL_DIGITS = 11
# Digits a number typed without its country's code needs before another row's full number
# completes it: a local number's, not an extension's.
MIN_COMPLETED_DIGITS = 7
# A national number has at most 17 digits (ITU-T E.164 allows 15 with the country code).
MAX_NATIONAL_DIGITS = 17
# The number types whose patterns make a number valid (phonenumbers' _number_type_helper).
_TYPES = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
          "voicemail", "fixed_line", "mobile")


class _Region(NamedTuple):
    name: str
    leading: re.Pattern | None  # leading digits that say a number is this region's
    general: tuple[frozenset[int], re.Pattern]  # the lengths (empty: any) and the pattern
    # by length: the patterns of every number type that allows it, as one alternation
    types: Mapping[int, re.Pattern]

    def valid(self, national: str) -> bool:
        lengths, pattern = self.general
        if lengths and len(national) not in lengths or not pattern.fullmatch(national):
            return False
        types = self.types.get(len(national))
        return bool(types and types.fullmatch(national))


def _region(name: str) -> _Region:
    meta = PhoneMetadata.metadata_for_region(name)
    descs = [d for d in (getattr(meta, t) for t in _TYPES)
             if d is not None and d.national_number_pattern]
    general = meta.general_desc
    by_length = {}
    for length in range(1, MAX_NATIONAL_DIGITS + 1):
        fitting = [d.national_number_pattern for d in descs
                   if not d.possible_length or length in d.possible_length]
        if fitting:
            by_length[length] = re.compile("|".join(f"(?:{p})" for p in fitting))
    return _Region(name, re.compile(meta.leading_digits) if meta.leading_digits else None,
                   (frozenset(general.possible_length),
                    re.compile(general.national_number_pattern)), by_length)


@lru_cache(maxsize=1)
def _kz_ru_regions() -> tuple[_Region, ...]:
    return tuple(map(_region, COUNTRY_CODE_TO_REGION_CODE[KZ_RU_COUNTRY_CODE]))


def kz_ru_region(national: str) -> str | None:
    """The region of a valid +7 number ("KZ", "RU"), None for an invalid one: what
    phonenumbers' region_code_for_number and is_valid_number_for_region say, from the same
    metadata, with its patterns compiled once instead of looked up at every call (most of
    this module's time at 100,000 numbers). tests/test_phones.py compares the two."""
    for region in _kz_ru_regions():
        if region.leading is not None:
            if region.leading.match(national):
                return region.name if region.valid(national) else None
        elif region.valid(national):
            return region.name
    return None


def _parse_single(text: str, region: str) -> tuple[str, str] | None:
    """Most cells are one number and nothing else: parsing it directly is ten times faster
    than the matcher. None when the cell is anything more, or not a valid number."""
    if not _ONLY_NUMBER.fullmatch(text):
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    country = _valid_in(number)
    return None if country is None else (_e164(number), country)


def _matches(text: str, region: str) -> list:
    """The numbers the matcher finds; libphonenumber raises on nothing we should pass on."""
    try:
        return list(PhoneNumberMatcher(text, region, leniency=_LENIENCY))
    except phonenumbers.NumberParseException:
        return []


_REASONS = {
    phonenumbers.ValidationResult.TOO_SHORT: TOO_SHORT,
    phonenumbers.ValidationResult.INVALID_LENGTH: WRONG_LENGTH,
    phonenumbers.ValidationResult.TOO_LONG: TOO_LONG,
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: BAD_COUNTRY_CODE,
}


def _why_invalid(text: str, region: str) -> str:
    """The note code saying why `text` is not a valid number."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return NO_DIGITS
    try:
        number = phonenumbers.parse(("+" if text.lstrip().startswith("+") else "") + digits, region)
    except phonenumbers.NumberParseException:
        return NOT_A_NUMBER
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.IS_POSSIBLE:
        # +7 allows up to 17 digits in general; compare with a real number of that country.
        example = phonenumbers.example_number(
            phonenumbers.region_code_for_country_code(number.country_code))
        national = phonenumbers.national_significant_number(number)
        if example and len(national) > len(phonenumbers.national_significant_number(example)):
            return TOO_LONG
    return _REASONS.get(reason, NOT_IN_USE)


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
