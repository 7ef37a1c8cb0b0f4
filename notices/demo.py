"""Demo notices (``seed_demo``): the seeded lodgments, reviews and directions queue their own
notices through the services; this adds today's reminders and overdue notices, and shows the
clerks' page one notice that could not be delivered. Idempotent, like the rest of the seed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from notices.models import Notice
from notices.services.reminders import reminders_send

DEMO_FAILURE = (
    "Demo: SMTPRecipientsRefused: 450 4.2.1 mailbox temporarily unavailable (6 tries); "
    "retry it from this page."
)


def seed_demo_notices(report: Any) -> None:
    """``report.count(what, created=...)`` as the rest of the seed reports."""
    run = reminders_send(today=timezone.localdate())
    for _ in range(run.reminders + run.overdue):
        report.count("reminders and overdue notices", created=True)
    shown = Notice.objects.filter(last_error=DEMO_FAILURE).exists()
    report.count("undelivered demo notice", created=not shown)
    if shown:
        return
    sample = (
        Notice.objects.filter(state=Notice.State.QUEUED, kind=Notice.Kind.FILING_ACCEPTED)
        .order_by("pk")
        .first()
    )
    if sample is not None:
        with transaction.atomic():
            Notice.objects.filter(pk=sample.pk).update(
                state=Notice.State.FAILED, attempts=6, last_error=DEMO_FAILURE
            )
