"""The lodgment form: which party lodges, and one row per document with its electronic copy.

The form checks shape only (a kind was chosen, a title typed, "annexed to" names a row that is
filled in). Whether a copy is required, exempt or waived, and whether a file is acceptable, is
decided by ``filings.services.lodgment.filing_lodge``; its coded problems are put back on the
row and field they concern by ``apply_lodgment_errors``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseFormSet, formset_factory

from filings.models import Document, Party
from filings.services.lodgment import document_problem_prefix
from practice_directions.models import DocumentKind

FORMSET_PREFIX = "documents"
PAPER_COPY_CHOICES = [("yes", "Yes"), ("no", "No")]
DEFAULT_ROWS = 3

# Which field of a row a coded problem from the lodgment service belongs to; problems with
# the file itself (``format.*``, ``upload.*`` and the rest) go on the file field.
FIELD_FOR_CODE = {
    "document.title_missing": "title",
    "document.kind_inactive": "kind",
    "document.role_invalid": "role",
    "document.annexed_to_invalid": "annexed_to",
    "document.exemption_3d_not_annexure": "annexure_not_readily_available",
}


class LodgmentForm(forms.Form):
    """The party lodging; limited to the parties the practitioner represents in the matter."""

    party = forms.ModelChoiceField(
        queryset=Party.objects.none(),
        label="Lodging for",
        empty_label=None,
        help_text="The party you act for in this matter.",
    )

    same_text = forms.BooleanField(
        label="Each electronic copy contains the same text as its paper copy (PD16 para 5)",
        error_messages={
            "required": "Declare that each electronic copy contains the same text as its paper "
            "copy (PD16 para 5)."
        },
    )

    def __init__(self, *args: Any, parties: QuerySet[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties


class DocumentForm(forms.Form):
    """One document of the filing."""

    kind = forms.ModelChoiceField(
        queryset=DocumentKind.objects.filter(active=True),
        label="Kind of document",
        empty_label="Choose a kind",
    )
    title = forms.CharField(
        max_length=200,
        label="Title",
        help_text="As it appears on the document, e.g. \u201cAffidavit of J Smith\u201d.",
    )
    role = forms.ChoiceField(
        choices=Document.Role.choices,
        initial=Document.Role.PRINCIPAL,
        label="Principal document or annexure",
    )
    annexed_to = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="Annexed to",
        help_text="For an annexure or attachment: the document it belongs to.",
    )
    electronic_copy = forms.FileField(
        required=False,
        label="Electronic copy",
        help_text="Word (DOC) or RTF; an annexure may also be TIFF, GIF or JPEG. "
        "PDF is not accepted (PD16 para 4).",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".doc,.rtf,.tif,.tiff,.gif,.jpg,.jpeg", "class": "copy-input"}
        ),
    )
    annexure_not_readily_available = forms.BooleanField(
        required=False,
        label="This annexure is not readily available in computer-readable format (PD16 para 3(d))",
    )
    # Asked, never assumed: the Notice of Lodgment records the answer.
    paper_copy_lodged = forms.ChoiceField(
        choices=PAPER_COPY_CHOICES,
        widget=forms.RadioSelect,
        label="Is a paper copy of this document lodged too?",
        error_messages={"required": "Say whether a paper copy of this document is lodged."},
    )
    carry_over_from = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="Or carry over the copy lodged with the rejected filing",
        help_text="Copies the registry gave no reason about may be lodged again without "
        "choosing the file.",
    )

    def __init__(
        self,
        *args: Any,
        row_count: int = DEFAULT_ROWS,
        carry_choices: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if carry_choices:
            self.fields["carry_over_from"].choices = [("", "No: upload or no copy")] + [
                (str(pk), label) for pk, label in carry_choices
            ]
        else:
            del self.fields["carry_over_from"]
        self.fields["annexed_to"].choices = [
            ("", "The nearest principal document above"),
            *[(str(n), f"Document {n}") for n in range(1, row_count + 1)],
        ]
        self.fields["kind"].queryset = DocumentKind.objects.filter(active=True)


@dataclass(frozen=True)
class DocumentRow:
    """A filled-in row: its index in the form, what was typed and the file chosen (if any)."""

    index: int
    kind: DocumentKind
    title: str
    role: str
    annexed_to_row: int | None
    upload: Any
    annexure_not_readily_available: bool
    paper_copy_lodged: bool = True
    carry_over_from: int | None = None


class BaseDocumentFormSet(BaseFormSet):
    """Rows of documents; blank extra rows are ignored."""

    carry_choices: Sequence[tuple[int, str]] = ()

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        kwargs["row_count"] = self.total_form_count()
        kwargs["carry_choices"] = self.carry_choices
        return kwargs

    def _is_filled(self, index: int, form: forms.Form) -> bool:
        # A correction's rows start filled in from the rejected filing: they count even when
        # sent unchanged. Blank extra rows count only once something is typed in them.
        if not form.cleaned_data:
            return False
        return index < self.initial_form_count() or form.has_changed()

    def filled_rows(self) -> list[DocumentRow]:
        """The rows that were filled in, in order (call after ``is_valid``)."""
        rows = []
        for index, form in enumerate(self.forms):
            data = form.cleaned_data
            if not self._is_filled(index, form):
                continue
            rows.append(
                DocumentRow(
                    index=index,
                    kind=data["kind"],
                    title=data["title"],
                    role=data["role"],
                    annexed_to_row=data.get("annexed_to"),
                    upload=data.get("electronic_copy"),
                    annexure_not_readily_available=data.get(
                        "annexure_not_readily_available", False
                    ),
                    paper_copy_lodged=data.get("paper_copy_lodged") == "yes",
                    carry_over_from=data.get("carry_over_from"),
                )
            )
        return rows

    def clean(self) -> None:
        if any(self.errors):
            return
        filled = {
            index + 1: form.cleaned_data["role"]
            for index, form in enumerate(self.forms)
            if self._is_filled(index, form)
        }
        for index, form in enumerate(self.forms):
            target = form.cleaned_data.get("annexed_to") if form.cleaned_data else None
            if target is None or index + 1 not in filled:
                continue
            if target not in filled or target >= index + 1:
                form.add_error(
                    "annexed_to",
                    ValidationError(
                        "Choose a document above this one that is filled in.",
                        code="document.annexed_to_invalid",
                    ),
                )


def document_formset_class(*, max_documents: int) -> type[BaseDocumentFormSet]:
    """A formset class allowing up to ``max_documents`` rows (the upload's file limit)."""
    return formset_factory(
        DocumentForm,
        formset=BaseDocumentFormSet,
        extra=DEFAULT_ROWS - 1,
        min_num=1,
        validate_min=True,
        max_num=max_documents,
        validate_max=True,
        absolute_max=max_documents,
    )


def make_document_formset(
    *,
    max_documents: int,
    rows: int = DEFAULT_ROWS,
    data: Any = None,
    files: Any = None,
    initial: Sequence[dict[str, Any]] | None = None,
    carry_choices: Sequence[tuple[int, str]] = (),
) -> BaseDocumentFormSet:
    """A bound formset from a POST, or a blank one with ``rows`` rows; a correction's starts
    from the rejected filing's documents (``initial``) and offers their copies to carry over
    (``carry_choices``: document id and label)."""
    formset_class = document_formset_class(max_documents=max_documents)
    formset_class.carry_choices = tuple(carry_choices)
    if data is None:
        extra_rows = max(0, min(rows, max_documents) - 1)
        if initial:
            extra_rows = max(0, min(rows, max_documents) - len(initial))
        formset_class.extra = extra_rows
    return formset_class(data=data, files=files, prefix=FORMSET_PREFIX, initial=initial)


def positions_of(rows: list[DocumentRow]) -> dict[int, int]:
    """Form row number (from 1) -> position in the filing, skipping blank rows."""
    return {row.index + 1: position for position, row in enumerate(rows, start=1)}


def annexed_to_position(row: DocumentRow, rows: list[DocumentRow]) -> int | None:
    """The filing position this row is annexed to (the nearest principal above if unset)."""
    if row.role != Document.Role.ANNEXURE:
        return positions_of(rows).get(row.annexed_to_row) if row.annexed_to_row else None
    positions = positions_of(rows)
    if row.annexed_to_row is not None:
        return positions.get(row.annexed_to_row)
    earlier = [r for r in rows if r.index < row.index and r.role == Document.Role.PRINCIPAL]
    return positions[earlier[-1].index + 1] if earlier else None


def apply_lodgment_errors(
    *,
    error: ValidationError,
    lodgment_form: LodgmentForm,
    formset: BaseDocumentFormSet,
    rows: list[DocumentRow],
) -> None:
    """Put the service's coded problems on the row and field they concern.

    The service names a document by its position in the filing ("Document 2: …"); that maps
    back to a form row. Problems of the whole filing go on the lodgment form.
    """
    row_by_position = {position: row for position, row in enumerate(rows, start=1)}
    for problem in error.error_list:
        message = problem.message % problem.params if problem.params else problem.message
        position = (problem.params or {}).get("position")
        row = row_by_position.get(position) if position else None
        if row is None:
            lodgment_form.add_error(None, ValidationError(message, code=problem.code))
            continue
        field = FIELD_FOR_CODE.get(problem.code or "", "electronic_copy")
        message = message.removeprefix(document_problem_prefix(position))
        formset.forms[row.index].add_error(field, ValidationError(message, code=problem.code))
