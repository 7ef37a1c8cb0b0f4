"""Reading the file under validation: positional reads and a SHA-256 taken on a second thread.

Everything reads through one open descriptor. The hashing thread and the checks that walk a
file's own structure read with ``os.pread``, which leaves the descriptor's position alone, so
Pillow and olefile can read through an ordinary buffered file object over the same descriptor
meanwhile. Nothing holds more than one chunk of the file in memory at a time.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator

CHUNK = 1024 * 1024


def read_at(fd: int, offset: int, length: int) -> bytes:
    """Up to ``length`` bytes at ``offset`` (fewer only at the end of the file)."""
    if length <= 0 or offset < 0:
        return b""
    parts = []
    while length > 0:
        data = os.pread(fd, min(length, CHUNK), offset)
        if not data:
            break
        parts.append(data)
        offset += len(data)
        length -= len(data)
    return b"".join(parts)


def iter_chunks(fd: int, start: int = 0, chunk: int = CHUNK) -> Iterator[bytes]:
    """The file from ``start`` to its end, ``chunk`` bytes at a time."""
    offset = start
    while True:
        data = os.pread(fd, chunk, offset)
        if not data:
            return
        yield data
        offset += len(data)


class BackgroundHash:
    """SHA-256 of the whole file, computed on its own thread.

    hashlib and ``pread`` release the GIL, so on a machine with two or more cores the hash
    costs almost no wall time next to the format checks that run meanwhile.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._digest = ""
        self._bytes = 0
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = threading.Thread(
            target=self._run, name="sha256", daemon=True
        )
        try:
            self._thread.start()
        except RuntimeError:  # no thread to be had: hash on the caller's thread at the end
            self._thread = None

    def _run(self) -> None:
        try:
            digest = hashlib.sha256()
            for data in iter_chunks(self._fd):
                digest.update(data)
                self._bytes += len(data)
            self._digest = digest.hexdigest()
        except BaseException as error:  # reported to the caller by result()
            self._error = error

    def result(self) -> tuple[str, int]:
        """The hex digest and the number of bytes hashed; raises what the thread raised."""
        if self._thread is None:
            self._run()
        else:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._digest, self._bytes


class KnownHash:
    """A SHA-256 taken already (as the file was written), in ``BackgroundHash``'s place."""

    def __init__(self, digest: str, size: int) -> None:
        self._digest = digest
        self._bytes = size

    def result(self) -> tuple[str, int]:
        return self._digest, self._bytes
