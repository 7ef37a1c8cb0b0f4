"""Lodging, downloading and sweeping with the documents store in S3-compatible object storage
(issue 13 §3): the same registry, configured by settings alone, against a real S3 API (moto's
server on localhost, ``tests.storage_backends``)."""

from __future__ import annotations

import gc
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from audit.models import AuditEvent
from filings.models import Filing
from filings.selectors.access import matter_slug
from filings.services.carry_over import carry_over_submission
from filings.services.lodgment import filing_lodge
from filings.services.review import RejectionSpec, filing_reject
from filings.storage import storage_name_for
from tests.factories import document_kind
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    lodge,
    lodgment_post,
    matter_for,
    tiff_annexure,
    upload,
)

pytestmark = pytest.mark.django_db

DAY = 24 * 60 * 60
AFFIDAVIT = LODGMENT_FIXTURES / "affidavit.doc"
AFFIDAVIT_BYTES = AFFIDAVIT.read_bytes()
AFFIDAVIT_SHA256 = hashlib.sha256(AFFIDAVIT_BYTES).hexdigest()
AFFIDAVIT_NAME = storage_name_for(AFFIDAVIT_SHA256)
ASIDE_NAME = f"documents/{AFFIDAVIT_SHA256[:2]}/.partial-sweep-{AFFIDAVIT_SHA256}"


def sweep() -> list[dict]:
    out = io.StringIO()
    call_command("verify_documents", "--json", "--remove-orphans", stdout=out, stderr=io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_filing_lodged_through_the_form_is_kept_in_the_bucket_and_downloads_intact(
    client, s3_documents_store, settings
):
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    client.force_login(practitioner)
    slug = matter_slug(party.matter.number)
    row = {
        "kind": document_kind("Affidavit").pk,
        "title": "Affidavit of J Smith",
        "role": "principal",
        "electronic_copy": upload("affidavit.doc"),
    }
    response = client.post(reverse("practitioner:lodge", args=[slug]), lodgment_post(party, row))
    assert response.status_code == 302
    document = Filing.objects.get().documents.get()
    assert document.electronic_copy.name == AFFIDAVIT_NAME
    assert s3_documents_store.names() == [AFFIDAVIT_NAME]
    assert s3_documents_store.read(AFFIDAVIT_NAME) == AFFIDAVIT_BYTES
    # Nothing went to the local folder.
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))

    download = client.get(reverse("practitioner:document", args=[slug, 1, 1]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == AFFIDAVIT_BYTES
    archive = client.get(reverse("practitioner:filing_zip", args=[slug, 1]))
    with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as unzipped:
        doc_names = [n for n in unzipped.namelist() if n.endswith(".doc")]
        assert [unzipped.read(n) for n in doc_names] == [AFFIDAVIT_BYTES]


def test_a_corrupted_object_is_refused_on_download_and_found_by_verify_documents(
    client, s3_documents_store
):
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner, affidavit())
    s3_documents_store.plant(AFFIDAVIT_NAME, AFFIDAVIT_BYTES[:-1] + b"!")
    client.force_login(practitioner)
    response = client.get(
        reverse("practitioner:document", args=[matter_slug(party.matter.number), 1, 1])
    )
    assert response.status_code == 409
    with pytest.raises(Exception, match="1 failed"):
        call_command("verify_documents", stdout=io.StringIO())
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.INTEGRITY_FAILED, detail__source="verify_documents"
    )
    assert event.filing_reference == filing.reference
    assert event.detail["code"] == "integrity.copy_changed"


