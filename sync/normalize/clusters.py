"""Institution spellings that match nothing, grouped with each other as a careful person would.

Four steps, each a function of the set of spellings (and of their people's names) only,
never of their order:
1. one key per spelling (sync.normalize.shapes): case, "№", "г.", quotes, legal forms
   (an organisation's too: ОФ, ОО, NGO) and word order folded away; equal keys are one place;
2. nearest neighbours: keys of the same kind, number and city whose words are one or two
   typos apart (rapidfuzz, strict threshold) are one place; different numbers, kinds or
   cities never are ("Школа №45" is not "Школа-лицей №45"; Алматы's is not Астана's), and
   a lone short word joins only one spelled letter for letter (КаТУ is not КаАТУ);
3. completion: a spelling that says less ("гимназия 56" without a city, "НИШ Павлодар"
   without its profile) joins the one place that says the same and more, when there is
   exactly one such place in the data; then, with two, it joins the one its people were
   typed at too (a teacher's letter with "ШЛ №65", her pupils' own forms with "№65
   мектеп-лицей, Астана": MIN_CLASSMATES names of one, none at any other place of its
   number), else it stays apart; so does a school another kind of school of its number
   and town ("12 школа г. Павлодар", "школа-гимназия №12 г. Павлодар"), only so. Where
   namesakes elsewhere make names say nothing, names in their class ("7 А") still may,
   compared with the places of its town only; no such join makes one place of two towns';
4. abbreviations: one made of the first letters of exactly one place's words (КСиТ:
   "Колледж сервиса и туризма, Тараз") joins it; with two such places it stays apart. The
   places are the unknown ones and the directory's places others in the data named
   (АМПК: "Алматы мемлекеттік политехникалық колледжі" typed in the same form); one
   beside the person the place is named after (ППК им. Ахметова) only a place named so.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Callable, Mapping, Sequence

from rapidfuzz import fuzz, process

from sync.normalize.shapes import DISTRICT_WORD, OTHER_KINDS, Shape, city_of_word, shape_of
from sync.normalize.text import fold, latin_skeleton

# Words of two keys at this rapidfuzz ratio are one or two typos apart ("болашак/болашаг").
CLUSTER_MIN = 90.0
# Each word must have a twin at least this close: no extra or missing word slips through.
WORD_TWIN_MIN = 80.0
# A name of one word this short (an abbreviation: КаТУ, КаАТУ, ЕНУ) is told apart by a
# single letter: it joins another only spelled alike letter for letter (КАТУ, KATU).
MAX_SHORT_WORD = 6
# An abbreviation of two letters stands for too many names to say which.
MIN_ABBREVIATION = 3
# Words of a name that its abbreviation may leave out: conjunctions (Колледж сервиса и
# туризма: КСиТ or КСТ), and the marks of a town ("г." before Тараз) or of the country
# (РК, ҚР: every national body's, "МЭПР РК"), folded.
_CONJUNCTIONS = frozenset({"и", "and", "жане", "мен"})
_AT = frozenset({"г", "гор", "город", "города", "к", "каласы", "рк", "кр", "rk"})
# Words that end a person's name a place is named after (Kazakh, before the name) and
# begin it (Russian, English: after it); its words are no letters of the abbreviation.
_NAMED_AFTER_ENDS = frozenset({"атындагы"})
_NAMED_AFTER_BEGINS = frozenset({"имени", "им", "named"})
_NAMED_AFTER_TYPED = re.compile(r"\s*\b(?:им\.|им\b|имени\b|named after\b)", re.IGNORECASE)
_NAMED_AFTER_TYPED_KK = re.compile(r"^.*\bатындағы\b", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]+")
_PUNCTUATION = ",.;:()«»\"'"  # around a word: "АКС, Алматы"
# Names typed at a spelling that says less and at one of the places it may be, none at the
# others, that say which it is: one may be a namesake, two in one class are classmates.
MIN_CLASSMATES = 2
# Names in their class ("9 А") typed at one such place this many times as often as at all
# the others together say it too: a district's list of a village's №12, one of whose pupils
# has a namesake in the same class at another town's №12 (field test FC: 5 against 1).
OUTNUMBERED = 3
# Kinds of school numbered in one row in a town: "школа-гимназия №12" may be its "12 школа".
NUMBERED_SCHOOLS = frozenset({"school", "gymnasium", "lyceum"})
# Chains whose branch is told apart by its city alone: "НИШ г. Павлодар" is one school.
CITY_NAMED_CHAINS = frozenset({"nis"})


# The names of the people who typed some spellings (see cluster_unknown).
NamedBy = Callable[[Sequence[str]], frozenset[str]]


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


def _place(shape: Shape) -> frozenset[str]:
    """What a shape says of where and whose a place is: its town and its words (a village,
    the person it is named after: in Latin letters, as Әуезов and Ауэзов are one), its
    district aside."""
    return frozenset(_spelled_words(_without_districts(shape))) | (
        {"@" + shape.city} if shape.city else set())


def _bridged(shapes: Mapping[str, Shape], groups: _Groups) -> list[tuple[str, str]]:
    """(key, key) of one school's three spellings, each saying two of its village, its
    eponym and its number: "№7 мектеп, Қаскелең", "М.Әуезов атындағы №7 ЖОМ" and "Қаскелең
    ауылы, М.Әуезов атындағы мектеп" (field test AM). The unnumbered one's words must be
    covered by numbered spellings of the one number each of its words is typed with (the
    village's №1 and №3, Әуезов's №1 and №2: №1); no spelling of that number may name
    its village or eponym elsewhere, and no other unnumbered place may hold one of those
    numbered spellings' words, unless it is itself so bridged to another number (Әуезов's
    №2 in Қарабұлақ beside Әуезов's №1 in Жансүгіров)."""
    schools = {key: shape for key, shape in shapes.items()
               if shape.kinds and shape.kinds <= NUMBERED_SCHOOLS and _place(shape)}
    unnumbered = {key: _place(shape) for key, shape in schools.items() if not shape.numbers}
    candidates: dict[str, tuple[tuple[str, ...], dict[str, frozenset[str]]]] = {}
    for key, whole in unnumbered.items():
        if len(whole) < 2:
            continue
        kinds = schools[key].kinds
        within = {other: _place(shape) for other, shape in schools.items()
                  if shape.numbers and shape.kinds == kinds and _place(shape) <= whole}
        # the one number both its village and its eponym are typed with
        numbers = set.intersection(*({schools[other].numbers for other, place in within.items()
                                      if word in place} for word in whole))
        if len(numbers) != 1:
            continue
        number = numbers.pop()
        parts = {other: place for other, place in within.items()
                 if schools[other].numbers == number}
        if frozenset().union(*parts.values()) != whole:
            continue
        if not any(shape.numbers == number and _place(shape) & whole
                   and not _place(shape) <= whole for shape in schools.values()):
            candidates[key] = (number, parts)
    joins = []
    for key, (number, parts) in candidates.items():
        held_by_another = any(
            place > part and groups.root(other) != groups.root(key)
            and candidates.get(other, (number,))[0] == number
            for part in parts.values() for other, place in unnumbered.items())
        if not held_by_another:
            joins += [(key, other) for other in parts]
    return joins


