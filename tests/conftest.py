"""Shared test helpers: small files and configs built in tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

FORM_HEADER = ["Отметка времени", "Адрес электронной почты", "ФИО", "Номер телефона",
               "Учебное заведение", "Специальность", "Статус", "Город"]


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.fixture
def make_config(tmp_path: Path):
    """Write config.toml (dedented) into tmp_path and return its path."""

    def make(text: str) -> Path:
        path = tmp_path / "config.toml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return make
