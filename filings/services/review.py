"""Reviewing lodged filings: a clerk accepts, or rejects with coded reasons.

Each review locks the filing, so it is reviewed once; with ``REGISTRY_REQUIRE_VIRUS_SCAN`` on,
only a filing whose every electronic copy scanned clean may be accepted (PN127 paras 9-10).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from filings.models import Document, Filing, FilingRejection
from filings.services.effects import service_atomic
from notices.events import notify_filing_reviewed
from practice_directions.models import RejectionReason
from workqueue.services import review_claim


@dataclass(frozen=True)
class RejectionSpec:
    """A coded reason for rejecting a filing, optionally about one of its documents."""

    reason_code: str
    document_position: int | None = None
    note: str = ""


def _lock_for_review(filing: Filing, reviewer: User) -> Filing:
    locked = Filing.objects.select_for_update().get(pk=filing.pk)
    if locked.status != Filing.Status.LODGED:
        raise ValidationError(
            f"Filing {filing.reference} has already been {locked.get_status_display().lower()}.",
            code="review.already_reviewed",
        )
    # Two clerks never review one filing at once: another clerk's assignment refuses this one.
    review_claim(filing=filing, reviewer=reviewer)
    return locked


def filing_accept(
    *,
    filing: Filing,
    reviewed_by: User,
    notes: str = "",
    client_ip: str | None = None,
) -> Filing:
    """Accept a lodged filing; the ``filing_accepted`` audit event goes in the same transaction.

    When ``REGISTRY_REQUIRE_VIRUS_SCAN`` is on, every electronic copy must have been scanned
    clean (PN127 paras 9-10).
    """
    with service_atomic():
        locked = _lock_for_review(filing, reviewed_by)
        if settings.REGISTRY_REQUIRE_VIRUS_SCAN:
            unscanned = list(
                locked.documents.exclude(electronic_copy="")
                .exclude(virus_scan_status=Document.VirusScan.CLEAN)
                .values_list("position", flat=True)
            )
            if unscanned:
                listed = ("Documents " if len(unscanned) > 1 else "Document ") + ", ".join(
                    str(n) for n in unscanned
                )
                raise ValidationError(
                    f"{listed} of filing {filing.reference} has not been scanned clean "
                    "of viruses, so the filing cannot be accepted (PN127 10).",
                    code="review.not_scanned_clean",
                )
        locked.status = Filing.Status.ACCEPTED
        locked.reviewed_by = reviewed_by
        locked.reviewed_at = timezone.now()
        locked.review_notes = notes.strip()
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_notes"])
        audit_record(
            action=AuditEvent.Action.FILING_ACCEPTED,
            user=reviewed_by,
            client_ip=client_ip,
            matter_number=filing.matter.number,
            filing_reference=filing.reference,
        )
        notify_filing_reviewed(filing=locked)
    return locked


def filing_reject(
    *,
    filing: Filing,
    reviewed_by: User,
    reasons: Sequence[RejectionSpec],
    correction_due_on: datetime.date | None = None,
    notes: str = "",
    client_ip: str | None = None,
) -> Filing:
    """Reject a lodged filing with coded reasons, optionally allowing a correction by a date;
    the ``filing_rejected`` audit event goes in the same transaction."""
    errors: list[ValidationError] = []
    if not reasons:
        errors.append(
            ValidationError("Give at least one reason for rejecting.", code="review.no_reason")
        )
    known = {r.code: r for r in RejectionReason.objects.filter(active=True)}
    positions = dict(filing.documents.values_list("position", "pk"))
    for spec in reasons:
        if spec.reason_code not in known:
            errors.append(
                ValidationError(
                    f"{spec.reason_code!r} is not a rejection reason.", code="review.reason_unknown"
                )
            )
        if spec.document_position is not None and spec.document_position not in positions:
            errors.append(
                ValidationError(
                    f"The filing has no document {spec.document_position}.",
                    code="review.document_unknown",
                )
            )
    if correction_due_on is not None and correction_due_on < timezone.localdate():
        errors.append(
            ValidationError(
                "The date for a corrected filing cannot be in the past.",
                code="review.correction_date_past",
            )
        )
    if errors:
        raise ValidationError(errors)
    with service_atomic():
        locked = _lock_for_review(filing, reviewed_by)
        locked.status = Filing.Status.REJECTED
        locked.reviewed_by = reviewed_by
        locked.reviewed_at = timezone.now()
        locked.review_notes = notes.strip()
        locked.correction_due_on = correction_due_on
        locked.save(
            update_fields=[
                "status",
                "reviewed_by",
                "reviewed_at",
                "review_notes",
                "correction_due_on",
            ]
        )
        FilingRejection.objects.bulk_create(
            [
                FilingRejection(
                    filing=locked,
                    reason_id=spec.reason_code,
                    document_id=positions.get(spec.document_position or 0),
                    note=spec.note.strip(),
                )
                for spec in reasons
            ]
        )
        audit_record(
            action=AuditEvent.Action.FILING_REJECTED,
            user=reviewed_by,
            client_ip=client_ip,
            matter_number=filing.matter.number,
            filing_reference=filing.reference,
            detail={
                "reasons": [
                    {"code": spec.reason_code, "document_position": spec.document_position}
                    for spec in reasons
                ],
                "correction_due_on": correction_due_on,
            },
        )
        notify_filing_reviewed(filing=locked)
    return locked
