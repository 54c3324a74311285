"""The one exception hierarchy. The CLI alone turns these into messages and exit codes."""

import errno


class RegsyncError(Exception):
    """A problem the user can act on; str(error) is one line that says what and where."""

    exit_code = 1


class ConfigError(RegsyncError):
    """config.toml (or a file it names) is missing, malformed or contradicts itself."""

    exit_code = 2


class SourceError(RegsyncError):
    """A source could not be read: unreachable, unreadable, or not a table of answers."""


class StoreError(RegsyncError):
    """The local store of responses could not be opened, read or written."""


class StorePlaceError(StoreError):
    """The store is sound, but its folder or disk takes no writing (read-only, full)."""


class ReportError(RegsyncError):
    """The report could not be written; the previous report is left as it was."""


class ResourceError(RegsyncError):
    """The machine ran out of memory (or another resource) before the run could finish."""


class RunFailed(RegsyncError):
    """The run met a file-system failure (a full or read-only disk) outside the store and reports."""


class LockedError(RegsyncError):
    """Another regsync run holds the lock; this one changed nothing."""

    exit_code = 3


class DeliveryError(RegsyncError):
    """The report was written and stored, but e-mailing it to the organizers failed."""

    exit_code = 4


# What a person can do about the usual file-system failures, by errno.
_OS_PROBLEMS = {
    errno.ENOSPC: "the disk is full: free some space and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied (is the file open in Excel, or owned by another user?)",
    errno.EPERM: "permission denied (is the file open in Excel, or owned by another user?)",
    errno.EISDIR: "a folder is in the way",
    errno.ELOOP: "a symbolic link is in the way; regsync does not follow links there",
}


def os_problem(error: OSError) -> str:
    """An OSError in words a person can act on: "the disk is full: free some space ..."."""
    return _OS_PROBLEMS.get(error.errno, error.strerror or str(error))


class PublishError(RegsyncError):
    """The report was written and stored, but publishing it to the Google Sheet failed."""

    exit_code = 5
