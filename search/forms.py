"""The search form: what was typed, parsed, and the filters."""

from __future__ import annotations

from typing import Any

from django import forms

from filings.forms.clerk import AccessibleForm
from practice_directions.models import DocumentKind
from search.query import ParsedQuery, QueryError, parse_query
from search.selectors import SearchFilters, last_page


class DocumentSearchForm(AccessibleForm):
    q = forms.CharField(
        label="Search the text of lodged documents",
        max_length=300,
        help_text='Words (all must appear), "a phrase", roster NEAR/5 overtime, -excluded.',
    )
    matter = forms.RegexField(
        label="Matter number",
        regex=r"^IRC\d{4}/\d{1,6}$",
        required=False,
        error_messages={"invalid": "Give the matter number as IRC2026/0001."},
    )
    party = forms.CharField(label="Party", max_length=200, required=False)
    kind = forms.ModelChoiceField(
        label="Kind of document",
        queryset=DocumentKind.objects.order_by("position", "name"),
        required=False,
        empty_label="Any kind",
    )
    lodged_from = forms.DateField(
        label="Lodged from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    lodged_to = forms.DateField(
        label="Lodged to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    page = forms.IntegerField(
        min_value=1, max_value=last_page(), required=False, widget=forms.HiddenInput
    )

    def clean_q(self) -> ParsedQuery:
        try:
            return parse_query(self.cleaned_data["q"])
        except QueryError as error:
            raise forms.ValidationError(error.message, code=error.code) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("lodged_from"), cleaned.get("lodged_to")
        if start and end and start > end:
            self.add_error(
                "lodged_to",
                forms.ValidationError(
                    "The end of the period is before its start.", code="search.period_reversed"
                ),
            )
        return cleaned

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            matter_number=data.get("matter") or "",
            party_name=(data.get("party") or "").strip(),
            kind_id=data["kind"].pk if data.get("kind") else None,
            lodged_from=data.get("lodged_from"),
            lodged_to=data.get("lodged_to"),
        )
