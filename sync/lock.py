"""One run at a time: an OS file lock beside the store, released even if the process dies."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

from sync.errors import LockedError, StoreError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt


@contextlib.contextmanager
def run_lock(store_path: Path) -> Iterator[None]:
    """Hold `<store>.lock` for the duration; raise LockedError at once if another run holds it."""
    lock_path = store_path.with_name(store_path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+")
    except OSError as e:
        raise StoreError(f"cannot create the lock file {lock_path}: {e.strerror}")
    try:
        try:
            if fcntl:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip()
            who = f" (process {holder})" if holder else ""
            raise LockedError(f"another regsync run is in progress{who}; it holds {lock_path}. "
                              "This run changed nothing; try again when it has finished")
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
