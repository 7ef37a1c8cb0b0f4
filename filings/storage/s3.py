"""The lodged-document store in S3-compatible object storage (django-storages and boto3).

Chosen by settings alone (``STORAGES["documents"]``, see ``registry/settings/base.py``); every
caller reaches it through that alias. The guarantees of the local store, as object storage can
give them:

- Content-addressed keys: ``<prefix>/documents/ab/<sha256>``, never a practitioner's name.
- A write is one ``PutObject``: an object appears whole or not at all, so no temporary key is
  needed. It is sent with ``ChecksumSHA256`` (AWS refuses bytes that do not match it) and with
  ``If-None-Match: *``, so it never overwrites an object another lodgment put there meanwhile;
  what was written is then read back and hashed (not every S3-compatible server checks the
  checksum), and a copy that fails is deleted (only if it is still the one written) and refused.
- An existing object is read and hashed before it is shared: a good one is shared (and its
  ``LastModified`` renewed by copying it onto itself, so the orphan sweeper's grace period
  protects it until the sharing lodgment commits); a bad one is replaced with ``If-Match`` on
  its ETag, so a good copy put there meanwhile is never overwritten; the repair is audited.
  No step retries in a loop: a lost race is settled by one more read.
- Reading streams the object's body a chunk at a time.
- Orphans (no document points to them, ``LastModified`` older than the grace period) are copied
  aside (only if unmodified since they were judged old) and deleted (only if still the same
  object); a lodgment that shared one at that moment and has committed gets it back at once.
  The copy set aside is removed by a later sweep, once it is itself older than the grace
  period, after putting it back if a document has come to point to the name meanwhile.
"""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any

from botocore.exceptions import ClientError
from django.core.files.base import File
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from .common import (
    TEMPORARY_PREFIX,
    ContentAddressed,
    RemovedOrphan,
    StoredCopy,
    StoredCopyMismatch,
    StoredEntry,
    stream_sha256,
)

logger = logging.getLogger("filings.integrity")

SWEPT_PREFIX = f"{TEMPORARY_PREFIX}sweep-"
# A conditional request that lost: the object changed (412), or a concurrent conditional write
# to the same key was in progress (409, AWS).
LOST_RACE = {"PreconditionFailed", "ConditionalRequestConflict"}
MISSING = {"NoSuchKey", "404", "NotFound"}


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


class _Body(File):
    """A streamed object body as a read-only Django ``File``."""

    def __init__(self, body: Any, name: str) -> None:
        super().__init__(body, name)
        self._body = body

    def read(self, size: int | None = -1) -> bytes:
        return bytes(self._body.read(None if size is None or size < 0 else size))

    def seekable(self) -> bool:
        return False


