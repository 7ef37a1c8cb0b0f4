"""Lodgments a clerk records for a party: the files from a diskette or CD-ROM handed in at the
counter, or the attachments of an e-mail with its transmission report (PD16 paras 4, 9, 10).

Uploads stream to temporary files under the registry's limits (``uploads.receive``); the views
are ``csrf_exempt`` outside and ``csrf_protect`` inside so the handlers are set before the body is
read, and the CSRF check still runs on every POST that is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from filings.forms.clerk import (
    AccessibleForm,
    CounterLodgmentForm,
    DocumentRowFormSet,
    EmailLodgmentForm,
    document_kind_choices,
)
from filings.models import Filing, Matter
from filings.selectors import email as email_reads
from filings.services import records
from filings.services.audit import request_client_ip
from filings.services.lodgment import DocumentSubmission, filing_lodge
from filings.uploads import UploadRefusal, receive
from practice_directions.models import DocumentKind
from registry.roles import clerk_required

from .common import SummaryItem, any_matter_or_404, error_summary
from .review import filing_url


def _place_refusals(refusals: list[UploadRefusal], form: AccessibleForm, rows: Any) -> None:
    for refusal in refusals:
        error = ValidationError(refusal.message, code=refusal.code)
        row = next(
            (r for r in rows.forms if r.add_prefix("electronic_copy") == refusal.field_name), None
        )
        if row is not None:
            row.add_error("electronic_copy", error)
            row.describe_fields()
        else:
            form.add_error(None, error)


def _submissions(rows: Any) -> list[DocumentSubmission] | None:
    """The filled rows as documents in order; None (with errors on the rows) if they don't fit."""
    filled = [(number, row) for number, row in enumerate(rows.forms, start=1) if row.cleaned_data]
    position_of_row = {number: position for position, (number, _) in enumerate(filled, start=1)}
    kinds = DocumentKind.objects.in_bulk([int(row.cleaned_data["kind"]) for _, row in filled])
    documents: list[DocumentSubmission] = []
    fits = True
    for _, row in filled:
        data = row.cleaned_data
        annexed_to = data["annexed_to"]
        if annexed_to is not None and annexed_to not in position_of_row:
            row.add_error(
                "annexed_to",
                ValidationError(
                    f"There is no document {annexed_to} in this list.",
                    code="document.annexed_to_invalid",
                ),
            )
            row.describe_fields()
            fits = False
            continue
        upload = data["electronic_copy"]
        documents.append(
            DocumentSubmission(
                kind=kinds[int(data["kind"])],
                title=data["title"],
                role=data["role"],
                path=Path(upload.temporary_file_path()) if upload else None,
                original_filename=upload.name if upload else "",
                annexed_to=position_of_row.get(annexed_to) if annexed_to else None,
                paper_copy_lodged=data["paper_copy_lodged"],
                annexure_not_readily_available=data["annexure_not_readily_available"],
            )
        )
    return documents if fits else None


def _lodgment_page(
    request: HttpRequest,
    number: str,
    refusals: Sequence[UploadRefusal] = (),
    *,
    by_email: bool,
    bound: bool,
) -> HttpResponse:
    matter = any_matter_or_404(number)
    email_class = email_reads.email_class_for(matter=matter, kinds=[])
    data = request.POST if bound else None
    files = request.FILES if bound else None
    form_class = EmailLodgmentForm if by_email else CounterLodgmentForm
    initial = {"sent_to": email_class.address} if by_email and email_class else None
    form = form_class(data, matter=matter, initial=initial)
    rows = DocumentRowFormSet(
        data, files, prefix="documents", form_kwargs={"kind_choices": document_kind_choices()}
    )
    if data is not None:
        valid = form.is_valid() & rows.is_valid()
        _place_refusals(list(refusals), form, rows)
        documents = _submissions(rows) if valid and not refusals else None
        if documents is not None and not documents:
            form.add_error(None, ValidationError("Add at least one document.", code="filing.empty"))
        elif documents:
            try:
                filing = _record(request, matter, form.cleaned_data, documents, by_email=by_email)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Filing {filing.reference} recorded for review.")
                return redirect(filing_url(filing))
    return render(
        request,
        "filings/clerk/lodgment.html",
        {
            "matter": matter,
            "form": form,
            "rows": rows,
            "by_email": by_email,
            "email_class": email_class,
            "email_open": email_class is not None or matter.submissions_directed,
            "errors": error_summary(form, rows, row_label="Document")
            + ([] if bound else [SummaryItem(r.message) for r in refusals]),
            "max_file_bytes": settings.REGISTRY_MAX_FILE_BYTES,
            "max_filing_bytes": settings.REGISTRY_MAX_FILING_BYTES,
        },
        status=400 if bound else 413 if refusals else 200,
    )


