"""The lodgment form stack, for every channel: which party lodges, and one row per document
with its electronic copy. The practitioners' page and the clerks' counter and e-mail pages use
the same document formset (the clerks' adds "a paper copy was lodged" to each row), the same
mapping of rows to ``DocumentSubmission`` (``submissions_from_rows``: "annexed to" a row becomes
a position in the filing) and the same placing of the service's problems on rows and fields.

The form checks shape only (a kind was chosen, a title typed, "annexed to" names a row that is
filled in). Whether a copy is required, exempt or waived, and whether a file is acceptable, is
decided by ``filings.services.lodgment.filing_lodge``; its coded problems are put back on the
row and field they concern by ``apply_lodgment_errors``.

After a refused submission each chosen file that passed its own checks is kept for the session
(``keep_checked_files``, ``filings.held_uploads``); the row carries the kept file's token and,
sent again without a new file, lodges the kept file as if it had been chosen again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseFormSet, formset_factory

from filings.forms.rendering import plain_widget_renderer
from filings.held_uploads import (
    HeldFile,
    HeldUpload,
    HeldUploadError,
    held_uploads_supersede,
    hold,
    redeem,
)
from filings.models import Document, Party
from filings.services.lodgment import DocumentSubmission, document_problem_prefix
from filings.uploads import received_digest
from filings.validation import ValidationPolicy, validate_file
from practice_directions.models import DocumentKind

FORMSET_PREFIX = "documents"
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


HELD_COPY_FIELD = "held_copy"
HELD_TOKEN_MAX = 500

PAPER_COPY_CHOICES = [("yes", "Yes"), ("no", "No")]


class LodgmentForm(forms.Form):
    """The party lodging; limited to the parties the practitioner represents in the matter."""

    default_renderer = plain_widget_renderer()

    party = forms.ModelChoiceField(
        queryset=Party.objects.none(),
        label="Lodging for",
        empty_label=None,
        help_text="The party you act for in this matter.",
    )

    # The para 5 declaration is made of the documents, so the form shows it after their rows.
    fields_after_documents = ("same_text",)

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

    default_renderer = plain_widget_renderer()

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
    paper_copy_lodged = forms.BooleanField(
        required=False, initial=True, label="A paper copy was lodged"
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
        paper_copy: bool = False,
        carry_choices: Sequence[tuple[int, str]] = (),
        kind_choices: Callable[[], list[tuple[Any, str]]] | None = None,
        held_session: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.held_session = held_session
        self.held: HeldFile | None = None
        if not paper_copy:
            # The registry's counter and e-mail pages record the paper copy handed in; a
            # practitioner is asked, never assumed, and the Notice of Lodgment records it.
            self.fields["paper_copy_lodged"] = forms.ChoiceField(
                choices=PAPER_COPY_CHOICES,
                widget=forms.RadioSelect,
                label="Is a paper copy of this document lodged too?",
                error_messages={"required": "Say whether a paper copy of this document is lodged."},
            )
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
        if kind_choices is not None:
            # The formset's, read once for every row, and only if a row is rendered (a callable
            # is called when the choices are first iterated); the queryset still validates.
            self.fields["kind"].choices = kind_choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The token of a file kept from a refused submission (filings.held_uploads), which the
        # row template writes as a hidden input only for a row that has one.
        token = str(self.data.get(self.add_prefix(HELD_COPY_FIELD), ""))[:HELD_TOKEN_MAX]
        if token and not data.get("electronic_copy") and "electronic_copy" not in self.errors:
            # No new file chosen: the row lodges the file kept from the last attempt, if this
            # session kept it and it has not expired.
            try:
                self.held = redeem(token=token, session_key=self.held_session)
            except HeldUploadError as error:
                self.add_error("electronic_copy", ValidationError(error.message, code=error.code))
            else:
                data["electronic_copy"] = HeldUpload(self.held)
        return data


def _paper_copy(answer: object) -> bool:
    """The clerks' checkbox gives a bool; the practitioners' question "yes" or "no"."""
    return answer == "yes" if isinstance(answer, str) else bool(answer)


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
        kwargs["kind_choices"] = self._kind_choices
        return kwargs

    def _kind_choices(self) -> list[tuple[Any, str]]:
        # Read once for every row: each row's select would otherwise query the kinds again
        # (a ModelChoiceField iterates its queryset afresh each time it renders).
        if not hasattr(self, "_kinds"):
            field = DocumentForm.base_fields["kind"]
            assert isinstance(field, forms.ModelChoiceField)
            # One query: list(field.choices) would count the rows first, then read them.
            iterator = field.iterator(field)
            blank = [("", field.empty_label)] if field.empty_label is not None else []
            self._kinds = blank + [iterator.choice(kind) for kind in field.queryset]
        return self._kinds

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
                    paper_copy_lodged=_paper_copy(data.get("paper_copy_lodged", True)),
                    carry_over_from=data.get("carry_over_from"),
                )
            )
        return rows

    def clean(self) -> None:
        if any(self.errors):
            return
        if not any(self._is_filled(index, form) for index, form in enumerate(self.forms)):
            raise ValidationError("Add at least one document.", code="filing.empty")
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
        extra=DEFAULT_ROWS,
        renderer=plain_widget_renderer(),
        # "At least one document" is judged on the filled rows (clean), not on the row count,
        # so every row, the first too, may be left empty.
        min_num=0,
        validate_min=False,
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
    paper_copy: bool = False,
    initial: Sequence[dict[str, Any]] | None = None,
    carry_choices: Sequence[tuple[int, str]] = (),
    held_session: str | None = None,
) -> BaseDocumentFormSet:
    """A bound formset from a POST, or a blank one with ``rows`` rows; ``paper_copy`` adds the
    registry's "a paper copy was lodged" to each row. A correction's starts from the rejected
    filing's documents (``initial``) and offers their copies to carry over (``carry_choices``:
    document id and label). ``held_session`` is the session key that may redeem kept files."""
    formset_class = document_formset_class(max_documents=max_documents)
    formset_class.carry_choices = tuple(carry_choices)
    if data is None:
        extra_rows = max(1, min(rows, max_documents))
        if initial:
            extra_rows = max(0, min(rows, max_documents) - len(initial))
        formset_class.extra = extra_rows
    return formset_class(
        data=data,
        files=files,
        prefix=FORMSET_PREFIX,
        initial=initial,
        form_kwargs={"paper_copy": paper_copy, "held_session": held_session},
    )


def keep_checked_files(formset: BaseDocumentFormSet, *, session_key: str | None) -> None:
    """After a refused submission, keep each chosen file that passed its own checks for the
    session ``session_key`` (issue 11 section 4), so that the re-rendered row offers it and it
    need not be chosen again. A file with a problem on its row is not kept; a file kept before
    and still unobjected to stays kept; the session's other kept files are released."""
    if not session_key or not formset.is_bound:
        return
    policy = ValidationPolicy.from_settings()
    for form in formset.forms:
        if "electronic_copy" in form.errors:
            form.held = None
            continue
        upload = getattr(form, "cleaned_data", {}).get("electronic_copy")
        if not upload or isinstance(upload, HeldUpload):
            continue
        role = form.cleaned_data.get("role") or Document.Role.PRINCIPAL
        checked = validate_file(
            Path(upload.temporary_file_path()), role=role, filename=upload.name, policy=policy
        )
        if not checked.errors:
            form.held = hold(
                source=upload.temporary_file_path(), name=upload.name, session_key=session_key
            )
    # One submission's worth per session: what this page no longer offers is released.
    held_uploads_supersede(session_key=session_key, keep=held_ids_used(formset))


