"""Lodging through the browser form: real DOC, RTF, TIFF and JPEG files, refusals by code,
upload limits, corrections, CSRF."""

import hashlib
import io
import random
from pathlib import Path

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from filings.held_uploads import HELD_FOLDER
from filings.models import Document, Filing, Rule32Order
from filings.selectors.access import matter_slug
from filings.selectors.obligations import assess_document_for_party
from filings.services.review import RejectionSpec, filing_reject
from filings.uploads import LimitedTemporaryFileUploadHandler
from practice_directions.models import DocumentKind, ProceedingType
from tests.factories import document_kind
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    ClerkFactory,
    PractitionerFactory,
    error_codes,
    lodge,
    lodgment_post,
    matter_for,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner():
    return PractitionerFactory()


@pytest.fixture
def party(practitioner):
    return matter_for(practitioner)[1]


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


# A row left empty, as a browser sends it: the role select keeps its first option.
BLANK = {"kind": "", "title": "", "role": "principal", "annexed_to": ""}


def lodge_url(party) -> str:
    return reverse("practitioner:lodge", args=[matter_slug(party.matter.number)])


def principal(name="affidavit.doc", **fields):
    row = {
        "kind": document_kind("Affidavit").pk,
        "title": "Affidavit of J Smith",
        "role": "principal",
        "electronic_copy": upload(name),
    }
    row.update(fields)
    return row


def annexure(file=None, **fields):
    row = {
        "kind": document_kind("Annexure or attachment").pk,
        "title": "Annexure A letter of 3 March 2026",
        "role": "annexure",
        "electronic_copy": file or upload("annexure-a.tif"),
    }
    row.update(fields)
    return row


