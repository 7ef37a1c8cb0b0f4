"""manage.py verify_documents: the scheduled re-hash of every stored copy (security checklist,
"Storage and integrity"). Exit 0 when all match; 1, an audit event and a log line for each copy
that is missing or changed. Every test runs on both backends of the documents store: the local
folder and S3 (moto's server; issue 13 §3)."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import tracemalloc

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from filings.models import Document
from filings.packaging import CHUNK_BYTES
from filings.selectors.integrity import verify_stored_copies
from filings.storage import document_storage, storage_name_for
from tests.factories import document_kind
from tests.factories_lodgment import PractitionerFactory, affidavit, lodge, matter_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(documents_store):
    return documents_store


@pytest.fixture
def filing(store):
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    appearance = affidavit(kind=document_kind("Notice of Appearance"), path=None, title="Notice")
    return lodge(party, practitioner, affidavit(), appearance)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_documents", *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), err.getvalue()


def integrity_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditEvent.Action.INTEGRITY_FAILED))


def copy_name(document: Document) -> str:
    return str(document.electronic_copy.name)


def test_all_copies_matching_exit_0_and_record_nothing(filing):
    status, out, _ = run()
    assert status == 0
    # The notice of appearance has no electronic copy: one stored copy to check.
    assert "Checked 1 stored copy: 1 match, 0 failed." in out
    assert integrity_events() == []


def test_a_tampered_copy_exits_1_with_an_event_and_a_log_line(filing, store, caplog):
    document = filing.documents.get(position=1)
    tampered = store.read(copy_name(document))[:-1] + b"!"
    store.plant(copy_name(document), tampered)
    with caplog.at_level(logging.ERROR, logger="filings.integrity"):
        status, out, summary = run()
    assert status == 1
    assert "1 failed" in summary
    assert filing.reference in out and document.sha256 in out
    (event,) = integrity_events()
    assert (event.user, event.document_id, event.filing_reference) == (
        None,
        document.pk,
        filing.reference,
    )
    assert event.detail["code"] == "integrity.copy_changed"
    assert event.detail["expected_sha256"] == document.sha256
    assert event.detail["actual_sha256"] == hashlib.sha256(tampered).hexdigest()
    assert event.detail["source"] == "verify_documents"
    assert [r.name for r in caplog.records] == ["filings.integrity"]


def test_json_prints_one_object_per_problem(filing, store):
    document = filing.documents.get(position=1)
    store.remove(copy_name(document))
    status, out, _ = run("--json")
    assert status == 1
    (line,) = out.splitlines()
    problem = json.loads(line)
    assert problem["code"] == "integrity.copy_missing"
    assert (problem["document_id"], problem["actual_sha256"]) == (document.pk, "")
    assert problem["expected_sha256"] == document.sha256
    assert integrity_events()[0].detail["code"] == "integrity.copy_missing"


def test_json_with_everything_matching_prints_no_objects(filing):
    status, out, err = run("--json")
    assert (status, out) == (0, "")
    assert "0 failed" in err


def test_every_run_records_each_lasting_failure_again(filing, store):
    store.plant(copy_name(filing.documents.get(position=1)), b"changed")
    assert run()[0] == 1
    assert run()[0] == 1
    assert len(integrity_events()) == 2


def test_a_changed_hash_in_the_database_is_found_too(filing):
    # The bytes are intact but the row no longer states their hash.
    document = filing.documents.get(position=1)
    Document.objects.filter(pk=document.pk).update(sha256="0" * 64)
    assert run()[0] == 1
    assert integrity_events()[0].detail["expected_sha256"] == "0" * 64


def test_hashing_is_streamed_with_memory_bounded_by_the_chunk(filing, store):
    if store.backend_name == "s3":
        pytest.skip("The S3 server under test runs in this process and holds objects in memory.")
    # A 24 MB stored copy (written straight to storage: the check does not care how it came).
    big = b"\x00\x01\x02\x03" * (6 * 1024 * 1024)
    digest = hashlib.sha256(big).hexdigest()
    document = filing.documents.get(position=1)
    name = storage_name_for(digest)
    document_storage.save(name, io.BytesIO(big))
    Document.objects.filter(pk=document.pk).update(
        electronic_copy=name, sha256=digest, size=len(big)
    )
    del big
    tracemalloc.start()
    try:
        checks = list(verify_stored_copies())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [c.problem for c in checks] == [None]
    assert peak < 16 * CHUNK_BYTES  # about 1 MB, for a 24 MB file


# --- Orphans: files no document points to (issue 9 §1) ---------------------------------------

DAY = 24 * 60 * 60


class Planted(str):
    """A planted file's storage name; ``.name`` is its last part, as the reports show it."""

    @property
    def name(self) -> str:
        return self.rsplit("/", 1)[-1]


