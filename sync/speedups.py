"""Process-wide tricks that make a big run faster, kept together, each a no-op where unsupported.

None of them changes a result; each only changes how fast or how lean a run is
(docs/architecture.md, "Speed"). The rest of regsync calls these four and nothing else of the
kind:

- Beside: work done in a forked child while this process does other work. Only on Linux with
  a second CPU: fork without exec is unsafe on macOS (system frameworks may hold locks in
  the parent), and Windows has no fork. Elsewhere the work runs here when its result is
  asked for. A child that dies or hangs past CHILD_TIMEOUT_S is stopped and its work done
  here (or replaced by `if_lost`): slower, never lost, never waited for forever.
- return_big_arrays_when_freed: glibc's mmap threshold fixed (see there); nothing without glibc.
- collector_paused: no cyclic garbage collection during a run.
- exit_now: leave without tearing the interpreter down.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator

# Below this many responses a second process costs more than it saves (fork, sending back).
PARALLEL_FROM_ROWS = 10_000
# The longest a run waits for its child: a million responses' names and phones take about
# 20 s on a slow machine, so anything near this is a hung child, not a slow one.
CHILD_TIMEOUT_S = 300.0


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing

    return (sys.platform.startswith("linux")
            and "fork" in multiprocessing.get_all_start_methods() and usable_cpus() > 1)


class Beside:
    """`work(*args)` started in a forked child; `result()` waits for it. Use as a context
    manager so a child whose result is no longer wanted (the caller failed) is stopped."""

    def __init__(self, work: Callable[..., Any], *args: Any, fork: bool = True,
                 if_lost: Callable[[], Any] | None = None, timeout: float = CHILD_TIMEOUT_S):
        """`if_lost` gives the result when the child is lost (killed for memory, hung); by
        default the work is done here then, so `args` are kept until the result comes. With
        `if_lost`, a forked child's `args` are let go here once the child has them."""
        self._work, self._args, self._if_lost, self._timeout = work, args, if_lost, timeout
        self._process = self._receiver = None
        if fork and can_fork():
            import multiprocessing

            receiver, sender = os.pipe()
            handed = [work, args]  # emptied below: the child has its own copy
            self._process = multiprocessing.get_context("fork").Process(
                target=_child, args=(receiver, sender, handed), daemon=True)
            self._process.start()
            os.close(sender)  # the child holds the only writing end: its death ends reading
            self._receiver = open(receiver, "rb")
            if if_lost is not None:
                handed.clear()
                self._args = ()

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self) -> Any:
        import pickle
        from multiprocessing.connection import wait

        if self._process is None:
            return self._work(*self._args)
        try:
            if not wait([self._receiver], self._timeout):
                raise TimeoutError("the child took too long")
            # read as it arrives: a big result is never held as one block of bytes as well
            outcome, value = pickle.load(self._receiver)
        except (EOFError, pickle.UnpicklingError, TimeoutError):  # died or hung: do it here
            outcome, value = "ok", self._if_lost() if self._if_lost else self._work(*self._args)
        finally:
            self.stop()
        if outcome == "error":
            raise value
        return value

    def stop(self) -> None:
        """Stop the child if it still runs: its result is no longer wanted."""
        if self._process is None:
            return
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._receiver.close()
        self._process = None

    def __enter__(self) -> "Beside":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()  # a child whose result was never asked for is not waited for


def _child(receiver: int, sender: int, handed: list) -> None:
    """The child's whole life: quiet whatever happens to its parent. Ctrl-C in a terminal
    reaches both processes (the parent stops the child); a stop request ends it at once
    (the parent's handler is not inherited); a parent killed meanwhile makes the write fail,
    which is the end of it, not a traceback."""
    import pickle

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.close(receiver)
    work, args = handed
    try:
        with open(sender, "wb") as out:
            try:
                outcome = ("ok", work(*args))
            except Exception as error:  # the caller raises it, as if the work had run there
                outcome = ("error", error)
            pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:  # the parent is gone: nobody is left to tell
        os._exit(1)


# --- memory ----------------------------------------------------------------------------------

M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h
BIG_ALLOCATION = 1024 * 1024  # bytes: a column of 131,072 cells and up gets its own mapping


def return_big_arrays_when_freed() -> None:
    """Big arrays go back to the operating system when they are freed.

    glibc serves an allocation above its mmap threshold (128 KB at first) with a mapping of
    its own, returned to the system when freed; but each such free raises the threshold, up
    to 32 MB, so that later big arrays come from the heap, whose freed middle is never
    returned. A run makes and drops many arrays of a million cells: with a sliding threshold
    its memory only grows (a million responses: 0.1 GB more at the peak, 0.6 GB more at the
    end). Setting the threshold stops the sliding. Not lower than a megabyte: every mapping
    is paid for in page faults when it is first written, and at 100,000 responses a 256 KB
    threshold made dedup a seventh slower to save 2% of its peak memory.

    Only with glibc (Linux); on macOS, Windows and musl nothing is done.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # musl has no mallopt
        return
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt(M_MMAP_THRESHOLD, BIG_ALLOCATION)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during a run. A run makes millions of small objects
    (cells, rows, per-value results) that live to its end, and the collector walked them
    again and again: a seventh of a 100,000-response run. What a run throws away is freed by
    reference counting; the few reference cycles wait until the collector is back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def exit_now(code: int) -> None:
    """Exit without tearing the interpreter down. After a big run the interpreter would free
    millions of objects one by one (a third of a second at 100,000 responses); the
    operating system takes the memory back at once. The caller has closed everything that
    matters (the store, the report, the lock, the log); this flushes what was printed."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader of a pipe went away: nothing more to say to it
        pass
    os._exit(code)
