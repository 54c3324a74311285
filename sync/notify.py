"""E-mail the day's report to the organizers ([notify] in config.toml).

The password is read from the environment variable the config names, never from the config.
A failed delivery never undoes the run: the report is already in place when this is called.
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path

from sync.config import NotifyConfig
from sync.errors import DeliveryError

SMTP_TIMEOUT_S = 30  # a stuck mail server must not hold the nightly run (and its lock) for long
XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def build_message(settings: NotifyConfig, report: Path, day: dt.date, participants: int,
                  summary_line: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = settings.subject.format(date=day.isoformat(), count=participants)
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message.set_content(f"{summary_line}\n\nThe report is attached ({report.name}).\n"
                        "Sent by regsync.\n")
    message.add_attachment(report.read_bytes(), maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1],
                           filename=report.name)
    return message


def send_report(settings: NotifyConfig, report: Path, day: dt.date, participants: int,
                summary_line: str) -> None:
    password = None
    if settings.user:
        password = os.environ.get(settings.password_env or "")
        if not password:
            raise DeliveryError(f"report not e-mailed: set the environment variable "
                                f"{settings.password_env or '(notify.password_env)'} to the SMTP "
                                f"password for {settings.user}")
    message = build_message(settings, report, day, participants, summary_line)
    where = f"{settings.host}:{settings.port}"
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_S) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, password)
            refused = smtp.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise DeliveryError(f"report not e-mailed: the mail server {where} refused the login "
                            f"for {settings.user}")
    except (smtplib.SMTPException, OSError) as e:
        reason = getattr(e, "smtp_error", b"") or str(e) or type(e).__name__
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise DeliveryError(f"report not e-mailed via {where}: {reason}")
    if refused:
        raise DeliveryError(f"report not e-mailed to {len(refused)} of "
                            f"{len(settings.recipients)} recipients: {', '.join(sorted(refused))}")