def test_an_orphan_is_set_aside_then_removed_by_a_later_sweep(s3_documents_store, settings):
    settings.REGISTRY_ORPHAN_GRACE_SECONDS = DAY
    s3_documents_store.plant(AFFIDAVIT_NAME, AFFIDAVIT_BYTES, age_seconds=2 * DAY)
    (found,) = sweep()
    assert (found["stored_name"], found["code"], found["removed"]) == (
        AFFIDAVIT_NAME,
        "storage.orphan",
        True,
    )
    # Set aside, not yet deleted: a lodgment sharing it at that moment can still get it back.
    assert s3_documents_store.names() == [ASIDE_NAME]
    assert sweep() == []  # the copy set aside is young
    s3_documents_store.plant(ASIDE_NAME, AFFIDAVIT_BYTES, age_seconds=2 * DAY)
    (aside,) = sweep()
    assert (aside["code"], aside["removed"]) == ("storage.orphan_partial", True)
    assert s3_documents_store.names() == []
    removed = AuditEvent.objects.filter(action=AuditEvent.Action.ORPHAN_REMOVED)
    assert sorted(e.detail["stored_name"] for e in removed) == sorted([AFFIDAVIT_NAME, ASIDE_NAME])


def test_a_copy_swept_as_a_lodgment_shared_it_is_put_back_by_the_next_sweep(
    s3_documents_store, settings
):
    """A lodgment shared the old orphan just as the sweeper deleted it, and committed after:
    its row points to a missing object. The next sweep puts the copy set aside back."""
    settings.REGISTRY_ORPHAN_GRACE_SECONDS = DAY
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    lodge(party, practitioner, affidavit())
    s3_documents_store.remove(AFFIDAVIT_NAME)
    s3_documents_store.plant(ASIDE_NAME, AFFIDAVIT_BYTES, age_seconds=2 * DAY)
    out = io.StringIO()
    with pytest.raises(CommandError):  # the missing copy is reported first, then restored
        call_command("verify_documents", "--json", "--remove-orphans", stdout=out)
    problem, aside = (json.loads(line) for line in out.getvalue().splitlines())
    assert problem["code"] == "integrity.copy_missing"
    assert (aside["stored_name"], aside["removed"]) == (ASIDE_NAME, False)
    assert s3_documents_store.names() == [AFFIDAVIT_NAME]
    assert s3_documents_store.read(AFFIDAVIT_NAME) == AFFIDAVIT_BYTES
    assert sweep() == []  # every copy matches again


def test_a_copy_carried_over_into_a_correction_is_read_from_the_bucket(s3_documents_store):
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner, affidavit(), tiff_annexure())
    rejected = filing_reject(
        filing=filing,
        reviewed_by=ClerkFactory(),
        reasons=[RejectionSpec(reason_code="file-names-unclear", document_position=2)],
    )
    original = rejected.documents.get(position=1)
    submission = carry_over_submission(
        document=original,
        rejected=rejected,
        kind=original.kind,
        title="Affidavit",
        role="principal",
    )
    copy = submission.path
    assert copy is not None and copy.read_bytes() == AFFIDAVIT_BYTES  # a private local copy
    correction = filing_lodge(
        party=party, lodged_by=practitioner, documents=[submission], corrects=rejected
    )
    carried = correction.documents.get()
    assert (carried.sha256, carried.carried_over_from) == (original.sha256, original)
    assert carried.electronic_copy.name == AFFIDAVIT_NAME
    del submission
    gc.collect()
    assert not copy.exists()  # removed once the lodgment was done with it


def test_the_settings_choose_object_storage_when_a_bucket_is_named(monkeypatch):
    import environ

    from registry.settings.base import documents_storage

    for name in ("REGISTRY_S3_BUCKET", "REGISTRY_S3_ENDPOINT_URL", "REGISTRY_S3_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    local = documents_storage(environ.Env())
    assert local == {"BACKEND": "filings.storage.local.ContentAddressedStorage"}
    monkeypatch.setenv("REGISTRY_S3_BUCKET", "registry-documents")
    monkeypatch.setenv("REGISTRY_S3_ENDPOINT_URL", "https://objects.internal:9000")
    monkeypatch.setenv("REGISTRY_S3_PREFIX", "registry")
    remote = documents_storage(environ.Env())
    assert remote["BACKEND"] == "filings.storage.s3.S3ContentAddressedStorage"
    options = remote["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["location"]) == (
        "registry-documents",
        "https://objects.internal:9000",
        "registry",
    )
    assert options["default_acl"] is None  # private objects only
