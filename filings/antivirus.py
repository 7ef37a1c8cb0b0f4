"""Virus scanning of lodged electronic copies by a ClamAV daemon (PN127 paras 9-10: the risk of
computer viruses lies with the recipient, so the registry checks every copy it receives).

A small client of clamd's own protocol: ``zINSTREAM`` streams the file from disk in chunks, each
prefixed by its length as 4 bytes big-endian and ended by a zero-length chunk; the daemon
answers ``stream: OK`` or ``stream: <signature> FOUND``. ``zVERSION`` names the engine and its
signatures. Replies end with a NUL byte (the ``z`` prefix asks for that).

``scan_file`` never raises for a daemon problem: it returns a result with status ``error``.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal
from urllib.parse import urlsplit

CHUNK_SIZE = 64 * 1024
# Enough for any reply clamd sends to one command (a signature name or an error line).
MAX_REPLY_BYTES = 4096
PARAGRAPH = "PN127 10"

ScanStatus = Literal["clean", "infected", "error", "not_scanned"]


@dataclass(frozen=True)
class ScanResult:
    """What the daemon said about one file; ``message`` explains an error or a skipped scan."""

    status: ScanStatus
    signature: str = ""
    engine: str = ""
    message: str = ""

    @property
    def clean(self) -> bool:
        return self.status == "clean"


@dataclass(frozen=True)
class ScanProblem:
    """Why a scanned copy cannot be lodged, with its stable code and paragraph."""

    code: str
    message: str
    paragraph: str = PARAGRAPH


class ScannerError(Exception):
    """The daemon could not be reached or gave an answer this client does not understand."""


def _connect(address: str, timeout: float) -> socket.socket:
    """A connected socket to ``unix:///path`` or ``tcp://host:port``."""
    parts = urlsplit(address)
    try:
        if parts.scheme == "unix":
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            try:
                sock.connect(parts.path)
            except BaseException:
                sock.close()
                raise
            return sock
        if parts.scheme == "tcp" and parts.hostname and parts.port:
            return socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    except (OSError, ValueError) as error:
        raise ScannerError(f"cannot connect to the virus scanner at {address}: {error}") from error
    raise ScannerError(f"the virus scanner address {address!r} is not unix:///… or tcp://host:port")


def _read_reply(sock: socket.socket) -> str:
    reply = b""
    while not reply.endswith(b"\0"):
        part = sock.recv(MAX_REPLY_BYTES)
        if not part:
            break
        reply += part
        if len(reply) > MAX_REPLY_BYTES:
            raise ScannerError("the virus scanner's reply is too long")
    if not reply:
        raise ScannerError("the virus scanner closed the connection without replying")
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def _command(address: str, timeout: float, command: bytes, body: Iterable[bytes] = ()) -> str:
    try:
        with _connect(address, timeout) as sock:
            try:
                sock.sendall(command)
                for chunk in body:
                    sock.sendall(struct.pack(">I", len(chunk)) + chunk)
            except (BrokenPipeError, ConnectionResetError):
                # clamd stops reading when a stream exceeds its StreamMaxLength and says why.
                pass
            return _read_reply(sock)
    except TimeoutError as error:
        raise ScannerError(f"the virus scanner did not answer within {timeout:g} s") from error
    except OSError as error:
        raise ScannerError(f"the virus scanner connection failed: {error}") from error


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK_SIZE):
        yield chunk
    yield b""  # the zero-length chunk ends the stream


def engine_version(*, address: str, timeout: float) -> str:
    """The daemon's engine and signature versions, e.g. ``ClamAV 1.4.6/27000/…``."""
    return _command(address, timeout, b"zVERSION\0")


def scan_file(path: Path | str, *, address: str, timeout: float) -> ScanResult:
    """Scan one file by streaming it to clamd at ``address``; the file is read in chunks, so
    memory stays bounded whatever its size. A daemon problem gives status ``error``."""
    return scan_files([path], address=address, timeout=timeout)[0]


def scan_files(paths: Sequence[Path | str], *, address: str, timeout: float) -> list[ScanResult]:
    """Scan several files, asking the engine's version once; when the daemon cannot be reached
    the files are not streamed, so an unreachable scanner costs one timeout, not one per file."""
    if not address:
        return [ScanResult("not_scanned", message="no virus scanner is configured")] * len(paths)
    try:
        engine = engine_version(address=address, timeout=timeout)
    except ScannerError as error:
        return [ScanResult("error", message=str(error))] * len(paths)
    return [_scan_stream(Path(p), address=address, timeout=timeout, engine=engine) for p in paths]


def _scan_stream(path: Path, *, address: str, timeout: float, engine: str) -> ScanResult:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the daemon's reply
    except OSError as error:
        message = f"the file could not be read for scanning: {error}"
        return ScanResult("error", engine=engine, message=message)
    try:
        reply = _command(address, timeout, b"zINSTREAM\0", _chunks(handle))
    except ScannerError as error:
        return ScanResult("error", engine=engine, message=str(error))
    finally:
        handle.close()
    verdict = reply.removeprefix("stream:").strip()
    if verdict == "OK":
        return ScanResult("clean", engine=engine)
    if verdict.endswith(" FOUND"):
        return ScanResult("infected", signature=verdict.removesuffix(" FOUND"), engine=engine)
    return ScanResult("error", engine=engine, message=f"the virus scanner answered: {reply}")


def scan_problem(result: ScanResult, *, scan_required: bool) -> ScanProblem | None:
    """Whether a copy with this scan result may be lodged (PN127 paras 9-10).

    An infected copy never may. A copy the scanner could not check may be lodged (its status
    recorded) only when the registry does not require every copy to be scanned.
    """
    if result.status == "infected":
        return ScanProblem(
            "virus.found",
            f"the file contains a computer virus ({result.signature}); the registry does not "
            f"accept it (PN127 10). Clean the file and lodge it again.",
        )
    if result.status in ("error", "not_scanned") and scan_required:
        return ScanProblem(
            "virus.scanner_unavailable",
            "the file could not be checked for viruses; please try again shortly (PN127 10).",
        )
    return None
