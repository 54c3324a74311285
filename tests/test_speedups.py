"""sync.speedups: work in a forked process gives the same parts as here, each as soon as it
is made, errors are raised here, a lost or hung child loses nothing; without fork or glibc (macOS, Windows) every trick
is a no-op and results are the same."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator

import pandas as pd
import pytest

import ctypes
import multiprocessing

import sync.normalize as normalize_module
import sync.run
from sync import speedups
from sync.config import NormalizeConfig
from sync.speedups import Beside, can_fork

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import accuracy  # noqa: E402
import synth  # noqa: E402

needs_fork = pytest.mark.skipif(not can_fork(), reason="no fork or a single CPU here")


def _pid_and_sum(values: list[int]) -> Iterator[tuple[int, int]]:
    yield os.getpid(), sum(values)


def _fails(message: str) -> Iterator[str]:
    yield "a first part"
    raise ValueError(message)


def _dies_after_the_first_part_unless_in(pid: int, received: Path) -> Iterator[tuple[str, int]]:
    yield "first", os.getpid()
    if os.getpid() != pid:
        while not received.exists():  # the parent makes it once it has the first part
            time.sleep(0.01)
        os._exit(3)  # killed, as the out-of-memory killer would
    yield "second", os.getpid()


def _never_ends() -> Iterator[None]:
    time.sleep(600)
    yield None


def _second_waits_for(signal_file: Path) -> Iterator[str]:
    yield "first"
    while not signal_file.exists():  # the parent makes it once it has the first part
        time.sleep(0.01)
    yield "second"


@needs_fork
def test_the_work_runs_in_another_process_and_its_parts_come_back():
    with Beside(_pid_and_sum, list(range(1000))) as pending:
        assert pending.forked
        ((pid, total),) = pending.parts()
    assert pid != os.getpid() and total == sum(range(1000))


@needs_fork
def test_each_part_can_be_used_while_the_child_makes_the_next(tmp_path):
    signal_file = tmp_path / "first part received"
    with Beside(_second_waits_for, signal_file, timeout=60) as pending:
        parts = pending.parts()
        assert next(parts) == "first"
        signal_file.touch()
        assert list(parts) == ["second"]


def test_without_fork_each_part_is_made_here_when_asked():
    with Beside(_pid_and_sum, [1, 2, 3], fork=False) as pending:
        assert not pending.forked
        assert list(pending.parts()) == [(os.getpid(), 6)]


@pytest.mark.parametrize("fork", [True, False])
def test_an_error_in_the_work_is_raised_to_the_caller(fork: bool):
    with Beside(_fails, "bad cell", fork=fork) as pending:
        parts = pending.parts()
        assert next(parts) == "a first part"
        with pytest.raises(ValueError, match="bad cell"):
            next(parts)


@needs_fork
def test_a_child_that_dies_has_the_parts_it_did_not_send_made_here(tmp_path):
    here, received = os.getpid(), tmp_path / "first part received"
    with Beside(_dies_after_the_first_part_unless_in, here, received, timeout=60) as pending:
        assert pending.forked
        parts = pending.parts()
        first, child = next(parts)
        received.touch()
        ((second, maker),) = parts
    assert (first, second) == ("first", "second") and child != here and maker == here


@needs_fork
def test_a_lost_child_can_leave_its_missing_parts_to_the_caller_instead_of_keeping_the_work(
        tmp_path):
    here, received = os.getpid(), tmp_path / "first part received"
    with Beside(_dies_after_the_first_part_unless_in, here, received, redo_if_lost=False,
                timeout=60) as pending:
        assert pending.forked and pending._args == ()
        parts = pending.parts()
        assert next(parts)[0] == "first"
        received.touch()
        assert list(parts) == []


@needs_fork
def test_leaving_early_stops_the_child():
    started = time.monotonic()
    with pytest.raises(RuntimeError):
        with Beside(_never_ends) as pending:
            process = pending._process
            raise RuntimeError("the caller failed")
    assert not process.is_alive()
    assert time.monotonic() - started < 60


def test_known_reads_parts_only_for_the_fields_that_are_coming():
    sent = []

    def parts():
        for field in ("email", "full_name"):
            sent.append(field)
            yield field, {field: "worked out"}

    known = normalize_module.Known(("email", "full_name"), parts())
    assert known("institution") == {} and sent == []  # not coming: not waited for
    assert known("email") == {"email": "worked out"} and sent == ["email"]
    assert known("phone") == {}
    assert known("full_name") == {"full_name": "worked out"}
    assert known("email") == {}  # handed over once


def test_known_gives_nothing_for_a_field_lost_on_the_way():
    known = normalize_module.Known(("email", "phone"), iter([("email", {"a@b.kz": 1})]))
    assert known("phone") == {} and known("email") == {"a@b.kz": 1}


@pytest.fixture(scope="module")
def responses(tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("synthetic")
    synth.write_all(synth.generate(1500, seed=11), folder)
    return accuracy.read_responses(folder)


@needs_fork
def test_cleaning_gives_the_same_frame_whether_it_forks_or_not(responses, monkeypatch):
    config = SimpleNamespace(normalize=NormalizeConfig())
    monkeypatch.setattr(sync.run, "PARALLEL_FROM_ROWS", len(responses) + 1)
    here = sync.run.cleaned(responses, config)
    monkeypatch.setattr(sync.run, "PARALLEL_FROM_ROWS", 0)
    forked = sync.run.cleaned(responses, config)
    pd.testing.assert_frame_equal(here, forked)
    assert here["phone"].ne("").sum() > 1000 and here["name_key"].ne("").sum() > 1000


def test_fields_worked_out_ahead_give_the_same_frame(responses):
    """What work_ahead found (for some of the values: the rest, say rows deleted from their
    source, is worked out by normalize itself) changes nothing in the result."""
    reference = normalize_module.load_reference(NormalizeConfig())
    half = len(responses) // 2
    cells = {field: responses[field][:half].tolist() for field in normalize_module.AHEAD}
    parts = list(normalize_module.work_ahead(cells, reference))
    assert [field for field, _ in parts] == list(normalize_module.AHEAD)
    assert all(len(results) > 100 for _, results in parts)
    known = normalize_module.Known(normalize_module.AHEAD, parts)
    worked_ahead = normalize_module.normalize(responses, reference, known)
    pd.testing.assert_frame_equal(worked_ahead, normalize_module.normalize(responses, reference))


def test_name_keys_worked_out_ahead_give_the_same_participants(responses):
    """Dedup's name keys handed over for some of the names (the helper's, which knows only
    the pulled rows) change nothing in who is who."""
    from sync.dedup import dedup
    from sync.dedup.links import name_key_results

    reference = normalize_module.load_reference(NormalizeConfig())
    normalized = normalize_module.normalize(responses, reference)
    shown = normalized["full_name"].tolist()
    known = name_key_results(shown[: len(shown) // 2])
    assert len(known) > 500
    ahead, plain = dedup(normalized, known_name_keys=known), dedup(normalized)
    pd.testing.assert_frame_equal(ahead.participants, plain.participants)
    pd.testing.assert_frame_equal(ahead.possible, plain.possible)


@needs_fork
def test_a_hung_child_is_stopped_and_its_work_done_here():
    started = time.monotonic()
    with Beside(_hangs_unless_in, os.getpid(), timeout=0.5) as pending:
        process = pending._process
        assert list(pending.parts()) == ["done here"]
    assert not process.is_alive() and time.monotonic() - started < 60


def _hangs_unless_in(pid: int) -> Iterator[str]:
    if os.getpid() != pid:
        time.sleep(600)
    yield "done here"


def _no_fork() -> list[str]:
    return ["spawn", "forkserver"]


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_on_macos_and_windows_nothing_forks_and_nothing_fails(monkeypatch, platform):
    monkeypatch.setattr(sys, "platform", platform)
    assert not can_fork()
    with Beside(_pid_and_sum, [1, 2]) as pending:
        assert not pending.forked and list(pending.parts()) == [(os.getpid(), 3)]

    def windows_cdll(name):  # ctypes.CDLL(None) on Windows
        raise TypeError("expected str, bytes or os.PathLike object, not NoneType")

    monkeypatch.setattr(ctypes, "CDLL", windows_cdll)
    speedups.return_big_arrays_when_freed()  # no error, nothing done


def test_without_fork_a_whole_run_gives_the_same_report(tmp_path, monkeypatch):
    """The run's speed-ups off (no fork start method, no glibc) and on: one report."""
    from sync.cli import main

    def run_in(folder: Path) -> list:
        import openpyxl

        folder.mkdir()
        synth.write_all(synth.generate(400, seed=3), folder)
        (folder / "config.toml").write_text(synth.SOURCES_TOML, encoding="utf-8")
        monkeypatch.chdir(folder)
        assert main(["run", "-q"]) == 0
        book = openpyxl.load_workbook(folder / "output" / "latest.xlsx")
        return [list(ws.iter_rows(values_only=True)) for ws in book.worksheets[1:]]

    monkeypatch.setattr(sync.run, "PARALLEL_FROM_ROWS", 0)
    with_tricks = run_in(tmp_path / "linux")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", _no_fork)
    monkeypatch.setattr(ctypes, "CDLL", lambda name: (_ for _ in ()).throw(OSError("no libc")))
    assert not can_fork()
    assert run_in(tmp_path / "elsewhere") == with_tricks


