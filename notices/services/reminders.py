"""The daily reminder run (``manage.py send_reminders``): a reminder some days before an
obligation falls due, and a notice once it is overdue, each queued once per obligation, due
date and recipient (its dedupe key), so a second run on the same day queues nothing new.

Each practitioner's choices (``NoticePreferences``) decide which reminders they receive and how
many days ahead, within the limits a clerk sets (``ReminderLimits``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from filings.models import PartyRepresentative
from notices.models import Notice
from notices.obligations import Obligation, obligations_falling_due
from notices.selectors import effective_preferences, preferences_of, reminder_limits
from notices.services.outbox import notice_queue, notices_sweep
from notices.text import day, matter_path, subject_for, with_link
from registry.roles import PRACTITIONERS


@dataclass(frozen=True)
class ReminderRun:
    reminders: int
    overdue: int

    def to_dict(self) -> dict[str, int]:
        return {"reminders": self.reminders, "overdue": self.overdue}


@dataclass(frozen=True)
class _Planned:
    kind: str
    obligation: Obligation
    user: User
    key: str


def _bound_practitioners(obligations: list[Obligation]) -> dict[int, list]:
    """Practitioners per party id, for every party of ``obligations`` (one query)."""
    party_ids = {pk for o in obligations for pk in o.party_ids}
    links = (
        PartyRepresentative.objects.filter(
            party_id__in=party_ids, user__is_active=True, user__groups__name=PRACTITIONERS
        )
        .select_related("user")
        .order_by("user_id")
    )
    result: dict[int, list] = defaultdict(list)
    for link in links:
        result[link.party_id].append(link.user)
    return result


def _plan(today: datetime.date) -> list[_Planned]:
    limits = reminder_limits()
    lookback = datetime.timedelta(days=settings.NOTICES_OVERDUE_LOOKBACK_DAYS)
    obligations = obligations_falling_due(
        today=today, horizon_days=limits.max_days_before, overdue_since=today - lookback
    )
    by_party = _bound_practitioners(obligations)
    users = {u.pk: u for users in by_party.values() for u in users}
    chosen = preferences_of(list(users))
    planned = []
    for obligation in obligations:
        bound = {u.pk: u for pk in obligation.party_ids for u in by_party.get(pk, [])}
        for user in bound.values():
            wants = effective_preferences(limits, chosen.get(user.pk))
            if obligation.due_on < today:
                if wants.overdue:
                    planned.append(_Planned(Notice.Kind.OVERDUE, obligation, user, "overdue"))
            elif (obligation.due_on - today).days <= wants.days_before and wants.wants(
                obligation.kind
            ):
                planned.append(_Planned(Notice.Kind.REMINDER, obligation, user, "reminder"))
    planned = [
        _Planned(
            p.kind,
            p.obligation,
            p.user,
            f"{p.key}:{p.obligation.key}:{p.obligation.due_on.isoformat()}:{p.user.pk}",
        )
        for p in planned
    ]
    done = set(
        Notice.objects.filter(dedupe_key__in=[p.key for p in planned]).values_list(
            "dedupe_key", flat=True
        )
    )
    return [p for p in planned if p.key not in done]


def _queue(planned: _Planned, today: datetime.date) -> Notice | None:
    obligation = planned.obligation
    matter = obligation.matter
    days = (obligation.due_on - today).days
    if planned.kind == Notice.Kind.OVERDUE:
        subject = subject_for(matter, f"Overdue since {day(obligation.due_on)}")
        when = f"was due on {day(obligation.due_on)} and is overdue by {-days} day" + (
            "s" if -days != 1 else ""
        )
    else:
        subject = subject_for(matter, f"Reminder: due {day(obligation.due_on)}")
        when = (
            "is due today"
            if days == 0
            else f"is due on {day(obligation.due_on)}, in {days} day{'s' if days != 1 else ''}"
        )
    lines = [
        f"In {matter.number} {matter.abbreviated_title}, {obligation.what} {when}.",
        "",
        "You receive this because you act for a party it binds. Choose which reminders you "
        "receive, and how many days ahead, on your notice preferences page.",
    ]
    body, html = with_link(lines, matter_path(matter))
    return notice_queue(
        kind=planned.kind,
        recipient=planned.user,
        matter=matter,
        subject=subject,
        body=body,
        html_body=html,
        link=matter_path(matter),
        dedupe_key=planned.key,
    )


def reminders_send(*, today: datetime.date, dry_run: bool = False) -> ReminderRun:
    """Queue today's reminders and overdue notices (only those not queued before); with
    ``dry_run``, count them and write nothing. Also runs the outbox's sweep (``notices_sweep``)."""
    planned = _plan(today)
    counts = {
        Notice.Kind.REMINDER: sum(p.kind == Notice.Kind.REMINDER for p in planned),
        Notice.Kind.OVERDUE: sum(p.kind == Notice.Kind.OVERDUE for p in planned),
    }
    if not dry_run:
        with transaction.atomic():
            queued = [n for n in (_queue(p, today) for p in planned) if n is not None]
        counts = {
            kind: sum(n.kind == kind for n in queued)
            for kind in (Notice.Kind.REMINDER, Notice.Kind.OVERDUE)
        }
        notices_sweep()
    return ReminderRun(reminders=counts[Notice.Kind.REMINDER], overdue=counts[Notice.Kind.OVERDUE])
