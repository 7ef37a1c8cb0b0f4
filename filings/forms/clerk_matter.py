"""Forms of the clerks' matter page beyond ``filings.forms.clerk``: the Commission's direction
that submissions of parties be filed (PD16 para 9), withdrawing a direction or an application
of PN127 (paras 7 and 8), and closing or reopening the matter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from filings.forms.clerk import AccessibleForm, DateInput
from filings.services.withdrawals import REASON_MAX_LENGTH

# Posted values of ``SubmissionsDirectionForm.directed``: explicit, so that an empty or forged
# post records nothing rather than withdrawing the direction.
DIRECTED = "yes"
NOT_DIRECTED = "no"


class SubmissionsDirectionForm(AccessibleForm):
    """Record or withdraw the direction; the matter page posts it from one button."""

    directed = forms.TypedChoiceField(
        choices=[
            (DIRECTED, "Yes: submissions may be e-mailed"),
            (NOT_DIRECTED, "No: withdraw the record"),
        ],
        coerce=lambda value: value == DIRECTED,
        widget=forms.RadioSelect,
        label="Has the Commission directed that submissions of parties be filed?",
        help_text="PD16 para 9: in a matter where it has, submissions may be e-mailed to the "
        "client services address instead of filed on diskette or CD-ROM.",
    )


class WithdrawalForm(AccessibleForm):
    """Withdraw a para 7 direction or waiver, or an application of PN127 (para 8)."""

    withdrawn_on = forms.DateField(
        label="Withdrawn on",
        widget=DateInput(),
        help_text="The day the Registrar or the Commission withdrew it; not in the future.",
    )
    reason = forms.CharField(
        label="Reason",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Goes on the matter's record and to the practitioners of the parties it bound.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()


class MatterClosingForm(AccessibleForm):
    """Close a matter, or reopen a closed one: both need a reason (it goes into the trail)."""

    reason = forms.CharField(
        label="Reason",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
