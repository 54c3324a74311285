"""config.toml for an imap source: defaults, and one-line errors naming the key."""

import datetime as dt

import pytest

from sync.config import ImapSource, load_config
from sync.errors import ConfigError
from sync.sources.mail_table import MAIL_COLUMNS

MAIL = """
[[source]]
name = "mail"
type = "imap"
host = "imap.gmail.com"
user = "plastnet.registration@gmail.com"
password_env = "REGSYNC_IMAP_PASSWORD"
"""


def test_defaults_tls_on_993_inbox_no_filters(make_config):
    (mail,) = load_config(make_config(MAIL)).sources
    assert isinstance(mail, ImapSource)
    assert (mail.port, mail.starttls, mail.folder, mail.since, mail.subject_words) == (
        993, False, "INBOX", None, ())
    assert mail.timeout == 30 and mail.ca_file is None
    assert mail.columns == MAIL_COLUMNS  # the fixed headers letters are read into


def test_starttls_defaults_to_port_143_and_filters_are_read(make_config):
    (mail,) = load_config(make_config(
        MAIL + 'starttls = true\nfolder = "Заявки"\nsince = 2025-03-01\n'
               'subject_words = ["заявка", "тіркелу"]\ntimeout = 12.5\n')).sources
    assert (mail.port, mail.starttls, mail.folder) == (143, True, "Заявки")
    assert mail.since == dt.date(2025, 3, 1) and mail.subject_words == ("заявка", "тіркелу")
    assert mail.timeout == 12.5
    (quoted,) = load_config(make_config(MAIL + 'since = "2025-03-01"\n')).sources
    assert quoted.since == dt.date(2025, 3, 1)


@pytest.mark.parametrize("text, message", [
    (MAIL.replace('host = "imap.gmail.com"\n', ""), "'source[1].host' is required for an imap source"),
    (MAIL.replace('password_env = "REGSYNC_IMAP_PASSWORD"\n', ""),
     "'source[1].password_env' is required for an imap source"),
    (MAIL + 'password = "secret"\n', "'source[1].password' is not a known setting (did you mean "
                                     "'password_env'?)"),
    (MAIL + 'path = "x.csv"\n', "'source[1].path' does not apply to an imap source"),
    (MAIL + "port = 0\n", "'source[1].port' must be a port number (1-65535), not 0"),
    (MAIL + "timeout = 0\n", "'source[1].timeout' must be a number of seconds above 0"),
    (MAIL + 'since = "вчера"\n', "'source[1].since' must be a date like 2025-03-01, not 'вчера'"),
    (MAIL + "subject_words = [1]\n", "'source[1].subject_words' must be a list of words"),
    (MAIL + 'ca_file = "nope.pem"\n', "'source[1].ca_file' names a file that does not exist"),
    (MAIL + "[source.columns]\nfull_name = 'ФИО'\n",
     "'source[1].columns' does not apply to an imap source"),
    ('[[source]]\nname = "f"\ntype = "csv"\npath = "f.csv"\nhost = "x"\n',
     "'source[1].host' does not apply to a csv source"),
])
def test_imap_config_errors_are_one_line(make_config, text, message):
    with pytest.raises(ConfigError) as e:
        load_config(make_config(text))
    assert str(e.value).startswith("config.toml: " + message)
    assert "\n" not in str(e.value)
