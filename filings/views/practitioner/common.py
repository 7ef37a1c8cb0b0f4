"""Lookups every practitioner page shares: each goes through ``filings.selectors.access``.

An object outside the practitioner's parties answers 404 exactly as a missing one does, and the
refusal goes to the audit trail (``access_refused``), saying whether the object exists, so that
someone probing other matters' records stands out from a mistyped address.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from audit.models import AuditEvent
from audit.services import audit_record
from filings.models import Document, Filing, Matter, Party
from filings.selectors import access, refusals


def refused(
    request: HttpRequest,
    message: str,
    *,
    asked_for: str,
    exists: bool,
    matter_number: str = "",
    filing_reference: str = "",
    document_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> Http404:
    """Audit a refused lookup and give the 404 to raise."""
    audit_record(
        action=AuditEvent.Action.ACCESS_REFUSED,
        request=request,
        matter_number=matter_number,
        filing_reference=filing_reference,
        document_id=document_id,
        detail={
            "reason": "outside_parties" if exists else "no_such_object",
            "object": asked_for,
            "path": request.path[:200],
            **(detail or {}),
        },
    )
    return Http404(message)


def represented_matter_or_404(request: HttpRequest, slug: str) -> Matter:
    """A matter in which the signed-in practitioner acts for a party, or 404: any other matter,
    existing or not, is refused alike and the refusal audited (clerks use
    ``filings.views.clerk.common.any_matter_or_404``)."""
    try:
        return access.matter_for(request.user, slug=slug)
    except Matter.DoesNotExist:
        number = access.matter_number_from_slug(slug)
        raise refused(
            request,
            "No such matter.",
            asked_for="matter",
            exists=refusals.matter_exists(number),
            matter_number=number,
        ) from None


def filing_or_404(request: HttpRequest, slug: str, sequence: int) -> Filing:
    try:
        return access.filing_for(request.user, slug=slug, sequence=sequence)
    except Filing.DoesNotExist:
        number = access.matter_number_from_slug(slug)
        other = refusals.any_filing(number, sequence)
        raise refused(
            request,
            "No such filing.",
            asked_for="filing",
            exists=other is not None,
            matter_number=number,
            filing_reference=other.reference if other else "",
            detail={"sequence": sequence},
        ) from None


def document_or_404(request: HttpRequest, slug: str, sequence: int, position: int) -> Document:
    try:
        return access.document_for(request.user, slug=slug, sequence=sequence, position=position)
    except Document.DoesNotExist:
        number = access.matter_number_from_slug(slug)
        other = refusals.any_document(number, sequence, position)
        raise refused(
            request,
            "No such document.",
            asked_for="document",
            exists=other is not None,
            matter_number=number,
            filing_reference=other.filing.reference if other else "",
            document_id=other.pk if other else None,
            detail={"sequence": sequence, "position": position},
        ) from None


def party_or_404(request: HttpRequest, matter: Matter, party_id: int) -> Party:
    """One of the parties the practitioner acts for in ``matter``."""
    try:
        return access.parties_for(request.user, matter).get(pk=party_id)
    except Party.DoesNotExist:
        raise refused(
            request,
            "No such party.",
            asked_for="party",
            exists=refusals.party_exists(matter, party_id),
            matter_number=matter.number,
            detail={"party_id": party_id},
        ) from None
