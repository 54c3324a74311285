"""How much a question's wording says it asks for each field, in Russian, Kazakh and English.

Each field has many phrasings. A question and a phrasing are compared word by word on their
stems, not their spellings: two words match when they share their beginning up to a few
letters of ending (телефон / телефона / телефоныңыз, почта / почты, university /
universities), so Russian cases and Kazakh suffixes need no list. Words that say nothing
about the field ("укажите", "please", "(при наличии)", "ваш", "көрсетіңіз") are left out of
both sides.

A question's score for a field is the best of its phrasings: the share of the phrasing's
words the question has, times how much of the question the field's words explain (a long
question that merely mentions "name" is not the name question). Words naming someone else
(a supervisor, a parent) lower the person fields; "рождения" lowers the timestamp.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Mapping

from sync.normalize.text import LOST_AS_FOLDED, LOST_LETTERS, clean_text

# The pseudo-field of an organizer's own numbering ("№", "п/п"): not an answer.
ROW_NUMBER = "row_number"

# (phrasing, weight): a weight below 1 for words that often mean something else.
_PHRASINGS: dict[str, tuple[tuple[str, float], ...]] = {
    "submitted_at": (
        ("отметка времени", 1), ("время отправки", 1), ("дата и время", 1), ("дата", 0.9),
        ("время", 0.7), ("дата регистрации", 1), ("дата заполнения", 1), ("время заполнения", 1),
        ("дата подачи заявки", 1), ("время создания", 1), ("когда", 0.5), ("получено", 0.7),
        ("уақыт белгісі", 1), ("уақыты", 0.8), ("күні", 0.8), ("тіркелген күні", 1),
        ("толтырылған уақыты", 1), ("timestamp", 1), ("date", 0.9), ("time", 0.7),
        ("submitted", 1), ("submission time", 1), ("submitted at", 1), ("registered at", 1),
        ("date of registration", 1), ("completion time", 1), ("created", 0.8), ("received", 0.7),
    ),
    "email": (
        ("электронная почта", 1), ("адрес электронной почты", 1), ("почта", 1), ("email", 1),
        ("mail", 1), ("эл почта", 1), ("эл адрес", 1), ("электронный адрес", 1), ("имейл", 1),
        ("емейл", 1), ("мейл", 1), ("электрондық пошта", 1), ("пошта", 1),
        ("электрондық мекенжай", 1), ("email address", 1), ("gmail", 0.8),
    ),
    "phone": (
        ("телефон", 1), ("номер телефона", 1), ("мобильный телефон", 1), ("сотовый", 1),
        ("контактный телефон", 1), ("контактный номер", 1), ("мобильный", 0.8), ("whatsapp", 1),
        ("ватсап", 1), ("вотсап", 1), ("telegram", 0.6), ("тел", 1), ("номер", 0.5),
        ("телефон нөмірі", 1), ("ұялы телефон", 1), ("байланыс телефоны", 1), ("нөмір", 0.6),
        ("phone", 1), ("phone number", 1), ("telephone", 1), ("mobile", 1), ("cell", 0.8),
        ("contact number", 1), ("tel", 1), ("номер для связи", 1), ("связь", 0.6),
        ("ұялы байланыс", 1), ("байланыс", 0.6),
    ),
    "full_name": (
        ("фио", 1), ("ф и о", 1), ("фамилия имя отчество", 1), ("фамилия имя", 1),
        ("имя фамилия", 1), ("полное имя", 1), ("имя", 0.6), ("фио участника", 1),
        ("имя участника", 1), ("участник", 0.6), ("аты жөні", 1), ("толық аты жөні", 1),
        ("тегі аты әкесінің аты", 1), ("тегі аты", 1), ("аты тегі", 1), ("есімі", 0.6),
        ("қатысушының аты жөні", 1), ("т а ә", 1), ("таә", 1), ("full name", 1), ("name", 1), ("name surname", 1),
        ("first name last name", 1), ("last name first name", 1), ("surname name patronymic", 1),
        ("participant", 0.6), ("participant name", 1),
    ),
    "last_name": (
        ("фамилия", 1), ("тегі", 1), ("surname", 1), ("last name", 1), ("family name", 1),
    ),
    "first_name": (
        ("имя", 1), ("аты", 1), ("есімі", 1), ("first name", 1), ("given name", 1),
        ("name", 0.5), ("forename", 1),
    ),
    "middle_name": (
        ("отчество", 1), ("әкесінің аты", 1), ("әкесінің есімі", 1), ("әкеңіздің аты", 1),
        ("әкеңіздің есімі", 1), ("middle name", 1),
        ("patronymic", 1), ("father s name", 1),
    ),
    "institution": (
        ("учебное заведение", 1), ("вуз", 1), ("университет", 1), ("организация", 1),
        ("место учебы", 1), ("место работы", 1), ("место учебы работы", 1),
        ("название учебного заведения", 1), ("название организации", 1), ("название вуза", 1),
        ("учреждение", 1), ("колледж", 1), ("школа", 0.8), ("академия", 0.8), ("институт", 0.8),
        ("компания", 0.8), ("мектеп", 0.8), ("білім беру ұйымы", 1), ("оқу орны", 1), ("оқу орнының атауы", 1), ("ұйым", 1), ("мекеме", 1),
        ("жоо", 1), ("жұмыс орны", 1), ("ұйымның атауы", 1), ("institution", 1),
        ("university", 1), ("college", 1), ("school", 0.8), ("organization", 1),
        ("organisation", 1), ("affiliation", 1), ("place of study", 1), ("place of work", 1),
        ("employer", 1), ("company", 0.8), ("name of university", 1), ("name of institution", 1),
        ("name of organization", 1),
        # asked as "where": where one studies or works is the place, not the town
        ("где вы учитесь", 1), ("где учитесь", 1), ("где вы работаете", 1), ("где работаете", 1),
        ("қай жерде оқисыз", 1), ("қайда оқисыз", 1), ("оқитын жеріңіз", 1),
        ("жұмыс істейтін жеріңіз", 1), ("қайда жұмыс істейсіз", 1), ("where do you study", 1),
        ("where do you work", 1),
    ),
    "specialty": (
        ("специальность", 1), ("образовательная программа", 1), ("направление подготовки", 1),
        ("направление", 0.7), ("шифр специальности", 1), ("код специальности", 1),
        ("мамандық", 1), ("білім беру бағдарламасы", 1), ("бағдарлама", 0.7), ("specialty", 1),
        ("speciality", 1), ("major", 1), ("field of study", 1), ("programme", 1), ("program", 1),
        ("study programme", 1), ("degree programme", 1), ("оп", 0.8),
    ),
    "role": (
        ("статус", 1), ("роль", 1), ("должность", 1), ("категория участника", 1),
        ("кто вы", 1), ("кем вы являетесь", 1), ("вы являетесь", 1), ("студент или преподаватель", 1),
        ("студент магистрант докторант преподаватель сотрудник", 1), ("уровень обучения", 0.8),
        ("занимаемая должность", 1), ("род деятельности", 1), ("мәртебе", 1), ("лауазым", 1),
        ("санат", 1), ("сіз кімсіз", 1), ("қатысушы санаты", 1), ("білім алушы оқытушы", 1),
        ("role", 1), ("position", 1), ("status", 1), ("are you student or teacher", 1),
        ("who are you", 1), ("occupation", 1), ("job title", 1), ("category", 0.8),
        ("participant category", 1), ("student teacher researcher", 1), ("қызметі", 0.8),
        ("i am", 1),
    ),
    "city": (
        ("город", 1), ("населенный пункт", 1), ("город проживания", 1), ("откуда вы", 0.8),
        ("регион", 0.7), ("қала", 1), ("елді мекен", 1), ("city", 1), ("town", 1),
        ("location", 0.7), ("where are you from", 0.8), ("место проживания", 1),
        ("тұрғылықты жері", 1),
    ),
    ROW_NUMBER: (
        ("no", 1), ("номер по порядку", 1), ("п п", 1), ("р с", 1), ("реттік нөмір", 1),
        ("number", 0.6), ("номер", 0.6), ("нөмір", 0.5), ("n", 0.8),
    ),
}
FIELDS = tuple(_PHRASINGS)

# Words that say nothing about the field, left out of questions and phrasings alike.
_FILLER_WORDS = """
    ваш ваша ваше вашего вашей вашу ваши вы свой своя свое свою укажите указать пожалуйста
    введите напишите впишите заполните полностью обязательно обязательное поле наличии если есть
    и или в во на для по с со из как при а также ли ответ кратко
    сіздің сіз өтініш көрсетіңіз жазыңыз енгізіңіз толтырыңыз толық міндетті бар болса және
    немесе үшін тд тп etc қалай how емес
    please enter your you are is the a an of and or if any applicable optional required for
    in to what which type write here specify full own do
