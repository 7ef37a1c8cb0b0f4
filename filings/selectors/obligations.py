"""What PD16 asks of parties in their matters: facts gathered from the ORM, decided by the rules.

The decisions themselves are ``practice_directions.rules.assess_document``; this module only
gathers the facts it needs (the matter's proceeding, the party's representation, the
certificate date, the Rule 32 deadline, the submissions direction, the para 7 directions that
cover the party, PN127) and runs it. It is the one place those facts are gathered: the
practitioner's dashboard and the clerks' deadlines page read through the batched functions
here. Every function costs a fixed number of queries whatever the number of matters, parties,
documents, directions or orders.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q
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
    OUTSTANDING,
    OVERDUE,
    Decision,
    DirectionFact,
    DocumentFacts,
    RulesData,
    assess_document,
    copy_timeliness,
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
    overdue: bool = False


@dataclass(frozen=True)
class PartyOutstanding:
    """PD16 para 3(b), per party: what is still to be filed after the certificate, and by when."""

    party_id: int
    party_name: str
    role: str
    due_by: datetime.date
    overdue: bool
    documents: tuple[OutstandingDocument, ...]


# --- Facts shared by every assessment, read for many matters at once ---


@dataclass(frozen=True)
class _MatterDirections:
    """A matter's para 7 directions in the order made, each with the parties it names."""

    rows: tuple[tuple[frozenset[int], DirectionFact], ...] = ()

    def covering(self, party_id: int) -> tuple[DirectionFact, ...]:
        """Those binding ``party_id``, in order, so that the rules let the last one prevail.

        An empty set of parties means every party to the matter.
        """
        return tuple(fact for parties, fact in self.rows if not parties or party_id in parties)


def _directions(matter_ids: Iterable[int]) -> dict[int, _MatterDirections]:
    """Para 7 directions in force per matter (three queries at most); absent where there are
    none. A withdrawn direction or waiver is not applied at all."""
    rows: dict[int, list[tuple[frozenset[int], DirectionFact]]] = {}
    directions = (
        Direction.objects.in_force()
        .filter(matter_id__in=list(matter_ids))
        .order_by("made_on", "pk")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.only("pk")),
            Prefetch("document_kinds", queryset=DocumentKind.objects.only("pk", "name")),
        )
    )
    for direction in directions:
        fact = DirectionFact(
            kind=direction.kind,
            document_kinds=tuple(k.name for k in direction.document_kinds.all()) or None,
            made_on=direction.made_on,
            made_by=direction.made_by,
            serve=direction.serve,
        )
        parties = frozenset(p.pk for p in direction.parties.all())
        rows.setdefault(direction.matter_id, []).append((parties, fact))
    return {matter_id: _MatterDirections(tuple(facts)) for matter_id, facts in rows.items()}


@dataclass(frozen=True)
class _PracticeNote127:
    """A matter's PN127 applications (PD16 para 8), as (applied on, extent), earliest first."""

    applications: tuple[tuple[datetime.date, str], ...] = ()

    def extent_on(self, day: datetime.date) -> str | None:
        """The extent of the latest application made by ``day``, if any."""
        made = [extent for applied_on, extent in self.applications if applied_on <= day]
        return made[-1] if made else None


def _practice_notes(matter_ids: Iterable[int]) -> dict[int, _PracticeNote127]:
    """PN127 applications in force per matter (one query); absent where there are none."""
    rows: dict[int, list[tuple[datetime.date, str]]] = {}
    applications = PracticeNoteApplication.objects.in_force().filter(matter_id__in=list(matter_ids))
    for application in applications.order_by("applied_on", "pk").only(
        "matter_id", "applied_on", "extent"
    ):
        rows.setdefault(application.matter_id, []).append(
            (application.applied_on, application.extent)
        )
    return {matter_id: _PracticeNote127(tuple(made)) for matter_id, made in rows.items()}


