"""The practitioner's dashboard, a matter's page and a filing's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from filings import packaging
from filings.models import Filing
from filings.selectors import access
from filings.selectors.keyset import CountedPaginator
from filings.selectors.practitioner import dashboard_page, matters_due
from filings.selectors.practitioner_pages import (
    filing_corrections,
    filing_documents,
    filing_rejections,
    matter_filings,
)
from registry.roles import practitioner_required

from .common import filing_or_404, represented_matter_or_404

FILINGS_PER_PAGE = 25


@practitioner_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The matters where the practitioner represents a party, with what is due in each."""
    today = timezone.localdate()
    page, rows = dashboard_page(user=request.user, today=today, page_number=request.GET.get("page"))
    return render(
        request,
        "filings/practitioner/dashboard.html",
        {"page": page, "rows": rows, "today": today},
    )


@practitioner_required
def matter_detail(request: HttpRequest, matter: str) -> HttpResponse:
    """One matter: what is due, and the filings of the parties the practitioner acts for."""
    matter_obj = represented_matter_or_404(request, matter)
    today = timezone.localdate()
    (due,) = matters_due(user=request.user, matters=[matter_obj], today=today)
    # What is due has counted these filings by status already: the list needs no count query.
    page = CountedPaginator(
        matter_filings(request.user, matter_obj),
        FILINGS_PER_PAGE,
        count=sum(due.filing_counts.values()),
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "filings/practitioner/matter.html",
        {"matter": matter_obj, "due": due, "page": page, "today": today},
    )


@practitioner_required
def filing_detail(request: HttpRequest, matter: str, sequence: int) -> HttpResponse:
    """A filing: its outcome, the coded reasons of a rejection, and its documents."""
    filing = filing_or_404(request, matter, sequence)
    documents = filing_documents(filing)
    entries = packaging.document_entries(filing, documents)
    today = timezone.localdate()
    correction_open = filing.status == Filing.Status.REJECTED
    return render(
        request,
        "filings/practitioner/filing.html",
        {
            "filing": filing,
            "matter": filing.matter,
            "slug": access.matter_slug(filing.matter.number),
            "rows": list(zip(documents, entries, strict=True)),
            "rejections": filing_rejections(filing),
            "corrections": filing_corrections(request.user, filing),
            "can_correct": correction_open,
            "correction_late": correction_open
            and filing.correction_due_on is not None
            and today > filing.correction_due_on,
            "lodged_at": packaging.lodged_at_text(filing.lodged_at),
            "lodged_by": packaging.lodged_by_text(filing),
            "has_copies": any(e.has_copy for e in entries),
        },
    )
