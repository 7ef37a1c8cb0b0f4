"""Notices for what happens to a filing: lodged, served (PD16 para 7), accepted or rejected.

Each function is called by the service that records the event, inside its transaction, and
writes the notices to the outbox (``notice_queue``); they go after commit.
"""

from __future__ import annotations

from django.utils import timezone

from filings import packaging
from filings.models import Direction, Document, Filing
from notices.models import Notice
from notices.recipients import lodging_practitioners, other_parties_practitioners
from notices.services.outbox import notice_queue
from notices.text import (
    day,
    filing_path,
    paragraph_label,
    served_path,
    subject_for,
    with_link,
)


def _documents(filing: Filing) -> list[Document]:
    return list(filing.documents.select_related("kind", "annexed_to").order_by("position"))


def notify_filing_lodged(
    *, filing: Filing, documents: list[Document] | None = None
) -> list[Notice]:
    """The Notice of Lodgment (its text, with the SHA-256 of each copy, and a link) to the
    lodging practitioner; where a "file and serve" direction covers the filing (PD16 para 7),
    a notice of it to the practitioners of every other party.

    ``documents``: the filing's documents in order, as the lodgment just wrote them (with their
    kinds), so that they are not read back."""
    documents = _documents(filing) if documents is None else documents
    entries = packaging.document_entries(filing, documents)
    notice_text = packaging.notice_of_lodgment_text(filing, entries)
    lines = [
        f"Filing {filing.reference} was lodged in {filing.matter.number} "
        f"{filing.matter.abbreviated_title}. Its Notice of Lodgment follows; it is also on the "
        "filing's page:",
        "",
        notice_text.rstrip("\n"),
    ]
    body, html = with_link(lines, filing_path(filing))
    queued = [
        notice_queue(
            kind=Notice.Kind.FILING_LODGED,
            recipient=user,
            matter=filing.matter,
            filing=filing,
            subject=subject_for(filing.matter, f"Notice of Lodgment: filing {filing.reference}"),
            body=body,
            html_body=html,
            link=filing_path(filing),
            dedupe_key=f"filing_lodged:{filing.pk}:{user.pk}",
        )
        for user in lodging_practitioners(filing)
    ]
    if _served_by_direction(filing, documents):
        queued += _notify_served(filing, entries)
    return [n for n in queued if n is not None]


def _served_by_direction(filing: Filing, documents: list[Document]) -> bool:
    """Whether a para 7 direction to "file and serve", made by the filing date, binds the
    lodging party and covers at least one of the filing's documents."""
    kinds = {d.kind_id for d in documents}
    directions = (
        Direction.objects.in_force()
        .filter(
            matter_id=filing.matter_id,
            kind=Direction.Kind.DIRECT,
            serve=True,
            made_on__lte=timezone.localdate(filing.lodged_at),
        )
        .prefetch_related("parties", "document_kinds")
    )
    for direction in directions:
        bound = {p.pk for p in direction.parties.all()}
        covered = {k.pk for k in direction.document_kinds.all()}
        if (not bound or filing.party_id in bound) and (not covered or covered & kinds):
            return True
    return False


def _notify_served(filing: Filing, entries: list[packaging.DocumentEntry]) -> list[Notice | None]:
    matter = filing.matter
    lines = [
        f"{filing.party.name} ({filing.party.get_role_display()}) lodged filing "
        f"{filing.reference} in {matter.number} {matter.abbreviated_title}, under a direction "
        "to file and serve (PD16 para 7). Documents:",
        "",
    ]
    for entry in entries:
        line = f"{entry.position:02d}  {entry.title} ({entry.kind})"
        if entry.has_copy:
            line += f"  SHA-256 {entry.sha256}"
        lines.append(line)
    lines += ["", "The page below opens only while you act for a party in the matter."]
    body, html = with_link(lines, served_path(filing))
    return [
        notice_queue(
            kind=Notice.Kind.FILING_SERVED,
            recipient=user,
            matter=matter,
            filing=filing,
            subject=subject_for(matter, f"Filing {filing.reference} served on you"),
            body=body,
            html_body=html,
            link=served_path(filing),
            dedupe_key=f"filing_served:{filing.pk}:{user.pk}",
        )
        for user in other_parties_practitioners(filing)
    ]


def notify_filing_reviewed(*, filing: Filing) -> list[Notice]:
    """Acceptance or rejection, to the lodging practitioner: on rejection every coded reason
    with the paragraph it cites and the document it concerns, and the correction date."""
    matter = filing.matter
    if filing.status == Filing.Status.ACCEPTED:
        kind, outcome = Notice.Kind.FILING_ACCEPTED, "accepted"
        lines = [f"Filing {filing.reference} in {matter.number} was accepted by the Registry."]
    else:
        kind, outcome = Notice.Kind.FILING_REJECTED, "rejected"
        lines = [
            f"Filing {filing.reference} in {matter.number} was rejected by the Registry, "
            "for these reasons:",
            "",
        ]
        rejections = filing.rejections.select_related("reason", "document").order_by(
            "reason__position", "document__position", "pk"
        )
        for rejection in rejections:
            about = f" (document {rejection.document.position:02d})" if rejection.document else ""
            lines.append(
                f"- {rejection.reason.text} [{paragraph_label(rejection.reason.paragraph)}]{about}"
            )
            if rejection.note:
                lines.append(f"  {rejection.note}")
        lines.append("")
        if filing.correction_due_on:
            lines.append(
                f"A corrected filing may be lodged by {day(filing.correction_due_on)}, "
                "from the filing's page."
            )
        else:
            lines.append("No date was set for a corrected filing.")
    if filing.review_notes:
        lines += ["", f"The Registry's note: {filing.review_notes}"]
    body, html = with_link(lines, filing_path(filing))
    queued = [
        notice_queue(
            kind=kind,
            recipient=user,
            matter=matter,
            filing=filing,
            subject=subject_for(matter, f"Filing {filing.reference} {outcome}"),
            body=body,
            html_body=html,
            link=filing_path(filing),
            dedupe_key=f"filing_reviewed:{filing.pk}:{user.pk}",
        )
        for user in lodging_practitioners(filing)
    ]
    return [n for n in queued if n is not None]
