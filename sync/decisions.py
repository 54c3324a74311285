"""The organizer's dedup decisions: decisions.csv next to config.toml.

Header `decision,row_a,row_b,note`; decision is "merge" (these two responses are one
person) or "apart" (never merge them, and stop asking); rows are "source:row" as shown in
the report's Source rows column (which responses they name once rows have moved is
sync/decision_rows.py's work). When a pair is decided twice, the later line wins, so a
person can change their mind by appending.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sync.errors import ConfigError, SourceError, os_problem

DECISIONS_FILE = "decisions.csv"
HEADER = ("decision", "row_a", "row_b", "note")
MERGE = "merge"
APART = "apart"
KINDS = (MERGE, APART)


@dataclass(frozen=True)
class Decisions:
    """The last decision for each pair of responses; pairs are sorted (row_a <= row_b)."""

    merge: frozenset[tuple[str, str]] = frozenset()
    apart: frozenset[tuple[str, str]] = frozenset()
    lines: Mapping[tuple[str, str], int] = field(default_factory=dict, compare=False)  # its row


@dataclass(frozen=True)
class DecisionLine:
    """One line of the file: its row, the decision, and its two rows as written, sorted."""

    number: int
    kind: str
    pair: tuple[str, str]
    occurrence: int = 1  # the how-many-th line of the same decision on the same rows

    @property
    def key(self) -> str:
        """What the line is known by from run to run, wherever it moves in the file."""
        return f"{self.kind},{self.pair[0]},{self.pair[1]},{self.occurrence}"


def decided(lines: Iterable[tuple[DecisionLine, tuple[str, str]]]) -> Decisions:
    """Decisions from lines and the pair each names now, in file order: when a pair is
    decided twice, the later line wins."""
    latest: dict[tuple[str, str], DecisionLine] = {}
    for line, (a, b) in lines:
        latest[(a, b) if a <= b else (b, a)] = line
    return Decisions(merge=frozenset(p for p, line in latest.items() if line.kind == MERGE),
                     apart=frozenset(p for p, line in latest.items() if line.kind == APART),
                     lines={pair: line.number for pair, line in latest.items()})


def as_written(lines: Iterable[DecisionLine]) -> Decisions:
    """Decisions naming the rows as the file writes them."""
    return decided((line, line.pair) for line in lines)


def missing_rows(decisions: Decisions, rows: Collection[str],
                 sources: Collection[str] | None = None) -> list[str]:
    """One line per decision naming a response that is not among `rows` ("form:17"): a
    typo, or a row deleted from its source since. `sources`: only decisions on these."""
    found = []
    for pair, line in sorted(decisions.lines.items(), key=lambda item: item[1]):
        for ref in pair:
            if ref not in rows and (sources is None or ref.rpartition(":")[0] in sources):
                found.append(f"row {line}: {ref} is not a row of its source now (a typo, or "
                             "deleted from the sheet?); this decision is not used")
    return found


def row_key(value: str) -> str:
    """A "source:row" reference ("form:12/2" for the second person a row lists), checked;
    raises ValueError naming what is wrong."""
    source, sep, row = value.strip().rpartition(":")
    row, slash, person = row.strip().partition("/")
    if (not sep or not source.strip() or not row.isdigit() or int(row) < 1
            or slash and not (person.isdigit() and int(person) >= 1)):
        raise ValueError(f'"{value}" is not a response reference like "form:5"')
    return f"{source.strip()}:{int(row)}" + (f"/{int(person)}" if slash else "")


def _pair(row_a: str, row_b: str) -> tuple[str, str]:
    a, b = row_key(row_a), row_key(row_b)
    if a == b:
        raise ValueError(f'"{a}" is paired with itself')
    return (a, b) if a <= b else (b, a)


def _decision(kind: str, row_a: str, row_b: str) -> tuple[str, tuple[str, str]]:
    kind = kind.strip().casefold()
    if kind not in KINDS:
        raise ValueError(f'decision "{kind}" is neither "merge" nor "apart"')
    return kind, _pair(row_a, row_b)


def read_decisions(path: Path) -> list[DecisionLine]:
    """Read decisions.csv, however a spreadsheet saved it (UTF-8 or Windows-1251, "," or
    ";" between cells, as the sources are read); a missing file means no decisions yet."""
    from sync.sources.files import decode_csv_bytes, sniff_delimiter

    if not path.exists():
        return []
    try:
        text = decode_csv_bytes(path.read_bytes(), path)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read decisions: {os_problem(error)}") from error
    except SourceError as error:  # says which file and what to do
        raise ConfigError(str(error)) from error
    except csv.Error as error:
        raise ConfigError(f"{path}: cannot read decisions: {error}") from error
    if not rows or tuple(cell.strip().casefold() for cell in rows[0][:3]) != HEADER[:3]:
        raise ConfigError(f"{path}: row 1: header must be {','.join(HEADER)}")
    lines: list[DecisionLine] = []
    seen: Counter[tuple[str, tuple[str, str]]] = Counter()
    for number, cells in enumerate(rows[1:], start=2):  # row numbers as a person sees them
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < 3:
            raise ConfigError(f"{path}: row {number}: expected decision,row_a,row_b,note")
        try:
            kind, pair = _decision(*cells[:3])
        except ValueError as error:
            raise ConfigError(f"{path}: row {number}: {error}") from error
        seen[(kind, pair)] += 1
        lines.append(DecisionLine(number, kind, pair, seen[(kind, pair)]))
    return lines
