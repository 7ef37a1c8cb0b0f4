"""What a lodged filing gives back: the Notice of Lodgment, the para 6 label and the copies.

Every download re-verifies the stored copy's SHA-256 before the first byte is sent and again
while it streams (``filings.packaging``); a copy that fails is refused, logged and recorded in
the audit trail (``integrity_failed``). A download that is served is recorded there too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from audit.models import AuditEvent
from audit.services import audit_record
from filings import packaging
from filings.downloads import (
    as_attachment,
    audit_copy_failure,
    audited_stream,
    stored_copy_response,
)
from filings.models import Document, Filing
from filings.selectors import access
from filings.selectors.practitioner_pages import filing_documents
from registry.roles import practitioner_required

from .common import document_or_404, filing_or_404

DOWNLOAD_SOURCE = "practitioner_download"
ZIP_SOURCE = "practitioner_zip"

LABEL_VARIANTS = {
    "disc": "Disc label (for a CD-ROM or diskette)",
    "a4": "A4 sheet (to accompany the paper copy)",
}
DEFAULT_LABEL_VARIANT = "disc"


def _file_stem(filing: Filing) -> str:
    return f"{packaging.matter_file_prefix(filing.matter.number)}_F{filing.sequence:02d}"


def _refused(
    request: HttpRequest, filing: Filing, problem: packaging.StoredCopyError, *, source: str
) -> HttpResponse:
    audit_copy_failure(request, problem, source=source)
    return render(
        request,
        "filings/practitioner/copy_refused.html",
        {
            "filing": filing,
            "slug": access.matter_slug(filing.matter.number),
            "document": problem.document,
            "problem": problem.problem,
        },
        status=409,
    )


@practitioner_required
def notice(request: HttpRequest, matter: str, sequence: int) -> HttpResponse:
    """The Notice of Lodgment, printable."""
    filing = filing_or_404(request, matter, sequence)
    entries = packaging.document_entries(filing, filing_documents(filing))
    return render(
        request,
        "filings/practitioner/notice.html",
        {
            "filing": filing,
            "matter": filing.matter,
            "slug": access.matter_slug(filing.matter.number),
            "entries": entries,
            "has_copies": any(e.has_copy for e in entries),
            "lodged_at": packaging.lodged_at_text(filing.lodged_at),
            "lodged_by": packaging.lodged_by_text(filing),
            "declaration": packaging.declaration_text(filing),
        },
    )


def _text_download(
    filing: Filing, render_text: Callable[[Filing, list], str], file_name: str
) -> HttpResponse:
    """A text rendering of the filing (notice or label) as a downloaded .txt file."""
    entries = packaging.document_entries(filing, filing_documents(filing))
    response = HttpResponse(render_text(filing, entries), content_type="text/plain; charset=utf-8")
    return as_attachment(response, file_name)


@practitioner_required
def notice_text(request: HttpRequest, matter: str, sequence: int) -> HttpResponse:
    """The Notice of Lodgment as a text file."""
    filing = filing_or_404(request, matter, sequence)
    return _text_download(
        filing, packaging.notice_of_lodgment_text, f"{_file_stem(filing)}_Notice-of-Lodgment.txt"
    )


@practitioner_required
def label(request: HttpRequest, matter: str, sequence: int) -> HttpResponse:
    """The PD16 para 6 label, printable as a disc label or on an A4 sheet (``?variant=``)."""
    filing = filing_or_404(request, matter, sequence)
    variant = request.GET.get("variant", DEFAULT_LABEL_VARIANT)
    if variant not in LABEL_VARIANTS:
        variant = DEFAULT_LABEL_VARIANT
    entries = packaging.document_entries(filing, filing_documents(filing))
    return render(
        request,
        "filings/practitioner/label.html",
        {
            "filing": filing,
            "matter": filing.matter,
            "slug": access.matter_slug(filing.matter.number),
            "entries": [e for e in entries if e.has_copy],
            "variant": variant,
            "variants": LABEL_VARIANTS,
            "density": packaging.label_density([e for e in entries if e.has_copy]),
            "lodged_at": packaging.lodged_at_text(filing.lodged_at),
        },
    )


@practitioner_required
def label_text(request: HttpRequest, matter: str, sequence: int) -> HttpResponse:
    """The para 6 label as the text file that also goes into the ZIP."""
    filing = filing_or_404(request, matter, sequence)
    return _text_download(
        filing, packaging.label_text, f"{_file_stem(filing)}_{packaging.LABEL_FILE_NAME}"
    )


@practitioner_required
def filing_zip(request: HttpRequest, matter: str, sequence: int) -> HttpResponseBase:
    """Every electronic copy of the filing and LABEL.txt, as one ZIP built while it is sent."""
    filing = filing_or_404(request, matter, sequence)
    documents = filing_documents(filing)
    for document in documents:
        if document.has_electronic_copy:
            document.filing = filing  # for the integrity log, without a query per document
            try:
                packaging.verify_stored_copy(document)
            except packaging.StoredCopyError as problem:
                return _refused(request, filing, problem, source=ZIP_SOURCE)
    audit_record(
        action=AuditEvent.Action.FILING_ZIP_DOWNLOADED,
        request=request,
        matter_number=filing.matter.number,
        filing_reference=filing.reference,
        detail={
            "documents": [
                {"id": d.pk, "position": d.position, "sha256": d.sha256}
                for d in documents
                if d.has_electronic_copy
            ]
        },
    )
    response = StreamingHttpResponse(
        audited_stream(request, packaging.stream_filing_zip(filing, documents), source=ZIP_SOURCE),
        content_type="application/zip",
    )
    return as_attachment(response, packaging.zip_file_name(filing))


@practitioner_required
def document_download(
    request: HttpRequest, matter: str, sequence: int, position: int
) -> HttpResponseBase:
    """One electronic copy, under its recognisable name."""
    document: Document = document_or_404(request, matter, sequence, position)
    filing = document.filing
    if not document.has_electronic_copy:
        return render(
            request,
            "filings/practitioner/copy_refused.html",
            {
                "filing": filing,
                "slug": access.matter_slug(filing.matter.number),
                "document": document,
                "problem": "no electronic copy was lodged",
            },
            status=404,
        )
    try:
        packaging.verify_stored_copy(document)
    except packaging.StoredCopyError as problem:
        return _refused(request, filing, problem, source=DOWNLOAD_SOURCE)
    return stored_copy_response(request, document, source=DOWNLOAD_SOURCE)
