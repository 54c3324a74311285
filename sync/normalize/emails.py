"""E-mail addresses: trimmed, checked offline, and typos in popular domains and in
Kazakhstan's ending (.kx) pointed out.

The address is kept as typed (domain lower-cased, and a domain's dot typed as a comma or a
space put back: ivan@gmail,com is ivan@gmail.com): a suspected typo such as gmail.con is
noted with a suggestion, never rewritten, because only the person knows their address.
email-validator runs with check_deliverability=False: no DNS lookup, ever.
Notes are codes (NOTE_CODES), worded in the report's language by reports/labels.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import pandas as pd
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from phonenumbers import SUPPORTED_REGIONS
from rapidfuzz.distance import OSA

from sync.normalize.text import as_text, clean_text, per_unique

COLUMNS = ["email", "email_key", "email_valid", "email_note"]

# email_note codes, joined by "; "; the review sheet shows the address as typed beside them
NO_ADDRESS = "email.none"  # only punctuation, such as "-" for "I have none"
NO_AT = "email.no_at"
INVALID = "email.invalid"  # email-validator refuses it (its reason is English prose)
TYPO = "email.typo"  # |the popular domain it probably means
SECOND = "email.second"  # a second address in the cell; the first is kept
NOTE_CODES = (NO_ADDRESS, NO_AT, INVALID, TYPO, SECOND)

# Domains most participants use; a domain one edit (or one swap) away from one of these is
# most likely a typo of it.
POPULAR_DOMAINS = (
    "gmail.com", "mail.ru", "inbox.ru", "bk.ru", "list.ru", "internet.ru", "yandex.ru",
    "yandex.kz", "yandex.com", "ya.ru", "mail.kz", "rambler.ru", "outlook.com", "hotmail.com",
    "live.com", "icloud.com", "me.com", "yahoo.com",
)
# Domains that deliver to one mailbox, as its service says: a Yandex login at any of
# Yandex's domains (a name at mail.ru and at bk.ru are two mailboxes, maybe two people's).
_ONE_MAILBOX = {domain: "yandex.ru" for domain in ("yandex.kz", "yandex.com", "yandex.by",
                                                    "yandex.ua", "ya.ru", "narod.ru")}
# Typos that are more than one edit away from what was meant.
KNOWN_TYPOS = {"gmail.ru": "gmail.com", "gmail.kz": "gmail.com", "mail.com.ru": "mail.ru"}
# Two-letter endings that name a country (phonenumbers' regions, and the few country
# endings no telephone region has); one no country has, a letter from Kazakhstan's, is a typo
# of it (zhubanov.edu.kx).
_COUNTRY_ENDINGS = frozenset(region.lower() for region in SUPPORTED_REGIONS) | {"uk", "eu", "su"}
_HOME_ENDING = "kz"
# Short domains are one edit away from other real ones (bk.ru and ok.ru): below this length
# only a typo in the ending (bk.ri -> bk.ru) is suggested.
MIN_FUZZY_DOMAIN_LENGTH = 7

# What people put around an address: mailto:, <...>, quotes, brackets, trailing punctuation.
# An address inside other text (a letter's From line, "Контакты учителя: 8 701 ..., a@b.kz").
ADDRESS_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MAILTO = re.compile(r"mailto:", re.IGNORECASE)
# Spaces around the @, or the @ typed twice (madina@@inbox.ru): one @.
_AROUND_AT = re.compile(r"\s*@[\s@]*")
_SEPARATORS = re.compile(r"[\s,;<>()\[\]\"'/\\|]+")
# A domain's last dot typed as a comma or a space (ivan@gmail,com; ivan@mail ru; ivan@gmail.
# com): the address it spells, not one cut there.
_SPLIT_ENDING = re.compile(r"(@[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?:\s*,\s*|\s*\.\s+|\s+\.?\s*)"
                           r"([a-z]{2,4})(?![\w.@-])", re.IGNORECASE)
# A dot inside the domain typed as a comma (ruslan@buketov,edu.kz): the labels after it
# end the address (a dot among them, no @: not a second address).
_COMMA_IN_DOMAIN = re.compile(r"(@[a-z0-9-]+(?:\.[a-z0-9-]+)*),([a-z0-9-]+(?:\.[a-z0-9-]+)+)"
                              r"(?![\w.@-])", re.IGNORECASE)
_GENERIC_ENDINGS = frozenset({"com", "net", "org", "edu", "info", "gov", "biz"})
_TRIM = ".,:;!?-"

# Most addresses are plain ASCII (ivan.petrov@mail.kz): those are accepted without
# email-validator, whose full check is most of this module's time. Its limits (RFC 5321 and
# RFC 1035) and special-use names (localhost, .test, .onion, ...) apply to them too; anything
# else, internationalized or odd, goes to email-validator.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*@((?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+[a-z]{2,})")
MAX_ADDRESS_LENGTH = 254
MAX_LOCAL_LENGTH = 64
MAX_DOMAIN_LENGTH = 253
MAX_LABEL_LENGTH = 63


def normalize_emails(values: Sequence[str]) -> pd.DataFrame:
    """One row per input value with the columns in COLUMNS; each distinct value checked once."""
    return per_unique([as_text(v) for v in values], _normalize_one, COLUMNS, values)


def _normalize_one(raw: str) -> tuple[str, str, bool, str]:
    if is_plain_address(raw):  # the common case: nothing to clean, nothing to check
        return _result(raw, valid=True, notes=[])
    # mailto: goes before cleaning: cut out of a word afterwards, it could leave a piece that
    # cleaning would change the next time (its script is fixed per word).
    cleaned = clean_text(_MAILTO.sub(" ", raw))
    if not cleaned:
        return "", "", False, "" if not clean_text(raw) else NO_ADDRESS
    text = _SPLIT_ENDING.sub(_joined_ending, _COMMA_IN_DOMAIN.sub(
        r"\1.\2", _AROUND_AT.sub("@", cleaned)))
    parts = [p.strip(_TRIM) for p in _SEPARATORS.split(text)]
    parts = [p for p in parts if p]
    if not parts:  # only punctuation, such as "-" for "I have none"
        return "", "", False, NO_ADDRESS
    addresses = [p for p in parts if "@" in p]
    if not addresses:
        address = " ".join(parts)
        return address, address.casefold(), False, NO_AT
    address = _lower_domain(addresses[0])
    notes = []
    if is_plain_address(address):
        valid = True
    else:
        try:
            validate_email(address, check_deliverability=False)
            valid = True
        except EmailNotValidError:
            valid = False
            notes.append(INVALID)
    if len(addresses) > 1:
        notes.append(SECOND)
    return _result(address, valid, notes)


def _joined_ending(match: re.Match) -> str:
    """The domain and the ending after it joined by a dot, where that is one and the domain
    has none of its own yet, or only the kind a country's ending follows (sdu.edu,kz)."""
    domain, ending = match.groups()
    last = domain.rpartition(".")[2].lower()
    joined = _is_ending(ending) and (not _is_ending(last) or (
        last in _GENERIC_ENDINGS and ending.lower() in _COUNTRY_ENDINGS))
    return f"{domain}.{ending}" if joined else match.group(0)


