"""A report in Russian, Kazakh or English is in that language only, but for what the
respondents typed: every label, rule, review detail, suggestion, chart title and footer,
and the directory's names of institutions and specialties in the report's language."""

import csv
import html
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reports.labels import LABELS, NOTE_CODE
from sync.cli import main
from sync.fields import CANONICAL_FIELDS
from sync.normalize.institutions import load_directory
from sync.normalize.specialties import load_specialties
from sync.normalize.text import latin_skeleton

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("ru", "kk", "en")
WORD = re.compile(r"[^\W\d_]{2,}")
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
KAZAKH_ONLY = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
NAMES = ("PlastNet", "Excel")  # names, the same in every language
# words of config.toml and the command, shown as they are typed ("Как прочитана форма")
MACHINE_WORDS = {"regsync", "config", "toml", "source", "columns",
                 *(part for name in CANONICAL_FIELDS for part in name.split("_"))}
CONFIG_LINE = re.compile(r'\w+ = ".*"')
# charts' titles, and the footers printed on every page
CHART_TEXT = re.compile(rb"<a:t>([^<]*)</a:t>")
FOOTER = re.compile(rb"<oddFooter>([^<]*)</oddFooter>")


def spelled(word: str) -> str:
    """A word however it is written: case, look-alike letters of the other script (a Latin
    "a" in a Cyrillic name, which cleaning puts right) and transliteration aside."""
    return latin_skeleton(word)


@pytest.fixture(scope="module")
def respondents_words() -> set[str]:
    """Every word the samples hold: typed by respondents and organizers."""
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "samples").glob("*.csv"))
    return {spelled(w) for w in WORD.findall(text)} | {"form", "email"}  # source names


@pytest.fixture(scope="module")
def typed_cells() -> set[str]:
    """Every cell and question of the samples, as typed (a question may read like a label)."""
    cells = set()
    for path in (ROOT / "samples").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            cells |= {cell.strip() for row in csv.reader(f) for cell in row}
    return cells


@pytest.fixture(scope="module", params=LANGUAGES)
def report(request, tmp_path_factory):
    lang = request.param
    folder = tmp_path_factory.mktemp(f"lang-{lang}")
    config = (ROOT / "config.toml").read_text(encoding="utf-8")
    (folder / "config.toml").write_text(config.replace('language = "ru"', f'language = "{lang}"'),
                                        encoding="utf-8")
    shutil.copytree(ROOT / "samples", folder / "samples")
    assert main(["run", "-q", "-c", str(folder / "config.toml")]) == 0
    return lang, folder / "output" / "latest.xlsx"


def texts_of(path: Path) -> list[str]:
    """Every text the workbook shows: sheet names, cells, chart titles, footers."""
    book = openpyxl.load_workbook(path)
    texts = list(book.sheetnames)
    for ws in book.worksheets:
        texts += [v for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith(("xl/charts/", "xl/worksheets/sheet")):
                data = z.read(name)
                found = CHART_TEXT.findall(data) + FOOTER.findall(data)
                texts += [html.unescape(t.decode("utf-8")) for t in found]
    return texts


def foreign_words(texts: list[str], lang: str, allowed: set[str]) -> set[str]:
    """Words of another script than the report's, that no respondent typed."""
    wrong = CYRILLIC if lang == "en" else LATIN
    found = set()
    for text in texts:
        for word in WORD.findall(text):
            if spelled(word) in allowed or word in NAMES or word in MACHINE_WORDS:
                continue
            if wrong.search(word) or (lang == "ru" and KAZAKH_ONLY.search(word)):
                found.add(word)
    return found


def test_no_word_of_another_script(report, respondents_words):
    lang, path = report
    directory = load_directory()
    specialties = load_specialties()
    # the directory's own names in this language may hold other scripts ("Astana IT University")
    official = {spelled(w) for entry in [*directory.by_id.values(), *specialties.by_id.values()]
                for w in WORD.findall(getattr(entry, lang))}
    assert foreign_words(texts_of(path), lang, respondents_words | official) == set()


def test_no_label_of_another_language(report, typed_cells):
    """Kazakh and Russian share a script: their labels are told apart whole, inside any text
    but what the form itself says (its questions, shown as they are)."""
    lang, path = report
    ours = {words[lang] for words in LABELS.values()}
    theirs = {part for words in LABELS.values() for other in LANGUAGES if other != lang
              for part in re.split(r"\{\d+\}|&[PN]", words[other])
              if len(part.strip(" :;,.()")) >= 6 and not any(part in mine for mine in ours)}
    shown = [t for t in texts_of(path) if t not in typed_cells and not CONFIG_LINE.fullmatch(t)]
    found = {(part, text) for text in shown for part in theirs
             if part in _without_typed(text, part, typed_cells)}
    assert found == set()


def _without_typed(text: str, part: str, typed_cells: set[str]) -> str:
    """`text` without what respondents typed holding `part` ("ГККП «Колледж №5» города
    Тараз" in a line of spellings), as typed or with its quotes made plain, as the report
    shows an institution's name."""
    if part not in text:
        return ""
    for cell in typed_cells:
        if part in cell:
            for typed in (cell, cell.replace("«", '"').replace("»", '"')):
                text = text.replace(typed, "")
    return text


def test_directory_names_in_the_reports_language(report):
    """Where the directory has a name in the report's language, no other one is shown."""
    lang, path = report
    others = {getattr(entry, other) for entry in load_directory().by_id.values()
              for other in LANGUAGES if other != lang and getattr(entry, other) != getattr(entry, lang)}
    texts = texts_of(path)
    assert {t for t in texts if t in others} == set()
    offered = LABELS["review.suggest"][lang] + ": "
    suggestions = [t.split(offered, 1)[1] for t in texts if offered in t]
    for line in suggestions:  # the sample's unknown places are schools and colleges: few
        for name in re.findall(r"(?:^|; )([^;]+?) \(\d+\)", line):
            assert name not in others, name


def test_no_code_left_unworded(report):
    """Rules, reasons and notes are shown in words, never as their codes."""
    lang, path = report
    book = openpyxl.load_workbook(path)
    review = LABELS["sheet.review"][lang]
    duplicates = LABELS["sheet.duplicates"][lang]
    details = [r[2] for r in book[review].iter_rows(min_row=2, values_only=True) if r[2]]
    rules = [r[1] for r in book[duplicates].iter_rows(min_row=2, values_only=True) if r[1]]
    assert details and rules
    for text in details + rules:
        assert not any(NOTE_CODE.fullmatch(part.split("|")[0]) for part in text.split("; ")), text
