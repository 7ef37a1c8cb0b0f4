"""What the practitioner's matter, filing and lodgment pages read, each scoped by
``filings.selectors.access`` (the dashboard's reads are in ``filings.selectors.practitioner``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from filings.models import Document, Filing, FilingRejection, Matter, Party
from filings.selectors import access
from filings.selectors.counts import document_count


def matter_filings(user: Any, matter: Matter) -> QuerySet[Filing]:
    """The filings of ``user``'s parties in ``matter``, newest first, with their document
    counts (the matter page's list; the counts are correlated subqueries, computed for the
    page's rows only)."""
    return (
        access.filings_for(user)
        .filter(matter=matter)
        .select_related("matter", "party")
        .annotate(document_count=document_count())
        .order_by("-sequence")
    )


def filing_documents(filing: Filing) -> list[Document]:
    """The filing's documents in order, with what the notice and label show (one query)."""
    return list(
        filing.documents.select_related(
            "kind", "annexed_to", "carried_over_from__filing__matter"
        ).order_by("position")
    )


def filing_rejections(filing: Filing) -> list[FilingRejection]:
    """The coded reasons ``filing`` was rejected, in the order of the reasons' list."""
    return list(
        filing.rejections.select_related("reason", "document").order_by(
            "reason__position", "document__position", "pk"
        )
    )


def filing_corrections(user: Any, filing: Filing) -> list[Filing]:
    """The filings lodged to correct ``filing`` that ``user`` may see, oldest first."""
    return list(
        access.filings_for(user)
        .filter(corrects=filing)
        .select_related("matter")
        .order_by("sequence")
    )


def correction_documents(rejected: Filing) -> list[Document]:
    """The rejected filing's documents in order, which its correction starts from."""
    return list(rejected.documents.select_related("annexed_to").order_by("position"))


def lodging_parties(user: Any, matter: Matter, corrects: Filing | None) -> QuerySet[Party]:
    """The parties ``user`` may lodge for in ``matter``: for a correction, only the party that
    lodged the rejected filing."""
    parties = access.parties_for(user, matter)
    if corrects is not None:
        parties = parties.filter(pk=corrects.party_id)
    return parties