def _is_ending(label: str) -> bool:
    return label.lower() in _GENERIC_ENDINGS or label.lower() in _COUNTRY_ENDINGS


def _result(address: str, valid: bool, notes: list[str]) -> tuple[str, str, bool, str]:
    domain = address.rpartition("@")[2]
    suggestion = suggest_domain(domain)
    if suggestion:
        notes.append(f"{TYPO}|{suggestion}")
    # The address shown stays as typed; the key dedup compares reads the typo as meant, so
    # ivan@gmail.con and ivan@gmail.com are one person's address, and one mailbox's domains
    # as one (_ONE_MAILBOX: ivan@yandex.kz is ivan@yandex.ru).
    key = f"{address.rpartition('@')[0]}@{_one_mailbox(suggestion or domain)}".casefold()
    # most keys read the same as the address: one string for both, not two per address
    return address, address if key == address else key, valid, "; ".join(notes)


def _one_mailbox(domain: str) -> str:
    return _ONE_MAILBOX.get(domain.casefold(), domain)


def is_plain_address(address: str) -> bool:
    """An ASCII address that email-validator is known to accept (see _PLAIN_ADDRESS)."""
    match = _PLAIN_ADDRESS.fullmatch(address)
    if not match or len(address) > MAX_ADDRESS_LENGTH:
        return False
    domain = match.group(1)
    return (match.start(1) - 1 <= MAX_LOCAL_LENGTH and len(domain) <= MAX_DOMAIN_LENGTH
            and all(len(label) <= MAX_LABEL_LENGTH for label in domain.split("."))
            and not any(domain == name or domain.endswith("." + name)
                        for name in SPECIAL_USE_DOMAIN_NAMES))


def _lower_domain(address: str) -> str:
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


@lru_cache(maxsize=65536)  # a few hundred domains among many thousand addresses
def suggest_domain(domain: str) -> str:
    """The popular domain that `domain` is probably a typo of, or "" when it looks intended."""
    domain = domain.lower()
    if domain in POPULAR_DOMAINS:
        return ""
    if domain in KNOWN_TYPOS:
        return KNOWN_TYPOS[domain]
    short = len(domain) < MIN_FUZZY_DOMAIN_LENGTH
    for popular in POPULAR_DOMAINS:
        if short and domain.partition(".")[0] != popular.partition(".")[0]:
            continue
        if OSA.distance(domain, popular, score_cutoff=1) <= 1:
            return popular
    name, _, ending = domain.rpartition(".")
    if (name and len(ending) == 2 and ending not in _COUNTRY_ENDINGS
            and OSA.distance(ending, _HOME_ENDING) <= 1):
        return f"{name}.{_HOME_ENDING}"
    return ""
