"""What the one lodgment form body (``filings/lodgment/_form_body.html``) needs on every page
that shows it: the practitioners' lodge page and the clerks' counter and e-mail pages. One
place for the limits it states and the rows it offers, so the pages cannot drift apart."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from filings.forms.lodgment import DEFAULT_ROWS
from filings.uploads import MAX_FILE_NAME_CHARACTERS


def requested_rows(request: HttpRequest, *, max_documents: int) -> int:
    """How many document rows to show: ``?rows=`` (the "show more rows" link without script),
    at least one and at most ``max_documents``."""
    try:
        rows = int(request.GET.get("rows", DEFAULT_ROWS))
    except ValueError:
        rows = DEFAULT_ROWS
    return max(1, min(rows, max_documents))


def lodgment_form_context(*, formset: Any, max_documents: int) -> dict[str, Any]:
    """The limits the form states (and its scripts enforce before sending), and the number of
    rows its "show more rows" link asks for."""
    return {
        "max_file_bytes": settings.REGISTRY_MAX_FILE_BYTES,
        "max_filing_bytes": settings.REGISTRY_MAX_FILING_BYTES,
        "max_file_name_characters": MAX_FILE_NAME_CHARACTERS,
        "max_documents": max_documents,
        "more_rows": min(formset.total_form_count() + DEFAULT_ROWS, max_documents),
    }