def stored_files(settings) -> list[Path]:
    """Files stored for documents. Files kept after a refused submission, for the session to
    send again (``held-uploads/``, tests/views/test_held_uploads.py), are not lodged copies."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(
        p for p in root.rglob("*") if p.is_file() and HELD_FOLDER not in p.relative_to(root).parts
    )


def test_the_form_labels_every_control_and_carries_csrf(signed_in, party):
    response = signed_in.get(lodge_url(party))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    for field in ("kind", "title", "role", "annexed_to", "electronic_copy"):
        assert f'<label for="id_documents-0-{field}">' in html
    assert '<label for="id_documents-0-annexure_not_readily_available">' in html
    assert '<label for="id_party">' in html
    assert 'aria-describedby="id_documents-0-electronic_copy_helptext"' in html
    # What PD16 requires of each kind is on the page without JavaScript.
    assert 'id="kind-guide"' in html
    assert "requirement--exempt" in html


def test_more_rows_can_be_asked_for_without_javascript(signed_in, party):
    html = signed_in.get(lodge_url(party) + "?rows=5").content.decode()
    assert 'id="id_documents-4-kind"' in html
    assert 'id="id_documents-5-kind"' not in html


def test_a_doc_with_a_tiff_annexure_is_lodged_and_the_notice_follows(signed_in, party):
    response = signed_in.post(lodge_url(party), lodgment_post(party, principal(), annexure()))
    filing = Filing.objects.get()
    notice = reverse("practitioner:notice", args=[matter_slug(party.matter.number), 1])
    assert response.status_code == 302
    assert response["Location"] == notice
    first, second = filing.documents.order_by("position")
    assert (first.detected_format, second.detected_format) == ("DOC", "TIFF")
    assert second.annexed_to == first  # "the nearest principal document above"
    fixture = (LODGMENT_FIXTURES / "affidavit.doc").read_bytes()
    assert first.sha256 == hashlib.sha256(fixture).hexdigest()
    assert first.original_filename == "affidavit.doc"
    assert filing.lodged_by.pk == response.wsgi_request.user.pk
    # Every upload went to a temporary file through the limiting handler, even small ones.
    request = response.wsgi_request
    assert [type(h) for h in request.upload_handlers] == [LimitedTemporaryFileUploadHandler]
    assert isinstance(request.FILES["documents-0-electronic_copy"], TemporaryUploadedFile)
    page = signed_in.get(notice)
    assert filing.reference in page.content.decode()


def test_rtf_principal_and_jpeg_made_with_pillow_are_lodged(signed_in, party):
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(picture, format="JPEG")
    rows = [
        principal("submissions.rtf", kind=document_kind("Submissions").pk, title="Submissions"),
        annexure(upload("photo.jpg", content=picture.getvalue()), annexed_to="1"),
    ]
    response = signed_in.post(lodge_url(party), lodgment_post(party, *rows))
    assert response.status_code == 302, error_codes(response)
    formats = list(Document.objects.order_by("position").values_list("detected_format", flat=True))
    assert formats == ["RTF", "JPEG"]


def test_a_tiff_made_with_pillow_cannot_be_the_principal_document(signed_in, party):
    picture = io.BytesIO()
    Image.new("L", (32, 32), 128).save(picture, format="TIFF")
    row = principal(electronic_copy=upload("affidavit.tif", content=picture.getvalue()))
    response = signed_in.post(lodge_url(party), lodgment_post(party, row))
    assert response.status_code == 400
    assert "format.image_not_principal" in error_codes(response)
    assert not Filing.objects.exists()


def test_a_pdf_is_refused_under_para_4_on_its_row_and_nothing_is_created(
    signed_in, party, settings
):
    rows = [principal("affidavit.pdf"), annexure()]
    response = signed_in.post(lodge_url(party), lodgment_post(party, *rows))
    html = response.content.decode()
    assert response.status_code == 400
    assert "format.pdf_not_acceptable" in error_codes(response)
    # The error is tied to the file control of row 1, and listed in the summary with a link.
    assert 'id="id_documents-0-electronic_copy_error"' in html
    assert 'href="#id_documents-0-electronic_copy"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="error-summary"' in html
    assert not Filing.objects.exists()
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_every_problem_of_the_filing_is_shown_at_once(signed_in, party):
    # The form's own check (row 3 has no kind) and the file's problem come back together.
    rows = [
        principal("affidavit.pdf"),
        {"kind": "", "title": "Statement", "role": "principal", "annexed_to": ""},
    ]
    response = signed_in.post(lodge_url(party), lodgment_post(party, *rows))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_documents-1-kind_error"' in html
    assert "format.pdf_not_acceptable" in error_codes(response)
    # With the form complete, the service reports every remaining problem together.
    rows = [
        principal("affidavit.pdf"),
        principal(electronic_copy="", title="Statement of J Smith"),
        principal("submissions.rtf", title="Submissions"),
    ]
    response = signed_in.post(lodge_url(party), lodgment_post(party, *rows))
    codes = error_codes(response)
    assert {"format.pdf_not_acceptable", "document.electronic_copy_missing"} <= codes
    assert 'id="id_documents-1-electronic_copy_error"' in response.content.decode()
    assert not Filing.objects.exists()


def test_exempt_forms_and_para_3d_annexures_go_without_copies(signed_in, party):
    rows = [
        principal(),
        annexure(electronic_copy="", annexure_not_readily_available="on"),
        {
            "kind": document_kind("Notice of Appearance").pk,
            "title": "Notice of Appearance",
            "role": "principal",
        },
    ]
    response = signed_in.post(lodge_url(party), lodgment_post(party, *rows))
    assert response.status_code == 302, error_codes(response)
    documents = list(Filing.objects.get().documents.order_by("position"))
    assert [d.has_electronic_copy for d in documents] == [True, False, False]
    assert documents[1].annexure_not_readily_available
    assert documents[2].rules_decision["status"] == "exempt"


def test_blank_rows_are_ignored(signed_in, party):
    response = signed_in.post(lodge_url(party), lodgment_post(party, principal(), BLANK, BLANK))
    assert response.status_code == 302
    assert Document.objects.count() == 1


def test_annexed_to_must_name_a_filled_row_above(signed_in, party):
    rows = [principal(), annexure(annexed_to="3"), BLANK]
    response = signed_in.post(lodge_url(party), lodgment_post(party, *rows))
    assert response.status_code == 400
    assert "document.annexed_to_invalid" in error_codes(response)


def test_a_file_over_the_per_file_limit_is_dropped_as_it_arrives(signed_in, party, settings):
    settings.REGISTRY_MAX_FILE_BYTES = 5_000
    response = signed_in.post(lodge_url(party), lodgment_post(party, principal()))
    html = response.content.decode()
    assert response.status_code == 413
    assert error_codes(response) >= {"upload.file_too_large"}
    assert 'id="id_documents-0-electronic_copy_error"' in html
    assert "4.9\xa0KB" in html  # the limit, in words a person reads
    assert 'value="Affidavit of J Smith"' in html  # what was typed comes back
    assert "documents-0-electronic_copy" not in response.wsgi_request.FILES
    assert not Filing.objects.exists()
    assert stored_files(settings) == []


def test_files_over_the_per_filing_limit_stop_the_upload(signed_in, party, settings):
    settings.REGISTRY_MAX_FILING_BYTES = 30_000  # the DOC and TIFF come to 36,504 bytes
    response = signed_in.post(lodge_url(party), lodgment_post(party, principal(), annexure()))
    assert response.status_code == 413
    assert "upload.filing_too_large" in error_codes(response)
    assert not Filing.objects.exists()


def test_a_request_declared_over_the_limit_is_refused_before_it_is_parsed(
    signed_in, party, settings
):
    settings.REGISTRY_MAX_FILING_BYTES = 10_000
    noise = random.Random(5).randbytes(1_200_000)
    row = principal(electronic_copy=upload("big.doc", content=noise))
    response = signed_in.post(lodge_url(party), lodgment_post(party, row))
    assert response.status_code == 413
    assert "upload.filing_too_large" in error_codes(response)
    assert "_files" not in response.wsgi_request.__dict__  # the body was never parsed
    assert not Filing.objects.exists()


def test_too_many_files_are_refused(signed_in, party, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    rows = [principal(), annexure(), annexure()]
    response = signed_in.post(lodge_url(party), lodgment_post(party, *rows))
    assert response.status_code == 413
    assert "upload.too_many_files" in error_codes(response)
    assert not Filing.objects.exists()


def test_lodging_needs_the_csrf_token(practitioner, party):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    response = client.post(lodge_url(party), lodgment_post(party, principal()))
    assert response.status_code == 403
    assert not Filing.objects.exists()
    token = client.get(lodge_url(party)).context["csrf_token"]
    data = lodgment_post(party, principal()) | {"csrfmiddlewaretoken": str(token)}
    assert client.post(lodge_url(party), data).status_code == 302


def test_a_correction_is_lodged_linked_to_the_rejected_filing(signed_in, practitioner, party):
    rejected = lodge(party, practitioner)
    filing_reject(
        filing=rejected,
        reviewed_by=ClerkFactory(),
        reasons=[RejectionSpec("text-differs", 1, "Paragraph 4 differs.")],
    )
    url = reverse("practitioner:correct", args=[matter_slug(party.matter.number), 1])
    page = signed_in.get(url)
    assert page.status_code == 200
    assert f"Lodge a correction of {rejected.reference}" in page.content.decode()
    response = signed_in.post(url, lodgment_post(party, principal()))
    assert response.status_code == 302
    correction = Filing.objects.get(sequence=2)
    assert correction.corrects == rejected
    assert correction.status == Filing.Status.LODGED


def test_only_a_rejected_filing_can_be_corrected(signed_in, practitioner, party):
    lodge(party, practitioner)
    url = reverse("practitioner:correct", args=[matter_slug(party.matter.number), 1])
    response = signed_in.post(url, lodgment_post(party, principal()))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "practitioner:filing", args=[matter_slug(party.matter.number), 1]
    )
    assert Filing.objects.count() == 1


def test_the_kind_guide_agrees_with_the_obligations_selector_for_every_kind(
    signed_in, practitioner
):
    matter, party = matter_for(practitioner, proceeding=ProceedingType.objects.get(code="rule32"))
    today = timezone.localdate()
    Rule32Order.objects.create(
        matter=matter, description="Award", made_on=today, file_by=today, recorded_by=practitioner
    )
    guide = signed_in.get(lodge_url(party)).context["kind_guide"]
    assert len(guide) == DocumentKind.objects.filter(active=True).count()
    for row in guide:
        expected = assess_document_for_party(
            party=party, document_kind=row["kind"], role="principal", filed_on=today
        )
        assert row["decision"]["status"] == expected.status, row["kind"].name
        assert row["decision"]["due_by"] == (expected.due_by and expected.due_by.isoformat())


def test_a_filing_sent_by_the_script_gets_the_notice_address_as_json(signed_in, party):
    response = signed_in.post(
        lodge_url(party),
        lodgment_post(party, principal()),
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    notice = reverse("practitioner:notice", args=[matter_slug(party.matter.number), 1])
    assert response.json() == {"redirect": notice, "reference": Filing.objects.get().reference}
    # The one-time message waits for the notice page the script goes to.
    assert "Lodged as" in signed_in.get(notice).content.decode()
