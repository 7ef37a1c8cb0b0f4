"""The unmatched-mail queue and the counter disc page, through the test client."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from filings.models import Filing, Party
from intake.models import InboundMessage
from intake.services import mailbox_ingest
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory
from tests.intake import discs
from tests.intake.conftest import CORPUS
from tests.notices.worker import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client):
    user = ClerkFactory()
    client.force_login(user)
    return user


def test_practitioners_cannot_see_the_mail_queue(client, db):
    client.force_login(PractitionerFactory())
    assert client.get(reverse("intake:mail_queue")).status_code in {403, 404}
    assert client.get(reverse("intake:counter_disc")).status_code in {403, 404}


def test_the_queue_lists_unmatched_mail_oldest_first(client, clerk, mail_matters):
    mailbox_ingest(source=[str(CORPUS / "no_matter.eml"), str(CORPUS / "s34_filed.eml")])
    page = client.get(reverse("intake:mail_queue")).content.decode()
    assert "Our documents" in page
    assert "Acme Widgets" not in page  # filed, so not waiting
    everything = client.get(reverse("intake:mail_queue") + "?show=all").content.decode()
    assert "Acme Widgets" in everything


def test_the_queue_takes_a_constant_number_of_queries(
    client, clerk, mail_matters, django_assert_max_num_queries
):
    mailbox_ingest(source=str(CORPUS / "no_matter.eml"))
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("intake:mail_queue"))
    for name in ("pdf_only", "disguised_pdf", "unknown_address", "party_to_confirm"):
        mailbox_ingest(source=str(CORPUS / f"{name}.eml"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("intake:mail_queue"))


def test_a_clerk_confirms_the_party_which_lodges_the_filing(
    client, clerk, mail_matters, django_capture_on_commit_callbacks, smtp
):
    mailbox_ingest(source=str(CORPUS / "party_to_confirm.eml"))
    inbound = InboundMessage.objects.get()
    assert inbound.status == InboundMessage.Status.PARTY_TO_CONFIRM
    url = reverse("intake:mail_detail", args=[inbound.pk])
    page = client.get(url).content.decode()
    assert "Agreement.doc" in page and "Acceptable" in page
    party = Party.objects.get(name="Applicant in IRC2026/0101")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "assign", "matter": "IRC2026/0101", "party": party.pk}
        )
    assert response.status_code == 302
    filing = Filing.objects.get()
    assert (filing.party, filing.channel, filing.lodged_by) == (party, "email", clerk)
    inbound.refresh_from_db()
    assert inbound.status == InboundMessage.Status.FILED and inbound.filing == filing
    run_worker()
    # To the sender: on arrival (awaiting a clerk), then once the clerk lodged it.
    arrival, lodged = (r.message.get_body(("plain",)).get_content() for r in smtp.received)
    assert filing.reference not in arrival
    assert filing.reference in lodged
    # Once decided it is out of the queue: a second assignment is refused.
    again = client.post(url, {"action": "assign", "matter": "IRC2026/0101", "party": party.pk})
    assert again.status_code == 400
    assert Filing.objects.count() == 1


def test_a_clerk_assigns_unmatched_mail_to_a_matter(client, clerk, mail_matters):
    mailbox_ingest(source=str(CORPUS / "no_matter.eml"))
    inbound = InboundMessage.objects.get()
    url = reverse("intake:mail_detail", args=[inbound.pk])
    page = client.get(url + "?matter=IRC2026/0101").content.decode()
    assert "Applicant in IRC2026/0101" in page
    party = Party.objects.get(name="Respondent in IRC2026/0101")
    client.post(url, {"action": "assign", "matter": "IRC2026/0101", "party": party.pk})
    assert Filing.objects.get().party == party


def test_assigning_mail_without_an_acceptable_attachment_is_refused(client, clerk, mail_matters):
    mailbox_ingest(source=str(CORPUS / "pdf_only.eml"))
    inbound = InboundMessage.objects.get()
    party = Party.objects.get(name="Applicant in IRC2026/0101")
    response = client.post(
        reverse("intake:mail_detail", args=[inbound.pk]),
        {"action": "assign", "matter": "IRC2026/0101", "party": party.pk},
    )
    assert response.status_code == 400
    assert "no attachment the registry can accept" in response.content.decode()
    assert not Filing.objects.exists()


def test_a_clerk_rejects_mail_with_a_reason_the_sender_is_told(
    client, clerk, mail_matters, django_capture_on_commit_callbacks, smtp
):
    mailbox_ingest(source=str(CORPUS / "no_matter.eml"))
    inbound = InboundMessage.objects.get()
    url = reverse("intake:mail_detail", args=[inbound.pk])
    assert client.post(url, {"action": "reject", "reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "reject", "reason": "Not for this registry."})
    assert response.status_code == 302
    inbound.refresh_from_db()
    assert (inbound.status, inbound.decided_by) == ("rejected", clerk)
    run_worker()
    [ack] = [r for r in smtp.received if "Not for this registry." in r.message.as_string()]
    assert ack.rcpt_tos == [inbound.sender]


@pytest.fixture
def matter():
    m = MatterFactory(number="IRC2026/0002", year=2026, sequence=2)
    PartyFactory(matter=m, name="Hamid Karimi", role=Party.Role.APPLICANT)
    return m


def upload(client, data: bytes, name: str, **fields):
    return client.post(
        reverse("intake:counter_disc"),
        {
            "action": "upload",
            "disc": SimpleUploadedFile(name, data),
            "party": "Hamid Karimi",
            "channel": "cd-rom",
            **fields,
        },
    )


def test_the_counter_page_checks_then_lodges_a_disc(client, clerk, matter, tmp_path):
    path = discs.as_iso(discs.good_files(matter.number), tmp_path / "d.iso")
    page = upload(client, path.read_bytes(), "d.iso")
    text = page.content.decode()
    assert "IRC2026-0002_01_Affidavit-of-H-Karimi.doc" in text and "ready to lodge" in text
    token = page.context["lodge"]["token"].value()
    response = client.post(
        reverse("intake:counter_disc"),
        {
            "action": "lodge",
            "token": token,
            "party": "Hamid Karimi",
            "matter": "",
            "channel": "cd-rom",
        },
    )
    assert response.status_code == 302
    filing = Filing.objects.get()
    assert (filing.channel, filing.lodged_by, filing.documents.count()) == ("cd-rom", clerk, 2)


def test_the_clerk_gives_kinds_and_titles_the_naming_does_not(client, clerk, matter, tmp_path):
    path = discs.as_zip({"scan.doc": discs.DOC}, tmp_path / "d.zip")
    page = upload(client, path.read_bytes(), "d.zip", matter="IRC2026/0002")
    assert "The disc was unlabelled" in page.content.decode()
    token = page.context["lodge"]["token"].value()
    from practice_directions.models import DocumentKind

    kind = DocumentKind.objects.get(name="Affidavit")
    fields = {
        "action": "lodge",
        "token": token,
        "party": "Hamid Karimi",
        "matter": "IRC2026/0002",
        "channel": "diskette",
    }
    assert client.post(reverse("intake:counter_disc"), fields).status_code == 200
    assert not Filing.objects.exists()
    response = client.post(
        reverse("intake:counter_disc"),
        {**fields, "kind_0": kind.pk, "title_0": "Affidavit of H Karimi"},
    )
    assert response.status_code == 302
    document = Filing.objects.get().documents.get()
    assert (document.kind, document.title) == (kind, "Affidavit of H Karimi")


def test_a_hostile_disc_upload_is_refused_on_the_page(client, clerk, matter, tmp_path):
    path = discs.as_zip({"../../evil.doc": discs.DOC}, tmp_path / "d.zip")
    page = upload(client, path.read_bytes(), "d.zip", matter="IRC2026/0002")
    text = page.content.decode()
    assert "points outside the disc" in text and "cannot be lodged" in text
    assert "Lodge the disc" not in text


def test_the_filing_page_shows_the_sender_and_the_received_message(client, clerk, mail_matters):
    mailbox_ingest(source=str(CORPUS / "s34_filed.eml"))
    inbound = InboundMessage.objects.get()
    filing = inbound.filing
    page = client.get(
        reverse(
            "clerk:filing", kwargs={"matter": filing.matter.number, "sequence": filing.sequence}
        )
    ).content.decode()
    assert "Received by e-mail" in page and "alice@firm.example" in page
    assert reverse("intake:mail_detail", args=[inbound.pk]) in page
    detail = client.get(reverse("intake:mail_detail", args=[inbound.pk])).content.decode()
    assert "Acme Widgets Enterprise Agreement 2026.doc" in detail and "Acceptable" in detail
