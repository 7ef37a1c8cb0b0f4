"""What every backend of the lodged-document store shares: names, outcomes and the contract.

A backend is a Django ``Storage`` that also implements ``ContentAddressed``: it stores a copy
under the name its SHA-256 gives, verifies what it wrote, shares a good copy already there,
replaces a bad one, and lists and removes what no document points to. ``filings.storage.local``
keeps copies on a file system; ``filings.storage.s3`` in S3-compatible object storage.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

DOCUMENTS_FOLDER = "documents"
TEMPORARY_PREFIX = ".partial-"
CHUNK_BYTES = 1024 * 1024
SHA256_NAME = re.compile(r"[0-9a-f]{64}")


class StoredCopyMismatch(OSError):
    """The bytes written do not hash to the SHA-256 they were to be stored under."""


@dataclass(frozen=True)
class StoredCopy:
    """The outcome of storing one copy: its storage name and what was found under it.

    ``outcome`` is "written" (a new file), "shared" (a good copy was there already) or
    "repaired" (a bad copy was there and has been replaced; ``previous_sha256`` and
    ``previous_size`` describe it).
    """

    name: str
    sha256: str
    size: int
    outcome: str
    previous_sha256: str = ""
    previous_size: int = 0


@dataclass(frozen=True)
class StoredEntry:
    """One stored file as a listing gives it: its storage name and when it was last written
    or shared (seconds since the epoch)."""

    name: str
    modified: float


@dataclass(frozen=True)
class RemovedOrphan:
    """What an orphan's removal removed, for its audit event."""

    sha256: str
    size: int
    age_seconds: int


def expected_sha256(name: str) -> str:
    """The SHA-256 a name promises: ``documents/ab/<sha256>``, ``mail/ab/<sha256>.eml``."""
    expected = PurePosixPath(name).name.split(".", 1)[0]
    if not SHA256_NAME.fullmatch(expected):
        raise ValueError(f"A stored file's name must be its SHA-256, not {name!r}.")
    return expected


def is_temporary(name: str) -> bool:
    """A write that never reached its final name, or a copy set aside by the sweeper."""
    return PurePosixPath(name).name.startswith(TEMPORARY_PREFIX)


def file_sha256(path: str | os.PathLike[str]) -> tuple[str, int]:
    """The SHA-256 and size of a file, read a chunk at a time."""
    with open(path, "rb") as handle:
        return stream_sha256(handle)


def stream_sha256(source: Any) -> tuple[str, int]:
    """The SHA-256 and size of what ``source.read`` gives, a chunk at a time."""
    hasher = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK_BYTES):
        hasher.update(chunk)
        size += len(chunk)
    return hasher.hexdigest(), size


def chunks(content: Any) -> Iterator[bytes]:
    """A Django ``File``'s chunks, or a plain binary file's reads, ``CHUNK_BYTES`` at a time."""
    if hasattr(content, "chunks"):
        yield from content.chunks(CHUNK_BYTES)
        return
    while chunk := content.read(CHUNK_BYTES):
        yield chunk


def audit_repair(stored: StoredCopy) -> None:
    from audit.models import AuditEvent
    from audit.services import audit_record

    audit_record(
        action=AuditEvent.Action.STORED_COPY_REPAIRED,
        detail={
            "stored_name": stored.name,
            "sha256": stored.sha256,
            "size": stored.size,
            "previous_sha256": stored.previous_sha256,
            "previous_size": stored.previous_size,
        },
    )


class ContentAddressed:
    """The content-addressed contract, mixed into a Django ``Storage`` ahead of it.

    ``save()`` (used for mail as received, discovery lists and discs) goes through ``store``:
    the name is the hash of the content, so an existing file of that name is the same file, or
    a bad copy that is replaced. Never another name, and never a retry in a loop.
    """

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return name

    def _save(self, name: str, content: Any) -> str:
        content.seek(0)
        return self.store(name=name, content=content, sha256=expected_sha256(name)).name

    def store(self, *, name: str, content: Any, sha256: str) -> StoredCopy:
        """Store ``content`` under ``name`` as the copy of ``sha256``: written, shared or
        repaired (the repair audited). Raises ``StoredCopyMismatch``, and leaves nothing under
        ``name``, when what was written does not hash to ``sha256``."""
        if not SHA256_NAME.fullmatch(sha256):
            raise ValueError(f"Not a SHA-256: {sha256!r}")
        stored = self.write_copy(name, content, sha256)
        if stored.outcome == "repaired":
            audit_repair(stored)
        return stored

    def write_copy(self, name: str, content: Any, sha256: str) -> StoredCopy:
        raise NotImplementedError

    def incoming_folder(self) -> Path | None:
        """Where uploads may be spooled so that ``store_received`` can keep them without a
        copy (the store's own file system), or None: the backend copies every file."""
        return None

    def store_received(self, *, name: str, path: str, sha256: str, size: int) -> StoredCopy:
        """Store the file at ``path``, whose bytes were hashed to ``sha256`` (``size`` bytes)
        as they were written to it by this process (``filings.uploads``).

        By default the file is read again and stored like any other (``store``): the backend
        verifies what it writes. The local store keeps the file itself (a hard link) instead.
        """
        with open(path, "rb") as handle:
            return self.store(name=name, content=handle, sha256=sha256)

    def stored_sha256(self, name: str) -> tuple[str, int]:
        """The SHA-256 and size of the stored file, streamed; FileNotFoundError if absent."""
        raise NotImplementedError

    def stored_entries(self, folder: str) -> Iterator[StoredEntry]:
        """Every file under ``folder``, in name order (so one two-character folder at a time)."""
        raise NotImplementedError

    def remove_orphan(
        self, *, name: str, grace_seconds: int, referenced: Callable[[str], bool]
    ) -> RemovedOrphan | None:
        """Remove ``name`` if it is older than ``grace_seconds`` and ``referenced(name)`` is False,
        without ever removing a copy a lodgment has just shared; None if it was kept or gone."""
        raise NotImplementedError
