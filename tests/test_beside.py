"""Work in a forked process (sync.beside): same result as here, errors raised here, never lost."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import sync.normalize as normalize_module
from sync.beside import Beside, can_fork
from sync.config import NormalizeConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import accuracy  # noqa: E402
import synth  # noqa: E402

needs_fork = pytest.mark.skipif(not can_fork(), reason="no fork or a single CPU here")


def _pid_and_sum(values: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(values)


def _fails(message: str) -> None:
    raise ValueError(message)


def _dies_unless_in(pid: int) -> str:
    if os.getpid() != pid:
        os._exit(3)  # killed, as the out-of-memory killer would
    return "done here"


def _never_ends() -> None:
    time.sleep(600)


@needs_fork
def test_the_work_runs_in_another_process_and_its_result_comes_back():
    with Beside(_pid_and_sum, list(range(1000))) as pending:
        assert pending.forked
        pid, total = pending.result()
    assert pid != os.getpid() and total == sum(range(1000))


def test_without_fork_the_work_runs_here_when_asked():
    with Beside(_pid_and_sum, [1, 2, 3], fork=False) as pending:
        assert not pending.forked
        assert pending.result() == (os.getpid(), 6)


@pytest.mark.parametrize("fork", [True, False])
def test_an_error_in_the_work_is_raised_to_the_caller(fork: bool):
    with Beside(_fails, "bad cell", fork=fork) as pending:
        with pytest.raises(ValueError, match="bad cell"):
            pending.result()


@needs_fork
def test_a_child_that_dies_is_replaced_by_doing_the_work_here():
    with Beside(_dies_unless_in, os.getpid()) as pending:
        assert pending.forked
        assert pending.result() == "done here"


@needs_fork
def test_a_lost_child_can_give_a_stand_in_result_instead_of_keeping_the_work():
    values = [os.getpid()]
    with Beside(_dies_unless_in, *values, if_lost=lambda: "nothing known") as pending:
        assert pending.forked and pending._args == ()
        assert pending.result() == "nothing known"


@needs_fork
def test_leaving_early_stops_the_child():
    started = time.monotonic()
    with pytest.raises(RuntimeError):
        with Beside(_never_ends) as pending:
            process = pending._process
            raise RuntimeError("the caller failed")
    assert not process.is_alive()
    assert time.monotonic() - started < 60


@pytest.fixture(scope="module")
def responses(tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("synthetic")
    synth.write_all(synth.generate(1500, seed=11), folder)
    return accuracy.read_responses(folder)


@needs_fork
def test_normalize_gives_the_same_frame_whether_it_forks_or_not(responses, monkeypatch):
    reference = normalize_module.load_reference(NormalizeConfig())
    monkeypatch.setattr(normalize_module, "PARALLEL_FROM_ROWS", len(responses) + 1)
    here = normalize_module.normalize(responses, reference)
    monkeypatch.setattr(normalize_module, "PARALLEL_FROM_ROWS", 0)
    forked = normalize_module.normalize(responses, reference)
    pd.testing.assert_frame_equal(here, forked)
    assert here["phone"].ne("").sum() > 1000 and here["name_key"].ne("").sum() > 1000


def test_names_and_phones_worked_out_ahead_give_the_same_frame(responses):
    """What work_out found (for some of the values: the rest, say rows deleted from their
    source, is worked out by normalize itself) changes nothing in the result."""
    reference = normalize_module.load_reference(NormalizeConfig())
    half = len(responses) // 2
    known = normalize_module.work_out(responses["full_name"][:half].tolist(),
                                      responses["phone"][:half].tolist())
    asked = []

    def ahead():
        asked.append(True)
        return known

    worked_ahead = normalize_module.normalize(responses, reference, known=ahead)
    pd.testing.assert_frame_equal(worked_ahead, normalize_module.normalize(responses, reference))
    assert asked == [True] and len(known.names) > 500 and len(known.phones) > 500
