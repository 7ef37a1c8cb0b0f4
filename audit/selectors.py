"""Reading the audit trail: a matter's events for the clerks' page, and the whole trail as CSV
rows for administrators (streamed, so memory stays flat however long the trail)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from audit.models import AuditEvent

MATTER_TRAIL_PAGE_SIZE = 50
CSV_COLUMNS = [
    "id",
    "at_utc",
    "action",
    "username",
    "client_ip",
    "matter_number",
    "filing_reference",
    "document_id",
    "before",
    "after",
    "detail",
]


def matter_events(*, matter_number: str) -> QuerySet[AuditEvent]:
    """Every event about one matter, newest first (a single indexed query per page)."""
    return AuditEvent.objects.filter(matter_number=matter_number).order_by("-at", "-pk")


def matter_trail_page(*, matter_number: str, page: Any) -> Page:
    """One page of a matter's trail: two queries (count and rows) whatever its length."""
    return Paginator(matter_events(matter_number=matter_number), MATTER_TRAIL_PAGE_SIZE).get_page(
        page
    )


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)


def _safe_cell(text: str) -> str:
    # A cell a spreadsheet would run as a formula (CSV injection) is kept as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_rows(events: QuerySet[AuditEvent] | None = None) -> Iterator[list[str]]:
    """The header, then one row per event, oldest first; read in chunks from the database."""
    yield CSV_COLUMNS
    events = AuditEvent.objects.all() if events is None else events
    values = events.order_by("at", "pk").values_list(
        "pk",
        "at",
        "action",
        "username",
        "client_ip",
        "matter_number",
        "filing_reference",
        "document_id",
        "detail",
    )
    for pk, at, action, username, ip, matter, filing, document, detail in values.iterator(
        chunk_size=2000
    ):
        detail = dict(detail or {})
        before = detail.pop("before", None)
        after = detail.pop("after", None)
        yield [
            str(pk),
            at.isoformat(),
            action,
            _safe_cell(username),
            ip or "",
            matter,
            filing,
            "" if document is None else str(document),
            _safe_cell(_json(before)),
            _safe_cell(_json(after)),
            _safe_cell(_json(detail)),
        ]
