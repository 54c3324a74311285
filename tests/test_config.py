"""config.toml: each problem is one line naming the file and the key."""

import re

import pytest

from sync.config import FileSource, load_config
from sync.errors import ConfigError

GOOD = """
[[source]]
name = "form"
type = "csv"
path = "form.csv"
"""


def test_minimal_config_gets_defaults(make_config, tmp_path):
    config = load_config(make_config(GOOD))
    (form,) = config.sources
    assert isinstance(form, FileSource)
    assert form.path == tmp_path / "form.csv"  # relative to the config's folder
    assert config.timezone == "Asia/Almaty" and form.timezone == "Asia/Almaty"
    assert config.report.dir == tmp_path / "output"
    assert config.report.language == "ru"
    assert config.store_path == tmp_path / "output" / "regsync.sqlite"


@pytest.mark.parametrize("path, message", [
    # as Windows users type paths: TOML reads \U, \f, \n in double quotes as special
    (r'"C:\Users\Айгерим\form.csv"',
     "config.toml: line 5: a backslash in double quotes starts a special character: write "
     "the path with / (C:/Users/...) or in single quotes"),
    (r'"data\form.csv"',
     "'source[1].path' has an invisible character where a \\ was"),
])
def test_a_windows_path_in_double_quotes_is_explained(make_config, path, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(make_config(GOOD.replace('"form.csv"', path)))


def test_a_windows_path_in_single_quotes_is_a_path_here_too(make_config, tmp_path):
    config = load_config(make_config(GOOD.replace('"form.csv"', r"'data\form.csv'")))
    assert config.sources[0].path == tmp_path / "data" / "form.csv"


def test_an_old_excel_file_is_an_excel_source(make_config):
    config = load_config(make_config(GOOD.replace('type = "csv"', 'type = "xls"')))
    assert config.sources[0].type == "xlsx"


def test_report_settings(make_config):
    config = load_config(make_config(GOOD + """
[report]
checkin = "files"
session_question = "Секция"
institution_columns = ["full_name", " Курс "]
"""))
    assert config.report.checkin == "files" and config.report.session_question == "Секция"
    assert config.report.institution_columns == ("full_name", "Курс")
    defaults = load_config(make_config(GOOD)).report
    assert (defaults.checkin, defaults.session_question) == ("auto", None)
    assert defaults.institution_columns == ("full_name", "specialty", "role", "email", "phone")


@pytest.mark.parametrize("settings, named, message", [
    ('session_question = "Секция"', False,
     "config.toml: 'report.session_question' names 'Секция', which is not a question of the "
     "form (its other questions: 'Курс', 'Формат')"),
    ('institution_columns = ["full_name", "Город"]', True,
     "config.toml: 'report.institution_columns' names 'Город', which is not a question of the "
     "form (its other questions: 'Курс', 'Формат'; fields: full_name, email"),
])
def test_settings_naming_no_question(make_config, settings, named, message):
    report = load_config(make_config(GOOD + "[report]\n" + settings + "\n")).report
    with pytest.raises(ConfigError) as e:
        report.check_questions(["Курс", "Формат"], "config.toml", institution_columns=named)
    assert str(e.value).startswith(message)
    report.check_questions(["Курс", "Формат", "Секция", "Город"], "config.toml",
                           institution_columns=True)


def test_the_shipped_config_loads():
    config = load_config("config.toml")
    assert [s.name for s in config.sources] == ["form", "email"]


@pytest.mark.parametrize("text, message", [
    (GOOD + 'pth = "x"\n', "config.toml: 'source[1].pth' is not a known setting (did you mean 'path'?)"),
    (GOOD + "[report]\nlanguage = 'de'\n",
     "config.toml: 'report.language' must be one of ru, kk, en, not 'de'"),
    (GOOD + "[report]\nkeep_days = 'week'\n",
     "config.toml: 'report.keep_days' must be a whole number, not text 'week'"),
    (GOOD + "[report]\ninclude_vanished = 1\n",
     "config.toml: 'report.include_vanished' must be true or false, not 1"),
    (GOOD + "[reprot]\n", "config.toml: 'reprot' is not a known setting (did you mean 'report'?)"),
    ('[report]\ndir = "x"\n', "config.toml: 'source' is required but missing"),
    (GOOD.replace('type = "csv"', 'type = "json"'),
     "config.toml: 'source[1].type' must be one of csv, xlsx, google_sheet, imap, not 'json'"),
    (GOOD.replace('path = "form.csv"', ""), "config.toml: 'source[1].path' is required for a csv source"),
    (GOOD + 'sheet = "Лист1"\n', "config.toml: 'source[1].sheet' applies only to xlsx sources"),
    (GOOD + 'url = "https://docs.google.com/x"\n',
     "config.toml: 'source[1].url' does not apply to a csv source"),
    (GOOD + GOOD, "config.toml: 'source.name' 'form' is used by two sources; names must differ"),
    (GOOD + "[source.columns]\nfull_nmae = 'ФИО'\n",
     "config.toml: 'source[1].columns.full_nmae' is not a field regsync knows (did you mean "
     "'full_name'?); known: submitted_at, full_name, email, phone, institution, specialty, role, "
     "city, last_name, first_name, middle_name, row_number"),
    (GOOD + "[source.columns]\ncity = '  '\n",
     "config.toml: 'source[1].columns.city' must be the exact question header, as text, \"\" "
     "when the form asks no such question, or a list of headers when each branch of the form "
     "asks it"),
    (GOOD + "[source.columns]\nfull_name = ['ФИО студента', '']\n",
     "config.toml: 'source[1].columns.full_name' must be the exact question header"),
    (GOOD + "[source.columns]\nfull_name = []\n",
     "config.toml: 'source[1].columns.full_name' must be the exact question header"),
    ('timezone = "Asia/Alamty"\n' + GOOD,
     "config.toml: 'timezone' is not a known time zone: 'Asia/Alamty' (e.g. Asia/Almaty)"),
    (GOOD + "[normalize]\nfuzzy_threshold = 20\n",
     "config.toml: 'normalize.fuzzy_threshold' must be between 50 and 100, not 20"),
    (GOOD + '[normalize]\naliases = "aliases.csv"\n',
     "config.toml: 'normalize.aliases' names a file that does not exist: "),
    ("[[source]\n", "config.toml: not valid TOML: "),
    (GOOD + "[report]\ncheckin = 'paper'\n",
     "config.toml: 'report.checkin' must be one of auto, sheets, files, none, not 'paper'"),
    (GOOD + "[report]\ninstitution_columns = 'full_name'\n",
     "config.toml: 'report.institution_columns' must be a list, not text 'full_name'"),
    (GOOD + "[report]\ninstitution_columns = []\n",
     "config.toml: 'report.institution_columns' must be a list of fields or question headers"),
    (GOOD + "[report]\ninstitution_columns = ['full_name', 3]\n",
     "config.toml: 'report.institution_columns' must be a list of fields or question headers"),
])
def test_config_errors_are_one_line(make_config, text, message):
    with pytest.raises(ConfigError) as e:
        load_config(make_config(text))
    assert str(e.value).startswith(message)
    assert "\n" not in str(e.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found: .*nope.toml"):
        load_config(tmp_path / "nope.toml")


# --- [publish] -----------------------------------------------------------------------------

FORM_KEY = "1PlastNetForm2025aBcDeFgHiJkLmNoPqRsTuVwXyZ0"
LIST_KEY = "1PlastNetList2025aBcDeFgHiJkLmNoPqRsTuVwXyZ0"
GOOGLE = f"""
[[source]]
name = "form"
type = "google_sheet"
url = "https://docs.google.com/spreadsheets/d/{FORM_KEY}/edit#gid=0"
credentials = "key.json"
"""


@pytest.fixture
def key_files(tmp_path):
    for name in ("key.json", "editor.json", "token.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text, key, credentials, token, per_institution", [
    # the Google source's key does both jobs when [publish] names none
    (GOOGLE + f'[publish]\nurl = "https://docs.google.com/spreadsheets/d/{LIST_KEY}/edit#gid=5"\n',
     LIST_KEY, "key.json", None, False),
    (GOOGLE + f'[publish]\nkey = "{LIST_KEY}"\ncredentials = "editor.json"\nper_institution = true\n',
     LIST_KEY, "editor.json", None, True),
    (GOOD + f'[publish]\nkey = "{LIST_KEY}"\noauth_token = "token.json"\n', LIST_KEY, None, "token.json",
     False),
])
def test_publish_target(make_config, key_files, text, key, credentials, token, per_institution):
    publish = load_config(make_config(text)).publish
    assert publish.key == key and publish.per_institution is per_institution
    assert publish.credentials == (key_files / credentials if credentials else None)
    assert publish.oauth_token == (key_files / token if token else None)


def test_publish_falls_back_to_google_application_credentials(make_config, key_files, monkeypatch):
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_files / "editor.json"))
    publish = load_config(make_config(GOOD + f'[publish]\nkey = "{LIST_KEY}"\n')).publish
    assert publish.credentials == key_files / "editor.json"


