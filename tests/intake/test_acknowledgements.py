"""The sender's acknowledgement (PD16 paras 9-10): written to the outbox in the transaction that
records the message, sent by the notices worker to a real SMTP server (aiosmtpd), once; never
to automatic mail, bounces, list mail or the registry's own addresses (RFC 3834)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from filings.models import Filing
from intake.models import InboundMessage
from intake.services import inbound_message_reject, mailbox_ingest
from notices.models import Notice
from notices.selectors import notices_needing_a_clerk
from tests.factories_lodgment import ClerkFactory
from tests.intake.conftest import CORPUS, corpus
from tests.notices.worker import run_worker
from tests.smtp_server import PERMANENT_FAILURE

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """Ingest corpus messages as the command does (each committed), then let the worker send."""

    def run(*names: str, source: str | None = None):
        sources = [source] if source else [str(CORPUS / f"{name}.eml") for name in names]
        with django_capture_on_commit_callbacks(execute=True):
            outcomes = mailbox_ingest(source=sources)
        run_worker()
        return outcomes

    return run


def test_the_sender_is_told_the_filing_it_became(smtp, ingest, mail_matters):
    [outcome] = ingest("s34_filed")
    [received] = smtp.received
    assert received.rcpt_tos == [corpus.PRACTITIONER]
    message = received.message
    assert message["Subject"] == f"Received: {corpus.s34_subject()}"
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["In-Reply-To"] == "<s34_filed@firm.example>"
    assert message["References"] == "<s34_filed@firm.example>"
    body = message.get_body(("plain",)).get_content()
    assert f"It has been lodged as filing {outcome.filing}" in body
    [attachment] = outcome.attachments
    assert f"- {attachment['filename']} (DOC): accepted for review" in body
    notice = Notice.objects.get()
    assert (notice.kind, notice.state, notice.filing.reference) == (
        Notice.Kind.MAIL_ACKNOWLEDGED,
        Notice.State.SENT,
        outcome.filing,
    )
    assert notice.matter == Filing.objects.get().matter


def test_each_problem_is_listed_with_what_to_fix_and_its_paragraph(smtp, ingest, mail_matters):
    ingest("pdf_only")
    [received] = smtp.received
    body = received.message.get_body(("plain",)).get_content()
    assert "could not be lodged as it stands" in body
    assert "- Agreement.pdf (PDF): not acceptable" in body
    assert "What to fix:" in body
    assert "(PD16 para 4)" in body


def test_mail_that_matched_no_matter_is_still_acknowledged(smtp, ingest, mail_matters):
    ingest("no_matter")
    [received] = smtp.received
    assert received.rcpt_tos == [corpus.PRACTITIONER]
    assert received.message["Subject"] == "Received: Our documents"
    notice = Notice.objects.get()
    assert (notice.matter, notice.matter_number, notice.state) == (None, "", Notice.State.SENT)


def test_a_sender_acting_for_no_party_is_told_a_clerk_will_confirm_it(smtp, ingest, mail_matters):
    ingest("party_to_confirm")
    [received] = smtp.received
    assert received.rcpt_tos == [corpus.STRANGER]
    body = received.message.get_body(("plain",)).get_content()
    assert "will confirm the party you act for" in body
    assert "(PD16 para 9)" in body


@pytest.mark.parametrize("name", ["auto_reply", "bounce", "list_mail"])
def test_automatic_mail_bounces_and_list_mail_are_never_answered(name, smtp, ingest, mail_matters):
    ingest(name)
    assert InboundMessage.objects.get().status == InboundMessage.Status.REJECTED
    assert not Notice.objects.exists()
    assert smtp.received == []


@pytest.mark.parametrize("own", [corpus.ELECTRONIC, corpus.CLIENT, "registry@localhost"])
def test_mail_from_the_registrys_own_addresses_is_never_answered(
    own, smtp, ingest, mail_matters, settings, tmp_path
):
    settings.DEFAULT_FROM_EMAIL = "registry@localhost"
    message = corpus.base("from_ourselves", sender=own, subject=corpus.s34_subject())
    corpus.attach(message, corpus.DOC, "Agreement.doc")
    path = tmp_path / "own.eml"
    path.write_bytes(message.as_bytes())
    ingest(source=str(path))
    assert InboundMessage.objects.get().sender == own
    assert not Notice.objects.exists()
    assert smtp.received == []


def test_a_message_read_again_is_not_acknowledged_again(smtp, ingest, mail_matters, maildir):
    first = ingest(source=str(maildir))
    sent = len(smtp.received)
    assert sent == Notice.objects.count()  # the acknowledgements and the para 11 notice
    acknowledgements = Notice.objects.filter(kind=Notice.Kind.MAIL_ACKNOWLEDGED).count()
    assert (
        acknowledgements
        == (InboundMessage.objects.filter(auto_generated="", sender__contains="@").count())
        > 20
    )
    second = ingest(source=str(maildir))
    assert {o.outcome for o in second} == {"duplicate"}
    assert len(first) == len(second)
    assert len(smtp.received) == sent
    assert Notice.objects.count() == sent


def test_the_worker_run_twice_sends_each_acknowledgement_once(smtp, ingest, mail_matters):
    ingest("s34_filed", "s324_filed")
    assert run_worker() == 0
    assert sorted(r.message["In-Reply-To"] for r in smtp.received) == [
        "<s324_filed@firm.example>",
        "<s34_filed@firm.example>",
    ]


def test_a_crash_before_commit_leaves_no_acknowledgement(smtp, ingest, mail_matters, monkeypatch):
    """The acknowledgement is written in the message's transaction: no record, no notice."""
    from intake.services import mail as mail_service

    real = mail_service.acknowledgement_send

    def queue_then_crash(*, inbound):
        real(inbound=inbound)
        raise RuntimeError("power cut")

    monkeypatch.setattr(mail_service, "acknowledgement_send", queue_then_crash)
    with pytest.raises(RuntimeError):
        ingest("s34_filed")
    assert not InboundMessage.objects.exists()
    assert not Notice.objects.exists()
    assert smtp.received == []
    monkeypatch.undo()
    ingest("s34_filed")
    assert len(smtp.received) == 1


