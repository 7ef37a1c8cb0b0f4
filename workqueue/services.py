"""Taking, assigning and releasing filings for review; and the rule that two clerks never review
the same filing at once.

Every change locks the filing row and then its assignment (``select_for_update``), in that
order, as the review services do: so an "assign to me" and a decision on the same filing are
serialised, and the second clerk is told who has it. Each change is audited in its transaction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from filings.models import Filing
from workqueue.models import FilingAssignment

ASSIGN_PERMISSION = "workqueue.assign_filings"


def clerk_name(user: Any) -> str:
    """How a clerk is named to another clerk: full name, else the user name."""
    return user.get_full_name() or user.get_username()


def _lock(filing: Filing) -> tuple[Filing, FilingAssignment | None]:
    locked = Filing.objects.select_for_update().select_related("matter").get(pk=filing.pk)
    assignment = (
        FilingAssignment.objects.select_for_update()
        .select_related("assignee")
        .filter(filing=locked)
        .first()
    )
    return locked, assignment


def _held_by_other(assignment: FilingAssignment | None, user: Any) -> bool:
    return assignment is not None and assignment.assignee_id != user.pk


def _held_error(filing: Filing, assignment: FilingAssignment) -> ValidationError:
    return ValidationError(
        f"{clerk_name(assignment.assignee)} is reviewing {filing.reference}; "
        "ask them, or a senior clerk, to pass it on.",
        code="queue.assigned_to_other",
    )


def _audit(action: str, *, filing: Filing, user: Any, client_ip: str | None, **detail: Any) -> None:
    audit_record(
        action=action,
        user=user,
        client_ip=client_ip,
        matter_number=filing.matter.number,
        filing_reference=filing.reference,
        detail=detail,
    )


def _write(
    locked: Filing, assignment: FilingAssignment | None, *, assignee: Any, assigned_by: Any
) -> FilingAssignment:
    if assignment is None:
        return FilingAssignment.objects.create(
            filing=locked, assignee=assignee, assigned_by=assigned_by, assigned_at=timezone.now()
        )
    assignment.assignee = assignee
    assignment.assigned_by = assigned_by
    assignment.assigned_at = timezone.now()
    assignment.save(update_fields=["assignee", "assigned_by", "assigned_at"])
    return assignment


def _open_for_review(locked: Filing) -> None:
    if locked.status != Filing.Status.LODGED:
        raise ValidationError(
            f"Filing {locked.reference} has already been "
            f"{locked.get_status_display().lower()}; it is no longer in the queue.",
            code="queue.already_reviewed",
        )


def filing_assignment_take(
    *, filing: Filing, clerk: Any, client_ip: str | None = None
) -> FilingAssignment:
    """ "Assign to me": ``clerk`` takes a filing from the section queue (or already has it).

    Refused (``queue.assigned_to_other``, naming the clerk) when another clerk has it, and
    (``queue.already_reviewed``) once the filing has been reviewed.
    """
    with transaction.atomic():
        locked, assignment = _lock(filing)
        _open_for_review(locked)
        if assignment is not None and not _held_by_other(assignment, clerk):
            return assignment
        if assignment is not None:
            raise _held_error(locked, assignment)
        taken = _write(locked, None, assignee=clerk, assigned_by=clerk)
        _audit(
            AuditEvent.Action.FILING_ASSIGNED,
            filing=locked,
            user=clerk,
            client_ip=client_ip,
            assignee=clerk.get_username(),
            before=None,
        )
    return taken


def filing_assignment_assign(
    *, filing: Filing, assignee: Any, assigned_by: Any, client_ip: str | None = None
) -> FilingAssignment:
    """A senior clerk (permission ``workqueue.assign_filings``) gives a filing to a clerk,
    taking it from whoever had it."""
    if not assigned_by.has_perm(ASSIGN_PERMISSION):
        raise PermissionDenied("Only a senior clerk can assign filings to other clerks.")
    from registry.roles import is_clerk

    if not is_clerk(assignee):
        raise ValidationError(
            f"{clerk_name(assignee)} is not a registry clerk.", code="queue.assignee_not_clerk"
        )
    with transaction.atomic():
        locked, assignment = _lock(filing)
        _open_for_review(locked)
        before = assignment.assignee.get_username() if assignment is not None else None
        given = _write(locked, assignment, assignee=assignee, assigned_by=assigned_by)
        _audit(
            AuditEvent.Action.FILING_ASSIGNED,
            filing=locked,
            user=assigned_by,
            client_ip=client_ip,
            assignee=assignee.get_username(),
            before=before,
        )
    return given


def filing_assignment_release(*, filing: Filing, clerk: Any, client_ip: str | None = None) -> None:
    """Put a filing back in the section queue: by the clerk who has it, or a senior clerk."""
    with transaction.atomic():
        locked, assignment = _lock(filing)
        if assignment is None:
            return
        if _held_by_other(assignment, clerk) and not clerk.has_perm(ASSIGN_PERMISSION):
            raise _held_error(locked, assignment)
        before = assignment.assignee.get_username()
        assignment.delete()
        _audit(
            AuditEvent.Action.FILING_RELEASED,
            filing=locked,
            user=clerk,
            client_ip=client_ip,
            before=before,
        )


def review_claim(*, filing: Filing, reviewer: Any) -> None:
    """Inside a review's transaction, after the filing row is locked: refuse when another
    clerk has the filing (``queue.assigned_to_other``), so two clerks never review it at once.

    The assignment row is locked too, so that an "assign to me" racing with the decision waits
    for it and then finds the filing reviewed. The decision ends the assignment.
    """
    assignment = (
        FilingAssignment.objects.select_for_update()
        .select_related("assignee")
        .filter(filing_id=filing.pk)
        .first()
    )
    if assignment is not None and _held_by_other(assignment, reviewer):
        raise _held_error(filing, assignment)
    if assignment is not None:
        assignment.delete()
