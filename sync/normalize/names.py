"""Person names: a display form in proper case and a key that matches spellings of one name.

full_name: "иванов иван" -> "Иванов Иван", "Иванов И.И." -> "Иванов И. И.", a name typed
  without spaces split where the case changes ("ИвановИван" -> "Иванов Иван"), Kazakh
  letters and Latin names kept, patronymic particles (кызы, улы, оглы) lower case, a remark
  beside the name and titles around it left out ("Иванов Иван (студент 2 курса)",
  "доцент Иванов Иван к.х.н." -> "Иванов Иван").
name_key: the words as latin_skeleton spells them, sorted (case, ё/е, Kazakh letters, script
  and word order ignored); initials are left out because they are not always written.
name_note: a note code (see NOTES) when the name needs a person's look.
join_name_parts: one name from separate surname / first name / patronymic answers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pandas as pd

from sync.normalize.organisations import is_institution, organisation_word
from sync.normalize.roles import roles_in, signals_in
from sync.normalize.text import (LATIN_LOOK_ALIKES, LATIN_TO_CYRILLIC, LOST_LETTER, as_text,
                                 clean_text, fold, latin_skeleton, per_unique,
                                 results_per_unique, skeleton_keeping_lost)

COLUMNS = ["full_name", "name_key", "name_note"]
# A word only of Latin letters that look like Cyrillic ones.
_LOOK_ALIKES = re.compile(f"[{LATIN_LOOK_ALIKES}]+")
_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")

# A word is letters, possibly joined by hyphens or apostrophes (Ким-Ли, O'Brien); a dot right
# after a one-letter word marks it as an initial.
# Letters, and "?" before one: a letter a file saved without Kazakh letters lost
# (Т?р?анбаева, Аққағаз as А??а?аз); a "?" after the last letter is a question mark.
_WORD = re.compile(r"(?:[^\W\d_]|\?+(?=[^\W\d_]))+(?:['-][^\W\d_]+)*")
_EMAIL = re.compile(r"\S+@\S+\.\S+")
# Anything but letters, spaces, hyphens, apostrophes and initials' dots is dropped from the
# display form; the review sheet shows what was typed.
_SYMBOLS = re.compile(r"[^\w\s.'-]|_")
# Seven digits is the shortest local phone number; fewer are more likely a typo in a name.
MIN_PHONE_DIGITS = 7

# Casing and script fixing settle within two rounds; the third is a safety margin.
MAX_CASING_ROUNDS = 3

# Notes, as codes the report translates (reports/labels.py, "note.<code>").
CONTACT, NO_LETTERS, DIGITS, LOST_LETTERS, SYMBOLS, INITIALS_ONLY, ONE_WORD = (
    "name.contact", "name.no_letters", "name.digits", "name.lost_letters", "name.symbols",
    "name.initials_only", "name.one_word")
NOTES = (CONTACT, NO_LETTERS, DIGITS, LOST_LETTERS, SYMBOLS, INITIALS_ONLY, ONE_WORD)

# What people type into a name question they have no answer for (most often the
# patronymic), folded: such a cell is empty. Cells without letters ("-", "—", "0") are too.
_NO_ANSWER_TEXTS = (
    "нет", "нету", "не", "нэт", "нет отчества", "отчества нет", "без отчества",
    "отчество отсутствует", "отсутствует", "не имеется", "не имею", "не указано", "н/д",
    "жоқ", "жок", "жо?", "әкесінің аты жоқ", "no", "none", "nil", "n/a", "na", "not applicable",
    "no patronymic", "no middle name", "x", "х")
NO_ANSWER = frozenset(map(fold, _NO_ANSWER_TEXTS))
# ... but capitalised as a name is, one is a name: Na Zhou, Na Li (n/a is "na", "NA", "n/a").
NAMES_LIKE_NO_ANSWER = frozenset({"Na"})
# The one-word ones as typed in lower case, for join_name_parts' quick look.
_NO_ANSWER_WORDS = NO_ANSWER | frozenset(t for t in _NO_ANSWER_TEXTS if " " not in t)

# A name typed without spaces is split before a capital that follows a small letter
# (ИвановИванИванович, AsanovAidar), or before a capitalised word that follows a surname
# in capitals (ИВАНОВИван) when that surname has at least this many letters.
MIN_CAPS_SURNAME = 3
# Initials of two letters, written with a dot: Latin spellings of one Cyrillic letter
# (Zh. for Ж, Sh. for Ш, Ye. for Е) and Дж.
DIGRAPH_INITIALS = frozenset({"zh", "sh", "ch", "kh", "ts", "ye", "yu", "ya", "yo", "дж"})
# Scottish and Irish prefixes whose capital inside the name is not a new word (McDonald).
_CAMEL_PREFIXES = frozenset({"Mc", "Mac"})

# A remark typed beside the name, in brackets or after a comma, a semicolon or a spaced
# dash ("Ахметова Аружан (студентка)", "Иванов Иван, 2 курс"), is not part of the name when
# it holds digits, says a role or a course, or names an institution ("Смирнова Анна, Satbayev
# Uni"); anything else there is ("Иванов, Иван", a maiden name in brackets).
_IN_BRACKETS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_AFTER_NAME = re.compile(r"(\s*[,;]\s*|\s+[-–—]\s+)")
_MAY_HOLD_REMARK = re.compile(r"[(\[,;]|\s[-–—]\s")
_DASHES = frozenset("-–—")
# Skeleton endings of surnames that begin like a role word (Магистрова, Лекторов): a lone
# word ending so, in brackets, is a maiden name, not a remark.
SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "in", "ina", "ski", "skaia")

# Titles written before or after a name (Dr. Yerlan Sadykov, доцент Рахимова Жанна,
# Рахимова Жанна к.х.н.) are not part of it: these words in any case, folded; besides them
# a role or degree word (roles_in) typed with a dot, or in lower case beside a capitalised
# name. A capitalised role word may be a name (Маман), and so may a word of a name typed
# all in lower case (магистрова анна), so those stay.
TITLES = frozenset(map(str.casefold, (
    "dr", "prof", "professor", "docent", "academician", "mr", "mrs", "ms", "miss", "phd",
    "профессор", "проф", "доцент", "доктор", "академик", "г-н", "г-жа", "господин", "госпожа",
    "phd-доктор")))
_TWO_INITIALS = re.compile(r"(?:[^\W\d_]\.?){1,2}")
# A name keeps at least this many words when titles are taken off; a title has at most
# this many (аға ғылыми қызметкер).
MIN_WORDS_LEFT = 2
MAX_TITLE_WORDS = 3

# Surname endings no first name has (Марина, Алина end in -ина), and the letters a word
# needs for its ending to say it is a surname (Лев, Ева).
_ONLY_SURNAME_ENDINGS = tuple(end for end in SURNAME_ENDINGS if not end.startswith("in"))
MIN_SURNAME_LETTERS = 5
# Separate words that mark a patronymic (Асан улы, Серік кызы, Гасан оглы), as skeletons.
PATRONYMIC_WORDS = frozenset({"uli", "kizi", "ogli", "oglu", "ulu"})  # ulu: Kyrgyz uulu
# Skeleton endings of Russian (-ovich, -ovna, -ichna) and Kazakh (-uly, -kyzy; -ulu, with ұ
# and ы both typed u) patronymics; but -сұлу ends given names, "beautiful" (Айсұлу).
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ichna", "uli", "kizi", "ulu")
NO_PATRONYMIC_ENDINGS = ("sulu",)


@lru_cache(maxsize=65536)  # patronymics and surnames come back in thousands of names
def is_patronymic(token: str) -> bool:
    """Whether a word (any script; skeletons too) is a patronymic or a patronymic particle."""
    skeleton = latin_skeleton(token)
    if skeleton in PATRONYMIC_WORDS:
        return True
    return not skeleton.endswith(NO_PATRONYMIC_ENDINGS) and any(
        skeleton.endswith(end) and len(skeleton) > len(end) for end in PATRONYMIC_ENDINGS)


def name_key(text: str) -> str:
    """The matching key of one name (see normalize_names)."""
    return _normalize_one(text)[1]


def normalize_names(values: Sequence[str], known: Mapping | None = None) -> pd.DataFrame:
    """One row per input value with the columns in COLUMNS; each distinct value parsed once,
    unless `known` (from name_results) has it already."""
    return per_unique([as_text(v) for v in values], _normalize_one, COLUMNS, values, known,
                      as_typed=0)


def surname_first_in_list(names: Sequence[str]) -> list[str]:
    """The list's two-word names typed first name first, turned round as lists write names
    (Камила Ахметова -> Ахметова Камила, Александр Цой -> Цой Александр), learning from
    the list itself which words are first names: those in the middle of its three-word
    names with a patronymic last (Иванов Александр Петрович). A two-word name turns when
    its second word is never such a first name and its first is one, or only its second
    has a surname's ending; never when its first word is one of the list's surnames, or a
    word is shaped as a patronymic (Ерасылқызы)."""
    given: Counter[str] = Counter()
    surnames: Counter[str] = Counter()
    distinct = dict.fromkeys(name for name in names if isinstance(name, str))
    for name in distinct:
        words = name.split()
        if len(words) == 3 and is_patronymic(words[2]) and not is_patronymic(words[1]):
            surnames[fold(words[0])] += 1
            given[fold(words[1])] += 1
    turned = {}
    for name in distinct:
        words = name.split()
        if len(words) != 2 or "." in name or any(map(is_patronymic, words)):
            continue
        first, second = map(fold, words)
        if surnames[first]:
            continue
        if not given[second] and (given[first] or _surname_shaped(words[1])
                                  and not _surname_shaped(words[0])):
            turned[name] = f"{words[1]} {words[0]}"
    if not turned:
        return list(names)
    return [turned.get(name, name) if isinstance(name, str) else name for name in names]


def name_results(values: Sequence[str]) -> dict:
    """What normalize_names works out for each distinct value, to hand it as `known`."""
    return results_per_unique([as_text(v) for v in values], _normalize_one)


def parts_in_their_places(parts: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The answers to separate name questions ({"last_name": cells, "first_name": ...,
    "middle_name": ...}, any of them), each row's put back where it belongs when a person
    typed them into each other's question: a patronymic (-овна, -қызы) in the surname or
    first-name cell trades places with the word in the patronymic cell; a surname and a
    first name trade places when the rest of the column says so (the word in the surname
    cell is elsewhere only ever a first name, and the other way round), or when only the
    word in the first-name cell has a surname's ending (Элла | Николаева, Ильдар |
    Гильманов) and the column does not have the other word as a surname more often than as
    a first name; a first name and patronymic typed into the surname's cell trade places
    with the one word of the first-name cell (Айым Сериковна | Уалиева). Nothing else
    moves."""
    placed = {field: list(cells) for field, cells in parts.items()}
    last, first, middle = (placed.get(f) for f in ("last_name", "first_name", "middle_name"))
    if middle is not None:
        for cells in (last, first):
            for i, (word, father) in enumerate(zip(cells or (), middle)):
                if _one_word(word) and is_patronymic(word) and _one_word(father) \
                        and not is_patronymic(father) and _is_answer(father):
                    cells[i], middle[i] = father, word
    if last is not None and first is not None:
        for i, (surname, given) in enumerate(zip(last, first)):
            # Айым Сериковна | Уалиева: the first name and patronymic in the surname's cell
            if _one_word(given) and not is_patronymic(given) and _given_and_father(surname):
                last[i], first[i] = given, surname
        as_last = Counter(fold(w) for w in last if _one_word(w))
        as_first = Counter(fold(w) for w in first if _one_word(w))
        for i, (surname, given) in enumerate(zip(last, first)):
            if not (_one_word(surname) and _one_word(given)):
                continue
            s, g = fold(surname), fold(given)
            # elsewhere (this row left out): s only ever a first name, g only ever a surname
            if as_last[s] == 1 and as_first[s] and as_first[g] == 1 and as_last[g]:
                last[i], first[i] = given, surname
            elif _surname_shaped(given) and not _surname_shaped(surname) \
                    and as_last[s] - 1 <= as_first[s]:
                last[i], first[i] = given, surname
    return placed


