"""Runs killed at random moments (kill -9, and a stop request) never cost a response, a report
or the store; the next run finds nothing left behind.

Each case runs the real command in a process of its own, on synthetic data big enough for
a kill to land in every stage: pulling, storing, cleaning, dedup, writing, putting in place.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from sync.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synth  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
KILLS = 8
COMMANDS = (["run"], ["report", "--by-institution"])


def _regsync(folder: Path, *argv: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sync.cli", *argv], cwd=folder,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _project(folder: Path, people: int) -> Path:
    synth.write_all(synth.generate(people, seed=5), folder)
    (folder / "config.toml").write_text(synth.SOURCES_TOML, encoding="utf-8")
    return folder


def _timed_run(folder: Path) -> float:
    started = time.monotonic()
    done = _regsync(folder, "run")
    _, err = done.communicate()
    assert done.returncode == 0, err
    return time.monotonic() - started


def _participants(report: Path) -> int:
    book = openpyxl.load_workbook(report, read_only=True)
    try:
        return sum(1 for _ in book["Участники"].iter_rows(min_row=2, values_only=True))
    finally:
        book.close()


def _responses(folder: Path) -> int:
    with Store(folder / "output" / "regsync.sqlite", create=False) as store:
        return store.count_responses()


def test_kill_minus_nine_at_random_moments_loses_nothing(tmp_path):
    folder = _project(tmp_path, 1500)
    seconds = _timed_run(folder)
    good = _participants(folder / "output" / "latest.xlsx")
    stored = _responses(folder)
    moments = random.Random(14)
    for kill in range(KILLS):
        process = _regsync(folder, *COMMANDS[kill % len(COMMANDS)])
        time.sleep(moments.uniform(0.05, seconds))
        process.kill()
        process.communicate()
        assert _responses(folder) == stored  # the store opens, every response is there
        assert _participants(folder / "output" / "latest.xlsx") == good  # whole, old or new
    assert _timed_run(folder) > 0
    assert not [p.name for p in (folder / "output").iterdir() if p.name.startswith(".")]
    assert _participants(folder / "output" / "latest.xlsx") == good


def test_a_stop_request_ends_the_run_in_one_line_and_cleans_up(tmp_path):
    folder = _project(tmp_path, 1500)
    seconds = _timed_run(folder)
    report = folder / "output" / "latest.xlsx"
    before = report.read_bytes()
    moments = random.Random(15)
    for _ in range(4):
        process = _regsync(folder, "report", "--by-institution")
        time.sleep(moments.uniform(0.3, seconds))
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate()
        if process.returncode == 0:  # it had finished: a new report, complete
            before = report.read_bytes()
            continue
        assert process.returncode == 1
        assert err.count("\n") == 1 and err.startswith("regsync: stopped before the end"), err
        assert report.read_bytes() == before
        assert not [p.name for p in (folder / "output").iterdir() if p.name.startswith(".")]


# A stop request at the worst moment of writing: after zipfile has opened a part of the
# workbook, before it hands the part over (the N-th part opened for writing).
_STOP_IN_ZIPFILE = """
import sys, zipfile
from sync import cli
real_open, parts, stop_at = zipfile.ZipFile.open, iter(range(10 ** 6)), int(sys.argv[1])

def open_then_stop(archive, name, mode="r", *args, **options):
    part = real_open(archive, name, mode, *args, **options)
    if mode == "w" and next(parts) == stop_at:
        raise KeyboardInterrupt
    return part

zipfile.ZipFile.open = open_then_stop
sys.argv = ["regsync", "report"]
cli.console()
"""


@pytest.mark.parametrize("part", [0, 5, 20, 60])
def test_a_stop_while_the_workbook_is_zipped_is_one_line_too(tmp_path, part):
    folder = _project(tmp_path, 200)
    _timed_run(folder)
    report = folder / "output" / "latest.xlsx"
    before = report.read_bytes()
    done = subprocess.run([sys.executable, "-c", _STOP_IN_ZIPFILE, str(part)], cwd=folder,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("regsync: stopped before the end"), done.stderr
    assert report.read_bytes() == before
    assert not [p.name for p in (folder / "output").iterdir() if p.name.startswith(".")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the run forks on Linux only")
def test_killing_a_run_with_a_child_leaves_no_traceback(tmp_path):
    """A big pull is cleaned with a child process beside the main one; the child of a
    killed run finishes quietly instead of printing a broken-pipe traceback."""
    folder = _project(tmp_path, 13000)
    process = _regsync(folder, "run")
    deadline = time.monotonic() + 120
    while not (folder / "output" / "regsync.sqlite").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # storing done or nearly: the child is at work
    process.kill()
    _, err = process.communicate(timeout=120)  # waits for the child too: it holds stderr
    assert "Traceback" not in err and "Error" not in err, err
