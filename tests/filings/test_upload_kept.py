"""An upload hashed as it arrives and kept by the store without a copy (issue 13 §1): the upload
handler spools each file in the store's own folder and takes its SHA-256 from the bytes it
writes; the local store then links that very file under its content name. The guarantees of
issue 9 §1 hold: what is stored hashes to its name, a changed file is refused, a bad copy under
the name is repaired, and other backends copy and verify as before."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from django.test import RequestFactory

from filings.storage import (
    StoredCopyMismatch,
    documents_backend,
    storage_name_for,
    store_received_copy,
    upload_folder,
)
from filings.uploads import HashedUpload, LimitedTemporaryFileUploadHandler, received_digest
from filings.validation import validate_file
from tests.factories_lodgment import LODGMENT_FIXTURES

AFFIDAVIT_BYTES = (LODGMENT_FIXTURES / "affidavit.doc").read_bytes()
AFFIDAVIT_SHA256 = hashlib.sha256(AFFIDAVIT_BYTES).hexdigest()
AFFIDAVIT_NAME = storage_name_for(AFFIDAVIT_SHA256)


def received(data: bytes, name: str = "affidavit.doc") -> HashedUpload:
    """An upload as the handler receives it, in chunks of the parser's size."""
    handler = LimitedTemporaryFileUploadHandler(
        RequestFactory().post("/"), max_file_bytes=10**8, max_total_bytes=10**8
    )
    handler.new_file("documents-0-electronic_copy", name, "application/msword", len(data))
    for start in range(0, len(data), 64 * 1024):
        handler.receive_data_chunk(data[start : start + 64 * 1024], start)
    upload = handler.file_complete(len(data))
    assert isinstance(upload, HashedUpload)
    return upload


def test_the_upload_is_hashed_as_it_arrives_and_spooled_in_the_stores_folder(settings):
    upload = received(AFFIDAVIT_BYTES)
    path = Path(upload.temporary_file_path())
    assert received_digest(upload) == (AFFIDAVIT_SHA256, len(AFFIDAVIT_BYTES))
    assert path.parent == upload_folder() == Path(settings.MEDIA_ROOT) / ".incoming"
    assert path.read_bytes() == AFFIDAVIT_BYTES
    assert os.stat(path).st_mode & 0o077 == 0  # no one else can read or change it
    upload.close()
    assert not path.exists()


@pytest.mark.django_db
def test_the_local_store_keeps_the_upload_itself_under_its_content_name():
    upload = received(AFFIDAVIT_BYTES)
    source = Path(upload.temporary_file_path())
    stored = store_received_copy(source=source, sha256=AFFIDAVIT_SHA256, size=len(AFFIDAVIT_BYTES))
    final = Path(documents_backend().path(AFFIDAVIT_NAME))  # type: ignore[attr-defined]
    assert stored.outcome == "written"
    # A link, not a copy: the same file, which outlives the upload's temporary name.
    assert os.stat(final).st_ino == os.stat(source).st_ino
    upload.close()
    assert final.read_bytes() == AFFIDAVIT_BYTES
    assert hashlib.sha256(final.read_bytes()).hexdigest() == AFFIDAVIT_SHA256
    assert os.stat(final).st_mode & 0o777 == 0o640


@pytest.mark.django_db
def test_an_upload_that_changed_size_after_it_was_hashed_is_not_stored():
    upload = received(AFFIDAVIT_BYTES)
    with open(upload.temporary_file_path(), "ab") as handle:
        handle.write(b"appended after the check")
    with pytest.raises(StoredCopyMismatch):
        store_received_copy(
            source=upload.temporary_file_path(),
            sha256=AFFIDAVIT_SHA256,
            size=len(AFFIDAVIT_BYTES),
        )
    assert not Path(documents_backend().path(AFFIDAVIT_NAME)).exists()  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_a_bad_copy_under_the_name_is_replaced_by_the_upload_and_the_upload_kept():
    final = Path(documents_backend().path(AFFIDAVIT_NAME))  # type: ignore[attr-defined]
    final.parent.mkdir(parents=True)
    final.write_bytes(AFFIDAVIT_BYTES[:100])  # a truncated copy
    upload = received(AFFIDAVIT_BYTES)
    stored = store_received_copy(
        source=upload.temporary_file_path(), sha256=AFFIDAVIT_SHA256, size=len(AFFIDAVIT_BYTES)
    )
    assert (stored.outcome, stored.previous_size) == ("repaired", 100)
    assert final.read_bytes() == AFFIDAVIT_BYTES
    assert Path(upload.temporary_file_path()).exists()  # its owner removes it
    assert [p.name for p in final.parent.iterdir()] == [final.name]  # no temporary left


