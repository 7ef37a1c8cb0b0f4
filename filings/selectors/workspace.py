"""The clerk's workspace: how many filings wait for review and since when, and how many matters
are open."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min

from filings.models import Filing, Matter


@dataclass(frozen=True)
class Waiting:
    """Filings lodged and not yet reviewed."""

    count: int
    oldest: datetime.datetime | None


@dataclass(frozen=True)
class WorkspaceSummary:
    waiting: Waiting
    open_matters: int


def workspace_summary() -> WorkspaceSummary:
    waiting = Filing.objects.filter(status=Filing.Status.LODGED).aggregate(
        count=Count("pk"), oldest=Min("lodged_at")
    )
    return WorkspaceSummary(
        waiting=Waiting(count=waiting["count"], oldest=waiting["oldest"]),
        open_matters=Matter.objects.filter(status=Matter.Status.OPEN).count(),
    )
