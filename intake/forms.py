"""Forms of the intake pages."""

from __future__ import annotations

from typing import Any

from django import forms

from filings.forms.clerk import AccessibleForm
from filings.models import Filing, Party
from practice_directions.models import DocumentKind


class AssignForm(AccessibleForm):
    """Assign a queued message to a matter and a party (which lodges it)."""

    matter = forms.CharField(
        label="Matter number", max_length=16, help_text="For example IRC2026/0001."
    )
    party = forms.ModelChoiceField(
        label="Party lodging it",
        queryset=Party.objects.none(),
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None:
            self.fields["party"].queryset = parties
            self.fields["party"].required = True


class RejectForm(AccessibleForm):
    reason = forms.CharField(
        label="Reason for rejecting it",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="The sender is told this reason.",
    )


class DiscUploadForm(AccessibleForm):
    disc = forms.FileField(
        label="Disc (ZIP or ISO image)", help_text="A ZIP of the disc, or an ISO 9660 image."
    )
    party = forms.CharField(label="Party's name", max_length=200)
    matter = forms.CharField(
        label="Matter number",
        max_length=16,
        required=False,
        help_text="Needed when the disc has no label.",
    )
    channel = forms.ChoiceField(
        label="The disc is a",
        choices=[(Filing.Channel.DISKETTE, "Diskette"), (Filing.Channel.CD_ROM, "CD-ROM")],
        widget=forms.RadioSelect,
        initial=Filing.Channel.CD_ROM,
    )


class DiscLodgeForm(AccessibleForm):
    """The disc already uploaded (by its token) and the clerk's kinds and titles."""

    token = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    party = forms.CharField(widget=forms.HiddenInput)
    matter = forms.CharField(
        label="Matter number",
        max_length=16,
        required=False,
        help_text="Needed when the disc has no label; for example IRC2026/0001.",
    )
    channel = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, needs: list[str] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        kinds = DocumentKind.objects.filter(active=True).order_by("position", "name")
        self.needs = list(needs)
        for number, name in enumerate(self.needs):
            self.fields[f"kind_{number}"] = forms.ModelChoiceField(
                label=f"Kind of {name}", queryset=kinds
            )
            self.fields[f"title_{number}"] = forms.CharField(
                label=f"Title of {name}", max_length=200
            )

    def choices(self) -> dict[str, tuple[DocumentKind, str]]:
        return {
            name: (self.cleaned_data[f"kind_{n}"], self.cleaned_data[f"title_{n}"])
            for n, name in enumerate(self.needs)
        }
