"""Secrets and personal data: the key never leaks, a loose key gets a warning, logs stay clean."""

from __future__ import annotations

import json

import pytest
from google_standin import StandInAdapter

from tests.hostile.conftest import FORM_HEADER, GOOGLE_CONFIG, ORDINARY_ROWS, run_cli

LOG_CONFIG = '\n[log]\nfile = "output/regsync.log"\n'
PERSONAL = [cell for row in ORDINARY_ROWS for cell in row[1:4]]  # e-mails, names, phones


def _key_secrets(key_file) -> list[str]:
    """Pieces of the key file that must never be printed or written anywhere else."""
    info = json.loads(key_file.read_text(encoding="utf-8"))
    pem_lines = [line for line in info["private_key"].splitlines() if "-----" not in line]
    return [info["private_key_id"], *pem_lines[:3], pem_lines[-1]]


def _everything_written(project) -> bytes:
    """Every byte regsync left in output/: reports, store, log."""
    return b"".join(p.read_bytes() for p in sorted(project.output.rglob("*")) if p.is_file())


@pytest.mark.parametrize("command", ["check", "run", "sync"])
def test_the_service_account_key_is_never_printed_nor_written(google_project, capsys, standin,
                                                              command):
    config = google_project.folder / "config.toml"
    config.write_text(GOOGLE_CONFIG + LOG_CONFIG, encoding="utf-8")
    code, out, err = run_cli(capsys, command, "-v", google_adapter=StandInAdapter(standin))
    assert code == 0, err
    written = _everything_written(google_project) if google_project.output.exists() else b""
    for secret in _key_secrets(google_project.folder / "service-account.json"):
        assert secret not in out and secret not in err
        assert secret.encode() not in written


def test_a_failed_pull_does_not_leak_the_key_either(google_project, capsys, standin):
    standin.reject_all_tokens = True
    code, out, err = run_cli(capsys, "run", "-v", google_adapter=StandInAdapter(standin))
    assert code == 1
    for secret in _key_secrets(google_project.folder / "service-account.json"):
        assert secret not in out and secret not in err


@pytest.mark.parametrize("mode, warned", [(0o644, True), (0o640, True), (0o600, False), (0o400, False)])
def test_a_key_readable_by_others_gets_a_warning(google_project, capsys, standin, mode, warned):
    key = google_project.folder / "service-account.json"
    key.chmod(mode)
    code, _, err = run_cli(capsys, "run", google_adapter=StandInAdapter(standin))
    assert code == 0
    warnings = [line for line in err.splitlines() if "warning" in line and "chmod 600" in line]
    assert len(warnings) == (1 if warned else 0)


FLAGGED_ROW = ["вчера вечером", "not-an-email@", "Ким Виктория", "55-66-77", "Неведомый вуз", "", "", ""]
# Inputs that end in a plain success, or in rows flagged for review (whose values must go to
# the workbook, not to the log).
CASES = {"ordinary": [FORM_HEADER, *ORDINARY_ROWS],
         "bad-values": [FORM_HEADER, *ORDINARY_ROWS, FLAGGED_ROW]}


@pytest.mark.parametrize("case", ["ordinary", "bad-values"])
@pytest.mark.parametrize("command", ["run", "sync", "check"])
def test_personal_data_never_reaches_stderr_at_the_default_level(project, capsys, case, command):
    project.write_csv(CASES[case])
    code, _, err = run_cli(capsys, command)
    assert code == 0, err
    for value in [*PERSONAL, *FLAGGED_ROW[1:4]]:
        assert value not in err


def test_a_file_without_its_header_row_does_not_print_the_first_respondent(project, capsys):
    project.write_csv([["2025/10/07 9:00:00 AM GMT+5", "solo.test@example.org", "Солова Жанна",
                        "+77015550011"], *[r[:4] for r in ORDINARY_ROWS]])
    code, _, err = run_cli(capsys, "run")
    assert code != 0
    for value in ("solo.test@example.org", "Солова Жанна", "+77015550011"):
        assert value not in err
