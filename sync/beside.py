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

# Below this many responses a second process costs more than it saves (fork, sending back).
PARALLEL_FROM_ROWS = 10_000


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

    def __init__(self, work: Callable[..., Any], *args: Any, fork: bool = True,
                 if_lost: Callable[[], Any] | None = None):
        """`if_lost` gives the result when the child is lost (killed for memory, say); by
        default the work is done here then, so `args` are kept until the result comes. With
        `if_lost`, a forked child's `args` are let go here once the child has them."""
        self._work, self._args, self._if_lost = work, args, if_lost
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

        if self._process is None:
            return self._work(*self._args)
        try:
            # read as it arrives: a big result is never held as one block of bytes as well
            outcome, value = pickle.load(self._receiver)
        except (EOFError, pickle.UnpicklingError):  # the child died before it finished
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
            self._process.terminate()
        self._process.join()
        self._receiver.close()
        self._process = None

    def __enter__(self) -> "Beside":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()  # a child whose result was never asked for is not waited for


def _child(receiver: int, sender: int, handed: list) -> None:
    import pickle

    os.close(receiver)
    work, args = handed
    with open(sender, "wb") as out:
        try:
            outcome = ("ok", work(*args))
        except Exception as error:  # the caller raises it, as if the work had run there
            outcome = ("error", error)
        pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
