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


@pytest.fixture(autouse=True)
def umask_restored():
    """The CLI sets the process's umask (sync/privacy.py): every test starts from the same."""
    import os

    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)
