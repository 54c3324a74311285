"""Rows of a sheet that are not people: set aside when rows become responses, never counted.

Lists kept by hand and exports glued together hold rows no one registered with:
- `not_person.blank`: nothing but a timestamp, a date or a row number (a form submitted
  empty, a numbered line left unfilled);
- `not_person.header`: the header row again, where a second export was pasted under the
  first (its first cell often starts with the byte order mark of the second file);
- `not_person.title`: one line of text alone in a row without a timestamp, heading a part
  of the list ("Письма после 15.02", "КазНУ"). A lone e-mail, phone or name is a person;
- `not_person.test`: the organizers trying the form out, the name nothing but "тест",
  "test", "проверка" (TEST_WORDS), or one of them with a name made of it ("Тест
  Тестович"), whatever the other answers.

The store keeps every row; only the responses leave these out, so a row misjudged here is
still there to recover (the report lists each one).
"""

from __future__ import annotations

import operator
import re
from typing import Mapping

import numpy as np
import pandas as pd

from sync.fields import NAME_PART_FIELDS
from sync.normalize.text import NO_ANSWER
from sync.questions.answers import EMAIL_ADDRESS, is_phone, is_row_number, name_shape
from sync.questions.wording import ROW_NUMBER, wording_scores
from sync.responses import NO_BRANCHES, Branches, to_responses
from sync.sources.table import TITLE_QUESTIONS, ColumnTable
from sync.timestamps import parse_timestamp

BLANK, HEADER, TITLE, TEST = ("not_person.blank", "not_person.header", "not_person.title",
                              "not_person.test")
KINDS = (BLANK, HEADER, TITLE, TEST)
# Words that are no one's name, typed to try a form (Тестов and Тестова are surnames, so
# they are not here).
TEST_WORDS = frozenset({"тест", "test", "testing", "тестовый", "тестовая", "проверка",
                        "сынақ", "сынак", "qwerty", "йцукен", "asdf"})
_TEST_STEMS = ("тест", "test")
# Cells that hold no answer: typed to fill a gap.
_NOTHING = frozenset({"-", "--", "—", "–", ".", "?", "_"})
_BOM = "\ufeff"
_NAME_FIELDS = frozenset({"full_name", *NAME_PART_FIELDS})
_PHONE_RUN = re.compile(r"\+?\d(?:[\s()-]*\d){8,}")
_LETTERS_ONLY = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]*)*\.?")
_MAX_NAME_WORDS = 5
# Words in lower case after a capital that make a heading, not a name: a name in sentence
# case has one or two ("Ахметова айгерим ерланқызы"), a foreign one its particles ("de la").
_LOWER_WORDS = 3
_WORDS = re.compile(r"[^\W\d_]+")
# A list's closing line begins with its tally's word ("ИТОГО см. сводку", "Всего: 45",
# "Барлығы", "Total"): no one is so named (field test FE counted one as a participant).
_TALLY_WORDS = frozenset({"итого", "всего", "барлығы", "барлыгы", "жиыны", "total"})
# A name cell longer than this says more than "тест тест тест".
_LONGEST_TEST = 40
_NOT_LETTERS = "0123456789.,;:!?-_'\"«»()"
# A row is the header again when at least this share of its filled cells are headers, or
# when all are (two or more) worded as fields at least this surely.
HEADER_CELLS_SHARE = 0.5
SURELY_A_FIELD = 0.75


NOT_PEOPLE_COLUMNS = ["ref", "kind", "text"]


