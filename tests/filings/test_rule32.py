"""Rule 32 (PD16 para 11): the Commission's time for filing the award, and on receipt a notice
to the Office of Industrial Relations, written to the outbox in the receipt's transaction and
sent by the worker after commit."""

import datetime
import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from filings.models import Document, Filing, Rule32Order
from filings.services.rule32 import rule32_order_record, rule32_receipt_record
from notices.models import Notice
from practice_directions.models import NotificationRecipient, ProceedingType
from practice_directions.rules import check_email_subject
from tests.factories import FilingFactory, MatterFactory, PartyFactory, UserFactory, document_kind
from tests.notices.worker import run_worker

pytestmark = pytest.mark.django_db
D = datetime.date
AWARD = b"{\\rtf1\\ansi Clerical and Administrative Employees (State) Award\\par}"


@pytest.fixture
def matter():
    return MatterFactory(
        proceeding=ProceedingType.objects.get(code="rule32"),
        title="Clerical and Administrative Employees (State) Award",
    )


@pytest.fixture
def clerk():
    return UserFactory(username="clerk")


@pytest.fixture
def order(matter, clerk):
    return rule32_order_record(
        matter=matter,
        description="Variation of the Clerical Award (wages)",
        made_on=D(2005, 3, 1),
        file_by=D(2005, 3, 15),
        recorded_by=clerk,
    )


@pytest.fixture
def receive(django_capture_on_commit_callbacks):
    """Record a receipt as a clerk's request does: commit, then let the worker send."""

    def record(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            notice = rule32_receipt_record(**kwargs)
        run_worker()
        notice.refresh_from_db()
        return notice

    return record


def _codes(error: ValidationError) -> set[str]:
    return {e.code for errors in error.error_dict.values() for e in errors}


def award_filing(matter, *, kind="Award or award variation", content=AWARD):
    filing = FilingFactory(party=PartyFactory(matter=matter))
    document = Document(
        filing=filing,
        position=1,
        kind=document_kind(kind),
        title="Varied award",
        original_filename="clerical-award.rtf",
        detected_format="RTF",
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    document.electronic_copy.save("x", ContentFile(content), save=False)
    document.save()
    return filing


def test_an_order_records_the_time_the_commission_set(order, matter, clerk):
    assert (order.matter, order.file_by, order.recorded_by) == (matter, D(2005, 3, 15), clerk)
    assert order.received_on is None


def test_every_problem_with_an_order_is_reported_and_nothing_recorded(clerk):
    other = MatterFactory()
    with pytest.raises(ValidationError) as error:
        rule32_order_record(
            matter=other,
            description="  ",
            made_on=D(2005, 3, 1),
            file_by=D(2005, 2, 28),
            recorded_by=clerk,
        )
    assert _codes(error.value) == {
        "rule32.not_a_rule32_matter",
        "rule32.description_missing",
        "rule32.file_by_before_made",
    }
    assert Rule32Order.objects.count() == 0


def test_receipt_notifies_the_office_of_industrial_relations(order, matter, receive):
    filing = award_filing(matter)
    notification = receive(order=order, received_on=D(2005, 3, 14), received_filing=filing)
    order.refresh_from_db()
    assert (order.received_on, order.received_filing) == (D(2005, 3, 14), filing)
    assert notification.kind == Notice.Kind.OIR_AWARD_RECEIVED
    assert (notification.matter, notification.rule32_order) == (matter, order)
    assert notification.to_address == "office-of-industrial-relations@example.invalid"
    assert notification.state == Notice.State.SENT
    assert notification.sent_at is not None
    [message] = mail.outbox
    assert message.to == [notification.to_address]
    assert message.subject.startswith(matter.number)
    assert (message.subject, message.body) == (notification.subject, notification.body)
    assert order.description in message.body
    assert filing.reference in message.body
    # The award itself goes with the notice, byte for byte.
    assert [tuple(a) for a in message.attachments] == [
        ("clerical-award.rtf", AWARD, "application/rtf")
    ]


def test_the_notice_subject_meets_para_10_for_rule32_matters(order, matter, receive):
    notification = receive(order=order, received_on=D(2005, 3, 14))
    check = check_email_subject(
        email_class="rule32",
        subject=notification.subject,
        matter_number=matter.number,
        matter_title=matter.title,
        agreement_short_title=None,
    )
    assert check.valid, check.problems


def test_the_address_is_the_one_set_in_the_rules_data(order, receive):
    NotificationRecipient.objects.filter(code="oir").update(address="awards@oir.example.org")
    receive(order=order, received_on=D(2005, 3, 14))
    assert mail.outbox[0].to == ["awards@oir.example.org"]


def test_late_receipt_is_said_in_the_notice(order, receive):
    notification = receive(order=order, received_on=D(2005, 3, 16))
    assert "after the time the Commission specified" in notification.body


def test_only_award_documents_are_attached(order, matter, receive):
    filing = award_filing(matter, kind="Affidavit")
    receive(order=order, received_on=D(2005, 3, 14), received_filing=filing)
    assert mail.outbox[0].attachments == []


def test_a_second_receipt_is_refused_and_sends_nothing(order, receive):
    receive(order=order, received_on=D(2005, 3, 14))
    with pytest.raises(ValidationError) as error:
        receive(order=order, received_on=D(2005, 3, 15))
    assert _codes(error.value) == {"rule32.already_received"}
    run_worker()
    assert len(mail.outbox) == 1
    assert Notice.objects.count() == 1


def test_every_problem_with_a_receipt_is_reported(order, receive):
    elsewhere = FilingFactory()
    with pytest.raises(ValidationError) as error:
        receive(order=order, received_on=D(2005, 2, 1), received_filing=elsewhere)
    assert _codes(error.value) == {"rule32.received_before_made", "rule32.filing_other_matter"}
    order.refresh_from_db()
    assert order.received_on is None
    assert Notice.objects.count() == 0


def test_a_rejected_filing_is_not_the_award_received(order, matter, receive):
    filing = award_filing(matter)
    Filing.objects.filter(pk=filing.pk).update(
        status=Filing.Status.REJECTED, reviewed_at=filing.lodged_at
    )
    filing.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        receive(order=order, received_on=D(2005, 3, 14), received_filing=filing)
    assert _codes(error.value) == {"rule32.filing_rejected"}


def test_without_an_office_address_nothing_is_recorded(order, receive):
    NotificationRecipient.objects.filter(code="oir").delete()
    with pytest.raises(ValidationError) as error:
        receive(order=order, received_on=D(2005, 3, 14))
    assert _codes(error.value) == {"rule32.oir_address_missing"}
    order.refresh_from_db()
    assert order.received_on is None


def test_when_the_office_mail_server_refuses_the_receipt_stands_and_the_notice_retries(
    order, matter, receive, smtp, settings
):
    """The receipt no longer waits on the mail server: it is recorded, and the notice is sent
    by the worker, retried after a temporary refusal (451), through a real SMTP server."""
    settings.NOTICES_RETRY_BASE_SECONDS = 0
    smtp.refuse_next(1)
    filing = award_filing(matter)
    notice = receive(order=order, received_on=D(2005, 3, 14), received_filing=filing)
    order.refresh_from_db()
    assert order.received_on == D(2005, 3, 14)
    assert (notice.state, notice.attempts, smtp.handler.refused) == (Notice.State.SENT, 2, 1)
    [received] = smtp.received
    assert received.rcpt_tos == ["office-of-industrial-relations@example.invalid"]
    [attachment] = list(received.message.iter_attachments())
    assert attachment.get_filename() == "clerical-award.rtf"
    assert attachment.get_content() == AWARD