def _parties(matter_ids: Iterable[int]) -> dict[int, list[Party]]:
    """Every party per matter, applicants first, as the pages list them (one query)."""
    parties: dict[int, list[Party]] = {matter_id: [] for matter_id in matter_ids}
    for party in Party.objects.filter(matter_id__in=list(parties)).order_by("role", "name", "pk"):
        parties[party.matter_id].append(party)
    return parties


def _facts(
    *,
    matter: Matter,
    party: Party,
    document_kind: str,
    role: str,
    annexure_not_readily_available: bool,
    filed_on: datetime.date,
    directions: _MatterDirections,
    practice_note_127: str | None,
    commission_deadline: datetime.date | None = None,
) -> DocumentFacts:
    """The facts of one document: the matter's and the party's, with the document's own."""
    return DocumentFacts(
        proceeding=matter.proceeding_id,
        filed_on=filed_on,
        represented=party.is_represented,
        document_kind=document_kind,
        role=role,
        annexure_not_readily_available=annexure_not_readily_available,
        certificate_of_unsuccessful_conciliation_on=matter.conciliation_certificate_on,
        commission_deadline=commission_deadline,
        submissions_directed=matter.submissions_directed,
        directions=directions.covering(party.pk),
        practice_note_127=practice_note_127,
    )