def _given_and_father(cell: str) -> bool:
    """Two words, the second a patronymic (Айым Сериковна, Ерлан Асхатұлы)."""
    words = cell.split()
    return len(words) == 2 and all(map(str.isalpha, words)) and is_patronymic(words[1]) \
        and not is_patronymic(words[0])


def _surname_shaped(word: str) -> bool:
    """A Russian-style surname's ending (Николаева, Гильманов, Жуковский), on a word long
    enough not to be a first name that has it (Лев, Ева)."""
    skeleton = latin_skeleton(word)
    return len(skeleton) >= MIN_SURNAME_LETTERS and skeleton.endswith(_ONLY_SURNAME_ENDINGS)


def _one_word(cell: str) -> bool:
    return bool(cell) and cell.strip().isalpha()


def join_name_parts(parts: Sequence[str]) -> str:
    """One name from the answers to separate surname / first name / patronymic questions,
    as typed: cells that say there is nothing ("нет", "-", "жоқ", "n/a") are left out, and
    words a cell repeats from a fuller one are written once, so a whole name typed into one
    cell and again in part into the others is not doubled. Order is the cells' order.

    When no cell has a real answer the cells are joined as they are: nothing typed is lost.
    """
    return _joined(tuple(parts))


# A run reads the name cells twice (ahead of normalize, and for the responses): each
# distinct set of cells is joined once.
@lru_cache(maxsize=65536)
def _joined(parts: tuple[str, ...]) -> str:
    if all(not text or text.isalpha() for text in parts):  # one plain word each: at once
        words = [text for text in parts if text]
        lower = [word.lower() for word in words]
        if len(set(lower)) == len(lower) and _NO_ANSWER_WORDS.isdisjoint(lower) \
                and all(len(split_run_together(word)) == 1 for word in words):
            return " ".join(words)
    # words typed without spaces are words too: "ЕсеновТалгат" beside "Талгат" is one name
    cells = [[piece for word in text.split() for piece in split_run_together(word)]
             for text in parts]
    answered = [words if _is_answer(" ".join(words)) else [] for words in cells]
    if not any(answered):
        return " ".join(word for words in cells for word in words)
    taken: set[str] = set()
    kept: list[list[str]] = [[] for _ in answered]
    # fuller cells first: what a shorter cell repeats from them is what is left out
    for i in sorted(range(len(answered)), key=lambda i: -len(answered[i])):
        words = answered[i]
        folded = [fold(word) for word in words]
        fathers = [_names_patronymic(words, j) for j in range(len(words))]
        kept[i] = [word for j, word in enumerate(words) if fathers[j] or folded[j] not in taken]
        taken.update(f for f, father in zip(folded, fathers) if not father)
    return " ".join(word for words in kept for word in words)


