"""Lodging, accepting and rejecting filings through the services (PD16 paras 3, 4, 5, 7)."""

import datetime
import hashlib
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from filings.models import Document, Filing, FilingRejection
from filings.services.lodgment import DocumentSubmission, filing_lodge, safe_original_name
from filings.services.review import RejectionSpec, filing_accept, filing_reject
from practice_directions.models import ProceedingType
from tests.factories import MatterFactory, PartyFactory, UserFactory, document_kind

pytestmark = pytest.mark.django_db
LODGMENT = Path(__file__).resolve().parents[1] / "fixtures" / "lodgment"


def _codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_list]


@pytest.fixture
def party():
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="other"))
    return PartyFactory(matter=matter, representation="solicitor")


@pytest.fixture
def practitioner():
    return UserFactory(username="solicitor")


def _affidavit(**overrides) -> DocumentSubmission:
    values = {
        "kind": document_kind("Affidavit"),
        "title": "Affidavit of Jane Citizen",
        "path": LODGMENT / "affidavit.doc",
        "original_filename": "Affidavit of Jane Citizen.doc",
    }
    values.update(overrides)
    return DocumentSubmission(**values)


def _annexure(**overrides) -> DocumentSubmission:
    values = {
        "kind": document_kind("Annexure or attachment"),
        "title": "Annexure A - letter of 3 March 2026",
        "role": "annexure",
        "path": LODGMENT / "annexure-a.tif",
        "original_filename": "annexure-a.tif",
        "annexed_to": 1,
    }
    values.update(overrides)
    return DocumentSubmission(**values)


def _stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_doc_with_a_tiff_annexure_is_lodged_with_hashes_and_stored_by_hash(
    party, practitioner, settings
):
    filing = filing_lodge(
        party=party, lodged_by=practitioner, documents=[_affidavit(), _annexure()]
    )
    assert filing.status == Filing.Status.LODGED
    assert filing.sequence == 1
    assert filing.reference == f"{party.matter.number}-F01"
    principal, annexure = filing.documents.order_by("position")
    expected = hashlib.sha256((LODGMENT / "affidavit.doc").read_bytes()).hexdigest()
    assert principal.sha256 == expected
    assert principal.size == (LODGMENT / "affidavit.doc").stat().st_size
    assert principal.detected_format == "DOC"
    assert principal.electronic_copy.name == f"documents/{expected[:2]}/{expected}"
    with principal.electronic_copy.open("rb") as stored:
        assert stored.read() == (LODGMENT / "affidavit.doc").read_bytes()
    assert principal.rules_decision["electronic_copy_required"] is True
    assert annexure.detected_format == "TIFF"
    assert annexure.annexed_to == principal
    assert annexure.original_filename == "annexure-a.tif"


def test_filing_numbers_run_in_sequence_within_the_matter(party, practitioner):
    first = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    second = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    assert (first.sequence, second.sequence) == (1, 2)


def test_the_same_bytes_lodged_twice_are_stored_once(party, practitioner, settings):
    filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    assert len(_stored_files(settings)) == 1
    assert Document.objects.count() == 2


def test_a_pdf_is_refused_under_para_4_and_nothing_is_created(party, practitioner, settings):
    pdf = _affidavit(path=LODGMENT / "affidavit.pdf", original_filename="affidavit.pdf")
    with pytest.raises(ValidationError) as error:
        filing_lodge(party=party, lodged_by=practitioner, documents=[pdf, _annexure()])
    assert "format.pdf_not_acceptable" in _codes(error.value)
    assert Filing.objects.count() == 0
    assert Document.objects.count() == 0
    assert _stored_files(settings) == []


def test_an_image_cannot_be_the_principal_document(party, practitioner):
    image = _affidavit(path=LODGMENT / "annexure-a.tif", original_filename="affidavit.tif")
    with pytest.raises(ValidationError) as error:
        filing_lodge(party=party, lodged_by=practitioner, documents=[image])
    assert "format.image_not_principal" in _codes(error.value)


