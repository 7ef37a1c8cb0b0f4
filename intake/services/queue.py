"""The clerks' unmatched-mail queue: assign a message to a matter and party, or reject it.

Assigning lodges the message's acceptable attachments through the lodgment service (channel
e-mail), exactly as if the message had matched on arrival; rejecting records the reason and
tells the sender. Either happens once: the row is locked and must still be in the queue.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from filings.models import Party
from filings.services.effects import composed_transaction
from intake.matching import PRINCIPAL_KIND_BY_CLASS
from intake.models import InboundMessage
from intake.services.acknowledgement import acknowledgement_send
from intake.services.mail import MessageOutcome, _lodge_into, reparsed
from practice_directions.models import DocumentKind
from practice_directions.rules.data import SUBMISSIONS_EMAIL_CLASS

REASON_MAX = 2000


def _locked(inbound: InboundMessage) -> InboundMessage:
    locked = InboundMessage.objects.select_for_update().get(pk=inbound.pk)
    if not locked.in_queue:
        raise ValidationError(
            f"This message was already dealt with ({locked.get_status_display()}).",
            code="intake.already_decided",
        )
    return locked


def _class_for(party: Party, current: str) -> str:
    matter = party.matter
    if current == SUBMISSIONS_EMAIL_CLASS and matter.submissions_directed:
        return current
    proceeding_class = matter.proceeding.email_class_id
    if proceeding_class in PRINCIPAL_KIND_BY_CLASS:
        return proceeding_class
    return SUBMISSIONS_EMAIL_CLASS if matter.submissions_directed else ""


def inbound_message_assign(
    *,
    inbound: InboundMessage,
    party: Party,
    assigned_by: User,
    kinds: dict[int, DocumentKind] | None = None,
) -> InboundMessage:
    """Lodge ``inbound`` for ``party`` (a clerk's decision). Raises ValidationError with every
    reason the lodgment service gives; nothing is written then."""
    if not inbound.raw:
        raise ValidationError(
            "This message's contents were not kept (it was over the size limit).",
            code="intake.raw_missing",
        )
    with tempfile.TemporaryDirectory(prefix="registry-mail-") as folder:
        verdicts = reparsed(inbound, Path(folder))
        with composed_transaction():
            locked = _locked(inbound)
            email_class = _class_for(party, locked.email_class)
            if not email_class:
                raise ValidationError(
                    f"{party.matter.number} is a {party.matter.proceeding.name} matter: e-mail "
                    "lodgment is open to s.34, s.324 and Rule 32 matters and to directed "
                    "submissions (PD16 para 9).",
                    code="email.not_available",
                )
            if not any(v["acceptable"] for v in verdicts):
                raise ValidationError(
                    "The message has no attachment the registry can accept (PD16 para 4).",
                    code="email.no_acceptable_attachment",
                )
            locked.email_class = email_class
            locked.matter = party.matter
            locked.decided_by = assigned_by
            locked.decided_at = timezone.now()
            locked.save(update_fields=["email_class", "matter", "decided_by", "decided_at"])
            outcome = MessageOutcome(locked.message_id, email_class, party.matter.number, "")
            _lodge_into(
                locked,
                party=party,
                verdicts=verdicts,
                outcome=outcome,
                lodged_by=assigned_by,
                kinds=kinds,
            )
            acknowledgement_send(inbound=locked)
    return locked


def inbound_message_reject(
    *, inbound: InboundMessage, reason: str, rejected_by: User
) -> InboundMessage:
    """Reject a queued message with a reason the sender is told."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give the reason for rejecting it.", code="intake.reason_missing")
    if len(reason) > REASON_MAX:
        raise ValidationError("The reason is too long.", code="intake.reason_too_long")
    with transaction.atomic(durable=True):
        locked = _locked(inbound)
        before = locked.status
        locked.status = InboundMessage.Status.REJECTED
        locked.decision_reason = reason
        locked.decided_by = rejected_by
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        audit_record(
            action=AuditEvent.Action.MAIL_REJECTED,
            user=rejected_by,
            matter_number=locked.matter.number if locked.matter is not None else "",
            detail={
                "message_id": locked.message_id,
                "sha256": locked.raw_sha256,
                "before": {"status": before},
                "after": {"status": locked.status, "reason": reason},
            },
        )
        acknowledgement_send(inbound=locked)
    return locked
