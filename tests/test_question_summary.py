"""The form's other questions summed up: options counted over unique participants, checkbox
answers split the way Google joins them, sessions found by wording or by their options."""

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports import write_report
from reports.model import ReportOptions
from reports.question_summary import read_question, read_questions, session_question
from tests.test_report import data as report_data, participants


@pytest.mark.parametrize("answers, options, several", [
    # one choice; spellings that differ in case or spaces are one option, the most common
    (["Очно", "Онлайн", "очно ", "Онлайн", "", "Очно"], [("Очно", 3), ("Онлайн", 2)], False),
    (["Бетпе-бет", "Онлайн", "онлайн", "Бетпе-бет", "Онлайн"],
     [("Онлайн", 3), ("Бетпе-бет", 2)], False),
    # checkboxes: Google joins the ticked options with ", "
    (["Секция 1, Секция 2", "Секция 1", "Секция 2", "Секция 3, Секция 1", "Секция 3"],
     [("Секция 1", 3), ("Секция 2", 2), ("Секция 3", 2)], True),
    # ... Microsoft Forms ends each with ";", an option with a comma inside too
    (["Секция 1. Пластик;Секция 2, переработка;", "Секция 1. Пластик;", "Секция 2, переработка;",
      "Секция 3;Секция 1. Пластик;"],
     [("Секция 1. Пластик", 3), ("Секция 2, переработка", 2), ("Секция 3", 1)], True),
    # an option with a comma inside: a lower-case word goes on the same option
    (["Иә, келісемін", "Иә, келісемін", "Жоқ", "Иә, келісемін", "Иә, келісемін"],
     [("Иә, келісемін", 4), ("Жоқ", 1)], False),
    # ... and an upper-case one ("I") is told apart by the answers given alone
    (["Yes, I agree", "Yes, I agree, Send me news", "Send me news", "Yes, I agree"],
     [("Yes, I agree", 3), ("Send me news", 2)], True),
    # a person's own "Other:" text after the options they ticked, following several
    (["Colleague", "Instagram", "Colleague, my supervisor", "Instagram, my supervisor",
      "Colleague, Instagram, my supervisor", "Colleague", "Instagram"],
     [("Colleague", 4), ("Instagram", 4), ("my supervisor", 3)], True),
    # ... but a comma inside one option follows that one only, even beside its first word
    (["Да, я согласен", "Да, я согласен", "Да", "Да", "Нет", "Нет"],
     [("Да, я согласен", 2), ("Да", 2), ("Нет", 2)], False),
    # an own text nobody gives alone, after an option with a comma inside, in longer answers
    # too: never a combined option
    (["Math, physics", "STEM", "Math, physics", "STEM", "Math, physics, Robotics",
      "STEM, Robotics", "STEM, Math, physics, Robotics"],
     [("Math, physics", 4), ("STEM", 4), ("Robotics", 3)], True),
    # options nobody ticks alone: each part is in several answers
    (["Recycling, Policy", "Recycling, Design", "Policy, Design", "Recycling, Policy, Design"],
     [("Recycling", 3), ("Design", 2 + 1), ("Policy", 3)], True),
])
def test_choice_questions(answers, options, several):
    question = read_question("q: Вопрос", answers)
    assert sorted(question.options) == sorted(options)
    assert question.several is several
    assert question.answered == sum(1 for a in answers if a.strip())


@pytest.mark.parametrize("header, answers, options", [
    # the question's own word beside the answer; a dash is no answer
    ("Курс", ["2", "2 курс", "1", "2", "-", "1 курс", "—", "3"], [("2", 3), ("1", 2), ("3", 1)]),
    ("Оқу курсы", ["2 курс", "2", "2-курс", "1", "1"], [("2", 3), ("1", 2)]),
    ("Format of participation", ["Online", "online participation", "In person", "in person"],
     [("In person", 2), ("Online", 2)]),
    # the question's words are all an option has: it stays itself
    ("Онлайн или очно?", ["Онлайн", "Очно", "Онлайн", "Очно"], [("Онлайн", 2), ("Очно", 2)]),
])
def test_spellings_of_an_option_are_one_option(header, answers, options):
    question = read_question(f"q: {header}", answers)
    assert question.options == options
    assert question.answered == sum(1 for a in answers if a.strip(" -—"))


def test_free_text_has_no_options():
    names = [f"Доклад о пластике номер {i}" for i in range(30)] + ["", ""]
    question = read_question("q: Тема доклада", names)
    assert question.options == [] and question.answered == 30


def test_rare_answers_of_a_long_list_are_grouped_as_other():
    answers = ["Очно"] * 40 + ["Онлайн"] * 30 + [f"свой ответ {i}" for i in range(21)]
    question = read_question("q: Формат", answers)
    assert question.options == [("Очно", 40), ("Онлайн", 30)] and question.other == 21