@pytest.mark.parametrize("text, message", [
    (GOOGLE + f'[publish]\nurl = "https://docs.google.com/spreadsheets/d/{FORM_KEY}/edit#gid=7"\n',
     "config.toml: 'publish.url' is the response sheet of source 'form'; regsync never writes "
     "there: make a separate spreadsheet for the published list and share it with the service "
     "account as Editor"),
    (GOOD + "[publish]\nper_institution = true\n", "config.toml: 'publish.url' is missing"),
    (GOOD + f'[publish]\nkey = "{LIST_KEY}"\n', "config.toml: 'publish.credentials' is required"),
    (GOOD + f'[publish]\nkey = "{LIST_KEY}"\ncredentials = "gone.json"\n',
     "config.toml: 'publish.credentials' names a file that does not exist"),
    (GOOD + f'[publish]\nkey = "{LIST_KEY}"\ncredentials = "key.json"\noauth_token = "token.json"\n',
     "config.toml: 'publish.oauth_token' give either credentials or oauth_token, not both"),
    (GOOD + f'[publish]\nkey = "{LIST_KEY}"\nper_institution = "yes"\n',
     "config.toml: 'publish.per_institution' must be true or false"),
    (GOOD + f'[publish]\nkey = "{LIST_KEY}"\ntabs = 3\n',
     "config.toml: 'publish.tabs' is not a known setting"),
])
def test_publish_config_errors(make_config, key_files, monkeypatch, text, message):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    with pytest.raises(ConfigError) as e:
        load_config(make_config(text))
    assert str(e.value).startswith(message) and "\n" not in str(e.value)