def _says_enough(shape: Shape) -> bool:
    """A spelling with a number or a name word, or a chain's branch named by its city."""
    return bool(shape.numbers or shape.words
                or (shape.city and shape.kinds & CITY_NAMED_CHAINS))


def _completions(shapes: Mapping[str, Shape], groups: _Groups) -> list[tuple[str, str]]:
    """(key, the one key it completes to) for keys that say less than exactly one place."""
    joins = []
    for key, fuller in _fuller_places(shapes, groups).items():
        if len(fuller) == 1:
            joins.append((key, fuller.pop()))
    return joins


def _fuller_places(shapes: Mapping[str, Shape], groups: _Groups) -> dict[str, set[str]]:
    """{key: the groups (roots) of the places that say what it says and more, its own
    excepted} for keys that say enough to be completed."""
    by_core: dict[tuple, list[str]] = defaultdict(list)
    for key, shape in shapes.items():
        by_core[(shape.kinds, shape.numbers)].append(key)

    def fuller(key: str, shape: Shape) -> set[str]:
        alike = by_core[(shape.kinds, shape.numbers)]
        found = [other for other in alike if other != key and contains(shapes[other], shape)]
        if found and _districts(shape):
            found = [other for other in found if not _in_another_district(
                shapes[other], shape, [shapes[k] for k in alike])]
        return {groups.root(other) for other in found} - {groups.root(key)}

    return {key: fuller(key, shape) for key, shape in shapes.items() if _says_enough(shape)}


