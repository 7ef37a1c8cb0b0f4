"""Forms for a user's reminder choices and the clerk's limits on them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from notices.models import ReminderLimits


class PreferencesForm(forms.Form):
    days_before = forms.IntegerField(label="Days before the due date to remind me")
    remind_copies = forms.BooleanField(
        required=False,
        label="Electronic copies due after a conciliation certificate (PD16 para 3(b))",
    )
    remind_directions = forms.BooleanField(
        required=False, label="Directions to file, or file and serve (PD16 para 7)"
    )
    remind_rule32 = forms.BooleanField(
        required=False, label="Rule 32 awards and variations (PD16 para 11)"
    )
    overdue = forms.BooleanField(required=False, label="A notice when something is overdue")

    def __init__(self, *args: Any, limits: ReminderLimits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = self.fields["days_before"]
        days.help_text = (
            f"Between {limits.min_days_before} and {limits.max_days_before} days, as the "
            "Registry allows."
        )
        days.widget.attrs.update(min=limits.min_days_before, max=limits.max_days_before)
        if limits.overdue_required:
            self.fields["overdue"].disabled = True
            self.fields["overdue"].help_text = "The Registry sends these to everyone bound."


class LimitsForm(forms.Form):
    """The clerk's limits; checked by ``reminder_limits_update`` (the one place they are)."""

    min_days_before = forms.IntegerField(label="Fewest days before that a user may choose")
    default_days_before = forms.IntegerField(label="Days before, for users who have not chosen")
    max_days_before = forms.IntegerField(
        label="Most days before that a user may choose (at most 60)"
    )
    overdue_required = forms.BooleanField(
        required=False, label="Overdue notices cannot be turned off"
    )


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field."""
    for field, errors in error.error_dict.items():
        for item in errors:
            form.add_error(field if field in form.fields else None, item)