OPTIONS = ["Секция 1", "Секция 2: Переработка", "Да, согласен", "Workshop B, room 2",
           "Online", "Очно (Алматы)"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(range(len(OPTIONS))), min_size=1, max_size=4,
                         unique=True), min_size=1, max_size=40))
def test_checkbox_counts_are_the_ticks(ticks):
    """Whatever people tick, each option is counted once per person who ticked it, as long
    as each option was also ticked alone by some (Google's order: the form's)."""
    ticks = ticks + [[i] for i in range(len(OPTIONS))] * 2
    answers = [", ".join(OPTIONS[i] for i in sorted(person)) for person in ticks]
    question = read_question("q: Секции", answers)
    expected = {OPTIONS[i]: sum(i in person for person in ticks) for i in range(len(OPTIONS))}
    assert dict(question.options) == expected
    assert question.other == 0


def sessions_data(**options):
    frame = participants()
    frame["q: Какую секцию вы посетите?"] = ["Секция 2, Секция 1", "Секция 2", "Секция 1", ""]
    frame["q: Формат"] = ["Очно", "Очно", "Онлайн", "Онлайн"]
    return report_data(participants=frame, extra_columns=(
        "q: Курс", "q: Какую секцию вы посетите?", "q: Формат"),
        options=ReportOptions(**options))


@pytest.mark.parametrize("options, found", [
    ({}, "q: Какую секцию вы посетите?"),  # by its wording
    ({"session_question": "Формат"}, "q: Формат"),  # named in config.toml
    ({"session_question": ""}, None),  # none: one list for the whole conference
])
def test_the_session_question(options, found):
    data = sessions_data(**options)
    question = session_question(data, read_questions(data, data.participants))
    assert (question.column if question else None) == found


@pytest.mark.parametrize("header", ["Какую секцию вы посетите?", "Қай секцияға қатысасыз?",
                                    "Which session will you attend?", "Choose a workshop"])
def test_sessions_by_wording_in_three_languages(header):
    frame = participants().assign(**{f"q: {header}": ["A", "B", "A", ""]})
    data = report_data(participants=frame, extra_columns=("q: Курс", f"q: {header}"))
    assert session_question(data, read_questions(data, frame)).column == f"q: {header}"


def test_sessions_by_their_options():
    frame = participants().assign(**{"q: Выберите": ["Секция А", "Секция Б", "Секция А", "Секция Б"]})
    data = report_data(participants=frame, extra_columns=("q: Выберите",))
    assert session_question(data, read_questions(data, frame)).column == "q: Выберите"


def test_a_format_question_is_no_session():
    frame = participants().assign(**{"q: Формат участия": ["Очно", "Онлайн", "Очно", "Онлайн"]})
    data = report_data(participants=frame, extra_columns=("q: Формат участия",))
    assert session_question(data, read_questions(data, frame)) is None


def question_blocks(ws) -> dict[str, list[tuple]]:
    """Question title (the big bold line) -> its option rows, as the sheet shows them."""
    blocks: dict[str, list[tuple]] = {}
    rows: list[tuple] = []
    for row in ws.iter_rows():
        first = row[0]
        if first.value is not None and first.font.sz == 13:
            rows = blocks.setdefault(first.value, [])
        elif len(row) > 1 and isinstance(row[1].value, int):
            rows.append(tuple(c.value for c in row[:3]))
    return blocks


def test_the_sheet_counts_unique_participants(tmp_path):
    """Four participants from five responses: counts are of participants, shares of those
    who answered, and a chart for each choice question."""
    data = sessions_data()
    path = tmp_path / "report.xlsx"
    write_report(data, path)
    book = openpyxl.load_workbook(path)
    blocks = question_blocks(book["Вопросы формы"])
    assert blocks["Какую секцию вы посетите?"] == [("Секция 1", 2, 2 / 3), ("Секция 2", 2, 2 / 3)]
    assert blocks["Формат"] == [("Онлайн", 2, 0.5), ("Очно", 2, 0.5)]
    notes = [r[0] for r in book["Вопросы формы"].iter_rows(values_only=True) if r[0]]
    assert "Ответили 3 из 4 участников; можно выбрать несколько вариантов, поэтому доли в " \
           "сумме больше 100 %" in notes
    assert any(n.startswith("Ответили 2 из 4 участников; ответы свободные") for n in notes)


def test_sessions_by_institution(tmp_path):
    path = tmp_path / "report.xlsx"
    write_report(sessions_data(), path)
    rows = list(openpyxl.load_workbook(path)["Секции x вузы"].iter_rows(values_only=True))
    assert rows[0][0] == "Какую секцию вы посетите?"
    assert rows[1] == ("Учебное заведение", "Секция 1", "Секция 2", "Участников")
    assert rows[2:] == [("КазНУ", 2, 1, 2), ("ЕНУ", 0, 1, 1), ("Итого", 2, 2, 3)]


def test_no_other_questions(tmp_path):
    frame = participants().drop(columns=["q: Курс"])
    path = tmp_path / "report.xlsx"
    write_report(report_data(participants=frame, extra_columns=(), language="en"), path)
    ws = openpyxl.load_workbook(path)["Form questions"]
    assert ws["A1"].value == "The form has no other questions"


