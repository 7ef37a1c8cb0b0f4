"""Downloads of lodged material for clerks and practitioners alike: the headers every download
carries, and the stored copy streamed with its download and any integrity failure audited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from audit.models import AuditEvent
from audit.services import audit_document_event, audit_integrity_failure
from filings import packaging
from filings.models import Document
from filings.selectors.integrity import IntegrityProblem

# Downloads are never rendered by the browser: no scripts, no plugins, no same-origin access.
DOWNLOAD_CSP = "sandbox; default-src 'none'"

# A download is either built whole (text) or streamed (copies, ZIPs).
AnyResponse = TypeVar("AnyResponse", HttpResponse, StreamingHttpResponse)


def as_attachment(response: AnyResponse, file_name: str) -> AnyResponse:
    """Headers for anything downloaded: saved, never displayed, sniffed or cached."""
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response


def audit_copy_failure(
    request: HttpRequest, error: packaging.StoredCopyError, *, source: str
) -> None:
    """Record a stored copy found missing or changed (it is already logged by ``packaging``)."""
    audit_integrity_failure(
        problem=IntegrityProblem.from_error(error), source=source, request=request
    )


def audited_stream(
    request: HttpRequest, chunks: Iterator[bytes], *, source: str
) -> Iterator[bytes]:
    """Pass the chunks on; a copy that changes while it streams ends the stream as before and
    is recorded in the audit trail too."""
    try:
        yield from chunks
    except packaging.StoredCopyError as error:
        audit_copy_failure(request, error, source=source)
        raise


def stored_copy_response(
    request: HttpRequest, document: Document, *, source: str
) -> StreamingHttpResponse:
    """Stream a verified electronic copy as an attachment, recording the download.

    Call it after ``packaging.verify_stored_copy``; the stream re-verifies as it goes.
    """
    audit_document_event(
        action=AuditEvent.Action.DOCUMENT_DOWNLOADED,
        document=document,
        request=request,
        detail={"sha256": document.sha256, "size": document.size},
    )
    response = StreamingHttpResponse(
        audited_stream(request, packaging.stream_stored_copy(document), source=source),
        content_type=packaging.content_type_for(document),
    )
    response["Content-Length"] = str(document.size)
    return as_attachment(
        response,
        packaging.document_file_name(document, matter_number=document.filing.matter.number),
    )
