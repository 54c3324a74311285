"""One Google Sheet pull of a 100,000-row response tab, against the local stand-in.

Real gspread and google-auth talk HTTP to tests/google_standin.py on 127.0.0.1; this counts
the requests one pull makes (the issue's target: at most 3) and times the pull. The stand-in
runs in this process, so the pull's seconds include the stand-in building and encoding its
JSON answer; that share is measured on its own and printed beside it.

    uv run python benchmarks/google_pull.py [--rows 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests"), str(HERE)]

import synth  # noqa: E402  (benchmarks/, put on the path above)
from google_standin import (DateTime, Spreadsheet, StandInAdapter, Tab, new_service_account,  # noqa: E402
                            running_standin, value_range)
from sync.config import GoogleSheetSource  # noqa: E402
from sync.sources.google_sheet import VALUES_PARAMS, quote_tab, read_google_sheet  # noqa: E402

ROWS = 100_000
KEY = "1PlastNetBenchmarkSheet0123456789abcdefghijkl"
ACCOUNT = "regsync-bench@plastnet-test.iam.gserviceaccount.com"
TAB = "Ответы на форму (1)"
TARGET_REQUESTS = 3  # token + metadata + values: the ceiling per pull
# Generated answers include the e-mail list's ~10%; this much extra leaves ROWS form rows.
EXTRA_FOR_EMAIL_ROWS = 1.15
FORM_TIME = "%Y/%m/%d %I:%M:%S %p"  # Google Forms CSV, before " GMT+5"


def form_tab(rows: int, seed: int) -> Tab:
    """`rows` synthetic form answers as a Sheet holds them: timestamps are date cells."""
    data = synth.generate(int(rows * EXTRA_FOR_EMAIL_ROWS), seed)
    answers = [[DateTime(dt.datetime.strptime(row[0].rsplit(" GMT", 1)[0], FORM_TIME)), *row[1:]]
               for row in data.form_rows[:rows]]
    if len(answers) < rows:
        raise ValueError(f"only {len(answers)} form rows generated, wanted {rows}")
    return Tab(TAB, [list(data.form_header), *answers], sheet_id=0, row_count=rows + 1,
               column_count=len(data.form_header))


def measure(rows: int, seed: int) -> None:
    tab = form_tab(rows, seed)
    sheet = Spreadsheet(KEY, "PlastNet 2025 (ответы)", [tab], locale="ru_RU", time_zone="Asia/Almaty")
    with running_standin() as standin, tempfile.TemporaryDirectory() as temp:
        standin.add(sheet)
        key_file = Path(temp) / "service-account.json"
        key_file.write_text(json.dumps(new_service_account(standin, ACCOUNT)), encoding="utf-8")
        key_file.chmod(0o600)  # regsync warns about key files others can read
        source = GoogleSheetSource(name="form", key=KEY, columns=MappingProxyType({}),
                                   timezone="UTC", credentials=key_file)
        started = time.perf_counter()
        table = read_google_sheet(source, adapter=StandInAdapter(standin))
        seconds = time.perf_counter() - started
        requests = [f"{entry.method} {unquote(entry.path)}" for entry in standin.log]
    began = time.perf_counter()
    query = {k: [v] for k, v in VALUES_PARAMS.items()}
    body = json.dumps(value_range(sheet, quote_tab(TAB), query), ensure_ascii=False, indent=2).encode()
    standin_share = time.perf_counter() - began
    verdict = "met" if len(requests) <= TARGET_REQUESTS else "NOT met"
    print(f"Google pull of {len(table.rows):,} rows x {len(table.headers)} columns: "
          f"{len(requests)} HTTP requests (target <= {TARGET_REQUESTS}: {verdict})")
    for request in requests:
        print(f"  {request}")
    print(f"pull: {seconds:.2f} s in all, of which ~{standin_share:.2f} s is the stand-in "
          f"building its {len(body) / 1e6:.1f} MB JSON answer")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    measure(args.rows, args.seed)


if __name__ == "__main__":
    main()