def _is_answer(cell: str) -> bool:
    folded = fold(cell)
    return bool(folded) and (folded not in NO_ANSWER or cell.strip() in NAMES_LIKE_NO_ANSWER) \
        and any(map(str.isalpha, folded))


def _names_patronymic(words: list[str], j: int) -> bool:
    """Whether words[j] is the father's name in a two-word patronymic (Серік қызы): kept
    even when the person's own name is the same word."""
    return j + 1 < len(words) and latin_skeleton(words[j + 1]) in PATRONYMIC_WORDS


def split_run_together(word: str) -> list[str]:
    """A word typed without spaces, split where a new capitalised word (or an initial)
    starts: ИвановИванИванович, AsanovAidar, ИвановИ, ИВАНОВИван. Caps Lock typing
    (иВАНОВ) and McDonald stay whole."""
    if word.islower() or word.isupper() or word[1:].islower():
        return [word]  # the usual shapes, answered at once
    pieces, start = [], 0
    for i in range(1, len(word)):
        if not word[i].isupper() or i - start < 2:
            continue
        after = word[i + 1] if i + 1 < len(word) else ""
        capitalised = not after.isalpha() or after.islower()
        if word[i - 1].islower():
            new_word = capitalised
        else:  # a surname in capitals, then a capitalised word
            new_word = (after.islower() and i - start >= MIN_CAPS_SURNAME
                        and word[start:i].isupper())
        if new_word and word[start:i] not in _CAMEL_PREFIXES:
            pieces.append(word[start:i])
            start = i
    pieces.append(word[start:])
    return pieces


