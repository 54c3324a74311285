"""Sign-in sheets to print for the conference day: one per session, sorted by surname.

Each is an A4 portrait list: number, name, institution, role and a column to sign in. With
a session question (reports/questions.py) there is a list per session (a participant who
chose two is on both) and one of those who named none; without, one for everybody.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Sequence

import pandas as pd

from reports.labels import label
from reports.layout import LINE_POINTS, fit_widths, line_heights, page_width_chars
from reports.model import ReportData
from reports.question_summary import Question, natural_order, read_questions, session_question
from reports.tables import Block, SheetSpec, _unknown, footer_note

SHEET_NAME_LIMIT = 31  # characters Excel allows in a sheet's name
_NOT_IN_SHEET_NAMES = str.maketrans({c: " " for c in "[]:*?/\\"})
SIGN_ROW_POINTS = 2 * LINE_POINTS  # room to sign
SIGNATURE_MIN = 14  # characters: the signature column at least this wide
CAPS = {0: 6, 1: 30, 2: 32, 3: 16}  # №, name, institution, role

# Alphabetical order as Kazakh and Russian readers expect it (Ё after Е, Ә after А, ...);
# Python's own order puts every Kazakh letter after Я. Latin names come after Cyrillic
# ones, or first in an English report.
CYRILLIC = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
LATIN = "abcdefghijklmnopqrstuvwxyz"
_FIRST, _SECOND = 0xE000, 0xE100  # private-use code points: after every ordinary letter
# A Latin letter with a mark sorts with its letter (Öztürk among the O, Çelik among the C;
# the 2021 Kazakh Latin's ı among the i), not before A.
_MARKED_LATIN = {ch: base for ch in map(chr, range(0xC0, 0x250))
                 if (base := unicodedata.normalize("NFKD", ch)[:1].casefold()) in LATIN
                 and ch.casefold() == ch} | {"ı": "i"}


def _order(first: str, second: str) -> dict[int, str]:
    places = {c: chr(_FIRST + i) for i, c in enumerate(first)}
    places |= {c: chr(_SECOND + i) for i, c in enumerate(second)}
    return str.maketrans({**places, **{ch: places[base] for ch, base in _MARKED_LATIN.items()}})


_ORDERS = {"cyrillic first": _order(CYRILLIC, LATIN), "latin first": _order(LATIN, CYRILLIC)}


# Endings that mark a word as a surname, surely: Иванов, Әбенов, Иванова, Belov, Ковальский.
# (-ин/-ина are left out: Марина, Алина are first names.)
SURNAME_ENDINGS = ("ов", "ев", "ёв", "ова", "ева", "ёва", "ский", "ская", "цкий", "цкая",
                   "енко", "ov", "ev", "ova", "eva", "sky", "skiy", "skaya", "enko")


def surname_first(name: str) -> str:
    """A two-word name typed first name first, turned round so that it sorts by surname:
    "Дархан Әбенов" -> "Әбенов Дархан". Only when the second word surely is a surname
    and the first is not; anything else is left as it is."""
    if name.count(" ") != 1:  # most names: three words, or spaced out for another reason
        words = name.split()
        if len(words) != 2:
            return name
    else:
        words = name.split(" ")
    if _surname(words[1]) and not _surname(words[0]):
        return f"{words[1]} {words[0]}"
    return name


def _surname(word: str) -> bool:
    folded = word.casefold()
    return len(folded) > 3 and folded.endswith(SURNAME_ENDINGS)


def sorted_by_surname(people: pd.DataFrame, lang: str, columns: Sequence[str]
                      ) -> tuple[pd.DataFrame, list[str]]:
    """The participants' `columns` in alphabetical order of surname (then institution), and
    their names as sorted (surname first)."""
    names = [surname_first(n) for n in people["full_name"].tolist()]
    # one string a person to sort by, compared in C: name, institution, first row
    keys = [f"{sort_key(n, lang)}\0{i}\0{p}" for n, i, p in
            zip(names, people["institution"].tolist(), people["participant_id"].tolist())]
    positions = sorted(range(len(keys)), key=keys.__getitem__)
    return people[list(columns)].iloc[positions], [names[i] for i in positions]


def sort_key(name: str, lang: str) -> str:
    """A key that sorts names alphabetically in the report's language."""
    order = _ORDERS["latin first" if lang == "en" else "cyrillic first"]
    return " ".join(name.split()).casefold().translate(order)


