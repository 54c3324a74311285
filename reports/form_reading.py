"""The "How the form was read" sheet, and the review lines of rows that are not people.

Each question of each source is shown with the field it was read as and why, beside the
one config.toml line that would fix a wrong guess, so an organizer can check the reading
without knowing how it was made.
"""

from __future__ import annotations

import pandas as pd

from reports.labels import label, question_text
from reports.layout import fit_widths, line_heights
from reports.model import READING_COLUMNS, ReportData, shown_ref

# Characters: the question, what it was read as, why, and the config line wrap past these.
WIDTH_CAPS = {1: 40, 2: 24, 3: 36, 5: 44}
# Fields a question can be read as, in the order the sheet explains them.
READ_AS = ("submitted_at", "full_name", "last_name", "first_name", "middle_name", "email",
           "phone", "institution", "specialty", "role", "city", "row_number")


def form_reading_sheet(data: ReportData):
    from reports.tables import Block, SheetSpec  # the sheet types live with the other sheets

    lang = data.language
    header = [label("col.source", lang), label("col.question", lang), label("col.read_as", lang),
              label("col.why", lang), label("col.check", lang), label("col.config_line", lang)]
    reading = data.form_reading if data.form_reading is not None else pd.DataFrame(
        columns=READING_COLUMNS)
    asked = _questions_of_fields(reading)
    rows = [[source, question_text(question, lang), _read_as(field, why, lang),
             _why(field, why, share, lang, branch_of),
             label("reading.guess", lang) if field and not sure else "",
             _config_line(field, asked.get((source, branch_of or question, field), [question]))]
            for source, question, field, why, share, sure, branch_of in reading[
                READING_COLUMNS].itertuples(index=False)]
    # widths from what the columns hold, so that the sheet prints one page wide; long
    # questions, fields, reasons and config lines wrap
    columns = list(zip(*rows)) if rows else [[] for _ in header]
    widths, wrap = fit_widths(header, columns, caps=WIDTH_CAPS), (1, 2, 3, 5)
    heights = line_heights(columns, widths, wrap) if rows else None
    # the hint is a note under the table: a line across it, not a header squeezed into one column
    return SheetSpec(label("sheet.form_reading", lang),
                     [Block(header, rows, len(rows), heights=heights),
                      Block([], [], 0, note=label("reading.hint", lang))],
                     widths=widths, text_columns=(1, 5), wrap=wrap)


def _read_as(field: str, why: str, lang: str) -> str:
    return label("field.listed" if why == "listed" else f"field.{field or 'other'}", lang)


def _questions_of_fields(reading: pd.DataFrame) -> dict[tuple[str, str, str], list[str]]:
    """(source, first question, field) -> the field's questions in every branch of the form,
    for a field asked in several (a name asked whole in one branch and in parts in
    another has no one line: none is given)."""
    rows = reading[["source", "question", "field", "branch_of"]].itertuples(index=False)
    read_as = {(source, question): field for source, question, field, _ in rows}
    asked: dict[tuple[str, str, str], list[str]] = {}
    for source, question, field, first in reading[
            ["source", "question", "field", "branch_of"]].itertuples(index=False):
        if first and read_as.get((source, first)) == field:
            asked.setdefault((source, first, field), [first]).append(question)
        elif first:
            asked[source, first, field] = []
    return asked


def _config_line(field: str, questions: list[str]) -> str:
    if field not in READ_AS[:-1] or not questions:
        return ""
    if len(questions) == 1:
        return f"{field} = {_toml_string(questions[0])}"
    return f"{field} = [{', '.join(map(_toml_string, questions))}]"


def _why(field: str, why: str, share: float | None, lang: str, branch_of: str = "") -> str:
    if not field:
        return label("reading.listed", lang) if why == "listed" else ""
    if branch_of and why == "branch":
        return label("reading.branch", lang).format(branch_of)
    if why in ("config", "wording") or share is None or pd.isna(share):
        return label(f"reading.{why}", lang)
    content = label(f"reading.content.{field}", lang)
    return label(f"reading.{why}", lang).format(f"{share:.0%}", content)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def not_people_lines(data: ReportData) -> list[list]:
    """Review lines [what, value, detail, rows] of the rows left out as not people."""
    lang = data.language
    rows = data.not_people
    if rows is None or rows.empty:
        return []
    return [[label("review.not_person", lang), text, label(f"note.{kind}", lang),
             shown_ref(ref, lang)]
            for ref, kind, text in rows[["ref", "kind", "text"]].itertuples(index=False)]
