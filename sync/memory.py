"""Big arrays go back to the operating system when they are freed.

glibc serves an allocation above its mmap threshold (128 KB at first) with a mapping of its
own, returned to the system when freed; but each such free raises the threshold, up to
32 MB, so that later big arrays come from the heap, whose freed middle is never returned. A
run makes and drops many arrays of a million cells: with a sliding threshold its memory
only grows (a million responses: 0.1 GB more at the peak, 0.6 GB more at the end). Setting
the threshold stops the sliding. Not lower than a megabyte: every mapping is paid for in page
faults when it is first written, and at 100,000 responses a 256 KB threshold made dedup a
seventh slower to save 2% of its peak memory.
"""

from __future__ import annotations

import ctypes

M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h
BIG_ALLOCATION = 1024 * 1024  # bytes: a column of 131,072 cells and up gets its own mapping


def return_big_arrays_when_freed() -> None:
    """Fix glibc's mmap threshold; where there is no glibc (macOS, Windows), do nothing."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt(M_MMAP_THRESHOLD, BIG_ALLOCATION)
