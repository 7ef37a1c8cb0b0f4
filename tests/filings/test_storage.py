"""Content-addressed storage that survives races and crashes (issue 9 §1; security checklist,
"Storage and integrity"): atomic writes, a bad copy under the final name repaired, no name
retried in a loop, and no clean-up that removes a file a committed row points to."""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.db import connection

from audit.models import AuditEvent
from filings.models import Document
from filings.services import lodgment
from filings.storage import (
    TEMPORARY_PREFIX,
    StoredCopyMismatch,
    document_storage,
    storage_name_for,
    store_copy,
)
from tests.factories import MatterFactory, PartyFactory, UserFactory
from tests.factories_lodgment import LODGMENT_FIXTURES, affidavit, lodge

AFFIDAVIT = LODGMENT_FIXTURES / "affidavit.doc"
AFFIDAVIT_BYTES = AFFIDAVIT.read_bytes()
AFFIDAVIT_SHA256 = hashlib.sha256(AFFIDAVIT_BYTES).hexdigest()
THREAD_TIME_LIMIT = 30


def final_path(sha256: str = AFFIDAVIT_SHA256) -> Path:
    return Path(document_storage.path(storage_name_for(sha256)))


def plant(data: bytes, sha256: str = AFFIDAVIT_SHA256) -> Path:
    path = final_path(sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def leftovers(path: Path) -> list[str]:
    return [p.name for p in path.parent.iterdir() if p.name.startswith(TEMPORARY_PREFIX)]


def new_party():
    return PartyFactory(matter=MatterFactory())


# --- store_copy on its own ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_copy_is_written_whole_with_no_temporary_file_left():
    stored = store_copy(source=AFFIDAVIT, sha256=AFFIDAVIT_SHA256)
    assert stored.outcome == "written"
    assert final_path().read_bytes() == AFFIDAVIT_BYTES
    assert leftovers(final_path()) == []


@pytest.mark.django_db
def test_a_good_existing_copy_is_shared_not_rewritten():
    path = plant(AFFIDAVIT_BYTES)
    inode = path.stat().st_ino
    stored = store_copy(source=AFFIDAVIT, sha256=AFFIDAVIT_SHA256)
    assert stored.outcome == "shared"
    assert path.stat().st_ino == inode
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.STORED_COPY_REPAIRED).exists()


@pytest.mark.django_db
def test_a_source_that_changed_after_its_check_is_not_stored(tmp_path):
    changed = tmp_path / "changed.doc"
    changed.write_bytes(AFFIDAVIT_BYTES + b"x")
    with pytest.raises(StoredCopyMismatch):
        store_copy(source=changed, sha256=AFFIDAVIT_SHA256)
    assert not final_path().exists()
    assert leftovers(final_path()) == []


@pytest.mark.django_db
def test_a_file_appearing_under_the_final_name_mid_write_is_shared_without_looping(monkeypatch):
    """The race of issue 9 §1: a concurrent lodgment creates the name just as this one opens
    its file. The old storage retried the same name for ever."""
    folder = final_path().parent
    folder.mkdir(parents=True)
    real_open = os.open
    rival_wrote = threading.Event()

    def open_after_a_rival(path, *args, **kwargs):
        if Path(path).parent == folder and not rival_wrote.is_set():
            rival_wrote.set()
            final_path().write_bytes(AFFIDAVIT_BYTES)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_after_a_rival)
    outcome: list[str] = []
    saver = threading.Thread(
        target=lambda: outcome.append(
            document_storage.save(storage_name_for(AFFIDAVIT_SHA256), ContentFile(AFFIDAVIT_BYTES))
        ),
        daemon=True,
    )
    saver.start()
    saver.join(THREAD_TIME_LIMIT)
    assert not saver.is_alive(), "storing looped on a name that exists"
    assert outcome == [storage_name_for(AFFIDAVIT_SHA256)]
    assert final_path().read_bytes() == AFFIDAVIT_BYTES
    assert leftovers(final_path()) == []


# --- through the lodgment service ------------------------------------------------------------


@pytest.mark.django_db
def test_a_partial_file_under_the_final_name_is_repaired_by_the_next_lodgment():
    # A process killed mid-write by the old storage left the first 1,000 bytes under the name.
    plant(AFFIDAVIT_BYTES[:1000])
    party = new_party()
    filing = lodge(party, UserFactory(), affidavit())
    document = filing.documents.get()
    assert document.sha256 == AFFIDAVIT_SHA256
    assert Path(document.electronic_copy.path).read_bytes() == AFFIDAVIT_BYTES
    event = AuditEvent.objects.get(action=AuditEvent.Action.STORED_COPY_REPAIRED)
    assert event.detail["stored_name"] == storage_name_for(AFFIDAVIT_SHA256)
    assert event.detail["previous_size"] == 1000
    assert event.detail["previous_sha256"] == hashlib.sha256(AFFIDAVIT_BYTES[:1000]).hexdigest()


@pytest.mark.django_db
def test_a_failed_lodgment_leaves_its_stored_copy_for_the_sweeper(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(lodgment, "_audit_lodged", fail)
    with pytest.raises(RuntimeError):
        lodge(new_party(), UserFactory(), affidavit())
    assert Document.objects.count() == 0
    assert final_path().read_bytes() == AFFIDAVIT_BYTES  # an orphan, not deleted here


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
def test_identical_bytes_lodged_into_several_matters_at_once_all_finish_intact(rules_seeded):
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
    assert {d.electronic_copy.name for d in documents} == {storage_name_for(AFFIDAVIT_SHA256)}
    assert final_path().read_bytes() == AFFIDAVIT_BYTES
    assert leftovers(final_path()) == []


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_failed_lodgment_leaves_a_concurrently_committed_identical_copy(
    monkeypatch, rules_seeded
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
    assert Path(document.electronic_copy.path).read_bytes() == AFFIDAVIT_BYTES
