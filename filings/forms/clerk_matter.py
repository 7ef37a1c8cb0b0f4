"""Forms of the clerks' matter page beyond ``filings.forms.clerk``: the Commission's direction
that submissions of parties be filed (PD16 para 9)."""

from __future__ import annotations

from django import forms

from filings.forms.clerk import AccessibleForm

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
