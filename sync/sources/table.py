"""What every source returns: a header row and answer rows, all cells as text."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, islice
from operator import itemgetter
from typing import Iterable, Sequence

from sync.errors import SourceError
from sync.fields import ROLES
from sync.headers import guess_field, unique_headers
from sync.normalize.cities import place_of_titles
from sync.normalize.institutions import institution_named_in, load_directory, title_parts
from sync.normalize.roles import STUDY_LEVELS, answers_a_role, roles_in, signals_in
from sync.normalize.shapes import numbered_school_in
from sync.sources.letter_institution import institution_named

# A registration form has tens of questions; a file with more columns than this is not one
# (a sheet with 10,000 columns would take gigabytes before anything else could be said).
MAX_QUESTIONS = 1_000
# Google keeps at most 50,000 characters in a cell; an answer of a megabyte is not typed.
MAX_CELL_CHARS = 1024 * 1024
# A list kept by hand may have a title line or two above its header ("Регистрация на
# PlastNet 2025"), a letter's table a subtitle, a date, an addressee and a blank or two:
# the header is looked for among this many rows (_title_lines).
HEADER_SEARCH_ROWS = 15
# Cells that say "the same as the cell above" in a list kept by hand, cased as casefold().
DITTOS = frozenset({"то же", "тоже", "-//-", "–//–", "—//—", "-//", "//", '"', "〃", "''",
                    '-"-', '--"--', "«", "»", "„", "“", "”", "ditto", "сол сияқты"})
_LONGEST_DITTO = 12
# The question added to a list whose title names its town or district (_place_of_the_list),
# worded as the place question is (sync.questions.wording).
TITLE_PLACE_QUESTION = "Населённый пункт (из заголовка списка)"
# And the ones added to a list whose title names its school (_school_of_the_list) or whom
# it lists (_role_of_the_list).
TITLE_SCHOOL_QUESTION = "Учебное заведение (из заголовка списка)"
TITLE_ROLE_QUESTION = "Статус (из заголовка списка)"
# Questions no row answered: each row has its list's title's words.
TITLE_QUESTIONS = frozenset({TITLE_PLACE_QUESTION, TITLE_SCHOOL_QUESTION, TITLE_ROLE_QUESTION})
# A column most of whose answers name a role answers the role, however it is worded; its
# first rows tell (a form asking "ФИО студента" may have a hundred thousand).
_MOSTLY_ROLES = 0.5
_MOSTLY_ADDRESSES = 0.5  # of a sender's question's answers (_letters_continued)
_ROLE_SAMPLE = 200


def too_long_a_cell() -> str:
    return (f"an answer is longer than {MAX_CELL_CHARS // 1024:,} KB; regsync does not read "
            "a file like that (is it a registration list?)")


def within_limits(row: Sequence[str], where: str | object, number: int) -> Sequence[str]:
    """The row without its trailing empty cells (spreadsheets save whole empty columns), or
    a SourceError naming the row when it has more than MAX_QUESTIONS cells or a cell over
    MAX_CELL_CHARS."""
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    if end > MAX_QUESTIONS:
        raise SourceError(f"{where}: row {number} has {end:,} columns; regsync reads at most "
                          f"{MAX_QUESTIONS:,} questions (is it a registration list?)")
    if end and max(map(len, row)) > MAX_CELL_CHARS:  # in C: every row of a big file comes here
        raise SourceError(f"{where}: row {number}: {too_long_a_cell()}")
    return row if end == len(row) else row[:end]


@dataclass(frozen=True)
class SheetTable:
    source: str  # the source's name from config
    where: str  # where it came from, for messages: a file path or "Google Sheet 'x', tab 'y'"
    headers: tuple[str, ...]  # unique, never blank
    rows: tuple[tuple[str, ...], ...]  # each exactly len(headers) cells
    row_numbers: tuple[int, ...]  # as a person sees them: header row 1, first answer row 2
    timezone: str  # the zone of timestamps written without one


@dataclass(frozen=True)
class ColumnTable:
    """A table held column by column (one list of cells per header): the shape pandas
    builds a DataFrame from, without a row-by-row copy in between."""

    source: str
    where: str
    headers: tuple[str, ...]
    columns: tuple[list[str], ...]  # aligned with headers, each one cell per row
    row_numbers: list[int]
    timezone: str


class SharedAnswers:
    """One string object per distinct answer, in the columns where answers repeat.

    Thousands of respondents type the same institution, city or status; a reader or decoder
    makes a new string for every cell. Fed a chunk at a time, the copies are let go while the
    next chunk is read, so a big table takes a fraction of the memory. The first
    SAMPLE_ROWS rows decide: a column of mostly distinct answers (e-mails, names) is passed
    through untouched after that, since looking its answers up would only cost time.
    """

    SAMPLE_ROWS = 1_000
    REPEATED_SHARE = 0.5  # at most this share of distinct answers in the sample: shared

    def __init__(self) -> None:
        self._distinct: list[dict[str, str] | None] = []
        self._rows = 0
        self._sampling = True

    def columns(self, columns: Sequence[Sequence[str]]) -> list[Sequence[str]]:
        """The same columns (those passed through are the very objects given), with repeated
        answers shared."""
        self._distinct += [{} for _ in range(len(columns) - len(self._distinct))]
        shared = [values if distinct is None else list(map(distinct.setdefault, values, values))
                  for values, distinct in zip(columns, self._distinct)]
        self._rows += len(columns[0]) if columns else 0
        if self._sampling and self._rows >= self.SAMPLE_ROWS:
            self._sampling = False
            most = self._rows * self.REPEATED_SHARE
            self._distinct = [d if d is not None and len(d) <= most else None
                              for d in self._distinct]
        return shared

    def rows(self, rows: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
        """The same rows as tuples, with repeated answers shared among the rows of the
        chunk's full width (a shorter row, such as a blank line, is passed as it is)."""
        width = max(map(len, rows), default=0)
        full = [r for r in rows if len(r) == width]
        shared = iter(zip(*self.columns(list(zip(*full))))) if width else iter(())
        return [next(shared) if width and len(r) == width else tuple(r) for r in rows]