@pytest.mark.django_db
def test_a_good_copy_under_the_name_is_shared():
    first = received(AFFIDAVIT_BYTES)
    store_received_copy(
        source=first.temporary_file_path(), sha256=AFFIDAVIT_SHA256, size=len(AFFIDAVIT_BYTES)
    )
    second = received(AFFIDAVIT_BYTES)
    stored = store_received_copy(
        source=second.temporary_file_path(), sha256=AFFIDAVIT_SHA256, size=len(AFFIDAVIT_BYTES)
    )
    assert stored.outcome == "shared"


@pytest.mark.django_db
def test_a_file_not_spooled_by_the_handler_is_copied_and_verified(tmp_path):
    elsewhere = tmp_path / "affidavit.doc"
    elsewhere.write_bytes(AFFIDAVIT_BYTES)
    wrong = hashlib.sha256(b"other bytes").hexdigest()
    with pytest.raises(StoredCopyMismatch):
        store_received_copy(source=elsewhere, sha256=wrong, size=len(AFFIDAVIT_BYTES))
    stored = store_received_copy(
        source=elsewhere, sha256=AFFIDAVIT_SHA256, size=len(AFFIDAVIT_BYTES)
    )
    final = Path(documents_backend().path(AFFIDAVIT_NAME))  # type: ignore[attr-defined]
    assert stored.outcome == "written"
    assert os.stat(final).st_ino != os.stat(elsewhere).st_ino


@pytest.mark.django_db
def test_an_upload_is_stored_and_verified_on_either_backend(documents_store):
    upload = received(AFFIDAVIT_BYTES)
    stored = store_received_copy(
        source=upload.temporary_file_path(), sha256=AFFIDAVIT_SHA256, size=len(AFFIDAVIT_BYTES)
    )
    upload.close()
    assert stored.outcome == "written"
    assert documents_store.read(AFFIDAVIT_NAME) == AFFIDAVIT_BYTES
    assert documents_store.leftovers() == []


@pytest.mark.django_db
def test_on_object_storage_a_changed_upload_is_refused_by_the_backends_own_check(
    s3_documents_store,
):
    upload = received(AFFIDAVIT_BYTES)
    with open(upload.temporary_file_path(), "r+b") as handle:
        handle.write(b"X")  # same size, different bytes: only a re-read can tell
    with pytest.raises(StoredCopyMismatch):
        store_received_copy(
            source=upload.temporary_file_path(),
            sha256=AFFIDAVIT_SHA256,
            size=len(AFFIDAVIT_BYTES),
        )
    assert not s3_documents_store.exists(AFFIDAVIT_NAME)


def test_validation_takes_the_hash_given_but_refuses_a_file_whose_size_differs(tmp_path):
    path = tmp_path / "affidavit.doc"
    path.write_bytes(AFFIDAVIT_BYTES)
    given = ("0" * 64, len(AFFIDAVIT_BYTES))
    result = validate_file(path, hashed_as_written=given)
    assert result.valid and result.sha256 == "0" * 64  # not hashed again
    changed = validate_file(path, hashed_as_written=("0" * 64, len(AFFIDAVIT_BYTES) - 1))
    assert "file.unreadable" in {e.code for e in changed.errors}


def test_uploads_left_by_killed_requests_are_removed_after_a_day_and_no_sooner():
    from filings.storage import ABANDONED_UPLOAD_SECONDS, abandoned_uploads_remove

    folder = upload_folder()
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    old, fresh = folder / "tmpold.upload.doc", folder / "tmpnew.upload.doc"
    old.write_bytes(b"left behind")
    fresh.write_bytes(b"still arriving")
    when = old.stat().st_mtime - ABANDONED_UPLOAD_SECONDS - 60
    os.utime(old, (when, when))
    assert abandoned_uploads_remove() == 1
    assert not old.exists() and fresh.exists()
