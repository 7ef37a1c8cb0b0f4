"""Reading the text of lodged copies (derived data: the lodged record itself never changes,
so nothing here is audited; the text can always be read again from the copy)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from filings.models import Document
from search.extraction import Extraction, extract_text
from search.models import DocumentFacets, DocumentText

log = logging.getLogger(__name__)


def _read(document: Document) -> Extraction:
    if not document.has_electronic_copy:
        return Extraction("unsupported", error="no electronic copy was lodged")
    suffix = Path(document.original_filename).suffix[:10]
    try:
        with (
            document.electronic_copy.open("rb") as source,
            tempfile.NamedTemporaryFile(suffix=suffix) as copy,
        ):
            # A private copy: the reading programs need a path, and storage may be remote.
            shutil.copyfileobj(source, copy, 1024 * 1024)
            copy.flush()
            return extract_text(Path(copy.name), detected_format=document.detected_format)
    except Exception as error:
        # The stored copy missing or unreadable (storage down, a disk fault), or a reader's own
        # fault: recorded on the row for a clerk to see, never raised into the worker.
        log.warning("Text of document %s not read: %r", document.pk, error)
        return Extraction("failed", "", "", f"the copy could not be read: {error!r}")


def document_text_extract(*, document_id: int) -> DocumentText:
    """Read the text of one document's electronic copy and store it (replacing any before).
    A reading that fails is stored as failed, with what went wrong."""
    document = Document.objects.select_related("filing").get(pk=document_id)
    result = _read(document)
    filing = document.filing
    with transaction.atomic(durable=True):
        DocumentFacets.objects.get_or_create(
            document=document,
            defaults={
                "matter_id": filing.matter_id,
                "party_id": filing.party_id,
                "kind_id": document.kind_id,
                "lodged_at": filing.lodged_at,
            },
        )
        text, _ = DocumentText.objects.update_or_create(
            document=document,
            defaults={
                "status": result.status,
                "method": result.method,
                # NUL cannot be stored in PostgreSQL text; it carries no words.
                "text": result.text.replace("\x00", ""),
                "error": result.error[:2000],
                "extracted_at": timezone.now(),
            },
        )
    return text


@dataclass(frozen=True)
class ExtractionRun:
    extracted: int
    failed: int
    unsupported: int


def document_texts_extract_pending(*, limit: int | None = None) -> ExtractionRun:
    """Read every lodged copy whose text has not been read yet (oldest first)."""
    pending = (
        Document.objects.exclude(electronic_copy="")
        .filter(text__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    counts = {status: 0 for status in DocumentText.Status.values}
    for document_id in pending[:limit] if limit else pending.iterator():
        counts[document_text_extract(document_id=document_id).status] += 1
    return ExtractionRun(
        extracted=counts["extracted"], failed=counts["failed"], unsupported=counts["unsupported"]
    )


_FACETS_FILL = (
    "INSERT INTO search_documentfacets (document_id, matter_id, party_id, kind_id, lodged_at) "
    "SELECT d.id, f.matter_id, f.party_id, d.kind_id, f.lodged_at "
    "FROM filings_document d JOIN filings_filing f ON f.id = d.filing_id "
    "WHERE NOT EXISTS (SELECT 1 FROM search_documentfacets x WHERE x.document_id = d.id)"
)


def document_facets_fill() -> int:
    """Facets for every document that has none (documents written in bulk, not lodged one by
    one through the worker); returns how many were added."""
    with transaction.atomic(durable=True), connection.cursor() as cursor:
        cursor.execute(_FACETS_FILL)
        return cursor.rowcount
