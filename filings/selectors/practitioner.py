"""The practitioner's dashboard: their matters and what is due in each.

What is due:

- PD16 para 3(b): in s.106 proceedings, once the Certificate of Unsuccessful Conciliation is
  issued, the electronic copies of documents filed before it, within 28 days;
- PD16 para 11: awards and variations under Rule 32 not yet received, by the time the
  Commission set;
- rejected filings not yet corrected, and the date the registry allowed for a correction.

The decisions are ``practice_directions.rules.assess_document`` over facts gathered as
``filings.selectors.obligations`` gathers them, but for a whole page of matters at once: the
queries are a fixed number whatever the number of matters, parties, documents or orders.
Every read is scoped by ``filings.selectors.access``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from filings.models import (
    Direction,
    Document,
    Filing,
    Matter,
    Party,
    PracticeNoteApplication,
    Rule32Order,
)
from filings.selectors import access
from filings.selectors.obligations import OutstandingDocument, PartyOutstanding, Rule32Deadline
from practice_directions.models import DocumentKind
from practice_directions.rules import DirectionFact, DocumentFacts, RulesData, assess_document
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

    @property
    def slug(self) -> str:
        """The matter as named in the practitioner's URLs (IRC2004-1000)."""
        return access.matter_slug(self.matter.number)

    @property
    def outstanding_documents(self) -> tuple[OutstandingDocument, ...]:
        return tuple(d for party in self.s106 for d in party.documents)

    @property
    def overdue(self) -> bool:
        return any(p.overdue for p in self.s106) or any(r.overdue for r in self.rule32)

    @property
    def has_anything_due(self) -> bool:
        return bool(self.outstanding_documents or self.rule32 or self.corrections)


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _directions_covering(
    matters: Sequence[Matter],
) -> dict[int, list[tuple[set[int], DirectionFact]]]:
    """Para 7 directions per matter, in the order made, each with the parties it names
    (three queries); an empty set of parties means every party to the matter."""
    rows: dict[int, list[tuple[set[int], DirectionFact]]] = defaultdict(list)
    directions = (
        Direction.objects.filter(matter__in=matters)
        .order_by("made_on", "pk")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.only("pk")),
            Prefetch("document_kinds", queryset=DocumentKind.objects.only("pk", "name")),
        )
    )
    for direction in directions:
        rows[direction.matter_id].append(
            (
                {p.pk for p in direction.parties.all()},
                DirectionFact(
                    kind=direction.kind,
                    document_kinds=tuple(k.name for k in direction.document_kinds.all()) or None,
                    made_on=direction.made_on,
                    made_by=direction.made_by,
                    serve=direction.serve,
                ),
            )
        )
    return rows


def _practice_note_127(matters: Sequence[Matter]) -> dict[int, list[PracticeNoteApplication]]:
    """PN127 applications per matter, latest last (one query)."""
    rows: dict[int, list[PracticeNoteApplication]] = defaultdict(list)
    applications = PracticeNoteApplication.objects.filter(matter__in=matters).order_by(
        "applied_on", "pk"
    )
    for application in applications.only("matter_id", "applied_on", "extent"):
        rows[application.matter_id].append(application)
    return rows