def _districts(shape: Shape) -> frozenset[str]:
    return frozenset(word for word in shape.words if word.endswith(DISTRICT_WORD))


def _without_districts(shape: Shape) -> Shape:
    return replace(shape, words=tuple(w for w in shape.words if not w.endswith(DISTRICT_WORD)))


def _in_another_district(place: Shape, shape: Shape, alike: Sequence[Shape]) -> bool:
    """Whether a spelling among `alike` puts `place` (naming no district) in another
    district than the one `shape` names: Зертас's №12 is Төле би's, not Сайрам's."""
    districts = _districts(shape)
    if not districts or _districts(place):
        return False
    return any((elsewhere := _districts(other)) and not elsewhere & districts
               and _says_all_of(_without_districts(other), place) for other in alike)


def _says_all_of(fuller: Shape, place: Shape) -> bool:
    """`fuller` says all `place` says of itself (its town, its words), which is something."""
    return bool(place.city or place.words) and set(place.words) <= set(fuller.words) and (
        not place.city or fuller.city == place.city)


def _named_alike(shapes: Mapping[str, Shape], groups: _Groups,
                 spelled_as: Mapping[str, list[str]],
                 witnesses: Sequence[tuple[NamedBy, bool]]) -> list[tuple[str, str]]:
    """(key, the place it is) where its people's names say so (_typed_by_its_people): of
    several places it may complete to, or a school of its number another kind of school may
    be ("12 школа г. Павлодар", "школа-гимназия №12 г. Павлодар"). A place naming no town
    joins only if its own people were typed at no other place either (a list's "СОШ 12"
    may hold two towns' pupils). `witnesses` are asked in turn, each saying whether it
    names people in their class: names, then names in their class, which a namesake at
    another school seldom shares."""
    members: dict[str, list[str]] = defaultdict(list)
    for key in shapes:
        members[groups.root(key)].append(key)
    indexes = [_typed_where(witness, members, spelled_as) for witness, _ in witnesses]
    towns = {root: frozenset(shapes[key].city for key in keys) - {""}
             for root, keys in members.items()}
    joins = []
    for key, fuller in _fuller_places(shapes, groups).items():
        shape, own = shapes[key], groups.root(key)
        # a name is compared with every place of its number; a name in its class, rarer,
        # only with those of its town, where it names one
        for (witness, in_class), (people_at, places_of) in zip(witnesses, indexes):
            place = _typed_by_its_people(witness(spelled_as[key]), own, shape, shapes,
                                         places_of, fuller, towns if in_class else None)
            if place:
                break
        if place and (place in fuller or any(_kin(shapes[o], shape) for o in members[place])) \
                and (any(shapes[o].city for o in members[place]) or _typed_by_its_people(
                    people_at[place], place, shapes[place], shapes, places_of, {own},
                    towns if in_class else None) == own):
            joins.append((own, place))
    return _within_one_town(joins, towns)


def _within_one_town(joins: list[tuple[str, str]], towns: Mapping[str, frozenset[str]]
                     ) -> list[tuple[str, str]]:
    """The joins, but none of those that would together make one place of two towns' (a
    list's "лицей №15" naming none, beside Алматы's лицей №15 and Шымкент's СОШ №15)."""
    joined = _Groups(sorted({root for pair in joins for root in pair}))
    for own, place in joins:
        joined.join(own, place)
    towns_of: dict[str, set[str]] = defaultdict(set)
    for root in joined.parent:
        towns_of[joined.root(root)] |= towns[root]
    return [(own, place) for own, place in joins if len(towns_of[joined.root(own)]) <= 1]


