"""E-mailing the report, against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

import email
import socket

import pytest
from aiosmtpd.controller import Controller

from sync.cli import main
from tests.conftest import FORM_HEADER, csv_text

ROW = ["2025/10/07 2:03:11 PM GMT+5", "anna.p@mail.ru", "Петрова Анна", "87011110001",
       "КазНУ", "Экология", "студент", "Алматы"]


class Mailbox:
    def __init__(self, answer: str = "250 OK"):
        self.answer = answer
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        if self.answer.startswith("250"):
            self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return self.answer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    servers = []

    def start(answer="250 OK"):
        box = Mailbox(answer)
        controller = Controller(box, hostname="127.0.0.1", port=free_port())
        controller.start()
        servers.append(controller)
        return box, controller.port

    yield start
    for controller in servers:
        controller.stop()


def project(folder, port, extra=""):
    (folder / "form.csv").write_text(csv_text([FORM_HEADER, ROW]), encoding="utf-8")
    (folder / "config.toml").write_text(f"""
[[source]]
name = "form"
type = "csv"
path = "form.csv"

[notify]
host = "127.0.0.1"
port = {port}
starttls = false
from = "regsync@plastnet.example"
to = ["org1@plastnet.example", "org2@plastnet.example"]
{extra}
""", encoding="utf-8")


def test_the_report_is_mailed_to_every_organizer(tmp_path, monkeypatch, smtp, capsys):
    monkeypatch.chdir(tmp_path)
    box, port = smtp()
    project(tmp_path, port)
    assert main(["run"]) == 0
    (recipients, message), = box.messages
    assert recipients == ["org1@plastnet.example", "org2@plastnet.example"]
    assert message["Subject"].startswith("PlastNet: 1 participants on 20")
    attachment = next(p for p in message.walk() if p.get_filename())
    assert attachment.get_filename().startswith("registrations-")
    written = next((tmp_path / "output").glob("registrations-*.xlsx")).read_bytes()
    assert attachment.get_payload(decode=True) == written
    assert "report e-mailed to 2 recipient(s)" in capsys.readouterr().err


def test_a_failing_mail_server_keeps_the_report_and_exits_4(tmp_path, monkeypatch, smtp, capsys):
    monkeypatch.chdir(tmp_path)
    box, port = smtp("554 5.7.1 message rejected")
    project(tmp_path, port)
    assert main(["run"]) == 4
    err = capsys.readouterr().err
    assert "run ok:" in err  # the run itself succeeded and says so first
    assert f"regsync: report not e-mailed via 127.0.0.1:{port}: 5.7.1 message rejected" in err
    assert len(list((tmp_path / "output").glob("registrations-*.xlsx"))) == 1


def test_an_unreachable_mail_server_exits_4(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    project(tmp_path, free_port())  # nothing listens there
    assert main(["run"]) == 4
    assert "report not e-mailed via 127.0.0.1" in capsys.readouterr().err


def test_the_password_comes_from_the_environment_only(tmp_path, monkeypatch, smtp, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLASTNET_SMTP_PASSWORD", raising=False)
    box, port = smtp()
    project(tmp_path, port, 'user = "regsync"\npassword_env = "PLASTNET_SMTP_PASSWORD"')
    assert main(["run"]) == 4
    assert ("set the environment variable PLASTNET_SMTP_PASSWORD to the SMTP password for "
            "regsync") in capsys.readouterr().err
    assert box.messages == []