def _without_remarks(text: str) -> str:
    """The name without the remarks typed beside it (see _IN_BRACKETS); the text as it is
    when nothing of a name would be left."""
    if not _MAY_HOLD_REMARK.search(text):
        return text
    kept = _IN_BRACKETS.sub(
        lambda m: " " if _is_remark(m.group(1) or m.group(2) or "") else m.group(0), text)
    first, *rest = _AFTER_NAME.split(kept)  # name, separator, part, separator, part...
    for separator, part in zip(rest[::2], rest[1::2]):
        if not _is_remark(part):
            # a dash after a lone word joins a double surname typed with spaces (Ахметова - Сейткали)
            double = separator.strip() in _DASHES and len(first.split()) == 1
            first += ("-" if double else separator) + part
    kept = " ".join(first.split())
    return kept if _WORD.search(kept) else text


def institution_beside(text: str) -> str:
    """The institution typed beside a name, in brackets, after a comma or right after it
    ("Смирнова Анна, Satbayev Uni": "Satbayev Uni"; "Омаров Ерлан КазНУ": "КазНУ"), or "":
    a question asking the name and the place of study at once."""
    text = clean_text(text)
    parts = []
    if _MAY_HOLD_REMARK.search(text):
        parts = [m.group(1) or m.group(2) or "" for m in _IN_BRACKETS.finditer(text)]
        parts += _AFTER_NAME.split(_IN_BRACKETS.sub(" ", text))[2::2]
    words = _without_remarks(text).split()
    parts.append(" ".join(words[_institution_after(words):]))
    return next((part.strip() for part in parts if part.strip() and is_institution(part)), "")