def _typed_where(witness: NamedBy, members: Mapping[str, list[str]],
                 spelled_as: Mapping[str, list[str]]
                 ) -> tuple[dict[str, frozenset[str]], dict[str, set[str]]]:
    """({place (group root): whom `witness` says typed it}, {one of them: the places})."""
    people_at = {root: witness([spelling for key in keys for spelling in spelled_as[key]])
                 for root, keys in members.items()}
    places_of: dict[str, set[str]] = defaultdict(set)
    for root, names in people_at.items():
        for name in names:
            places_of[name].add(root)
    return people_at, places_of


def _typed_by_its_people(mine: frozenset[str], own: str, shape: Shape,
                         shapes: Mapping[str, Shape], places_of: Mapping[str, set[str]],
                         nameless: set[str], towns: Mapping[str, frozenset[str]] | None = None
                         ) -> str | None:
    """The one place (group root) where MIN_CLASSMATES or more of `mine` (the names of the
    people of `own`, of `shape`) were typed too, if none of them were at another place of
    its number, whatever its kind or town ("СОШ 12" from a list may be Тараз's №12 or
    Павлодар's школа-гимназия №12), or, names in their class, OUTNUMBERED times as few;
    else None. Places with no number: among `nameless`.
    `towns` ({place: the towns its spellings name}): only the places `shape` may be are
    compared, none in another town, nor one of its kind that says less, which may be its
    own ("СОШ №15" beside "СОШ №15 Алматы")."""
    def compared(place: str) -> bool:
        other = shapes[place]
        if towns is not None and shape.city and (
                towns[place] - {shape.city}
                or (other.kinds == shape.kinds and contains(shape, other))):
            return False
        return place != own and (other.numbers == shape.numbers if shape.numbers
                                 else place in nameless)

    shared = Counter(place for name in mine for place in places_of.get(name, ())
                     if compared(place)).most_common()
    if not shared or shared[0][1] < MIN_CLASSMATES:
        return None
    if len(shared) == 1:
        return shared[0][0]
    # a spelling saying less than `shape` ("12 мектеп") may be it, and is no rival
    rivals = sum(count for place, count in shared[1:]
                 if not (shapes[place].kinds == shape.kinds and contains(shape, shapes[place])))
    if towns is not None and shared[0][1] >= OUTNUMBERED * rivals:
        return shared[0][0]
    return None


def _kin(other: Shape, shape: Shape) -> bool:
    """Whether two schools of one number may be one place their people's names say they are:
    schools, gymnasiums or lyceums both (a town's schools have one row of numbers), in one
    town or one that names none, the words of one among the other's."""
    return (bool(other.kinds) and bool(shape.kinds)
            and (other.kinds | shape.kinds) <= NUMBERED_SCHOOLS
            and (not other.city or not shape.city or other.city == shape.city)
            and (set(other.words) <= set(shape.words) or set(shape.words) <= set(other.words)))


def _abbreviations(spelled_as: Mapping[str, list[str]], shapes: Mapping[str, Shape],
                   groups: _Groups, known: Mapping[str, tuple[str, Sequence[str]]]
                   ) -> list[tuple[str, str]]:
    """(key, the one place it abbreviates) for spellings that are an abbreviation made of the
    first letters of exactly one place's words, in their order: КСиТ of "Колледж сервиса и
    туризма, Тараз" (the conjunction's letter there or not), РФМШ of the Russian of a school
    also typed in Kazakh, ВМК Семей of "Высший медицинский колледж г. Семей" (with its town,
    only a place of that town). With two such places (one in each of two towns) it stays
    apart. `spelled_as`: each key's spellings. A place is an unknown group, or "=" and the
    directory id of one of `known` (see cluster_unknown)."""
    wanted = {key: next(filter(None, map(_abbreviation_letters, spellings)), "")
              for key, spellings in spelled_as.items()
              if not (shapes[key].kinds or shapes[key].numbers)}  # СОШ says what, not which
    wanted = {key: letters for key, letters in wanted.items() if letters}
    if not wanted:
        return []
    firsts: dict[str, set[str]] = defaultdict(set)  # initials -> the groups spelled so
    towns: dict[str, set[str]] = defaultdict(set)  # each group's towns
    words: dict[str, set[str]] = defaultdict(set)  # each group's words
    for key, spellings in spelled_as.items():
        towns[groups.root(key)].add(shapes[key].city)
        words[groups.root(key)].update(shapes[key].words)
        if key not in wanted:
            for initials in {i for spelling in spellings for i in _initials(spelling)}:
                firsts[initials].add(groups.root(key))
    for entry_id, (town, spellings) in known.items():
        towns["=" + entry_id] = {town} | {shape_of(spelling).city for spelling in spellings}
        words["=" + entry_id] = {w for spelling in spellings for w in shape_of(spelling).words}
        for initials in {i for spelling in spellings for i in _initials(spelling)}:
            firsts[initials].add("=" + entry_id)
    joins = []
    for key, letters in wanted.items():
        targets = firsts.get(letters, set()) - {groups.root(key)}
        if town := shapes[key].city:
            targets = {target for target in targets if town in towns[target]}
        # the person it is named after ("ППК им. Ахметова"), said by the place too
        beside = {word for spelling in spelled_as[key] for word in _said_beside(spelling)}
        targets = {target for target in targets if beside <= words[target]}
        if len(targets) == 1:
            joins.append((key, targets.pop()))
    return joins