class S3ContentAddressedStorage(ContentAddressed, S3Storage):
    """Lodged copies as objects named by their SHA-256 in one bucket (under ``location``)."""

    # ---- names -----------------------------------------------------------------------------

    def _key(self, name: str) -> str:
        return str(self._normalize_name(clean_name(name)))

    def _name(self, key: str) -> str:
        location = str(self.location).strip("/")
        return key[len(location) + 1 :] if location else key

    @property
    def _client(self) -> Any:
        # One client per thread: django-storages keeps the boto3 resource in a thread-local.
        return self.connection.meta.client

    # ---- reading ---------------------------------------------------------------------------

    def _open(self, name: str, mode: str = "rb") -> File:
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Lodged copies are written only through store().")
        return _Body(self._get(self._key(name)), name)

    def _get(self, key: str) -> Any:
        try:
            return self._client.get_object(Bucket=self.bucket_name, Key=key)["Body"]
        except ClientError as error:
            if _code(error) in MISSING:
                raise FileNotFoundError(f"No stored copy {key}") from error
            raise

    def _head(self, key: str) -> dict[str, Any] | None:
        try:
            return dict(self._client.head_object(Bucket=self.bucket_name, Key=key))
        except ClientError as error:
            if _code(error) in MISSING:
                return None
            raise

    def _hash_key(self, key: str) -> tuple[str, int]:
        body = self._get(key)
        try:
            return stream_sha256(body)
        finally:
            body.close()

    def stored_sha256(self, name: str) -> tuple[str, int]:
        return self._hash_key(self._key(name))

    # ---- writing ---------------------------------------------------------------------------

    def write_copy(self, name: str, content: Any, sha256: str) -> StoredCopy:
        key = self._key(name)
        previous: tuple[str, int] | None = None
        condition: dict[str, str] = {"IfNoneMatch": "*"}
        found = self._head(key)
        if found is not None:
            try:
                previous = self._hash_key(key)
            except FileNotFoundError:
                previous = None  # removed since: write ours as new
            else:
                if previous[0] == sha256 and self._renew(key, sha256):
                    return StoredCopy(name=name, sha256=sha256, size=previous[1], outcome="shared")
                if previous[0] != sha256:
                    condition = {"IfMatch": str(found["ETag"])}
                else:
                    previous = None  # good, then swept before it could be renewed: write ours
        try:
            etag = self._put(key, content, sha256, condition)
        except ClientError as error:
            if _code(error) not in LOST_RACE:
                raise
            # Another lodgment wrote (or repaired) the object first: one read settles it.
            digest, size = self._hash_key(key)
            if digest != sha256:
                raise StoredCopyMismatch(
                    f"The object {key} was replaced meanwhile by one hashing to {digest}."
                ) from error
            return StoredCopy(name=name, sha256=sha256, size=size, outcome="shared")
        written, size = self._hash_key(key)
        if written != sha256:
            self._delete_if(key, etag)
            raise StoredCopyMismatch(
                f"The copy written hashes to {written}, not {sha256}: it changed after it was "
                "checked, or the write failed."
            )
        if previous is None:
            return StoredCopy(name=name, sha256=sha256, size=size, outcome="written")
        logger.warning("Replaced a bad stored copy %s (it hashed to %s, %d bytes).", key, *previous)
        return StoredCopy(
            name=name,
            sha256=sha256,
            size=size,
            outcome="repaired",
            previous_sha256=previous[0],
            previous_size=previous[1],
        )

    def _put(self, key: str, content: Any, sha256: str, condition: dict[str, str]) -> str:
        if hasattr(content, "seek"):
            content.seek(0)
        body = getattr(content, "file", content)  # a Django File: the file it wraps
        response = self._client.put_object(
            Bucket=self.bucket_name,
            Key=key,
            Body=body,
            ChecksumSHA256=base64.b64encode(bytes.fromhex(sha256)).decode("ascii"),
            ContentType="application/octet-stream",
            Metadata={"sha256": sha256},
            **condition,
        )
        return str(response["ETag"])

    def _renew(self, key: str, sha256: str) -> bool:
        """Renew a shared object's ``LastModified`` (a copy onto itself); False if it is gone."""
        try:
            self._client.copy_object(
                Bucket=self.bucket_name,
                Key=key,
                CopySource={"Bucket": self.bucket_name, "Key": key},
                MetadataDirective="REPLACE",
                Metadata={"sha256": sha256, "shared-at": str(int(time.time()))},
                ContentType="application/octet-stream",
            )
        except ClientError as error:
            if _code(error) in MISSING:
                return False
            raise
        return True

    def _delete_if(self, key: str, etag: str) -> bool:
        """Delete ``key`` only while it is still the object ``etag`` names."""
        try:
            self._client.delete_object(Bucket=self.bucket_name, Key=key, IfMatch=etag)
        except ClientError as error:
            if _code(error) in LOST_RACE | MISSING:
                return False
            raise
        return True

    # ---- listing and sweeping ---------------------------------------------------------------

    def stored_entries(self, folder: str) -> Iterator[StoredEntry]:
        paginator = self._client.get_paginator("list_objects_v2")
        prefix = self._key(folder).rstrip("/") + "/"
        for page in paginator.paginate(Bucket=self.bucket_name, Prefix=prefix):
            for item in page.get("Contents", []):
                yield StoredEntry(
                    name=self._name(item["Key"]), modified=item["LastModified"].timestamp()
                )

    def remove_orphan(
        self, *, name: str, grace_seconds: int, referenced: Callable[[str], bool]
    ) -> RemovedOrphan | None:
        key = self._key(name)
        found = self._head(key)
        if found is None:
            return None
        age = int(time.time() - found["LastModified"].timestamp())
        if age < grace_seconds or referenced(name):
            return None
        path = PurePosixPath(name)
        if path.name.startswith(TEMPORARY_PREFIX):
            return self._remove_set_aside(name, key, found, age, referenced)
        aside = self._key(str(path.with_name(SWEPT_PREFIX + path.name)))
        try:
            # Only if nothing renewed it since it was judged old (a lodgment sharing it).
            self._client.copy_object(
                Bucket=self.bucket_name,
                Key=aside,
                CopySource={"Bucket": self.bucket_name, "Key": key},
                CopySourceIfUnmodifiedSince=found["LastModified"],
            )
        except ClientError as error:
            if _code(error) in LOST_RACE | MISSING:
                return None
            raise
        digest, size = self._hash_key(aside)
        if not self._delete_if(key, str(found["ETag"])) or referenced(name):
            # Repaired meanwhile, or shared by a lodgment that has committed since: keep it.
            self._restore(aside, key)
            return None
        return RemovedOrphan(sha256=digest, size=size, age_seconds=age)

    def _remove_set_aside(
        self,
        name: str,
        key: str,
        found: dict[str, Any],
        age: int,
        referenced: Callable[[str], bool],
    ) -> RemovedOrphan | None:
        """A copy the sweeper set aside (or any other temporary key), now old: put back if a
        document has come to point to its name and that object is gone (a lodgment shared it as
        it was swept), else delete."""
        path = PurePosixPath(name)
        final_name = str(path.with_name(path.name.removeprefix(SWEPT_PREFIX)))
        final_key = self._key(final_name)
        if referenced(final_name) and self._head(final_key) is None:
            self._restore(key, final_key)
            logger.warning("Put back %s, swept as a lodgment shared it.", final_key)
            return None
        digest, size = self._hash_key(key)
        if not self._delete_if(key, str(found["ETag"])):
            return None
        return RemovedOrphan(sha256=digest, size=size, age_seconds=age)

    def _restore(self, aside: str, key: str) -> None:
        if self._head(key) is None:
            self._client.copy_object(
                Bucket=self.bucket_name,
                Key=key,
                CopySource={"Bucket": self.bucket_name, "Key": aside},
            )
        self._client.delete_object(Bucket=self.bucket_name, Key=aside)
