"""Forms of the protocol pages: they check the shape of what is sent; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from filings.forms.clerk import AccessibleForm, DateInput
from practice_directions.rules.pn127_protocol import DEFAULT_FIELDS, RECOMMENDED_FIELD_NAMES

from .models import ProtocolSettings
from .services import SettingsInput

OPTIONAL_FIELDS = tuple(name for name in RECOMMENDED_FIELD_NAMES if name not in DEFAULT_FIELDS)


class ProposeForm(forms.Form):
    """One group's proposal: the group, the option, and the party it is made for."""

    group = forms.SlugField(max_length=60)
    option = forms.IntegerField(min_value=1, error_messages={"required": "Choose an option."})
    party = forms.IntegerField(min_value=1, required=False)


class PartyForm(forms.Form):
    """The party a practitioner acts for when agreeing (needed when they act for several)."""

    party = forms.IntegerField(min_value=1, required=False)


class OrderForm(AccessibleForm):
    group = forms.SlugField(max_length=60, widget=forms.HiddenInput)
    option = forms.IntegerField(min_value=1, error_messages={"required": "Choose an option."})
    made_on = forms.DateField(label="Order made on", widget=DateInput)
    terms = forms.CharField(max_length=300, required=False, label="Terms of the order")


class SettingsForm(AccessibleForm):
    """The protocol's settings (PN127 schedules (a)-(d) and the Recommended Fields)."""

    image_resolution_dpi = forms.IntegerField(
        label="Image resolution (dpi)",
        help_text="Schedule (a): images may be scanned at around 200 dpi.",
    )
    filename_structure = forms.ChoiceField(
        choices=ProtocolSettings.FilenameStructure.choices,
        widget=forms.RadioSelect,
        label="Image file names (schedule (b))",
    )
    folder_structure = forms.CharField(
        max_length=300, required=False, label="Agreed folder structure"
    )
    special_considerations = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Special considerations (schedule (c))",
        help_text="E.g. how redactions are masked; confidentiality orders or undertakings.",
    )
    undated_convention = forms.CharField(
        max_length=11,
        label="Undated documents",
        help_text="“blank”, or an agreed date in the form DD/MMM/YYYY such as 01/Jan/1801.",
    )
    document_id_pattern = forms.CharField(
        max_length=40,
        label="Document ID pattern",
        help_text="A for a letter, N for a digit, e.g. AAA.NNN.NNN.NNNN (party, box, folder, "
        "page).",
    )
    each_page_numbered = forms.BooleanField(required=False, label="Each page is numbered")
    fields_in_use = forms.MultipleChoiceField(
        choices=[(name, name) for name in OPTIONAL_FIELDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Recommended Fields in use besides the default fields",
        help_text=f"Always in use (schedule (d)): {', '.join(DEFAULT_FIELDS)}.",
    )
    party = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def values(self) -> SettingsInput:
        data: dict[str, Any] = self.cleaned_data
        return SettingsInput(
            image_resolution_dpi=data["image_resolution_dpi"],
            filename_structure=data["filename_structure"],
            folder_structure=data["folder_structure"],
            special_considerations=data["special_considerations"],
            undated_convention=data["undated_convention"].strip(),
            document_id_pattern=data["document_id_pattern"],
            each_page_numbered=data["each_page_numbered"],
            fields_in_use=tuple(data["fields_in_use"]),
        )


class OrderSettingsForm(SettingsForm):
    made_on = forms.DateField(label="Order made on", widget=DateInput)
    terms = forms.CharField(max_length=300, required=False, label="Terms of the order")


def settings_initial(values: Any) -> dict[str, Any]:
    """The settings that apply now, to start a new proposal or order from."""
    return {
        "image_resolution_dpi": values.image_resolution_dpi,
        "filename_structure": values.filename_structure,
        "folder_structure": values.folder_structure,
        "special_considerations": values.special_considerations,
        "undated_convention": values.undated_convention,
        "document_id_pattern": values.document_id_pattern,
        "each_page_numbered": values.each_page_numbered,
        "fields_in_use": [f for f in values.fields_in_use if f in OPTIONAL_FIELDS],
    }
