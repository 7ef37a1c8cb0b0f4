"""The practitioner's dashboard: their matters and what is due in each.

What is due:

- PD16 para 3(b): in s.106 proceedings, once the Certificate of Unsuccessful Conciliation is
  issued, the electronic copies of documents filed before it, within 28 days;
- PD16 para 11: awards and variations under Rule 32 not yet received, by the time the
  Commission set;
- PD16 para 7: directions to file (or file and serve) by a date that bind the user's parties,
  with the days left, or the filing that met them;
- rejected filings not yet corrected, and the date the registry allowed for a correction.

What is due is read by ``filings.selectors.obligations`` for the whole page of matters at once,
so the queries are a fixed number whatever the number of matters, parties, documents or orders.
Every read is scoped by ``filings.selectors.access``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.db.models import Count

from filings.models import Filing, Matter, Party
from filings.selectors import access
from filings.selectors.directions_due import DirectionObligation, direction_obligations_for_matters
from filings.selectors.keyset import page_by_keys
from filings.selectors.obligations import (
    OutstandingDocument,
    PartyOutstanding,
    s106_outstanding_for_matters,
)
from filings.selectors.rule32_deadlines import Rule32Deadline, rule32_deadlines_for_matters
from practice_directions.rules import RulesData
from practice_directions.selectors import load_rules

MATTERS_PER_PAGE = 25


@dataclass(frozen=True)
class MatterDue:
    """One matter on the dashboard: the parties the user acts for and what is due."""

    matter: Matter
    parties: tuple[Party, ...]
    awaiting_certificate: bool
    certificate_on: datetime.date | None
    s106: tuple[PartyOutstanding, ...]
    rule32: tuple[Rule32Deadline, ...]
    corrections: tuple[Filing, ...]
    filing_counts: dict[str, int] = field(default_factory=dict)
    directions: tuple[DirectionObligation, ...] = ()

    @property
    def slug(self) -> str:
        """The matter as named in the practitioner's URLs (IRC2004-1000)."""
        return access.matter_slug(self.matter.number)

    @property
    def outstanding_documents(self) -> tuple[OutstandingDocument, ...]:
        return tuple(d for party in self.s106 for d in party.documents)

    @property
    def overdue(self) -> bool:
        return (
            any(p.overdue for p in self.s106)
            or any(r.overdue for r in self.rule32)
            or any(d.status.state == "overdue" for d in self.directions)
        )

    @property
    def has_anything_due(self) -> bool:
        return bool(
            self.outstanding_documents or self.rule32 or self.corrections or self.directions
        )


def matters_due(
    *, user: Any, matters: Sequence[Matter], today: datetime.date, rules: RulesData | None = None
) -> list[MatterDue]:
    """What is due in each of ``matters`` (already scoped to ``user``), in a fixed number of
    queries whatever their number."""
    matters = list(matters)
    if not matters:
        return []
    rules = rules or load_rules()
    parties: dict[int, list[Party]] = defaultdict(list)
    for party in (
        access.represented_parties(user).filter(matter__in=matters).order_by("role", "name", "pk")
    ):
        parties[party.matter_id].append(party)
    scoped_filings = access.filings_for(user).filter(matter__in=matters)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in scoped_filings.values("matter_id", "status").annotate(n=Count("pk")).order_by():
        counts[row["matter_id"]][row["status"]] = row["n"]
    corrections: dict[int, list[Filing]] = defaultdict(list)
    uncorrected = (
        scoped_filings.filter(status=Filing.Status.REJECTED)
        .annotate(corrections_lodged=Count("corrections"))
        .filter(corrections_lodged=0)
        .select_related("matter")
        .order_by("correction_due_on", "lodged_at")
    )
    for filing in uncorrected:
        corrections[filing.matter_id].append(filing)
    s106 = s106_outstanding_for_matters(matters=matters, today=today, rules=rules, parties=parties)
    rule32 = rule32_deadlines_for_matters(matters=matters, today=today)
    directions = direction_obligations_for_matters(
        matters=matters, today=today, party_ids=[p.pk for ps in parties.values() for p in ps]
    )
    return [
        MatterDue(
            matter=matter,
            parties=tuple(parties[matter.pk]),
            awaiting_certificate=rules.proceeding(
                matter.proceeding_id
            ).awaits_conciliation_certificate
            and matter.conciliation_certificate_on is None,
            certificate_on=matter.conciliation_certificate_on,
            s106=tuple(s106[matter.pk]),
            rule32=tuple(rule32[matter.pk]),
            corrections=tuple(corrections[matter.pk]),
            filing_counts=counts[matter.pk],
            directions=tuple(directions[matter.pk]),
        )
        for matter in matters
    ]


def dashboard_page(
    *, user: Any, today: datetime.date, page_number: Any = 1, per_page: int = MATTERS_PER_PAGE
) -> tuple[Page, list[MatterDue]]:
    """A page of the user's matters, open ones first, with what is due in each.

    The user's matters are read once, as keys in order (a caseload of a thousand matters is a
    thousand keys), then counted and paged here; the page's matters are fetched by key. The
    count and the page no longer each find the caseload again (``keyset.page_by_keys``)."""
    # "open" sorts after "closed": descending puts open matters first.
    keys = (
        access.matters_for(user)
        .order_by("-status", "-year", "-sequence")
        .values_list("pk", flat=True)
    )
    page = page_by_keys(
        Matter.objects.select_related("proceeding"),
        list(keys),
        page_number=page_number,
        per_page=per_page,
    )
    return page, matters_due(user=user, matters=list(page.object_list), today=today)
