"""Whether an answer names an organisation (a university, a school, a firm), not a person.

Read by the form's reading (which column holds institutions, which answers are names) and
by the names normalizer (an institution typed after the name is not part of it).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache

from sync.normalize.shapes import shape_of

# Words that make an answer an organisation, not a person (folded stems, matched as prefixes).
INSTITUTION_STEMS = ("университет", "универ", "universit", "univ", "колледж", "college",
                     "институт", "institut", "академи", "academ", "школ", "school", "гимназ",
                     "gymnas", "лицей", "lyceum", "мектеб", "мектеп", "политехн", "polytechn",
                     "центр", "center", "centre", "фонд", "foundation", "министерств", "ministry",
                     "акимат", "компани", "company", "корпорац", "corporat", "департамент",
                     "управлени", "лаборатор", "laborator", "кафедр", "факультет", "faculty",
                     "business", "бизнес", "petrotechnic", "техникум")
# Abbreviations of legal forms and kinds, matched as whole words ("Satbayev Uni").
INSTITUTION_WORDS = frozenset({"тоо", "ао", "нао", "оо", "ооо", "рго", "ргп", "гкп", "кгу", "сош",
                               "жшс", "жоо", "llp", "ltd", "jsc", "inc", "llc", "ngo",
                               "нии", "мок", "ou", "ип", "uni", "вуз"})
_KAZAKH = str.maketrans("әғқңөұүһіё", "агкноуухие")
_SPACES_AND_PUNCT = re.compile(r"[^\w]+|_")


def _folded(value: str) -> str:
    return " ".join(_SPACES_AND_PUNCT.sub(" ", value.casefold().translate(_KAZAKH)).split())


def organisation_word(word: str) -> bool:
    """Whether one word makes an answer an organisation's ("университет", "ТОО", "Uni")."""
    folded = _folded(word)
    return folded in INSTITUTION_WORDS or folded.startswith(INSTITUTION_STEMS)


@lru_cache(maxsize=65536)
def is_institution(value: str) -> bool:
    """An organisation's words ("университет", "мектеп"), a kind of school ("СШ №12", "НИШ"),
    a school's number ("шг № 56"), a name after someone ("ЕНУ имени Гумилева"), or a name or
    abbreviation of the directory at its start ("ТарГУ им. Дулати")."""
    if any(map(organisation_word, _folded(value).split())):
        return True
    if _NUMBERED_OR_NAMED_AFTER.search(value) or shape_of(value).kinds:
        return True
    first = _folded(re.split(r"[,(;]", value, maxsplit=1)[0])
    abbreviation = value.split(maxsplit=1)[0] if value.strip() else ""
    return first in _directory_names() or (
        sum(map(str.isupper, abbreviation)) >= 2 and _folded(abbreviation) in _directory_names())


# "№ 56", "имени Гумилева", "им. аль-Фараби", "атындағы", "named after".
_NUMBERED_OR_NAMED_AFTER = re.compile(r"№\s*\d|\bим(?:\.|ени\b)|атындағы|named after",
                                      re.IGNORECASE)


@cache
def _directory_names() -> frozenset[str]:
    """Every name and abbreviation in the shipped institution directory, folded. Read from
    its file (milliseconds), not through load_directory, which also builds every index the
    matcher needs (a tenth of a second, paid again when normalizing)."""
    from sync.normalize.institutions import DIRECTORY_FILE

    entries = tomllib.loads(DIRECTORY_FILE.read_text(encoding="utf-8")).get("institution", [])
    return frozenset(_folded(name) for entry in entries for key in _DIRECTORY_NAME_KEYS
                     for name in _listed(entry.get(key)))


# The keys of a directory entry that hold its names (institutions.toml).
_DIRECTORY_NAME_KEYS = ("ru", "kk", "en", "abbr", "former", "aliases")


def _listed(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