# --- One document a party files ---


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
    practice_note = _practice_notes([matter.pk]).get(matter.pk, _PracticeNote127())
    return _facts(
        matter=matter,
        party=party,
        document_kind=kind_name,
        role=role,
        annexure_not_readily_available=annexure_not_readily_available,
        filed_on=filed_on,
        directions=_directions([matter.pk]).get(matter.pk, _MatterDirections()),
        practice_note_127=practice_note.extent_on(filed_on),
        commission_deadline=deadline,
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


@dataclass(frozen=True)
class ProposedDocument:
    """A document about to be lodged, as far as the rules need to know it."""

    document_kind: DocumentKind | str
    role: str
    annexure_not_readily_available: bool = False


def assess_documents_for_party(
    *,
    party: Party,
    documents: Sequence[ProposedDocument],
    filed_on: datetime.date,
    rules: RulesData,
) -> list[Decision]:
    """``assess_document_for_party`` for every document of one filing, reading the matter's
    directions and PN127 once (a fixed number of queries however many documents)."""
    matter = party.matter
    directions = _directions([matter.pk]).get(matter.pk, _MatterDirections())
    practice_note = _practice_notes([matter.pk]).get(matter.pk, _PracticeNote127())
    proceeding = rules.proceeding(matter.proceeding_id)
    award_deadline: list[datetime.date | None] = []
    decisions = []
    for document in documents:
        kind_name = _kind_name(document.document_kind)
        deadline = None
        if proceeding.deadline_set_by_commission and rules.document_kind(kind_name).is_award:
            if not award_deadline:
                award_deadline.append(_rule32_deadline(matter, filed_on))
            deadline = award_deadline[0]
        facts = _facts(
            matter=matter,
            party=party,
            document_kind=kind_name,
            role=document.role,
            annexure_not_readily_available=document.annexure_not_readily_available,
            filed_on=filed_on,
            directions=directions,
            practice_note_127=practice_note.extent_on(filed_on),
            commission_deadline=deadline,
        )
        decisions.append(assess_document(facts, rules))
    return decisions


# --- s.106: what is still to be filed after the certificate (para 3(b)) ---


def s106_period_ends(matter: Matter, rules: RulesData) -> datetime.date | None:
    """PD16 para 3(b): the last day of the period after the Certificate of Unsuccessful
    Conciliation (day 28 in s.106 matters); None when the matter awaits no certificate or none
    has been recorded yet."""
    proceeding = rules.proceeding(matter.proceeding_id)
    return proceeding.certificate_period_ends(matter.conciliation_certificate_on)


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def s106_outstanding_for_matters(
    *,
    matters: Iterable[Matter],
    today: datetime.date,
    rules: RulesData | None = None,
    parties: Mapping[int, Sequence[Party]] | None = None,
) -> dict[int, list[PartyOutstanding]]:
    """``s106_outstanding`` for each of ``matters``, keyed by matter id, in six queries at most
    whatever the number of matters, parties, documents or directions.

    ``parties`` (per matter id, already read and in the order wanted) limits the answer to
    those parties and saves the query for them; by default every party to each matter is listed.
    """
    rules = rules or load_rules()
    matters = list(matters)
    result: dict[int, list[PartyOutstanding]] = {matter.pk: [] for matter in matters}
    period_ends: dict[int, datetime.date] = {}
    certificates: dict[int, datetime.date] = {}
    for m in matters:
        ends = s106_period_ends(m, rules)
        if ends is not None and m.conciliation_certificate_on is not None:
            period_ends[m.pk], certificates[m.pk] = ends, m.conciliation_certificate_on
    certified = {m.pk: m for m in matters if m.pk in period_ends}
    if not certified:
        return result
    if parties is None:
        parties = _parties(certified)
    listed = {party.pk: party for pk in certified for party in parties.get(pk, ())}
    # Lodged before the day of the certificate (Sydney time), each matter its own day.
    before_certificate = Q()
    for matter in certified.values():
        before_certificate |= Q(
            filing__matter_id=matter.pk,
            filing__lodged_at__lt=_start_of_day(certificates[matter.pk]),
        )
    documents = (
        Document.objects.filter(
            before_certificate, filing__party_id__in=list(listed), electronic_copy=""
        )
        .exclude(filing__status=Filing.Status.REJECTED)
        .select_related("filing", "kind")
        .order_by("filing__lodged_at", "filing__sequence", "position")
    )
    directions = _directions(certified)
    practice_notes = _practice_notes(certified)
    owed: dict[int, list[OutstandingDocument]] = {party_id: [] for party_id in listed}
    for document in documents:
        filing = document.filing
        matter = certified[filing.matter_id]
        filing.matter = matter  # for the reference, without a query
        filed_on = timezone.localdate(filing.lodged_at)
        practice_note = practice_notes.get(matter.pk, _PracticeNote127())
        decision = assess_document(
            _facts(
                matter=matter,
                party=listed[filing.party_id],
                document_kind=document.kind.name,
                role=document.role,
                annexure_not_readily_available=document.annexure_not_readily_available,
                filed_on=filed_on,
                directions=directions.get(matter.pk, _MatterDirections()),
                practice_note_127=practice_note.extent_on(certificates[matter.pk]),
            ),
            rules,
        )
        timeliness = copy_timeliness(decision, copy_filed_on=None, today=today)
        if timeliness in (OUTSTANDING, OVERDUE) and decision.due_by is not None:
            owed[filing.party_id].append(
                OutstandingDocument(
                    document_id=document.pk,
                    filing_reference=filing.reference,
                    position=document.position,
                    title=document.title,
                    kind=document.kind.name,
                    filed_on=filed_on,
                    due_by=decision.due_by,
                    overdue=timeliness == OVERDUE,
                )
            )
    for pk in certified:
        result[pk] = [
            _party_outstanding(party, owed[party.pk], period_ends[pk])
            for party in parties.get(pk, ())
        ]
    return result


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
    return s106_outstanding_for_matters(matters=[matter], today=today, rules=rules)[matter.pk]


def _party_outstanding(
    party: Party,
    documents: Iterable[OutstandingDocument],
    period_ends: datetime.date,
) -> PartyOutstanding:
    documents = tuple(documents)
    due_by = min((d.due_by for d in documents), default=period_ends)
    return PartyOutstanding(
        party_id=party.pk,
        party_name=party.name,
        role=party.role,
        due_by=due_by,
        overdue=any(document.overdue for document in documents),
        documents=documents,
    )
