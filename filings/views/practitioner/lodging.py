"""Lodging a filing, or the correction of a rejected one.

Upload views are ``csrf_exempt`` outside and ``csrf_protect`` inside (see ``uploads``). A refused
upload is answered before the CSRF check: nothing is written then, and the page only shows the
refusal with what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from audit.services import request_client_ip
from filings.forms.lodgment import (
    LodgmentForm,
    apply_lodgment_errors,
    held_ids_used,
    keep_checked_files,
    make_document_formset,
    submissions_from_rows,
)
from filings.held_uploads import held_uploads_spent
from filings.models import Document, Filing, Matter, Party
from filings.selectors import access
from filings.selectors.kind_guide import principal_decisions_by_kind
from filings.selectors.practitioner_pages import correction_documents, lodging_parties
from filings.services.carry_over import carry_over_candidates, carry_over_submission
from filings.services.lodgment import filing_lodge
from filings.text import with_paragraph
from filings.uploads import (
    Received,
    UploadRefusal,
    receive,
    refusal_status,
)
from filings.validation import ValidationPolicy, validate_file
from filings.views.error_summary import SummaryItem, error_summary
from filings.views.lodgment_form import lodgment_form_context, requested_rows
from practice_directions.selectors import load_rules
from registry.roles import practitioner_required

from .common import filing_or_404, represented_matter_or_404
from .verdicts import decision_json


def _max_documents() -> int:
    return int(settings.DATA_UPLOAD_MAX_NUMBER_FILES)


def _kind_guide(party: Party | None) -> list[dict[str, Any]]:
    """What the rules say today for each kind, lodged as a principal document by ``party``."""
    if party is None:
        return []
    decisions = principal_decisions_by_kind(
        party=party, today=timezone.localdate(), rules=load_rules()
    )
    return [{"kind": kind, "decision": decision_json(decision)} for kind, decision in decisions]


def _render(
    request: HttpRequest,
    *,
    matter: Matter,
    parties: Any,
    corrects: Filing | None,
    lodgment_form: LodgmentForm,
    formset: Any,
    refusals: Sequence[UploadRefusal] = (),
    status: int = 200,
) -> HttpResponse:
    party_list = list(parties)
    chosen = None
    if lodgment_form.is_bound and lodgment_form.is_valid():
        chosen = lodgment_form.cleaned_data["party"]
    guide_party = chosen or (party_list[0] if party_list else None)
    if guide_party is not None and guide_party.matter_id == matter.pk:
        guide_party.matter = matter  # read already: the guide's rules need not read it again
    unplaced = [_place_refusal(refusal, lodgment_form, formset) for refusal in refusals]
    slug = access.matter_slug(matter.number)
    return render(
        request,
        "filings/practitioner/lodge.html",
        {
            "matter": matter,
            "slug": slug,
            "corrects": corrects,
            "lodgment_form": lodgment_form,
            "formset": formset,
            "errors": [item for item in unplaced if item]
            + error_summary(
                lodgment_form,
                formset,
                row_label="Document",
                row_anchor="document-row-{index}",
                rows_anchor="document-rows",
            ),
            "guide_party": guide_party,
            "kind_guide": _kind_guide(guide_party),
            **lodgment_form_context(formset=formset, max_documents=_max_documents()),
            "validate_url": reverse("practitioner:validate_copy"),
            "requirement_url": reverse("practitioner:requirement", args=[slug]),
        },
        status=status,
    )


def _place_refusal(
    refusal: UploadRefusal, lodgment_form: LodgmentForm, formset: Any
) -> SummaryItem | None:
    """Put an upload refusal on the file field it concerns, or on the form as a whole; when
    the body was never parsed there is no bound form, and it goes to the summary (returned)."""
    error = ValidationError(refusal.message, code=refusal.code)
    prefix = f"{formset.prefix}-"
    if refusal.field_name.startswith(prefix) and formset.is_bound:
        index_text, _, field = refusal.field_name[len(prefix) :].partition("-")
        if index_text.isdigit() and int(index_text) < len(formset.forms):
            formset.forms[int(index_text)].add_error(field, error)
            return None
    if lodgment_form.is_bound:
        lodgment_form.add_error(None, error)
        return None
    return SummaryItem(refusal.message, code=refusal.code)


def _carry_choices(corrects: Filing | None) -> tuple[dict[int, Document], list[tuple[int, str]]]:
    """The rejected filing's copies that may be carried over into its correction."""
    if corrects is None:
        return {}, []
    candidates = {d.pk: d for d in carry_over_candidates(rejected=corrects)}
    return candidates, [
        (pk, f"Document {d.position}: {d.original_filename} (SHA-256 {d.sha256[:12]}…)")
        for pk, d in candidates.items()
    ]


