"""Content-addressed storage that survives races and crashes (issue 9 §1; security checklist,
"Storage and integrity"): atomic writes, a bad copy under the final name repaired, no name
retried in a loop, and no clean-up that removes a file a committed row points to. Each test
taking ``documents_store`` runs on both backends: the local folder and S3 (issue 13 §3)."""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
import time
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.db import connection

from audit.models import AuditEvent
from filings.models import Document
from filings.services import lodgment
from filings.storage import (
    StoredCopyMismatch,
    document_storage,
    documents_backend,
    storage_name_for,
    store_copy,
)
from tests.factories import MatterFactory, PartyFactory, UserFactory
from tests.factories_lodgment import LODGMENT_FIXTURES, affidavit, lodge

AFFIDAVIT = LODGMENT_FIXTURES / "affidavit.doc"
AFFIDAVIT_BYTES = AFFIDAVIT.read_bytes()
AFFIDAVIT_SHA256 = hashlib.sha256(AFFIDAVIT_BYTES).hexdigest()
AFFIDAVIT_NAME = storage_name_for(AFFIDAVIT_SHA256)
THREAD_TIME_LIMIT = 30
DAY = 24 * 60 * 60


def new_party():
    return PartyFactory(matter=MatterFactory())


# --- store_copy on its own, on each backend ------------------------------------------------


@pytest.mark.django_db
def test_a_new_copy_is_written_whole_with_no_temporary_file_left(documents_store):
    stored = store_copy(source=AFFIDAVIT, sha256=AFFIDAVIT_SHA256)
    assert stored.outcome == "written"
    assert documents_store.read(AFFIDAVIT_NAME) == AFFIDAVIT_BYTES
    assert documents_store.names() == [AFFIDAVIT_NAME]


@pytest.mark.django_db
def test_a_good_existing_copy_is_shared_not_rewritten_and_its_time_renewed(documents_store):
    documents_store.plant(AFFIDAVIT_NAME, AFFIDAVIT_BYTES, age_seconds=2 * DAY)
    stored = store_copy(source=AFFIDAVIT, sha256=AFFIDAVIT_SHA256)
    assert stored.outcome == "shared"
    assert documents_store.read(AFFIDAVIT_NAME) == AFFIDAVIT_BYTES
    # Renewed: the orphan sweeper's grace period now protects it until the lodgment commits.
    assert time.time() - documents_store.modified(AFFIDAVIT_NAME) < 60
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.STORED_COPY_REPAIRED).exists()


@pytest.mark.django_db
def test_a_source_that_changed_after_its_check_is_not_stored(tmp_path, documents_store):
    changed = tmp_path / "changed.doc"
    changed.write_bytes(AFFIDAVIT_BYTES + b"x")
    with pytest.raises(StoredCopyMismatch):
        store_copy(source=changed, sha256=AFFIDAVIT_SHA256)
    assert documents_store.names() == []


@pytest.mark.django_db
def test_save_refuses_a_name_that_is_not_the_content_hash(documents_store):
    with pytest.raises(ValueError, match="SHA-256"):
        document_storage.save("documents/ab/affidavit.doc", ContentFile(AFFIDAVIT_BYTES))
    with pytest.raises(StoredCopyMismatch):
        document_storage.save(storage_name_for("ab" * 32), ContentFile(AFFIDAVIT_BYTES))
    assert documents_store.names() == []


@pytest.mark.django_db
def test_reading_a_stored_copy_streams_it_in_chunks(documents_store):
    store_copy(source=AFFIDAVIT, sha256=AFFIDAVIT_SHA256)
    with document_storage.open(AFFIDAVIT_NAME, "rb") as stored:
        first = stored.read(1000)
        rest = stored.read()
    assert first + rest == AFFIDAVIT_BYTES
    assert len(first) == 1000
    with pytest.raises(FileNotFoundError):
        document_storage.open(storage_name_for("cd" * 32), "rb")


@pytest.mark.django_db
def test_a_file_appearing_under_the_final_name_mid_write_is_shared_without_looping(monkeypatch):
    """The race of issue 9 §1 on a file system: a concurrent lodgment creates the name just as
    this one opens its file. The old storage retried the same name for ever."""
    final = Path(documents_backend().path(AFFIDAVIT_NAME))  # type: ignore[attr-defined]
    folder = final.parent
    folder.mkdir(parents=True)
    real_open = os.open
    rival_wrote = threading.Event()

    def open_after_a_rival(path, *args, **kwargs):
        if Path(path).parent == folder and not rival_wrote.is_set():
            rival_wrote.set()
            final.write_bytes(AFFIDAVIT_BYTES)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_after_a_rival)
    outcome: list[str] = []
    saver = threading.Thread(
        target=lambda: outcome.append(
            document_storage.save(AFFIDAVIT_NAME, ContentFile(AFFIDAVIT_BYTES))
        ),
        daemon=True,
    )
    saver.start()
    saver.join(THREAD_TIME_LIMIT)
    assert not saver.is_alive(), "storing looped on a name that exists"
    assert outcome == [AFFIDAVIT_NAME]
    assert final.read_bytes() == AFFIDAVIT_BYTES
    assert [p.name for p in folder.iterdir()] == [AFFIDAVIT_SHA256]


