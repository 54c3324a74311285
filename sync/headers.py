"""Question headers: made unique, then read as canonical fields (sync.questions).

Kept as the one entry point the pipeline, `regsync check` and the sources use.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Mapping, Sequence

if TYPE_CHECKING:  # imported when used: the sources import this module for unique_headers
    from sync.questions.answers import ColumnSample
    from sync.questions.assign import FormReading


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
    """The field a question's wording alone names, or None."""
    from sync.questions.assign import ACCEPT
    from sync.questions.wording import wording_scores

    scores = wording_scores(header)
    best = max(scores, key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= ACCEPT else None


def read_headers(headers: Sequence[str], overrides: Mapping[str, str], where: str,
                 answers: Mapping[str, "ColumnSample"] | None = None) -> "FormReading":
    """How the form was read: each question's field and why (sync.questions.assign)."""
    from sync.questions.assign import read_form

    return read_form(headers, overrides, where, answers)


def map_headers(headers: Sequence[str], overrides: Mapping[str, str], where: str,
                answers: Mapping[str, "ColumnSample"] | None = None) -> dict[str, str]:
    """{canonical field: header} for the given (already unique) headers; `answers`: samples
    of each column's answers (sync.questions.answers.sample_answers), when there are rows."""
    return dict(read_headers(headers, overrides, where, answers).mapping)
