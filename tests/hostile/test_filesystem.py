"""File-system faults through the real CLI: missing, unwritable or full disks, a folder where the
report goes, a locked or corrupt store. A run either succeeds or changes nothing."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import reports
from sync import report_files as files_module, store
from tests.hostile.conftest import (
    FORM_HEADER,
    ORDINARY_ROWS,
    Project,
    assert_clean_failure,
    report_files,
    run_cli,
    snapshot,
)

GRID = [FORM_HEADER, *ORDINARY_ROWS]
LATE_ROW = ["2025/10/09 9:00:00 AM GMT+5", "late.test@example.org", "Поздняя Участница", "",
            "КазНУ", "", "студент", ""]
# The store waits this long for a lock in tests instead of its 10 s.
SHORT_BUSY_TIMEOUT_S = 0.2


def _today_report(project: Project):
    day = dt.datetime.now(ZoneInfo("Asia/Almaty")).date().isoformat()
    return project.output / f"registrations-{day}.xlsx"


@pytest.fixture
def ran(project, capsys) -> Project:
    """One good run, then a new answer arrives; the next run is the one under test."""
    project.write_csv(GRID)
    assert run_cli(capsys, "run")[0] == 0
    project.write_csv([*GRID, LATE_ROW])
    return project


def test_missing_output_folder_is_created(project, capsys):
    project.write_csv(GRID, )
    config = project.folder / "config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('dir = "output"', 'dir = "a/b/c"'),
                      encoding="utf-8")
    assert run_cli(capsys, "run")[0] == 0
    assert (project.folder / "a" / "b" / "c" / "latest.xlsx").is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a 0o555 folder anyway; "
                                              "test_write_faults_are_clean_failures simulates it")
def test_read_only_output_folder(ran, capsys):
    before = snapshot(ran)
    ran.output.chmod(0o555)
    try:
        code, _, err = run_cli(capsys, "run")
    finally:
        ran.output.chmod(0o755)
    assert_clean_failure(ran, before, code, err)


def _raise(number: int, kind=OSError):
    def fail(*args, **kwargs):
        raise kind(number, os.strerror(number))
    return fail


def _full_disk_midway(data, path):
    """Half a workbook reaches the disk, then it is full."""
    path.write_bytes(b"PK\x03\x04" + bytes(1000))
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _replace_fails_on_call(number: int, failing_call: int):
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == failing_call:
            raise OSError(number, os.strerror(number))
        return real(src, dst)
    return replace


# (what fails, how, what the one line says, whether the pull was committed first)
FAULTS = [
    pytest.param(reports, "write_report", _full_disk_midway, "the disk is full", False,
                 id="disk-full-writing"),
    pytest.param(files_module.os, "replace", _raise(errno.EACCES, PermissionError),
                 "permission denied", True, id="unwritable-folder"),
    pytest.param(files_module.os, "replace", _raise(errno.ENOSPC), "the disk is full", True,
                 id="disk-full-renaming"),
]


@pytest.mark.parametrize("owner, name, fault, message, after_storing", FAULTS)
def test_write_faults_are_clean_failures(ran, capsys, monkeypatch, owner, name, fault, message,
                                         after_storing):
    before = snapshot(ran)
    monkeypatch.setattr(owner, name, fault)
    code, _, err = run_cli(capsys, "run")
    assert message in err
    assert_clean_failure(ran, before, code, err, after_storing=after_storing)


@pytest.mark.parametrize("damage", ["rename-fails", "latest-is-a-folder"])
def test_a_failure_refreshing_latest_leaves_the_dated_report_alone(ran, capsys, monkeypatch, damage):
    before_store = snapshot(ran)
    if damage == "rename-fails":
        monkeypatch.setattr(files_module.os, "replace", _replace_fails_on_call(errno.ENOSPC, 2))
    else:
        ran.latest.unlink()
        ran.latest.mkdir()
        before_store = snapshot(ran)
    code, _, err = run_cli(capsys, "run")
    assert_clean_failure(ran, before_store, code, err, after_storing=damage == "rename-fails")


def test_report_path_taken_by_a_folder(ran, capsys):
    report = _today_report(ran)
    report.unlink()
    report.mkdir()
    before = snapshot(ran)
    code, _, err = run_cli(capsys, "run")
    assert "is a folder" in err
    assert_clean_failure(ran, before, code, err)


def test_store_locked_by_another_process(ran, capsys, monkeypatch):
    monkeypatch.setattr(store, "_BUSY_TIMEOUT_S", SHORT_BUSY_TIMEOUT_S)
    before = snapshot(ran)
    holder = sqlite3.connect(ran.store, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        code, _, err = run_cli(capsys, "run")
    finally:
        holder.close()
    assert_clean_failure(ran, before, code, err)
    assert str(ran.store) in err and "unexpected error" not in err


def test_a_store_in_a_read_only_place_is_said_so_not_called_damaged(ran, capsys, monkeypatch):
    """A read-only folder or disk (simulated: root writes anyway): the store is fine, so
    the advice is not to copy its backup over it."""
    connect = sqlite3.connect

    def read_only(path, *args, **kwargs):
        if kwargs.pop("uri", False):  # opened read-only already (Store.peek)
            return connect(path, *args, uri=True, **kwargs)
        return connect(f"{Path(path).absolute().as_uri()}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(store.sqlite3, "connect", read_only)
    before = snapshot(ran)
    code, _, err = run_cli(capsys, "run")
    assert_clean_failure(ran, before, code, err)
    assert "read-only" in err and "backup" not in err and "in use" not in err


def _garbage(path):
    path.write_bytes(b"this is not a database, it was overwritten by accident\n" * 100)


def _truncated(path):
    path.write_bytes(path.read_bytes()[:4096 + 100])


@pytest.mark.parametrize("damage", [_garbage, _truncated], ids=["garbage", "truncated"])
def test_corrupt_store_is_named_and_never_recreated_empty(ran, capsys, damage):
    for leftover in ran.output.glob("regsync.sqlite-*"):  # the WAL would repair a truncation
        leftover.unlink()
    damage(ran.store)
    damaged = ran.store.read_bytes()
    before = report_files(ran)  # the store is damaged on purpose: only the reports can be compared
    code, _, err = run_cli(capsys, "run")
    assert code == 1
    assert str(ran.store) in err and "unexpected error" not in err
    assert ran.store.read_bytes() == damaged
    assert report_files(ran) == before


def _folder_refused(times: int):
    """os.replace refusing the first `times` renames onto a per-institution folder."""
    real_replace, refused = os.replace, []

    def replace(source, target):
        if os.path.basename(str(target)).startswith("by-institution-") and len(refused) < times:
            refused.append(target)
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(target))
        return real_replace(source, target)
    return replace


def test_a_per_institution_folder_that_cannot_be_put_in_place_leaves_every_report(
        ran, capsys, monkeypatch):
    """It used to fail after the main report had already been replaced."""
    assert run_cli(capsys, "report", "--by-institution")[0] == 0
    before = snapshot(ran)
    monkeypatch.setattr(files_module.os, "replace", _folder_refused(times=1))
    code, _, err = run_cli(capsys, "report", "--by-institution")
    assert "by-institution-" in err and "the reports are as they were" in err
    assert_clean_failure(ran, before, code, err, after_storing=True)


def test_what_cannot_be_put_back_is_kept_and_named_never_deleted(ran, capsys, monkeypatch):
    assert run_cli(capsys, "report", "--by-institution")[0] == 0
    (folder,) = ran.output.glob("by-institution-*")
    workbooks = {p.name: p.read_bytes() for p in folder.iterdir()}
    with monkeypatch.context() as refusing:  # undone on leaving; the project's folder stays
        refusing.setattr(files_module.os, "replace", _folder_refused(times=2))
        code, _, err = run_cli(capsys, "report", "--by-institution")
    assert code == 1 and "what could not be put back is in" in err
    (kept,) = ran.output.glob("regsync-not-put-back-*")
    assert str(kept) in err
    (old,) = [p for p in kept.iterdir() if p.name.startswith("previous-")]
    assert {p.name: p.read_bytes() for p in old.iterdir()} == workbooks
    assert run_cli(capsys, "report", "--by-institution")[0] == 0  # and the next run works
    assert kept.is_dir()  # the person decides what to do with it


def test_running_out_of_memory_is_one_line_and_a_row_in_history(ran, capsys, monkeypatch):
    import sync.dedup

    def no_memory(*args, **kwargs):
        raise MemoryError

    before = snapshot(ran)
    monkeypatch.setattr(sync.dedup, "dedup", no_memory)
    code, _, err = run_cli(capsys, "run")
    assert "ran out of memory" in err
    assert_clean_failure(ran, before, code, err)
    _, history, _ = run_cli(capsys, "history")
    assert "failed" in history.splitlines()[1] and "ran out of memory" in history


@pytest.mark.parametrize("where", ["linux", "windows"])
def test_the_old_report_is_kept_to_put_back_on_every_system(ran, capsys, monkeypatch, where):
    """A report replaced and then put back because latest.xlsx could not be: the earlier
    one comes back, whether the old file was kept by a link or (Windows, FAT) a copy."""
    before = snapshot(ran)
    if where == "windows":  # os.link takes no follow_symlinks there
        monkeypatch.setattr(os, "supports_follow_symlinks", set())
        monkeypatch.setattr(files_module.os, "link", _raise(errno.EPERM))
    monkeypatch.setattr(files_module.os, "replace", _replace_fails_on_call(errno.EACCES, 3))
    code, _, err = run_cli(capsys, "run")
    assert "the reports are as they were" in err
    assert_clean_failure(ran, before, code, err, after_storing=True)