class FakeLibc:
    def __init__(self):
        self.calls = []

        def mallopt(parameter: int, value: int) -> int:
            self.calls.append((parameter, value))
            return 1

        self.mallopt = mallopt


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc is Linux's")
def test_the_mmap_threshold_is_fixed_at_the_big_allocation_size(monkeypatch):
    libc = FakeLibc()
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    speedups.return_big_arrays_when_freed()
    assert libc.calls == [(speedups.M_MMAP_THRESHOLD, speedups.BIG_ALLOCATION)]


@pytest.mark.parametrize("missing", [OSError("no such library"), AttributeError("mallopt")])
def test_without_glibc_nothing_is_done(monkeypatch, missing):
    def no_glibc(name):
        raise missing

    monkeypatch.setattr(ctypes, "CDLL", no_glibc)
    speedups.return_big_arrays_when_freed()  # no error


def test_the_collector_is_paused_and_then_as_it_was():
    import gc

    assert gc.isenabled()
    with speedups.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie nobody reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@needs_fork
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_child_ends_soon_after_its_parent_is_killed(tmp_path):
    """A run killed with kill -9: its child held the run's lock until its next write, and an
    immediate re-run was told another one was in progress."""
    import subprocess
    import textwrap

    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
        from sync.speedups import Beside

        def forever():
            time.sleep(600)
            yield None

        pending = Beside(forever)
        print(pending._process.pid, flush=True)
        time.sleep(600)
    """), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
