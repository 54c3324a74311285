"""HTML (a letter's body, an attached .htm or an .xls that is really a web page) as text
lines and tables, in the order they come.

Quoted earlier letters are left out: everything inside <blockquote> (Gmail, Thunderbird and
Apple Mail quote replies with it). Nothing is fetched or run: scripts, styles and the head
are skipped, images are not loaded, links are plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose start or end breaks a line of text.
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                     "tr", "table", "hr", "section", "article", "header", "footer", "pre",
                     "address", "dd", "dt", "caption"})
_SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "xml"})
# A table bigger than this is not a letter's list of people: the rest of it is not read.
MAX_ROWS = 5_000
MAX_COLUMNS = 100


@dataclass
class Segments:
    """The document as it reads: ("text", line) and ("table", rows) in order."""

    items: list[tuple[str, object]] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [value for kind, value in self.items if kind == "text"]

    def tables(self) -> list[list[list[str]]]:
        return [value for kind, value in self.items if kind == "table"]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Segments()
        self.line: list[str] = []
        self.quote_depth = 0
        self.skip_depth = 0
        self.tables: list[list[list[str]]] = []  # open tables, innermost last
        self.cell: list[tuple[list[str], int]] = []  # open cells' text and colspan, innermost last

    # text goes to the innermost open cell, else to the current line
    def handle_data(self, data: str) -> None:
        if self.quote_depth or self.skip_depth:
            return
        if self.cell and self.tables:
            self.cell[-1][0].append(data)
        else:
            self.line.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self.skip_depth += 1
            return
        if tag == "blockquote":
            self._break()
            self.quote_depth += 1
            return
        if self.quote_depth or self.skip_depth:
            return
        if tag == "table":
            self._break()
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            if not self.tables[-1]:
                self.tables[-1].append([])
            self.cell.append(([], _colspan(attrs)))
        elif tag == "br" and self.cell and self.tables:
            self.cell[-1][0].append("\n")
        elif tag in _BLOCKS and not self.cell:
            self._break()

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
            return
        if self.quote_depth or self.skip_depth:
            return
        if tag in ("td", "th") and self.cell and self.tables:
            parts, span = self.cell.pop()
            row = self.tables[-1][-1]
            if len(row) < MAX_COLUMNS:  # a merged cell's text goes to its first column
                row.extend([" ".join("".join(parts).split())] + [""] * (min(span, MAX_COLUMNS) - 1))
        elif tag == "table" and self.tables:
            rows = [r for r in self.tables.pop() if any(c.strip() for c in r)][:MAX_ROWS]
            if rows:
                self.out.items.append(("table", rows))
        elif tag in _BLOCKS and not self.cell:
            self._break()

    def _break(self) -> None:
        text = " ".join("".join(self.line).split())
        self.line = []
        if text:
            self.out.items.append(("text", text))

    def finish(self) -> Segments:
        self.close()
        while self.tables:  # tables left open by broken HTML are still read
            self.handle_endtag("table")
        self._break()
        return self.out


def _colspan(attrs) -> int:
    for name, value in attrs:
        if name == "colspan" and value and value.strip().isdigit():
            return max(1, int(value))
    return 1


def html_segments(html: str) -> Segments:
    reader = _Reader()
    reader.feed(html)
    return reader.finish()