@pytest.mark.django_db
def test_an_object_put_by_another_lodgment_meanwhile_is_shared_not_overwritten(
    s3_documents_store, monkeypatch
):
    """Object storage: this lodgment found no object, then another put one before this one's
    write. The write is conditional (If-None-Match), so the server refuses it; one read of
    what is there settles it."""
    documents_store = s3_documents_store
    backend = documents_backend()
    real_head = backend._head  # type: ignore[attr-defined]
    calls: list[str] = []

    def absent_then_rival(key):
        if not calls:
            calls.append(key)
            documents_store.plant(AFFIDAVIT_NAME, AFFIDAVIT_BYTES)
            return None
        return real_head(key)

    monkeypatch.setattr(backend, "_head", absent_then_rival)
    put = backend._put  # type: ignore[attr-defined]
    puts: list[dict] = []
    monkeypatch.setattr(backend, "_put", lambda *a: puts.append(a[3]) or put(*a))
    stored = store_copy(source=AFFIDAVIT, sha256=AFFIDAVIT_SHA256)
    assert stored.outcome == "shared"
    assert puts == [{"IfNoneMatch": "*"}]
    assert documents_store.read(AFFIDAVIT_NAME) == AFFIDAVIT_BYTES


# --- through the lodgment service ------------------------------------------------------------


@pytest.mark.django_db
def test_a_partial_file_under_the_final_name_is_repaired_by_the_next_lodgment(documents_store):
    # A process killed mid-write by the old storage left the first 1,000 bytes under the name.
    documents_store.plant(AFFIDAVIT_NAME, AFFIDAVIT_BYTES[:1000])
    party = new_party()
    filing = lodge(party, UserFactory(), affidavit())
    document = filing.documents.get()
    assert document.sha256 == AFFIDAVIT_SHA256
    assert documents_store.read(document.electronic_copy.name) == AFFIDAVIT_BYTES
    event = AuditEvent.objects.get(action=AuditEvent.Action.STORED_COPY_REPAIRED)
    assert event.detail["stored_name"] == AFFIDAVIT_NAME
    assert event.detail["previous_size"] == 1000
    assert event.detail["previous_sha256"] == hashlib.sha256(AFFIDAVIT_BYTES[:1000]).hexdigest()
    assert documents_store.leftovers() == []


@pytest.mark.django_db
def test_a_failed_lodgment_leaves_its_stored_copy_for_the_sweeper(monkeypatch, documents_store):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(lodgment, "_audit_lodged", fail)
    with pytest.raises(RuntimeError):
        lodge(new_party(), UserFactory(), affidavit())
    assert Document.objects.count() == 0
    assert documents_store.read(AFFIDAVIT_NAME) == AFFIDAVIT_BYTES  # an orphan, not deleted here


# --- real concurrent connections (PostgreSQL) --------------------------------------------------


@pytest.fixture
def rules_seeded() -> None:
    """The rules data a transactional test's flush removed, seeded again as migrations do."""
    _require_postgresql()
    seed_rules = importlib.import_module("practice_directions.migrations.0002_seed_rules")
    seed_rules.seed(django_apps, None)


def _require_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent transactions need PostgreSQL; SQLite serialises them.")


def _run_threads(targets: dict[str, object]) -> dict[str, BaseException]:
    failures: dict[str, BaseException] = {}

    def wrap(name: str, target) -> None:
        from django.db import connection as thread_connection

        try:
            target()
        except BaseException as error:  # collected and asserted by the caller
            failures[name] = error
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=wrap, args=(name, target), name=name, daemon=True)
        for name, target in targets.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(THREAD_TIME_LIMIT)
    stuck = [thread.name for thread in threads if thread.is_alive()]
    assert stuck == [], f"lodgments still running after {THREAD_TIME_LIMIT} s: {stuck}"
    return failures


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_identical_bytes_lodged_into_several_matters_at_once_all_finish_intact(
    rules_seeded, documents_store
):
    _require_postgresql()
    user = UserFactory()
    parties = [new_party() for _ in range(8)]
    start = threading.Barrier(len(parties))

    def lodger(party):
        def run() -> None:
            start.wait()
            lodge(party, user, affidavit())

        return run

    failures = _run_threads({f"lodger-{n}": lodger(p) for n, p in enumerate(parties)})
    assert failures == {}
    documents = list(Document.objects.all())
    assert len(documents) == len(parties)
    assert {d.electronic_copy.name for d in documents} == {AFFIDAVIT_NAME}
    assert documents_store.names() == [AFFIDAVIT_NAME]
    assert documents_store.read(AFFIDAVIT_NAME) == AFFIDAVIT_BYTES


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_failed_lodgment_leaves_a_concurrently_committed_identical_copy(
    monkeypatch, rules_seeded, documents_store
):
    """B stores the bytes first and fails; A shares B's file and commits after B's clean-up.
    The old clean-up saw no committed row (A's was not yet committed) and deleted the file."""
    _require_postgresql()
    user = UserFactory()
    party_a, party_b = new_party(), new_party()
    b_in_transaction, a_in_transaction, b_done = (threading.Event() for _ in range(3))
    real_audit = lodgment._audit_lodged

    def audit_or_fail(*args, **kwargs):
        if threading.current_thread().name == "B":
            b_in_transaction.set()
            a_in_transaction.wait(THREAD_TIME_LIMIT)
            raise RuntimeError("B's transaction fails")
        a_in_transaction.set()
        b_done.wait(THREAD_TIME_LIMIT)
        return real_audit(*args, **kwargs)

    monkeypatch.setattr(lodgment, "_audit_lodged", audit_or_fail)

    def run_b() -> None:
        try:
            lodge(party_b, user, affidavit())
        finally:
            b_done.set()

    def run_a() -> None:
        b_in_transaction.wait(THREAD_TIME_LIMIT)
        lodge(party_a, user, affidavit())

    failures = _run_threads({"B": run_b, "A": run_a})
    assert set(failures) == {"B"}
    document = Document.objects.get()
    assert document.filing.party_id == party_a.pk
    assert documents_store.read(document.electronic_copy.name) == AFFIDAVIT_BYTES
