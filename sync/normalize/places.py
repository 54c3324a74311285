"""Answers typed into each other's questions, put back in their places.

A person who writes "Химическая технология органических веществ" as their status and
"доцент" as their specialty answered both, each in the other's box: read as typed, the
role is not understood and the specialty is not known. Both are swapped only when each
answer fits the other question and neither fits its own, so nothing that reads right moves.

An e-mail address typed as the phone (a form asking "Телефон (WhatsApp) или e-mail", or a
slip) is the e-mail when the e-mail was left blank, and a phone number typed as the e-mail
the phone when that was; an answer holding both (a list's "Контакты") is both. An
institution typed beside the name ("Смирнова Анна, Satbayev Uni") is the institution when
that was left blank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from sync.normalize.aliases import Aliases
from sync.normalize.names import institution_beside
from sync.normalize.roles import UNKNOWN, roles_in
from sync.normalize.specialties import SpecialtyList, normalize_specialties
from sync.normalize.text import clean_text

# role_note of a row whose role and specialty answers were swapped back
SWAPPED = "role.swapped_with_specialty"
# An answer that is an e-mail address; one that is a phone number, with this many digits.
_AN_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_A_NUMBER = re.compile(r"\+?[\d\s().-]{7,}")
MIN_PHONE_DIGITS = 7


def role_and_specialty_swapped(role_typed: Sequence[str], specialty_typed: Sequence[str],
                               roles: pd.DataFrame, specialties: pd.DataFrame,
                               specialty_list: SpecialtyList, aliases: Aliases) -> np.ndarray:
    """Which rows typed their specialty as their role and their role as their specialty:
    the role not understood but a known specialty (normalize_roles' and
    normalize_specialties' results beside the typed answers), the specialty not known but
    a role."""
    candidates = np.flatnonzero((roles["role_note"].to_numpy() == UNKNOWN)
                                & (specialties["specialty_id"].to_numpy() == "")
                                & (specialties["specialty_match"].to_numpy() == "unmatched"))
    swapped = np.zeros(len(role_typed), dtype=bool)
    if not len(candidates):
        return swapped
    as_specialty = normalize_specialties([role_typed[i] for i in candidates], specialty_list,
                                         aliases)["specialty_id"].to_numpy()
    for position, i in enumerate(candidates.tolist()):
        known = as_specialty[position] and not as_specialty[position].startswith("?")
        swapped[i] = bool(known and roles_in(clean_text(specialty_typed[i])))
    return swapped


def institutions_beside_names(institutions: Sequence[str], names: Sequence[str]) -> list[str]:
    """The institution answers, a blank one taken from beside the name where it was typed
    there ("Смирнова Анна, Satbayev Uni": a form asking both in one question)."""
    return [institution if institution.strip() else institution_beside(name)
            for institution, name in zip(institutions, names)]


def contacts_in_their_places(emails: Sequence[str], phones: Sequence[str]
                             ) -> tuple[list[str], list[str]]:
    """The e-mail and phone answers, an address typed as the phone moved to a blank e-mail
    and a number typed as the e-mail to a blank phone (see the module's docstring)."""
    emails, phones = list(emails), list(phones)
    one_blank = [i for i, (email, phone) in enumerate(zip(emails, phones))
                 if (not email or email.isspace()) != (not phone or phone.isspace())]
    for i in one_blank:  # most rows answer both, or neither: only these are looked at
        email, phone = emails[i].strip(), phones[i].strip()
        if not email and _AN_ADDRESS.fullmatch(phone):
            emails[i], phones[i] = phones[i], ""
        elif not phone and _A_NUMBER.fullmatch(email) \
                and sum(map(str.isdigit, email)) >= MIN_PHONE_DIGITS:
            emails[i], phones[i] = "", emails[i]
        # both in one answer ("+7 776 906 84 66, g.k@inbox.ru": a list's "Контакты"): the
        # answer is each question's, as each reads its own part out of it
        elif not phone and _both(email):
            phones[i] = emails[i]
        elif not email and _both(phone):
            emails[i] = phones[i]
    return emails, phones


def _both(answer: str) -> bool:
    """An answer holding an e-mail address and, beside it, a phone number."""
    address = _AN_ADDRESS.search(answer)
    rest = answer[:address.start()] + " " + answer[address.end():] if address else ""
    return any(sum(map(str.isdigit, number)) >= MIN_PHONE_DIGITS
               for number in _A_NUMBER.findall(rest))
