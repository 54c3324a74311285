"""regsync's command line: builds the real objects, calls one function, maps errors to exits.

This is the only place that turns a RegsyncError into a message and an exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import threading
import warnings
from typing import Any, Iterator, Sequence

from sync.errors import ConfigError, RegsyncError, os_problem

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
EXIT_UNDELIVERED, EXIT_UNPUBLISHED, EXIT_SOURCE_SHRANK = 4, 5, 6
EXIT_CODES_HELP = """exit codes:
  0  success
  1  the run failed (a source unreachable or unreadable, bad data, a full or read-only
     disk, the report not written); earlier reports are untouched, no stored response lost
  2  usage or config error (config.toml or a file it names)
  3  another regsync run is in progress; this one changed nothing
  4  the report was written, but e-mailing it ([notify]) failed
  5  the report was written, but publishing it to the Google Sheet ([publish]) failed
     (when e-mailing failed too: 4, and both errors are printed)
  6  the report was written, but a source lost most of its rows since the last run (an
     emptied sheet?); nothing stored was dropped (4 or 5 first, when those failed too)"""

log = logging.getLogger("regsync")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's usage errors exit 2, as ours do
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"regsync: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-c", "--config", default=argparse.SUPPRESS, metavar="PATH",
                        help="the config file (default: config.toml)")
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                          help="say more about each step")
    loudness.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                          help="print only errors (for cron)")

    parser = _Parser(
        prog="regsync", parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Turn PlastNet conference registrations (the Google Form's sheet, CSV/XLSX "
                    "exports, the e-mail list) into a clean daily Excel report.",
        epilog=EXIT_CODES_HELP)
    parser.add_argument("--version", action="version", version=f"regsync {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    helps = {
        "run": "pull every source, store the answers and write today's report (what cron calls)",
        "sync": "pull every source and store the answers; no report",
        "report": "rebuild today's report from the answers already stored; no pulling",
        "check": "validate the config and read every source; print what would be read, change nothing",
        "history": "show the last runs and their figures",
        "who": "list who is registered from one institution, e.g. regsync who \"КазНУ\"",
        "init": "write a commented config.toml to start from (asks for the Google Sheet's "
                "address when run in a terminal)",
    }
    for name, text in helps.items():
        sub = commands.add_parser(name, parents=[common], help=text, description=text[0].upper() + text[1:] + ".",
                                  epilog=EXIT_CODES_HELP,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        if name == "history":
            sub.add_argument("-n", type=int, default=10, help="how many runs (default 10)")
        if name == "report":
            sub.add_argument("--by-institution", action="store_true",
                             help="also write one workbook per institution into "
                                  "output/by-institution-YYYY-MM-DD/, to send each its own list")
        if name == "who":
            sub.add_argument("institution", type=_something,
                             help="the institution as people type it: КазНУ, ЕНУ, Satbayev ...")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("regsync")
    except PackageNotFoundError:  # run from a folder that was never installed
        return "(not installed)"


def _something(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError('give an institution to look for, e.g. regsync who "КазНУ"')
    return text


def main(argv: Sequence[str] | None = None, *, google_adapter: Any = None) -> int:
    """Run the command line; returns the exit code. `google_adapter` is the tests' seam."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    verbose = getattr(args, "verbose", False)
    quiet = getattr(args, "quiet", False)
    _configure_logging(verbose, quiet)
    try:
        with _stopped_as_interrupted():
            return _configured_and_dispatched(args, google_adapter, verbose, quiet)
    except RegsyncError as e:
        log.error("regsync: %s", e)
        return e.exit_code
    except KeyboardInterrupt:
        log.error("regsync: stopped before the end; no stored response is lost, and each "
                  "report is as it was or whole (never half written)")
        return EXIT_FAILED
    except MemoryError:
        log.error("regsync: the machine ran out of memory; earlier reports are as they were")
        return EXIT_FAILED
    except BrokenPipeError:  # `regsync who ... | head`: the reader has all it wanted
        _stop_writing_to_stdout()
        return EXIT_OK
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        log.error("regsync: %s%s", where, os_problem(e))
        return EXIT_FAILED
    except Exception as e:  # a bug: say so plainly, with the details one -v away
        log.error("regsync: unexpected error (%s: %s); run again with -v for details",
                  type(e).__name__, e, exc_info=verbose)
        return EXIT_FAILED


def _configured_and_dispatched(args: argparse.Namespace, google_adapter: Any, verbose: bool,
                               quiet: bool) -> int:
    from sync.config import load_config
    from sync.privacy import create_private

    if args.command == "init":  # the one command that has no config yet
        from pathlib import Path

        from sync.commands.init import init

        ask = input if sys.stdin.isatty() and sys.stdout.isatty() else None
        log.info("%s", init(Path(getattr(args, "config", "config.toml")), ask))
        return EXIT_OK
    config = load_config(getattr(args, "config", "config.toml"))
    create_private(config.file_mode)
    if config.log_file:
        _add_log_file(config.log_file, verbose, config.file_mode)
    return _dispatch(args, config, google_adapter, quiet)