def _without_notes(text: str) -> str:
    """The name without remarks beside it, an institution after it and titles around it."""
    words = _without_remarks(text).split()
    return _without_titles(" ".join(words[:_institution_after(words)]))


def _institution_after(words: list[str]) -> int:
    """Where an institution typed right after the name begins ("Омаров Ерлан КазНУ", "...
    Иванович школа №12", "Smirnova Anna Narxoz University"), or len(words). It begins with
    a word no name has, or with its own name before such a word, and what follows is an
    institution."""
    capitals = not any(word.isupper() for word in words[:MIN_WORDS_LEFT])
    for i in range(MIN_WORDS_LEFT, len(words)):
        its_name = i + 1 < len(words) and _kind_word(words[i + 1]) and not is_patronymic(words[i])
        if (_no_names_word(words[i], capitals) or its_name) and is_institution(" ".join(words[i:])):
            return i
    return len(words)


def _no_names_word(word: str, capitals: bool) -> bool:
    """An abbreviation ("КазНУ", "SDU", beside a name not in capitals), a number, or a word
    of an organisation's kind: no part of a person's name."""
    return ((capitals and _INNER_CAPITAL.search(word) is not None)
            or any(map(str.isdigit, word)) or "№" in word or _kind_word(word))


# A capital inside a word, not at the start of its part: an abbreviation's (КазНУ, SDU),
# not a double name's (Ли-Ен, Ахметова-Сейткали).
_INNER_CAPITAL = re.compile(r"[^\W\d_][^\W\d_]*?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")


