"""Lodgments a clerk records: the files of a diskette or CD-ROM handed in at the counter, and an
e-mail's attachments with its transmission report (PD16 paras 4, 9 and 10)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from filings.models import Filing
from practice_directions.models import DocumentKind, ProceedingType
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import LODGMENT_FIXTURES, ClerkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client):
    user = ClerkFactory()
    client.force_login(user)
    return user


def upload(name: str, as_name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(as_name or name, (LODGMENT_FIXTURES / name).read_bytes())


def kind(name: str) -> int:
    return DocumentKind.objects.get(name=name).pk


def rows(*documents: dict) -> dict:
    data = {
        "documents-TOTAL_FORMS": str(max(3, len(documents))),
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "30",
    }
    for index in range(max(3, len(documents))):
        # An untouched row still carries the ticked "paper copy" box it was given.
        data[f"documents-{index}-paper_copy_lodged"] = "on"
        data[f"documents-{index}-role"] = "principal"
    for index, document in enumerate(documents):
        data.update({f"documents-{index}-{key}": value for key, value in document.items()})
    return data


def doc_and_tiff() -> dict:
    return rows(
        {
            "kind": kind("Affidavit"),
            "title": "Affidavit of J Smith",
            "electronic_copy": upload("affidavit.doc"),
        },
        {
            "kind": kind("Annexure or attachment"),
            "title": "Annexure A",
            "role": "annexure",
            "annexed_to": "1",
            "electronic_copy": upload("annexure-a.tif"),
        },
    )


def test_a_counter_lodgment_is_recorded_for_the_party(client, clerk):
    party = PartyFactory()
    response = client.post(
        reverse("clerk:counter_lodgment", args=[party.matter.number]),
        {"party": party.pk, "channel": "cd-rom", **doc_and_tiff()},
    )
    filing = Filing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("clerk:filing", args=[party.matter.number, 1])
    assert (filing.party, filing.channel, filing.lodged_by, filing.status) == (
        party,
        "cd-rom",
        clerk,
        "lodged",
    )
    documents = list(filing.documents.order_by("position"))
    assert [(d.detected_format, d.role) for d in documents] == [
        ("DOC", "principal"),
        ("TIFF", "annexure"),
    ]
    assert documents[1].annexed_to == documents[0]
    assert documents[0].sha256 and documents[0].original_filename == "affidavit.doc"
    assert filing in client.get(reverse("clerk:review_queue")).context["page"].object_list


def test_a_pdf_is_refused_and_nothing_is_lodged(client, clerk):
    party = PartyFactory()
    response = client.post(
        reverse("clerk:counter_lodgment", args=[party.matter.number]),
        {
            "party": party.pk,
            "channel": "diskette",
            **rows(
                {
                    "kind": kind("Affidavit"),
                    "title": "Affidavit",
                    "electronic_copy": upload("affidavit.pdf", "affidavit.doc"),
                }
            ),
        },
    )
    assert response.status_code == 400
    assert "format.pdf_not_acceptable" in response.context["form"].error_codes()
    assert "PDF" in response.content.decode()
    assert Filing.objects.count() == 0


def test_a_file_over_the_limit_is_refused_on_its_row(client, clerk, settings):
    settings.REGISTRY_MAX_FILE_BYTES = 2048
    party = PartyFactory()
    response = client.post(
        reverse("clerk:counter_lodgment", args=[party.matter.number]),
        {"party": party.pk, "channel": "diskette", **doc_and_tiff()},
    )
    assert response.status_code == 400
    row = response.context["rows"].forms[0]
    assert [e.code for e in row.errors.as_data()["electronic_copy"]] == ["upload.file_too_large"]
    assert 'href="#id_documents-0-electronic_copy"' in response.content.decode()
    assert Filing.objects.count() == 0


def test_files_over_the_filing_limit_are_refused(client, clerk, settings):
    settings.REGISTRY_MAX_FILING_BYTES = 20 * 1024
    party = PartyFactory()
    response = client.post(
        reverse("clerk:counter_lodgment", args=[party.matter.number]),
        {"party": party.pk, "channel": "diskette", **doc_and_tiff()},
    )
    assert response.status_code == 400
    assert "upload.filing_too_large" in response.context["form"].error_codes()
    assert Filing.objects.count() == 0


def test_a_lodgment_needs_a_document_and_a_medium(client, clerk):
    party = PartyFactory()
    url = reverse("clerk:counter_lodgment", args=[party.matter.number])
    response = client.post(url, {"party": party.pk, "channel": "diskette", **rows()})
    assert "filing.empty" in response.context["form"].error_codes()
    response = client.post(url, {"party": party.pk, "channel": "floppy", **doc_and_tiff()})
    assert response.context["form"].errors.as_data()["channel"][0].code == "invalid_choice"
    assert Filing.objects.count() == 0


def test_an_annexure_must_point_at_a_document_in_the_list(client, clerk):
    party = PartyFactory()
    data = doc_and_tiff()
    data["documents-1-annexed_to"] = "3"
    response = client.post(
        reverse("clerk:counter_lodgment", args=[party.matter.number]),
        {"party": party.pk, "channel": "diskette", **data},
    )
    row = response.context["rows"].forms[1]
    assert row.errors.as_data()["annexed_to"][0].code == "document.annexed_to_invalid"
    assert Filing.objects.count() == 0


def test_a_party_of_another_matter_cannot_be_chosen(client, clerk):
    matter, stranger = MatterFactory(), PartyFactory()
    response = client.post(
        reverse("clerk:counter_lodgment", args=[matter.number]),
        {"party": stranger.pk, "channel": "diskette", **doc_and_tiff()},
    )
    assert response.context["form"].errors.as_data()["party"][0].code == "invalid_choice"
    assert Filing.objects.count() == 0


# --- E-mail (paras 9 and 10) ---


@pytest.fixture
def rule32_party():
    matter = MatterFactory(
        proceeding=ProceedingType.objects.get(code="rule32"),
        title="Clerical and Administrative Employees (State) Award",
    )
    return PartyFactory(matter=matter, name="Australian Services Union of NSW")


def email_data(party, **overrides) -> dict:
    sent_at = timezone.localtime() - datetime.timedelta(hours=1)
    data = {
        "party": party.pk,
        "email_subject": f"{party.matter.title} {party.matter.number}",
        "sent_at": sent_at.strftime("%Y-%m-%dT%H:%M"),
        "sent_to": "irc_electronic_services@agd.nsw.gov.au",
        **rows(
            {
                "kind": kind("Award or award variation"),
                "title": "Clerical Award",
                "electronic_copy": upload("affidavit.doc", "clerical-award.doc"),
            }
        ),
    }
    data.update(overrides)
    return data


def test_an_email_lodgment_is_recorded_with_its_transmission_report(client, clerk, rule32_party):
    url = reverse("clerk:email_lodgment", args=[rule32_party.matter.number])
    page = client.get(url)
    assert page.context["form"].initial["sent_to"] == "irc_electronic_services@agd.nsw.gov.au"
    response = client.post(url, email_data(rule32_party))
    assert response.status_code == 302
    filing = Filing.objects.get()
    assert filing.channel == "email"
    assert filing.transmission_report_sent_to == "irc_electronic_services@agd.nsw.gov.au"
    assert filing.transmission_report_sent_at is not None
    html = client.get(response["Location"]).content.decode()
    assert "Transmission report (para 9)" in html


def test_a_subject_without_the_file_number_is_shown_with_its_paragraph(client, clerk, rule32_party):
    url = reverse("clerk:email_lodgment", args=[rule32_party.matter.number])
    response = client.post(url, email_data(rule32_party, email_subject=rule32_party.matter.title))
    assert response.status_code == 400
    codes = [e.code for e in response.context["form"].errors.as_data()["email_subject"]]
    assert codes == ["subject.file_number_missing"]
    assert "PD16 para 10" in response.content.decode()
    assert Filing.objects.count() == 0
    acknowledged = client.post(
        url,
        email_data(
            rule32_party, email_subject=rule32_party.matter.title, problems_acknowledged="on"
        ),
    )
    assert acknowledged.status_code == 302
    assert Filing.objects.get().email_subject == rule32_party.matter.title


def test_the_live_subject_check_returns_the_problems(client, clerk, rule32_party):
    url = reverse("clerk:email_subject_check", args=[rule32_party.matter.number])
    bare_number = rule32_party.matter.number.removeprefix("IRC")  # 2026/9000: no IRC prefix
    bad = client.get(url, {"subject": f"Award {bare_number}", "sent_to": "x@example.com"})
    html = bad.content.decode()
    assert 'data-code="subject.file_number_malformed"' in html
    assert 'data-code="subject.matter_title_missing"' in html
    assert 'data-code="email.address_differs"' in html
    good = client.get(url, {"subject": f"{rule32_party.matter.title} {rule32_party.matter.number}"})
    assert "data-code" not in good.content.decode()
    assert "carries what PD16 para 10 requires" in good.content.decode()


def test_email_lodgment_is_not_offered_where_para_9_does_not_apply(client, clerk):
    party = PartyFactory()
    url = reverse("clerk:email_lodgment", args=[party.matter.number])
    page = client.get(url).content.decode()
    assert 'id="email-not-open"' in page
    assert 'id="lodgment-form"' not in page
    response = client.post(url, email_data(party, problems_acknowledged="on"))
    assert "email.not_available" in response.context["form"].error_codes()
    assert Filing.objects.count() == 0


def test_every_lodgment_field_has_a_label(client, clerk, rule32_party):
    for name in ("clerk:counter_lodgment", "clerk:email_lodgment"):
        page = client.get(reverse(name, args=[rule32_party.matter.number]))
        html = page.content.decode()
        for form in [page.context["form"], *page.context["rows"].forms]:
            for field in form:
                label = f'for="{field.id_for_label}"' if field.id_for_label else None
                if label:
                    assert label in html, (name, field.name)
                else:  # radio groups: a legend, and a label on each option
                    assert f'for="{field.auto_id}_0"' in html, (name, field.name)
