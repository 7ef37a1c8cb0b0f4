"""Forms of the registry clerks' pages.

They check the shape of what is typed (a date is a date, a choice is one of the choices); the
services in ``filings.services`` decide what is allowed, and their errors are put back on the
fields they concern with ``AccessibleForm.add_service_errors``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from filings.models import (
    Direction,
    Document,
    Filing,
    Matter,
    Organisation,
    Party,
    PracticeNoteApplication,
)
from filings.services.review import RejectionSpec
from filings.text import with_paragraph
from practice_directions.models import DocumentKind, ProceedingType, RejectionReason


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _blank(choices: Iterable[tuple[str, str]], label: str = "Choose…") -> list[tuple[str, str]]:
    return [("", label), *choices]


class AccessibleForm(forms.Form):
    """A form whose hints and error messages are tied to their fields.

    Each input names its hint and its error message in ``aria-describedby`` (ids
    ``<field id>-hint`` and ``<field id>-error``, rendered by ``includes/field.html``), so a
    screen reader reads them with the field.
    """

    # The ids of a field's hint and error message, after the field's own id.
    hint_suffix = "-hint"
    error_suffix = "-error"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.describe_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.describe_fields()

    def describe_fields(self) -> None:
        errors = self._errors or {}
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            described_by = []
            if field.help_text:
                described_by.append(f"{auto_id}{self.hint_suffix}")
            if name in errors:
                described_by.append(f"{auto_id}{self.error_suffix}")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
            else:
                field.widget.attrs.pop("aria-describedby", None)

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's errors on the fields they name; the rest above the form."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                target = field if field in self.fields else None
                if field != NON_FIELD_ERRORS and target is None:
                    # A field this form does not show: keep the message, above the form.
                    self.add_error(None, errors)
                else:
                    self.add_error(target, errors)
        else:
            self.add_error(None, error)
        self.describe_fields()

    def error_codes(self) -> set[str]:
        """Every error code on the form (for tests and for the error summary's anchors)."""
        return {e.code for errors in self.errors.as_data().values() for e in errors if e.code}


# --- Matters and parties ---


class MatterOpenForm(AccessibleForm):
    proceeding = forms.ModelChoiceField(
        queryset=ProceedingType.objects.all(),
        to_field_name="code",
        empty_label="Choose…",
        label="Kind of proceeding",
    )
    title = forms.CharField(max_length=300, label="Title of the matter")
    abbreviated_title = forms.CharField(
        max_length=120,
        required=False,
        label="Abbreviated title",
        help_text="Printed on the label of the electronic copies (PD16 para 6). Leave empty to "
        "use the title when it is 120 characters or fewer.",
    )
    agreement_short_title = forms.CharField(
        max_length=200,
        required=False,
        label="Short title of the agreement",
        help_text="Section 34 and s.324 matters: e-mail subjects must carry it (PD16 para 10).",
    )
    opened_on = forms.DateField(label="Opened on", widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"opened_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class PartyRowForm(AccessibleForm):
    """One party typed when a matter is opened; an untouched row is ignored."""

    name = forms.CharField(max_length=200, label="Name")
    role = forms.ChoiceField(choices=_blank(Party.Role.choices), label="Role")
    representation = forms.ChoiceField(
        choices=_blank(Party.Representation.choices), label="Represented by"
    )


PartyRowFormSet = forms.formset_factory(PartyRowForm, extra=4, max_num=30, validate_max=True)


class PartyAddForm(AccessibleForm):
    name = forms.CharField(max_length=200, label="Name of the party")
    role = forms.ChoiceField(choices=_blank(Party.Role.choices), label="Role")
    representation = forms.ChoiceField(
        choices=_blank(Party.Representation.choices),
        label="Represented by",
        help_text="PD16 para 3(c): the direction does not apply to an unrepresented party.",
    )
    representative_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="None recorded",
        label="Firm, chambers or organisation",
    )


class PartyRepresentationForm(AccessibleForm):
    representation = PartyAddForm.base_fields["representation"]
    representative_organisation = PartyAddForm.base_fields["representative_organisation"]


class RepresentativeLinkForm(AccessibleForm):
    user = forms.CharField(
        max_length=254,
        label="Practitioner's username or e-mail address",
        help_text="The practitioner will see the matter and may lodge for this party.",
    )
    since = forms.DateField(required=False, label="Acting since", widget=DateInput)

    def clean_user(self) -> Any:
        typed = self.cleaned_data["user"].strip()
        users = get_user_model().objects.filter(is_active=True)
        user = users.filter(username__iexact=typed).first()
        if user is None:
            by_email = list(users.filter(email__iexact=typed)[:2])
            if len(by_email) > 1:
                raise ValidationError(
                    "Several accounts share that e-mail address: give the username.",
                    code="representative.account_ambiguous",
                )
            user = by_email[0] if by_email else None
        if user is None:
            raise ValidationError(
                "No active account has that username or e-mail address.",
                code="representative.account_unknown",
            )
        return user


class RepresentativeUnlinkForm(AccessibleForm):
    user = forms.IntegerField(widget=forms.HiddenInput)


# --- Records on a matter ---


class CertificateForm(AccessibleForm):
    issued_on = forms.DateField(
        label="Date the certificate issued",
        widget=DateInput,
        help_text="Both parties then have 28 days to file electronic copies of all "
        "documentation filed (PD16 para 3(b)).",
    )


class DirectionForm(AccessibleForm):
    kind = forms.ChoiceField(
        choices=Direction.Kind.choices, widget=forms.RadioSelect, label="What was made"
    )
    made_by = forms.ChoiceField(
        choices=Direction.MadeBy.choices, widget=forms.RadioSelect, label="Made by"
    )
    made_on = forms.DateField(label="Made on", widget=DateInput)
    parties = forms.ModelMultipleChoiceField(
        queryset=Party.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Parties it binds",
        help_text="Tick none for every party to the matter.",
    )
    document_kinds = forms.ModelMultipleChoiceField(
        queryset=DocumentKind.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Documents it covers",
        help_text="Tick none for all documentation.",
    )
    serve = forms.BooleanField(
        required=False, label="The parties must also serve the electronic copies"
    )
    due_on = forms.DateField(
        required=False,
        label="File by",
        widget=DateInput,
        help_text="For a direction to file: the date set. The bound parties see it as due.",
    )
    scope = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Terms",
        help_text="The terms as made, e.g. the extent of a waiver in part.",
    )

    def __init__(self, *args: Any, matter: Matter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = matter.parties.order_by("role", "name")


class PracticeNoteForm(AccessibleForm):
    made_by = forms.ChoiceField(
        choices=Direction.MadeBy.choices, widget=forms.RadioSelect, label="Applied by"
    )
    applied_on = forms.DateField(label="Applied on", widget=DateInput)
    extent = forms.ChoiceField(
        choices=PracticeNoteApplication.Extent.choices,
        widget=forms.RadioSelect,
        label="Extent",
        initial=PracticeNoteApplication.Extent.WHOLE,
    )
    parts = forms.CharField(
        required=False,
        label="Paragraphs of PN127 applied",
        help_text="Only when applied in part, e.g. “5, 6, 9-10”.",
    )
    conditions = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Conditions"
    )