def _title_lines(top: list[Sequence[str]]) -> int:
    """How many rows above the header are title lines: rows of one cell or none above the
    first row of two or more, when that row is worded as questions, a name's among them
    (ФИО, Почта). A list whose first row is its only header cell keeps it, and its rows
    stay answers."""
    if not top or _filled(top[0]) >= 2:
        return 0
    at = next((i for i, row in enumerate(top) if _filled(row) >= 2), 0)
    return at if at and (_is_a_header(top[at]) or _heads_numbered_rows(top[at:at + 2])) else 0


def _heads_numbered_rows(rows: Sequence[Sequence[str]]) -> bool:
    """A row whose first cell asks the row's number ("№", "Р/с") above a row numbered 1:
    the header of a list however its other questions are worded (field test FD: "№ |
    Т.А.?. | Тобы | Курсы", its "Ә" lost to Windows-1251)."""
    from sync.questions.assign import ACCEPT
    from sync.questions.wording import ROW_NUMBER, wording_scores

    if len(rows) < 2 or not rows[0] or not rows[1]:
        return False
    numbered = str(rows[1][0]).strip().rstrip(".") == "1"
    return numbered and wording_scores(str(rows[0][0])).get(ROW_NUMBER, 0.0) >= ACCEPT


def _is_a_header(row: Sequence[str]) -> bool:
    """Two cells or more worded as fields, one of them as the name ("Тегі" alone beside a
    number is more likely an answer), or three or more, however the name is asked
    ("Жетекші | Команда құрамы | Оқу орны | Телефон | E-mail")."""
    from sync.fields import NAME_PART_FIELDS  # the sources are imported by these modules' users
    from sync.questions.assign import ACCEPT
    from sync.questions.wording import wording_scores

    asked = [{field for field, score in wording_scores(str(cell)).items() if score >= ACCEPT}
             for cell in row if str(cell).strip()]
    names = {"full_name", *NAME_PART_FIELDS}
    worded = sum(bool(fields) for fields in asked)
    return worded >= 3 or worded == 2 and any(fields & names for fields in asked)


def _filled(row: Sequence[str]) -> int:
    return sum(1 for cell in row if str(cell).strip())


def by_column(table: SheetTable) -> ColumnTable:
    columns = tuple(map(list, zip(*table.rows))) if table.rows else tuple([] for _ in table.headers)
    return ColumnTable(table.source, table.where, table.headers, columns, list(table.row_numbers),
                       table.timezone)


