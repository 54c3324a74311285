"""The SQLite store: incremental sync, nothing ever deleted, migrations."""

import json
import sqlite3

import pytest

from sync.errors import StoreError
from sync.sources.table import build_table
from sync.store import SCHEMA_VERSION, Identity, Store, SyncCounts

HEADER = ["Отметка времени", "ФИО", "Адрес электронной почты", "Телефон"]
IDENTITY = Identity(timestamp="Отметка времени", name=("ФИО",),
                    contacts=("Адрес электронной почты", "Телефон"))
A = ["15.10.2025 10:00:00", "Иванов Иван", "ivan@mail.ru", "87010000001"]
B = ["15.10.2025 11:00:00", "Петрова Анна", "anna@mail.ru", "87010000002"]
C = ["16.10.2025 09:00:00", "Сидоров Олег", "oleg@mail.ru", "87010000003"]
D = ["17.10.2025 09:00:00", "Ким Виктория", "vika@mail.ru", "87010000004"]


def table(*rows, header=HEADER):
    return build_table("form", "form.csv", [header, *rows], "Asia/Almaty")


def pull(store, *rows, header=HEADER) -> SyncCounts:
    store.begin()
    run = store.start_run("sync")
    counts = store.record_pull(run, table(*rows, header=header), IDENTITY).counts
    store.finish_run(run, counts, None, None)
    store.commit()
    return counts


def stored(store, include_vanished=True):
    rows = []
    for group in store.groups(include_vanished):
        names = group.table.columns[1]
        for name, number, gone in zip(names, group.table.row_numbers, group.vanished, strict=True):
            rows.append((number, name, gone))
    return sorted(rows)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "regsync.sqlite") as s:
        yield s


def test_first_pull_is_all_new_and_a_repeat_changes_nothing(store):
    assert pull(store, A, B) == SyncCounts(pulled=2, new=2, changed=0, vanished=0)
    assert pull(store, A, B) == SyncCounts(pulled=2, new=0, changed=0, vanished=0)
    assert store.count_responses() == 2


def test_a_second_identical_row_is_stored_as_a_new_response(store):
    """Someone submits the very same answers twice: both are kept, with their cells."""
    pull(store, A, B)
    assert pull(store, A, B, A) == SyncCounts(pulled=3, new=1, changed=0, vanished=0)
    assert stored(store) == [(2, "Иванов Иван", False), (3, "Петрова Анна", False),
                             (4, "Иванов Иван", False)]
    rows = store.db.execute("SELECT answers FROM responses ORDER BY id").fetchall()
    assert [json.loads(r[0]) for r in rows] == [A, B, A]


def test_edited_deleted_and_new_rows_are_told_apart(store):
    pull(store, A, B, C)
    corrected_c = C[:3] + ["+7 701 000 00 03"]  # same timestamp, a corrected cell
    # B deleted: C moves up from row 4 to row 3; D is new
    counts = pull(store, A, corrected_c, D)
    assert counts == SyncCounts(pulled=3, new=1, changed=1, vanished=1)
    assert stored(store) == [(2, "Иванов Иван", False), (3, "Петрова Анна", True),
                             (3, "Сидоров Олег", False), (4, "Ким Виктория", False)]
    assert stored(store, include_vanished=False) == [
        (2, "Иванов Иван", False), (3, "Сидоров Олег", False), (4, "Ким Виктория", False)]
    # the earlier version of the corrected response is kept
    (old,) = store.db.execute("SELECT answers FROM response_versions").fetchall()
    assert json.loads(old[0]) == C


def test_an_edited_form_response_keeps_its_identity(store):
    pull(store, A, B)
    edited = ["20.10.2025 12:00:00", "Иванов Иван", "ivan@mail.ru", "87770000009"]
    assert pull(store, edited, B) == SyncCounts(pulled=2, new=0, changed=1, vanished=0)


def test_a_vanished_response_that_comes_back_is_not_doubled(store):
    pull(store, A, B)
    pull(store, A)
    assert pull(store, A, B) == SyncCounts(pulled=2, new=0, changed=0, vanished=0)
    assert stored(store) == [(2, "Иванов Иван", False), (3, "Петрова Анна", False)]


def test_a_renamed_question_keeps_old_and_new_answers(store):
    pull(store, A)
    renamed = ["Отметка времени", "Фамилия Имя Отчество", "Адрес электронной почты", "Телефон"]
    assert pull(store, A, B, header=renamed).new == 1
    (group,) = store.groups()  # a response seen again is filed under the current header row
    assert group.table.headers == tuple(renamed) and len(group.table.row_numbers) == 2


def test_runs_are_recorded(store):
    pull(store, A)
    store.record_failed_run("run", "2025-10-15T00:00:00+00:00", "source 'form': file not found")
    runs = store.runs()
    assert [(r.outcome, r.new) for r in runs] == [("failed", None), ("ok", 1)]
    assert runs[0].error == "source 'form': file not found"


def test_a_newer_store_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "regsync.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="written by a newer regsync"):
        Store(path)
    assert path.read_bytes() == before


def test_a_corrupt_store_is_a_clear_error_never_recreated(tmp_path):
    path = tmp_path / "regsync.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot be used"):
        Store(path)
    assert path.read_bytes() == b"this is not a database" * 100