class Rule32OrderForm(AccessibleForm):
    description = forms.CharField(
        max_length=300,
        label="Award or variation",
        help_text="e.g. “Clerical and Administrative Employees (State) Award — variation”.",
    )
    made_on = forms.DateField(label="Made on", widget=DateInput)
    file_by = forms.DateField(
        label="To be filed by",
        widget=DateInput,
        help_text="The time the Commission specified when making it (PD16 para 11).",
    )


class Rule32ReceiptForm(AccessibleForm):
    received_on = forms.DateField(label="Received on", widget=DateInput)
    received_filing = forms.ModelChoiceField(
        queryset=Filing.objects.none(),
        required=False,
        empty_label="Not linked to a filing",
        label="Filing that carried it",
    )

    def __init__(self, *args: Any, matter: Matter, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["received_filing"].queryset = matter.filings.select_related("matter").order_by(
            "sequence"
        )


# --- Lists ---


class MatterSearchForm(AccessibleForm):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Number, title or party",
        help_text="e.g. IRC2026/0001, 2026-1, “Acme” or a party's name.",
    )
    proceeding = forms.ModelChoiceField(
        queryset=ProceedingType.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="Any",
        label="Kind of proceeding",
    )


class FilingFilterForm(AccessibleForm):
    status = forms.ChoiceField(
        choices=_blank(Filing.Status.choices, "Any"), required=False, label="Status"
    )
    lodged_from = forms.DateField(required=False, label="Lodged from", widget=DateInput)
    lodged_to = forms.DateField(required=False, label="Lodged to", widget=DateInput)
    proceeding = MatterSearchForm.base_fields["proceeding"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("lodged_from"), data.get("lodged_to")
        if start and end and start > end:
            self.add_error(
                "lodged_to",
                ValidationError(
                    "The end date is before the start date.", code="filter.dates_reversed"
                ),
            )
        return data


# --- Review ---


class AcceptForm(AccessibleForm):
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Notes")


class RejectForm(AccessibleForm):
    """Coded reasons for the filing as a whole and for each of its documents, plus free text."""

    correction_due_on = forms.DateField(
        required=False,
        label="A corrected filing may be lodged by",
        widget=DateInput,
        help_text="Optional. The practitioner sees this date with the reasons.",
    )
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Notes to the practitioner",
    )

    def __init__(
        self,
        *args: Any,
        documents: Iterable[Document],
        reasons: Iterable[RejectionReason],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(r.code, with_paragraph(r.text, r.paragraph)) for r in reasons]
        self.groups: list[tuple[str, Document | None]] = [("filing", None)]
        self.groups += [(f"doc_{d.position}", d) for d in documents]
        for key, document in self.groups:
            about = f"document {document.position}" if document else "the filing as a whole"
            self.fields[f"reasons_{key}"] = forms.MultipleChoiceField(
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label=f"Reasons about {about}",
            )
            self.fields[f"note_{key}"] = forms.CharField(
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                label=f"Note about {about}",
            )
        # The date and notes come last on the page, after the reasons.
        self.order_fields([name for name in self.fields if name.startswith(("reasons_", "note_"))])
        self.describe_fields()

    def reason_groups(self) -> list[tuple[Document | None, Any, Any]]:
        """(document or None, reasons field, note field) for the template."""
        return [(doc, self[f"reasons_{key}"], self[f"note_{key}"]) for key, doc in self.groups]

    def rejection_specs(self) -> list[RejectionSpec]:
        specs: list[RejectionSpec] = []
        for key, document in self.groups:
            note = self.cleaned_data.get(f"note_{key}", "")
            for code in self.cleaned_data.get(f"reasons_{key}", []):
                specs.append(
                    RejectionSpec(
                        reason_code=code,
                        document_position=document.position if document else None,
                        note=note,
                    )
                )
        return specs


