"""The store's side of mailboxes: letters are added, never replace or vanish anything."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.sources.mail_table import (MAIL_HEADERS, LetterRecord, MailboxMemory, MailTable,
                                     Problem)
from sync.sources.table import build_table
from sync.store import Identity, Store, peek_mailbox_memory

WHEN = dt.datetime(2025, 3, 10, 4, 15, tzinfo=dt.timezone.utc)


def mail_pull(rows: list[str], key: str, uid: int, uidvalidity: int = 7,
              problems=()) -> MailTable:
    cells = [("2025-03-10 09:15:00+05:00", name, "a@uni.kz", "", "", "", "", "",
              f"2025-03-10 09:15 a@uni.kz:{n}") for n, name in enumerate(rows, start=1)]
    letter = LetterRecord(key=key, uid=uid, place="2025-03-10 09:15 a@uni.kz", sent_at=WHEN,
                          sender="a@uni.kz", subject="Заявка", registrations=len(rows),
                          problems=tuple(problems), attachments=(f"digest-{key}",))
    return MailTable(source="mail", where="mailbox", headers=MAIL_HEADERS, rows=tuple(cells),
                     row_numbers=tuple(range(1, len(cells) + 1)), timezone="Asia/Almaty",
                     letters=(letter,), uidvalidity=uidvalidity, last_uid=uid)


def record(store: Store, table: MailTable):
    store.begin()
    run = store.start_run("sync")
    counts = store.record_letters(run, table)
    store.commit()
    return counts


def test_letters_are_added_and_remembered(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        assert store.mailbox_memory("mail") == MailboxMemory()
        record(store, mail_pull(["Ким Ли", "Пак Ен"], "k1", uid=3))
        counts = record(store, mail_pull(["Ли Анна"], "k2", uid=5,
                                         problems=[Problem("скан.pdf", "mail.pdf")]))
        assert (counts.pulled, counts.new, counts.vanished) == (1, 1, 0)
        memory = store.mailbox_memory("mail")
        assert (memory.uidvalidity, memory.last_uid) == (7, 5)
        assert memory.letters == {"k1", "k2"} and memory.attachments == {"digest-k1", "digest-k2"}
        rows = store.db.execute("SELECT source_row, vanished_run FROM responses ORDER BY id").fetchall()
        assert rows == [(1, None), (2, None), (3, None)]
        (problem,) = store.letter_problems()
        assert (problem.source, problem.place, problem.subject, problem.part, problem.note) == (
            "mail", "2025-03-10 09:15 a@uni.kz", "Заявка", "скан.pdf", "mail.pdf")
    assert peek_mailbox_memory(tmp_path / "s.sqlite", "mail") == memory
    assert peek_mailbox_memory(tmp_path / "none.sqlite", "mail") == MailboxMemory()


def test_a_file_sources_full_pull_leaves_the_mailbox_alone(tmp_path):
    """record_pull marks what a pull lacks as vanished, but only within its own source."""
    with Store(tmp_path / "s.sqlite") as store:
        record(store, mail_pull(["Ким Ли"], "k1", uid=1))
        store.begin()
        run = store.start_run("sync")
        form = build_table("form", "form.csv", [["ФИО"], ["Ким Ли"]], "Asia/Almaty")
        store.record_pull(run, form, Identity())
        store.record_pull(run, build_table("form", "form.csv", [["ФИО"]], "Asia/Almaty"), Identity())
        store.commit()
        assert store.db.execute("SELECT source, vanished_run IS NOT NULL FROM responses ORDER BY id"
                                ).fetchall() == [("mail", 0), ("form", 1)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Ким Ли", "Пак Ен", "Ли Анна", ""]), max_size=4),
                max_size=6))
def test_every_letters_rows_are_kept_and_numbered_once(tmp_path_factory, letters):
    """Whatever letters come in whatever runs, every row read is stored once, none vanishes,
    and row numbers stay unique (they are how references tell rows apart)."""
    path = tmp_path_factory.mktemp("store") / "s.sqlite"
    with Store(path) as store:
        for n, rows in enumerate(letters, start=1):
            record(store, mail_pull(rows, f"k{n}", uid=n))
        stored = store.db.execute("SELECT source_row, vanished_run FROM responses").fetchall()
        assert len(stored) == sum(map(len, letters))
        assert all(vanished is None for _, vanished in stored)
        assert sorted(r for r, _ in stored) == list(range(1, len(stored) + 1))
        assert store.mailbox_memory("mail").letters == {f"k{n}" for n in range(1, len(letters) + 1)}
