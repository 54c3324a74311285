"""`regsync init`: write a commented config.toml to start from, asking for the sheet's address
when someone is at the terminal. An existing config is never overwritten."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from sync.errors import ConfigError
from sync.sources.sheet_address import parse_sheet_address

TEMPLATE = Path(__file__).with_name("templates") / "config.toml"
QUESTION = ("The address of the Google Sheet that holds the form's answers\n"
            "(open it in the browser and copy the address; press Enter to read a CSV file "
            "instead): ")
SHEET_SOURCE = '''[[source]]
name = "form"                     # shown in the report's Source column
type = "google_sheet"
url = "{url}"
credentials = "service-account.json"   # the key file: docs/google-sheet-setup.md
'''
FILE_SOURCE = '''[[source]]
name = "form"                     # shown in the report's Source column
type = "csv"                      # csv | xlsx | google_sheet
path = "form-responses.csv"       # Forms: Responses > Download responses (.csv)
# [source.columns]                # optional: canonical field = exact question header
# full_name = "ФИО"
'''


def init(path: Path, ask: Callable[[str], str] | None) -> str:
    """Write the config at `path`; `ask` puts a question to a person, None when nobody is
    there (cron, a pipe). Returns what to tell them."""
    if path.exists():
        raise ConfigError(f"{path} already exists; regsync init changed nothing (edit it, or "
                          "move it away first)")
    source = FILE_SOURCE
    while ask is not None and (answer := ask(QUESTION).strip()):
        try:
            parse_sheet_address(answer, None, None)
        except ValueError as e:
            print(f"That address {str(e).removeprefix('is ')}. Try again, or press Enter.")
            continue
        source = SHEET_SOURCE.format(url=answer.replace('"', ""))
        break
    text = TEMPLATE.read_text(encoding="utf-8").replace("{source}", source)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:  # never through what appeared meanwhile
            out.write(text)
    except OSError as e:
        raise ConfigError(f"cannot write {path}: {e.strerror}")
    step = ("put the service-account key next to it as service-account.json "
            "(docs/google-sheet-setup.md)" if source is not FILE_SOURCE
            else "save the form's answers next to it as form-responses.csv")
    return f"wrote {path}: {step}, then run `regsync check`"
