"""The deploy files as written: the crontab line, the systemd service and timer, the Windows task.

Each is run the way its scheduler runs it: the crontab line through /bin/sh with cron's bare
environment in a fresh copy of the project; the service's ExecStart as an unprivileged user
without a home, with systemd's default environment and the unit's umask and working folder,
on regsync installed with `uv tool install` from this checkout.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
UV = shutil.which("uv")
# What systemd gives a service (systemd.exec(5), "Environment variables in spawned processes").
SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
CRON_PATH = "/usr/bin:/bin"
# How this machine reaches the package index (its certificates, a mirror, a proxy): a real
# server reaches it without them; a test machine may need them, so they are passed on.
_NETWORK_SETTINGS = ("SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "HTTP_PROXY",
                     "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy")

linux_with_uv = pytest.mark.skipif(not sys.platform.startswith("linux") or UV is None,
                                   reason="needs Linux and uv")


def _network() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in _NETWORK_SETTINGS or k.startswith("UV_")}


def _uv_cache() -> str:
    return subprocess.run([UV, "cache", "dir"], capture_output=True, text=True,
                          check=True).stdout.strip()


def _fresh_copy(target: Path) -> Path:
    """The project's tracked files, as a fresh clone of this working tree has them."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                            check=True).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


def _crontab_job() -> tuple[dict[str, str], str]:
    """The crontab's variable lines and the command of its one job line."""
    variables, jobs = {}, []
    for line in (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if sep and " " not in name.strip():
            variables[name.strip()] = value.strip()
        else:
            jobs.append(line.split(None, 5)[5])
    (job,) = jobs
    return variables, job


def _unit(name: str) -> dict[str, str]:
    settings = {}
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep and not line.startswith(("#", ";")):
            settings[key.strip()] = value.strip()
    return settings


@linux_with_uv
def test_the_crontab_line_is_silent_in_a_fresh_clone(tmp_path):
    """cron mails whatever a job prints: on success it must print nothing, from the first
    morning (when uv makes the environment) on."""
    variables, job = _crontab_job()
    assert variables == {"CRON_TZ": "Asia/Almaty"}
    clone = _fresh_copy(tmp_path / "regsync")
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    (home / ".local" / "bin" / "uv").symlink_to(UV)  # where uv's installer puts it
    environment = {"HOME": str(home), "LOGNAME": "organizer", "SHELL": "/bin/sh",
                   "PATH": CRON_PATH, **variables, **_network(), "UV_CACHE_DIR": _uv_cache()}
    for morning in (1, 2):
        done = subprocess.run(["/bin/sh", "-c", job.replace("/opt/regsync", str(clone))],
                              env=environment, capture_output=True, timeout=600)
        assert (done.returncode, done.stdout, done.stderr) == (0, b"", b""), morning
    assert (clone / "output" / "latest.xlsx").is_file()


def test_the_windows_task_runs_what_the_crontab_runs():
    """No Windows here to run it: at least the command is the one tested above, run from
    the project's folder (two above the .cmd)."""
    _, job = _crontab_job()
    script = (DEPLOY / "windows" / "regsync-task.cmd").read_text(encoding="utf-8")
    command = job.split(" && ")[-1]
    uv_call = command[command.index("uv run"):]
    assert any(line.startswith(uv_call + " >>") for line in script.splitlines())
    assert 'cd /d "%~dp0..\\.."' in script
    assert "schtasks /Create" in (DEPLOY / "windows" / "README.md").read_text(encoding="utf-8")


def test_the_timer_fires_in_almaty_time():
    timer = _unit("regsync.timer")
    assert timer["OnCalendar"].endswith(" Asia/Almaty")
    if shutil.which("systemd-analyze"):
        checked = subprocess.run(["systemd-analyze", "calendar", timer["OnCalendar"]],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr


@linux_with_uv
@pytest.mark.skipif(os.name == "posix" and os.geteuid() != 0, reason="switching users needs root")
@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv (util-linux)")
def test_the_service_runs_as_written_for_a_system_user_without_a_home():
    unit = _unit("regsync.service")
    command = unit["ExecStart"].split()
    assert command[0] == "/usr/local/bin/regsync" and unit["User"] == "regsync"
    assert unit["StateDirectory"] == "regsync" and unit["WorkingDirectory"] == "/var/lib/regsync"
    # a folder every user may pass through, like /opt and /var/lib
    place = Path(tempfile.mkdtemp(prefix="regsync-deploy-", dir="/tmp"))
    try:
        place.chmod(0o755)
        installed = subprocess.run(
            [UV, "tool", "install", "--compile-bytecode", "--python", "/usr/bin/python3",
             str(REPO)], capture_output=True, text=True, timeout=600,
            env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"),
                 **_network(), "UV_CACHE_DIR": _uv_cache(), "UV_TOOL_DIR": str(place / "tools"),
                 "UV_TOOL_BIN_DIR": str(place / "bin")})
        if installed.returncode != 0 and "python" in installed.stderr.lower():
            pytest.skip(f"no usable /usr/bin/python3 here: {installed.stderr.strip()[:200]}")
        assert installed.returncode == 0, installed.stderr
        program = str(place / "bin" / "regsync")
        # /var/lib/regsync as systemd makes it for the unit (StateDirectoryMode), "nobody"
        # standing in for the system user "regsync"
        state = place / "state"
        state.mkdir(mode=int(unit["StateDirectoryMode"], 8))
        shutil.copy(REPO / "samples" / "form-responses.csv", state / "form-responses.csv")
        os.chown(state, 65534, 65534)
        os.chown(state / "form-responses.csv", 65534, 65534)
        umask = int(unit["UMask"], 8)

        def as_the_service(*argv: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *argv],
                cwd=state, capture_output=True, text=True, timeout=600,
                env={"PATH": SYSTEMD_PATH, "HOME": "/nonexistent", "LANG": "C.UTF-8"},
                preexec_fn=lambda: os.umask(umask))

        assert as_the_service(program, "init").returncode == 0  # the README's set-up step
        for morning in (1, 2):
            done = as_the_service(program, *command[1:])
            assert (done.returncode, done.stdout, done.stderr) == (0, "", ""), done.stderr
        written = [p for p in (state / "output").iterdir()]
        assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o600}
        assert any(p.name.startswith("registrations-") for p in written)
        version = as_the_service(program, "--version")
        assert version.stdout.startswith("regsync ")
    finally:
        shutil.rmtree(place, ignore_errors=True)
