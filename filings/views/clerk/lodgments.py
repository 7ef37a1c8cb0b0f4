"""Lodgments a clerk records for a party: the files from a diskette or CD-ROM handed in at the
counter, or the attachments of an e-mail with its transmission report (PD16 paras 4, 9, 10).

Uploads stream to temporary files under the registry's limits (``uploads.receive``); the views
are ``csrf_exempt`` outside and ``csrf_protect`` inside so the handlers are set before the body is
read, and the CSRF check still runs on every POST that is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from audit.services import request_client_ip
from filings.forms.clerk import AccessibleForm, CounterLodgmentForm, EmailLodgmentForm
from filings.forms.lodgment import (
    apply_lodgment_errors,
    held_ids_used,
    keep_checked_files,
    make_document_formset,
    submissions_from_rows,
)
from filings.held_uploads import held_uploads_spent
from filings.models import Filing, Matter
from filings.selectors import email as email_reads
from filings.services.lodgment import DocumentSubmission, TransmissionReport, filing_lodge
from filings.uploads import UploadRefusal, receive
from filings.views.lodgment_form import lodgment_form_context, requested_rows
from registry.roles import clerk_required

from .common import SummaryItem, any_matter_or_404, error_summary
from .review import filing_url

# As many rows as the counter ever took (a diskette's worth of documents).
MAX_ROWS = 30


def _place_refusals(refusals: list[UploadRefusal], form: AccessibleForm, rows: Any) -> None:
    for refusal in refusals:
        error = ValidationError(refusal.message, code=refusal.code)
        row = next(
            (r for r in rows.forms if r.add_prefix("electronic_copy") == refusal.field_name), None
        )
        if row is not None:
            row.add_error("electronic_copy", error)
        else:
            form.add_error(None, error)


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
    # The one document formset of every channel, with the counter's "paper copy lodged".
    rows = make_document_formset(
        max_documents=MAX_ROWS,
        rows=requested_rows(request, max_documents=MAX_ROWS),
        data=data,
        files=files,
        paper_copy=True,
        held_session=request.session.session_key if bound else None,
    )
    form.documents = rows
    if data is not None:
        valid = form.is_valid() & rows.is_valid()
        _place_refusals(list(refusals), form, rows)
        for problem in rows.non_form_errors().as_data():
            form.add_error(None, problem)  # "at least one document", above the form
        filled = rows.filled_rows() if valid and not refusals else None
        if filled:
            try:
                filing = _record(
                    request, form.cleaned_data, submissions_from_rows(filled), by_email=by_email
                )
            except ValidationError as error:
                apply_lodgment_errors(error=error, lodgment_form=form, formset=rows, rows=filled)
            else:
                transaction.on_commit(partial(held_uploads_spent, held_ids=held_ids_used(rows)))
                messages.success(request, f"Filing {filing.reference} recorded for review.")
                return redirect(filing_url(filing))
        # Refused: each file that passed its own checks is kept for this session (not in a
        # closed matter, where nothing sent again could be recorded).
        if matter.status == Matter.Status.OPEN:
            keep_checked_files(rows, session_key=request.session.session_key)
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
            "errors": error_summary(
                form,
                rows,
                row_label="Document",
                row_anchor="document-row-{index}",
                rows_anchor="document-rows",
            )
            + ([] if bound else [SummaryItem(r.message, code=r.code) for r in refusals]),
            "subject_check_url": reverse("clerk:email_subject_check", args=[matter.number])
            if by_email
            else "",
            **lodgment_form_context(formset=rows, max_documents=MAX_ROWS),
        },
        status=400 if bound else 413 if refusals else 200,
    )


def _record(
    request: HttpRequest,
    data: dict[str, Any],
    documents: list[DocumentSubmission],
    *,
    by_email: bool,
) -> Filing:
    """The lodgment service, on the counter's medium or the e-mail channel."""
    if not by_email:
        return filing_lodge(
            party=data["party"],
            lodged_by=request.user,
            documents=documents,
            channel=data["channel"],
            client_ip=request_client_ip(request),
        )
    return filing_lodge(
        party=data["party"],
        lodged_by=request.user,
        documents=documents,
        channel=Filing.Channel.EMAIL,
        email_subject=data["email_subject"],
        transmission_report=TransmissionReport(sent_at=data["sent_at"], sent_to=data["sent_to"]),
        problems_acknowledged=data["problems_acknowledged"],
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
