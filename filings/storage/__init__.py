"""Where lodged electronic copies are kept: Django's ``STORAGES["documents"]``.

Files are stored by a server-chosen name (the SHA-256 of their bytes), never under the name a
practitioner gave them; that name is kept only as metadata. Nothing stored has a public URL:
permission-checking views stream the files.

The backend is chosen by settings alone (``registry/settings/base.py``): the local
content-addressed store under ``MEDIA_ROOT`` (``filings.storage.local``) by default, or
S3-compatible object storage (``filings.storage.s3``) when a bucket is configured. Every caller
goes through the alias, here as ``document_storage``; none names a backend. Each backend
implements ``ContentAddressed`` (``filings.storage.common``): atomic, verified writes, a good
copy shared, a bad one replaced and audited, never a name retried in a loop (security
checklist, "Storage and integrity"; issue 9 §1).

Removing: nothing here deletes a stored copy a row points to. A copy written for a lodgment that
then failed is left as an orphan for ``verify_documents --remove-orphans``, which removes only
files no row points to that have not been written or shared for
``REGISTRY_ORPHAN_GRACE_SECONDS``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

from .common import (
    CHUNK_BYTES,
    DOCUMENTS_FOLDER,
    SHA256_NAME,
    TEMPORARY_PREFIX,
    ContentAddressed,
    StoredCopy,
    StoredCopyMismatch,
    StoredEntry,
    file_sha256,
    is_temporary,
)

__all__ = [
    "ABANDONED_UPLOAD_SECONDS",
    "CHUNK_BYTES",
    "DOCUMENTS_FOLDER",
    "DOCUMENTS_STORAGE",
    "TEMPORARY_PREFIX",
    "ContentAddressed",
    "StoredCopy",
    "StoredCopyMismatch",
    "StoredEntry",
    "abandoned_uploads_remove",
    "document_storage",
    "document_storage_name",
    "documents_backend",
    "file_sha256",
    "get_document_storage",
    "is_temporary",
    "orphan_remove",
    "readable_path",
    "received_copies_synced",
    "storage_name_for",
    "store_copy",
    "store_received_copy",
    "upload_folder",
]

# The STORAGES alias of the lodged-document store.
DOCUMENTS_STORAGE = "documents"


def documents_backend() -> ContentAddressed:
    """The configured backend of ``STORAGES["documents"]``."""
    backend = storages[DOCUMENTS_STORAGE]
    if not isinstance(backend, ContentAddressed):
        raise ImproperlyConfigured(
            f'STORAGES["{DOCUMENTS_STORAGE}"] must be a content-addressed store '
            "(filings.storage.local or filings.storage.s3), not "
            f"{type(backend).__module__}.{type(backend).__qualname__}."
        )
    return backend


class _DocumentStorage(LazyObject):
    """``storages["documents"]``, looked up when first used (and again when settings change)."""

    _wrapped: Any

    def _setup(self) -> None:
        self._wrapped = documents_backend()


document_storage = cast("Storage", _DocumentStorage())


@receiver(setting_changed)
def _documents_storage_changed(*, setting: str, **kwargs: Any) -> None:
    # Django resets its own storages on this signal; the alias here follows it.
    if setting in {"STORAGES", "MEDIA_ROOT"}:
        cast(_DocumentStorage, document_storage)._wrapped = empty


def get_document_storage() -> Storage:
    """Storage callable for FileField: the ``documents`` alias, however it is configured."""
    return document_storage


def document_storage_name(instance: Any, filename: str) -> str:
    """``upload_to`` for documents: ``documents/ab/abcdef…`` from the document's SHA-256.

    Referenced by migrations: keep this importable under this name.
    """
    return storage_name_for(instance.sha256)


def storage_name_for(sha256: str) -> str:
    """The storage name of the copy whose bytes hash to ``sha256``."""
    return f"{DOCUMENTS_FOLDER}/{sha256[:2]}/{sha256}"


def store_copy(*, source: str | os.PathLike[str], sha256: str) -> StoredCopy:
    """Store the file at ``source`` as the copy of ``sha256``: written, shared or repaired.

    Raises ``StoredCopyMismatch`` (and stores nothing) when the bytes read from ``source`` do
    not hash to ``sha256``: the file changed after it was checked. A repair is audited
    (``stored_copy_repaired``).
    """
    if not SHA256_NAME.fullmatch(sha256):
        raise ValueError(f"Not a SHA-256: {sha256!r}")
    with open(source, "rb") as handle:
        return documents_backend().store(
            name=storage_name_for(sha256), content=handle, sha256=sha256
        )


def store_received_copy(*, source: str | os.PathLike[str], sha256: str, size: int) -> StoredCopy:
    """Store an upload whose bytes were hashed to ``sha256`` as they were written to ``source``
    (``filings.uploads.HashedUpload``): the local store keeps that very file (no copy, no second
    hash), other backends copy it and verify what they wrote, as ``store_copy`` does."""
    if not SHA256_NAME.fullmatch(sha256):
        raise ValueError(f"Not a SHA-256: {sha256!r}")
    return documents_backend().store_received(
        name=storage_name_for(sha256), path=os.fspath(source), sha256=sha256, size=size
    )


@contextlib.contextmanager
def received_copies_synced(paths: Sequence[str | os.PathLike[str]]) -> Iterator[None]:
    """Within this block, the uploads at ``paths`` spooled in the store's folder are fsynced on
    threads of their own (the disk works while the lodgment is checked; ``fsync`` releases the
    GIL); the block ends once they are. ``store_received`` fsyncs again, which then finds
    nothing left to write. Files elsewhere are left alone: the store copies those."""
    folder = upload_folder()
    threads = [
        threading.Thread(target=_fsync_quietly, args=(path,), name="fsync", daemon=True)
        for path in paths
        if folder is not None and Path(path).parent == folder
    ]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        for thread in threads:
            thread.join()


def _fsync_quietly(path: str | os.PathLike[str]) -> None:
    # Only a head start: store_received's own fsync reports any failure.
    with contextlib.suppress(OSError):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


# No request lives this long (gunicorn's timeout is minutes): an older spooled upload was left
# by a process killed mid-request.
ABANDONED_UPLOAD_SECONDS = 24 * 60 * 60


def abandoned_uploads_remove(*, now: float | None = None) -> int:
    """Remove uploads spooled in the store's folder by requests that never ended (a killed
    worker); returns how many. None of them is a stored copy: those have their own names."""
    folder = upload_folder()
    if folder is None or not folder.is_dir():
        return 0
    before = (now if now is not None else time.time()) - ABANDONED_UPLOAD_SECONDS
    removed = 0
    for path in folder.iterdir():
        with contextlib.suppress(FileNotFoundError):
            if path.is_file() and path.stat().st_mtime < before:
                path.unlink()
                removed += 1
    return removed


def upload_folder() -> Path | None:
    """Where uploads are spooled so the store can keep them without a copy, or None."""
    return documents_backend().incoming_folder()


def readable_path(name: str) -> tuple[Path, bool]:
    """A local path to read the stored copy ``name`` from, and whether it is a temporary copy.

    On a file system, the stored file itself (never to be written). From object storage, a
    private copy in the upload folder, streamed down; the caller removes it when done.
    """
    backend = documents_backend()
    try:
        return Path(backend.path(name)), False  # type: ignore[attr-defined]
    except NotImplementedError:
        pass
    descriptor, temporary = tempfile.mkstemp(
        prefix="stored-copy-", dir=settings.FILE_UPLOAD_TEMP_DIR
    )
    try:
        with os.fdopen(descriptor, "wb") as out, document_storage.open(name, "rb") as source:
            shutil.copyfileobj(source, out, CHUNK_BYTES)
    except BaseException:
        os.unlink(temporary)
        raise
    return Path(temporary), True


def orphan_remove(*, stored_name: str, grace_seconds: int) -> bool:
    """Remove a stored file no document points to, once it is ``grace_seconds`` old; audited
    (``orphan_removed``). False, and nothing removed, when it is referenced, young or gone.

    The backend never removes a copy a lodgment has just shared (``remove_orphan``)."""
    from audit.models import AuditEvent
    from audit.services import audit_record
    from filings.models import Document

    def referenced(name: str) -> bool:
        return Document.objects.filter(electronic_copy=name).exists()

    removed = documents_backend().remove_orphan(
        name=stored_name, grace_seconds=grace_seconds, referenced=referenced
    )
    if removed is None:
        return False
    audit_record(
        action=AuditEvent.Action.ORPHAN_REMOVED,
        detail={
            "stored_name": stored_name,
            "size": removed.size,
            "sha256": removed.sha256,
            "age_seconds": removed.age_seconds,
        },
    )
    return True
