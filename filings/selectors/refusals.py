"""Whether a record a practitioner was refused exists at all.

Used only for the audit trail's ``access_refused`` event, which tells someone probing other
matters' records from a mistyped address; the answer is never shown. These reads are not
scoped to the user (``filings.selectors.access`` is the scope), so nothing read here may reach
a page.
"""

from __future__ import annotations

from filings.models import Document, Filing, Matter, Party


def matter_exists(number: str) -> bool:
    return Matter.objects.filter(number=number).exists()


def any_filing(number: str, sequence: int) -> Filing | None:
    """The filing, whoever lodged it (its reference goes to the audit event)."""
    return (
        Filing.objects.select_related("matter")
        .filter(matter__number=number, sequence=sequence)
        .first()
    )


def any_document(number: str, sequence: int, position: int) -> Document | None:
    """The document, whoever lodged it (its key and filing go to the audit event)."""
    return (
        Document.objects.select_related("filing__matter")
        .filter(filing__matter__number=number, filing__sequence=sequence, position=position)
        .first()
    )


def party_exists(matter: Matter, party_id: int) -> bool:
    return Party.objects.filter(pk=party_id, matter=matter).exists()
