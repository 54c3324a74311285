"""One run at a time: an OS file lock beside the store, released even if the process dies.

filelock takes the operating system's own lock (flock on Linux and macOS, LockFileEx on
Windows) and refuses a lock path that is a symbolic link, so a link planted there cannot make
a run truncate another file.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

import filelock

from sync.errors import LockedError, StoreError, os_problem

LOCK_SUFFIX = ".lock"


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + LOCK_SUFFIX)


@contextlib.contextmanager
def run_lock(store_path: Path) -> Iterator[None]:
    """Hold `<store>.lock` for the duration; raise LockedError at once if another run holds it."""
    path = lock_path(store_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create the folder of the lock file {path}: {os_problem(e)}")
    if path.is_symlink():
        raise StoreError(f"the lock file {path} is a symbolic link; regsync does not follow "
                         "links there: remove it and run again")
    lock = filelock.FileLock(path, timeout=0, thread_local=False)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise LockedError(f"another regsync run is in progress; it holds {path}. "
                          "This run changed nothing; try again when it has finished") from None
    except OSError as e:
        raise StoreError(f"cannot take the lock file {path}: {os_problem(e)}") from None
    try:
        yield
    finally:
        lock.release()
