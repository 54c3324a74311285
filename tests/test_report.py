"""The workbook: sheets, headers, counts that add up, formula-looking text kept as text."""

import datetime as dt
import gc
import zipfile

import openpyxl
import pandas as pd
import pytest

from reports import ReportData, write_report
from reports.labels import LABELS
from reports.safety import EXCEL_CELL_LIMIT

UTC = dt.timezone.utc
PEOPLE = [
    # name, email, phone, institution, institution_id, specialty, role, registered, rows
    ("Смагулова Айгерим", "aigerim@mail.ru", "+77074289378", "КазНУ", "kaznu", "Экология",
     "student", dt.datetime(2025, 10, 7, 9, 3, tzinfo=UTC), "form:2; form:9"),
    ("Иванов Иван", "ivan@enu.kz", "+77010000001", "ЕНУ", "enu", "Химия", "teacher",
     dt.datetime(2025, 10, 8, 4, 0, tzinfo=UTC), "form:3"),
    ('=HYPERLINK("http://evil.example","click")', "@SUM(A1)", "+1+1", "КазНУ", "kaznu",
     "-Экология", "student", dt.datetime(2025, 10, 8, 5, 0, tzinfo=UTC), "form:4"),
    ("Ким Виктория", "", "", "Колледж №5", "?kolledzh5", "", "other", pd.NaT, "email:2"),
]


def participants() -> pd.DataFrame:
    frame = pd.DataFrame(PEOPLE, columns=["full_name", "email", "phone", "institution",
                                          "institution_id", "specialty", "role",
                                          "registered_at", "source_rows"])
    frame["registered_at"] = pd.to_datetime(frame["registered_at"], utc=True)
    frame["source"] = frame["source_rows"].str.split(":").str[0]
    frame["city"] = "Алматы"
    frame["participant_id"] = frame["source_rows"].str.split("; ").str[0]
    frame["institution_en"] = frame["institution"].replace({"КазНУ": "Al-Farabi Kazakh National University"})
    frame["institution_kk"] = frame["institution"].replace({"КазНУ": "Әл-Фараби атындағы ҚазҰУ"})
    frame["q: Курс"] = ["2", "", "=1+1", ""]
    return frame


def responses() -> pd.DataFrame:
    rows = [("form", 2), ("form", 9), ("form", 3), ("form", 4), ("email", 2)]
    frame = pd.DataFrame(rows, columns=["source", "source_row"])
    frame["submitted_at"] = pd.to_datetime([None] * 5, utc=True)
    frame["submitted_at_raw"] = ["", "", "", "", "вчера"]
    frame["phone_raw"] = ["8707", "", "", "", ""]
    frame["phone_note"] = ["phone.too_short", "", "", "", ""]
    frame["email_raw"] = frame["email_note"] = ""
    frame["full_name_raw"] = frame["name_note"] = ""
    frame["institution_raw"] = ["КазНУ", "КазНУ", "ЕНУ", "КазНУ", "Колледж №5"]
    frame["institution_match"] = ["abbr", "abbr", "abbr", "abbr", "unmatched"]
    frame["institution_suggestions"] = ["", "", "", "", "Колледж связи"]
    return frame


def data(language="ru", new_ids=None, **changes) -> ReportData:
    fields = dict(participants=participants(), responses=responses(),
                  merges=pd.DataFrame({"participant_id": ["form:2"], "kept_row": ["form:2"],
                                       "merged_row": ["form:9"], "rule": ["dedup.email_name"],
                                       "full_name": ["Смагулова Айгерим"]}),
                  possible=pd.DataFrame(columns=["rows_a", "rows_b", "names", "reason"]),
                  built_at=dt.datetime(2025, 10, 9, 3, 0, tzinfo=UTC), sources=("form", "email"),
                  language=language, new_ids=new_ids, extra_columns=("q: Курс",))
    fields.update(changes)
    return ReportData(**fields)


def sheet_rows(ws) -> list[tuple]:
    return [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]