"""
_PERSON_FIELDS = frozenset({"full_name", "last_name", "first_name", "middle_name", "email",
                            "phone"})
# Words saying a question is not about the participant's own field, the fields they take
# it from and what a field's score keeps then: someone else's name or address (a
# supervisor's, a parent's); a date that is not when the form was filled in; a town where
# one was born, not where one is; a second phone or address beside the usual one (which
# wins, but taken when it is the only one); how many or how long, which no field is; a note.
# Beginnings of words (folded as questions are), or phrases of several words.
# Who sent the letter a list's row came from (an office's, a school's address, or the
# participant's own), folded.
_SENDER_WORDS = ("от кого", "отправител", "sender", "sent by", "forwarded", "жиберуши",
                 "кимнен")
# A list's column named as a mail program names the sender: "From", "От:", "From (e-mail)"
# (field test AS: an English list's "From" was read as the participant's address).
_SENDER_ALONE = re.compile(r"(?:from|от)(?: e ?mail| address)?")
_SENDERS_SHARE = 0.3  # what a sender's column keeps of a person's field's score
_NOT_THEIR_OWN = (
    (("руководител", "supervisor", "advisor", "adviser", "родител", "parent", "жетекш",
      "ата ана", "куратор", "curator", "mentor", "наставник", "контактное лицо", "mother",
      "father", "мамы", "папы", *_SENDER_WORDS), _PERSON_FIELDS, _SENDERS_SHARE),
    (("рожд", "birth", "туган", "туыл", "приезд", "отъезд", "заезд", "выезд", "arrival",
      "departure", "келу", "кету", "выступлени", "доклад"), frozenset({"submitted_at"}), 0.3),
    (("рожд", "birth", "born", "туган", "туыл"), frozenset({"city"}), 0.3),
    # "Откуда вы узнали о конференции?": how the news came, not where one is from
    (("узнал", "узнав", "билдин", "билдиниз", "естидин", "hear", "heard", "found out",
      "learn about", "learned about"), frozenset({"city"}), 0.3),
    (("втор", "запасн", "дополнительн", "резерв", "альтернатив", "другой", "екинши", "косымша",
      "second", "backup", "back up", "alternat", "additional", "extra", "secondary", "another"),
     frozenset({"phone", "email"}), 0.75),
    (("сколько", "how many", "how long", "канша", "стаж", "опыт", "experience"),
     frozenset(FIELDS) - {ROW_NUMBER}, 0.3),
    # a note or a comment holds whatever its writer adds ("с докладом", "4 курс, Биология"):
    # answers that look like a field's are not enough to make it that field
    (("примечан", "коммент", "замечан", "пожелан", "ескерт", "пикир", "тилек", "note",
      "comment", "remark", "wish", "дополнительная информация", "косымша акпарат",
      "additional information", "other information", "anything else"),
     frozenset(FIELDS) - {ROW_NUMBER}, 0.5),
    # a session's direction or track is the conference's, not one's programme; so is a
    # talk's ("Направление доклада": field test FD)
    (("секци", "session", "section", "track", "трек", "панел", "panel", "доклад", "баяндам",
      "presentation"), frozenset({"specialty"}), 0.3),
)

# The participant's own offered beside someone else's: "ученика или родителя", "your or
# your parent's", "оқушының немесе ата-анасының" (folded), "ученика/родителя" (as typed).
_OWN_OR_ANOTHERS = re.compile(
    r"(?:учени|учащ|участник|студент|свой|сво[её]|ваш|your|own|pupil|student|participant|"
    r"окушы|сиздин|озин|оз)\w*\s*(?:\s(?:или|либо|немесе|не|or)\s|/)", re.IGNORECASE)
_KAZAKH = str.maketrans("әғқңөұүһіё", "агкноуухие")
_NOT_WORD = re.compile(r"[^\w]+|_")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_EMAIL_WORD = re.compile(r"\be\s*-?\s*mail|\bэл\.?\s*-?\s*почт")
# Letters written apart are one abbreviation: "Ф.И.О." is "фио", "№ п/п" is "no пп".
_SPELLED_OUT = re.compile(r"\b\w(?: \w\b)+")


# An example of an answer in a question ("Email (e.g. name@gmail.com)", "ФИО (например,
# Иванов Иван)"): its words are not the question's.
_EXAMPLE = re.compile(
    r"\([^()]*@[^()]*\)"
    r"|\(\s*(?:e\.?\s?g\b|например|напр\b|мысалы|for example|example|пример)[^()]*\)"
    r"|[,:;]?\s*\b(?:e\.\s?g\.|for example|например|напр\.|мысалы)\W.*$", re.IGNORECASE)


def without_examples(question: str) -> str:
    """The question without an example of its answer."""
    return _EXAMPLE.sub(" ", question).strip() or question


def fold_question(text: str) -> str:
    """Lower-case, ё and Kazakh letters as Russian, e-mail as one word, № as "no", no
    punctuation, no example of an answer: the form a question is compared in. Letters a
    Windows-1251 file lost are guessed (_guessed)."""
    text = LOST_LETTERS.sub(lambda lost: _LOST * len(lost.group()), text)
    text = without_examples(clean_text(text.replace("\ufeff", "")))
    text = text.casefold().translate(_DASHES)
    text = _EMAIL_WORD.sub(lambda m: " email " if "mail" in m.group() else " эл почт", text)
    text = text.replace("№", " no ").replace("#", " no ").translate(_KAZAKH)
    text = " ".join(_NOT_WORD.sub(" ", text).split())
    if _LOST in text:
        text = " ".join(map(_guessed, text.split()))
    return _SPELLED_OUT.sub(lambda m: m.group().replace(" ", ""), text)


# A letter of a header a Windows-1251 file lost ("?кесіні? аты (бар болса)"), kept through
# folding as a letter (one of LOST_AS_FOLDED).
_LOST = "ʔ"


@lru_cache(maxsize=4096)
def _guessed(word: str) -> str:
    """A folded word with lost letters as the fields' word it is with them put back
    ("ʔкесиниʔ": "акесини", the patronymic's "әкесінің"; "мʔртебеʔиз": "мартебеиз", of
    "мәртебеңіз", the status), those in its ending left out; else as it was, a word of no
    field."""
    if _LOST not in word:
        return word
    for known in _known_words():
        put_back = "".join(k if c == _LOST and k in LOST_AS_FOLDED else c
                           for c, k in zip(word, known))
        put_back += word[len(known):].replace(_LOST, "")
        if _LOST not in put_back and same_stem(put_back, known):
            return put_back
    return word


@cache
def _known_words() -> tuple[str, ...]:
    """Every word of the fields' phrasings, longest first."""
    return tuple(sorted(set().union(*_VOCABULARY.values()), key=lambda w: (-len(w), w)))


