"""Personal data stays private and in place: file modes whatever the umask, no link followed,
a store that is empty, cut short or missing is never silently replaced."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from tests.hostile.conftest import (
    FORM_HEADER,
    ORDINARY_ROWS,
    Project,
    assert_clean_failure,
    assert_clean_success,
    report_files,
    run_cli,
    snapshot,
)

GRID = [FORM_HEADER, *ORDINARY_ROWS]
NEWCOMER = ["2025/10/09 9:00:00 AM GMT+5", "new.test@example.org", "Новая Участница", "",
            "КазНУ", "", "студент", ""]
LOG_AND_FOLDER = '\n[log]\nfile = "output/logs/regsync.log"\n'
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")


def _modes(project: Project) -> dict[str, int]:
    return {str(p.relative_to(project.folder)): stat.S_IMODE(p.lstat().st_mode)
            for p in [project.output, *project.output.rglob("*")]}


@pytest.fixture
def loose_umask():
    previous = os.umask(0o022)  # what cron and most shells give
    yield
    os.umask(previous)


@posix_only
@pytest.mark.parametrize("setting, file_mode, folder_mode", [
    ("", 0o600, 0o700),
    ('file_mode = "640"\n', 0o640, 0o750),
])
def test_everything_written_is_private_whatever_the_umask(project, capsys, loose_umask, setting,
                                                          file_mode, folder_mode):
    project.write_source(b"", extra_config=LOG_AND_FOLDER)
    project.write_csv(GRID)
    config = project.folder / "config.toml"
    config.write_text(setting + config.read_text(encoding="utf-8") + LOG_AND_FOLDER,
                      encoding="utf-8")
    assert run_cli(capsys, "report", "--by-institution")[0] == 1  # nothing stored yet
    assert run_cli(capsys, "run")[0] == 0
    assert run_cli(capsys, "report", "--by-institution")[0] == 0
    modes = _modes(project)
    written = {name for name in modes if not name.endswith(".lock")}
    assert any(name.endswith("regsync.sqlite.backup") for name in written)
    assert any(name.endswith("regsync.log") for name in written)
    assert any("by-institution-" in name and name.endswith(".xlsx") for name in written)
    for name, mode in modes.items():
        is_folder = (project.folder / name).is_dir()
        assert mode == (folder_mode if is_folder else file_mode), f"{name}: {oct(mode)}"


@posix_only
def test_files_an_older_regsync_left_readable_are_made_private(project, capsys, loose_umask):
    project.folder.chmod(0o755)
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    for path in [project.output, *project.output.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    project.write_csv([*GRID, NEWCOMER])
    assert run_cli(capsys, "run")[0] == 0
    assert {mode for mode in _modes(project).values()} <= {0o600, 0o700}
    assert stat.S_IMODE(project.folder.stat().st_mode) == 0o755  # the config's folder is not ours


@posix_only
def test_a_journal_file_left_read_only_is_made_writable_again(project, capsys):
    """chmod 400 on the store and one run leave SQLite's -shm read-only beside it: every
    later run then failed as if another program held the store."""
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    journal = project.output / "regsync.sqlite-shm"
    journal.write_bytes(b"")
    journal.chmod(0o400)
    project.write_csv([*GRID, NEWCOMER])
    assert run_cli(capsys, "run")[0] == 0
    assert not journal.exists() or stat.S_IMODE(journal.stat().st_mode) == 0o600


def test_a_part_copy_of_the_store_a_killed_backup_left_is_removed(project, capsys):
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    part = project.output / ".regsync.sqlite.0123456789abcdef.tmp"
    part.write_bytes((project.output / "regsync.sqlite").read_bytes()[:4096])
    journal = project.output / ".regsync.sqlite.0123456789abcdef.tmp-journal"
    journal.write_bytes(b"\0" * 512)
    assert run_cli(capsys, "run")[0] == 0
    assert not part.exists() and not journal.exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_planted_at_the_lock_is_refused_and_its_target_untouched(project, capsys):
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    precious = project.folder / "precious.txt"
    precious.write_text("do not truncate me", encoding="utf-8")
    lock = project.output / "regsync.sqlite.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(precious)
    before = snapshot(project)
    code, _, err = run_cli(capsys, "run")
    assert code == 1 and "symbolic link" in err and str(lock) in err
    assert precious.read_text(encoding="utf-8") == "do not truncate me"
    lock.unlink()
    assert_clean_failure(project, before, code, err)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
@pytest.mark.parametrize("planted_at", ["latest.xlsx", "today"])
def test_a_link_planted_where_a_report_goes_is_replaced_never_written_through(
        project, capsys, planted_at):
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    (today,) = project.output.glob("registrations-*.xlsx")
    link = project.latest if planted_at == "latest.xlsx" else today
    precious = project.folder / "precious.txt"
    precious.write_text("do not overwrite me", encoding="utf-8")
    link.unlink()
    link.symlink_to(precious)
    project.write_csv([*GRID, NEWCOMER])
    assert run_cli(capsys, "run")[0] == 0
    assert precious.read_text(encoding="utf-8") == "do not overwrite me"
    assert not link.is_symlink() and link.is_file()
    assert_clean_success(project, [*GRID, NEWCOMER])


def _damage(kind: str, store) -> None:
    for journal in store.parent.glob(store.name + "-*"):  # a copy gone wrong copies no journal
        journal.unlink()
    if kind == "empty":
        store.write_bytes(b"")
    elif kind == "cut short":
        store.write_bytes(store.read_bytes()[:4096 + 100])
    else:
        store.unlink()


@pytest.mark.parametrize("kind", ["empty", "cut short", "missing"])
def test_a_damaged_store_stops_the_run_and_says_how_to_go_back(project, capsys, kind):
    """A 0-byte store (a failed copy) used to give exit 0 and an empty new store: the rows
    deleted from the sheet and the history were gone. Now the run stops, names the backup
    of the last good run, and copying it back recovers everyone."""
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    project.write_csv([GRID[0], GRID[1]])  # one respondent deleted from the sheet: kept
    assert run_cli(capsys, "run")[0] == 0
    backup = project.output / "regsync.sqlite.backup"
    assert backup.is_file()
    _damage(kind, project.store)
    damaged = project.store.read_bytes() if project.store.exists() else None
    reports_before = report_files(project)
    code, _, err = run_cli(capsys, "run")
    assert code == 1 and str(backup) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert (project.store.read_bytes() if project.store.exists() else None) == damaged
    assert report_files(project) == reports_before

    project.store.write_bytes(backup.read_bytes())  # what the message says to do
    assert run_cli(capsys, "run")[0] == 0
    book = assert_clean_success(project, [GRID[0], GRID[1]])
    refs = [row[9] for row in book["Participants"].iter_rows(min_row=2, values_only=True)]
    assert "form:3 (deleted)" in refs  # the deleted respondent came back with the store


def _checkpoint_stopped_by_a_full_disk(store) -> None:
    """The store as a full disk leaves it: its header already says the size the last
    transaction grew it to, the file is shorter, and the write-ahead log holds the rest."""
    import shutil
    import sqlite3

    db = sqlite3.connect(store, isolation_level=None)
    db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("CREATE TABLE grown (x)")
    db.execute("INSERT INTO grown VALUES (?)", (b"x" * 200_000,))
    snapshot = store.with_name("snapshot")
    snapshot.mkdir()
    for part in (store, store.with_name(store.name + "-wal")):  # as the disk had them
        shutil.copy(part, snapshot / part.name)
    page_size, = db.execute("PRAGMA page_size").fetchone()
    pages, = db.execute("PRAGMA page_count").fetchone()
    db.close()
    for part in snapshot.iterdir():
        shutil.copy(part, store.parent / part.name)
        part.unlink()
    snapshot.rmdir()
    with open(store, "r+b") as file:  # page 1 was written back, the rest was not
        file.seek(28)
        file.write(pages.to_bytes(4, "big"))
    assert store.stat().st_size < pages * page_size


def test_a_store_whose_checkpoint_a_full_disk_stopped_is_used_not_refused(project, capsys):
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    _checkpoint_stopped_by_a_full_disk(project.store)
    code, _, err = run_cli(capsys, "run")
    assert code == 0, err
    assert_clean_success(project, GRID)


def test_without_a_backup_the_message_warns_what_starting_anew_loses(project, capsys):
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    (project.output / "regsync.sqlite.backup").unlink()
    _damage("empty", project.store)
    code, _, err = run_cli(capsys, "run")
    assert code == 1 and "would be lost" in err and "your own backup" in err


def test_only_a_missing_store_without_a_backup_is_started_anew(project, capsys):
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    assert (project.output / "regsync.sqlite.backup").is_file()
    assert project.store.stat().st_size > 0


@pytest.mark.skipif(sys.platform != "linux", reason="uses the Linux error numbers")
def test_a_database_of_another_program_is_not_taken_over(project, capsys):
    import sqlite3

    project.write_csv(GRID)
    project.output.mkdir()
    other = sqlite3.connect(project.store)
    other.execute("CREATE TABLE contacts (name TEXT)")
    other.commit()
    other.close()
    code, _, err = run_cli(capsys, "run")
    assert code == 1 and "another program" in err