def _correction_initial(corrects: Filing) -> list[dict[str, Any]]:
    """A correction starts from the rejected filing: kinds, titles and roles filled in, and
    each copy that may be carried over chosen to be."""
    candidates, _ = _carry_choices(corrects)
    return [
        {
            "kind": d.kind_id,
            "title": d.title,
            "role": d.role,
            "annexed_to": d.annexed_to.position if d.annexed_to_id else None,
            "annexure_not_readily_available": d.annexure_not_readily_available,
            "paper_copy_lodged": "yes" if d.paper_copy_lodged else "no",
            "carry_over_from": d.pk if d.pk in candidates else None,
        }
        for d in correction_documents(corrects)
    ]


def _blank_forms(
    request: HttpRequest, parties: Any, corrects: Filing | None = None
) -> tuple[LodgmentForm, Any]:
    _, choices = _carry_choices(corrects)
    initial = _correction_initial(corrects) if corrects is not None else None
    rows = requested_rows(request, max_documents=_max_documents())
    if initial:
        rows = max(rows, len(initial))
    return (
        LodgmentForm(parties=parties),
        make_document_formset(
            max_documents=_max_documents(), rows=rows, initial=initial, carry_choices=choices
        ),
    )


def _correction_target(request: HttpRequest, matter: str, sequence: int | None) -> Filing | None:
    if sequence is None:
        return None
    return filing_or_404(request, matter, sequence)


@csrf_exempt
@practitioner_required
def lodge(request: HttpRequest, matter: str, sequence: int | None = None) -> HttpResponse:
    """The lodgment form for one of the practitioner's matters; with ``sequence``, a correction
    of that (rejected) filing."""
    matter_obj = represented_matter_or_404(request, matter)
    corrects = _correction_target(request, matter, sequence)
    if corrects is not None and corrects.status != Filing.Status.REJECTED:
        messages.error(request, f"{corrects.reference} was not rejected: it needs no correction.")
        return redirect("practitioner:filing", matter, corrects.sequence)
    parties = lodging_parties(request.user, matter_obj, corrects)
    if request.method == "POST":
        received = receive(
            request,
            max_file_bytes=settings.REGISTRY_MAX_FILE_BYTES,
            max_total_bytes=settings.REGISTRY_MAX_FILING_BYTES,
        )
        if received.refusals:
            return _refused(request, matter_obj, parties, corrects, received)
        return _lodge_submitted(request, matter_obj, parties, corrects)
    lodgment_form, formset = _blank_forms(request, parties, corrects)
    return _render(
        request,
        matter=matter_obj,
        parties=parties,
        corrects=corrects,
        lodgment_form=lodgment_form,
        formset=formset,
    )