@pytest.fixture
def orphans(settings, store):
    settings.REGISTRY_ORPHAN_GRACE_SECONDS = DAY
    intact = b"left by a lodgment whose transaction failed"
    planted = {
        "intact": (storage_name_for(hashlib.sha256(intact).hexdigest()), intact, 2 * DAY),
        "damaged": (storage_name_for("ab" * 32), b"truncated", 2 * DAY),
        "partial": ("documents/ab/.partial-k3j2", b"half a wri", 2 * DAY),
        "young": (storage_name_for("cd" * 32), b"a lodgment in flight", 60),
    }
    for name, data, age in planted.values():
        store.plant(name, data, age_seconds=age)
    return {key: Planted(name) for key, (name, _, _) in planted.items()}


def orphan_lines(out: str) -> dict[str, dict]:
    lines = [json.loads(line) for line in out.splitlines()]
    return {line["stored_name"].rsplit("/", 1)[-1]: line for line in lines}


def test_orphans_older_than_the_grace_period_are_found_and_kept_without_the_flag(
    filing, orphans, store
):
    status, out, err = run("--json")
    assert status == 0  # orphans are not lodged copies: the exit status is about those
    found = orphan_lines(out)
    assert set(found) == {orphans[k].name for k in ("intact", "damaged", "partial")}
    assert found[orphans["intact"].name]["code"] == "storage.orphan"
    assert found[orphans["damaged"].name]["code"] == "storage.orphan_damaged"
    assert found[orphans["damaged"].name]["damaged"] is True
    assert found[orphans["partial"].name]["code"] == "storage.orphan_partial"
    assert all(line["removed"] is False for line in found.values())
    assert "Found 3 orphaned files" in err
    assert all(store.exists(name) for name in orphans.values())
    assert store.exists(copy_name(filing.documents.get(position=1)))


def test_remove_orphans_deletes_old_orphans_audited_and_keeps_lodged_and_young_files(
    filing, orphans, store
):
    status, out, err = run("--json", "--remove-orphans")
    assert status == 0
    assert all(line["removed"] for line in orphan_lines(out).values())
    assert "removed 3" in err
    for key in ("intact", "damaged", "partial"):
        assert not store.exists(orphans[key])
    assert store.exists(orphans["young"])
    lodged = filing.documents.get(position=1)
    assert hashlib.sha256(store.read(copy_name(lodged))).hexdigest() == lodged.sha256
    events = AuditEvent.objects.filter(action=AuditEvent.Action.ORPHAN_REMOVED)
    assert sorted(e.detail["stored_name"].rsplit("/", 1)[-1] for e in events) == sorted(
        orphans[k].name for k in ("intact", "damaged", "partial")
    )
    assert run("--json")[1] == ""  # nothing left to report


def test_an_old_lodged_copy_is_never_an_orphan(filing, settings, store):
    settings.REGISTRY_ORPHAN_GRACE_SECONDS = 0
    name = copy_name(filing.documents.get(position=1))
    store.plant(name, store.read(name), age_seconds=10 * DAY)
    status, out, _ = run("--json", "--remove-orphans")
    assert (status, out) == (0, "")
    assert store.exists(name)


def test_the_text_report_names_each_orphan(filing, orphans):
    status, out, _ = run()
    assert status == 0
    assert f"{orphans['damaged'].name}: storage.orphan_damaged (damaged, 9 bytes, 48 h old)" in out
