"""Reads for the clerks' deadlines page: s.106 windows after the certificate (PD16 para 3(b))
and Rule 32 awards not yet received (para 11), within a window of days around today, each list
paged in the database."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Q, QuerySet

from filings.models import (
    Document,
    Filing,
    Matter,
    Party,
)
from filings.selectors import keyset
from filings.selectors.obligations import (
    PartyOutstanding,
    s106_outstanding_for_matters,
    s106_period_ends,
)
from filings.selectors.rule32_deadlines import Rule32Deadline
from practice_directions.rules import RulesData

# --- Deadlines: s.106 windows (PD16 para 3(b)) and Rule 32 awards (para 11) ---


@dataclass(frozen=True)
class S106Window:
    """One s.106 matter's 28-day window after its certificate, and each party's position."""

    matter: Matter
    certificate_on: datetime.date
    period_ends: datetime.date
    is_open: bool
    parties: tuple[PartyOutstanding, ...]

    @property
    def overdue(self) -> bool:
        return any(party.overdue for party in self.parties)

    @property
    def outstanding_count(self) -> int:
        return sum(len(party.documents) for party in self.parties)


@dataclass(frozen=True)
class Rule32Row:
    """An award or variation not yet received (para 11), with the applicants who must file it."""

    deadline: Rule32Deadline
    applicants: tuple[Party, ...]

    @property
    def days_overdue(self) -> int:
        return max(0, -self.deadline.days_left)


# How far the deadlines page looks back and ahead. Obligations further out are not lost: each
# matter's page shows what it owes; the page is for the clerks' daily round, and its cost stays
# that of a few weeks' obligations however many years the register holds.
OVERDUE_WITHIN_DAYS = 365
DUE_WITHIN_DAYS = 90


@dataclass(frozen=True)
class DeadlineWindow:
    """The stretch of days the deadlines page lists: obligations due from ``overdue_days``
    before ``today`` (overdue, or met, by up to that many days) to ``due_days`` after it."""

    today: datetime.date
    overdue_days: int = OVERDUE_WITHIN_DAYS
    due_days: int = DUE_WITHIN_DAYS

    @property
    def due_from(self) -> datetime.date:
        return self.today - datetime.timedelta(days=self.overdue_days)

    @property
    def due_to(self) -> datetime.date:
        return self.today + datetime.timedelta(days=self.due_days)


def s106_window_matters(
    *, today: datetime.date, rules: RulesData, window: DeadlineWindow | None = None
) -> QuerySet[Matter]:
    """Matters whose para 3(b) period ends within ``window`` (by default the deadlines page's,
    around ``today``): every one still open, and those closed that may still owe copies.

    Soonest certificate first. The second test is generous (any document filed before the
    certificate without a copy); ``s106_windows`` then asks the rules which are really owed.
    Each proceeding's period turns the window into a range of certificate dates, which the
    index on ``conciliation_certificate_on`` (migration 0012) serves: the cost is that of the
    window's matters, not of every certified matter.
    """
    return (
        Matter.objects.filter(pk__in=_s106_listed(today=today, rules=rules, window=window))
        .select_related("proceeding")
        .order_by("conciliation_certificate_on", "pk")
    )


def s106_window_keys(
    *, today: datetime.date, rules: RulesData, window: DeadlineWindow | None = None
) -> list[int]:
    """The primary keys of ``s106_window_matters``, in its order, in one query that reads no
    matter twice: the UNION carries the certificate date to sort by, so the matters are not
    looked up again by key to be sorted and counted. The deadlines page counts and pages
    these keys and fetches its 25 matters by primary key (``keyset.page_by_keys``)."""
    listed = _s106_listed(
        today=today, rules=rules, window=window, fields=("pk", "conciliation_certificate_on")
    )
    return [pk for pk, _ in listed.order_by("conciliation_certificate_on", "pk")]


def s106_window_page(
    *,
    today: datetime.date,
    rules: RulesData,
    window: DeadlineWindow,
    page_number: Any,
    per_page: int,
) -> Page:
    """One page of the matters ``s106_window_keys`` lists, in its order, with their proceeding:
    the keys read once, the page's matters fetched by key."""
    return keyset.page_by_keys(
        Matter.objects.select_related("proceeding"),
        s106_window_keys(today=today, rules=rules, window=window),
        page_number=page_number,
        per_page=per_page,
    )


def _s106_listed(
    *,
    today: datetime.date,
    rules: RulesData,
    window: DeadlineWindow | None,
    fields: tuple[str, ...] = ("pk",),
) -> QuerySet[Matter, tuple[Any, ...]]:
    window = window or DeadlineWindow(today=today)
    in_window = Q(pk__in=[])
    open_window = Q(pk__in=[])
    for proceeding in rules.proceedings:
        if proceeding.awaits_conciliation_certificate:
            period = datetime.timedelta(days=proceeding.period_after_certificate_days or 0)
            in_window |= Q(
                proceeding_id=proceeding.code,
                conciliation_certificate_on__gte=window.due_from - period,
                conciliation_certificate_on__lte=window.due_to - period,
            )
            open_window |= Q(
                proceeding_id=proceeding.code,
                conciliation_certificate_on__gte=proceeding.earliest_certificate_with_open_period(
                    today
                ),
            )
    may_owe = Exists(
        Document.objects.filter(
            filing__matter=OuterRef("pk"),
            electronic_copy="",
            filing__lodged_at__date__lt=OuterRef("conciliation_certificate_on"),
        ).exclude(filing__status=Filing.Status.REJECTED)
    )
    # Two sets joined by a UNION rather than one filter with an OR: alone, the EXISTS is a
    # semi-join PostgreSQL can drive from either side (the partial index on documents without a
    # copy, migration 0012, when they are few); inside an OR it is tested matter by matter.
    in_dates = Matter.objects.filter(in_window).order_by()
    listed = in_dates.filter(open_window).values_list(*fields)
    return listed.union(in_dates.filter(may_owe).values_list(*fields))


def s106_windows(
    *, matters: Sequence[Matter], today: datetime.date, rules: RulesData
) -> list[S106Window]:
    """The para 3(b) window of each of ``matters`` (as ``s106_window_matters`` lists them), with
    ``filings.selectors.obligations.s106_outstanding`` for each, in six queries whatever the
    number of matters, parties or documents. A matter with no window (not s.106, or no
    certificate yet) is left out."""
    outstanding = s106_outstanding_for_matters(matters=matters, today=today, rules=rules)
    windows = []
    for matter in matters:
        period_ends = s106_period_ends(matter, rules)
        if period_ends is None or matter.conciliation_certificate_on is None:
            continue
        windows.append(
            S106Window(
                matter=matter,
                certificate_on=matter.conciliation_certificate_on,
                period_ends=period_ends,
                is_open=today <= period_ends,
                parties=tuple(outstanding[matter.pk]),
            )
        )
    return windows


def rule32_rows(*, deadlines: Sequence[Rule32Deadline]) -> list[Rule32Row]:
    """The Rule 32 deadlines with the applicants who must file (para 11), in one query."""
    applicants: dict[int, list[Party]] = {}
    matter_ids = {d.matter_id for d in deadlines}
    for party in Party.objects.filter(matter_id__in=matter_ids, role=Party.Role.APPLICANT).order_by(
        "name", "pk"
    ):
        applicants.setdefault(party.matter_id, []).append(party)
    return [
        Rule32Row(deadline=d, applicants=tuple(applicants.get(d.matter_id, ()))) for d in deadlines
    ]
