"""Institution spellings that match nothing, grouped with each other as a careful person would.

Three steps, each a function of the set of spellings only (never of their order):
1. one key per spelling (sync.normalize.shapes): case, "№", "г.", quotes, legal forms and
   word order folded away; equal keys are one place;
2. nearest neighbours: keys of the same kind, number and city whose words are one or two
   typos apart (rapidfuzz, strict threshold) are one place; different numbers, kinds or
   cities never are ("Школа №45" is not "Школа-лицей №45"; Алматы's is not Астана's), and
   a lone short word joins only one spelled letter for letter (КаТУ is not КаАТУ);
3. completion: a spelling that says less ("гимназия 56" without a city, "НИШ Павлодар"
   without its profile) joins the one place that says the same and more, when there is
   exactly one such place in the data; with two it stays apart.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping

from rapidfuzz import fuzz, process

from sync.normalize.shapes import Shape, shape_of
from sync.normalize.text import fold, latin_skeleton

# Words of two keys at this rapidfuzz ratio are one or two typos apart ("болашак/болашаг").
CLUSTER_MIN = 90.0
# Each word must have a twin at least this close: no extra or missing word slips through.
WORD_TWIN_MIN = 80.0
# A name of one word this short (an abbreviation: КаТУ, КаАТУ, ЕНУ) is told apart by a
# single letter: it joins another only spelled alike letter for letter (КАТУ, KATU).
MAX_SHORT_WORD = 6
# Chains whose branch is told apart by its city alone: "НИШ г. Павлодар" is one school.
CITY_NAMED_CHAINS = frozenset({"nis"})


class _Groups:
    """Union-find whose root is always the smallest key: the result never depends on order."""

    def __init__(self, keys):
        self.parent = {k: k for k in keys}

    def root(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self.parent[high] = low


def _spelled_words(shape: Shape) -> list[str]:
    return [latin_skeleton(w) for w in shape.words]


def _twins(a: list[str], b: list[str]) -> bool:
    def covered(words: list[str], others: list[str]) -> bool:
        return all(any(fuzz.ratio(w, o) >= WORD_TWIN_MIN for o in others) for w in words)

    return covered(a, b) and covered(b, a)


def _join_neighbours(shapes: Mapping[str, Shape], groups: _Groups) -> None:
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for key, shape in shapes.items():
        if shape.words:
            blocks[(shape.kinds, shape.numbers, shape.city)].append(key)
    for keys in blocks.values():
        if len(keys) < 2:
            continue
        keys.sort()
        spelled = [_spelled_words(shapes[k]) for k in keys]
        texts = [" ".join(s) for s in spelled]
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=CLUSTER_MIN,
                               workers=-1)
        for i, j in zip(*scores.nonzero()):
            # pairs already in one group need no check: many alike answers stay linear
            if groups.root(keys[i]) != groups.root(keys[j]) and _twins(spelled[i], spelled[j]) \
                    and _letter_for_letter(shapes[keys[i]], shapes[keys[j]], spelled[i], spelled[j]):
                groups.join(keys[i], keys[j])


def _letter_for_letter(a: Shape, b: Shape, spelled_a: list[str], spelled_b: list[str]) -> bool:
    """Whether two neighbours may join: where either is a lone short word, only when both
    spell the same letters, as many of them (the skeleton folds КаАТУ's "аа" into one)."""
    if not any(len(s.words) == 1 and len(s.words[0]) <= MAX_SHORT_WORD for s in (a, b)):
        return True
    return spelled_a == spelled_b and len(a.words[0]) == len(b.words[0])


def _says_enough(shape: Shape) -> bool:
    """A spelling with a number or a name word, or a chain's branch named by its city."""
    return bool(shape.numbers or shape.words
                or (shape.city and shape.kinds & CITY_NAMED_CHAINS))


def _completions(shapes: Mapping[str, Shape], groups: _Groups) -> list[tuple[str, str]]:
    """(key, the one key it completes to) for keys that say less than exactly one place."""
    by_core: dict[tuple, list[str]] = defaultdict(list)
    for key, shape in shapes.items():
        by_core[(shape.kinds, shape.numbers)].append(key)
    joins = []
    for key, shape in shapes.items():
        if not _says_enough(shape):
            continue
        fuller = {
            groups.root(other) for other in by_core[(shape.kinds, shape.numbers)]
            if other != key and _contains(shapes[other], shape)
        }
        if len(fuller) == 1:
            joins.append((key, fuller.pop()))
    return joins


def _contains(fuller: Shape, shape: Shape) -> bool:
    """`fuller` says everything `shape` says, and more."""
    if shape.city and fuller.city != shape.city:
        return False
    more_city = bool(fuller.city) and not shape.city
    return set(shape.words) <= set(fuller.words) and (
        more_city or len(fuller.words) > len(shape.words))


def cluster_unknown(counts: Mapping[str, int]) -> dict[str, tuple[str, str]]:
    """{spelling: (group id, the group's most common spelling)} for unmatched spellings.

    `counts`: how many rows typed each (cleaned) spelling. The group id is the key of the
    spelling shown, so the name shown, typed again, gives the same group.
    """
    shapes = {}
    key_of = {}
    for spelling in counts:
        shape = shape_of(spelling)
        key = shape.key if (shape.kinds or shape.numbers or shape.words) else "~" + fold(spelling)
        key_of[spelling] = key
        shapes.setdefault(key, shape)
    groups = _Groups(sorted(shapes))
    _join_neighbours(shapes, groups)
    for key, target in _completions(shapes, groups):
        groups.join(key, target)
    members: dict[str, list[str]] = defaultdict(list)
    for spelling, key in key_of.items():
        members[groups.root(key)].append(spelling)
    found = {}
    for spellings in members.values():
        shown = min(spellings, key=lambda s: (-counts[s], len(s), s))
        for spelling in spellings:
            found[spelling] = (key_of[shown], shown)
    return found
