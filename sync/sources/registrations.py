"""Registrations in a letter's tables and "Field: value" lines, with canonical fields.

Columns and labels are recognised by sync.headers.map_headers, the same as a form's
questions; it is called in one place (field_mapping), so its rules can change without
this module. A table's header row need not be its first: letters put a title, a date or an
addressee above the table, so the first rows are tried in turn.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Sequence

from sync.errors import SourceError
from sync.headers import fold_header, guess_field, map_headers, unique_headers
from sync.normalize.roles import roles_in
from sync.questions.answers import (is_city, is_email, is_phone, is_role, is_specialty,
                                    list_parts, name_shape)
from sync.responses import field_cells
from sync.sources.letter_institution import names_an_institution
from sync.sources.mail_table import MAIL_FIELDS
from sync.sources.table import HEADER_SEARCH_ROWS, build_table
# A "Field: value" label is short: "ФИО", "Место учебы (полностью)", "Contact phone".
MAX_LABEL_CHARS = 40
MAX_LABEL_WORDS = 5
# Columns that only number the rows ("№", "№ п/п", "No.", "#", "Р/с"): not an answer.
_NUMBERING = re.compile(r"^(|n|no|nr|п п|р с|реттік нөмірі|s n)$")  # "№" and "#" fold to ""
# A label and its value part at a colon, or at a dash with spaces where the label is a
# field's wording ("Ф.И.О. - Федорова", not "С уважением - Иванова").
_COLON, _DASH = r"\s*[:：]", r"\s+[-–—]\s"
_SEPARATOR = f"(?:{_COLON}|{_DASH})"
# (a number, the label, the value) of a line: "2. ФИО: Иванов Иван"
_LABELLED = r"^\s*(?:(\d{1,3})\s*[.)]\s*)?([^:：]{1,%d}?)%s\s*(.*?)\s*$"
_FIELD_LINE = re.compile(_LABELLED % (MAX_LABEL_CHARS, _COLON))
_DASHED_LINE = re.compile(_LABELLED % (MAX_LABEL_CHARS, _DASH))
_HAS_SEPARATOR = re.compile(_SEPARATOR + r"\s")
# Several fields on one line: "ФИО: Иванов Иван, Вуз: КазНУ; Тел.: 8701..."
_INLINE_FIELDS = re.compile(r"\s*[,;|]\s*(?=[^\W\d_][^,;:|\n]{0,%d}%s\s)"
                            % (MAX_LABEL_CHARS - 1, _SEPARATOR))
# A sentence before the fields: "Прошу зарегистрировать меня. ФИО: ..." (a word of four
# letters or more before the stop: "Тел. моб.: ..." is one label).
_SENTENCE_THEN_FIELD = re.compile(r"(?<=[^\W\d_]{4}[.!?])\s+(?=[^\W\d_][^,;:|\n.!?]{0,%d}%s\s)"
                                  % (MAX_LABEL_CHARS - 1, _SEPARATOR))
# A closing formula: the signature below it holds the name, post and institution; no label.
CLOSING = re.compile(r"^(?:--|с уважением|спасибо|заранее спасибо|благодарю|құрметпен|рахмет"
                     r"|алдын ала рахмет|best regards|kind regards|regards|sincerely|thank you"
                     r"|thanks)\b", re.IGNORECASE)
# An item of a numbered list, and the separators between its parts.
_LIST_ITEM = re.compile(r"^\s*(?:№\s*)?\d{1,3}\s*[.)]\s+(?![^:：]{1,%d}[:：]\s)(.+?)\s*$"
                        % MAX_LABEL_CHARS)
_CELL_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*[,;|\t]\s*")
def _a_role(cell: str) -> bool:
    """A role, or a year of study alone ("Цой Роман — 3 — Экология"), but not a programme
    named with an occupation's word ("Инженерная экология": a specialty)."""
    if _A_YEAR.fullmatch(cell):
        return True
    return is_role(cell) and not (is_specialty(cell) and roles_in(cell) <= _OCCUPATIONS)