def _s106_outstanding(
    *,
    matters: Sequence[Matter],
    parties: dict[int, list[Party]],
    rules: RulesData,
    today: datetime.date,
) -> dict[int, tuple[PartyOutstanding, ...]]:
    """PD16 para 3(b) for the user's parties in a page of matters (five queries at most).

    The batched form of ``obligations.s106_outstanding``, limited to the given parties.
    """
    certified = [
        m
        for m in matters
        if m.conciliation_certificate_on is not None
        and rules.proceeding(m.proceeding_id).awaits_conciliation_certificate
    ]
    if not certified:
        return {}
    party_ids = [p.pk for m in certified for p in parties.get(m.pk, [])]
    before_certificate = Q()
    for matter in certified:
        before_certificate |= Q(
            filing__matter_id=matter.pk,
            filing__lodged_at__lt=_start_of_day(matter.conciliation_certificate_on),
        )
    documents = (
        Document.objects.filter(
            before_certificate, filing__party_id__in=party_ids, electronic_copy=""
        )
        .exclude(filing__status=Filing.Status.REJECTED)
        .select_related("filing__matter", "kind")
        .order_by("filing__lodged_at", "filing__sequence", "position")
    )
    directions = _directions_covering(certified)
    applications = _practice_note_127(certified)
    represented = {p.pk: p.is_represented for m in certified for p in parties.get(m.pk, [])}
    found: dict[int, list[OutstandingDocument]] = defaultdict(list)
    for document in documents:
        matter = document.filing.matter
        certificate = matter.conciliation_certificate_on
        party_id = document.filing.party_id
        pn127 = [a for a in applications[matter.pk] if a.applied_on <= certificate]
        filed_on = timezone.localdate(document.filing.lodged_at)
        decision = assess_document(
            DocumentFacts(
                proceeding=matter.proceeding_id,
                filed_on=filed_on,
                represented=represented[party_id],
                document_kind=document.kind.name,
                role=document.role,
                annexure_not_readily_available=document.annexure_not_readily_available,
                certificate_of_unsuccessful_conciliation_on=certificate,
                submissions_directed=matter.submissions_directed,
                directions=tuple(
                    fact for named, fact in directions[matter.pk] if not named or party_id in named
                ),
                practice_note_127=pn127[-1].extent if pn127 else None,
            ),
            rules,
        )
        if decision.electronic_copy_required and decision.due_by is not None:
            found[party_id].append(
                OutstandingDocument(
                    document_id=document.pk,
                    filing_reference=document.filing.reference,
                    position=document.position,
                    title=document.title,
                    kind=document.kind.name,
                    filed_on=filed_on,
                    due_by=decision.due_by,
                )
            )
    result: dict[int, tuple[PartyOutstanding, ...]] = {}
    for matter in certified:
        period = datetime.timedelta(
            days=rules.proceeding(matter.proceeding_id).period_after_certificate_days or 0
        )
        period_ends = matter.conciliation_certificate_on + period
        rows = []
        for party in parties.get(matter.pk, []):
            outstanding = tuple(found[party.pk])
            due_by = min((d.due_by for d in outstanding), default=period_ends)
            rows.append(
                PartyOutstanding(
                    party_id=party.pk,
                    party_name=party.name,
                    role=party.role,
                    due_by=due_by,
                    overdue=bool(outstanding) and today > due_by,
                    documents=outstanding,
                )
            )
        result[matter.pk] = tuple(rows)
    return result


def _rule32(matters: Sequence[Matter], today: datetime.date) -> dict[int, list[Rule32Deadline]]:
    """PD16 para 11: orders not yet received, per matter, soonest first (one query)."""
    rows: dict[int, list[Rule32Deadline]] = defaultdict(list)
    orders = Rule32Order.objects.filter(matter__in=matters, received_on__isnull=True).order_by(
        "file_by", "pk"
    )
    by_pk = {m.pk: m for m in matters}
    for order in orders:
        matter = by_pk[order.matter_id]
        rows[order.matter_id].append(
            Rule32Deadline(
                order_id=order.pk,
                matter_id=order.matter_id,
                matter_number=matter.number,
                matter_title=matter.title,
                description=order.description,
                made_on=order.made_on,
                file_by=order.file_by,
                days_left=(order.file_by - today).days,
                overdue=today > order.file_by,
            )
        )
    return rows


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
    s106 = _s106_outstanding(matters=matters, parties=parties, rules=rules, today=today)
    rule32 = _rule32(matters, today)
    return [
        MatterDue(
            matter=matter,
            parties=tuple(parties[matter.pk]),
            awaiting_certificate=rules.proceeding(
                matter.proceeding_id
            ).awaits_conciliation_certificate
            and matter.conciliation_certificate_on is None,
            certificate_on=matter.conciliation_certificate_on,
            s106=s106.get(matter.pk, ()),
            rule32=tuple(rule32[matter.pk]),
            corrections=tuple(corrections[matter.pk]),
            filing_counts=counts[matter.pk],
        )
        for matter in matters
    ]


def dashboard_page(
    *, user: Any, today: datetime.date, page_number: Any = 1, per_page: int = MATTERS_PER_PAGE
) -> tuple[Page, list[MatterDue]]:
    """A page of the user's matters, open ones first, with what is due in each."""
    # "open" sorts after "closed": descending puts open matters first.
    matters = (
        access.matters_for(user)
        .select_related("proceeding")
        .order_by("-status", "-year", "-sequence")
    )
    page = Paginator(matters, per_page).get_page(page_number)
    return page, matters_due(user=user, matters=page.object_list, today=today)