def test_a_clerks_rejection_is_acknowledged_with_its_reason(
    smtp, ingest, mail_matters, django_capture_on_commit_callbacks
):
    ingest("no_matter")
    inbound = InboundMessage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        inbound_message_reject(
            inbound=inbound, reason="Not for this registry.", rejected_by=ClerkFactory()
        )
    run_worker()
    _arrival, rejection = smtp.received
    body = rejection.message.get_body(("plain",)).get_content()
    assert "It has not been lodged." in body
    assert "Reason: Not for this registry." in body
    assert rejection.message["In-Reply-To"] == "<no_matter@firm.example>"


def test_a_refused_acknowledgement_fails_for_a_clerk_to_retry(
    smtp, ingest, mail_matters, client, django_capture_on_commit_callbacks
):
    smtp.refuse_next(1, PERMANENT_FAILURE)
    ingest("s34_filed")
    notice = Notice.objects.get()
    assert notice.state == Notice.State.FAILED
    assert "554" in notice.last_error
    assert list(notices_needing_a_clerk()) == [notice]
    assert smtp.received == []
    client.force_login(ClerkFactory())
    outbox = client.get(reverse("notices:outbox")).content.decode()
    assert f"Received: {corpus.s34_subject()}" in outbox and corpus.PRACTITIONER in outbox
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notices:retry", args=[notice.pk]))
    run_worker()
    [received] = smtp.received
    assert received.message["In-Reply-To"] == "<s34_filed@firm.example>"


def test_a_rule32_award_by_email_tells_the_office_and_the_sender(smtp, ingest, mail_matters):
    """PD16 para 11: the award meets its order, and the Office of Industrial Relations gets its
    notice with the award's copy; the sender gets the acknowledgement. Both by the worker."""
    [outcome] = ingest("rule32_filed")
    assert outcome.outcome == "filed"
    by_address = {r.rcpt_tos[0]: r.message for r in smtp.received}
    assert set(by_address) == {"oir@industrial.example", corpus.PRACTITIONER}
    office = by_address["oir@industrial.example"]
    assert [a.get_filename() for a in office.iter_attachments()] == [
        "Clerical Officers State Award.doc"
    ]
    assert by_address[corpus.PRACTITIONER]["Auto-Submitted"] == "auto-replied"
