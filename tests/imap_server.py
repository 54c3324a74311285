"""A real IMAP server for the tests: Dovecot (Debian's dovecot-imapd) on 127.0.0.1.

Each test session starts one Dovecot with a private configuration in a temporary folder:
TLS on one port (a self-signed certificate made here, trusted through the source's
ca_file), plain IMAP with STARTTLS on another, users in a passwd file, mail in Maildir.
Tests fill mailboxes with a real IMAP client (APPEND), so regsync's reading is tested
against a real server, never a mock of imaplib.

Without dovecot installed the tests that need it are skipped, saying why; .ci/run installs
it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import imaplib
import os
import select
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

MISSING = ("dovecot is not installed (apt-get install dovecot-imapd; .ci/run installs it), "
           "so the IMAP tests cannot start their server")
_STOP_TIMEOUT_S = 10
PASSWORD_ENV = "REGSYNC_TEST_IMAP_PASSWORD"
USERS = 200  # mailboxes for one test session


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, and its key."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "regsync test IMAP")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([
                x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Dovecot:
    def __init__(self) -> None:
        binary = shutil.which("dovecot") or (
            "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
        if binary is None:
            pytest.skip(MISSING)
        self.binary = binary
        # not under pytest's tmp folders: the mail processes run as another user, who must
        # be able to reach the mail folders
        self.folder = Path(tempfile.mkdtemp(prefix="regsync-dovecot-"))
        self.folder.chmod(0o711)
        self.ca_file, key = make_certificate(self.folder)
        # every user is made up front: Dovecot may not notice a passwd file changed within
        # the same second it last read it
        self.users = [(f"org{n}", f"pw-{uuid.uuid4().hex[:12]}") for n in range(USERS)]
        self.passwd = self.folder / "passwd"
        self.passwd.write_text("".join(f"{u}:{{PLAIN}}{p}::::::\n" for u, p in self.users))
        self.passwd.chmod(0o644)
        home = self.folder / "home"
        home.mkdir()
        self.tls_port, self.plain_port = free_port(), free_port()
        if os.geteuid() == 0:
            mail_user, mail_group = "nobody", "nogroup"
            shutil.chown(home, mail_user, mail_group)
            users = chroot = ""
        else:  # as an ordinary user, every process and socket belongs to that user
            import grp  # POSIX only, as is Dovecot

            mail_user = getpass.getuser()
            mail_group = grp.getgrgid(os.getegid()).gr_name
            users = (f"default_internal_user = {mail_user}\ndefault_login_user = {mail_user}\n"
                     f"default_internal_group = {mail_group}\n")
            chroot = "  chroot =\n"  # chroot() needs root
        self.config = self.folder / "dovecot.conf"
        self.log = self.folder / "dovecot.log"
        self.config.write_text(f"""
base_dir = {self.folder}/run
state_dir = {self.folder}/state
log_path = {self.log}
{users}protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{self.ca_file}
ssl_key = <{key}
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 1
mail_location = maildir:{home}/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {self.passwd}
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={home}/%u
}}
service imap-login {{
{chroot}  inet_listener imap {{
    address = 127.0.0.1
    port = {self.plain_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
}}
service anvil {{
{chroot}  # no growing delay for logins after a wrong password: the tests try one on purpose
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
""")
        # the master binds its listeners before it goes to the background: once this
        # command returns, the server takes connections
        # (its output goes to a file: the server in the background would hold a pipe open)
        errors = self.folder / "start.err"
        with errors.open("w") as sink:
            started = subprocess.run([binary, "-c", str(self.config)], stdin=subprocess.DEVNULL,
                                     stdout=sink, stderr=sink)
        if started.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            said = errors.read_text().strip()
            shutil.rmtree(self.folder, ignore_errors=True)
            pytest.fail(f"dovecot did not start: {said} {log}")

    def add_user(self) -> tuple[str, str]:
        """A mail user no test has used, with an empty INBOX: (name, password)."""
        return self.users.pop()

    def client(self, user: str, password: str) -> imaplib.IMAP4_SSL:
        """A logged-in client that may change the mailbox (the tests' own, not regsync's)."""
        context = ssl.create_default_context(cafile=str(self.ca_file))
        conn = imaplib.IMAP4_SSL("127.0.0.1", self.tls_port, ssl_context=context, timeout=10)
        conn.login(user, password)
        return conn

    def stop(self) -> None:
        """Stop the master (it stops its processes) and wait for it to be gone before its
        folder is removed: on its own pid, where Linux can (`dovecot stop` polls, slower)."""
        pid_file = self.folder / "run" / "master.pid"
        pid = int(pid_file.read_text()) if pid_file.exists() else None
        if pid is not None and hasattr(os, "pidfd_open"):
            try:
                fd = os.pidfd_open(pid)
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            else:
                select.select([fd], [], [], _STOP_TIMEOUT_S)
                os.close(fd)
        else:
            subprocess.run([self.binary, "-c", str(self.config), "stop"], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def dovecot():
    server = Dovecot()
    yield server
    server.stop()


class Mailbox:
    """One test's mailbox on the shared server, and a client to fill it."""

    def __init__(self, server: Dovecot):
        self.server = server
        self.user, self.password = server.add_user()

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        from sync.sources.imap import quoted

        with _session(self) as conn:
            typ, data = conn.append(quoted(folder), None, None, raw)
            assert typ == "OK", data

    def create(self, folder: str) -> None:
        from sync.sources.imap import quoted

        with _session(self) as conn:
            assert conn.create(quoted(folder))[0] == "OK"

    def delete_folder(self, folder: str) -> None:
        from sync.sources.imap import quoted

        with _session(self) as conn:
            assert conn.delete(quoted(folder))[0] == "OK"

    def expunge_uid(self, uid: int, folder: str = "INBOX") -> None:
        from sync.sources.imap import quoted

        with _session(self) as conn:
            conn.select(quoted(folder))
            conn.uid("STORE", str(uid), "+FLAGS", r"(\Deleted)")
            conn.expunge()

    def flags(self, folder: str = "INBOX") -> list[bytes]:
        from sync.sources.imap import quoted

        with _session(self) as conn:
            conn.select(quoted(folder), readonly=True)
            typ, data = conn.fetch("1:*", "(FLAGS)")
            return [d for d in data if d]

    def count(self, folder: str = "INBOX") -> int:
        from sync.sources.imap import quoted

        with _session(self) as conn:
            typ, data = conn.select(quoted(folder), readonly=True)
            return int(data[0])

    def source_toml(self, name: str = "mail", **extra) -> str:
        """A [[source]] table for this mailbox; `extra`: keys given as TOML values."""
        keys = {"name": f'"{name}"', "type": '"imap"', "host": '"127.0.0.1"',
                "port": str(self.server.tls_port), "user": f'"{self.user}"',
                "password_env": f'"{PASSWORD_ENV}"', "ca_file": f'"{self.server.ca_file}"',
                "timeout": "10", **extra}
        return "[[source]]\n" + "".join(f"{k} = {v}\n" for k, v in keys.items())


class _session:
    def __init__(self, box: Mailbox):
        self.box = box

    def __enter__(self) -> imaplib.IMAP4_SSL:
        self.conn = self.box.server.client(self.box.user, self.box.password)
        return self.conn

    def __exit__(self, *exc) -> None:
        try:
            self.conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
