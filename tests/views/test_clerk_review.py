"""The review queue (oldest first, with the stored verdicts), accepting and rejecting with coded
reasons tied to documents, the filings list with its filters, and downloading any document."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from filings.models import Filing, FilingRejection
from practice_directions.models import ProceedingType
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    lodge,
    represent,
    tiff_annexure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client):
    user = ClerkFactory()
    client.force_login(user)
    return user


@pytest.fixture
def lodged():
    """A practitioner's filing: an affidavit (DOC) and a TIFF annexure claiming para 3(d)."""
    practitioner = PractitionerFactory()
    matter = MatterFactory()
    party = PartyFactory(matter=matter)
    represent(practitioner, party)
    claim = tiff_annexure(path=None, original_filename="", annexure_not_readily_available=True)
    return lodge(party, practitioner, affidavit(), claim)


def lodge_at(moment: datetime.datetime) -> Filing:
    practitioner = PractitionerFactory()
    party = PartyFactory()
    represent(practitioner, party)
    filing = lodge(party, practitioner, affidavit())
    Filing.objects.filter(pk=filing.pk).update(lodged_at=moment)
    return filing


def filing_url(name: str, filing: Filing) -> str:
    return reverse(name, args=[filing.matter.number, filing.sequence])


def test_the_queue_lists_lodged_filings_oldest_first(client, clerk):
    now = timezone.now()
    newer = lodge_at(now - datetime.timedelta(days=1))
    older = lodge_at(now - datetime.timedelta(days=3))
    reviewed = lodge_at(now - datetime.timedelta(days=5))
    Filing.objects.filter(pk=reviewed.pk).update(status="accepted", reviewed_at=now)
    response = client.get(reverse("clerk:review_queue"))
    assert list(response.context["page"].object_list) == [older, newer]


def test_the_queue_shows_one_compact_row_per_filing(client, clerk, lodged):
    response = client.get(reverse("clerk:review_queue"))
    html = response.content.decode()
    row = response.context["rows"][0]
    assert row.filing == lodged
    assert row.kinds == ("Affidavit",) or "Affidavit" in row.kinds
    # Detail stays on the filing page: the document titles are not repeated in the queue.
    assert lodged.reference in html and "Affidavit of J Smith" not in html


def test_a_clerk_accepts_a_filing(client, clerk, lodged):
    response = client.post(filing_url("clerk:filing_accept", lodged), {"accept-notes": "In order."})
    assert response.status_code == 302
    # Nothing else is waiting, so the clerk goes back to the queue.
    assert response["Location"] == reverse("clerk:review_queue")
    lodged.refresh_from_db()
    assert (lodged.status, lodged.reviewed_by, lodged.review_notes) == (
        "accepted",
        clerk,
        "In order.",
    )
    again = client.post(filing_url("clerk:filing_accept", lodged))
    assert again.status_code == 400
    codes = [e.code for e in again.context["accept_form"].non_field_errors().as_data()]
    assert codes == ["review.already_reviewed"]
    assert 'id="error-summary"' in again.content.decode()
    assert 'id="accept-form"' not in again.content.decode()


def test_a_clerk_rejects_with_coded_reasons_tied_to_documents(client, clerk, lodged):
    due = timezone.localdate() + datetime.timedelta(days=14)
    response = client.post(
        filing_url("clerk:filing_reject", lodged),
        {
            "reject-reasons_filing": ["label-incomplete"],
            "reject-note_filing": "The label lacks the matter number.",
            "reject-reasons_doc_2": ["exemption-not-made-out", "file-names-unclear"],
            "reject-note_doc_2": "The annexure is a typed letter.",
            "reject-correction_due_on": due.isoformat(),
            "reject-notes": "Please lodge a corrected filing.",
        },
    )
    assert response.status_code == 302
    lodged.refresh_from_db()
    assert (lodged.status, lodged.correction_due_on) == ("rejected", due)
    rows = {
        (r.reason_id, r.document.position if r.document else None, r.note)
        for r in FilingRejection.objects.filter(filing=lodged)
    }
    assert rows == {
        ("label-incomplete", None, "The label lacks the matter number."),
        ("exemption-not-made-out", 2, "The annexure is a typed letter."),
        ("file-names-unclear", 2, "The annexure is a typed letter."),
    }
    html = client.get(filing_url("clerk:filing", lodged)).content.decode()
    assert "The exemption claimed does not apply to this document." in html
    assert "Document 2 (Annexure A letter of 3 March 2026)" in html


