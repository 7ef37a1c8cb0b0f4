"""What PD16 asks of parties in their matters: facts gathered from the ORM, decided by the rules.

The decisions themselves are ``practice_directions.rules.assess_document``; this module only
gathers the facts it needs (the matter's proceeding, the party's representation, the
certificate date, the Rule 32 deadline, the submissions direction, the para 7 directions that
cover the party, PN127) and runs it. Every function costs a fixed number of queries whatever
the number of parties, documents, directions or orders.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
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
from practice_directions.models import DocumentKind
from practice_directions.rules import (
    Decision,
    DirectionFact,
    DocumentFacts,
    RulesData,
    assess_document,
)
from practice_directions.selectors import load_rules


@dataclass(frozen=True)
class OutstandingDocument:
    """A document filed before the certificate that still lacks its electronic copy."""

    document_id: int
    filing_reference: str
    position: int
    title: str
    kind: str
    filed_on: datetime.date
    due_by: datetime.date


@dataclass(frozen=True)
class PartyOutstanding:
    """PD16 para 3(b), per party: what is still to be filed after the certificate, and by when."""

    party_id: int
    party_name: str
    role: str
    due_by: datetime.date
    overdue: bool
    documents: tuple[OutstandingDocument, ...]


@dataclass(frozen=True)
class Rule32Deadline:
    """PD16 para 11: an award or variation not yet received, and the time the Commission set."""

    order_id: int
    matter_id: int
    matter_number: str
    matter_title: str
    description: str
    made_on: datetime.date
    file_by: datetime.date
    days_left: int
    overdue: bool


def _directions_by_party(matter: Matter) -> Callable[[int], tuple[DirectionFact, ...]]:
    """The matter's para 7 directions (three queries), as a lookup of those covering a party.

    In the order they were made, so that the rules let the last one prevail.
    """
    directions = list(
        Direction.objects.filter(matter=matter)
        .order_by("made_on", "pk")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.only("pk")),
            Prefetch("document_kinds", queryset=DocumentKind.objects.only("pk", "name")),
        )
    )
    rows = [
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
        for direction in directions
    ]

    def covering(party_id: int) -> tuple[DirectionFact, ...]:
        # An empty set of parties means every party to the matter.
        return tuple(fact for parties, fact in rows if not parties or party_id in parties)

    return covering


def _practice_note_127(matter: Matter, on: datetime.date) -> str | None:
    """PD16 para 8: the extent of the latest PN127 application made by ``on``, if any."""
    application = (
        PracticeNoteApplication.objects.filter(matter=matter, applied_on__lte=on)
        .order_by("-applied_on", "-pk")
        .only("extent")
        .first()
    )
    return application.extent if application else None


def _rule32_deadline(matter: Matter, filed_on: datetime.date) -> datetime.date | None:
    """PD16 para 11: the time set for the award this filing answers.

    Of the orders made by the filing date and not yet received by then, the earliest due.
    """
    order = (
        Rule32Order.objects.filter(matter=matter, made_on__lte=filed_on)
        .exclude(received_on__lt=filed_on)
        .order_by("file_by", "pk")
        .only("file_by")
        .first()
    )
    return order.file_by if order else None


def _kind_name(document_kind: DocumentKind | str) -> str:
    return document_kind if isinstance(document_kind, str) else document_kind.name


def document_facts_for_party(
    *,
    party: Party,
    document_kind: DocumentKind | str,
    role: str,
    annexure_not_readily_available: bool = False,
    filed_on: datetime.date,
    rules: RulesData,
) -> DocumentFacts:
    """The facts ``assess_document`` needs about a document ``party`` files on ``filed_on``."""
    matter = party.matter
    kind_name = _kind_name(document_kind)
    proceeding = rules.proceeding(matter.proceeding_id)
    deadline = None
    if proceeding.deadline_set_by_commission and rules.document_kind(kind_name).is_award:
        deadline = _rule32_deadline(matter, filed_on)
    return DocumentFacts(
        proceeding=matter.proceeding_id,
        filed_on=filed_on,
        represented=party.is_represented,
        document_kind=kind_name,
        role=role,
        annexure_not_readily_available=annexure_not_readily_available,
        certificate_of_unsuccessful_conciliation_on=matter.conciliation_certificate_on,
        commission_deadline=deadline,
        submissions_directed=matter.submissions_directed,
        directions=_directions_by_party(matter)(party.pk),
        practice_note_127=_practice_note_127(matter, filed_on),
    )


def assess_document_for_party(
    *,
    party: Party,
    document_kind: DocumentKind | str,
    role: str,
    annexure_not_readily_available: bool = False,
    filed_on: datetime.date,
    rules: RulesData | None = None,
) -> Decision:
    """Whether PD16 requires an electronic copy of a document ``party`` files, and why.

    Pass ``rules`` (``load_rules()``) when assessing several documents, to read them once.
    """
    rules = rules or load_rules()
    facts = document_facts_for_party(
        party=party,
        document_kind=document_kind,
        role=role,
        annexure_not_readily_available=annexure_not_readily_available,
        filed_on=filed_on,
        rules=rules,
    )
    return assess_document(facts, rules)


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def s106_outstanding(
    *, matter: Matter, today: datetime.date, rules: RulesData | None = None
) -> list[PartyOutstanding]:
    """PD16 para 3(b): per party, the documents filed before the Certificate of Unsuccessful
    Conciliation that still lack an electronic copy, the date they are due and whether that has
    passed (day 28 after the certificate is on time, day 29 overdue).

    Every party is listed, with no documents where nothing is outstanding. Documents the rules
    do not require a copy of (an unrepresented party, an exempt form, a 3(d) claim, a waiver)
    are left out, as are rejected filings. Empty when the matter is not awaiting a certificate
    type or no certificate has been recorded yet.
    """
    rules = rules or load_rules()
    certificate = matter.conciliation_certificate_on
    if (
        certificate is None
        or not rules.proceeding(matter.proceeding_id).awaits_conciliation_certificate
    ):
        return []
    parties = list(matter.parties.order_by("role", "name", "pk"))
    documents = (
        Document.objects.filter(
            filing__matter=matter,
            filing__lodged_at__lt=_start_of_day(certificate),
            electronic_copy="",
        )
        .exclude(filing__status=Filing.Status.REJECTED)
        .select_related("filing__matter", "kind")
        .order_by("filing__lodged_at", "filing__sequence", "position")
    )
    directions = _directions_by_party(matter)
    pn127 = _practice_note_127(matter, certificate)
    by_party: dict[int, list[OutstandingDocument]] = {party.pk: [] for party in parties}
    represented = {party.pk: party.is_represented for party in parties}
    for document in documents:
        party_id = document.filing.party_id
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
                directions=directions(party_id),
                practice_note_127=pn127,
            ),
            rules,
        )
        if decision.electronic_copy_required and decision.due_by is not None:
            by_party[party_id].append(
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
    period = datetime.timedelta(
        days=rules.proceeding(matter.proceeding_id).period_after_certificate_days or 0
    )
    return [
        _party_outstanding(party, by_party[party.pk], certificate + period, today)
        for party in parties
    ]


def _party_outstanding(
    party: Party,
    documents: Iterable[OutstandingDocument],
    period_ends: datetime.date,
    today: datetime.date,
) -> PartyOutstanding:
    documents = tuple(documents)
    due_by = min((d.due_by for d in documents), default=period_ends)
    return PartyOutstanding(
        party_id=party.pk,
        party_name=party.name,
        role=party.role,
        due_by=due_by,
        overdue=bool(documents) and today > due_by,
        documents=documents,
    )


def rule32_deadlines(*, today: datetime.date, matter: Matter | None = None) -> list[Rule32Deadline]:
    """PD16 para 11: every award or variation not yet received, soonest due first, each with the
    days left (negative once passed) and whether it is overdue. One query."""
    orders = Rule32Order.objects.filter(received_on__isnull=True).select_related("matter")
    if matter is not None:
        orders = orders.filter(matter=matter)
    return [
        Rule32Deadline(
            order_id=order.pk,
            matter_id=order.matter_id,
            matter_number=order.matter.number,
            matter_title=order.matter.title,
            description=order.description,
            made_on=order.made_on,
            file_by=order.file_by,
            days_left=(order.file_by - today).days,
            overdue=today > order.file_by,
        )
        for order in orders.order_by("file_by", "pk")
    ]