def _kind_word(word: str) -> bool:
    """A word of an organisation's kind ("школа", "University", not "Школьникова"), or the
    Kazakh "named after", which follow the institution's own name."""
    return word.casefold() == "атындағы" or (
        organisation_word(word) and not latin_skeleton(word).endswith(SURNAME_ENDINGS))


def _without_titles(text: str) -> str:
    """The name without the titles before or after it (see TITLES)."""
    words = text.split()
    if len(words) <= MIN_WORDS_LEFT:
        return text
    # a role word in lower case stands out as a title only beside a name that is not
    lower_stands_out = not text.islower()
    if not (_may_be_title(words[0], lower_stands_out)
            or _may_be_title(words[-1], lower_stands_out)):
        return text  # most names: answered at once
    while taken := _title_words(words, lower_stands_out):
        words = words[taken:]
    while taken := _title_words(words[::-1], lower_stands_out):
        words = words[:-taken]
    return " ".join(words)


def _title_words(words: list[str], lower_stands_out: bool) -> int:
    """How many of the first words are a title (аға оқытушы, к.х.н., Dr.), 0 for none."""
    for count in range(min(MAX_TITLE_WORDS, len(words) - MIN_WORDS_LEFT), 0, -1):
        part = words[:count]
        if not all(_may_be_title(word, lower_stands_out) for word in part):
            continue
        joined = " ".join(part)
        if all(word.strip(".,:;").casefold() in TITLES for word in part) or roles_in(joined) \
                or signals_in(joined):
            return count
    return 0


def _may_be_title(word: str, lower_stands_out: bool) -> bool:
    if word.strip(".,:;").casefold() in TITLES:
        return True
    marked = "." in word or (lower_stands_out and word.islower())
    # И.П. is a person's initials, not a sole trader
    return marked and not _TWO_INITIALS.fullmatch(word)


def _is_remark(part: str) -> bool:
    """Whether text beside a name is a remark: digits, a role or a course said, or an
    institution (a question asking the name and the place of study at once)."""
    words = part.split()
    if len(words) == 1 and words[0][:1].isupper() and latin_skeleton(words[0]).endswith(
            SURNAME_ENDINGS):
        return False
    return (not words or any(map(str.isdigit, part)) or bool(roles_in(part) or signals_in(part))
            or is_institution(part))


def _normalize_one(raw: str) -> tuple[str, str, str]:
    text = _without_notes(clean_text(raw))
    if not text:
        return "", "", ""
    without_emails, emails_found = _EMAIL.subn(" ", text)
    words, initials = [], []
    # only a text of mixed case can hold words typed without spaces (the usual ones are not)
    mixed = not (text.istitle() or text.isupper() or text.islower())
    for match in _WORD.finditer(without_emails):
        pieces = split_run_together(match.group(0)) if mixed else (match.group(0),)
        # a split can leave an apostrophe or hyphen at a piece's edge (AA'|Aa): not a letter
        pieces = [piece.strip("'-") for piece in pieces] if len(pieces) > 1 else pieces
        for number, word in enumerate(pieces, start=1):
            if len(word) == 1 or (len(word) == 2 and number == len(pieces)
                                  and word.casefold() in DIGRAPH_INITIALS
                                  and without_emails.startswith(".", match.end())):
                initials.append(word)
            else:
                words.append(word)
    if not words and not initials:
        if emails_found or _digit_count(text) >= MIN_PHONE_DIGITS:
            return text, "", CONTACT
        return text, "", NO_LETTERS

    # a word typed twice in a row is one ("Сейткали Дастан Дастан": a phone's keyboard);
    # two words alike are a name ("Ли Ли")
    if len(words) > 2:
        words = [word for i, word in enumerate(words)
                 if not i or word.casefold() != words[i - 1].casefold()]
    words = _surname_first(_in_one_script(words))
    display = [_proper_case(word, position) for position, word in enumerate(words)]
    display += [_same_shape(initial, initial[:1].upper() + initial[1:].lower()) + "."
                for initial in initials]
    tokens = [part for word in words for part in skeleton_keeping_lost(word).split()]
    shown = " ".join(display)
    # a name typed as it should be is that very string: one object, not two equal ones
    return (raw if shown == raw else shown), " ".join(sorted(tokens)), _note(
        text, words, initials, emails_found)


