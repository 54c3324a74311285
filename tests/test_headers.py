"""Finding the canonical fields among question headers, in three languages, by wording and answers."""

import pytest

from sync.errors import SourceError
from sync.headers import guess_field, map_headers, read_headers, unique_headers
from sync.questions.answers import sample_answers
from sync.sources.table import build_table


@pytest.mark.parametrize("header, field", [
    # Russian
    ("Отметка времени", "submitted_at"),
    ("ФИО", "full_name"),
    ("Ф.И.О.", "full_name"),
    ("Фамилия, имя, отчество", "full_name"),
    ("Фамилия Имя Отчество (полностью)", "full_name"),
    ("Укажите ваше ФИО полностью", "full_name"),
    ("Адрес электронной почты", "email"),
    ("Ваш e-mail", "email"),
    ("Эл. почта", "email"),
    ("Номер телефона", "phone"),
    ("Контактный телефон (WhatsApp)", "phone"),
    ("Учебное заведение", "institution"),
    ("ВУЗ", "institution"),
    ("Организация", "institution"),
    ("Место учебы / работы", "institution"),
    ("Специальность / образовательная программа", "specialty"),
    ("Направление подготовки", "specialty"),
    ("Статус (студент, магистрант, преподаватель и т.д.)", "role"),
    ("Должность / статус", "role"),
    ("Кем вы являетесь?", "role"),
    ("Город", "city"),
    ("Фамилия", "last_name"),
    ("Имя", "first_name"),
    ("Отчество", "middle_name"),
    ("Отчество (при наличии)", "middle_name"),
    ("№", "row_number"),
    ("№ п/п", "row_number"),
    # Kazakh
    ("Уақыт белгісі", "submitted_at"),
    ("Аты-жөні", "full_name"),
    ("Аты жөні", "full_name"),
    ("Тегі, аты, әкесінің аты", "full_name"),
    ("Аты-жөніңізді толық жазыңыз", "full_name"),
    ("Электрондық пошта", "email"),
    ("Электрондық поштаңызды көрсетіңіз", "email"),
    ("Телефон нөмірі", "phone"),
    ("Оқу орны", "institution"),
    ("Мектеп", "institution"),  # a district's list of its schools' pupils
    ("Қатысушының Т.А.Ә.", "full_name"),  # тегі, аты, әкесінің аты
    ("Білім беру ұйымы", "institution"),
    ("Қай жерде оқисыз не жұмыс істейсіз?", "institution"),  # where one studies: the place
    ("Мамандық", "specialty"),
    ("Білім беру бағдарламасы", "specialty"),
    ("Мәртебесі", "role"),
    ("Сіз кімсіз?", "role"),
    ("Қала", "city"),
    ("Тегі", "last_name"),
    ("Әкесінің аты", "middle_name"),
    ("Әкеңіздің аты (бар болса)", "middle_name"),
    # English
    ("Timestamp", "submitted_at"),
    ("Email Address", "email"),
    ("Your e-mail, please", "email"),
    ("Full name", "full_name"),
    ("Name", "full_name"),
    ("Phone number", "phone"),
    # the participant's own or whoever answers for them (field test AK)
    ("Телефон (ученика или родителя)", "phone"),
    ("Оқушының немесе ата-анасының телефоны", "phone"),
    ("Your or your parent's phone", "phone"),
    ("Institution", "institution"),
    ("University", "institution"),
    ("Name of your university", "institution"),
    ("Where do you study or work?", "institution"),
    ("Specialty", "specialty"),
    ("Field of study", "specialty"),
    ("Role", "role"),
    ("Are you a student or a teacher?", "role"),
    ("City", "city"),
    ("Last name", "last_name"),
    ("First name", "first_name"),
    ("Middle name", "middle_name"),
    ("#", "row_number"),
    # not canonical: kept as other answers
    ("Курс", None),
    ("Тема доклада (если есть)", None),
    ("Формат участия", None),
    ("Дата рождения", None),
    ("ФИО научного руководителя", None),
    ("Email of your supervisor", None),
    ("Телефон родителя", None),
    ("Ата-анасының телефоны", None),  # a Kazakh phrase's last word goes on
    ("ФИО руководителя или куратора", None),
    ("Баяндама тақырыбы", None),
    ("Presentation title", None),
    ("Вопрос 3", None),
])
def test_guess_field(header, field):
    assert guess_field(header) == field


def test_map_headers_first_match_wins_and_overrides_win():
    headers = ["Timestamp", "Email Address", "ФИО", "E-mail для связи", "Курс"]
    assert map_headers(headers, {}, "form.csv") == {
        "submitted_at": "Timestamp", "email": "Email Address", "full_name": "ФИО"}
    mapped = map_headers(headers, {"email": "E-mail для связи"}, "form.csv")
    assert mapped["email"] == "E-mail для связи"


@pytest.mark.parametrize("headers", [
    ["Фамилия", "Имя", "Отчество", "Город"],
    ["Тегі", "Аты", "Әкесінің аты", "Қала"],
    ["Last name", "First name", "Middle name", "City"],
])
def test_name_parts_count_as_a_name_when_there_is_no_full_name(headers):
    mapped = map_headers(headers, {}, "list.csv")
    assert mapped == {"last_name": headers[0], "first_name": headers[1],
                      "middle_name": headers[2], "city": headers[3]}


