"""Work done in a forked process while this one goes on with other work: two CPUs, half the wait.

Only where fork exists and a second CPU is free; anywhere else the work simply runs in this
process when its result is asked for, so the result never depends on where it was computed.
The child computes, sends its result back through a pipe and exits without running any
clean-up of ours: it never touches the store, the log or a file. If it dies (killed for
memory, say), the work is done again here: slower, never lost.
"""

from __future__ import annotations

import os
from typing import Any, Callable


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and usable_cpus() > 1


class Beside:
    """`work(*args)` started in a forked child; `result()` waits for it. Use as a context
    manager so a child whose result is no longer wanted (the caller failed) is stopped."""

    def __init__(self, work: Callable[..., Any], *args: Any, fork: bool = True):
        self._work, self._args = work, args
        self._process = self._receiver = None
        if fork and can_fork():
            import multiprocessing

            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(sender, work, args), daemon=True)
            self._process.start()
            sender.close()  # the child holds the only writing end: its death ends recv()

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self) -> Any:
        if self._process is None:
            return self._work(*self._args)
        try:
            outcome, value = self._receiver.recv()
        except EOFError:  # the child died before it could answer
            outcome, value = "ok", self._work(*self._args)
        finally:
            self._stop()
        if outcome == "error":
            raise value
        return value

    def _stop(self) -> None:
        if self._process is None:
            return
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.close()
        self._process = None

    def __enter__(self) -> "Beside":
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()  # a child whose result was never asked for is not waited for


def _child(sender, work: Callable[..., Any], args: tuple) -> None:
    try:
        sender.send(("ok", work(*args)))
    except Exception as error:  # the caller raises it, as if the work had run there
        sender.send(("error", error))
    finally:
        sender.close()
