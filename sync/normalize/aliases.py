"""Organizers' alias file: what people typed -> the name (or directory id) it means.

A UTF-8 CSV with the header `field,typed,canonical`; field is `institution` or `specialty`.
`typed` is matched by fold(), so case, ё/е and Kazakh letters do not matter. `canonical` is a
directory id, a directory name in any language, or any new name to group the spellings under.
Also home of is_blank: the answers that mean "nothing typed", shared by every normalizer.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from sync.errors import ConfigError
from sync.normalize.text import fold

ALIAS_FIELDS = ("institution", "specialty")
HEADER = ["field", "typed", "canonical"]
# Answers people type into a required field when they have nothing to say.
BLANK_WORDS = frozenset(
    fold(word) for word in (
        "-", "нет", "не", "жоқ", "none", "no", "n/a", "na", "nan", "null", "нету", "отсутствует",
        "не указано", "не знаю", "білмеймін", "0",
    )
)


def is_blank(value: object) -> bool:
    """True for missing values and answers that mean nothing was typed ("-", "нет", "none")."""
    if not isinstance(value, str):
        return True
    key = fold(value)
    return not key or key in BLANK_WORDS


# eq=False: compared and hashed by identity, so lookups can be cached per loaded Aliases.
@dataclass(frozen=True, eq=False)
class Aliases:
    """fold(typed) -> canonical, per field."""

    institution: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    specialty: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def lookup(self, field_name: str, value: str) -> str | None:
        return getattr(self, field_name).get(fold(value))


def load_aliases(path: Path | None) -> Aliases:
    """Read the alias CSV; None means no alias file. A bad row is a ConfigError naming it."""
    if path is None:
        return Aliases()
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the alias file ({error})") from error
    rows = list(csv.reader(text.splitlines()))
    if not rows or [cell.strip().casefold() for cell in rows[0]] != HEADER:
        raise ConfigError(f"{path}: row 1: the header must be {','.join(HEADER)}")
    found: dict[str, dict[str, str]] = {name: {} for name in ALIAS_FIELDS}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            raise ConfigError(f"{path}: row {number}: expected 3 columns, found {len(row)}")
        field_name, typed, canonical = (cell.strip() for cell in row)
        if field_name not in ALIAS_FIELDS:
            raise ConfigError(
                f"{path}: row {number}: field must be one of {', '.join(ALIAS_FIELDS)}, "
                f"not {field_name!r}"
            )
        if not fold(typed) or not canonical:
            raise ConfigError(f"{path}: row {number}: typed and canonical must not be empty")
        earlier = found[field_name].setdefault(fold(typed), canonical)
        if earlier != canonical:
            raise ConfigError(
                f"{path}: row {number}: {typed!r} already means {earlier!r} in an earlier row"
            )
    return Aliases(**{name: MappingProxyType(found[name]) for name in ALIAS_FIELDS})
