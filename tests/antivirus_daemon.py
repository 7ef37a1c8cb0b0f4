"""A real ClamAV daemon for the tests, started once per session with a signature database of
our own: one signature for the EICAR test string (no official signatures are needed, so the
tests run without network). Skipped, with the reason, where clamd is not installed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# The industry-standard harmless test file that every antivirus engine treats as a virus.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# clamd appends ".UNOFFICIAL" to signatures not from the official databases.
EICAR_SIGNATURE = "Registry.Test.EICAR.UNOFFICIAL"
START_SECONDS = 60


@dataclass(frozen=True)
class ClamdDaemon:
    unix_address: str
    tcp_address: str
    log: Path


def _clamd_binary() -> str | None:
    # Debian installs clamd in /usr/sbin, which is not on every user's PATH.
    return shutil.which("clamd") or shutil.which("clamd", path="/usr/sbin")


def _free_tcp_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(socket_path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(str(socket_path))
            sock.sendall(b"zPING\0")
            return sock.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def clamd_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClamdDaemon]:
    binary = _clamd_binary()
    if binary is None:
        pytest.skip("ClamAV's clamd is not installed (Debian package clamav-daemon)")
    root = tmp_path_factory.mktemp("clamd")
    database = root / "db"
    database.mkdir()
    (database / "registry-test.ndb").write_text(f"Registry.Test.EICAR:0:*:{EICAR.hex()}\n")
    socket_path = root / "clamd.sock"
    log = root / "clamd.log"
    port = _free_tcp_port()
    lines = [
        f"DatabaseDirectory {database}",
        f"LocalSocket {socket_path}",
        "TCPAddr 127.0.0.1",
        f"TCPSocket {port}",
        "Foreground yes",
        f"LogFile {log}",
        # Above the registry's largest file, so no copy is cut short (REGISTRY_MAX_FILE_BYTES).
        "StreamMaxLength 200M",
    ]
    if os.geteuid() == 0:
        lines.append("User root")  # otherwise clamd drops to a "clamav" user who cannot read
    config = root / "clamd.conf"
    config.write_text("\n".join(lines) + "\n")
    process = subprocess.Popen(
        [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(socket_path):
            if process.poll() is not None or time.monotonic() > deadline:
                detail = log.read_text() if log.exists() else "(no log)"
                pytest.fail(f"clamd did not start:\n{detail}")
            time.sleep(0.1)
        yield ClamdDaemon(
            unix_address=f"unix://{socket_path}", tcp_address=f"tcp://127.0.0.1:{port}", log=log
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
