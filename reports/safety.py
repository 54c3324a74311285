"""Making respondents' text safe to put in a spreadsheet cell.

Excel cells cannot hold most C0 control characters (the XML forbids them) nor more than
32,767 characters. Formula-looking text is handled by the writer, which stores every string
as a string: a cell that starts with '=', '+', '-' or '@' shows exactly what was typed.
"""

from __future__ import annotations

import re

EXCEL_CELL_LIMIT = 32_767  # characters; Excel refuses to open a longer cell
TRUNCATION_MARK = " […]"
# XML 1.0 forbids these (lone surrogates too: the file would not open); tab and newline are fine
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# XML reads a bare carriage return back as a newline: write line breaks as newlines
_LINE_BREAK = re.compile(r"\r\n?")


_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")


def _storable(text: str) -> str:
    if not _NEEDS_WORK.search(text):  # nearly every cell: one scan instead of two rewrites
        return text
    return _LINE_BREAK.sub("\n", _ILLEGAL.sub("", text))


def clean_cell(text: str) -> str:
    """Text Excel can store: illegal characters removed, line breaks as '\\n', cut to the limit."""
    text = _storable(text)
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return text


def clean_cells(texts: list[str]) -> list[str]:
    """`clean_cell` of each text; the list itself when none needs it (one scan for them all)."""
    # a newline is storable and cannot be part of a match: the joined text needs work
    # exactly when one of the texts does
    if _NEEDS_WORK.search("\n".join(texts)) or max(map(len, texts), default=0) > EXCEL_CELL_LIMIT:
        return [clean_cell(text) for text in texts]
    return texts


def too_long(text: str) -> bool:
    return len(_storable(text)) > EXCEL_CELL_LIMIT