def test_every_problem_in_the_filing_is_reported_at_once(party, practitioner):
    documents = [
        _affidavit(path=LODGMENT / "affidavit.pdf"),
        _affidavit(path=None),
        _annexure(annexed_to=5),
    ]
    with pytest.raises(ValidationError) as error:
        filing_lodge(party=party, lodged_by=practitioner, documents=documents)
    codes = _codes(error.value)
    assert "format.pdf_not_acceptable" in codes
    assert "document.electronic_copy_missing" in codes
    assert "document.annexed_to_invalid" in codes


def test_an_exempt_form_may_be_lodged_without_an_electronic_copy(party, practitioner):
    appearance = DocumentSubmission(kind=document_kind("Notice of Appearance"), title="Appearance")
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[appearance])
    document = filing.documents.get()
    assert not document.has_electronic_copy
    assert document.rules_decision["electronic_copy_required"] is False
    assert document.rules_decision["status"] == "exempt"


def test_an_unfair_dismissal_matter_needs_no_electronic_copy(practitioner):
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="s84"))
    party = PartyFactory(matter=matter)
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit(path=None)])
    assert filing.documents.get().rules_decision["status"] == "exempt"


def test_an_unrepresented_party_needs_no_electronic_copy(practitioner):
    party = PartyFactory(representation="unrepresented")
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit(path=None)])
    assert filing.documents.get().rules_decision["electronic_copy_required"] is False


def test_a_3d_claim_lets_an_annexure_go_without_a_copy_but_not_a_principal(party, practitioner):
    claimed = _annexure(path=None, annexure_not_readily_available=True)
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit(), claimed])
    assert filing.documents.get(position=2).annexure_not_readily_available is True
    with pytest.raises(ValidationError) as error:
        filing_lodge(
            party=party,
            lodged_by=practitioner,
            documents=[_affidavit(annexure_not_readily_available=True)],
        )
    assert "document.exemption_3d_not_annexure" in _codes(error.value)


def test_a_file_over_the_per_file_limit_is_refused(party, practitioner, settings):
    settings.REGISTRY_MAX_FILE_BYTES = 5_000
    with pytest.raises(ValidationError) as error:
        filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    assert _codes(error.value) == ["upload.file_too_large"]


def test_files_over_the_per_filing_limit_are_refused(party, practitioner, settings):
    settings.REGISTRY_MAX_FILING_BYTES = 30_000
    with pytest.raises(ValidationError) as error:
        filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit(), _annexure()])
    assert _codes(error.value) == ["upload.filing_too_large"]
    assert Filing.objects.count() == 0


def test_the_stored_name_is_never_the_practitioners_name(party, practitioner, tmp_path):
    odd = tmp_path / "x.doc"
    shutil.copy(LODGMENT / "affidavit.doc", odd)
    submission = _affidavit(path=odd, original_filename="../../etc/passwd\x00.doc")
    document = filing_lodge(party=party, lodged_by=practitioner, documents=[submission])
    stored = document.documents.get()
    assert stored.original_filename == "passwd.doc"
    assert ".." not in stored.electronic_copy.name


def test_safe_original_name_strips_folders_and_control_characters():
    assert safe_original_name("C:\\Users\\me\\Affidavit.doc") == "Affidavit.doc"
    assert safe_original_name("a\tb<c>.rtf") == "abc.rtf"
    assert len(safe_original_name("x" * 400 + ".doc")) == 255


def test_accepting_records_the_clerk_and_time(party, practitioner):
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    clerk = UserFactory(username="clerk")
    accepted = filing_accept(filing=filing, reviewed_by=clerk, notes=" Checked. ")
    assert accepted.status == Filing.Status.ACCEPTED
    assert accepted.reviewed_by == clerk
    assert accepted.review_notes == "Checked."
    assert accepted.reviewed_at is not None


def test_a_filing_is_reviewed_once(party, practitioner):
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    clerk = UserFactory(username="clerk")
    filing_accept(filing=filing, reviewed_by=clerk)
    with pytest.raises(ValidationError) as error:
        filing_reject(filing=filing, reviewed_by=clerk, reasons=[RejectionSpec("text-differs")])
    assert _codes(error.value) == ["review.already_reviewed"]
    assert FilingRejection.objects.count() == 0


