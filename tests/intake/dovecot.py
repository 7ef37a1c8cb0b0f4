"""A real Dovecot IMAP server for the tests, started once per session on a free port of
127.0.0.1 with a generated configuration: a passwd-file user whose Maildir is in a temporary
folder, plain-text login allowed (loopback only). Skipped, with the reason, where Debian's
dovecot-imapd is not installed."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_SECONDS = 30
USER = "registry"
PASSWORD = "imap-test-password"


@dataclass(frozen=True)
class Dovecot:
    host: str
    port: int
    user: str
    password: str
    log: Path

    @property
    def url(self) -> str:
        return f"imap://{self.user}@{self.host}:{self.port}/INBOX"

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.login(self.user, self.password)
        return client


def _binary() -> str | None:
    return shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _mail_account() -> tuple[int, int]:
    # Dovecot refuses mail access as uid 0: run the mailbox as an unprivileged account.
    if os.geteuid() != 0:
        return os.geteuid(), os.getegid()
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


def _config(root: Path, port: int, uid: int, gid: int) -> str:
    me = pwd.getpwuid(os.geteuid()).pw_name
    login_user = "dovenull" if os.geteuid() == 0 else me
    internal_user = "dovecot" if os.geteuid() == 0 else me
    return f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = {min(uid, 500)}
mail_location = maildir:{root}/mail/%u
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            return sock.recv(64).startswith(b"* OK")
    except OSError:
        return False


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    binary = _binary()
    if binary is None:
        pytest.skip("Dovecot is not installed (Debian package dovecot-imapd)")
    # Not under pytest's own temporary folder: that is private to this user, and the mailbox
    # runs as an unprivileged account that must reach its Maildir.
    root = Path(tempfile.mkdtemp(prefix="registry-dovecot-"))
    root.chmod(0o755)
    uid, gid = _mail_account()
    (root / "mail").mkdir()
    (root / "mail").chmod(0o777)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    (root / "passwd").chmod(0o644)
    port = _free_port()
    config = root / "dovecot.conf"
    config.write_text(_config(root, port, uid, gid))
    process = subprocess.Popen(
        [binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                stderr = process.stderr.read().decode() if process.poll() is not None else ""
                pytest.fail(f"Dovecot did not start:\n{stderr}\n{log}")
            time.sleep(0.2)
        yield Dovecot("127.0.0.1", port, USER, PASSWORD, root / "dovecot.log")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)
