"""Pulling: every source read into a SheetTable, its questions read as fields (sync.questions).

Every source is pulled before anything is stored, so a failed pull stores nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sync.config import Config, FileSource, ImapSource, Source
from sync.fields import NAME_PART_FIELDS
from sync.headers import read_headers
from sync.progress import Progress
from sync.questions.answers import sample_answers
from sync.questions.assign import FormReading
from sync.responses import NO_BRANCHES, Branches
from sync.sources.table import SheetTable
from sync.sources.mail_table import MailboxMemory
from sync.store import Identity, Recorded, Store

log = logging.getLogger("regsync")


@dataclass(frozen=True)
class Pulled:
    source: Source
    table: SheetTable
    mapping: dict[str, str]
    recorded: Recorded | None = None  # once stored: the table's rows are the current ones
    reading: FormReading | None = None  # how its questions were read, from its own rows

    @property
    def branches(self) -> Branches:
        return self.reading.branches if self.reading else NO_BRANCHES


def pull_source(source: Source, google_adapter: Any = None, store: Store | None = None
                ) -> SheetTable:
    """`store`: where a mailbox's reading stopped (none: read every letter)."""
    if isinstance(source, ImapSource):
        from sync.sources.mailbox import read_mailbox

        return read_mailbox(source, store.mailbox_memory(source.name) if store else MailboxMemory())
    if isinstance(source, FileSource):
        from sync.sources.files import read_file_source

        return read_file_source(source)
    from sync.sources.google_sheet import read_google_sheet  # only Google runs import gspread

    return read_google_sheet(source, adapter=google_adapter)


def pull_all(config: Config, google_adapter: Any = None, progress: Progress = Progress(),
             store: Store | None = None) -> list[Pulled]:
    pulled = []
    for source in config.sources:
        progress.step(f"reading source '{source.name}'…")
        table = pull_source(source, google_adapter, store)
        reading = read_headers(table.headers, source.columns, table.where, sample_answers([table]))
        log.debug("source %s: %d rows from %s", source.name, len(table.rows), table.where)
        pulled.append(Pulled(source, table, dict(reading.mapping), reading=reading))
    return pulled


def identity_of(mapping: dict[str, str], branches: Branches = NO_BRANCHES) -> Identity:
    """`branches`: the questions of other branches of the form (FormReading.branches), whose
    cells say who a row is where the first question's are blank."""
    names = ("full_name",) if "full_name" in mapping else (*NAME_PART_FIELDS, "full_name")

    def questions(fields: tuple[str, ...]) -> tuple[str, ...]:
        return (*(mapping[f] for f in fields if f in mapping),
                *(q for f in fields for q in branches.get(f, ())))

    return Identity(timestamp=mapping.get("submitted_at"),
                    name=questions(names),
                    contacts=questions(("email", "phone")))
