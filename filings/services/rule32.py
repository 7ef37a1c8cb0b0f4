"""Rule 32 awards and variations (PD16 para 11): the time the Commission sets, and receipt.

On receipt the Registry provides the award to the Office of Industrial Relations "immediately"
for its Pay Rate Update Service, website and Award Enquiry Service. The receipt and the
Office's notice are written in one transaction (the notice to the outbox, ``notices``); the
worker sends it straight after commit, retrying with back-off, and a notice that cannot be
delivered shows as failed on the clerks' notices page until a clerk retries it.

The Office's address is rules data (``practice_directions.NotificationRecipient`` "oir"),
editable in the admin.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from audit.models import AuditEvent
from audit.services import NOBODY, Actor, audit_change, record_values
from filings.limits import max_length
from filings.models import Filing, Matter, Rule32Order
from filings.services.effects import service_atomic
from notices.events_records import notify_office_of_award
from notices.models import Notice
from practice_directions.models import NotificationRecipient
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
    actor: Actor | None = None,
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
    with service_atomic():
        order = Rule32Order.objects.create(
            matter=matter,
            description=description,
            made_on=made_on,
            file_by=file_by,
            recorded_by=recorded_by,
        )
        audit_change(
            action=AuditEvent.Action.RULE32_ORDER_RECORDED,
            actor=actor or Actor(user=recorded_by),
            matter_number=matter.number,
            before=None,
            after=record_values(order),
            detail={"order": order.pk},
        )
    return order


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


def rule32_receipt_record(
    *,
    order: Rule32Order,
    received_on: datetime.date,
    received_filing: Filing | None = None,
    actor: Actor = NOBODY,
) -> Notice:
    """Record that the award or variation was received, and notify the Office of Industrial
    Relations at once (PD16 para 11): its notice, with the award's electronic copies from
    ``received_filing``, is queued in the same transaction and sent after commit.

    Raises ValidationError (every problem at once) when it was already received, is dated
    before it was made, names another matter's or a rejected filing, or the Office has no
    address in the rules data.
    """
    with service_atomic():
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
        notice = notify_office_of_award(
            order=locked, received_filing=received_filing, address=office.address
        )
        audit_change(
            action=AuditEvent.Action.RULE32_RECEIPT_RECORDED,
            actor=actor,
            matter_number=locked.matter.number,
            filing_reference=received_filing.reference if received_filing else "",
            before={"received_on": None, "received_filing": None},
            after={
                "received_on": received_on,
                "received_filing": received_filing.pk if received_filing else None,
            },
            detail={"order": locked.pk, "notice": notice.pk, "to": office.address},
        )
    order.refresh_from_db()
    return notice
