"""The workbook opens in a real spreadsheet program: LibreOffice converts it and the totals survive."""

import shutil
import subprocess
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
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
         "--outdir", str(target_dir), str(source)],
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
