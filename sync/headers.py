"""Find which question header holds which canonical field, in Russian, Kazakh and English.

Headers are matched after folding (case, ё, punctuation). Rules are tried in order and the
first that matches a header wins, so specific ones ("название университета") come before
the generic "name". Config overrides always win. Unmapped questions stay as extra answers.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from sync.errors import SourceError
from sync.fields import NAME_PART_FIELDS, REQUIRED_FIELDS

# (field, pattern on the folded header). Order matters: see the module docstring.
_RULES: tuple[tuple[str, str], ...] = (
    ("submitted_at", r"^(отметка времени|timestamp|уақыт белгісі|время отправки|дата и время"
                     r"|дата регистрации|submitted at|registered at|submission time|дата)$"),
    ("email", r"почт|e ?-? ?mail|пошта|электрон"),
    ("phone", r"телефон|phone|whatsapp|ватсап|мобильн|нөмір|номер|ұялы|tel\b|тел\b"),
    ("institution", r"учебн\w* заведени|вуз|организац|университет|колледж|место (учебы|работы)"
                    r"|оқу орн|ұйым|мекеме|жоо|institution|university|college|organi[sz]ation"
                    r"|affiliation|school|школ|академи|институт"),
    ("specialty", r"специальност|образовательн\w* программ|направлени|мамандық|білім беру"
                  r"|бағдарлама|specialt|speciality|major|field of study|programme|program"),
    ("role", r"статус|роль|должность|категори|кто вы|мәртебе|лауазым|санат|\brole\b|position"
             r"|status|you are|студент или преподаватель"),
    ("city", r"город|қала|\bcity\b|town|населенн"),
    ("full_name", r"фио|ф и о|фамилия имя|аты ?-? ?жөн|толық аты|full name|name and surname"
                  r"|^name$|your name|participant|полное имя|имя и фамилия"),
    ("last_name", r"^(фамилия|тегі|surname|last name|family name)$"),
    ("first_name", r"^(имя|аты|first name|given name|name)$"),
    ("middle_name", r"^(отчество|әкесінің аты|middle name|patronymic)$"),
)
_COMPILED = tuple((field, re.compile(p)) for field, p in _RULES)


def fold_header(header: str) -> str:
    """Lower-case, ё->е, punctuation to spaces, spaces collapsed."""
    text = header.casefold().replace("ё", "е")
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" -")


def unique_headers(headers: Sequence[str]) -> list[str]:
    """Blank headers become 'Column N' and repeated ones 'Header (2)', so none is lost."""
    names = [" ".join(str(h).split()) or f"Column {i}" for i, h in enumerate(headers, start=1)]
    taken = set(names)
    used: set[str] = set()
    result = []
    for name in names:
        unique, n = name, 1
        # a suffix no other header has: "Курс (2)" may be a question of its own
        while unique in used or (unique != name and unique in taken):
            n += 1
            unique = f"{name} ({n})"
        used.add(unique)
        result.append(unique)
    return result


def guess_field(header: str) -> str | None:
    folded = fold_header(header)
    for field, pattern in _COMPILED:
        if pattern.search(folded):
            return field
    return None


def map_headers(headers: Sequence[str], overrides: Mapping[str, str], where: str) -> dict[str, str]:
    """Return {canonical field: header} for the given (already unique) headers.

    `overrides` maps a field to an exact header and wins over guessing; an override naming a
    header that is not there is an error naming the headers that were seen.
    """
    mapping: dict[str, str] = {}
    for field, header in overrides.items():
        if header not in headers:
            raise SourceError(f"{where}: column {header!r} for {field} (from config) is not in "
                              f"the header row; headers seen: {_listing(headers)}")
        mapping[field] = header
    taken = set(mapping.values())
    for header in headers:
        if header in taken:
            continue
        field = guess_field(header)
        if field and field not in mapping:
            mapping[field] = header
    if "full_name" in mapping:
        for part in NAME_PART_FIELDS:  # a whole-name question makes the parts plain extras
            if part not in overrides:
                mapping.pop(part, None)
    missing = [f for f in REQUIRED_FIELDS
               if f not in mapping and not (f == "full_name" and _has_name_parts(mapping))]
    if missing and any(_looks_like_an_answer(h) for h in headers):
        # never echo what is probably a respondent's e-mail or phone
        raise SourceError(f"{where}: the first row looks like answers, not questions; the "
                          "file must start with its header row (the questions)")
    if missing:
        raise SourceError(f"{where}: no column for {', '.join(missing)} found; headers seen: "
                          f"{_listing(headers)}. Name it in config.toml under [source.columns]")
    return mapping


_ANSWER_LIKE = re.compile(r"@|\d{7}|\d[\d\s()+-]{8,}\d")


def _looks_like_an_answer(header: str) -> bool:
    return bool(_ANSWER_LIKE.search(header))


def _has_name_parts(mapping: Mapping[str, str]) -> bool:
    return "last_name" in mapping or "first_name" in mapping


def _listing(headers: Sequence[str]) -> str:
    shown = ", ".join(repr(h) for h in headers[:12])
    return shown + (f" and {len(headers) - 12} more" if len(headers) > 12 else "") if headers else "none"
