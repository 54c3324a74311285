"""Google faults through the stand-in and the real CLI: bounded time, a clear error or success,
never a partial store. Waits go to a fake sleeper: no test really sleeps through a back-off."""

from __future__ import annotations

import time

import pytest
import requests
from google_standin import Fault, StandInAdapter

from sync.sources.google_http import RetryPolicy
from tests.hostile.conftest import (
    ACCOUNT,
    FORM_HEADER,
    KEY,
    ORDINARY_ROWS,
    STALL_SECONDS,
    assert_clean_failure,
    assert_clean_success,
    run_cli,
    snapshot,
)

# A whole failed run, back-offs excluded (they go to the fake sleeper), fits in this.
WALL_CLOCK_LIMIT = 10.0


class ResettingAdapter(StandInAdapter):
    """The stand-in, except that the first `resets` API requests die with a connection reset."""

    def __init__(self, standin, resets: int | None) -> None:
        super().__init__(standin)
        self.resets = resets

    def send(self, request, **kwargs):
        if "/v4/" in request.url and (self.resets is None or self.resets > 0):
            if self.resets is not None:
                self.resets -= 1
            raise requests.ConnectionError(ConnectionResetError(104, "Connection reset by peer"))
        return super().send(request, **kwargs)


def _rows(standin) -> list[list]:
    return standin.spreadsheets[KEY].tabs[0].rows


def _run_then_fault(google_project, capsys, standin, break_it, adapter=None):
    """A good run, then the fault, then a second run: (code, stderr, seconds, snapshot before)."""
    assert run_cli(capsys, "run", google_adapter=StandInAdapter(standin))[0] == 0
    before = snapshot(google_project)
    _rows(standin).append(["2025/10/09 9:00:00 AM GMT+5", "new.test@example.org", "Новая Участница",
                           "", "КазНУ", "", "студент", ""])
    break_it(standin)
    started = time.monotonic()
    code, _, err = run_cli(capsys, "run", google_adapter=adapter or StandInAdapter(standin))
    return code, err, time.monotonic() - started, before


FAILING = [
    pytest.param(lambda s: s.inject(Fault(429, times=None, retry_after=20)), "429 RESOURCE_EXHAUSTED",
                 id="429-storm-with-retry-after"),
    pytest.param(lambda s: s.inject(Fault(429, times=None)), "429 RESOURCE_EXHAUSTED", id="429-storm"),
    pytest.param(lambda s: s.inject(Fault(500, times=None)), "kept answering 500", id="500-forever"),
    pytest.param(lambda s: s.inject(Fault(503, times=None, skip=1)), "kept answering 503",
                 id="503-after-metadata"),
    pytest.param(lambda s: s.inject(Fault(delay=STALL_SECONDS, times=None)), "did not answer in time",
                 id="stalled-server"),
    pytest.param(lambda s: setattr(s, "reject_all_tokens", True), "rejected the credentials",
                 id="token-always-rejected"),
    pytest.param(lambda s: setattr(s.spreadsheets[KEY], "shared", False), "not shared with " + ACCOUNT,
                 id="unshared"),
    pytest.param(lambda s: _rows(s).clear(), "is empty", id="emptied-tab"),
]


@pytest.mark.parametrize("break_it, message", FAILING)
def test_google_faults_fail_in_bounded_time_and_change_nothing(google_project, capsys, standin,
                                                               fake_time, break_it, message):
    code, err, seconds, before = _run_then_fault(google_project, capsys, standin, break_it)
    assert code == 1
    assert message in err
    assert_clean_failure(google_project, before, code, err)
    assert seconds < WALL_CLOCK_LIMIT
    policy = RetryPolicy()
    assert sum(fake_time.sleeps) <= policy.budget
    assert len(fake_time.sleeps) < policy.max_attempts


def test_connection_resets_forever_fail_cleanly(google_project, capsys, standin, fake_time):
    code, err, seconds, before = _run_then_fault(google_project, capsys, standin, lambda s: None,
                                                 adapter=ResettingAdapter(standin, resets=None))
    assert code == 1 and "cannot reach Google" in err
    assert_clean_failure(google_project, before, code, err)
    assert seconds < WALL_CLOCK_LIMIT


RECOVERING = [
    pytest.param(lambda s: s.inject(Fault(429, times=2, retry_after=7)), None, id="429-twice"),
    pytest.param(lambda s: s.inject(Fault(500, times=1)), None, id="500-once"),
    pytest.param(lambda s: s.inject(Fault(503, times=2, skip=1)), None, id="503-twice"),
    pytest.param(lambda s: s.inject(Fault(401, times=1, skip=1)), None, id="token-expired-mid-run"),
    pytest.param(lambda s: s.inject(Fault(delay=STALL_SECONDS, times=1)), None, id="one-stall"),
    pytest.param(lambda s: None, 2, id="two-connection-resets"),
]


@pytest.mark.parametrize("break_it, resets", RECOVERING)
def test_passing_faults_end_in_a_clean_report_with_everyone(google_project, capsys, standin,
                                                            fake_time, break_it, resets):
    adapter = ResettingAdapter(standin, resets) if resets else None
    code, err, seconds, _ = _run_then_fault(google_project, capsys, standin, break_it, adapter)
    assert code == 0, err
    assert_clean_success(google_project, _rows(standin))
    assert seconds < WALL_CLOCK_LIMIT


def test_a_renamed_question_loses_nothing(google_project, capsys, standin):
    """The organizers rename a question between two runs: the second run keeps the old answers."""
    _rows(standin)[0] = [*FORM_HEADER, "Курс"]
    _rows(standin)[1] = [*ORDINARY_ROWS[0], "второй курс"]
    assert run_cli(capsys, "run", google_adapter=StandInAdapter(standin))[0] == 0
    stored_before = len(snapshot(google_project).responses)
    _rows(standin)[0] = [*FORM_HEADER, "Курс обучения"]
    _rows(standin).append(["2025/10/09 9:00:00 AM GMT+5", "new.test@example.org",
                           "Новая Участница", "", "КазНУ", "", "студент", "", "первый курс"])
    code, _, err = run_cli(capsys, "run", google_adapter=StandInAdapter(standin))
    assert code == 0, err
    book = assert_clean_success(google_project, _rows(standin))
    assert len(snapshot(google_project).responses) >= stored_before
    shown = {c for row in book["Participants"].iter_rows(values_only=True) for c in row}
    assert {"второй курс", "первый курс"} <= shown