def people_and_the_rest(table: ColumnTable, mapping: Mapping[str, str],
                        row_columns: Mapping[str, list], branches: Branches = NO_BRANCHES,
                        account: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(raw responses of the table's people; the rows that are not people, as
    NOT_PEOPLE_COLUMNS). `row_columns`: more columns of one value per row, "ref" ("form:4")
    among them; `branches`, `account`: FormReading's."""
    frame = to_responses(table, mapping, branches)
    for name, values in row_columns.items():
        frame[name] = values
    skipped = rows_not_people(table, mapping, branches, account)
    if not skipped:
        return frame, pd.DataFrame(columns=NOT_PEOPLE_COLUMNS)
    positions, kinds, texts = map(list, zip(*skipped))
    refs = row_columns["ref"]
    rest = pd.DataFrame({"ref": [refs[i] for i in positions], "kind": kinds, "text": texts})
    return frame.drop(index=positions).reset_index(drop=True), rest


def rows_not_people(table: ColumnTable, mapping: Mapping[str, str],
                    branches: Branches = NO_BRANCHES, account: str = ""
                    ) -> list[tuple[int, str, str]]:
    """(position in the table, kind, text to show) for each row that is not a person; the
    text is a title's own words, blank for the other kinds. The address of the Google
    account that answered (`account`) is no answer: a row with nothing else was sent empty."""
    n = len(table.row_numbers)
    if not n:
        return []
    # what a list's title says stands in each of its rows, a heading's too
    column = {header: cells for header, cells in zip(table.headers, table.columns)
              if header not in TITLE_QUESTIONS}
    field_of = {header: field for field, header in mapping.items()}
    field_of |= {header: field for field, others in branches.items() for header in others}
    time_header, number_header = mapping.get("submitted_at"), mapping.get(ROW_NUMBER)
    answers = [h for h in column if h not in (time_header, number_header, account)]
    headers = {_header_key(h) for h in table.headers}
    result = []
    for i in _candidates(column, answers, n):
        kind, text = _kind(i, column, headers, field_of, time_header, number_header, account,
                           table.timezone)
        if kind:
            result.append((i, kind, text))
    tests = set(_tests(column, mapping, branches)) - {i for i, _, _ in result}
    return sorted(result + [(i, TEST, "") for i in tests])


def _tests(column: Mapping[str, list[str]], mapping: Mapping[str, str],
           branches: Branches) -> list[int]:
    """Rows whose name cells (all of them, in every branch of the form) say nothing but
    TEST_WORDS."""
    names = [column[header] for f in ("full_name", *NAME_PART_FIELDS)
             for header in ((mapping[f],) if f in mapping else ()) + branches.get(f, ())]
    if not names:
        return []
    # each distinct name once: a hundred thousand rows hold half as many names; a part
    # answered "N/A" or "-" is no word of the name (field test FB: "test | test | N/A")
    joined = names[0] if len(names) == 1 else [
        " ".join(cell for cell in cells if cell.strip().casefold() not in NO_ANSWER)
        for cells in zip(*names)]
    tests = {text for text in set(joined) if _only_test_words(text)}
    return [i for i, text in enumerate(joined) if text in tests] if tests else []


def _only_test_words(text: str) -> bool:
    if len(text) > _LONGEST_TEST:
        return False
    folded = text.casefold()
    first = folded.split(maxsplit=1)[0].strip(_NOT_LETTERS) if folded.strip() else ""
    if first not in TEST_WORDS:  # most names, at once
        return False
    words = _WORDS.findall(folded)
    # after a test word, its made-up name (Тест Тестович) is one too
    return bool(words) and all(word in TEST_WORDS or word.startswith(_TEST_STEMS)
                               for word in words)


def _candidates(column: Mapping[str, list[str]], answers: list[str], n: int) -> list[int]:
    """Rows worth a closer look, found a column at a time: a row with at most one answer
    has a blank in one of any two answer columns, so the two most often answered are
    checked; a repeated header row has its header in the most often answered one; and
    the first row."""
    if len(answers) < 2:
        return list(range(n))
    fullest = sorted(answers, key=lambda h: column[h].count(""))[:2]
    look = np.zeros(n, dtype=bool)
    for header in fullest:
        look |= np.fromiter(map(operator.not_, column[header]), dtype=bool, count=n)
    repeated = frozenset(h for header in column for h in (header, _BOM + header))
    look |= np.fromiter(map(repeated.__contains__, column[fullest[0]]), dtype=bool, count=n)
    look[0] = True  # the second row of a two-row header, if there is one
    return np.flatnonzero(look).tolist()


def _kind(i: int, column: Mapping[str, list[str]], headers: set[str],
          field_of: Mapping[str, str], time_header: str | None, number_header: str | None,
          account: str, timezone: str) -> tuple[str, str]:
    filled = {h: column[h][i].strip() for h in column if _answered(column[h][i])}
    if not filled:
        return BLANK, ""  # blank through and through: only kept because it was stored
    if sum(_header_key(v) in headers for v in filled.values()) >= max(
            2 if len(filled) > 1 else 1, HEADER_CELLS_SHARE * len(filled)) or (
            len(filled) > 1 and all(map(_worded_as_a_field, filled.values()))):
        return HEADER, ""
    dated = time_header in filled and parse_timestamp(filled[time_header], timezone) is not None
    numbered = number_header in filled and is_row_number(filled[number_header])
    said = {h: v for h, v in filled.items() if h != account
            and not (h == time_header and dated) and not (h == number_header and numbered)}
    if not said:
        return BLANK, ""
    if len(said) > 1 or dated:
        return "", ""
    header, text = next(iter(said.items()))
    field = field_of.get(header)
    if field in ("email", "phone") or _has_contact(text):
        return "", ""
    if field in _NAME_FIELDS and _may_be_a_name(text):
        return "", ""
    return TITLE, text


def _worded_as_a_field(text: str) -> bool:
    """A question's words, not an answer: the second row of a two-row header ("Контакты"
    over "Телефон" and "E-mail") is no one."""
    return not any(ch.isdigit() or ch == "@" for ch in text) and max(
        wording_scores(text).values(), default=0.0) >= SURELY_A_FIELD


def _has_contact(text: str) -> bool:
    """An e-mail address or a phone number anywhere in the text: someone to reach."""
    return bool(EMAIL_ADDRESS.search(text)) or is_phone(text) or _PHONE_RUN.search(text) is not None


def _may_be_a_name(text: str) -> bool:
    """Anything in a name cell made of words alone, however cased or shortened, is taken as
    a name: a heading there has digits or signs ("Письма после 15.02", "Онлайн:"), is
    written as a sentence ("Ақпан айында келген хаттар", "Registered by letter in March":
    a capital, then _LOWER_WORDS words in lower case), or is a tally (_TALLY_WORDS)."""
    tokens = text.replace(",", " ").split()
    if _sentence(tokens) or tokens and tokens[0].casefold().strip(":.") in _TALLY_WORDS:
        return False
    return bool(name_shape(text)) or (
        len(tokens) <= _MAX_NAME_WORDS and all(_LETTERS_ONLY.fullmatch(t) for t in tokens))


def _sentence(tokens: list[str]) -> bool:
    return (bool(tokens) and tokens[0][:1].isupper()
            and sum(map(str.islower, tokens[1:])) >= _LOWER_WORDS)


def _answered(cell: str) -> bool:
    text = cell.strip()
    return bool(text) and text not in _NOTHING


def _header_key(text: str) -> str:
    return " ".join(text.replace(_BOM, "").split()).casefold()
