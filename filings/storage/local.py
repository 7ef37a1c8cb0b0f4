"""The lodged-document store on a local (or shared network) file system: the default backend.

Files live under ``MEDIA_ROOT`` by their SHA-256, never under the name a practitioner gave them.

Writing (security checklist, "Storage and integrity"): the bytes go to a temporary file in the
final folder, are flushed and fsynced, the SHA-256 of what reached the disk is checked, then the
file is hard-linked under its final name (``os.link`` never overwrites). A crash at any point
leaves at worst a temporary file, never a partial file under a final name. When the final name
exists already, its bytes are hashed: a good copy is shared (its time renewed, so the orphan
sweeper's grace period protects it until the sharing lodgment commits); a bad one (a truncated
write by an older version, a damaged disk) is replaced atomically (``os.replace``). No step
retries a name, so two processes storing the same bytes at once cannot loop.

Keeping an upload (``store_received``): an upload is spooled into ``.incoming`` under
``MEDIA_ROOT`` (the store's own file system, ``filings.uploads``) and hashed as its chunks
are written, so storing it is an fsync and a hard link of that file, not another copy and two
more passes over its bytes. What was verified holds just as well: the SHA-256 is of the exact
bytes this process wrote into a file only it created (mode 0600, a name no one else knows), its
size is checked against the count hashed, and it is fsynced before it gets its final name. A
re-read straight after the write would come from the page cache, the same bytes just hashed,
so it would prove nothing more about the disk; ``verify_documents`` re-reads every stored copy
from the disk on its schedule. The same folder also means the link cannot cross file systems;
if it does (a folder mounted apart), the file is copied and verified as any other.

Removing an orphan renames it aside first, so a lodgment storing the same bytes from then on
finds no file and writes its own, and one that shared it just before has renewed its time.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage

from .common import (
    TEMPORARY_PREFIX,
    ContentAddressed,
    RemovedOrphan,
    StoredCopy,
    StoredCopyMismatch,
    StoredEntry,
    chunks,
    file_sha256,
)

logger = logging.getLogger("filings.integrity")

# Uploads in progress, beside the stored copies (``incoming_folder``): never listed as stored.
INCOMING_FOLDER = ".incoming"


class ContentAddressedStorage(ContentAddressed, FileSystemStorage):
    """Files named by their content under ``MEDIA_ROOT``, so the same bytes are stored once."""

    def write_copy(self, name: str, content: Any, sha256: str) -> StoredCopy:
        final = Path(self.path(name))
        final.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=final.parent)
        try:
            with os.fdopen(descriptor, "wb") as out:
                for chunk in chunks(content):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o640)
            # Hash what reached the disk, not what was handed over: either the source changed
            # after it was checked or the write lost bytes, and nothing goes under the name.
            on_disk, on_disk_size = file_sha256(temporary)
            if on_disk != sha256:
                raise StoredCopyMismatch(
                    f"The copy written hashes to {on_disk}, not {sha256}: it changed after it "
                    "was checked, or the write failed."
                )
            try:
                os.link(temporary, final)  # never overwrites: an existing name is checked below
                outcome, previous = "written", ("", 0)
            except FileExistsError:
                outcome, previous = _share_or_replace(temporary, final, sha256)
            _fsync_folder(final.parent)
        finally:
            with contextlib.suppress(FileNotFoundError):  # os.replace moved it into place
                os.unlink(temporary)
        return StoredCopy(
            name=name,
            sha256=sha256,
            size=on_disk_size,
            outcome=outcome,
            previous_sha256=previous[0],
            previous_size=previous[1],
        )

    def incoming_folder(self) -> Path:
        return Path(self.location) / INCOMING_FOLDER

    def store_received(self, *, name: str, path: str, sha256: str, size: int) -> StoredCopy:
        source = Path(path)
        if source.parent != self.incoming_folder():  # not spooled here: copy and verify
            return super().store_received(name=name, path=path, sha256=sha256, size=size)
        final = Path(self.path(name))
        final.parent.mkdir(parents=True, exist_ok=True)
        with open(source, "rb") as handle:
            if os.fstat(handle.fileno()).st_size != size:
                raise StoredCopyMismatch(
                    f"The upload is {os.fstat(handle.fileno()).st_size} bytes, not the {size} "
                    "hashed as it arrived: it changed after it was checked."
                )
            os.fsync(handle.fileno())
        os.chmod(source, 0o640)
        try:
            os.link(source, final)  # never overwrites: an existing name is checked below
            outcome, previous = "written", ("", 0)
        except FileExistsError:
            outcome, previous = self._share_or_replace_received(source, final, sha256)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            return super().store_received(name=name, path=path, sha256=sha256, size=size)
        _fsync_folder(final.parent)
        return StoredCopy(
            name=name,
            sha256=sha256,
            size=size,
            outcome=outcome,
            previous_sha256=previous[0],
            previous_size=previous[1],
        )

    @staticmethod
    def _share_or_replace_received(
        source: Path, final: Path, sha256: str
    ) -> tuple[str, tuple[str, int]]:
        # A second link of the upload in the final folder, which a replace may move into place;
        # the upload's own name stays for its owner to remove.
        temporary = str(final.with_name(f"{TEMPORARY_PREFIX}{secrets.token_hex(16)}"))
        os.link(source, temporary)
        try:
            return _share_or_replace(temporary, final, sha256)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)

    def stored_sha256(self, name: str) -> tuple[str, int]:
        return file_sha256(self.path(name))

    def stored_entries(self, folder: str) -> Iterator[StoredEntry]:
        root = Path(self.path(folder))
        if not root.is_dir():
            return
        for subfolder in sorted(p for p in root.iterdir() if p.is_dir()):
            for path in sorted(p for p in subfolder.iterdir() if p.is_file()):
                try:
                    modified = path.stat().st_mtime
                except FileNotFoundError:
                    continue  # removed or moved into place meanwhile
                yield StoredEntry(name=f"{folder}/{subfolder.name}/{path.name}", modified=modified)

    def remove_orphan(
        self, *, name: str, grace_seconds: int, referenced: Callable[[str], bool]
    ) -> RemovedOrphan | None:
        # Renamed aside first: from then on a lodgment storing the same bytes finds no file and
        # writes its own. One that shared it just before renewed its time, and one that has
        # committed since has a row: either way it is put back. Only then is it removed.
        final = Path(self.path(name))
        aside = final.with_name(f"{TEMPORARY_PREFIX}sweep-{final.name}")
        try:
            os.rename(final, aside)
        except FileNotFoundError:
            return None
        status = aside.stat()
        age = int(time.time() - status.st_mtime)
        if age < grace_seconds or referenced(name):
            with contextlib.suppress(FileExistsError):  # a lodgment wrote the same bytes meanwhile
                os.link(aside, final)
            os.unlink(aside)
            return None
        digest, size = file_sha256(aside)
        os.unlink(aside)
        _fsync_folder(final.parent)
        return RemovedOrphan(sha256=digest, size=size, age_seconds=age)


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


def _fsync_folder(folder: Path) -> None:
    """Make the new directory entry durable, so a crash cannot lose a committed file's name."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