@contextlib.contextmanager
def _stopped_as_interrupted() -> Iterator[None]:
    """A stop request (SIGTERM: systemd stopping the unit, kill, a shutdown) unwinds the run
    like Ctrl-C, so it cleans up after itself instead of dying mid-write."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    requested = []

    def stop(signum, frame):
        requested.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except Exception as e:
        # a library that catches everything (openpyxl's typed attributes do) turns the
        # interruption into an error of its own: after a stop request it is still the stop
        if requested:
            raise KeyboardInterrupt from e
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)


def _dispatch(args: argparse.Namespace, config, google_adapter: Any, quiet: bool) -> int:
    if args.command in ("run", "sync", "report"):
        from sync.run import execute

        from sync.progress import progress_for

        published: list = []  # what publishing gave: a Published, or the PublishError
        summary = execute(config, args.command, google_adapter=google_adapter,
                          by_institution=getattr(args, "by_institution", False),
                          progress=progress_for(sys.stderr, quiet),
                          after_report=_publisher(config, google_adapter, published))
        log.info("%s", summary.line(args.command))
        if summary.not_people:
            log.info("%s", summary.not_people_line())
        for alert in summary.alerts:
            log.error("regsync: %s", alert.line())
        code = _log_published(published) or (EXIT_SOURCE_SHRANK if summary.alerts else EXIT_OK)
        if config.notify is not None and args.command == "run" and summary.report_path:
            from sync.notify import send_report

            send_report(config.notify, summary.report_path, summary.report_day,
                        summary.participants or 0, summary.line(args.command))
            log.info("report e-mailed to %d recipient(s)", len(config.notify.recipients))
        return code
    if args.command == "check":
        from sync.commands.check import check

        print(check(config, google_adapter=google_adapter))
        return EXIT_OK
    if args.command == "history":
        from sync.commands.history import history

        print(history(config, args.n))
        return EXIT_OK
    if args.command == "who":
        from sync.commands.who import who

        print(who(config, args.institution))
        return EXIT_OK
    raise ConfigError(f"unknown command {args.command}")


def _publisher(config, google_adapter: Any, published: list):
    """The step that publishes the report ([publish]); its outcome goes into `published`,
    so that a failure is reported after the run's own line, with its own exit code."""
    if config.publish is None:
        return None

    def publish(data) -> None:
        from sync.errors import PublishError
        from sync.publish import google_sheet

        try:
            published.append(google_sheet.publish_report(config.publish, data,
                                                         adapter=google_adapter))
        except PublishError as e:
            published.append(e)
        except Exception as e:  # a bug here must not be reported as a failed run: it was not
            log.debug("publishing failed", exc_info=True)
            published.append(PublishError(
                f"report not published to the Google Sheet: unexpected error "
                f"({type(e).__name__}: {e}); run again with -v for details"))

    return publish


def _log_published(published: list) -> int:
    for outcome in published:
        if isinstance(outcome, RegsyncError):
            log.error("regsync: %s", outcome)
            return outcome.exit_code
        log.info("report published to Google Sheet '%s' (%d tabs)", outcome.title, outcome.tabs)
    return EXIT_OK
def _stop_writing_to_stdout() -> None:
    """What is still buffered for a closed pipe goes nowhere, instead of failing again when
    Python flushes it on the way out."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _unraisable_to_debug(unraisable: Any) -> None:
    """An error Python cannot raise, met when a half-written workbook's pieces are thrown
    away after a stop or a full disk, is shown with -v only: the run's one line says what
    happened, and a traceback after it would only alarm."""
    log.debug("while throwing away %r: %s", unraisable.object, unraisable.exc_value,
              exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback))


def _warning_to_debug(message, category, filename, lineno, file=None, line=None) -> None:
    """A library's warning about a file it read ("Workbook contains no default style": a
    list saved by 1C or a web system) is shown with -v only: on stderr cron would mail it
    after every good run (field test AR)."""
    log.debug("%s: %s (%s:%s)", category.__name__, message, filename, lineno)


def _configure_logging(verbose: bool, quiet: bool) -> None:
    logger = logging.getLogger("regsync")
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO
    handler.setLevel(level)
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


class _LogFile(logging.FileHandler):
    """The [log] file: a line that cannot be written (a full disk) is said once, in one
    line, and the run goes on; logging's own traceback would make cron mail a good run."""

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        if not self.failed:
            self.failed = True
            problem = sys.exc_info()[1]
            reason = os_problem(problem) if isinstance(problem, OSError) else str(problem)
            print(f"regsync: cannot write the log file {self.baseFilename}: {reason}; the "
                  "run goes on without it", file=sys.stderr)


def _add_log_file(path, verbose: bool, file_mode: int) -> None:
    from sync.privacy import restrict

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _LogFile(path, encoding="utf-8")
    except OSError as e:  # a read-only or missing folder: the run itself can still be done
        print(f"regsync: cannot open the log file {path}: {os_problem(e)}; the run goes on "
              "without it", file=sys.stderr)
        return
    restrict([path], file_mode)  # a log an earlier regsync started with a looser mode
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger = logging.getLogger("regsync")
    logger.addHandler(handler)
    logger.setLevel(min(logger.level, handler.level))


def console() -> None:
    """The `regsync` command: main(), then exit at once (sync.speedups.exit_now)."""
    from sync.speedups import exit_now

    sys.unraisablehook = _unraisable_to_debug
    warnings.showwarning = _warning_to_debug
    code = main()
    logging.shutdown()  # flushes the log file
    exit_now(code)


if __name__ == "__main__":
    console()
