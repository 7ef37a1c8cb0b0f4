"""Rule 32 (PD16 para 11): the Commission's time for filing the award, and on receipt a notice
to the Office of Industrial Relations, recorded in one transaction and e-mailed once it commits."""

import datetime
import hashlib
import socket

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from filings.models import Document, Filing, OutboundNotification, Rule32Order
from filings.services import rule32
from filings.services.rule32 import rule32_order_record
from practice_directions.models import NotificationRecipient, ProceedingType
from practice_directions.rules import check_email_subject
from tests.factories import FilingFactory, MatterFactory, PartyFactory, UserFactory, document_kind

pytestmark = pytest.mark.django_db
D = datetime.date
AWARD = b"{\\rtf1\\ansi Clerical and Administrative Employees (State) Award\\par}"


@pytest.fixture
def receipt(django_capture_on_commit_callbacks):
    """``rule32_receipt_record`` as a request runs it: the notice goes when the receipt commits."""

    def record(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            notification = rule32.rule32_receipt_record(**kwargs)
        notification.refresh_from_db()
        return notification

    return record


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


def test_receipt_notifies_the_office_of_industrial_relations(order, matter, receipt):
    filing = award_filing(matter)
    notification = receipt(order=order, received_on=D(2005, 3, 14), received_filing=filing)
    order.refresh_from_db()
    assert (order.received_on, order.received_filing) == (D(2005, 3, 14), filing)
    assert notification.kind == OutboundNotification.Kind.OIR_AWARD_RECEIVED
    assert (notification.matter, notification.rule32_order) == (matter, order)
    assert notification.to == "office-of-industrial-relations@example.invalid"
    assert notification.sent_at is not None
    [message] = mail.outbox
    assert message.to == [notification.to]
    assert (message.subject, message.body) == (notification.subject, notification.body)
    assert order.description in message.body
    assert filing.reference in message.body
    # The award itself goes with the notice, byte for byte.
    assert [tuple(a) for a in message.attachments] == [
        ("clerical-award.rtf", AWARD, "application/rtf")
    ]


def test_the_notice_subject_meets_para_10_for_rule32_matters(order, matter, receipt):
    notification = receipt(order=order, received_on=D(2005, 3, 14))
    check = check_email_subject(
        email_class="rule32",
        subject=notification.subject,
        matter_number=matter.number,
        matter_title=matter.title,
        agreement_short_title=None,
    )
    assert check.valid, check.problems


def test_the_address_is_the_one_set_in_the_rules_data(order, receipt):
    NotificationRecipient.objects.filter(code="oir").update(address="awards@oir.example.org")
    receipt(order=order, received_on=D(2005, 3, 14))
    assert mail.outbox[0].to == ["awards@oir.example.org"]


def test_late_receipt_is_said_in_the_notice(order, receipt):
    notification = receipt(order=order, received_on=D(2005, 3, 16))
    assert "after the time the Commission specified" in notification.body


def test_only_award_documents_are_attached(order, matter, receipt):
    filing = award_filing(matter, kind="Affidavit")
    receipt(order=order, received_on=D(2005, 3, 14), received_filing=filing)
    assert mail.outbox[0].attachments == []


def test_a_second_receipt_is_refused_and_sends_nothing(order, receipt):
    receipt(order=order, received_on=D(2005, 3, 14))
    with pytest.raises(ValidationError) as error:
        receipt(order=order, received_on=D(2005, 3, 15))
    assert _codes(error.value) == {"rule32.already_received"}
    assert len(mail.outbox) == 1
    assert OutboundNotification.objects.count() == 1


def test_every_problem_with_a_receipt_is_reported(order, receipt):
    elsewhere = FilingFactory()
    with pytest.raises(ValidationError) as error:
        receipt(order=order, received_on=D(2005, 2, 1), received_filing=elsewhere)
    assert _codes(error.value) == {"rule32.received_before_made", "rule32.filing_other_matter"}
    order.refresh_from_db()
    assert order.received_on is None
    assert mail.outbox == []


def test_a_rejected_filing_is_not_the_award_received(order, matter, receipt):
    filing = award_filing(matter)
    Filing.objects.filter(pk=filing.pk).update(
        status=Filing.Status.REJECTED, reviewed_at=filing.lodged_at
    )
    filing.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        receipt(order=order, received_on=D(2005, 3, 14), received_filing=filing)
    assert _codes(error.value) == {"rule32.filing_rejected"}


def test_without_an_office_address_nothing_is_recorded(order, receipt):
    NotificationRecipient.objects.filter(code="oir").delete()
    with pytest.raises(ValidationError) as error:
        receipt(order=order, received_on=D(2005, 3, 14))
    assert _codes(error.value) == {"rule32.oir_address_missing"}
    order.refresh_from_db()
    assert order.received_on is None


@pytest.fixture
def unreachable_smtp(settings):
    """A real SMTP backend pointed at a port where nothing listens: sending fails."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2


def test_the_notice_is_sent_only_when_the_receipt_commits(
    order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = rule32.rule32_receipt_record(order=order, received_on=D(2005, 3, 14))
        # Recorded, and nothing sent while the transaction is open.
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert notification.sent_at is None


def test_when_the_mail_cannot_be_sent_the_receipt_stays_and_the_notice_is_unsent(
    order, unreachable_smtp, receipt
):
    notification = receipt(order=order, received_on=D(2005, 3, 14))
    order.refresh_from_db()
    assert order.received_on == D(2005, 3, 14)
    # Visible as not sent, for it to be sent again; the receipt is not lost to a mail outage.
    assert notification.sent_at is None
    assert OutboundNotification.objects.filter(sent_at__isnull=True).count() == 1