def _content_words(folded: str) -> tuple[str, ...]:
    words = [w for w in folded.split() if not _is_filler(w)]
    # a lone letter says nothing, but for "n" (a row number)
    return tuple(w for w in words if len(w) > 1 or w == "n")


def same_stem(a: str, b: str) -> bool:
    """Whether two folded words are one word in different endings (see the module docstring).

    The shorter word may lose up to a quarter of its letters (at most three) to an ending;
    words of three letters or fewer must be a prefix of the other in full.
    """
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter <= 2:
        return False
    need = shorter - min(3, shorter // 4)
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= need


_FILLERS = frozenset(fold_question(_FILLER_WORDS).split())
# Beginnings of filler verbs, whatever their ending (folded): укажите/указать, көрсетіңіз/көрсетуіңіз.
_FILLER_STEMS = ("укаж", "указ", "введ", "впиш", "напиш", "заполн", "пожалуйст", "обязательн",
                 "корсет", "жазын", "жазу", "енгиз", "толтыр", "миндетт", "please", "specif",
                 "option", "requir")


@lru_cache(maxsize=8192)
def _is_filler(word: str) -> bool:
    return word in _FILLERS or word.startswith(_FILLER_STEMS)


def _compiled() -> Mapping[str, tuple[tuple[tuple[str, ...], float], ...]]:
    compiled = {field: tuple((_content_words(fold_question(text)), weight)
                             for text, weight in phrasings)
                for field, phrasings in _PHRASINGS.items()}
    empty = [text for field, phrasings in _PHRASINGS.items() for text, _ in phrasings
             if not _content_words(fold_question(text))]
    assert not empty, f"phrasings made of fillers only: {empty}"
    return MappingProxyType(compiled)


_COMPILED = _compiled()
_QUALIFIERS = tuple((tuple(fold_question(stem) for stem in stems), fields, factor)
                    for stems, fields, factor in _NOT_THEIR_OWN)
_VOCABULARY = MappingProxyType({field: frozenset(w for words, _ in phrasings for w in words)
                                for field, phrasings in _COMPILED.items()})


def _matches_any(word: str, words) -> bool:
    return any(same_stem(word, other) for other in words)


@lru_cache(maxsize=4096)
def wording_scores(question: str) -> Mapping[str, float]:
    """{field: 0..1} for one question; fields its wording does not suggest are left out.

    A question's words are explained by the field's phrasings it says in full, so one
    asking in three languages ("ФИО / Аты-жөні / Full name") is wholly the name, while
    "Last name" is only partly the whole name ("name")."""
    folded = fold_question(question)
    words = _content_words(folded)
    if not words:
        return MappingProxyType({})
    scores: dict[str, float] = {}
    for field, phrasings in _COMPILED.items():
        if not any(_matches_any(w, _VOCABULARY[field]) for w in words):
            continue
        best, said = 0.0, set()
        for phrase, weight in phrasings:
            covered = sum(_matches_any(p, words) for p in phrase) / len(phrase)
            best = max(best, weight * covered)
            if covered == 1:  # a phrasing the question says in full: its words are explained
                said.update(w for w in words if _matches_any(w, phrase))
        explained = len(said) / len(words) if said else 0.0
        score = best * (0.5 + 0.5 * explained) * not_their_own(question).get(field, 1.0)
        if field == ROW_NUMBER:  # a numbering's header is nothing else ("No", not "Yes/No")
            score *= explained
        if score > 0:
            scores[field] = round(score, 4)
    return MappingProxyType(scores)


# The organizers' own notes beside a list's people ("Примечание", "Ескертпе", "Comment"):
# no question anyone answered (folded: Kazakh letters as Russian ones).
_NOTE_STEMS = ("примечан", "комментар", "заметк", "пометк", "ескерт")
_NOTE_WORDS = frozenset({"note", "notes", "comment", "comments", "remark", "remarks"})


def is_note(question: str) -> bool:
    """Whether a column holds the organizers' notes, its header a word or two."""
    words = fold_question(question).split()
    return 0 < len(words) <= 2 and any(w.startswith(_NOTE_STEMS) or w in _NOTE_WORDS
                                       for w in words)


def is_sender(question: str) -> bool:
    """Whether a question asks who sent the letter a row came from (_SENDER_WORDS,
    _SENDER_ALONE)."""
    folded = fold_question(question)
    return bool(_SENDER_ALONE.fullmatch(folded)) or any(
        f" {word}" in f" {folded}" for word in _SENDER_WORDS)


# Words (folded) of the people a row registers, as a question or a group's label calls them:
# participants, a group, a team, learners ("ФИО участников", "Группа ХТ-21-1:").
REGISTERED = re.compile(r"участни|катысушы|participant|member|групп|тоб|group|команд|team|"
                        r"учащ|учени|окушы|студент|pupil|student|школьн")
# A team's leader, as a question or a remark calls them (folded stems): "Руководитель
# (ФИО)", "Жетекшінің аты-жөні", "(куратор Ткаченко А.В.)", "Supervisor".
LEADER_WORDS = frozenset({"руководител", "жетекш", "куратор", "curator", "supervisor", "advisor",
                          "adviser", "mentor", "наставник", "leader"})


def whose(question: str) -> frozenset[str]:
    """The words by which a question asks someone else's name or contacts ("Руководитель
    (ФИО)", "Телефон руководителя": {"руководител"}); empty for the participant's own."""
    folded = fold_question(question)
    if _OWN_OR_ANOTHERS.search(f"{folded} {question}"):
        return frozenset()
    words = folded.split()
    return frozenset(stem for stems, fields, _ in _QUALIFIERS if fields is _PERSON_FIELDS
                     for stem in stems if (f" {stem}" in f" {folded}" if " " in stem
                                           else any(w.startswith(stem) for w in words)))


@lru_cache(maxsize=4096)
def not_their_own(question: str) -> Mapping[str, float]:
    """{field: what its score keeps} for the fields a question's wording says it is not
    the participant's own (see _NOT_THEIR_OWN): its answers cannot make it theirs either."""
    folded = fold_question(question)
    words = folded.split()
    kept: dict[str, float] = {}
    for stems, fields, factor in _QUALIFIERS:
        if fields is _PERSON_FIELDS and _OWN_OR_ANOTHERS.search(f"{folded} {question}"):
            continue  # "Телефон (ученика или родителя)": theirs, or whoever answers for them
        # a phrase's last word may go on ("ата анасынын": the Kazakh "parent's")
        if any(f" {stem}" in f" {folded}" if " " in stem else
               any(word.startswith(stem) for word in words) for stem in stems):
            for field in fields:
                kept[field] = min(kept.get(field, 1.0), factor)
    if _SENDER_ALONE.fullmatch(folded):
        for field in _PERSON_FIELDS:
            kept[field] = min(kept.get(field, 1.0), _SENDERS_SHARE)
    return MappingProxyType(kept)