def fill_merged_down(grid: list[list[str]], merges: Iterable[tuple[int, int, int]]) -> None:
    """Give each row a cell merged over it from the row above its value, as a person reads
    it: an institution typed once for the people of several rows ("ЮКУ им. М. Ауэзова" over
    C5:C6) is each one's. `merges`: (column from 0, first row, last row from 1) of each."""
    for column, first, last in merges:
        if first > len(grid) or column >= len(grid[first - 1]):
            continue
        value = grid[first - 1][column]
        for row in grid[first:min(last, len(grid))]:
            row += [""] * (column + 1 - len(row))
            row[column] = row[column] or value


def build_table(source: str, where: str, grid: Iterable[Sequence[str]], timezone: str,
                header_row_number: int = 1) -> SheetTable:
    """Turn a grid of text cells (header first) into a SheetTable.

    Title lines above the header (_title_lines) are left out. Blank rows are skipped; short rows are padded; cells beyond the header get their
    own 'Column N' header so nothing a respondent typed is dropped; columns empty to the end
    in the header and every row are left out (spreadsheets save whole empty columns).
    """
    rows_iter = iter(grid)
    top = list(islice(rows_iter, HEADER_SEARCH_ROWS))
    titles = _title_lines(top)
    rows_iter = chain(top[titles + 1:], rows_iter)
    header_row_number += titles
    header = list(within_limits(top[titles] if top else [], where, header_row_number))
    rows: list[Sequence[str]] = []
    numbers: list[int] = []
    for number, row in enumerate(rows_iter, start=header_row_number + 1):
        if "".join(row).strip():  # else blank: no cell has anything but whitespace
            rows.append(within_limits(row, where, number))
            numbers.append(number)
    width = max(len(header), max(map(len, rows), default=0))
    header += [""] * (width - len(header))
    padded = _dittos_filled(tuple(tuple(r) if len(r) == width else (*r, *[""] * (width - len(r)))
                                  for r in rows))
    padded = _letters_continued(header, padded)
    if place := _place_of_the_list(top[:titles], header):
        header.append(TITLE_PLACE_QUESTION)
        padded = tuple((*r, place) for r in padded)
    if school := _school_of_the_list(top[:titles], header):
        header.append(TITLE_SCHOOL_QUESTION)
        padded = tuple((*r, school) for r in padded)
    if role := _role_of_the_list(top[:titles], header, padded):
        header.append(TITLE_ROLE_QUESTION)
        padded = tuple((*r, _own_role(r) or role) for r in padded)
    return SheetTable(source=source, where=where, headers=tuple(unique_headers(header)),
                      rows=padded, row_numbers=tuple(numbers), timezone=timezone)


def _letters_continued(header: Sequence[str], rows: tuple[tuple[str, ...], ...]
                       ) -> tuple[tuple[str, ...], ...]:
    """A list of the letters organizers received, each letter's sender ("От кого") and date
    typed on its first row only: a row below with neither is the same letter's, as a
    person reads the list (field test FE: a teacher's letter of four pupils, sent again
    with their patronymics, was four people and three strangers). A row of one cell, a
    section's title ("Письма после 15.02"), ends a letter. A sender's question is one
    answered with addresses ("От кого вы узнали о конференции?" is none)."""
    from sync.questions.answers import is_email
    from sync.questions.wording import is_sender

    def addresses(column: int) -> bool:
        given = [row[column] for row in rows if row[column].strip()]
        return bool(given) and sum(map(is_email, given)) >= _MOSTLY_ADDRESSES * len(given)

    senders = [i for i, question in enumerate(header) if is_sender(question) and addresses(i)]
    if not senders:
        return rows
    letter = senders + [i for i, question in enumerate(header)
                        if i not in senders and guess_field(question) == "submitted_at"]
    continued, first = [], None
    for row in rows:
        said = [bool(row[i].strip()) for i in letter]
        if _filled(row) <= 1:
            first = None
        elif not any(said) and first is not None:
            row = tuple(first[i] if i in letter else value for i, value in enumerate(row))
        else:
            first = row if any(said[:len(senders)]) else None
        continued.append(row)
    return tuple(continued)