def _abbreviation_letters(spelling: str) -> str:
    """The letters of a spelling that is an abbreviation (one word of three to six letters,
    some of them capitals, as КСиТ or PKTK, maybe beside its town, ВМК Семей, or the person
    it is named after, ППК им. Ахметова), in Latin; "" for any other spelling."""
    bare = (w.strip(_PUNCTUATION) for w in _without_whom_typed(spelling).split())
    words = [w for w in bare if w and not city_of_word(fold(w)) and fold(w) not in _AT]
    word = words[0] if len(words) == 1 else ""
    if not (MIN_ABBREVIATION <= len(word) <= MAX_SHORT_WORD and word.isalpha()) \
            or sum(map(str.isupper, word)) < 2:
        return ""
    return "".join(latin_skeleton(letter)[:1] for letter in fold(word))


def _without_whom_typed(spelling: str) -> str:
    """A spelling without the person it is named after: "ППК им.Ахметова", "Б. Ахметов
    атындағы ППК": ППК."""
    return _NAMED_AFTER_TYPED.split(_NAMED_AFTER_TYPED_KK.sub("", spelling), maxsplit=1)[0]


def _said_beside(spelling: str) -> set[str]:
    """The words an abbreviation's spelling says beside it (the person it is named after)."""
    return set(shape_of(spelling).words) - set(shape_of(_without_whom_typed(spelling)).words)


def _initials(spelling: str) -> set[str]:
    """The first letters of a name's words in Latin, with and without its conjunctions'
    ("Колледж сервиса и туризма": kst and ksit), without its town's name and with it where
    it begins the name ("Павлодар жоғары медициналық колледжі": жмк and пжмк)."""
    every = _without_whom_named_after(
        [w for w in _WORDS.findall(fold(spelling)) if w not in _AT])
    town = shape_of(spelling).city
    # the town first, or its adjective ("Павлодарский высший медицинский колледж")
    town_first = bool(every) and (city_of_word(every[0]) is not None or bool(town) and (
        latin_skeleton(every[0])[:3] == latin_skeleton(fold(town))[:3]))
    words = [w for i, w in enumerate(every) if not city_of_word(w) and not (i == 0 and town_first)]
    if len(words) < 2:
        return set()
    letters = [latin_skeleton(w)[:1] for w in words]
    kept = [letter for letter, w in zip(letters, words) if w not in _CONJUNCTIONS]
    found = {"".join(letters), "".join(kept)}
    if town_first:
        found.add(latin_skeleton(every[0])[:1] + "".join(kept))
    return found


def _without_whom_named_after(words: list[str]) -> list[str]:
    """A name's words without the person it is named after and their initials
    ("Қ. Жұбанов атындағы Ақтөбе өңірлік университеті": Ақтөбе өңірлік университеті;
    "... университет имени К. Жубанова": ... университет)."""
    for i, word in enumerate(words):
        if word in _NAMED_AFTER_ENDS:
            words = words[i + 1:]
            break
        if word in _NAMED_AFTER_BEGINS:
            words = words[:i]
            break
    return [word for word in words if len(word) > 1 or word in _CONJUNCTIONS]


