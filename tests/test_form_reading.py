"""The report's "How the form was read" sheet and its review lines of rows that are not people."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from reports import write_report
from reports.labels import LABELS
from reports.model import READING_COLUMNS
from sync.sources.table import TITLE_PLACE_QUESTION, TITLE_SCHOOL_QUESTION
from tests.test_report import data

READING = pd.DataFrame(
    [("form", "Отметка времени", "submitted_at", "wording+content", 1.0, True, ""),
     ("form", "Вопрос 2", "email", "content", 0.96, True, ""),
     ("form", "Кем вы являетесь?", "role", "wording", None, True, ""),
     ("form", "Вопрос 4", "last_name", "content", 0.62, False, ""),
     ("form", 'Курс "А"', "", "", None, True, ""),
     ("form", "ФИО преподавателя", "full_name", "branch", 0.9, True, "Вопрос 4"),
     ("email", "№", "row_number", "wording+content", 1.0, True, ""),
     ("email", "ФИО", "full_name", "config", None, True, ""),
     ("email", "ФИО учителя", "full_name", "config", None, True, "ФИО"),
     ("email", TITLE_PLACE_QUESTION, "city", "wording+content", 1.0, True, "")],
    columns=READING_COLUMNS)
NOT_PEOPLE = pd.DataFrame([("email:5", "not_person.title", "Письма после 15.02"),
                           ("form:7 (deleted)", "not_person.blank", ""),
                           ("email:9", "not_person.header", "")], columns=["ref", "kind", "text"])


@pytest.fixture
def book(tmp_path):
    def build(language):
        path = tmp_path / f"report-{language}.xlsx"
        write_report(data(language, form_reading=READING, not_people=NOT_PEOPLE), path)
        return openpyxl.load_workbook(path)
    return build


EXPECTED = {
    "ru": [("form", "Вопрос 2", "Эл. почта", "по ответам: 96% — адреса эл. почты", None,
            'email = "Вопрос 2"'),
           ("form", "Вопрос 4", "Фамилия", "по ответам: 62% — фамилии", "догадка: проверьте",
            'last_name = "Вопрос 4"'),
           ("form", 'Курс "А"', "Другой вопрос (отдельный столбец)", None, None, None),
           ("email", "№", "Номер строки (не ответ)", "по формулировке и ответам: 100% — номера строк",
            None, None),
           # a name asked whole in one branch and in parts in another: no one line says so
           ("form", "ФИО преподавателя", "ФИО",
            "тот же вопрос в другой ветке формы или запасной: ответы там, где «Вопрос 4» пуст",
            None, None)],
    "kk": [("form", "Кем вы являетесь?", "Мәртебесі", "сұрақтың мәтіні бойынша", None,
            'role = "Кем вы являетесь?"'),
           ("email", "ФИО", "Аты-жөні", "config.toml-да берілген", None,
            'full_name = ["ФИО", "ФИО учителя"]')],
    "en": [("form", "Отметка времени", "Time submitted",
            "by the wording and the answers: 100% dates and times", None,
            'submitted_at = "Отметка времени"'),
           ("form", 'Курс "А"', "Another question (own column)", None, None, None),
           ("form", "ФИО преподавателя", "Full name", "the same question in another branch of "
            "the form, or a fallback: answers where 'Вопрос 4' is blank", None, None),
           ("email", "ФИО учителя", "Full name", "set in config.toml", None,
            'full_name = ["ФИО", "ФИО учителя"]')],
}


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_each_question_its_field_why_and_the_line_that_fixes_it(book, language):
    sheet = book(language)[LABELS["sheet.form_reading"][language]]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(LABELS[f"col.{c}"][language] for c in
                            ("source", "question", "read_as", "why", "check", "config_line"))
    for expected in EXPECTED[language]:
        assert expected in rows
    assert rows[-1][0] == LABELS["reading.hint"][language]


def test_a_question_with_quotes_gives_a_valid_toml_line(book):
    import tomllib

    rows = list(book("en")[LABELS["sheet.form_reading"]["en"]].iter_rows(values_only=True))
    line = next(r[5] for r in rows if r[1] == "Вопрос 2")
    assert tomllib.loads(line) == {"email": "Вопрос 2"}
    line = next(r[5] for r in rows if r[1] == "ФИО учителя")  # asked in two branches
    assert tomllib.loads(line) == {"full_name": ["ФИО", "ФИО учителя"]}


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_rows_that_are_not_people_are_on_the_review_sheet(book, language):
    review = book(language)[LABELS["sheet.review"][language]]
    lines = [r for r in review.iter_rows(min_row=2, values_only=True)
             if r[0] == LABELS["review.not_person"][language]]
    assert [(r[1] or "", r[2], r[3]) for r in lines] == [
        ("Письма после 15.02", LABELS["note.not_person.title"][language], "email:5"),
        ("", LABELS["note.not_person.blank"][language],
         f"form:7 ({LABELS['ref.deleted'][language]})"),  # in the report's language
        ("", LABELS["note.not_person.header"][language], "email:9")]


def test_a_report_without_a_reading_still_has_the_sheet(tmp_path):
    path = tmp_path / "report.xlsx"
    write_report(data("en"), path)
    sheet = openpyxl.load_workbook(path)[LABELS["sheet.form_reading"]["en"]]
    assert [r for r in sheet.iter_rows(values_only=True)][0][1] == "Question"


@pytest.mark.parametrize("language, shown", [
    ("ru", "Населённый пункт (из заголовка списка)"), ("kk", "Елді мекен (тізім тақырыбынан)"),
    ("en", "Town or district (from the list's title)")])
def test_the_question_regsync_adds_is_shown_in_the_reports_language(book, language, shown):
    """A Kazakh or English report shows regsync's own added question in its language (field
    tests AJ, AM), while the config line names it as the run reads it."""
    rows = list(book(language)[LABELS["sheet.form_reading"][language]].iter_rows(values_only=True))
    row = next(r for r in rows if r[0] == "email" and r[1] == shown)
    assert row[5] == f'city = "{TITLE_PLACE_QUESTION}"'


def test_every_question_regsync_adds_has_its_words_in_three_languages():
    from reports.labels import ADDED_QUESTIONS
    assert set(ADDED_QUESTIONS) == {TITLE_PLACE_QUESTION, TITLE_SCHOOL_QUESTION}
