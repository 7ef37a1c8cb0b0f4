"""What a practitioner may see: the one place that scopes records to the parties a user represents.

Every practitioner page reads matters, parties, filings and documents through these querysets,
so an object outside them answers 404 exactly as a missing one does (security checklist: one
leaked record is a critical failure). A ``PartyRepresentative`` row is the only basis of access:

- matters where the user represents at least one party;
- of those, the parties the user represents (a practitioner lodges only for them);
- filings lodged by a party the user represents, and their documents. The other side's
  filings in the same matter are served on the practitioner by the other side, not
  downloaded from the registry, so they are outside the scope.

A user who is not a practitioner (anonymous, a clerk) gets empty querysets.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from filings.models import Document, Filing, Matter, Party, PartyRepresentative
from registry.roles import is_practitioner

MATTER_SLUG_SEPARATOR = "-"


def matter_slug(number: str) -> str:
    """The matter number as it appears in URLs and file names: IRC2004/1000 -> IRC2004-1000."""
    return number.replace("/", MATTER_SLUG_SEPARATOR)


def matter_number_from_slug(slug: str) -> str:
    """Inverse of ``matter_slug``: IRC2004-1000 -> IRC2004/1000."""
    prefix, _, sequence = slug.rpartition(MATTER_SLUG_SEPARATOR)
    return f"{prefix}/{sequence}" if prefix else slug


def _represents(user: Any) -> bool:
    return user is not None and is_practitioner(user)


def represented_parties(user: Any) -> QuerySet[Party]:
    """The parties ``user`` acts for, in any matter."""
    if not _represents(user):
        return Party.objects.none()
    return Party.objects.filter(representative_links__user_id=user.pk)


def matters_for(user: Any) -> QuerySet[Matter]:
    """The matters in which ``user`` represents at least one party."""
    if not _represents(user):
        return Matter.objects.none()
    return Matter.objects.filter(
        pk__in=Party.objects.filter(representative_links__user_id=user.pk).values("matter_id")
    )


def parties_for(user: Any, matter: Matter) -> QuerySet[Party]:
    """The parties ``user`` represents in ``matter`` (those they may lodge for)."""
    return represented_parties(user).filter(matter_id=matter.pk).order_by("role", "name")


def filings_for(user: Any) -> QuerySet[Filing]:
    """Filings lodged by a party ``user`` represents."""
    if not _represents(user):
        return Filing.objects.none()
    return Filing.objects.filter(
        party_id__in=Party.objects.filter(representative_links__user_id=user.pk).values("pk")
    )


def filings_listed_for(user: Any) -> QuerySet[Filing]:
    """``filings_for``, for lists sorted by lodgment: the parties are read first (one query)
    and named by id, so that PostgreSQL knows how few filings they are among hundreds of
    thousands and plans for them, rather than walking the whole register newest first."""
    if not _represents(user):
        return Filing.objects.none()
    parties = list(
        PartyRepresentative.objects.filter(user_id=user.pk).values_list("party_id", flat=True)
    )
    return Filing.objects.filter(party_id__in=parties)


def documents_for(user: Any) -> QuerySet[Document]:
    """Documents of the filings ``user`` may see."""
    if not _represents(user):
        return Document.objects.none()
    return Document.objects.filter(
        filing__party_id__in=Party.objects.filter(representative_links__user_id=user.pk).values(
            "pk"
        )
    )


def matter_for(user: Any, *, slug: str) -> Matter:
    """One of the user's matters by its URL slug; ``Matter.DoesNotExist`` otherwise."""
    return matters_for(user).select_related("proceeding").get(number=matter_number_from_slug(slug))


def filing_for(user: Any, *, slug: str, sequence: int) -> Filing:
    """One filing the user may see, by matter slug and filing sequence."""
    return (
        filings_for(user)
        .select_related(
            "matter",
            "matter__proceeding",
            "party",
            "corrects__matter",
            "lodged_by__practitioner_profile__organisation",
        )
        .get(matter__number=matter_number_from_slug(slug), sequence=sequence)
    )


def document_for(user: Any, *, slug: str, sequence: int, position: int) -> Document:
    """One document the user may see, by matter slug, filing sequence and position."""
    return (
        documents_for(user)
        .select_related("filing", "filing__matter", "kind")
        .get(
            filing__matter__number=matter_number_from_slug(slug),
            filing__sequence=sequence,
            position=position,
        )
    )
