"""An imap source against a real Dovecot on 127.0.0.1 (tests/imap_server.py): reading,
read-only, only new letters, a renumbered folder, filters, and the ways it fails."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from sync.config import ImapSource, load_config
from sync.errors import ConfigError, SourceError
from sync.sources.imap import ImapReader, decode_folder, encode_folder
from sync.sources.mail_table import MailboxMemory, Problem
from sync.sources.mailbox import read_mailbox
from tests.imap_server import PASSWORD_ENV, Mailbox, dovecot, free_port  # noqa: F401 (fixture)

LETTERS = sorted((Path(__file__).parent / "fixtures" / "mail").glob("*.eml"))
# registrations in each fixture letter (tests/test_letters.py checks who they are)
EXPECTED_ROWS = 2 + 3 + 2 + 1 + 1 + 0 + 2 + 0 + 2 + 0 + 1


@pytest.fixture
def box(dovecot, monkeypatch):
    mailbox = Mailbox(dovecot)
    monkeypatch.setenv(PASSWORD_ENV, mailbox.password)
    return mailbox


def source_of(box: Mailbox, tmp_path: Path, **extra) -> ImapSource:
    path = tmp_path / "config.toml"
    path.write_text(box.source_toml(**extra), encoding="utf-8")
    (source,) = load_config(path).sources
    return source


def fill(box: Mailbox, letters=LETTERS, folder="INBOX") -> None:
    for letter in letters:
        box.append(letter.read_bytes(), folder)


def test_every_letter_is_read_and_the_mailbox_is_left_as_it_was(box, tmp_path):
    fill(box)
    before = box.flags()
    table = read_mailbox(source_of(box, tmp_path))
    assert len(table.rows) == EXPECTED_ROWS
    assert len(table.letters) == len(LETTERS)
    assert table.last_uid == len(LETTERS) and table.uidvalidity > 0
    # read-only: nothing marked \Seen, moved or deleted
    assert box.flags() == before and all(b"\\Seen" not in f for f in before)
    assert box.count() == len(LETTERS)
    problems = {(p.part, p.note) for letter in table.letters for p in letter.problems}
    assert problems == {("Заявка_скан.pdf", "mail.pdf"), ("КарТУ.xlsx", "mail.no_name_column")}


def test_each_row_says_where_in_the_mailbox_it_came_from(box, tmp_path):
    fill(box, LETTERS[1:2])
    table = read_mailbox(source_of(box, tmp_path))
    letter_column = table.headers.index("Letter")
    assert [row[letter_column] for row in table.rows] == [
        f"2025-03-11 15:02 n.seitov@enu.example.kz Қатысушылар тізімі.xlsx:{n}" for n in (5, 6, 7)]
    assert table.letters[0].place == "2025-03-11 15:02 n.seitov@enu.example.kz"


def test_only_letters_after_the_last_uid_are_read(box, tmp_path):
    fill(box, LETTERS[:2])
    source = source_of(box, tmp_path)
    first = read_mailbox(source)
    memory = MailboxMemory(first.uidvalidity, first.last_uid,
                           frozenset(r.key for r in first.letters))
    assert len(read_mailbox(source, memory).rows) == 0
    fill(box, LETTERS[3:4])
    later = read_mailbox(source, memory)
    assert [r[1] for r in later.rows] == ["Тулегенова Айгерим Маратовна"]
    assert later.last_uid == 3


def test_a_renumbered_folder_is_read_again_without_the_letters_read_before(box, tmp_path):
    folder = "Заявки 2025"
    box.create(folder)
    fill(box, LETTERS[:2], folder)
    source = source_of(box, tmp_path, folder=f'"{folder}"')
    first = read_mailbox(source)
    memory = MailboxMemory(first.uidvalidity, first.last_uid,
                           frozenset(r.key for r in first.letters))
    box.delete_folder(folder)
    box.create(folder)
    fill(box, LETTERS[:4], folder)  # the same two again, and two new
    again = read_mailbox(source, memory)
    assert again.uidvalidity != first.uidvalidity
    assert sorted({r.key for r in again.letters} & memory.letters) == []
    assert len(again.letters) == 2 and len(again.rows) == 3


def test_filters_by_date_and_subject(box, tmp_path):
    fill(box)
    by_subject = read_mailbox(source_of(box, tmp_path, subject_words='["тіркелу", "ЗАЯВКА"]'))
    subjects = sorted(r.subject for r in by_subject.letters)
    assert subjects == ["PlastNet: тіркелу өтінімі", "Re: Заявка на участие в конференции PlastNet",
                        "Заявка на участие", "Заявка на участие в конференции PlastNet",
                        "Заявка: Satbayev University"]
    # SINCE is the server's arrival date: letters appended today arrived today
    future = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert read_mailbox(source_of(box, tmp_path, since=future)).letters == ()
    assert len(read_mailbox(source_of(box, tmp_path, since="2020-01-01")).letters) == len(LETTERS)


def test_a_letter_that_breaks_the_reader_is_listed_and_the_rest_are_read(box, tmp_path,
                                                                         monkeypatch):
    from sync.sources import mailbox

    fill(box, LETTERS[:2])
    real = mailbox.read_letter

    def breaks_on_the_first(raw, *args):
        if b"zh.akhmetova" in raw:
            raise ValueError("a parser bug")
        return real(raw, *args)

    monkeypatch.setattr(mailbox, "read_letter", breaks_on_the_first)
    table = read_mailbox(source_of(box, tmp_path))
    assert len(table.rows) == 3  # the second letter's Excel list
    assert [(r.uid, r.problems) for r in table.letters] == [
        (1, (Problem("", "mail.letter_damaged"),)), (2, ())]


def test_starttls_on_the_plain_port(box, tmp_path):
    fill(box, LETTERS[:1])
    source = source_of(box, tmp_path, port=box.server.plain_port, starttls="true")
    assert len(read_mailbox(source).rows) == 2


@pytest.mark.parametrize("change, message", [
    ({"password": "wrong"}, "the server refused the login for {user} (wrong password in "
                            f"{PASSWORD_ENV}? Gmail needs an app password)"),
    ({"port": "down"}, "connection refused (is the server up and the port right?)"),
    ({"port": "plain"}, "TLS refused: the server does not speak TLS on this port (for port 143 "
                        "set starttls = true)"),
    ({"ca_file": None}, "the server's certificate is not trusted"),
    ({"folder": "Нет такой"}, "no folder 'Нет такой'"),
])
def test_failures_are_one_clear_line(box, tmp_path, monkeypatch, change, message):
    source = source_of(box, tmp_path)
    if change.get("password"):
        monkeypatch.setenv(PASSWORD_ENV, change["password"])
    if change.get("port") == "down":
        source = dataclasses.replace(source, port=free_port())
    if change.get("port") == "plain":
        source = dataclasses.replace(source, port=box.server.plain_port)
    if "ca_file" in change:
        source = dataclasses.replace(source, ca_file=None)
    if "folder" in change:
        source = dataclasses.replace(source, folder=change["folder"])
    with pytest.raises(SourceError) as error:
        read_mailbox(source)
    text = str(error.value)
    assert "\n" not in text and text.startswith(f"mailbox {box.user} on 127.0.0.1:")
    assert message.format(user=box.user) in text


def test_a_missing_password_variable_is_a_config_error(box, tmp_path, monkeypatch):
    source = source_of(box, tmp_path)
    monkeypatch.delenv(PASSWORD_ENV)
    with pytest.raises(ConfigError, match=f"set the environment variable {PASSWORD_ENV}"):
        read_mailbox(source)


def test_a_letter_deleted_between_search_and_fetch_fails_the_pull(box, tmp_path):
    fill(box, LETTERS[:2])
    source = source_of(box, tmp_path)
    with ImapReader(source, box.password) as reader:
        uids = reader.search(0, None)
        box.expunge_uid(uids[0])  # another mail program deletes it meanwhile
        with pytest.raises(SourceError, match=r"letter UID 1 in 'INBOX' disappeared while it was "
                                              r"being read .* nothing was stored, run again"):
            reader.fetch(uids[0])
        assert b"Subject:" in reader.fetch(uids[1])  # the others are still there


def test_a_server_that_never_answers_times_out(tmp_path, monkeypatch, box):
    import socket

    with socket.socket() as silent:  # accepts connections, says nothing
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        source = dataclasses.replace(source_of(box, tmp_path), port=silent.getsockname()[1],
                                     timeout=0.5)
        with pytest.raises(SourceError, match=r"no answer within 0.5 s"):
            read_mailbox(source)


@pytest.mark.parametrize("name, encoded", [
    ("INBOX", "INBOX"), ("Заявки", "&BBcEMARPBDIEOgQ4-"), ("A&B", "A&-B"),
    ("Тіркелу 2025", "&BCIEVgRABDoENQQ7BEM- 2025"),
])
def test_folder_names_in_modified_utf7(name, encoded):
    assert encode_folder(name) == encoded
    assert decode_folder(encoded) == name


def test_a_label_cased_or_punctuated_otherwise_in_another_letter_is_one_column(box, tmp_path):
    """Field test AR: "Курс", "курс" and "КУРС." made a column each."""
    from email.message import EmailMessage

    for n, label in enumerate(("Курс", "курс", "КУРС.")):
        letter = EmailMessage()
        letter["From"] = f"student{n}@example.kz"
        letter["Subject"] = "Заявка"
        letter["Date"] = f"Mon, 10 Mar 2025 09:1{n}:00 +0500"
        letter.set_content(f"ФИО: Иванов Иван{'ов' * n}\n{label}: {n + 1}\n")
        box.append(bytes(letter))
    table = read_mailbox(source_of(box, tmp_path))
    extra = [h for h in table.headers if h.casefold().startswith("курс")]
    assert extra == ["Курс"]
    column = table.headers.index("Курс")
    assert sorted(row[column] for row in table.rows) == ["1", "2", "3"]
