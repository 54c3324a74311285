"""A real full disk and a real read-only disk: a small tmpfs mounted for the test.

A run on a nearly full disk fails at whatever step the space runs out (writing the report,
the store's commit, its backup, putting the files in place): each time with one line, exit 1,
every earlier report as it was and no stored response lost; once there is room again, the
next run has everyone and nothing is left behind. Skipped where mounting is not allowed.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.hostile.conftest import (
    FORM_HEADER,
    ORDINARY_ROWS,
    Project,
    assert_clean_failure,
    assert_clean_success,
    run_cli,
    snapshot,
)

DISK_BYTES = 4 * 1024 * 1024
# Room left on the disk for the run under test: from none at all to enough for some steps.
FREE_BYTES = [0, 16_384, 65_536, 131_072, 196_608, 262_144, 327_680, 344_064, 360_448,
              376_832, 393_216, 524_288]
CROWD = [[f"2025/10/0{1 + n % 9} 9:{n % 60:02d}:00 AM GMT+5", f"person{n}@example.org",
          f"Тестова Участница {n}", "", "КазНУ", "Экология", "студент", "Алматы"]
         for n in range(300)]
NEWCOMER = ["2025/10/09 9:00:00 AM GMT+5", "new.test@example.org", "Новая Участница", "",
            "КазНУ", "", "студент", ""]


def _mount(*options: str, target) -> bool:
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(target)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small disk needs Linux and root")
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount(f"size={DISK_BYTES}", target=disk):
        pytest.skip("this machine does not allow mounting a tmpfs")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk, leave: int) -> None:
    """Take every byte of the disk but `leave`."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with (disk / "filler").open("ab") as filler:
        filler.write(b"\0" * max(free - leave, 0))
        try:  # what the block rounding left
            while os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize > leave:
                filler.write(b"\0" * 512)
                filler.flush()
        except OSError:
            pass


@pytest.mark.parametrize("free", FREE_BYTES)
def test_a_full_disk_at_any_step_loses_nothing(small_disk, capsys, monkeypatch, free):
    monkeypatch.chdir(small_disk)
    project = Project(small_disk)
    grid = [FORM_HEADER, *ORDINARY_ROWS, *CROWD]
    project.write_csv(grid)
    assert run_cli(capsys, "run")[0] == 0
    project.write_csv([*grid, NEWCOMER])
    before = snapshot(project)
    _fill(small_disk, free)
    code, _, err = run_cli(capsys, "run")
    if code != 0:
        assert code == 1 and ("disk is full" in err or "No space" in err), err
        assert_clean_failure(project, before, code, err, after_storing=True)
    (small_disk / "filler").unlink()
    if code != 0 and free:  # with no byte at all, not even the failure can be written down
        history = run_cli(capsys, "history")[1]
        assert "failed" in history and "the disk is full" in history
    assert run_cli(capsys, "run")[0] == 0
    assert_clean_success(project, [*grid, NEWCOMER])
    assert not [p.name for p in project.output.iterdir() if p.name.startswith(".")]


def test_a_read_only_disk_is_one_line_and_changes_nothing(small_disk, capsys, monkeypatch):
    monkeypatch.chdir(small_disk)
    project = Project(small_disk)
    grid = [FORM_HEADER, *ORDINARY_ROWS]
    project.write_csv(grid)
    assert run_cli(capsys, "run")[0] == 0
    project.write_csv([*grid, NEWCOMER])
    before = snapshot(project)
    assert _mount("remount", "ro", target=small_disk)
    try:
        code, _, err = run_cli(capsys, "run")
        assert code == 1 and "read-only" in err, err
        assert_clean_failure(project, before, code, err)
        assert "Traceback" not in err and "unexpected" not in err
    finally:
        assert _mount("remount", "rw", target=small_disk)
    assert run_cli(capsys, "run")[0] == 0
    assert_clean_success(project, [*grid, NEWCOMER])
