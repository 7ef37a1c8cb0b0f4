"""One record by what a clerk's URL or form names it: a matter by its number, a party or a Rule 32
order of that matter, a filing by its key. Each raises the model's ``DoesNotExist`` for the
view to answer 404; practitioners find records through ``filings.selectors.access`` instead,
which scopes them to the parties they act for."""

from __future__ import annotations

from django.db.models import QuerySet

from filings.models import (
    Direction,
    Document,
    Filing,
    Matter,
    Party,
    PartyRepresentative,
    PracticeNoteApplication,
    Rule32Order,
)
from practice_directions.models import DocumentKind, RejectionReason


def matter_by_number(number: str) -> Matter:
    """Any matter, with its proceeding (every matter page shows it)."""
    return Matter.objects.select_related("proceeding").get(number=number)


def filing_by_pk(pk: int) -> Filing:
    """Any filing, with its matter (for the links back to it)."""
    return Filing.objects.select_related("matter").get(pk=pk)


def party_in_matter(matter: Matter, pk: int) -> Party:
    """A party of ``matter``; a party of another matter does not exist here."""
    return matter.parties.get(pk=pk)


def representative_link(party: Party, user_id: int) -> PartyRepresentative | None:
    """The link making ``user_id`` a representative of ``party``, if there is one."""
    return (
        PartyRepresentative.objects.select_related("user")
        .filter(party=party, user_id=user_id)
        .first()
    )


def rule32_order_in_matter(matter: Matter, pk: int) -> Rule32Order:
    """A Rule 32 order recorded in ``matter``."""
    return Rule32Order.objects.get(pk=pk, matter=matter)


def direction_in_matter(matter: Matter, pk: int) -> Direction:
    """A para 7 direction or waiver recorded in ``matter``."""
    return Direction.objects.get(pk=pk, matter=matter)


def practice_note_application_in_matter(matter: Matter, pk: int) -> PracticeNoteApplication:
    """An application of PN127 (PD16 para 8) recorded in ``matter``."""
    return PracticeNoteApplication.objects.get(pk=pk, matter=matter)


def active_document_kind(pk: int) -> DocumentKind:
    """A kind of document that may still be lodged."""
    return DocumentKind.objects.get(pk=pk, active=True)


def every_document() -> QuerySet[Document]:
    """Every lodged document: what a clerk's search looks through."""
    return Document.objects.all()


def active_rejection_reasons() -> QuerySet[RejectionReason]:
    """The coded reasons a clerk may give for rejecting a filing."""
    return RejectionReason.objects.filter(active=True)