@pytest.fixture
def workbook(tmp_path):
    def build(**kwargs):
        path = tmp_path / "report.xlsx"
        write_report(data(**kwargs), path)
        return openpyxl.load_workbook(path)
    return build


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_sheets_and_participant_headers_in_each_language(workbook, language):
    book = workbook(language=language)
    names = [LABELS[f"sheet.{k}"][language] for k in
             ("summary", "questions", "by_institution", "by_specialty", "matrix", "participants",
              "new", "checkin", "duplicates", "review", "by_day", "form_reading")]
    assert book.sheetnames == names
    header = sheet_rows(book[names[5]])[0]
    expected = [LABELS[f"col.{c}"][language] for c in
                ("full_name", "email", "phone", "institution", "specialty", "role", "city",
                 "registered_at", "source", "source_rows")]
    assert list(header) == expected + ["Курс"]


def test_a_question_worded_as_a_column_of_the_list_says_it_is_the_forms(workbook):
    """A sheet's own "ФИО" column (a formula joining the name's parts) beside the list's."""
    frame = participants()
    frame["q: ФИО"] = frame["full_name"]
    book = workbook(participants=frame, extra_columns=("q: Курс", "q: ФИО"))
    header = sheet_rows(book["Участники"])[0]
    assert header.count("ФИО") == 1 and header[-1] == "ФИО (вопрос формы)"


def test_duplicates_sheet_lists_each_merge_with_both_rows(workbook):
    rows = sheet_rows(workbook(language="en")["Duplicates"])
    assert rows == [("Full name", LABELS["col.rule"]["en"], "Merged rows"),
                    ("Смагулова Айгерим", "same e-mail and name", "form:2; form:9")]


def test_duplicates_sheet_names_the_participant_as_the_list_does(workbook):
    merges = pd.DataFrame({"participant_id": ["form:2"], "kept_row": ["form:2"],
                           "merged_row": ["form:9"], "rule": ["dedup.email_transliterated"],
                           "full_name": ["Smagulova Aigerim"]})
    rows = sheet_rows(workbook(merges=merges)["Дубликаты"])
    assert rows[1][0] == "Смагулова Айгерим (Smagulova Aigerim)"


def test_english_headers_are_the_guide_ones(workbook):
    header = sheet_rows(workbook(language="en")["Participants"])[0]
    assert header[:10] == ("Full name", "Email", "Phone", "Institution", "Specialty", "Role",
                           "City", "Registered at", "Source", "Source rows")


def test_institution_names_follow_the_language(workbook):
    rows = sheet_rows(workbook(language="en")["By institution"])
    assert rows[1][0] == "Al-Farabi Kazakh National University"


def test_formula_looking_text_stays_text(workbook, tmp_path):
    book = workbook()
    ws = book["Участники"]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    values = [c.value for c in ws[4]]
    assert values[0] == '=HYPERLINK("http://evil.example","click")'
    assert values[1] == "@SUM(A1)" and values[2] == "+1+1" and values[4] == "-Экология"
    assert values[10] == "=1+1"
    # and in the raw XML: no <f> element anywhere in the workbook
    import zipfile
    with zipfile.ZipFile(tmp_path / "report.xlsx") as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def summary_figures(book, sheet="Сводка") -> dict:
    """The Summary's first column -> its value, every block's rows (roles too)."""
    return {row[0]: row[1] for row in sheet_rows(book[sheet]) if row and row[0]}


def test_counts_add_up(workbook):
    book = workbook()
    participants_rows = sheet_rows(book["Участники"])[1:]
    by_institution = sheet_rows(book["По вузам"])[1:]
    summary = summary_figures(book)
    assert summary["Уникальных участников"] == len(participants_rows) == 4
    assert sum(r[2] for r in by_institution) == 4
    assert summary["Ответов (строк)"] == 5
    assert summary["Учебных заведений"] == 3
    assert summary["Студент"] == 2 and summary["Преподаватель"] == 1
    assert by_institution[0][:3] == ("КазНУ", "да", 2)
    assert ("Колледж №5", "нет") in [r[:2] for r in by_institution]
    matrix = sheet_rows(book["Вуз x специальность"])
    assert matrix[-1][0] == "Итого" and matrix[-1][-1] == 4


def test_dates_are_real_excel_dates_in_local_time(workbook):
    row = sheet_rows(workbook()["Участники"])[1]
    assert row[7] == dt.datetime(2025, 10, 7, 14, 3)  # 09:03 UTC is 14:03 in Almaty
    assert isinstance(row[2], str) and row[2] == "+77074289378"


