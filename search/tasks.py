"""Background work of the search app (run by the task worker)."""

from __future__ import annotations

from django_tasks import task

from filings.models import Document
from filings.services.effects import after_commit
from search.services import document_text_extract


@task()
def extract_document_texts(document_ids: list[int]) -> None:
    """Read the text of newly lodged copies; a failure is recorded on its row, never raised."""
    for document_id in document_ids:
        try:
            document_text_extract(document_id=document_id)
        except Document.DoesNotExist:
            continue  # nothing to read, and no row to record it on


def text_extraction_enqueue(*, document_ids: list[int]) -> None:
    """Once the lodgment commits, have the worker read the new copies' text."""
    if document_ids:
        ids = list(document_ids)
        after_commit(lambda: extract_document_texts.enqueue(ids), name="text extraction queued")
