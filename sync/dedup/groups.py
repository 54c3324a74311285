"""Union-find over responses that refuses a link when it would join two different people.

A group remembers the distinct names of its rows and the rows it must stay apart from
(organizer "apart" decisions, and people one list names side by side). A link is refused
when the two groups hold an incompatible pair of names (so a chain of small differences
cannot merge two people; a woman's name with her husband's surname is hers) or an apart
pair. Organizer "merge" decisions skip the name check and the list's: the organizer has
looked.
"""

from __future__ import annotations

from array import array

import numpy as np

from sync.dedup.names import compatible, surname_changed


class Groups:
    def __init__(self, names: list[str], apart: list[tuple[int, int]],
                 listed: list[tuple[int, int]] = ()):
        # an array, not a list: no int object per row (a million rows: 28 MB less)
        self._parent = array("q", range(len(names)))
        self._row_names = names
        # Per root, filled on first use: most rows never join anything.
        self._names: dict[int, set[str]] = {}
        self._apart: dict[int, set[int]] = {}  # rows each group must never join
        self._listed: dict[int, set[int]] = {}  # rows a list names beside the group's
        for pairs, kept in ((apart, self._apart), (listed, self._listed)):
            for a, b in pairs:
                kept.setdefault(a, set()).add(b)
                kept.setdefault(b, set()).add(a)

    def find(self, row: int) -> int:
        root = row
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[row] != root:  # path compression keeps later finds short
            self._parent[row], row = root, self._parent[row]
        return root

    def names(self, row: int) -> set[str]:
        root = self.find(row)
        return self._names.get(root) or {self._row_names[root]}

    def roots(self) -> np.ndarray:
        """Every row's root at once: parents followed in steps over all rows together."""
        roots = np.frombuffer(self._parent, dtype=np.int64).copy()
        while True:
            up = roots[roots]
            if np.array_equal(up, roots):
                return roots
            roots = up

    def kept_apart(self, a: int, b: int) -> bool:
        """Whether an apart decision stands between the groups of rows a and b."""
        return self._beside(self._apart, a, b)

    def _beside(self, kept: dict[int, set[int]], a: int, b: int) -> bool:
        if not kept:  # none: the usual case, answered without finds
            return False
        ra, rb = self.find(a), self.find(b)
        return any(self.find(row) == rb for row in kept.get(ra, ()))

    def names_clash(self, a: int, b: int) -> bool:
        """Two names of the groups that are no one person's: not one name however typed,
        nor one woman's before and after she took her husband's surname."""
        return not all(compatible(x, y) or surname_changed(x, y)
                       for x in self.names(a) for y in self.names(b))

    def union(self, a: int, b: int, check_names: bool = True) -> str:
        """Join the groups of a and b: "joined", "same" (already one), "apart" or "clash"."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return "same"
        if self.kept_apart(ra, rb) or check_names and self._beside(self._listed, ra, rb):
            return "apart"
        if check_names and self.names_clash(ra, rb):
            return "clash"
        names = self.names(ra) | self.names(rb)
        self._parent[rb] = ra
        self._names.pop(rb, None)
        self._names[ra] = names
        for kept in (self._apart, self._listed):
            if rb in kept:
                kept.setdefault(ra, set()).update(kept.pop(rb))
        return "joined"
