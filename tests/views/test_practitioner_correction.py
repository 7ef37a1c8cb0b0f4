"""A correction starts from the rejected filing (kinds, titles, roles filled in) and may carry
over a copy the registry gave no reason about; the Notice of Lodgment says so, with the original
SHA-256. The web form asks about paper copies and records the para 5 declaration."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from filings.models import Document, Filing
from filings.selectors.access import matter_slug
from filings.services.carry_over import carry_over_candidates, carry_over_submission
from filings.services.lodgment import filing_lodge
from filings.services.review import RejectionSpec, filing_reject
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    error_codes,
    lodge,
    lodgment_post,
    matter_for,
    tiff_annexure,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner():
    return PractitionerFactory()


@pytest.fixture
def rejected(practitioner):
    """An affidavit and its annexure; the registry rejected the filing for the annexure."""
    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner, affidavit(), tiff_annexure())
    return filing_reject(
        filing=filing,
        reviewed_by=ClerkFactory(),
        reasons=[RejectionSpec(reason_code="file-names-unclear", document_position=2)],
    )


def correct_url(filing: Filing) -> str:
    return reverse(
        "practitioner:correct", args=[matter_slug(filing.matter.number), filing.sequence]
    )


def test_only_copies_no_reason_names_may_be_carried_over(rejected):
    candidates = carry_over_candidates(rejected=rejected)
    assert [d.position for d in candidates] == [1]
    annexure = rejected.documents.get(position=2)
    with pytest.raises(ValidationError) as caught:
        carry_over_submission(
            document=annexure, rejected=rejected, kind=annexure.kind, title="x", role="annexure"
        )
    assert caught.value.code == "carry_over.not_allowed"


def test_the_correction_form_starts_from_the_rejected_filing(client, practitioner, rejected):
    client.force_login(practitioner)
    response = client.get(correct_url(rejected))
    forms = response.context["formset"].forms
    assert [f.initial.get("title") for f in forms[:2]] == [
        "Affidavit of J Smith",
        "Annexure A letter of 3 March 2026",
    ]
    assert [f.initial.get("role") for f in forms[:2]] == ["principal", "annexure"]
    affidavit_doc = rejected.documents.get(position=1)
    assert forms[0].initial["carry_over_from"] == affidavit_doc.pk
    assert forms[1].initial["carry_over_from"] is None
    assert "Or carry over the copy lodged with the rejected filing" in response.content.decode()


def test_a_carried_over_copy_is_lodged_with_its_original_hash_and_the_notice_says_so(
    client, practitioner, rejected
):
    client.force_login(practitioner)
    original = rejected.documents.get(position=1)
    data = lodgment_post(
        rejected.party,
        {
            "kind": original.kind_id,
            "title": original.title,
            "role": "principal",
            "carry_over_from": original.pk,
            "paper_copy_lodged": "no",
        },
        {
            "kind": rejected.documents.get(position=2).kind_id,
            "title": "Annexure A letter of 3 March 2026",
            "role": "annexure",
            "electronic_copy": upload("annexure-a.tif"),
        },
    )
    response = client.post(correct_url(rejected), data)
    assert response.status_code == 302, error_codes(response)
    correction = Filing.objects.get(corrects=rejected)
    carried = correction.documents.get(position=1)
    assert carried.carried_over_from == original
    assert (carried.sha256, carried.original_filename) == (
        original.sha256,
        original.original_filename,
    )
    assert carried.paper_copy_lodged is False
    assert correction.same_text_declared is True
    slug = matter_slug(correction.matter.number)
    notice = client.get(reverse("practitioner:notice", args=[slug, correction.sequence]))
    html = notice.content.decode()
    assert (
        f"Carried over from {rejected.reference} document 01, original SHA-256 {original.sha256}"
        in html
    )
    assert "paper copy not lodged" in html
    assert "contains the same text as its paper copy (PD16 para 5)" in html
    text = client.get(reverse("practitioner:notice_text", args=[slug, correction.sequence]))
    body = b"".join(text.streaming_content if text.streaming else [text.content]).decode()
    assert f"Carried over: from {rejected.reference} document 01, original SHA-256" in body
    assert "Paper copy:   not lodged" in body


def test_a_copy_named_by_a_reason_cannot_be_carried_over_by_a_forged_post(
    client, practitioner, rejected
):
    client.force_login(practitioner)
    annexure = rejected.documents.get(position=2)
    data = lodgment_post(
        rejected.party,
        {
            "kind": annexure.kind_id,
            "title": "Affidavit",
            "role": "principal",
            "carry_over_from": annexure.pk,
        },
    )
    response = client.post(correct_url(rejected), data)
    assert response.status_code == 400
    assert not Filing.objects.filter(corrects=rejected).exists()


def test_the_service_refuses_a_carry_over_from_another_filing(practitioner, rejected):
    _, party = matter_for(practitioner)
    other = lodge(party, practitioner, affidavit())
    source = other.documents.get(position=1)
    submission = affidavit(
        path=source.electronic_copy.path,
        original_filename=source.original_filename,
        carried_over_from=source,
    )
    with pytest.raises(ValidationError) as caught:
        filing_lodge(
            party=rejected.party, lodged_by=practitioner, documents=[submission], corrects=rejected
        )
    assert [e.code for e in caught.value.error_list] == ["carry_over.not_allowed"]


def test_the_service_refuses_to_carry_over_a_copy_a_reason_names(practitioner, rejected):
    annexure = rejected.documents.get(position=2)
    submission = tiff_annexure(
        path=annexure.electronic_copy.path,
        original_filename=annexure.original_filename,
        carried_over_from=annexure,
        annexed_to=None,
        role="principal",
    )
    with pytest.raises(ValidationError) as caught:
        filing_lodge(
            party=rejected.party, lodged_by=practitioner, documents=[submission], corrects=rejected
        )
    assert "carry_over.not_allowed" in [e.code for e in caught.value.error_list]


def test_the_paper_copy_question_must_be_answered_and_the_declaration_made(client, practitioner):
    _, party = matter_for(practitioner)
    client.force_login(practitioner)
    data = lodgment_post(
        party,
        {
            "kind": affidavit().kind.pk,
            "title": "Affidavit of J Smith",
            "role": "principal",
            "electronic_copy": upload("affidavit.doc"),
            "paper_copy_lodged": "",
        },
    )
    data.pop("same_text")
    url = reverse("practitioner:lodge", args=[matter_slug(party.matter.number)])
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say whether a paper copy of this document is lodged." in html
    assert "Declare that each electronic copy contains the same text" in html
    assert not Document.objects.exists()


def test_counter_lodgments_record_no_declaration_on_the_notice(practitioner):
    from filings import packaging

    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner, affidavit())
    assert filing.same_text_declared is None
    assert "No declaration under PD16 para 5" in packaging.declaration_text(filing)
