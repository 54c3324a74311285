"""The organizers' alias CSV: parsing, folding of `typed`, and errors naming the row."""

import pytest
from hypothesis import given, strategies as st

from sync.errors import ConfigError
from sync.normalize.aliases import Aliases, is_blank, load_aliases


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "aliases.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_none_means_no_aliases():
    aliases = load_aliases(None)
    assert dict(aliases.institution) == {} and dict(aliases.specialty) == {}


def test_rows_are_read_per_field_and_typed_is_folded(tmp_path):
    path = write(tmp_path, (
        "field,typed,canonical\n"
        "institution,  ҚАЗҰУ ,kaznu\n"
        "institution,Политех,Алматинский государственный политехнический колледж\n"
        "specialty,ХимТех,chemical_engineering\n"
        "\n"
    ))
    aliases = load_aliases(path)
    assert aliases.lookup("institution", "қазұу") == "kaznu"
    assert aliases.lookup("institution", "ПОЛИТЕХ") == (
        "Алматинский государственный политехнический колледж"
    )
    assert aliases.lookup("specialty", "химтех") == "chemical_engineering"
    assert aliases.lookup("specialty", "Политех") is None


def test_a_byte_order_mark_is_fine(tmp_path):
    path = write(tmp_path, "field,typed,canonical\ninstitution,a,b\n", encoding="utf-8-sig")
    assert load_aliases(path).lookup("institution", "A") == "b"


@pytest.mark.parametrize(("text", "row"), [
    ("typed,canonical\n", "row 1"),
    ("", "row 1"),
    ("field,typed,canonical\ninstitution,a,b\ncity,Алма-Ата,Алматы\n", "row 3"),
    ("field,typed,canonical\ninstitution,a\n", "row 2"),
    ("field,typed,canonical\ninstitution,a,b,c\n", "row 2"),
    ("field,typed,canonical\ninstitution,,kaznu\n", "row 2"),
    ("field,typed,canonical\ninstitution,КазНУ,\n", "row 2"),
    ("field,typed,canonical\ninstitution,КазНУ,kaznu\ninstitution,казну,kbtu\n", "row 3"),
])
def test_a_bad_row_names_the_file_and_row(tmp_path, text, row):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_aliases(path)
    assert str(path) in str(error.value) and row in str(error.value)


def test_a_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="aliases.csv"):
        load_aliases(tmp_path / "aliases.csv")


@pytest.mark.parametrize(("value", "blank"), [
    ("", True), ("  ", True), ("-", True), ("—", True), ("нет", True), ("Жоқ", True),
    ("none", True), ("N/A", True), (None, True), (float("nan"), True),
    ("КазНУ", False), ("Нет данных о вузе", False), ("5", False),
])
def test_is_blank(value, blank):
    assert is_blank(value) is blank


@given(st.text())
def test_lookup_never_raises(value):
    assert Aliases().lookup("institution", value) is None
