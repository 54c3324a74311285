"""A one-line progress display for people watching a terminal; silent for cron and pipes."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Does nothing: what cron, tests and `-q` get."""

    def step(self, text: str) -> None:
        pass

    def done(self) -> None:
        pass


class TerminalProgress(Progress):
    """Rewrites one status line on stderr: 'pulling form…', 'normalizing 100,000 responses…'."""

    def __init__(self, stream: TextIO = sys.stderr):
        self.stream = stream
        self.started = time.monotonic()
        self.shown = False

    def step(self, text: str) -> None:
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r\x1b[K{text} ({elapsed:.0f} s)")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def progress_for(stream: TextIO, quiet: bool) -> Progress:
    return TerminalProgress(stream) if stream.isatty() and not quiet else Progress()