def test_missing_store_for_report_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store yet"):
        Store(tmp_path / "regsync.sqlite", create=False)


def test_a_store_from_the_first_version_is_migrated_with_its_data(tmp_path, monkeypatch):
    import sync.store

    path = tmp_path / "regsync.sqlite"
    monkeypatch.setattr(sync.store, "SCHEMA_VERSION", 1)  # what the first release wrote
    with Store(path) as old:
        pull(old, A, B)
    monkeypatch.setattr(sync.store, "SCHEMA_VERSION", len(sync.store.MIGRATIONS))
    with Store(path) as new:
        assert new.db.execute("PRAGMA user_version").fetchone()[0] == len(sync.store.MIGRATIONS)
        indexes = {r[0] for r in new.db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "responses_by_source" in indexes and "responses_by_fingerprint" not in indexes
        assert stored(new) == [(2, "Иванов Иван", False), (3, "Петрова Анна", False)]
        assert pull(new, A, B, C) == SyncCounts(pulled=3, new=1, changed=0, vanished=0)


def test_responses_come_back_in_canonical_order(tmp_path):
    """By source, then row, whatever order the sources and header changes were stored in:
    dedup's order, so it need not copy every response to sort them."""
    from types import SimpleNamespace

    from sync.load import stored_responses

    with Store(tmp_path / "regsync.sqlite") as s:
        s.begin()
        run = s.start_run("sync")
        renamed = ["Отметка времени", "ФИО", "E-mail", "Телефон"]
        for source, header, rows in (("form", HEADER, [A, B, C]), ("email", HEADER, [D]),
                                     ("form", renamed, [C, A])):
            s.record_pull(run, build_table(source, f"{source}.csv", [header, *rows], "Asia/Almaty"),
                          IDENTITY)
        s.commit()
        config = SimpleNamespace(sources=[], report=SimpleNamespace(include_vanished=True))
        responses = stored_responses(s, config).responses
    assert responses["ref"].tolist() == ["email:2", "form:2", "form:3", "form:3 (deleted)"]
    assert responses["full_name"].tolist() == [D[1], C[1], A[1], B[1]]


def test_a_question_added_to_the_form_keeps_every_row_whole(store):
    """Rows stored before the question was added come back with a blank answer to it, and
    the columns stay aligned row by row."""
    pull(store, A, B)
    header = [*HEADER, "Курс"]
    assert pull(store, A + [""], B + [""], C + ["2"], header=header) == SyncCounts(
        pulled=3, new=1, changed=0, vanished=0)
    (group,) = list(store.groups())
    assert group.table.headers == tuple(header)
    assert list(zip(*group.table.columns)) == [tuple(A + [""]), tuple(B + [""]), tuple(C + ["2"])]


def test_a_file_saved_again_without_its_kazakh_letters_keeps_the_stored_answers(store):
    """Excel saving the sheet as Windows-1251 turns Kazakh letters into "?": the same
    responses, not edits, and the stored spelling is the better one."""
    kazakh = ["15.10.2025 10:00:00", "Тұрғанбаева Әсел", "asel@mail.kz", "87010000005"]
    lossy = ["15.10.2025 10:00:00", "Т?р?анбаева ?сел", "asel@mail.kz", "87010000005"]
    pull(store, A, kazakh)
    store.begin()
    run = store.start_run("sync")
    recorded = store.record_pull(run, table(lossy, A), IDENTITY)
    store.commit()
    assert recorded.counts == SyncCounts(pulled=2, new=0, changed=0, vanished=0)
    assert recorded.kept == {0: tuple(kazakh)}
    assert stored(store) == [(2, "Тұрғанбаева Әсел", False), (3, "Иванов Иван", False)]
    # a "?" that no stored letter explains is an edit, as any other
    assert pull(store, A, ["15.10.2025 10:00:00", "Т?рганбаева Асел", "asel@mail.kz",
                           "87010000005"]).changed == 1


def test_a_question_added_renamed_or_removed_changes_no_ones_answers(store):
    """The form changed, not the people: the rows are stored in its new shape, the old
    kept as a version, and none is counted as changed."""
    pull(store, A, B)
    added = ["Отметка времени", "ФИО", "Секция", "Адрес электронной почты", "Телефон"]
    assert pull(store, A[:2] + [""] + A[2:], B[:2] + [""] + B[2:], header=added).changed == 0
    renamed = ["Отметка времени", "Аты-жөні", "Секция", "Адрес электронной почты", "Телефон"]
    assert pull(store, A[:2] + [""] + A[2:], B[:2] + [""] + B[2:], header=renamed).changed == 0
    removed = ["Отметка времени", "Аты-жөні", "Секция", "Адрес электронной почты"]
    assert pull(store, A[:2] + [""] + A[2:4], B[:2] + [""] + B[2:4], header=removed).changed == 0
    # an answer that is new is a change
    assert pull(store, A[:2] + ["Секция 1"] + A[2:4], B[:2] + [""] + B[2:4],
                header=removed).changed == 1
    versions = store.db.execute("SELECT count(*) FROM response_versions").fetchone()[0]
    assert versions >= 2  # the answers as they were, phone included, are kept