def _refused(
    request: HttpRequest,
    matter: Matter,
    parties: Any,
    corrects: Filing | None,
    received: Received,
) -> HttpResponse:
    # What was typed comes back (without the files, which were dropped), and the files kept
    # from an earlier attempt stay offered; nothing is lodged or kept (the CSRF check has not
    # run).
    if received.parsed:
        lodgment_form = LodgmentForm(request.POST, parties=parties)
        formset = make_document_formset(
            max_documents=_max_documents(),
            data=request.POST,
            carry_choices=_carry_choices(corrects)[1],
            held_session=request.session.session_key,
        )
        lodgment_form.is_valid()
        formset.is_valid()
    else:
        lodgment_form, formset = _blank_forms(request, parties, corrects)
    return _render(
        request,
        matter=matter,
        parties=parties,
        corrects=corrects,
        lodgment_form=lodgment_form,
        formset=formset,
        refusals=received.refusals,
        status=refusal_status(received.refusals),
    )


@csrf_protect
def _lodge_submitted(
    request: HttpRequest, matter: Matter, parties: Any, corrects: Filing | None
) -> HttpResponse:
    lodgment_form = LodgmentForm(request.POST, parties=parties)
    candidates, choices = _carry_choices(corrects)
    formset = make_document_formset(
        max_documents=_max_documents(),
        data=request.POST,
        files=request.FILES,
        carry_choices=choices,
        held_session=request.session.session_key,
    )
    if lodgment_form.is_valid() and formset.is_valid():
        rows = formset.filled_rows()
        try:
            submissions = submissions_from_rows(
                rows,
                carried_over=lambda row, fields: carry_over_submission(
                    document=candidates[row.carry_over_from],
                    rejected=corrects,
                    kind=row.kind,
                    title=row.title,
                    role=row.role,
                    **fields,
                ),
            )
            filing = filing_lodge(
                party=lodgment_form.cleaned_data["party"],
                lodged_by=request.user,
                documents=submissions,
                corrects=corrects,
                client_ip=request_client_ip(request),
                same_text_declared=lodgment_form.cleaned_data["same_text"],
            )
        except ValidationError as error:
            apply_lodgment_errors(
                error=error, lodgment_form=lodgment_form, formset=formset, rows=rows
            )
        else:
            # The kept files it used are spent: removed once the lodgment is committed.
            transaction.on_commit(partial(held_uploads_spent, held_ids=held_ids_used(formset)))
            messages.success(
                request, f"Lodged as {filing.reference}. Keep this Notice of Lodgment."
            )
            notice = reverse(
                "practitioner:notice", args=[access.matter_slug(matter.number), filing.sequence]
            )
            if request.headers.get("X-Requested-With") == "XMLHttpRequest":
                # The page's script sent the filing: it goes to the notice itself, so that the
                # message above is shown there rather than consumed by a followed redirect.
                return JsonResponse({"redirect": notice, "reference": filing.reference})
            return redirect(notice)
    else:
        _check_chosen_files(formset)
    # Refused: each file that passed its own checks is kept, so it need not be chosen again
    # (not in a closed matter, where nothing sent again could be lodged).
    if matter.status == Matter.Status.OPEN:
        keep_checked_files(formset, session_key=request.session.session_key)
    return _render(
        request,
        matter=matter,
        parties=parties,
        corrects=corrects,
        lodgment_form=lodgment_form,
        formset=formset,
        status=400,
    )


def _check_chosen_files(formset: Any) -> None:
    """When the form itself has problems the service is not reached; still say what is wrong
    with each chosen file, so that every problem is shown in one round."""
    policy = ValidationPolicy.from_settings()
    for form in formset.forms:
        upload = form.files.get(form.add_prefix("electronic_copy"))
        if upload is None or "electronic_copy" in form.errors:
            continue
        role = form.data.get(form.add_prefix("role"), Document.Role.PRINCIPAL)
        if role not in Document.Role.values:
            role = Document.Role.PRINCIPAL
        result = validate_file(
            Path(upload.temporary_file_path()), role=role, filename=upload.name, policy=policy
        )
        for problem in result.errors:
            form.add_error(
                "electronic_copy",
                ValidationError(
                    with_paragraph(problem.message, problem.paragraph), code=problem.code
                ),
            )
