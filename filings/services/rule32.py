"""Rule 32 awards and variations (PD16 para 11): the time the Commission sets, and receipt.

On receipt the Registry provides the award to the Office of Industrial Relations "immediately"
for its Pay Rate Update Service, website and Award Enquiry Service. Recording the receipt, the
notification row and the e-mail itself happen in one transaction: if the e-mail cannot be
handed to the mail backend, nothing is recorded and the clerk can try again, so a receipt is
never recorded as notified without the notice having gone. (If the commit itself failed after
the send, a retry would send a second notice: the safer side for the Office.)

The Office's address is rules data (``practice_directions.NotificationRecipient`` "oir"),
editable in the admin.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from filings.limits import max_length
from filings.models import Filing, Matter, OutboundNotification, Rule32Order
from filings.validation import FORMAT_CONTENT_TYPES, FORMAT_EXTENSIONS
from practice_directions.models import NotificationRecipient
from practice_directions.rules import long_date
from practice_directions.rules.data import OFFICE_OF_INDUSTRIAL_RELATIONS

Errors = dict[str, list[ValidationError]]


def _add(errors: Errors, field: str, message: str, code: str) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def rule32_order_record(
    *,
    matter: Matter,
    description: str,
    made_on: datetime.date,
    file_by: datetime.date,
    recorded_by: User,
) -> Rule32Order:
    """Record an award or variation the Commission made and the time it set for filing it in
    computer-readable format (PD16 para 11). Every problem is raised at once."""
    errors: Errors = {}
    description = description.strip()
    if not matter.proceeding.deadline_set_by_commission:
        _add(
            errors,
            NON_FIELD_ERRORS,
            f"{matter.number} is a {matter.proceeding.name} matter; the Commission sets a time "
            "for filing only in Rule 32 matters (PD16 para 11).",
            "rule32.not_a_rule32_matter",
        )
    if matter.status != Matter.Status.OPEN:
        _add(errors, NON_FIELD_ERRORS, f"{matter.number} is closed.", "matter.closed")
    if not description:
        _add(
            errors, "description", "Describe the award or variation.", "rule32.description_missing"
        )
    elif len(description) > max_length(Rule32Order, "description"):
        _add(errors, "description", "The description is too long.", "rule32.description_too_long")
    if file_by < made_on:
        _add(
            errors,
            "file_by",
            "The time for filing cannot end before the award or variation was made.",
            "rule32.file_by_before_made",
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return Rule32Order.objects.create(
            matter=matter,
            description=description,
            made_on=made_on,
            file_by=file_by,
            recorded_by=recorded_by,
        )


def _check_receipt(
    order: Rule32Order, received_on: datetime.date, received_filing: Filing | None
) -> Errors:
    errors: Errors = {}
    if order.received_on is not None:
        _add(
            errors,
            NON_FIELD_ERRORS,
            f"Receipt of {order.description} was already recorded on "
            f"{order.received_on.isoformat()}; the Office of Industrial Relations has been told.",
            "rule32.already_received",
        )
    if received_on < order.made_on:
        _add(
            errors,
            "received_on",
            "It cannot be received before it was made.",
            "rule32.received_before_made",
        )
    if received_filing is not None:
        if received_filing.matter_id != order.matter_id:
            _add(
                errors,
                "received_filing",
                "That filing belongs to another matter.",
                "rule32.filing_other_matter",
            )
        elif received_filing.status == Filing.Status.REJECTED:
            _add(
                errors,
                "received_filing",
                "That filing was rejected; record the corrected filing instead.",
                "rule32.filing_rejected",
            )
    return errors


def _message_text(order: Rule32Order, received_filing: Filing | None) -> tuple[str, str]:
    matter = order.matter
    received_on = order.received_on
    assert received_on is not None  # written just before
    # PD16 para 10's form for Rule 32 matters: the title and the file number.
    subject = f"Award received: {matter.title} {matter.number}"
    lines = [
        "The Industrial Registry has received, under Rule 32 of the Industrial Relations "
        "Commission Rules 1996, the award or award variation below in computer-readable format "
        "(Practice Direction No 16, paragraph 11).",
        "",
        f"Matter: {matter.number} {matter.title}",
        f"Award or variation: {order.description}",
        f"Made on: {long_date(order.made_on)}",
        f"To be filed by: {long_date(order.file_by)}",
        f"Received on: {long_date(received_on)}"
        + (" (after the time the Commission specified)" if received_on > order.file_by else ""),
    ]
    if received_filing is not None:
        lines.append(f"Filing: {received_filing.reference}")
    return subject, "\n".join(lines) + "\n"


def _attach_awards(message: EmailMessage, received_filing: Filing | None) -> None:
    if received_filing is None:
        return
    documents = received_filing.documents.filter(kind__is_award=True).exclude(electronic_copy="")
    for document in documents.order_by("position"):
        extension = FORMAT_EXTENSIONS.get(document.detected_format.upper(), "bin")
        name = document.original_filename or f"{received_filing.reference}-{document.position}"
        if "." not in name:
            name = f"{name}.{extension}"
        with document.electronic_copy.open("rb") as handle:
            content = handle.read()
        message.attach(
            name,
            content,
            FORMAT_CONTENT_TYPES.get(document.detected_format.upper(), "application/octet-stream"),
        )


def rule32_receipt_record(
    *,
    order: Rule32Order,
    received_on: datetime.date,
    received_filing: Filing | None = None,
) -> OutboundNotification:
    """Record that the award or variation was received, and notify the Office of Industrial
    Relations at once (PD16 para 11): an ``OutboundNotification`` row and the e-mail, with the
    award's electronic copies from ``received_filing`` attached, in one transaction.

    Raises ValidationError (every problem at once) when it was already received, is dated
    before it was made, names another matter's or a rejected filing, or the Office has no
    address in the rules data. Mail backend errors propagate and leave nothing recorded.
    """
    with transaction.atomic():
        # Locked, so that two clerks recording the same receipt notify the Office once.
        locked = Rule32Order.objects.select_for_update().select_related("matter").get(pk=order.pk)
        errors = _check_receipt(locked, received_on, received_filing)
        office = NotificationRecipient.objects.filter(code=OFFICE_OF_INDUSTRIAL_RELATIONS).first()
        if office is None or not office.address:
            _add(
                errors,
                NON_FIELD_ERRORS,
                "The Office of Industrial Relations has no address in the rules data: set it in "
                "the admin (Notification recipients).",
                "rule32.oir_address_missing",
            )
        if errors:
            raise ValidationError(errors)
        assert office is not None

        locked.received_on = received_on
        locked.received_filing = received_filing
        locked.save(update_fields=["received_on", "received_filing"])
        subject, body = _message_text(locked, received_filing)
        notification = OutboundNotification.objects.create(
            kind=OutboundNotification.Kind.OIR_AWARD_RECEIVED,
            matter=locked.matter,
            rule32_order=locked,
            to=office.address,
            subject=subject,
            body=body,
        )
        message = EmailMessage(subject=subject, body=body, to=[office.address])
        _attach_awards(message, received_filing)
        message.send(fail_silently=False)
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    order.refresh_from_db()
    return notification