def test_people_frame_is_left_alone():
    data = sessions_data()
    before = data.participants.copy()
    read_questions(data, data.participants)
    pd.testing.assert_frame_equal(data.participants, before)


def _two_forms(second_source: str) -> tuple:
    """Four participants: two answered a Kazakh form's session question, two an English
    form's; `second_source` is where the English answers came from."""
    kk, en = "q: Қай секцияға тіркелесіз?", "q: Which panel will you join?"
    frame = participants().assign(**{kk: ["1-секция", "2-секция", "", ""],
                                     en: ["", "", "Panel A", "Panel A"]})
    answers = pd.DataFrame({"source": ["kk", "kk", second_source, second_source],
                            kk: ["1-секция", "2-секция", "", ""],
                            en: ["", "", "Panel A", "Panel A"]})
    return report_data(participants=frame, responses=answers, extra_columns=(kk, en)), frame


def test_each_forms_own_session_question_is_one_list_of_sessions():
    data, frame = _two_forms("en")
    question = session_question(data, read_questions(data, frame))
    assert sorted(o for o, _ in question.options) == ["1-секция", "2-секция", "Panel A"]
    assert question.choices(frame) == [("1-секция",), ("2-секция",), ("Panel A",), ("Panel A",)]


def test_a_list_typing_the_forms_sessions_its_own_way_counts_them_as_the_forms():
    form, typed = "q: Which thematic panel will you attend?", "q: Panel"
    one, two, four = ("Panel 1 - Policy, EPR and the circular economy",
                      "Panel 2 - Recycling and upcycling technologies", "Panel 4 - Education")
    options = [one, two, four, one, four, two, one, four]  # the form: most answers
    mine = ["Panel 1", "1 (policy)", "P4 education", "recycling technologies", "panel 2",
            "Panel 7", "microplastics"]  # the last two name no option of the form's
    frame = pd.DataFrame({form: options + [""] * len(mine), typed: [""] * len(options) + mine})
    answers = pd.DataFrame({"source": ["form"] * len(options) + ["list"] * len(mine),
                            form: frame[form], typed: frame[typed]})
    # the list's column first, as a report may order them: the form's, most answered, leads
    for columns in ((form, typed), (typed, form)):
        data = report_data(participants=frame, responses=answers, extra_columns=columns)
        question = session_question(data, read_questions(data, frame))
        assert [c[0] for c in question.choices(frame)] == [*options, one, one, four, two, two,
                                                           "Panel 7", "microplastics"]


def _two_languages(kk_choices: list[str]) -> tuple:
    """One question "Секция" in a Russian form and a Kazakh one, the Russian more answered;
    participants 1-3 filled both (their Kazakh choices `kk_choices`), 4 only the Kazakh
    form, 5 and 6 only the Russian one."""
    column = "q: Секция"
    ru = ["Пластик и здоровье", "Пластик и здоровье", "Переработка пластика",
          "Переработка пластика", "Пластик и здоровье"]
    kk = [*kk_choices, "Пластик және денсаулық"]
    refs = ["ru:2; kk:2", "ru:3; kk:3", "ru:4; kk:4", "kk:5", "ru:5", "ru:6"]
    frame = pd.DataFrame({"source_rows": refs, column: [*ru[:3], kk[3], *ru[3:]]})
    answers = pd.DataFrame({"ref": [f"ru:{n}" for n in range(2, 7)]
                            + [f"kk:{n}" for n in range(2, 6)],
                            "source": ["ru"] * 5 + ["kk"] * 4, column: ru + kk})
    data = report_data(participants=frame, responses=answers, extra_columns=(column,))
    return session_question(data, read_questions(data, frame)), frame


def test_a_session_named_in_two_forms_languages_is_one_where_its_people_say_so():
    question, frame = _two_languages(["Пластик және денсаулық", "Пластик және денсаулық",
                                      "Пластикті қайта өңдеу"])
    assert question.choices(frame)[3] == ("Пластик и здоровье",)
    assert dict(question.options)["Пластик и здоровье"] == 4


@pytest.mark.parametrize("kk_choices", [
    ["Пластик және денсаулық", "Пластикті қайта өңдеу", "Пластикті қайта өңдеу"],  # one each
    ["Пластик және денсаулық", "Пластикті қайта өңдеу", "Пластик және денсаулық"],  # two
])
def test_sessions_of_two_languages_stay_apart_where_their_people_do_not_agree(kk_choices):
    question, frame = _two_languages(kk_choices)
    assert question.choices(frame)[3] == ("Пластик және денсаулық",)


def test_two_session_questions_of_one_form_are_not_joined():
    data, frame = _two_forms("kk")  # one form asks both: the first is the sessions'
    question = session_question(data, read_questions(data, frame))
    assert question.column == "q: Қай секцияға тіркелесіз?" and not question.columns
