"""Finding the canonical fields among question headers, in three languages."""

import pytest

from sync.errors import SourceError
from sync.headers import guess_field, map_headers, unique_headers


@pytest.mark.parametrize("header, field", [
    # Russian
    ("Отметка времени", "submitted_at"),
    ("ФИО", "full_name"),
    ("Ф.И.О.", "full_name"),
    ("Фамилия, имя, отчество", "full_name"),
    ("Фамилия Имя Отчество (полностью)", "full_name"),
    ("Адрес электронной почты", "email"),
    ("Ваш e-mail", "email"),
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
    ("Город", "city"),
    ("Фамилия", "last_name"),
    ("Имя", "first_name"),
    ("Отчество", "middle_name"),
    # Kazakh
    ("Уақыт белгісі", "submitted_at"),
    ("Аты-жөні", "full_name"),
    ("Аты жөні", "full_name"),
    ("Электрондық пошта", "email"),
    ("Телефон нөмірі", "phone"),
    ("Оқу орны", "institution"),
    ("Мамандық", "specialty"),
    ("Білім беру бағдарламасы", "specialty"),
    ("Мәртебесі", "role"),
    ("Қала", "city"),
    # English
    ("Timestamp", "submitted_at"),
    ("Email Address", "email"),
    ("Email address", "email"),
    ("Full name", "full_name"),
    ("Name", "full_name"),
    ("Phone number", "phone"),
    ("Institution", "institution"),
    ("University", "institution"),
    ("Name of your university", "institution"),
    ("Specialty", "specialty"),
    ("Field of study", "specialty"),
    ("Role", "role"),
    ("City", "city"),
    # not canonical: kept as other answers
    ("Курс", None),
    ("Тема доклада (если есть)", None),
    ("Формат участия", None),
])
def test_guess_field(header, field):
    assert guess_field(header) == field


def test_map_headers_first_match_wins_and_overrides_win():
    headers = ["Timestamp", "Email Address", "ФИО", "E-mail для связи", "Курс"]
    assert map_headers(headers, {}, "form.csv") == {
        "submitted_at": "Timestamp", "email": "Email Address", "full_name": "ФИО"}
    mapped = map_headers(headers, {"email": "E-mail для связи"}, "form.csv")
    assert mapped["email"] == "E-mail для связи"


def test_name_parts_count_as_a_name_when_there_is_no_full_name():
    mapped = map_headers(["Фамилия", "Имя", "Отчество", "Город"], {}, "list.csv")
    assert mapped == {"last_name": "Фамилия", "first_name": "Имя", "middle_name": "Отчество",
                      "city": "Город"}


def test_missing_name_names_the_headers_seen():
    with pytest.raises(SourceError) as e:
        map_headers(["Город", "Курс"], {}, "list.csv")
    assert str(e.value) == ("list.csv: no column for full_name found; headers seen: 'Город', "
                            "'Курс'. Name it in config.toml under [source.columns]")


def test_override_naming_an_absent_header_is_an_error():
    with pytest.raises(SourceError, match="column 'Имя участника' for full_name"):
        map_headers(["ФИО"], {"full_name": "Имя участника"}, "form.csv")


@pytest.mark.parametrize("headers, expected", [
    (["a", "a", "a"], ["a", "a (2)", "a (3)"]),
    (["", " ", "x"], ["Column 1", "Column 2", "x"]),
    ([" ФИО  участника "], ["ФИО участника"]),
])
def test_unique_headers(headers, expected):
    assert unique_headers(headers) == expected
