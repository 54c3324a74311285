"""Process-wide tricks that make a big run faster, kept together, each a no-op where unsupported.

None of them changes a result; each only changes how fast or how lean a run is
(docs/architecture.md, "Speed"). The rest of regsync calls these four and nothing else of the
kind:

- Beside: work done in a forked child while this process does other work, sent back a part
  at a time. Only on Linux with a second CPU: fork without exec is unsafe on macOS (system
  frameworks may hold locks in the parent), and Windows has no fork. Elsewhere each part is
  made here when it is asked for. A child that dies or hangs past CHILD_TIMEOUT_S is
  stopped and the parts it did not send are made here (or left for the caller to work
  out): slower, never lost, never waited for forever.
- return_big_arrays_when_freed: glibc's mmap threshold fixed (see there); nothing without glibc.
- collector_paused: no cyclic garbage collection during a run.
- exit_now: leave without tearing the interpreter down.
"""

from __future__ import annotations

import ctypes
import gc
import io
import itertools
import os
import signal
import sys
import time
from contextlib import contextmanager
from typing import Any, BinaryIO, Callable, Iterable, Iterator

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
    """`work(*args)`, an iterable of parts, made in a forked child; `parts()` yields each part
    as it arrives, so the caller can use the first while the child makes the next. Use as a
    context manager so a child whose parts are no longer wanted (the caller failed) is stopped.
    """

    def __init__(self, work: Callable[..., Iterable[Any]], *args: Any, fork: bool = True,
                 redo_if_lost: bool = True, timeout: float = CHILD_TIMEOUT_S):
        """When the child is lost (killed for memory, hung past `timeout` seconds from the
        start), the parts it did not send are made here (`redo_if_lost`), so `args` are kept
        until they come; or they are left out, and a forked child's `args` are let go here
        once the child has them (the caller works out what is missing)."""
        self._work, self._args, self._redo = work, args, redo_if_lost
        self._process = self._receiver = None
        self._deadline = time.monotonic() + timeout
        if fork and can_fork():
            import multiprocessing

            receiver, sender = os.pipe()
            handed = [work, args]  # emptied below: the child has its own copy
            self._process = multiprocessing.get_context("fork").Process(
                target=_child, args=(receiver, sender, handed, os.getpid()), daemon=True)
            self._process.start()
            os.close(sender)  # the child holds the only writing end: its death ends reading
            self._receiver = io.BufferedReader(_ReadBefore(receiver, self._deadline))
            if not redo_if_lost:
                handed.clear()
                self._args = ()

    @property
    def forked(self) -> bool:
        return self._process is not None

    def parts(self) -> Iterator[Any]:
        import pickle

        if self._process is None:
            yield from self._work(*self._args)
            return
        received = 0
        try:
            while True:
                try:
                    # read as it arrives: a big part is never held as one block of bytes too
                    outcome, value = pickle.load(self._receiver)
                except (EOFError, pickle.UnpicklingError, TimeoutError):  # died or hung
                    self.stop()
                    if self._redo:
                        yield from itertools.islice(self._work(*self._args), received, None)
                    return
                if outcome == "end":
                    return
                if outcome == "error":
                    raise value
                received += 1
                yield value
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop the child if it still runs: its parts are no longer wanted."""
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
        self.stop()  # a child whose parts were never asked for is not waited for


class _ReadBefore(io.RawIOBase):
    """The reading end of the child's pipe, which fails with TimeoutError instead of waiting
    past `deadline` (time.monotonic()) for the child to write."""

    def __init__(self, fd: int, deadline: float):
        self._fd, self._deadline = fd, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        import select

        if not select.select([self._fd], [], [], max(0.0, self._deadline - time.monotonic()))[0]:
            raise TimeoutError("the child took too long")
        data = os.read(self._fd, len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def _child(receiver: int, sender: int, handed: list, parent: int) -> None:
    """The child's whole life: quiet whatever happens to its parent. Ctrl-C in a terminal
    reaches both processes (the parent stops the child); a stop request ends it at once
    (the parent's handler is not inherited); a parent killed meanwhile makes the write fail,
    which is the end of it, not a traceback, and a watch ends it within PARENT_CHECK_S."""
    from concurrent.futures import ThreadPoolExecutor

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.close(receiver)
    _end_with_the_parent(parent)
    work, args = handed
    try:
        # Each part is written by a second thread while this one makes the next: a pipe
        # holds 64 KB, and the parent reads a part only when it needs it. The part is
        # pickled here first: the writing thread then waits without the interpreter's lock.
        with open(sender, "wb") as out, ThreadPoolExecutor(max_workers=1) as writer:
            sent = []
            try:
                for part in work(*args):
                    sent.append(writer.submit(_write, out, _pickled(("ok", part))))
                outcome = ("end", None)
            except Exception as error:  # the caller raises it, as if the work had run there
                outcome = ("error", error)
            sent.append(writer.submit(_write, out, _pickled(outcome)))
            for message in sent:
                message.result()
    except OSError:  # the parent is gone: nobody is left to tell
        os._exit(1)


# How often a child looks whether its parent is still there.
PARENT_CHECK_S = 0.2


def _end_with_the_parent(parent: int) -> None:
    """End this child as soon as its parent (`parent`, its pid taken before the fork: it
    may be gone before the child looks) is gone, killed with kill -9, not when it next
    writes: it holds what the parent held open, the run's lock among them, and the next run
    would be told another one is in progress."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="regsync-parent-watch").start()


def _write(out: BinaryIO, data: bytes) -> None:
    out.write(data)
    out.flush()


def _pickled(message: tuple[str, Any]) -> bytes:
    import pickle

    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


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