def _without_legal_kind(shape: Shape) -> Shape:
    """An organisation's shape without its legal kind: "ОФ «Экомузей»" is the "Экомузей"
    its staff type too; a school, a college, a university stays what it is."""
    if shape.words and shape.kinds and shape.kinds <= OTHER_KINDS:
        return replace(shape, kinds=frozenset())
    return shape


def contains(fuller: Shape, shape: Shape) -> bool:
    """`fuller` says everything `shape` says, and more. A district's school ("№7 мектеп,
    Қарасай ауданы": a district's list) may be any village's of its number where `fuller`
    names no district (_in_another_district leaves out those the data places elsewhere)."""
    if _districts(shape) and not _districts(fuller):
        shape = _without_districts(shape)
    if shape.city and fuller.city != shape.city:
        return False
    more_city = bool(fuller.city) and not shape.city
    return set(shape.words) <= set(fuller.words) and (
        more_city or len(fuller.words) > len(shape.words))


def cluster_unknown(counts: Mapping[str, int],
                    known: Mapping[str, tuple[str, Sequence[str]]] | None = None,
                    named_by: NamedBy | None = None,
                    named_in_class_by: NamedBy | None = None) -> dict[str, tuple[str, str, str]]:
    """{spelling: (group id, the group's most common spelling, one with capitals and one
    not an abbreviation first, the directory id its abbreviation stands for or "")} for
    unmatched spellings.

    `counts`: how many rows typed each (cleaned) spelling. The group id is the key of the
    spelling shown, so the name shown, typed again, gives the same group. `known`: {directory
    id: (its town, its names)} for the directory's places the data names, which an
    abbreviation may stand for. `named_by`: the names (surname and given name) of the
    people who typed some spellings, which say which place a spelling is (_named_alike);
    `named_in_class_by`: the same names with their class ("6 А"), where a row says one.
    """
    shapes = {}
    key_of = {}
    for spelling in counts:
        shape = _without_legal_kind(shape_of(spelling))
        key = shape.key if (shape.kinds or shape.numbers or shape.words) else "~" + fold(spelling)
        key_of[spelling] = key
        shapes.setdefault(key, shape)
    spelled_as: dict[str, list[str]] = defaultdict(list)
    for spelling in sorted(counts):  # in one order, whatever the input's
        spelled_as[key_of[spelling]].append(spelling)
    groups = _Groups(sorted(shapes))
    _join_neighbours(shapes, groups)
    for key, other in _bridged(shapes, groups):
        groups.join(key, other)
    # until none is left: a spelling that says less than two places joins them once they
    # are one ("№8 ЖОМ, Қарабұлақ" within "Сайрам ауданы, Қарабұлақ а., №8 ЖОМ")
    while completions := _completions(shapes, groups):
        for key, target in completions:
            groups.join(key, target)
    witnesses = [(witness, in_class) for witness, in_class
                 in ((named_by, False), (named_in_class_by, True)) if witness]
    for key, target in _named_alike(shapes, groups, spelled_as, witnesses) if witnesses else ():
        groups.join(key, target)
    entry_of: dict[str, str] = {}
    for key, target in _abbreviations(spelled_as, shapes, groups, known or {}):
        if target.startswith("="):
            entry_of[key] = target[1:]
        else:
            groups.join(key, target)
    members: dict[str, list[str]] = defaultdict(list)
    for spelling, key in key_of.items():
        members[groups.root(key)].append(spelling)
    found = {}
    for spellings in members.values():
        # shown as most typed it, but never in lower case where someone typed capitals, nor
        # as an abbreviation where someone wrote the name (a printed list says АМК to few)
        shown = min(spellings, key=lambda s: (s == s.casefold(), bool(_abbreviation_letters(s)),
                                              -counts[s], len(s), s))
        entries = {entry_of.get(key_of[spelling], "") for spelling in spellings}
        # a group whose spellings stand for two places, or for one and for none, is unsure
        entry = entries.pop() if len(entries) == 1 else ""
        for spelling in spellings:
            found[spelling] = (key_of[shown], shown, entry)
    return found
