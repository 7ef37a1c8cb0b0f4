"""Forms of the discovery list pages: they parse input only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from filings.models import Party

from .models import DiscoveryList, ListService

LIST_ACCEPT = ".csv,.txt,.tsv,.tab,.xlsx,.dat"


class ListUploadForm(forms.Form):
    party = forms.ModelChoiceField(queryset=Party.objects.none(), label="The list of")
    file = forms.FileField(
        label="Discovery list",
        help_text="Delimited ASCII text (comma or tab), an Excel workbook (.xlsx) or a "
        "Concordance load file (.dat), with a header row naming the Recommended Fields.",
        widget=forms.ClearableFileInput(attrs={"accept": LIST_ACCEPT}),
    )

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        if len(parties) == 1:
            self.fields["party"].initial = parties[0].pk


class VerificationForm(forms.Form):
    method = forms.ChoiceField(
        label="The list is verified",
        choices=[c for c in DiscoveryList.Verification.choices if c[0]],
        widget=forms.RadioSelect,
    )


class ServiceForm(forms.Form):
    medium = forms.ChoiceField(label="Medium served", choices=ListService.MEDIUM_CHOICES)
    served_on = forms.ModelChoiceField(queryset=Party.objects.none(), label="Served on")
    letter_date = forms.DateField(
        label="Date of the covering letter", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["served_on"].queryset = parties


class ImagesForm(forms.Form):
    images = forms.FileField(
        label="ZIP of document images",
        help_text="Each image named as its Document ID (dots may be omitted), a TIFF.",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )
