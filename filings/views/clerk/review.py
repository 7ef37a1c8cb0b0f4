"""Filings: the list with its filters, the review queue, one filing with its verdicts, accepting,
rejecting with coded reasons, and downloading any document (audited, with its integrity checked
against the SHA-256 lodged)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.services import request_client_ip
from filings import packaging
from filings.downloads import audit_copy_failure, stored_copy_response
from filings.forms.clerk import AcceptForm, FilingFilterForm, RejectForm
from filings.models import Document, Filing
from filings.selectors import registry as reads
from filings.selectors.keyset import CursorError
from filings.selectors.lookups import active_rejection_reasons
from filings.services.review import filing_accept as accept_filing
from filings.services.review import filing_reject as reject_filing
from registry.roles import clerk_required
from registry.typing import AuthenticatedHttpRequest
from search.comparison import correction_text_changes
from workqueue.selectors import filing_queue_context, queue_neighbours

from .common import PAGE_SIZE, SummaryItem, error_summary, query_without_page

DOWNLOAD_SOURCE = "clerk_download"


def filing_url(filing: Filing) -> str:
    return reverse(
        "clerk:filing",
        kwargs={"matter": filing.matter.number, "sequence": filing.sequence},
    )


@clerk_required
def filing_list(request: HttpRequest) -> HttpResponse:
    form = FilingFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "status": data["status"],
            "lodged_from": data["lodged_from"],
            "lodged_to": data["lodged_to"],
            "proceeding_code": data["proceeding"].code if data["proceeding"] else "",
        }
    filings = reads.filing_list(**filters)
    errors = error_summary(form)
    try:
        page = reads.filing_list_page(
            filings,
            after=request.GET.get("after", ""),
            before=request.GET.get("before", ""),
            per_page=PAGE_SIZE,
        )
    except CursorError as error:
        errors.append(SummaryItem(error.message, code=error.code))
        page = reads.filing_list_page(filings, after="", before="", per_page=PAGE_SIZE)
    return render(
        request,
        "filings/clerk/filing_list.html",
        {
            "form": form,
            "page": page,
            "querystring": query_without_page(request),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _filing_or_404(matter: str, sequence: int) -> Filing:
    try:
        return reads.filing_detail(number=matter, sequence=sequence)
    except Filing.DoesNotExist:
        raise Http404("No such filing.") from None


def _reject_form(filing: Filing, data: Any = None) -> RejectForm:
    return RejectForm(
        data,
        documents=filing.documents.all(),
        reasons=active_rejection_reasons(),
        prefix="reject",
    )


def _render_filing(
    request: HttpRequest,
    filing: Filing,
    *,
    accept_form: AcceptForm | None = None,
    reject_form: RejectForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "filing": filing,
        "matter": filing.matter,
        "verdicts": [reads.document_verdicts(d) for d in filing.documents.all()],
        "status_words": packaging.STATUS_WORDS,
        "text_changes": correction_text_changes(filing),
    }
    # The forms show only while the filing is open to review; a decision that failed because
    # another clerk reviewed it first still says why, in the error summary.
    context["open_to_review"] = filing.status == Filing.Status.LODGED
    context["accept_form"] = accept_form or AcceptForm(prefix="accept")
    context["reject_form"] = reject_form or _reject_form(filing)
    context["errors"] = error_summary(accept_form, reject_form)
    context["queue"] = filing_queue_context(filing=filing, user=request.user)
    return render(request, "filings/clerk/filing_detail.html", context, status=status)


def _next_in_queue(request: HttpRequest, filing: Filing) -> HttpResponse:
    """After a decision the clerk goes on to the next filing of their queue, or back to it."""
    _, following = queue_neighbours(filing=filing, user=request.user)
    if following is None:
        return redirect("clerk:review_queue")
    return redirect(filing_url(following))


@clerk_required
def filing_detail(request: HttpRequest, matter: str, sequence: int) -> HttpResponse:
    return _render_filing(request, _filing_or_404(matter, sequence))


@clerk_required
@require_POST
def filing_accept(request: AuthenticatedHttpRequest, matter: str, sequence: int) -> HttpResponse:
    filing = _filing_or_404(matter, sequence)
    form = AcceptForm(request.POST, prefix="accept")
    if form.is_valid():
        try:
            accept_filing(
                filing=filing,
                reviewed_by=request.user,
                notes=form.cleaned_data["notes"],
                client_ip=request_client_ip(request),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Filing {filing.reference} accepted.")
            return _next_in_queue(request, filing)
    return _render_filing(request, filing, accept_form=form, status=400)


@clerk_required
@require_POST
def filing_reject(request: AuthenticatedHttpRequest, matter: str, sequence: int) -> HttpResponse:
    filing = _filing_or_404(matter, sequence)
    form = _reject_form(filing, request.POST)
    if form.is_valid():
        try:
            reject_filing(
                filing=filing,
                reviewed_by=request.user,
                reasons=form.rejection_specs(),
                correction_due_on=form.cleaned_data["correction_due_on"],
                notes=form.cleaned_data["notes"],
                client_ip=request_client_ip(request),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Filing {filing.reference} rejected.")
            return _next_in_queue(request, filing)
    return _render_filing(request, filing, reject_form=form, status=400)


@clerk_required
def document_download(
    request: HttpRequest, matter: str, sequence: int, position: int
) -> HttpResponseBase:
    """Any document's electronic copy, re-verified against its SHA-256, as an attachment."""
    try:
        document: Document = reads.document_for_download(
            number=matter, sequence=sequence, position=position
        )
    except Document.DoesNotExist:
        raise Http404("No such document.") from None
    if not document.has_electronic_copy:
        raise Http404("No electronic copy was lodged with this document.")
    try:
        packaging.verify_stored_copy(document)
    except packaging.StoredCopyError as problem:
        audit_copy_failure(request, problem, source=DOWNLOAD_SOURCE)
        return render(
            request,
            "filings/clerk/copy_refused.html",
            {"document": document, "filing": document.filing, "problem": problem.problem},
            status=409,
        )
    return stored_copy_response(request, document, source=DOWNLOAD_SOURCE)
