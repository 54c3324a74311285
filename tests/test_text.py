import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.normalize import text as tx
from sync.normalize.text import clean_text, fold, latin_skeleton


def slow_clean_text(value: str) -> str:
    """clean_text as it was before its fast paths: every character looked at, every word's
    script checked. The fast paths must never give anything else."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value)
    text = "".join(
        " " if ch in "\t\n\r\x0b\x0c\x85\u2028\u2029"
        else "" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")
        else ch
        for ch in text
    )
    text = text.translate(tx._QUOTES).translate(tx._DASHES)
    text = re.sub(r'"+', '"', text)
    text = tx._WORD.sub(tx._fix_word_script, text)
    text = tx._fix_lone_letters(text)
    return re.sub(r"\s+", " ", text).strip()


# Letters of both scripts and their look-alikes, the characters clean_text removes or
# replaces, and a few from outside the plain blocks, so that every branch is drawn often.
_MIXED = st.text(st.one_of(
    st.sampled_from("AaBCcEeHKkMOoPpTXxYyАаВСсЕеНКкМОоРрТХхУуІіәғқңөұүһЁё"),
    st.sampled_from(" .,-'\"«»“”‘’–—\t\n\r\x0b\x85\u2028\u200b\u200e\ufeff\x00\x7f\u00ad"),
    st.sampled_from("e\u0301\u0306йЙ😀中ß\ue000"),
    st.characters(),
), max_size=40)


@settings(max_examples=3000)
@given(_MIXED)
def test_fast_paths_equal_the_slow_path(value):
    assert clean_text.__wrapped__(value) == slow_clean_text(value)


@settings(max_examples=1000)
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x214F)))
def test_plain_text_needs_no_character_look(value):
    if tx._PLAIN.fullmatch(value):
        assert tx._strip_invisible(value) == value


@pytest.mark.parametrize(("raw", "expected"), [
    ("", ""),
    ("  Иванов   Иван ", "Иванов Иван"),
    ("Иванов\tИван\nИванович", "Иванов Иван Иванович"),
    ("Ива\u200bнов\u00ad", "Иванов"),
    ("«КазНУ» — ‘им.’ Аль-Фараби", '"КазНУ" - \'им.\' Аль-Фараби'),
    ('""Нархоз""', '"Нархоз"'),
    ("Кaзнy", "Казну"),  # Latin a and y typed in a Cyrillic word
    ("Mоscоw", "Moscow"),  # Cyrillic о in a Latin word
    ("Цой C.", "Цой С."),  # a Latin initial among Cyrillic words
    ("Қасымова Əйгерім", "Қасымова Әйгерім"),  # the Latin Ə typed for the Kazakh Ә
    ("Ɵмірзақ", "Өмірзақ"),
    ("Əliyev Rəşad", "Əliyev Rəşad"),  # an Azerbaijani name stays as typed
    ("Tsoi C.", "Tsoi C."),
    ("Йошкар-Ола", "Йошкар-Ола"),
    ("Йошкар-Ола".replace("Й", "И\u0306"), "Йошкар-Ола"),  # decomposed й composed
    ("ivan@mail.ru", "ivan@mail.ru"),
])
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Әл-Фараби атындағы ҚазҰУ", "ал фараби атындагы казуу"),
    ("Ёлкин", "елкин"),
])
def test_fold(raw, expected):
    assert fold(raw) == expected


@pytest.mark.parametrize(("a", "b"), [("Айгерим", "Aigerim"), ("Жанна", "Zhanna"),
                                      ("Ерлан", "Yerlan"),
                                      # the 2018 Kazakh Latin alphabet: ý is у, ı и, ǵ ғ
                                      ("Тимур", "Tımýr"), ("Бауыржан", "Baýyrjan"),
                                      ("Меруерт", "Merýert"), ("Ғалым", "Ǵalym"),
                                      ("Дәулетова", "Dáýletova"),
                                      # j: ж, but й after a vowel before a consonant (AQ)
                                      ("Жанар", "Janar"), ("Айдос", "Ajdos"),
                                      ("Қайрат", "Kajrat"), ("Николай", "Nikolaj")])
def test_latin_skeleton_meets_transliterations(a, b):
    assert latin_skeleton(a) == latin_skeleton(b)


def test_per_unique_works_each_value_out_once_and_takes_what_is_known():
    done = []

    def shout(value: str) -> tuple[str]:
        done.append(value)
        return (value.upper(),)

    frame = tx.per_unique(["a", "b", "a", "c"], shout, ["x"], None, known={"b": ("known",)})
    assert frame["x"].tolist() == ["A", "known", "A", "C"]
    assert done == ["a", "c"]


def test_per_unique_keeps_a_result_that_is_the_value_as_typed_as_that_very_string():
    typed = "".join(["Иванов", " Иван"])  # built, not a literal: no shared constant
    frame = tx.per_unique([typed, typed], lambda v: (v.strip(), len(v)), ["text", "n"], None,
                          known={typed: ("".join(["Иванов", " Иван"]), 11)}, as_typed=0)
    assert frame["text"].tolist() == [typed, typed] and frame["text"][0] is typed


@pytest.mark.parametrize(("typed", "cyrillic"), [
    ("Qazaq ulttyq ýnıversıteti", "Қазақ ұлттық университеті"),
    ("L.N. Gýmılev atyndaǵy Eýrazııa", "Л.Н. Гумилев атындағы Еуразия"),
    ("№45 mektep-gımnazıa", "№45 мектеп-гимназия"),  # ия written ıa after a consonant
    ("Ekologıa", "Экология"),  # a Russian loanword's э
    # other languages' letters, and plain ASCII, are left as typed
    ("Yıldız Teknik Üniversitesi", "Yıldız Teknik Üniversitesi"),
    ("Universidad Politécnica", "Universidad Politécnica"),
    ("Almaty", "Almaty"),
    ("Казахский университет", "Казахский университет"),
])
def test_the_2018_kazakh_latin_alphabet_is_read_in_cyrillic(typed, cyrillic):
    from sync.normalize.text import from_kazakh_latin

    assert from_kazakh_latin(typed) == cyrillic
