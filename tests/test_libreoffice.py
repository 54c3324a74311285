"""The workbook opens in a real spreadsheet program: LibreOffice converts it and the totals survive."""

import html
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from sync.cli import main

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs "
                            "libreoffice-calc-nogui where it can")
CONVERT_TIMEOUT_S = 180  # the first start of LibreOffice builds its profile


def convert(source, target_dir, to: str, profile):
    # the machine's shared extension cache too is kept in the profile: once LibreOffice has
    # run as root, Debian's is root's alone and stops soffice for any other user
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}",
         f"-env:UNO_SHARED_PACKAGES_CACHE=file://{profile}/shared", "--headless",
         "--convert-to", to, "--outdir", str(target_dir), str(source)],
        capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S)
    assert result.returncode == 0, result.stderr
    return target_dir / (source.stem + "." + to.split(":")[0])


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The shipped config on the bundled sample, run in a scratch copy."""
    folder = tmp_path_factory.mktemp("lo")
    root = Path(__file__).resolve().parents[1]
    shutil.copy(root / "config.toml", folder / "config.toml")
    shutil.copytree(root / "samples", folder / "samples")
    assert main(["run", "-q", "-c", str(folder / "config.toml")]) == 0
    return folder, folder / "output" / "latest.xlsx"


def figures(book):
    summary = {r[0]: r[1] for r in book["Сводка"].iter_rows(values_only=True) if r and r[0]}
    participants = sum(1 for r in book["Участники"].iter_rows(min_row=2, values_only=True) if r[0])
    by_institution = sum(r[2] for r in book["По вузам"].iter_rows(min_row=2, values_only=True) if r[0])
    return summary["Уникальных участников"], summary["Ответов (строк)"], participants, by_institution


def test_libreoffice_round_trip_keeps_the_totals(report):
    folder, path = report
    out = folder / "roundtrip"
    out.mkdir()
    converted = convert(path, out, "xlsx:Calc MS Excel 2007 XML", folder / "profile")
    before = figures(openpyxl.load_workbook(path))
    after = figures(openpyxl.load_workbook(converted))
    assert after == before
    assert before[0] == before[2] == before[3] > 0


def test_libreoffice_renders_it_to_pdf(report):
    folder, path = report
    pdf = convert(path, folder, "pdf", folder / "profile")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


# --- printed: each sheet as LibreOffice puts it on paper ----------------------------------------

PDFTOTEXT = shutil.which("pdftotext")
A4_POINTS = (595.3, 841.9)
# The most pages each sheet of the sample's report may take (it has 280 participants).
MAX_PAGES = {"Сводка": 2, "Вопросы формы": 4, "По вузам": 3, "По специальностям": 2,
             "Вуз x специальность": 8, "Участники": 26, "Новые": 1, "Лист регистрации": 12,
             "Дубликаты": 3, "Проверить": 3, "По дням": 2, "Как прочитана форма": 2}
# 11-point text printed at 70 % or more (reports/layout.py: MIN_SCALE) is at least this high
MIN_WORD_HEIGHT = 7.5
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r'([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


@pytest.fixture(scope="module")
def printed(report):
    """Each page of the report as LibreOffice prints it: (sheet, width, height, words),
    the sheet told by the footer, which names it."""
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    folder, path = report
    pdf = convert(path, folder, "pdf", folder / "profile")
    boxes = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
    pages = []
    for width, height, body in PAGE.findall(boxes):
        words = [(float(a), float(b), float(c), float(d), html.unescape(w))
                 for a, b, c, d, w in WORD.findall(body)]
        # the footer's line: the sheet's name, then "Стр. 1 из 9"
        footer = max(w[1] for w in words if w[4] == "Стр.")
        line = " ".join(w[4] for w in sorted(w for w in words if abs(w[1] - footer) < 1))
        sheet = max((s for s in sheets if line.startswith(s)), key=len)
        pages.append((sheet, float(width), float(height), words))
    return pages


def test_every_page_is_a4(printed):
    for sheet, width, height, _ in printed:
        assert sorted((round(width, 1), round(height, 1))) == sorted(A4_POINTS), sheet


def test_each_sheet_takes_few_pages(printed):
    counts = Counter(sheet for sheet, *_ in printed)
    assert set(counts) == set(MAX_PAGES)
    for sheet, most in MAX_PAGES.items():
        assert counts[sheet] <= most, (sheet, counts[sheet])
    assert counts["Сводка"] <= 2


def test_text_stays_readable_and_on_its_page(printed):
    """No page is narrower than its text: nothing runs off the paper's edge, and nothing is
    shrunk to fit below MIN_WORD_HEIGHT."""
    for number, (sheet, width, height, words) in enumerate(printed, start=1):
        body = [w for w in words if w[1] < height - 45]  # the footer is smaller on purpose
        assert all(0 <= w[0] and w[2] <= width and w[3] <= height for w in words), (sheet, number)
        heights = sorted(w[3] - w[1] for w in body)
        assert heights[len(heights) // 2] >= MIN_WORD_HEIGHT, (sheet, number)


def test_the_summary_keeps_its_charts_whole(printed):
    """The roles pie sits on the page of its table, legend and all: each role is named there
    twice, once in the table and once in the legend."""
    pages = [" ".join(w[4] for w in words) for sheet, *_, words in printed if sheet == "Сводка"]
    assert 1 <= len(pages) <= 2
    roles_page = next(p for p in pages if "Статусы участников" in p)
    assert roles_page.count("Статусы участников") == 2  # the table's title and the chart's
    for role in ("Студент", "Магистрант", "Преподаватель"):
        assert roles_page.count(role) == 2, role
    assert all(p.count("Больше всего участников") in (0, 2) for p in pages)
