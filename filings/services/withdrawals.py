"""Withdrawing a para 7 direction or waiver, or an application of Practice Note 127 (para 8).

A record is never deleted: withdrawing it stamps the date it was withdrawn, who recorded the
withdrawal and why (the three go together, a check constraint in ``filings.models.records``).
From then on it is no longer in force (``in_force()``): a withdrawn direction falls due nowhere
and the rules no longer apply it; a withdrawn PN127 application no longer makes PN127 apply.
The matter's page still shows it, struck through.

As in ``filings.services.records``: every problem is collected into one ValidationError keyed
by field (``"__all__"`` for the record as a whole), each with a stable code; nothing is written
unless everything is right. Each service writes in one durable transaction with its audit
event (who, from where, the values before and after) and queues its notices to the bound
parties' practitioners, sent after commit.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import Actor, audit_change, record_values
from filings.models import Direction, Matter, PracticeNoteApplication
from filings.services.effects import service_atomic
from notices.events_records import notify_direction_withdrawn, notify_practice_note_withdrawn

Errors = dict[str, list[ValidationError]]

WITHDRAWAL_FIELDS = ("withdrawn_on", "withdrawn_by", "withdrawal_reason")
REASON_MAX_LENGTH = 2000


def _add(errors: Errors, field: str, message: str, code: str) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def _check(
    errors: Errors,
    *,
    matter: Matter,
    what: str,
    made_on: datetime.date,
    withdrawn: datetime.date | None,
    withdrawn_on: datetime.date,
    reason: str,
    today: datetime.date,
    already_code: str,
) -> None:
    """The checks both withdrawals share."""
    if matter.status != Matter.Status.OPEN:
        _add(errors, NON_FIELD_ERRORS, f"Matter {matter.number} is closed.", "matter.closed")
    if withdrawn is not None:
        _add(
            errors,
            NON_FIELD_ERRORS,
            f"This {what} was already withdrawn on {withdrawn:%d/%m/%Y}.",
            already_code,
        )
    if withdrawn_on > today:
        _add(
            errors,
            "withdrawn_on",
            "The date of withdrawal cannot be in the future.",
            "withdrawn_on.in_future",
        )
    elif withdrawn_on < made_on:
        _add(
            errors,
            "withdrawn_on",
            f"The date of withdrawal is before the {what} was made ({made_on:%d/%m/%Y}).",
            "withdrawn_on.before_made",
        )
    if not reason:
        _add(
            errors,
            "reason",
            f"Say why the {what} is withdrawn: the reason goes on the record and to the parties.",
            "withdrawal.reason_missing",
        )
    elif len(reason) > REASON_MAX_LENGTH:
        _add(
            errors,
            "reason",
            f"The reason may be at most {REASON_MAX_LENGTH} characters.",
            "withdrawal.reason_too_long",
        )


def _withdrawer(actor: Actor) -> Any:
    if actor.user is None or not actor.user.is_authenticated:
        # A programming error, not the clerk's: the record names who withdrew it.
        raise ValueError("A withdrawal is recorded by a signed-in user (actor.user).")
    return actor.user


def _stamp(
    locked: Direction | PracticeNoteApplication,
    *,
    matter: Matter,
    stamp: tuple[datetime.date, Any, str],
    actor: Actor,
    action: str,
    detail: dict[str, Any],
) -> None:
    """Write the withdrawal's date, clerk and reason on the locked row and audit the change."""
    before = record_values(locked, WITHDRAWAL_FIELDS)
    locked.withdrawn_on, locked.withdrawn_by, locked.withdrawal_reason = stamp
    locked.save(update_fields=list(WITHDRAWAL_FIELDS))
    locked.matter = matter
    audit_change(
        action=action,
        actor=actor,
        matter_number=matter.number,
        before=before,
        after=record_values(locked, WITHDRAWAL_FIELDS),
        detail=detail,
    )


def direction_withdraw(
    *,
    direction: Direction,
    withdrawn_on: datetime.date,
    reason: str,
    actor: Actor,
    today: datetime.date | None = None,
) -> Direction:
    """Withdraw a para 7 direction or waiver as from ``withdrawn_on`` (PD16 para 7: the
    Registrar or the Commission may direct, and what it directs it may withdraw)."""
    user = _withdrawer(actor)
    today = today or timezone.localdate()
    reason = reason.strip()
    with service_atomic():
        # The rows as they stand, locked: another clerk may have just withdrawn it, or closed
        # the matter.
        matter = Matter.objects.select_for_update().get(pk=direction.matter_id)
        locked = Direction.objects.select_for_update().get(pk=direction.pk)
        what = "waiver" if locked.kind == Direction.Kind.WAIVE else "direction"
        errors: Errors = {}
        _check(
            errors,
            matter=matter,
            what=what,
            made_on=locked.made_on,
            withdrawn=locked.withdrawn_on,
            withdrawn_on=withdrawn_on,
            reason=reason,
            today=today,
            already_code="direction.already_withdrawn",
        )
        if errors:
            raise ValidationError(errors)
        _stamp(
            locked,
            matter=matter,
            stamp=(withdrawn_on, user, reason),
            actor=actor,
            action=AuditEvent.Action.DIRECTION_WITHDRAWN,
            detail={"direction": locked.pk, "kind": locked.kind, "made_on": locked.made_on},
        )
        notify_direction_withdrawn(direction=locked)
    return locked


def practice_note_application_withdraw(
    *,
    application: PracticeNoteApplication,
    withdrawn_on: datetime.date,
    reason: str,
    actor: Actor,
    today: datetime.date | None = None,
) -> PracticeNoteApplication:
    """Withdraw an application of Practice Note 127 to a matter as from ``withdrawn_on`` (PD16
    para 8). An earlier application still in force applies again; with none, PN127 no longer
    applies to the matter."""
    user = _withdrawer(actor)
    today = today or timezone.localdate()
    reason = reason.strip()
    with service_atomic():
        matter = Matter.objects.select_for_update().get(pk=application.matter_id)
        locked = PracticeNoteApplication.objects.select_for_update().get(pk=application.pk)
        errors: Errors = {}
        _check(
            errors,
            matter=matter,
            what="application of PN127",
            made_on=locked.applied_on,
            withdrawn=locked.withdrawn_on,
            withdrawn_on=withdrawn_on,
            reason=reason,
            today=today,
            already_code="pn127.already_withdrawn",
        )
        if errors:
            raise ValidationError(errors)
        _stamp(
            locked,
            matter=matter,
            stamp=(withdrawn_on, user, reason),
            actor=actor,
            action=AuditEvent.Action.PN127_WITHDRAWN,
            detail={"application": locked.pk, "applied_on": locked.applied_on},
        )
        notify_practice_note_withdrawn(application=locked)
    return locked
