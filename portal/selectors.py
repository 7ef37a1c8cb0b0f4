"""Reads for the practitioner's own pages, scoped by ``filings.selectors.access``: every filing
of every party they act for, and their profile (firm and matters)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from filings.models import Filing, Matter, PractitionerProfile
from filings.selectors import access
from filings.selectors.counts import correction_count, document_count
from notices.models import Notice


@dataclass(frozen=True)
class MyFilings:
    """The practitioner's filings and how many are in each status."""

    filings: QuerySet[Filing]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def listed(self, status: str = "") -> int:
        """How many rows ``filings`` has for ``status`` (all of them for "")."""
        return self.counts.get(status, 0) if status else self.total


def my_filings_listing(*, user: Any, status: str = "") -> MyFilings:
    """The practitioner's filings and the count by status, the parties ``user`` acts for read
    once (two queries, then one for the page): the counts name the parties by id as the list
    does, so PostgreSQL reads the practitioner's filings by index and no more, and the list's
    own count is taken from them."""
    filings = access.filings_listed_for(user)
    counts = filings.order_by().values_list("status").annotate(n=Count("pk"))
    return MyFilings(
        filings=_my_filings(filings, user=user, status=status),
        counts=dict(counts.values_list("status", "n")),
    )


def _my_filings(filings: QuerySet[Filing], *, user: Any, status: str) -> QuerySet[Filing]:
    """``filings`` (those lodged for a party ``user`` acts for), newest first, optionally by
    status; with its matter, party and number of documents, and the notices sent to ``user``
    about it: how many (``notice_count``) and the latest (``latest_notice_id``,
    ``latest_notice_subject``, ``latest_notice_at``). One query per page: the counts and the
    notices are correlated subqueries, computed for the page's rows only, not joins that
    multiply each other."""
    own = Notice.objects.filter(filing_id=OuterRef("pk"), recipient_id=user.pk)
    latest = own.order_by("-created_at", "-pk")
    filings = filings.select_related("matter", "party", "corrects__matter").annotate(
        document_count=document_count(),
        correction_count=correction_count(),
        notice_count=Coalesce(
            Subquery(
                own.order_by().values("filing_id").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        latest_notice_id=Subquery(latest.values("pk")[:1]),
        latest_notice_subject=Subquery(latest.values("subject")[:1]),
        latest_notice_at=Subquery(latest.values("created_at")[:1]),
    )
    if status:
        filings = filings.filter(status=status)
    return filings.order_by("-lodged_at", "-pk")


@dataclass(frozen=True)
class Profile:
    """What the profile page shows."""

    user: Any
    organisation: Any
    phone: str
    matters: tuple[Matter, ...]


def profile(*, user: Any) -> Profile:
    """The user's firm (if any) and the matters where they act for a party (two queries)."""
    details = (
        PractitionerProfile.objects.select_related("organisation").filter(user_id=user.pk).first()
    )
    matters = access.matters_for(user).select_related("proceeding").order_by("-year", "-sequence")
    return Profile(
        user=user,
        organisation=details.organisation if details else None,
        phone=details.phone if details else "",
        matters=tuple(matters),
    )
