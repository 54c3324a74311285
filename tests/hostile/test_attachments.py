"""Hostile attachments: zip bombs, oversized and damaged files, formulas, files named as
what they are not. Each is either read as data (never run, never evaluated) or comes back
with a note for the review sheet; none raises."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from sync.sources import attachments
from sync.sources.attachments import read_attachment
from sync.sources.registrations import table_registrations


def xlsx(rows, formula: tuple[str, str] | None = None) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    if formula:
        book.active[formula[0]] = formula[1]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bomb(entry_bytes: int, entries: int = 1) -> bytes:
    """A zip package whose entries unpack to `entry_bytes` of zeros each."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(entries):
            package.writestr(f"xl/worksheets/sheet{n + 1}.xml", b"\0" * entry_bytes)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_anything_is_unpacked():
    data = bomb(100 * 1024 * 1024)  # 100 MB of zeros packs to about 100 KB
    assert len(data) < attachments.MAX_ATTACHMENT_BYTES
    result = read_attachment("Список.xlsx", data)
    assert result.note == "mail.zip_bomb" and result.tables == []


def test_many_entries_that_add_up_are_refused_too():
    data = bomb(900 * 1024, entries=60)  # each under the ratio check, together 54 MB
    assert read_attachment("Список.xlsx", data).note == "mail.zip_bomb"


def test_a_declared_size_that_lies_cannot_unpack_more(monkeypatch):
    """zipfile stops at the size an entry declares; the size check trusts it for that."""
    good = xlsx([["ФИО", "Телефон"], ["Ким Ли", "8701"]])
    package = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as lying:
        for item in package.infolist():
            lying.writestr(item, package.read(item.filename))
    data = bytearray(out.getvalue())
    # shrink every declared size in the central directory: the reader must not trust more
    marker = b"PK\x01\x02"
    start = data.find(marker)
    while start != -1:
        data[start + 24:start + 28] = (10).to_bytes(4, "little")
        start = data.find(marker, start + 4)
    result = read_attachment("Список.xlsx", bytes(data))
    assert result.note == "mail.damaged"


def test_a_too_big_attachment_is_not_read():
    data = b"\0" * (attachments.MAX_ATTACHMENT_BYTES + 1)
    assert read_attachment("Список.xlsx", data).note == "mail.too_big"


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://evil.example","Иванов Иван")', "=1+1"])
def test_formulas_without_a_saved_value_are_blank_never_evaluated(formula):
    """(A formula with the value Excel saved is read as that value: see the Kazakh list in
    tests/test_letters.py.)"""
    data = xlsx([["ФИО", "Телефон"], ["", "8701"]], formula=("A2", formula))
    (_, rows), = read_attachment("Список.xlsx", data).tables
    assert rows[1][0] == ""


def test_text_that_looks_like_a_formula_stays_text():
    data = xlsx([["ФИО", "Телефон"], ["'=cmd|' /C calc'!A0", "8701"]])
    (_, rows), = read_attachment("Список.xlsx", data).tables
    assert rows[1][0] == "'=cmd|' /C calc'!A0"


def test_a_huge_declared_sheet_is_read_only_up_to_its_limits(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ROWS", 50)
    rows = [["ФИО", "Телефон"]] + [[f"Человек {n}", str(n)] for n in range(200)]
    (_, grid), = read_attachment("Список.xlsx", xlsx(rows)).tables
    assert len(grid) == 50


@pytest.mark.parametrize("name, data, note", [
    ("скан.pdf", b"%PDF-1.4\n...", "mail.pdf"),
    ("фото.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20, "mail.image"),
    ("Список.xlsx", b"%PDF-1.7 renamed", "mail.pdf"),  # the bytes decide, not the name
    ("заявка.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "mail.doc"),
    ("список.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "mail.damaged"),
    ("Список.xlsx", b"PK\x03\x04 not really a zip", "mail.damaged"),
    ("архив.zip", None, "mail.archive"),
    ("заявка.rtf", b"{\\rtf1\\ansi hello}", "mail.rtf"),
    ("список.ods", None, "mail.odf"),
])
def test_what_cannot_be_read_says_why(name, data, note):
    if data is None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            package.writestr("content.xml" if name.endswith(".ods") else "list.xlsx", "x")
        data = out.getvalue()
    result = read_attachment(name, data)
    assert result.note == note and result.tables == []


def test_an_xls_that_is_a_web_page_is_read_as_one():
    page = ("<html><body><table><tr><td>ФИО</td><td>Телефон</td></tr>"
            "<tr><td>Ким Ли</td><td>8701</td></tr></table><script>alert(1)</script></body></html>")
    (_, rows), = read_attachment("выгрузка.xls", page.encode("cp1251")).tables
    assert [r.fields["full_name"] for r in table_registrations(rows)] == ["Ким Ли"]


def test_an_xlsx_named_xls_is_read_as_xlsx():
    data = xlsx([["ФИО", "Телефон"], ["Ким Ли", "8701"]])
    (_, rows), = read_attachment("список.xls", data).tables
    assert rows == [["ФИО", "Телефон"], ["Ким Ли", "8701"]]


def test_docx_merged_and_nested_tables():
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Список участников"
    for cell, text in zip(table.rows[1].cells, ["ФИО", "Телефон", "Вуз"]):
        cell.text = text
    for cell, text in zip(table.rows[2].cells, ["Ким Ли", "8701", "КазНУ"]):
        cell.text = text
    table.cell(2, 2).add_table(rows=1, cols=1).cell(0, 0).text = "вложенная"
    out = io.BytesIO()
    document.save(out)
    tables = read_attachment("Заявка.docx", out.getvalue()).tables
    (label, outer), (nested_label, nested) = tables
    assert outer[0] == ["Список участников", "", ""]  # a merged cell once, in its first column
    assert [r.fields["full_name"] for r in table_registrations(outer)] == ["Ким Ли"]
    assert (label, nested_label, nested) == ("", "#2", [["вложенная"]])
