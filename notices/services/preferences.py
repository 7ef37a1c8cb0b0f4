"""What a user chooses about reminders, and the limits a clerk sets on those choices."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_record
from notices.models import NoticePreferences, ReminderLimits
from notices.selectors import reminder_limits

Errors = dict[str, list[ValidationError]]


def notice_preferences_update(
    *,
    user: Any,
    days_before: int,
    remind_copies: bool,
    remind_directions: bool,
    remind_rule32: bool,
    overdue: bool,
) -> NoticePreferences:
    """Save a user's reminder choices; every choice outside the clerk's limits is refused."""
    limits = reminder_limits()
    errors: Errors = {}
    if not limits.min_days_before <= days_before <= limits.max_days_before:
        errors["days_before"] = [
            ValidationError(
                f"Choose between {limits.min_days_before} and {limits.max_days_before} days.",
                code="preferences.days_out_of_range",
            )
        ]
    if not overdue and limits.overdue_required:
        errors["overdue"] = [
            ValidationError(
                "The Registry sends overdue notices to everyone bound; they cannot be turned off.",
                code="preferences.overdue_required",
            )
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        preferences, _ = NoticePreferences.objects.update_or_create(
            user=user,
            defaults={
                "days_before": days_before,
                "remind_copies": remind_copies,
                "remind_directions": remind_directions,
                "remind_rule32": remind_rule32,
                "overdue": overdue,
            },
        )
    return preferences


def reminder_limits_update(
    *,
    updated_by: Any,
    default_days_before: int,
    min_days_before: int,
    max_days_before: int,
    overdue_required: bool,
) -> ReminderLimits:
    """A clerk sets the limits within which users choose their reminders (audited)."""
    errors: Errors = {}
    if min_days_before < 1:
        errors["min_days_before"] = [
            ValidationError("At least one day before.", code="limits.min_below_one")
        ]
    if max_days_before > 60:
        errors["max_days_before"] = [
            ValidationError("At most 60 days before.", code="limits.max_above_60")
        ]
    if min_days_before > max_days_before:
        errors.setdefault("max_days_before", []).append(
            ValidationError("The most cannot be less than the fewest.", code="limits.min_above_max")
        )
    elif not min_days_before <= default_days_before <= max_days_before:
        errors["default_days_before"] = [
            ValidationError(
                "The default must lie between the fewest and the most.",
                code="limits.default_outside",
            )
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        limits = ReminderLimits.objects.select_for_update().filter(pk=ReminderLimits.SINGLETON)
        before = limits.values(
            "default_days_before", "min_days_before", "max_days_before", "overdue_required"
        ).first()
        after = {
            "default_days_before": default_days_before,
            "min_days_before": min_days_before,
            "max_days_before": max_days_before,
            "overdue_required": overdue_required,
        }
        saved, _ = ReminderLimits.objects.update_or_create(
            pk=ReminderLimits.SINGLETON, defaults={**after, "updated_by": updated_by}
        )
        audit_record(
            action=AuditEvent.Action.ADMIN_CHANGE,
            user=updated_by,
            detail={"model": "notices.reminderlimits", "before": before, "after": after},
        )
    return saved
