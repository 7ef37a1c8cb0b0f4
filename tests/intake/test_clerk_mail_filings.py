"""What a clerk sees of a filing that came by e-mail (PD16 paras 9-10): sender, subject,
received time and each attachment's verdict, on the filing page and in the review-queue row
(at a constant number of queries); and the party to be confirmed, confirmed while reviewing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.models import Filing, Party
from intake.models import InboundMessage
from intake.services import mailbox_ingest
from tests.factories_lodgment import ClerkFactory
from tests.intake.conftest import CORPUS, corpus

pytestmark = pytest.mark.django_db

QUEUE = "clerk:review_queue"


@pytest.fixture
def clerk(client):
    user = ClerkFactory()
    client.force_login(user)
    return user


def with_a_pdf(tmp_path, name: str = "with_pdf") -> str:
    """An s.34 message with an acceptable agreement and a refused PDF schedule."""
    message = corpus.base(name, subject=corpus.s34_subject())
    corpus.attach(message, corpus.DOC, "Agreement.doc")
    corpus.attach(message, corpus.PDF, "Schedule.pdf", "application/pdf")
    path = tmp_path / f"{name}.eml"
    path.write_bytes(message.as_bytes())
    return str(path)


def filing_page(client, filing: Filing) -> str:
    url = reverse("clerk:filing", args=[filing.matter.number, filing.sequence])
    return client.get(url).content.decode()


def test_the_filing_page_shows_sender_subject_time_and_each_attachments_verdict(
    client, clerk, mail_matters, tmp_path
):
    [outcome] = mailbox_ingest(source=with_a_pdf(tmp_path))
    assert outcome.outcome == "filed"
    inbound = InboundMessage.objects.get()
    page = filing_page(client, inbound.filing)
    assert "Received by e-mail" in page
    assert corpus.PRACTITIONER in page
    assert f"subject “{corpus.s34_subject()}”" in page
    assert inbound.received_at.strftime("%Y") in page
    assert "Agreement.doc (DOC): acceptable, lodged" in page
    assert "Schedule.pdf (PDF): not acceptable, not lodged" in page
    assert "(PD16 para 4)" in page


def test_the_queue_row_of_an_email_filing_shows_the_message(client, clerk, mail_matters, tmp_path):
    mailbox_ingest(source=with_a_pdf(tmp_path))
    page = client.get(reverse(QUEUE)).content.decode()
    assert f"From {corpus.PRACTITIONER}" in page
    assert f"“{corpus.s34_subject()}”" in page
    assert "Agreement.doc: acceptable; Schedule.pdf: <strong>not acceptable</strong>" in page


def test_the_queue_with_email_filings_costs_the_same_queries_whatever_their_number(
    client, clerk, mail_matters, tmp_path
):
    mailbox_ingest(source=str(CORPUS / "s34_filed.eml"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse(QUEUE)).status_code == 200
    mailbox_ingest(
        source=[
            str(CORPUS / f"{name}.eml")
            for name in ("s324_filed", "submissions_filed", "with_image_annexure")
        ]
        + [with_a_pdf(tmp_path)]
    )
    with CaptureQueriesContext(connection) as five:
        response = client.get(reverse(QUEUE))
    assert len(response.context["rows"]) == 5
    assert len(five.captured_queries) == len(one.captured_queries)
    assert response.content.decode().count('class="queue-mail') == 5


def test_a_party_to_be_confirmed_is_shown_and_confirmed_while_reviewing(
    client, clerk, mail_matters
):
    mailbox_ingest(source=str(CORPUS / "party_to_confirm.eml"))
    inbound = InboundMessage.objects.get()
    assert not Filing.objects.exists()  # no filing without its party
    queue = client.get(reverse("intake:mail_queue")).content.decode()
    assert "Party to be confirmed" in queue
    url = reverse("intake:mail_detail", args=[inbound.pk])
    page = client.get(url).content.decode()
    assert "Party to be confirmed" in page
    assert f"{corpus.STRANGER} is not recorded as acting for a party in IRC2026/0101" in page
    assert "Applicant in IRC2026/0101" in page  # the matter's parties, ready to choose
    assert "Confirm the party and lodge" in page
    party = Party.objects.get(name="Respondent in IRC2026/0101")
    response = client.post(url, {"action": "assign", "matter": "IRC2026/0101", "party": party.pk})
    filing = Filing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "clerk:filing", args=[filing.matter.number, filing.sequence]
    )
    assert (filing.party, filing.channel) == (party, Filing.Channel.EMAIL)
    assert corpus.STRANGER in filing_page(client, filing)