def _in_one_script(words: list[str]) -> list[str]:
    """A word of Latin letters that look Cyrillic, beside Cyrillic words, in Cyrillic: the
    "Cepik" of "Жунісбеков Cepik" typed on the other keyboard layout (i is the Kazakh і)."""
    if not any(_CYRILLIC_LETTER.search(word) for word in words):
        return words
    return [word.translate(LATIN_TO_CYRILLIC) if _LOOK_ALIKES.fullmatch(word) else word
            for word in words]


def _surname_first(words: list[str]) -> list[str]:
    """A three-word name in the order lists write names: the surname first, where the
    patronymic says which word it is (Дарья Викторовна Козлова) or, the patronymic last,
    only the middle word has a surname's ending (Ләззат Нұрмағанбетова Аскаровна)."""
    if len(words) != 3:
        return words
    if is_patronymic(words[2]):  # the usual order (Иванова Анна Петровна) is asked least
        if _surname_shaped(words[1]) and not _surname_shaped(words[0]) \
                and not _particle(words[2]) and not is_patronymic(words[0]):
            return [words[1], words[0], words[2]]
        return words
    if is_patronymic(words[1]) and not _particle(words[1]) and not is_patronymic(words[0]):
        return [words[2], *words[:2]]
    return words


def _particle(word: str) -> bool:
    """A patronymic's separate word (ұлы, қызы, uulu), not a patronymic of its own."""
    return latin_skeleton(word) in PATRONYMIC_WORDS


def _note(text: str, words: list[str], initials: list[str], emails_found: int) -> str:
    digits = _digit_count(text)
    if emails_found or digits >= MIN_PHONE_DIGITS:
        return CONTACT
    if digits:
        return DIGITS
    if any(LOST_LETTER in word for word in words):
        return LOST_LETTERS
    if _SYMBOLS.search(text):
        return SYMBOLS
    if not words:
        return INITIALS_ONLY
    if len(words) == 1 and not initials:
        return ONE_WORD
    return ""


def _digit_count(text: str) -> int:
    return sum(map(str.isdigit, text))


def _proper_case(word: str, position: int) -> str:
    """Ким-ли -> Ким-Ли; a patronymic particle after the first word stays lower case."""
    return _cased(word, position > 0)


# The same first names and surnames come back in thousands of names: each is cased once.
@lru_cache(maxsize=65536)
def _cased(word: str, after_first: bool) -> str:
    # Changing case can change which script a mixed word is fixed to (вAA -> Вaa, then В is
    # a Latin look-alike), so case and clean again until nothing changes.
    for _ in range(MAX_CASING_ROUNDS):
        if after_first and latin_skeleton(word) in PATRONYMIC_WORDS:
            cased = word.lower()
        else:
            cased = "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
        cased = clean_text(_same_shape(word, cased))
        if cased == word:
            break
        word = cased
    return word


def _same_shape(word: str, cased: str) -> str:
    """`cased`, unless changing case changed the letters themselves (ß -> SS, İ -> i + dot):
    then the word as typed, so that normalizing the output again gives the same output."""
    return cased if len(cased) == len(word) and _WORD.fullmatch(cased) else word