def test_rejecting_needs_a_reason_and_a_future_date(client, clerk, lodged):
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        filing_url("clerk:filing_reject", lodged),
        {"reject-reasons_doc_1": ["no-such-reason"], "reject-correction_due_on": past},
    )
    assert response.status_code == 400
    form = response.context["reject_form"]
    assert form.errors.as_data()["reasons_doc_1"][0].code == "invalid_choice"
    response = client.post(
        filing_url("clerk:filing_reject", lodged), {"reject-correction_due_on": past}
    )
    assert response.status_code == 400
    codes = {e.code for e in response.context["reject_form"].non_field_errors().as_data()}
    assert codes == {"review.no_reason", "review.correction_date_past"}
    lodged.refresh_from_db()
    assert lodged.status == "lodged"
    assert not FilingRejection.objects.exists()


def test_the_reject_form_offers_every_reason_for_every_document(client, clerk, lodged):
    html = client.get(filing_url("clerk:filing", lodged)).content.decode()
    for group in ("filing", "doc_1", "doc_2"):
        assert f'id="id_reject-reasons_{group}_0"' in html
        assert f'<label for="id_reject-note_{group}">' in html
    assert "PDF is not an acceptable format. (PD16 para 4)" in html


def test_a_clerk_downloads_any_document_as_an_attachment(client, clerk, lodged):
    response = client.get(reverse("clerk:document_download", args=[lodged.matter.number, 1, 1]))
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content) == (LODGMENT_FIXTURES / "affidavit.doc").read_bytes()
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert lodged.matter.number.replace("/", "-") in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_changed_stored_copy_is_not_served(client, clerk, lodged):
    document = lodged.documents.get(position=1)
    with document.electronic_copy.open("r+b") as handle:
        handle.write(b"XX")
    url = reverse("clerk:document_download", args=[lodged.matter.number, 1, 1])
    assert client.get(url).status_code == 409


def test_filings_are_filtered_by_status_date_and_proceeding(client, clerk):
    now = timezone.now()
    old = lodge_at(now - datetime.timedelta(days=10))
    recent = lodge_at(now - datetime.timedelta(days=1))
    Filing.objects.filter(pk=old.pk).update(status="rejected", reviewed_at=now)
    s106 = MatterFactory(proceeding=ProceedingType.objects.get(code="s106"))
    s106_filing = lodge(PartyFactory(matter=s106), PractitionerFactory(), affidavit())
    url = reverse("clerk:filings")

    def listed(**params):
        return set(client.get(url, params).context["page"].object_list)

    assert listed() == {old, recent, s106_filing}
    assert listed(status="rejected") == {old}
    since = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    assert listed(lodged_from=since) == {recent, s106_filing}
    until = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    assert listed(lodged_to=until) == {old}
    assert listed(proceeding="s106") == {s106_filing}


def test_a_reversed_date_range_is_reported(client, clerk):
    response = client.get(
        reverse("clerk:filings"), {"lodged_from": "2026-05-10", "lodged_to": "2026-05-01"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["lodged_to"][0].code == (
        "filter.dates_reversed"
    )


@pytest.mark.parametrize("url_name", ["clerk:review_queue", "clerk:filings"])
def test_list_pages_cost_the_same_queries_whatever_the_rows(
    client, clerk, url_name, django_assert_num_queries
):
    practitioner = PractitionerFactory()
    party = PartyFactory()
    represent(practitioner, party)
    lodge(party, practitioner, affidavit(), tiff_annexure())
    url = reverse(url_name)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(6):
        other = PartyFactory()
        lodge(other, practitioner, affidavit(), tiff_annexure())
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 7


def test_the_filing_page_costs_the_same_queries_whatever_its_documents(
    client, clerk, django_assert_num_queries
):
    practitioner = PractitionerFactory()
    party = PartyFactory()
    small = lodge(party, practitioner, affidavit())
    large = lodge(party, practitioner, affidavit(), tiff_annexure(), tiff_annexure())
    with CaptureQueriesContext(connection) as captured:
        first = client.get(filing_url("clerk:filing", small))
    # A 404 would cost the same queries both times: the page itself must be there.
    assert first.status_code == 200
    assert first.context["filing"] == small
    with django_assert_num_queries(len(captured.captured_queries)):
        response = client.get(filing_url("clerk:filing", large))
    assert response.status_code == 200
    assert response.context["filing"] == large
    assert len(response.context["verdicts"]) == 3