def test_by_day_counts_new_participants_and_the_total_so_far(workbook):
    rows = sheet_rows(workbook()["По дням"])
    assert rows[0] == ("Дата", "Новых участников", "Всего к этому дню")
    # Ким Виктория's list gave no date: the sheet still adds up to every participant
    assert rows[1:] == [(dt.datetime(2025, 10, 7), 1, 1), (dt.datetime(2025, 10, 8), 2, 3),
                        ("Без даты регистрации", 1, 4)]


def test_charts_on_the_summary(workbook, tmp_path):
    workbook()
    import zipfile
    with zipfile.ZipFile(tmp_path / "report.xlsx") as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 3


def test_new_sheet(workbook):
    assert sheet_rows(workbook()["Новые"])[0][0].startswith("Отчёта за прошлые дни нет")
    rows = sheet_rows(workbook(new_ids=frozenset({"form:3"}))["Новые"])
    assert [r[0] for r in rows[1:]] == ["Иванов Иван"]
    summary = summary_figures(workbook(new_ids=frozenset({"form:3"})))
    assert summary["Новых с прошлого отчёта"] == 1


def test_needs_review_lists_unmatched_bad_phones_and_timestamps(workbook):
    rows = sheet_rows(workbook()["Проверить"])[1:]
    kinds = {(r[0], r[1]) for r in rows}
    assert ("Учебное заведение не найдено в справочнике", "Колледж №5") in kinds
    assert ("Телефон", "8707") in kinds
    assert ("Отметка времени не распознана", "вчера") in kinds
    unmatched = next(r for r in rows if r[1] == "Колледж №5")
    assert "Колледж связи" in unmatched[2] and unmatched[3] == "email:2"


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_each_group_of_unknown_spellings_is_one_review_line(language):
    from reports.tables import review_rows
    frame = responses()
    frame["institution_raw"] = ["Гимназия №56 г. Астана", "гимназия 56 Астана",
                                "Гимназия №56 г. Астана", "КазНУ", "Колледж №5"]
    frame["institution"] = ["Гимназия №56 г. Астана"] * 3 + ["КазНУ", "Колледж №5"]
    frame["institution_id"] = ["?gym56"] * 3 + ["kaznu", "?college5"]
    frame["institution_match"] = ["unmatched"] * 3 + ["abbr", "unmatched"]
    frame["specialty_raw"] = ["Корабельное дело", "корабельное дело", "", "", ""]
    frame["specialty"] = ["Корабельное дело"] * 2 + ["", "", ""]
    frame["specialty_match"] = ["unmatched"] * 2 + ["blank"] * 3
    lines = review_rows(data(language, responses=frame))
    institution = [line for line in lines if line[0] == LABELS["review.institution"][language]]
    assert [line[1] for line in institution] == ["Колледж №5", "Гимназия №56 г. Астана"]
    spelled = LABELS["review.spellings"][language]
    assert institution[1][2] == f"{spelled}: Гимназия №56 г. Астана (2); гимназия 56 Астана (1)"
    assert institution[1][3] == "form:2; form:9; form:3"
    specialty = [line for line in lines if line[0] == LABELS["review.specialty"][language]]
    assert [(line[1], line[3]) for line in specialty] == [("Корабельное дело", "form:2; form:9")]


def test_an_organisations_spellings_are_not_asked_for_in_the_directory_of_learning():
    """The directory lists places of learning: an NGO's or a ministry's spellings are listed
    as an organisation's, not as a school missing from it (field test AG)."""
    from reports.tables import review_rows
    frame = responses()
    frame["institution_raw"] = ["ОФ «Экомузей»", "Экомузей", "КазНУ", "КазНУ", "Колледж №5"]
    frame["institution"] = ["Экомузей", "Экомузей", "КазНУ", "КазНУ", "Колледж №5"]
    frame["institution_id"] = ["?экомузей"] * 2 + ["kaznu"] * 2 + ["?college5"]
    frame["institution_match"] = ["unmatched"] * 2 + ["abbr"] * 2 + ["unmatched"]
    frame["institution_outside"] = [True, False, False, False, False]  # one spelling says so
    lines = review_rows(data("ru", responses=frame))
    kinds = {line[1]: line[0] for line in lines if line[1] in ("Экомузей", "Колледж №5")}
    assert kinds == {"Экомузей": LABELS["review.organisation"]["ru"],
                     "Колледж №5": LABELS["review.institution"]["ru"]}