# --- Lodgments recorded at the counter or from an e-mail (their documents: forms.lodgment) ---


class _LodgmentHeaderForm(AccessibleForm):
    """The head of a lodgment the clerk records; its documents are the shared formset
    (``filings.forms.lodgment``), attached as ``documents`` so that the page's codes include
    theirs."""

    documents: Any = None
    # Rendered by the lodgment form body every channel shares
    # (``filings/lodgment/_form_body.html``), whose field template uses Django's own ids.
    hint_suffix = "_helptext"
    error_suffix = "_error"
    fields_after_documents: tuple[str, ...] = ()

    def error_codes(self) -> set[str]:
        codes = super().error_codes()
        if self.documents is not None and self.documents.is_bound:
            for row in self.documents.forms:
                codes |= {e.code for es in row.errors.as_data().values() for e in es if e.code}
        return codes


class CounterLodgmentForm(_LodgmentHeaderForm):
    party = forms.ModelChoiceField(
        queryset=Party.objects.none(), empty_label="Choose…", label="Lodged for"
    )
    channel = forms.ChoiceField(
        choices=[
            (Filing.Channel.DISKETTE, "Diskette"),
            (Filing.Channel.CD_ROM, "CD-ROM"),
        ],
        widget=forms.RadioSelect,
        label="Medium (PD16 para 4)",
    )

    def __init__(self, *args: Any, matter: Matter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = matter.parties.order_by("role", "name")


class EmailLodgmentForm(_LodgmentHeaderForm):
    party = forms.ModelChoiceField(
        queryset=Party.objects.none(), empty_label="Choose…", label="Lodged for"
    )
    email_subject = forms.CharField(
        max_length=300,
        label="Subject line of the e-mail",
        help_text="PD16 para 10: s.34 and s.324 matters carry the agreement's short title; "
        "Rule 32 matters and submissions carry the matter's title and number (IRC2004/1000).",
    )
    sent_at = forms.DateTimeField(
        label="Sent at (from the transmission report)", widget=DateTimeInput
    )
    sent_to = forms.EmailField(
        label="Sent to (from the transmission report)",
        help_text="PD16 para 9: the address the report shows.",
    )
    problems_acknowledged = forms.BooleanField(
        required=False,
        label="Record it despite the problems shown (then reject it in review with the reason)",
    )

    def __init__(self, *args: Any, matter: Matter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = matter.parties.order_by("role", "name")