def _dittos_filled(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Each cell that says "the same as above" (a list kept by hand: "то же", "-//-", '"')
    given the value of the cell above it, as a person reads it. Columns are looked at by
    their distinct answers first: most hold no ditto, and cost a set each."""
    dittoed = [column for column in range(len(rows[0]) if rows else 0)
               if any(_is_ditto(value) for value in set(map(itemgetter(column), rows)))]
    if not dittoed:
        return rows
    filled = [list(row) for row in rows]
    for column in dittoed:
        for above, row in zip(filled, filled[1:]):
            if _is_ditto(row[column]):
                row[column] = above[column]
    return tuple(map(tuple, filled))


def _is_ditto(value: str) -> bool:
    return len(value) <= _LONGEST_DITTO and value.strip().casefold() in DITTOS


def _school_of_the_list(titles: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """The school, college or university a list's title names, where no question asks the
    institution: a numbered one ("Список учащихся ШКОЛА №8 г. Караганда"), else one of the
    directory ("АГПК — список обучающихся", "Куратор: Ахметова А.С., ПХМК"). A teacher's or
    a curator's list of her own place's learners (field tests AK: 130 rows of one set had
    none; FD: two lists of three named their college in the title alone), else one the
    title names by itself as a letter's signature would ("КГКП «Карагандинский высший
    политехнический колледж»": sync.sources.letter_institution)."""
    if not titles or _asked(header, "institution"):
        return ""
    texts = _title_texts(titles)
    if school := next(filter(None, map(numbered_school_in, texts)), ""):
        return school
    directory = load_directory()  # once for the list's title lines, not once for each
    return next(filter(None, (institution_named_in(text, directory) for text in texts)), "") \
        or institution_named(part for text in texts for part in title_parts(text))


def _role_of_the_list(titles: Sequence[Sequence[str]], header: Sequence[str],
                      rows: Sequence[Sequence[str]]) -> str:
    """The title line, else the name question, that calls a list's people by one learner's
    role ("Кафедра ЮНЕСКО, КазНУ: магистранты 1 курса", "ФИО магистранта"), where no
    column answers the role: a curator's list of her master's students, whose "Курс" alone
    would say students (field test FD). A line naming a teacher too ("Куратор: ...") is the
    sender's, not the list's."""
    names = [question for question in header if guess_field(question) == "full_name"]
    said = next(filter(None, map(_learners_called, [*_title_texts(titles), *names])), "")
    return "" if not said or _role_answered(header, rows) else said


def _own_role(row: Sequence[str]) -> str:
    """A cell of a learners' list's row naming another role, its own ("куратор" typed in
    the group's column by the curator listing herself: field test FD), or ""."""
    return next((cell for cell in row if answers_a_role(cell)
                 and not roles_in(cell) & {"student", *STUDY_LEVELS}), "")


def _learners_called(text: str) -> str:
    """The word of a line calling its people by one learner's role, and by no other role
    ("магистранты" of "КазНУ: магистранты 1 курса"; none of "студенты и магистранты" or of
    "Куратор: Ахметова А.С."), or ""."""
    words = {word: {role for role in ROLES if role in signals_in(word)} for word in text.split()}
    named = set().union(*words.values())
    if len(named) != 1 or not named <= {"student", *STUDY_LEVELS}:
        return ""
    return next(word for word, roles in words.items() if roles)


def _role_answered(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bool:
    """Whether a column answers the role: most of its answers name one ("студент",
    "преподаватель"), whatever its wording. A year alone ("Курс": "1") says none."""
    for column in range(len(header)):
        answers = {row[column].strip() for row in rows[:_ROLE_SAMPLE]} - {""}
        if answers and sum(map(answers_a_role, answers)) >= _MOSTLY_ROLES * len(answers):
            return True
    return False


def _place_of_the_list(titles: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """The town or district a list's title lines name ("Қарасай аудандық білім бөлімі"),
    where no question asks the place: its schools are there, as a row's own place answer
    would say ("5 мектеп" of Қарасай's list and of Талғар's are two schools)."""
    if not titles or _asked(header, "city"):
        return ""
    return place_of_titles(_title_texts(titles))


def _asked(header: Sequence[str], field: str) -> bool:
    return any(guess_field(str(question)) == field for question in header)


def _title_texts(titles: Sequence[Sequence[str]]) -> list[str]:
    """Each title line's cells as one text."""
    return [" ".join(str(cell) for cell in line if str(cell).strip()) for line in titles]