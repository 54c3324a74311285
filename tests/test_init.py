"""`regsync init` and `regsync --version`: starting a new project like with any tool."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

from sync.cli import main
from sync.config import load_config

URL = "https://docs.google.com/spreadsheets/d/1PlastNetForm2024aBcDeFgHiJkLmNoPqRsTuVwXyZ0/edit#gid=0"


def test_without_a_terminal_it_writes_a_config_for_a_csv_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # cron, a pipe: nobody to ask
    assert main(["init"]) == 0
    assert "form-responses.csv" in capsys.readouterr().err
    config = load_config(tmp_path / "config.toml")  # valid as written
    (source,) = config.sources
    assert (source.type, source.path) == ("csv", tmp_path / "form-responses.csv")
    assert config.report.language == "ru" and config.file_mode == 0o600


def test_an_existing_config_is_never_overwritten(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.toml").write_text("# mine\n", encoding="utf-8")
    assert main(["init"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == "# mine\n"


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal is POSIX's")
def test_in_a_terminal_it_asks_for_the_sheet_and_checks_the_address(tmp_path):
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "sync.cli", "init"], cwd=tmp_path,
                               stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    seen = b""

    def until(text: bytes) -> None:
        nonlocal seen
        while text not in seen:
            seen += os.read(leader, 1024)

    until(b"press Enter")
    os.write(leader, b"https://example.com/not-a-sheet\n")
    until(b"Try again")
    os.write(leader, URL.encode() + b"\n")
    assert process.wait(timeout=60) == 0
    os.close(leader)
    written = tomllib.loads((tmp_path / "config.toml").read_text(encoding="utf-8"))
    assert written["source"] == [{"name": "form", "type": "google_sheet", "url": URL,
                                  "credentials": "service-account.json"}]


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("regsync ")