_A_YEAR = re.compile(r"[1-9]|1[01]")
_OCCUPATIONS = frozenset({"staff", "other"})  # words of jobs, not of a learner or a teacher
# What a part of a list's item is, tried in this order.
_CELL_FIELDS = (("email", is_email), ("phone", is_phone), ("institution", names_an_institution),
                ("role", _a_role), ("specialty", is_specialty), ("city", is_city))


@dataclass(frozen=True)
class Registration:
    row: int  # a table's row as a person sees it (header row 1), or the person's number
    fields: dict[str, str]  # MAIL_FIELDS -> the value as written ("" when not given)
    extras: tuple[tuple[str, str], ...] = ()  # (header, value) of the other columns


def field_mapping(headers: Sequence[str]) -> dict[str, str] | None:
    """{field: header} when the headers name a participant (a name column), else None."""
    try:
        return map_headers(list(headers), {}, "letter")
    except SourceError:
        return None


def _numbering(header: str) -> bool:
    return bool(_NUMBERING.match(fold_header(header)))


def table_registrations(rows: Sequence[Sequence[str]]) -> list[Registration] | None:
    """The people in a table; None when none of its first rows is a header with a name
    column (then it is not a list of people, or not one regsync can read)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if str(cell).strip()) < 2:
            continue  # a title line, or blank
        headers = unique_headers([str(c) for c in row])
        mapping = field_mapping(headers)
        if mapping is not None:
            return _rows(rows, index, headers, mapping)
    return None


def _rows(rows: Sequence[Sequence[str]], index: int, headers: list[str],
          mapping: dict[str, str]) -> list[Registration]:
    table = build_table("letter", "letter", [headers, *rows[index + 1:]], "UTC",
                        header_row_number=index + 1)
    values = {f: field_cells(table, mapping, f) for f in MAIL_FIELDS}
    mapped = set(mapping.values())
    name_parts = {mapping[f] for f in ("full_name", "last_name", "first_name", "middle_name")
                  if f in mapping}
    extra_columns = [(i, h) for i, h in enumerate(table.headers)
                     if h not in mapped and not _numbering(h)]
    answer_columns = [i for i, h in enumerate(table.headers) if not _numbering(h)]
    name_columns = [i for i, h in enumerate(table.headers) if h in name_parts]
    filled_rows = [[i for i in answer_columns if cells[i].strip()] for cells in table.rows]
    # A list of names alone, where a row of one cell is a person? Told by the rows up to the
    # first blank one; in a fuller table such a row is a section title, a total, a signature.
    body = []
    for filled, number, unbroken in zip(filled_rows, table.row_numbers, itertools.count(index + 2)):
        if number != unbroken:
            break
        body.append(filled)
    names_only = sum(1 for f in body if len(f) > 1) * 2 < len(body)
    found: list[Registration] = []
    gap = False
    previous = index + 1
    for pos, (number, cells) in enumerate(zip(table.row_numbers, table.rows)):
        gap = gap or (bool(found) and number > previous + 1)
        previous = number
        filled = filled_rows[pos]
        if not filled:
            continue
        if len(filled) == 1 and (gap or not names_only or filled[0] not in name_columns):
            continue
        fields = {f: values[f][pos] for f in MAIL_FIELDS}
        extras = tuple((h, cells[i]) for i, h in extra_columns if cells[i].strip())
        found.append(Registration(number, fields, extras))
    return found


def line_registrations(lines: Sequence[str]) -> tuple[list[Registration], int]:
    """People written as "Field: value" lines, and how many records named several people
    in one name field (those are not read: one row must be one person).

    A record is a run of field lines; a blank or other line ends it, and so does a label
    seen again in it or a new number ("2. ФИО: ..."). A record is a registration when its
    labels name a participant (a name label), read by the same rules as a form's questions.
    """
    records: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def close() -> None:
        nonlocal current
        if current:
            records.append(current)
        current = []

    for piece in (p for line in lines for p in _pieces(line)):
        m = _FIELD_LINE.match(piece) or _dashed(piece, bool(current))
        if not m or not _label_like(m.group(2)):
            close()
            continue
        number, label, value = m.groups()
        if not value:  # "Участник 2:", or a field left blank: neither ends nor adds
            continue
        folded = fold_header(label)
        if number or any(fold_header(seen) == folded for seen, _ in current):
            close()
        current.append((label.strip(), value))
    close()

    people: list[Registration] = []
    several = 0
    for record in records:
        labels = unique_headers([label for label, _ in record])
        mapping = field_mapping(labels)
        if mapping is None:
            continue
        table = build_table("letter", "letter", [labels, [v for _, v in record]], "UTC")
        fields = {f: field_cells(table, mapping, f)[0] for f in MAIL_FIELDS}
        if not fields["full_name"].strip():
            continue
        if _several_names(fields["full_name"]):
            several += 1
            continue
        mapped = set(mapping.values())
        extras = tuple((h, v) for h, (_, v) in zip(labels, record) if h not in mapped and v)
        people.append(Registration(len(people) + 1, fields, extras))
    return people, several


def list_registrations(lines: Sequence[str]) -> list[Registration]:
    """People written as a numbered list without labels ("1) Морозов Сергей Николаевич —
    КазНАИУ — студент", "2. Ким Алина, 9 класс, 87011234567"): each item a person where
    its first part is a person's name, its other parts (between dashes, commas, semicolons,
    bars or tabs) read by what they are, as a form's answers are; a part that is none is
    kept as a note. A list most of whose items are not people (an agenda) is none."""
    items = [m.group(1) for m in map(_LIST_ITEM.match, lines) if m]
    cells = [[c.strip() for c in _CELL_SEPARATOR.split(item) if c.strip()] for item in items]
    people = [row for row in cells if row and name_shape(row[0]) == "full"]
    if not people or len(people) * 2 <= len(cells):
        return []
    found = []
    for number, (name, *rest) in enumerate(people, start=1):
        fields = dict.fromkeys(MAIL_FIELDS, "") | {"full_name": name}
        notes = []
        for cell in rest:
            field = next((f for f, test in _CELL_FIELDS if test(cell) and not fields[f]), None)
            if field:
                fields[field] = cell
            else:
                notes.append(cell)
        found.append(Registration(number, fields, (("note", ", ".join(notes)),) if notes else ()))
    return found


def _dashed(piece: str, in_record: bool) -> re.Match | None:
    """A "label - value" piece whose label is a field's wording, or within a record's lines
    any label ("Курс - 2 курс", "Секция - 3" between "ФИО - ..." and "Телефон - ...")."""
    m = _DASHED_LINE.match(piece)
    if not m or CLOSING.match(m.group(2).strip()):
        return None
    return m if in_record or guess_field(m.group(2)) else None


def _pieces(line: str) -> list[str]:
    """A line's "label: value" pieces: cut before a sentence's fields, and at a comma or a
    semicolon before the next label, once the piece holds its own label ("Фамилия, имя,
    отчество: ..." is one label, not three)."""
    pieces = []
    for sentence in _SENTENCE_THEN_FIELD.split(line):
        start = 0
        for cut in _INLINE_FIELDS.finditer(sentence):
            if _HAS_SEPARATOR.search(sentence[start:cut.start()] + " "):
                pieces.append(sentence[start:cut.start()])
                start = cut.end()
        pieces.append(sentence[start:])
    return pieces


def _label_like(label: str) -> bool:
    words = label.split()
    return (0 < len(words) <= MAX_LABEL_WORDS and "@" not in label and "//" not in label
            and not label.strip().isdigit() and any(c.isalpha() for c in label))


def _several_names(value: str) -> bool:
    """Two or more parts of two or more words each: "Иванов Иван, Петрова Анна"."""
    return sum(len(part.split()) >= 2 for part in list_parts(value)) > 1
