"""Background work of the search app (run by the task worker)."""

from __future__ import annotations

from django_tasks import task

from filings.models import Document
from filings.services.effects import enqueue_with_commit
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
    """Have the worker read the new copies' text once the lodgment commits (queued with it)."""
    if document_ids:
        enqueue_with_commit(extract_document_texts, list(document_ids))