def test_a_name_question_leaves_name_like_extras_alone():
    mapped = map_headers(["ФИО", "Имя на бейдже", "Email"], {}, "form.csv")
    assert mapped == {"full_name": "ФИО", "email": "Email"}


def test_missing_name_names_the_headers_seen():
    with pytest.raises(SourceError) as e:
        map_headers(["Город", "Курс"], {}, "list.csv")
    assert str(e.value) == (
        "list.csv: no column for full_name found: no question is worded like a name and no "
        "column's answers look like names; headers seen: 'Город', 'Курс'. Name it in "
        "config.toml under [source.columns]")


def test_missing_name_names_the_closest_candidates_by_their_answers():
    notes = ["Иванов Иван", "звонить в 10", "оплата 5000", "Петрова Анна", "повтор 2",
             "нет 3", "ждать 4", "счёт 6"]
    table = build_table("list", "list.csv", [["Город", "Заметка"],
                                             *[["Алматы", note] for note in notes]],
                        "Asia/Almaty")
    with pytest.raises(SourceError, match=r"closest: 'Заметка' \(25% of answers look like names\)"):
        map_headers(table.headers, {}, "list.csv", sample_answers([table]))


def test_override_naming_an_absent_header_is_an_error():
    with pytest.raises(SourceError, match="column 'Имя участника' for full_name"):
        map_headers(["ФИО"], {"full_name": "Имя участника"}, "form.csv")


def _read(rows, overrides=None):
    table = build_table("form", "form.csv", rows, "Asia/Almaty")
    return read_headers(table.headers, overrides or {}, "form.csv", sample_answers([table]))


PEOPLE = [
    ("2025/10/07 2:03:11 PM GMT+5", "aigerim.s@mail.ru", "Смагулова Айгерим Болатовна", "87074289378"),
    ("2025/10/08 9:00:00 AM GMT+5", "ivanov@enu.kz", "Иванов Иван Иванович", "+7 701 000 0001"),
    ("2025/10/08 9:30:00 AM GMT+5", "d.omarov@gmail.com", "Омаров Данияр", "8 (705) 111-22-33"),
    ("2025/10/09 1:10:00 PM GMT+5", "kim.v@inbox.ru", "Ким Виктория", "8 777 123 45 67"),
    ("2025/10/09 3:45:00 PM GMT+5", "nurlan.b@kaznu.kz", "Бекенов Нурлан Серикович", "87011234567"),
    ("2025/10/10 8:00:00 AM GMT+5", "zh.serik@mail.ru", "Серікқызы Жанар", "+77771234567"),
]


@pytest.mark.parametrize("headers", [
    ["Вопрос 1", "Вопрос 2", "Вопрос 3", "Вопрос 4"],
    ["Сұрақ 1", "Сұрақ 2", "Сұрақ 3", "Сұрақ 4"],
    ["Untitled question", "Question 2", "Column 3", "Q4"],
])
def test_answers_alone_find_the_fields(headers):
    reading = _read([headers, *PEOPLE])
    assert reading.mapping == {"submitted_at": headers[0], "email": headers[1],
                               "full_name": headers[2], "phone": headers[3]}
    assert {c.why for c in reading.choices} == {"content"}


def test_answers_overrule_a_wording_they_plainly_contradict():
    """The organizer swapped two headings: the answers decide, and the guess is marked."""
    headers = ["Отметка времени", "Телефон", "ФИО", "E-mail"]  # e-mails under "Телефон"
    reading = _read([headers, *PEOPLE])
    assert reading.mapping["email"] == "Телефон" and reading.mapping["phone"] == "E-mail"


def test_overrides_win_over_answers():
    headers = ["Вопрос 1", "Вопрос 2", "Вопрос 3", "Вопрос 4"]
    reading = _read([headers, *PEOPLE], {"full_name": "Вопрос 2"})
    assert reading.mapping["full_name"] == "Вопрос 2"
    assert reading.mapping.get("email") != "Вопрос 2"
    (choice,) = [c for c in reading.choices if c.question == "Вопрос 2"]
    assert (choice.field, choice.why, choice.sure) == ("full_name", "config", True)


def test_a_name_question_answered_with_whole_names_is_the_whole_name():
    """"Имя" is the first name by wording, but "Иванов Иван Иванович" is a whole name."""
    reading = _read([["Отметка времени", "Email", "Имя"], *[p[:3] for p in PEOPLE]])
    assert reading.mapping["full_name"] == "Имя" and "first_name" not in reading.mapping


def test_a_header_row_of_answers_is_refused_without_echoing_it():
    first, *rest = PEOPLE
    with pytest.raises(SourceError) as e:
        _read([list(first), *rest])
    assert "looks like answers" in str(e.value)
    assert all(value not in str(e.value) for value in first)


def test_same_rows_in_any_order_read_the_same():
    headers = ["Вопрос 1", "Вопрос 2", "Вопрос 3", "Вопрос 4"]
    assert _read([headers, *PEOPLE]) == _read([headers, *reversed(PEOPLE)])


@pytest.mark.parametrize("headers, expected", [
    (["a", "a", "a"], ["a", "a (2)", "a (3)"]),
    (["", " ", "x"], ["Column 1", "Column 2", "x"]),
    ([" ФИО  участника "], ["ФИО участника"]),
])
def test_unique_headers(headers, expected):
    assert unique_headers(headers) == expected