def checkin_lists(data: ReportData, people: pd.DataFrame, questions: Sequence[Question]
                  ) -> list[tuple[str, pd.DataFrame]]:
    """(session, its participants) for each list; session "" for the whole conference."""
    session = session_question(data, questions)
    if session is None:
        return [("", people)]
    lists = []
    chosen = [set(options) for options in session.choices(people)]
    for option in natural_order([o for o, _ in session.options]):
        lists.append((option, people[[option in mine for mine in chosen]]))
    # everyone is on a list: those who named no session (or only an answer of their own)
    named = {o for o, _ in session.options}
    nowhere = [not (mine & named) for mine in chosen]
    if any(nowhere):
        lists.append((label("checkin.no_session", data.language), people[nowhere]))
    return lists


def checkin_sheet(session: str, people: pd.DataFrame, data: ReportData) -> SheetSpec:
    lang = data.language
    chosen, names = sorted_by_surname(people, lang, ["institution", "role_label"])
    columns = [list(range(1, len(chosen) + 1)), names,
               [_unknown(i, lang) for i in chosen["institution"].tolist()],
               chosen["role_label"].tolist(), [""] * len(chosen)]
    header = [label("col.number", lang), label("col.full_name", lang),
              label("col.institution", lang), label("col.role", lang),
              label("col.signature", lang)]
    title = label("checkin.title", lang) + (f": {session}" if session else "")
    widths = fit_widths(header[:4], columns[:4], caps=CAPS)
    widths.append(max(SIGNATURE_MIN, round(page_width_chars("portrait") - sum(widths), 1)))
    heights = line_heights(columns, widths, (1, 2, 3), minimum=SIGN_ROW_POINTS)
    block = Block.of_columns(header, columns, title=title,
                             note=f"{label('col.count', lang)}: {len(chosen)}", heights=heights)
    return SheetSpec(_sheet_name(session, lang), [block], widths=widths, orientation="portrait",
                     wrap=(1, 2, 3), grid=True, row_height=SIGN_ROW_POINTS)


def checkin_sheets(data: ReportData, people: pd.DataFrame, questions: Sequence[Question]
                   ) -> list[SheetSpec]:
    sheets = [checkin_sheet(session, group, data)
              for session, group in checkin_lists(data, people, questions)]
    used: set[str] = set()
    for sheet in sheets:  # two sessions cut to one name: the second gets " (2)"
        base, n = sheet.name, 1
        while sheet.name.casefold() in used:
            n += 1
            sheet.name = f"{base[:SHEET_NAME_LIMIT - len(f' ({n})')]} ({n})"
        used.add(sheet.name.casefold())
    return sheets


def _sheet_name(session: str, lang: str) -> str:
    """"Регистрация – Секция 1", cut at a word to Excel's limit; without a session
    "Лист регистрации"."""
    if not session:
        return label("sheet.checkin", lang)
    name = " ".join(f"{label('sheet.checkin_session', lang)} – {session}"
                    .translate(_NOT_IN_SHEET_NAMES).split()).strip("'")
    if len(name) <= SHEET_NAME_LIMIT:
        return name
    cut = name[:SHEET_NAME_LIMIT - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[-12:] else cut).rstrip(" –-,.") + "…"


def write_checkin_workbooks(data: ReportData, folder: Path) -> list[Path]:
    """One workbook per sign-in list into `folder` (which must exist); returns them."""
    from reports.per_institution import unique_file_names
    from reports.tables import localized
    from reports.xlsx import write_workbook

    people = localized(data.participants, data)
    lists = checkin_lists(data, people, read_questions(data, people))
    names = unique_file_names([session or label("sheet.checkin", data.language)
                               for session, _ in lists])
    written = []
    for name, (session, group) in zip(names, lists):
        path = folder / f"{name}.xlsx"
        write_workbook([checkin_sheet(session, group, data)], path, data.language,
                       footer_note(data))
        written.append(path)
    return written
