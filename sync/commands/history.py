"""`regsync history`: the last runs and their figures, newest first, in the report's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sync.config import Config
from sync.store import Store


def local_time(moment: str, zone: str) -> str:
    """A run's start as the organizers' clocks show it: "2025-10-09 06:30"."""
    try:
        when = dt.datetime.fromisoformat(moment)
    except ValueError:  # written by hand, or by something else: shown as it is
        return moment
    return when.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def history(config: Config, limit: int) -> str:
    with Store.for_reading(config.store_path) as store:
        runs = store.runs(limit)
    if not runs:
        return "no runs yet"
    zone = config.report.timezone
    header = f"{'run':>4}  {f'started ({zone})':<25} {'command':<7} {'outcome':<7} " \
             f"{'pulled':>6} {'new':>5} {'chg':>4} {'gone':>4} {'people':>6}  report / error"
    lines = [header]
    for r in runs:
        figures = [r.pulled, r.new, r.changed, r.vanished, r.participants]
        shown = [("" if v is None else str(v)) for v in figures]
        tail = r.error if r.outcome == "failed" else (r.report_path or "")
        lines.append(f"{r.id:>4}  {local_time(r.started_at, zone):<25} {r.command:<7} {r.outcome:<7} "
                     f"{shown[0]:>6} {shown[1]:>5} {shown[2]:>4} {shown[3]:>4} {shown[4]:>6}  {tail}")
    return "\n".join(lines)
