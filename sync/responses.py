"""A SheetTable plus its header mapping -> raw responses (GUIDE.md, "The data contract").

One row per answer row, every answer as text, with provenance: `source`, `source_row`,
`submitted_at` (UTC; NaT when the row has none) and `submitted_at_raw` as typed.
Questions that map to no canonical field are kept as `q: <header>` columns.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from sync.fields import ANSWER_FIELDS, NAME_PART_FIELDS
from sync.sources.table import SheetTable
from sync.timestamps import parse_timestamps

EXTRA_PREFIX = "q: "


def extra_column(header: str) -> str:
    return EXTRA_PREFIX + header


def to_responses(table: SheetTable, mapping: Mapping[str, str]) -> pd.DataFrame:
    """Raw responses of one table; `mapping` is {field: header} from sync.headers.map_headers."""
    index = {header: i for i, header in enumerate(table.headers)}
    columns = list(zip(*table.rows)) if table.rows else [() for _ in table.headers]

    def column(header: str | None) -> list[str]:
        return list(columns[index[header]]) if header else [""] * len(table.rows)

    data: dict[str, object] = {
        "source": [table.source] * len(table.rows),
        "source_row": list(table.row_numbers),
    }
    raw_times = column(mapping.get("submitted_at"))
    data["submitted_at"] = parse_timestamps(raw_times, table.timezone)
    data["submitted_at_raw"] = raw_times
    for field in ANSWER_FIELDS:
        data[field] = column(mapping.get(field))
    if "full_name" not in mapping:
        parts = [column(mapping.get(p)) for p in NAME_PART_FIELDS if p in mapping]
        data["full_name"] = [" ".join(" ".join(cells).split()) for cells in zip(*parts)]
    mapped = set(mapping.values())
    for header in table.headers:
        if header not in mapped:
            data[extra_column(header)] = column(header)
    frame = pd.DataFrame(data)
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame
