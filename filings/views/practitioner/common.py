"""Lookups every practitioner page shares: each goes through ``filings.selectors.access``."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from filings.models import Document, Filing, Matter
from filings.selectors import access

# Downloads are never rendered by the browser: no scripts, no plugins, no same-origin access.
DOWNLOAD_CSP = "sandbox; default-src 'none'"


def matter_or_404(request: HttpRequest, slug: str) -> Matter:
    try:
        return access.matter_for(request.user, slug=slug)
    except Matter.DoesNotExist as missing:
        raise Http404("No such matter.") from missing


def filing_or_404(request: HttpRequest, slug: str, sequence: int) -> Filing:
    try:
        return access.filing_for(request.user, slug=slug, sequence=sequence)
    except Filing.DoesNotExist as missing:
        raise Http404("No such filing.") from missing


def document_or_404(request: HttpRequest, slug: str, sequence: int, position: int) -> Document:
    try:
        return access.document_for(request.user, slug=slug, sequence=sequence, position=position)
    except Document.DoesNotExist as missing:
        raise Http404("No such document.") from missing


def filing_documents(filing: Filing) -> list[Document]:
    """The filing's documents in order, with what the notice and label show (one query)."""
    return list(filing.documents.select_related("kind", "annexed_to").order_by("position"))


def as_attachment(response: HttpResponse, file_name: str) -> HttpResponse:
    """Headers for anything downloaded: saved, never displayed, sniffed or cached."""
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response
