"""Reads of the outbox: a user's notices, the clerks' failed list, preferences and limits."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from filings.models import Filing
from filings.selectors.access import matter_number_from_slug, matters_for
from notices.models import Notice, NoticePreferences, ReminderLimits

LIST_FIELDS = (
    "pk",
    "kind",
    "subject",
    "state",
    "created_at",
    "sent_at",
    "link",
    "matter_number",
    "to_address",
)


def notices_for(user: Any) -> QuerySet[Notice]:
    """The notices sent (or being sent) to ``user``, newest first: one query per page."""
    if not user.is_authenticated:
        return Notice.objects.none()
    return Notice.objects.filter(recipient_id=user.pk).only(*LIST_FIELDS).order_by("-pk")


def notice_for(user: Any, pk: int) -> Notice:
    """One of ``user``'s own notices; 404 for anyone else's. A notice about a matter opens only
    while the user still acts in it."""
    notice = notices_for(user).filter(pk=pk).defer(None).first()
    if (
        notice is None
        or notice.matter_id is None  # an acknowledgement of mail: an outside address's only
        or not matters_for(user).filter(pk=notice.matter_id).exists()
    ):
        raise Http404("No such notice.")
    return notice


def served_filing_for(user: Any, *, matter_slug: str, sequence: int) -> tuple[Filing, Notice]:
    """A filing served on ``user`` under a "file and serve" direction (PD16 para 7), with the
    notice that served it; 404 unless they act in the matter and were served it."""
    number = matter_number_from_slug(matter_slug)
    filing = (
        Filing.objects.filter(
            matter__in=matters_for(user), matter__number=number, sequence=sequence
        )
        .select_related("matter", "party", "lodged_by", "corrects")
        .first()
    )
    if filing is None:
        raise Http404("No such filing.")
    notice = Notice.objects.filter(
        filing=filing, recipient_id=user.pk, kind=Notice.Kind.FILING_SERVED
    ).first()
    if notice is None:
        raise Http404("No such filing.")
    return filing, notice


def stuck_before(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(seconds=settings.NOTICES_SENDING_TIMEOUT_SECONDS)


def notices_needing_a_clerk() -> QuerySet[Notice]:
    """Failed notices, and those queued or sending for longer than they should be (a worker
    that is not running), oldest first: what a clerk sees and retries."""
    stuck = stuck_before()
    return (
        Notice.objects.filter(
            Q(state=Notice.State.FAILED)
            | Q(state=Notice.State.QUEUED, next_attempt_at__lt=stuck)
            | Q(state=Notice.State.SENDING, claimed_at__lt=stuck)
        )
        .select_related("recipient")
        .order_by("created_at", "pk")
    )


def outbox_counts() -> dict[str, int]:
    """How many notices are in each state (one query)."""
    from django.db.models import Count

    counts = dict(
        Notice.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in Notice.State.values}


def reminder_limits() -> ReminderLimits:
    """The clerk-set limits (defaults until a clerk changes them)."""
    limits = ReminderLimits.objects.filter(pk=ReminderLimits.SINGLETON).first()
    return limits or ReminderLimits(pk=ReminderLimits.SINGLETON)


@dataclass(frozen=True)
class EffectivePreferences:
    """What a user receives, their choice held within the clerk's limits."""

    days_before: int
    remind_copies: bool
    remind_directions: bool
    remind_rule32: bool
    overdue: bool

    def wants(self, obligation_kind: str) -> bool:
        return {
            "copy": self.remind_copies,
            "direction": self.remind_directions,
            "rule32": self.remind_rule32,
        }[obligation_kind]


def effective_preferences(
    limits: ReminderLimits, chosen: NoticePreferences | None
) -> EffectivePreferences:
    if chosen is None:
        return EffectivePreferences(limits.default_days_before, True, True, True, True)
    days = min(max(chosen.days_before, limits.min_days_before), limits.max_days_before)
    return EffectivePreferences(
        days_before=days,
        remind_copies=chosen.remind_copies,
        remind_directions=chosen.remind_directions,
        remind_rule32=chosen.remind_rule32,
        overdue=chosen.overdue or limits.overdue_required,
    )


def preferences_of(user_ids: list[int]) -> dict[int, NoticePreferences]:
    """Stored choices per user id (one query); users who never chose are absent."""
    return {p.user_id: p for p in NoticePreferences.objects.filter(user_id__in=user_ids)}
