"""`regsync history`: the last runs and their figures, newest first."""

from __future__ import annotations

from sync.config import Config
from sync.store import Store


def history(config: Config, limit: int) -> str:
    with Store(config.store_path, create=False) as store:
        runs = store.runs(limit)
    if not runs:
        return "no runs yet"
    header = f"{'run':>4}  {'started (UTC)':<25} {'command':<7} {'outcome':<7} " \
             f"{'pulled':>6} {'new':>5} {'chg':>4} {'gone':>4} {'people':>6}  report / error"
    lines = [header]
    for r in runs:
        figures = [r.pulled, r.new, r.changed, r.vanished, r.participants]
        shown = [("" if v is None else str(v)) for v in figures]
        tail = r.error if r.outcome == "failed" else (r.report_path or "")
        lines.append(f"{r.id:>4}  {r.started_at:<25} {r.command:<7} {r.outcome:<7} "
                     f"{shown[0]:>6} {shown[1]:>5} {shown[2]:>4} {shown[3]:>4} {shown[4]:>6}  {tail}")
    return "\n".join(lines)
