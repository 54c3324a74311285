"""The tables of a Word .docx file, as grids of text (python-docx).

A letter's application form is often a Word table: a heading paragraph, then a table with
one participant per row. Every table of the document's body is read, each cell once (a cell
merged across columns is one cell, its text in its first column). Only text is read: fields
are not updated, macros and embedded objects are never opened. The caller checks the
package's sizes first (attachments.check_package).
"""

from __future__ import annotations

import io

# A table bigger than this is not a list of people: the rest of it is not read.
MAX_ROWS = 5_000
MAX_COLUMNS = 100


def docx_tables(data: bytes) -> list[list[list[str]]]:
    """Every table in the document body, in order, nested ones after their parent."""
    import docx  # imported here: most runs read no Word file

    document = docx.Document(io.BytesIO(data))
    grids: list[list[list[str]]] = []
    pending = list(document.tables)
    while pending:
        table = pending.pop(0)
        rows, nested = [], []
        for row in table.rows[:MAX_ROWS]:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # python-docx repeats a merged cell per column
                    cells.append("")
                    continue
                seen.add(id(cell._tc))
                cells.append(" ".join(cell.text.split()))
                nested += cell.tables
            rows.append(cells[:MAX_COLUMNS])
        if any(any(c for c in r) for r in rows):
            grids.append(rows)
        pending[:0] = nested
    return grids