def _record(
    request: HttpRequest,
    matter: Matter,
    data: dict[str, Any],
    documents: list[DocumentSubmission],
    *,
    by_email: bool,
) -> Filing:
    if by_email:
        return records.filing_record_email_lodgment(
            party=data["party"],
            lodged_by=request.user,
            documents=documents,
            email_subject=data["email_subject"],
            sent_at=data["sent_at"],
            sent_to=data["sent_to"],
            problems_acknowledged=data["problems_acknowledged"],
            client_ip=request_client_ip(request),
        )
    return filing_lodge(
        party=data["party"],
        lodged_by=request.user,
        documents=documents,
        channel=data["channel"],
        client_ip=request_client_ip(request),
    )


@csrf_protect
def _checked_lodgment(
    request: HttpRequest, number: str, refusals: Sequence[UploadRefusal], *, by_email: bool
) -> HttpResponse:
    return _lodgment_page(request, number, refusals, by_email=by_email, bound=True)


def _lodgment(request: HttpRequest, number: str, *, by_email: bool) -> HttpResponse:
    if request.method != "POST":
        return _lodgment_page(request, number, by_email=by_email, bound=False)
    # The upload is read here, with the limits, before the CSRF check reads request.POST.
    received = receive(
        request,
        max_file_bytes=settings.REGISTRY_MAX_FILE_BYTES,
        max_total_bytes=settings.REGISTRY_MAX_FILING_BYTES,
    )
    if not received.parsed:
        # Refused on its declared size and read away unparsed: there is no form (and no CSRF
        # token) to check and nothing is recorded; the page says why.
        return _lodgment_page(request, number, received.refusals, by_email=by_email, bound=False)
    return _checked_lodgment(request, number, received.refusals, by_email=by_email)


@csrf_exempt
@clerk_required
@require_http_methods(["GET", "POST"])
def counter_lodgment(request: HttpRequest, matter: str) -> HttpResponse:
    """Record a diskette or CD-ROM lodged at the counter: the clerk uploads its files."""
    return _lodgment(request, matter, by_email=False)


@csrf_exempt
@clerk_required
@require_http_methods(["GET", "POST"])
def email_lodgment(request: HttpRequest, matter: str) -> HttpResponse:
    """Record an e-mail lodgment and its transmission report (PD16 paras 9 and 10)."""
    return _lodgment(request, matter, by_email=True)


@clerk_required
@require_GET
def email_subject_check(request: HttpRequest, matter: str) -> HttpResponse:
    """The para 9-10 problems of a subject line and address, as a fragment for the live check."""
    record = any_matter_or_404(matter)
    email_class = email_reads.email_class_for(matter=record, kinds=[])
    subject = request.GET.get("subject", "")[:300]
    problems = []
    if email_class is not None and subject.strip():
        problems = email_reads.email_lodgment_problems(
            matter=record,
            email_class=email_class,
            subject=subject,
            sent_to=request.GET.get("sent_to", "")[:254],
        )
    return render(
        request,
        "filings/clerk/includes/email_problems.html",
        {"problems": problems, "checked": bool(subject.strip()), "email_class": email_class},
    )
