"""The one exception hierarchy. The CLI alone turns these into messages and exit codes."""


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


class ReportError(RegsyncError):
    """The report could not be written; the previous report is left as it was."""


class LockedError(RegsyncError):
    """Another regsync run holds the lock; this one changed nothing."""

    exit_code = 3


class DeliveryError(RegsyncError):
    """The report was written and stored, but e-mailing it to the organizers failed."""

    exit_code = 4
