"""sync.memory: glibc told to give big freed arrays back; nothing done where there is no glibc."""

from __future__ import annotations

import ctypes

import pytest

from sync import memory


class FakeLibc:
    def __init__(self):
        self.calls = []

        def mallopt(parameter: int, value: int) -> int:
            self.calls.append((parameter, value))
            return 1

        self.mallopt = mallopt


def test_the_mmap_threshold_is_fixed_at_the_big_allocation_size(monkeypatch):
    libc = FakeLibc()
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    memory.return_big_arrays_when_freed()
    assert libc.calls == [(memory.M_MMAP_THRESHOLD, memory.BIG_ALLOCATION)]


@pytest.mark.parametrize("missing", [OSError("no such library"), AttributeError("mallopt")])
def test_without_glibc_nothing_is_done(monkeypatch, missing):
    def no_glibc(name):
        raise missing

    monkeypatch.setattr(ctypes, "CDLL", no_glibc)
    memory.return_big_arrays_when_freed()  # no error


def test_on_this_machine_it_runs():
    memory.return_big_arrays_when_freed()
