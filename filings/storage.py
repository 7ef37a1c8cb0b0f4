"""Where lodged electronic copies are kept.

Files are stored under ``MEDIA_ROOT`` by a server-chosen name (the SHA-256 of their bytes),
never under the name a practitioner gave them; that name is kept only as metadata. Nothing
under ``MEDIA_ROOT`` has a public URL: permission-checking views stream the files.

Writing (security checklist, "Storage and integrity"): ``store_copy`` writes the bytes to a
temporary file in the final folder, flushes and fsyncs it, checks the SHA-256 of what was
written, then hard-links it under its final name (``os.link`` never overwrites). A crash at any
point leaves at worst a temporary file, never a partial file under a final name. When the final
name exists already, its bytes are hashed: a good copy is shared; a bad one (a truncated write by
an older version, a damaged disk) is replaced atomically (``os.replace``) and the repair is
audited. No step retries a name, so two processes storing the same bytes at once cannot loop.

Removing: nothing here deletes a stored copy. A copy written for a lodgment that then failed is
left as an orphan for ``verify_documents --remove-orphans``, which removes only files no row
points to that have not been written or shared for ``REGISTRY_ORPHAN_GRACE_SECONDS``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger("filings.integrity")

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


class ContentAddressedStorage(FileSystemStorage):
    """Storage naming each file by its content, so the same bytes are stored once."""

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        # The name is the hash of the content: an existing file of that name is the same
        # file, or a bad copy that ``_save`` replaces. Never another name.
        return name

    def _save(self, name: str, content: Any) -> str:
        # documents/ab/<sha256>, or another area's <sha256>.<extension> (mail as received).
        expected = Path(name).name.split(".", 1)[0]
        if not SHA256_NAME.fullmatch(expected):
            raise ValueError(f"A stored file's name must be its SHA-256, not {name!r}.")
        content.seek(0)
        stored = _store(self, name, content, expected)
        if stored.outcome == "repaired":
            _audit_repair(stored)
        return stored.name


document_storage = ContentAddressedStorage()


def document_storage_name(instance: Any, filename: str) -> str:
    """``upload_to`` for documents: ``documents/ab/abcdef…`` from the document's SHA-256.

    Referenced by migrations: keep this importable under this name.
    """
    return storage_name_for(instance.sha256)


def storage_name_for(sha256: str) -> str:
    """The storage name of the copy whose bytes hash to ``sha256``."""
    return f"{DOCUMENTS_FOLDER}/{sha256[:2]}/{sha256}"


def get_document_storage() -> ContentAddressedStorage:
    """Storage callable for FileField (keeps MEDIA_ROOT overridable in tests)."""
    return document_storage


def file_sha256(path: str | os.PathLike[str]) -> tuple[str, int]:
    """The SHA-256 and size of a file, read a chunk at a time."""
    hasher = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            hasher.update(chunk)
            size += len(chunk)
    return hasher.hexdigest(), size


def store_copy(*, source: str | os.PathLike[str], sha256: str) -> StoredCopy:
    """Store the file at ``source`` as the copy of ``sha256``: written, shared or repaired.

    Raises ``StoredCopyMismatch`` (and stores nothing) when the bytes read from ``source`` do
    not hash to ``sha256``: the file changed after it was checked. A repair is audited
    (``stored_copy_repaired``) here, where it is known.
    """
    if not SHA256_NAME.fullmatch(sha256):
        raise ValueError(f"Not a SHA-256: {sha256!r}")
    with open(source, "rb") as handle:
        stored = _store(document_storage, storage_name_for(sha256), handle, sha256)
    if stored.outcome == "repaired":
        _audit_repair(stored)
    return stored


def _store(
    storage: FileSystemStorage, name: str, content: BinaryIO | Any, expected: str
) -> StoredCopy:
    final = Path(storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=final.parent)
    try:
        with os.fdopen(descriptor, "wb") as out:
            for chunk in _chunks(content):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o640)
        # Hash what reached the disk, not what was handed over: either the source changed
        # after it was checked or the write lost bytes, and nothing goes under the name.
        on_disk, on_disk_size = file_sha256(temporary)
        if on_disk != expected:
            raise StoredCopyMismatch(
                f"The copy written hashes to {on_disk}, not {expected}: it changed after it "
                "was checked, or the write failed."
            )
        try:
            os.link(temporary, final)  # never overwrites: an existing name is checked below
            outcome, previous = "written", ("", 0)
        except FileExistsError:
            outcome, previous = _share_or_replace(temporary, final, expected)
        _fsync_folder(final.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):  # os.replace moved it into place
            os.unlink(temporary)
    return StoredCopy(
        name=name,
        sha256=expected,
        size=on_disk_size,
        outcome=outcome,
        previous_sha256=previous[0],
        previous_size=previous[1],
    )


def _share_or_replace(temporary: str, final: Path, expected: str) -> tuple[str, tuple[str, int]]:
    """The final name exists: share it if its bytes are right, else replace it atomically."""
    try:
        found, found_size = file_sha256(final)
    except FileNotFoundError:  # removed since: nothing to compare, so put ours in place
        found, found_size = "", 0
    if found == expected:
        # Sharing an old file that no row pointed to yet: renew its time, so the orphan
        # sweeper's grace period protects it until this lodgment commits. Gone meanwhile (the
        # sweeper moved it aside): put this copy in its place instead.
        try:
            os.utime(final)
        except FileNotFoundError:
            os.replace(temporary, final)
        return "shared", ("", 0)
    os.replace(temporary, final)
    logger.warning(
        "Replaced a bad stored copy %s (it hashed to %s, %d bytes).", final.name, found, found_size
    )
    return "repaired", (found, found_size)


def _chunks(content: Any) -> Iterator[bytes]:
    if hasattr(content, "chunks"):
        yield from content.chunks(CHUNK_BYTES)
        return
    while chunk := content.read(CHUNK_BYTES):
        yield chunk


def _fsync_folder(folder: Path) -> None:
    """Make the new directory entry durable, so a crash cannot lose a committed file's name."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _audit_repair(stored: StoredCopy) -> None:
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


def orphan_remove(*, stored_name: str, grace_seconds: int) -> bool:
    """Remove a stored file no document points to, once it is ``grace_seconds`` old; audited
    (``orphan_removed``). False, and nothing removed, when it is referenced, young or gone.

    The file is first renamed aside, so a lodgment storing the same bytes from then on finds no
    file and writes its own. One that shared it just before renewed its time
    (``_share_or_replace``), and one that has committed since has a row: either way it is put
    back. Only then is it removed.
    """
    from audit.models import AuditEvent
    from audit.services import audit_record
    from filings.models import Document

    final = Path(document_storage.path(stored_name))
    aside = final.with_name(f"{TEMPORARY_PREFIX}sweep-{final.name}")
    try:
        os.rename(final, aside)
    except FileNotFoundError:
        return False
    status = aside.stat()
    young = time.time() - status.st_mtime < grace_seconds
    if young or Document.objects.filter(electronic_copy=stored_name).exists():
        with contextlib.suppress(FileExistsError):  # a lodgment wrote the same bytes meanwhile
            os.link(aside, final)
        os.unlink(aside)
        return False
    digest, size = file_sha256(aside)
    os.unlink(aside)
    _fsync_folder(final.parent)
    audit_record(
        action=AuditEvent.Action.ORPHAN_REMOVED,
        detail={
            "stored_name": stored_name,
            "size": size,
            "sha256": digest,
            "age_seconds": int(time.time() - status.st_mtime),
        },
    )
    return True