def held_ids_used(formset: BaseDocumentFormSet) -> list[str]:
    """The kept files a lodged formset used, to remove once the lodgment commits."""
    return [form.held.held_id for form in formset.forms if form.held is not None]


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


def submissions_from_rows(
    rows: list[DocumentRow],
    carried_over: Callable[[DocumentRow, dict[str, Any]], DocumentSubmission] | None = None,
) -> list[DocumentSubmission]:
    """The filled rows as the documents of the filing, in order (every channel's one mapping);
    a correction's row without a file that chose a copy to carry over goes to ``carried_over``
    with the row's other fields."""
    submissions = []
    for row in rows:
        fields = {
            "annexed_to": annexed_to_position(row, rows),
            "paper_copy_lodged": row.paper_copy_lodged,
            "annexure_not_readily_available": row.annexure_not_readily_available,
        }
        if row.upload is None and row.carry_over_from is not None and carried_over:
            submissions.append(carried_over(row, fields))
            continue
        submissions.append(_uploaded(row, rows))
    return submissions


def _uploaded(row: DocumentRow, rows: list[DocumentRow]) -> DocumentSubmission:
    return DocumentSubmission(
        kind=row.kind,
        title=row.title,
        role=row.role,
        path=Path(row.upload.temporary_file_path()) if row.upload else None,
        original_filename=row.upload.name if row.upload else "",
        annexed_to=annexed_to_position(row, rows),
        paper_copy_lodged=row.paper_copy_lodged,
        annexure_not_readily_available=row.annexure_not_readily_available,
        received=received_digest(row.upload),
    )


def apply_lodgment_errors(
    *,
    error: ValidationError,
    lodgment_form: forms.Form,
    formset: BaseDocumentFormSet,
    rows: list[DocumentRow],
) -> None:
    """Put the service's coded problems on the row and field they concern.

    The service names a document by its position in the filing ("Document 2: …"); that maps
    back to a form row. Problems of the whole filing go on the lodgment form; problems keyed by
    a field the lodgment form has (the e-mail channel's subject, address, time) go on it.
    """
    problems = []
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            if field in lodgment_form.fields:
                lodgment_form.add_error(field, errors)
            else:
                problems.extend(errors)
    else:
        problems = error.error_list
    row_by_position = {position: row for position, row in enumerate(rows, start=1)}
    for problem in problems:
        message = problem.message % problem.params if problem.params else problem.message
        position = (problem.params or {}).get("position")
        row = row_by_position.get(position) if position else None
        if row is None:
            lodgment_form.add_error(None, ValidationError(message, code=problem.code))
            continue
        field = FIELD_FOR_CODE.get(problem.code or "", "electronic_copy")
        message = message.removeprefix(document_problem_prefix(position))
        formset.forms[row.index].add_error(field, ValidationError(message, code=problem.code))
    describe = getattr(lodgment_form, "describe_fields", None)
    if describe is not None:  # the registry's forms tie errors to fields for screen readers
        describe()