def test_guests_numbers_from_abroad_are_one_review_line_per_country():
    """An event with guests from abroad: each country's numbers are one line, a few of them
    shown, every row listed (field test AB: 40 lines, one per guest); a short number is
    still its own line."""
    from reports.tables import review_rows
    frame = responses()
    frame["phone_raw"] = ["+7 913 868 4013", "+7 916 123 4567", "+998 90 123 4567", "8707",
                          "+7 913 111 2233"]
    frame["phone_note"] = ["phone.foreign|RU", "phone.foreign|RU", "phone.foreign|UZ",
                           "phone.too_short", "phone.foreign|RU"]
    phones = {line[2]: line for line in review_rows(data(responses=frame))
              if line[0] == "Телефон"}
    assert {detail: line[3] for detail, line in phones.items()} == {
        "иностранный номер (Россия)": "form:2; form:9; email:2",
        "иностранный номер (Узбекистан)": "form:3", "слишком короткий номер": "form:4"}
    assert phones["иностранный номер (Россия)"][1] == (
        "+7 913 868 4013; +7 916 123 4567; +7 913 111 2233")


@pytest.mark.parametrize(("language", "name_detail", "role_detail"), [
    ("ru", "только одно слово", "статус не распознан, посчитан как «Другое»"),
    ("kk", "тек бір сөз", "мәртебе танылмады, «Басқа» деп саналды"),
    ("en", "only one word", "role not understood, counted as Other"),
])
def test_needs_review_lists_names_and_roles_in_the_reports_language(
        workbook, language, name_detail, role_detail):
    frame = responses()
    frame["full_name_raw"] = ["Смагулова", "", "", "", ""]
    frame["name_note"] = ["name.one_word", "", "", "", ""]
    frame["role_raw"] = ["", "абракадабра", "преподаватель, магистрант", "", ""]
    frame["role_note"] = ["", "role.unknown", "role.several|teacher|master", "", ""]
    book = workbook(language=language, responses=frame)
    rows = sheet_rows(book[LABELS["sheet.review"][language]])[1:]
    assert (LABELS["review.name"][language], "Смагулова", name_detail, "form:2") in rows
    assert (LABELS["review.role"][language], "абракадабра", role_detail, "form:9") in rows
    # a clear answer read by a rule is not for review
    assert not [r for r in rows if r[1] == "преподаватель, магистрант"]
    summary = {r[0]: r[1] for r in sheet_rows(book[LABELS["sheet.summary"][language]]) if r}
    assert summary[LABELS["summary.review"][language]] == len(rows)  # the sheet's lines


def test_control_characters_removed_and_long_cells_cut(workbook):
    frame = participants()
    frame.loc[0, "full_name"] = "Смагулова\x07 Айгерим\x1b"
    frame.loc[1, "q: Курс"] = "x" * 40_000
    book = workbook(participants=frame)
    rows = sheet_rows(book["Участники"])
    assert rows[1][0] == "Смагулова Айгерим"
    assert len(rows[2][10]) == EXCEL_CELL_LIMIT


def test_cut_cells_are_listed_for_review(workbook):
    frame = participants()
    frame.loc[1, "q: Курс"] = "x" * 40_000
    rows = sheet_rows(workbook(participants=frame)["Проверить"])[1:]
    assert ("Текст обрезан (лимит Excel)", "Курс", None, "form:3") in rows


def test_a_list_longer_than_a_sheet_continues_on_the_next(workbook, monkeypatch):
    monkeypatch.setattr("reports.tables.EXCEL_MAX_ROWS", 3)  # a header and two rows a sheet
    book = workbook()
    names = book.sheetnames
    at = names.index("Участники")
    assert names[at:at + 3] == ["Участники", "Участники (2)", "Новые"]
    assert names[-5:] == ["Проверить", "Проверить (2)", "По дням", "По дням (2)",
                          "Как прочитана форма"]
    first, second = sheet_rows(book["Участники"]), sheet_rows(book["Участники (2)"])
    assert first[0] == second[0] and len(first) == len(second) == 3
    assert [r[0] for r in first[1:] + second[1:]] == [p[0] for p in PEOPLE]
    review = [r for name in names if name.startswith("Проверить")
              for r in sheet_rows(book[name])[1:]]
    assert len(review) == 3