def test_rejecting_records_coded_reasons_per_document_and_the_correction_date(party, practitioner):
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    clerk = UserFactory(username="clerk")
    due = timezone.localdate() + datetime.timedelta(days=7)
    filing_reject(
        filing=filing,
        reviewed_by=clerk,
        reasons=[
            RejectionSpec("text-differs", 1, "Paragraph 2 differs."),
            RejectionSpec("label-incomplete"),
        ],
        correction_due_on=due,
    )
    filing.refresh_from_db()
    assert filing.status == Filing.Status.REJECTED
    assert filing.correction_due_on == due
    reasons = {(r.reason_id, r.document_id, r.note) for r in filing.rejections.all()}
    document = filing.documents.get()
    assert reasons == {
        ("text-differs", document.pk, "Paragraph 2 differs."),
        ("label-incomplete", None, ""),
    }


def test_a_rejection_needs_known_reasons_and_real_documents(party, practitioner):
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    clerk = UserFactory(username="clerk")
    with pytest.raises(ValidationError) as error:
        filing_reject(
            filing=filing,
            reviewed_by=clerk,
            reasons=[RejectionSpec("no-such-reason"), RejectionSpec("text-differs", 9)],
            correction_due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert _codes(error.value) == [
        "review.reason_unknown",
        "review.document_unknown",
        "review.correction_date_past",
    ]
    filing.refresh_from_db()
    assert filing.status == Filing.Status.LODGED
    with pytest.raises(ValidationError) as error:
        filing_reject(filing=filing, reviewed_by=clerk, reasons=[])
    assert _codes(error.value) == ["review.no_reason"]


def test_a_correction_follows_a_rejected_filing_of_the_same_party(party, practitioner):
    clerk = UserFactory(username="clerk")
    rejected = filing_lodge(party=party, lodged_by=practitioner, documents=[_affidavit()])
    filing_reject(filing=rejected, reviewed_by=clerk, reasons=[RejectionSpec("text-differs")])
    correction = filing_lodge(
        party=party, lodged_by=practitioner, documents=[_affidavit()], corrects=rejected
    )
    assert correction.corrects == rejected
    other = PartyFactory(matter=party.matter, name="Someone else")
    with pytest.raises(ValidationError) as error:
        filing_lodge(
            party=other, lodged_by=practitioner, documents=[_affidavit()], corrects=rejected
        )
    assert _codes(error.value) == ["filing.corrects_invalid"]


def test_lodging_costs_the_same_queries_for_two_documents_as_for_six(party, practitioner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(documents) -> int:
        with CaptureQueriesContext(connection) as captured:
            filing_lodge(party=party, lodged_by=practitioner, documents=documents)
        return len(captured)

    appearance = DocumentSubmission(kind=document_kind("Notice of Appearance"), title="Appearance")
    count([appearance])  # warms what is cached on the user (roles, profile) for the notice
    small = count([appearance] * 2)
    large = count([appearance] * 6)
    # Writing rows costs one insert per document; reading the rules must not grow with them.
    assert large - small == 4


def test_the_filing_wide_assessment_matches_the_single_document_one(party):
    from filings.selectors.obligations import (
        ProposedDocument,
        assess_document_for_party,
        assess_documents_for_party,
    )
    from practice_directions.selectors import load_rules

    rules = load_rules()
    today = datetime.date(2026, 6, 1)
    cases = [
        ("Affidavit", "principal", False),
        ("Notice of Appearance", "principal", False),
        ("Annexure or attachment", "annexure", True),
        ("Proposed orders", "principal", False),
    ]
    batched = assess_documents_for_party(
        party=party,
        documents=[ProposedDocument(k, r, c) for k, r, c in cases],
        filed_on=today,
        rules=rules,
    )
    single = [
        assess_document_for_party(
            party=party,
            document_kind=k,
            role=r,
            annexure_not_readily_available=c,
            filed_on=today,
            rules=rules,
        )
        for k, r, c in cases
    ]
    assert batched == single
    assert [d.status for d in batched] == ["required", "exempt", "exempt", "required"]
