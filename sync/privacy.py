"""What regsync writes is readable by its owner only (SECURITY.md, docs/architecture.md).

The store and its journal, the backup, the reports, latest.xlsx, the per-institution
workbooks, the log and the lock are created under a umask that gives files `file_mode`
(600 unless config.toml says otherwise) and folders the same plus search permission (700),
whatever umask cron or a shell left. Files and folders that an earlier regsync wrote with
looser modes are brought to these at each run; folders that are not regsync's own (the
config's folder, a home) are never touched.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

# A readable file's folder must be searchable to reach it: r (4) gives x (1) in each class.
_READ_TO_SEARCH_SHIFT = 2


def folder_mode(file_mode: int) -> int:
    return file_mode | ((file_mode & 0o444) >> _READ_TO_SEARCH_SHIFT)


def create_private(file_mode: int) -> None:
    """From now on this process creates files `file_mode` and folders folder_mode()."""
    os.umask(0o777 & ~folder_mode(file_mode))


def writable_by_owner(paths: Iterable[Path]) -> None:
    """Give back the owner's read and write on files regsync must write again (SQLite's
    journal files beside the store: one left read-only makes every run fail). Skipped like
    restrict skips: links, and what this user does not own."""
    for path in paths:
        try:
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o600 != 0o600:
                os.chmod(path, stat.S_IMODE(info.st_mode) | 0o600)
        except OSError:
            continue


def restrict(paths: Iterable[Path], file_mode: int) -> None:
    """Take away what `file_mode` (or its folder mode) does not grant from existing paths.

    Symbolic links are skipped (their targets are not regsync's), and so is whatever this
    user does not own: chmod would fail there, and the run must not.
    """
    for path in paths:
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            continue
        allowed = folder_mode(file_mode) if stat.S_ISDIR(info.st_mode) else file_mode
        current = stat.S_IMODE(info.st_mode)
        if current & ~allowed:
            try:
                os.chmod(path, current & allowed)
            except OSError:
                pass


def own_folder(folder: Path, config_folder: Path) -> bool:
    """Whether `folder` is regsync's own to restrict: strictly inside the config's folder
    (output/), so never the config's folder itself, one above it, or elsewhere."""
    try:
        folder.resolve().relative_to(config_folder.resolve())
    except ValueError:
        return False
    return folder.resolve() != config_folder.resolve()