@pytest.mark.parametrize("language, offered", [
    ("ru", "Варианты: Колледж связи"),
    ("kk", "Нұсқалар: Байланыс колледжі"),
    ("en", "Suggestions: College of Communications"),
])
def test_suggestions_in_the_reports_language(workbook, language, offered):
    frame = responses()
    frame["institution_suggestions_kk"] = frame["institution_suggestions"].replace(
        {"Колледж связи": "Байланыс колледжі"})
    frame["institution_suggestions_en"] = frame["institution_suggestions"].replace(
        {"Колледж связи": "College of Communications"})
    book = workbook(language=language, responses=frame)
    review = book[LABELS["sheet.review"][language]]
    details = [r[2] for r in review.iter_rows(min_row=2, values_only=True) if r[2]]
    assert any(offered in d for d in details)


def test_every_summary_figure_equals_the_rows_it_stands_for(workbook):
    frame = responses()
    frame["specialty_raw"] = ["Экология", "", "Химия", "экол.", "Робототехника"]
    frame["specialty"] = ["Экология", "", "Химия", "Экология", "Робототехника"]
    frame["specialty_match"] = ["exact", "blank", "exact", "fuzzy", "unmatched"]
    book = workbook(responses=frame, new_ids=frozenset({"form:3", "email:2"}))
    summary = summary_figures(book)
    assert summary["Строк на листе «Проверить»"] == len(sheet_rows(book["Проверить"])[1:]) == 4
    assert summary["Объединено дубликатов"] == len(sheet_rows(book["Дубликаты"])[1:]) == 1
    assert summary["Новых с прошлого отчёта"] == len(sheet_rows(book["Новые"])[1:]) == 2
    named = [r for r in sheet_rows(book["По вузам"])[1:] if r[0] != "(не указано)"]
    assert summary["Учебных заведений"] == len(named)


def test_unknown_specialties_are_listed_for_review(workbook):
    frame = responses()
    frame["specialty_raw"] = ["", "", "", "", "Робототехника"]
    frame["specialty"] = ["", "", "", "", "Робототехника"]
    frame["specialty_match"] = ["blank"] * 4 + ["unmatched"]
    rows = sheet_rows(workbook(responses=frame)["Проверить"])[1:]
    assert ("Специальность не найдена в справочнике", "Робототехника",
            "Написания: Робототехника (1)", "email:2") in rows


def test_the_summary_names_each_role_once(workbook):
    cells = [r[0] for r in sheet_rows(workbook()["Сводка"]) if r and r[0]]
    for role in ("student", "master", "phd", "teacher", "staff", "other"):
        assert cells.count(LABELS[f"role.{role}"]["ru"]) <= 1, role
    assert cells.count("Студент") == 1


class _Stopped(Exception):
    """What a stop request raises in the middle of writing."""


# openpyxl's abandoned sheet streams complain when collected (the CLI shows that with -v only)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("stop_at", [1, 3, 12])
def test_a_stop_while_a_part_is_being_opened_is_what_is_raised(tmp_path, monkeypatch, stop_at):
    """zipfile marks the archive as being written to before it hands the part over: a stop
    request in between left a part no one could close, and the archive's closing raised
    ValueError in place of the stop."""
    opened = iter(range(1, 1000))
    real_open = zipfile.ZipFile.open

    def open_then_stop(archive, name, mode="r", *args, **kwargs):
        part = real_open(archive, name, mode, *args, **kwargs)
        if mode == "w" and next(opened) == stop_at:
            raise _Stopped  # the part is open, and nobody has it
        return part

    monkeypatch.setattr(zipfile.ZipFile, "open", open_then_stop)
    with pytest.raises(_Stopped):
        write_report(data(), tmp_path / "report.xlsx")
    gc.collect()  # the abandoned streams go now, while their complaints are expected
    assert not (tmp_path / "report.xlsx.skeleton").exists()
