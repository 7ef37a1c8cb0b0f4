"""Reads for the registry clerks' pages: matter search, filing lists, the review queue, verdicts
and the deadlines page.

Every list is a queryset whose related rows are joined or prefetched, so a page of it costs the
same number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from filings.models import (
    Direction,
    Document,
    Filing,
    FilingRejection,
    Matter,
    Party,
    PartyRepresentative,
    PracticeNoteApplication,
    Rule32Order,
)
from filings.selectors.obligations import OutstandingDocument, PartyOutstanding, Rule32Deadline
from practice_directions.models import DocumentKind
from practice_directions.rules import DirectionFact, DocumentFacts, RulesData, assess_document

# "IRC2004-1000" (as in file names and URLs) and "irc 2004/1000" both mean IRC2004/1000.
_NUMBER_LIKE = re.compile(r"^\s*(?:irc)?\s*(\d{4})\s*[/-]\s*(\d{1,4})\s*$", re.IGNORECASE)


def _normalised_number(query: str) -> str | None:
    match = _NUMBER_LIKE.match(query)
    if match is None:
        return None
    year, sequence = match.groups()
    return f"IRC{year}/{int(sequence):04d}"


def matter_search(*, query: str = "", proceeding_code: str = "") -> QuerySet[Matter]:
    """Matters whose number, title, agreement short title or a party's name matches ``query``."""
    matters = Matter.objects.select_related("proceeding").prefetch_related(
        Prefetch("parties", queryset=Party.objects.order_by("role", "name"))
    )
    query = query.strip()
    if query:
        number = _normalised_number(query)
        matches = (
            Q(number__icontains=query)
            | Q(title__icontains=query)
            | Q(abbreviated_title__icontains=query)
            | Q(agreement_short_title__icontains=query)
            | Exists(Party.objects.filter(matter=OuterRef("pk"), name__icontains=query))
        )
        if number is not None:
            matches |= Q(number=number)
        matters = matters.filter(matches)
    if proceeding_code:
        matters = matters.filter(proceeding_id=proceeding_code)
    return matters.order_by("-year", "-sequence")


def matter_detail(*, number: str) -> Matter:
    """One matter with everything its page shows; ``Matter.DoesNotExist`` when there is none."""
    return (
        Matter.objects.select_related("proceeding", "proceeding__email_class")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("representative_organisation")
                .prefetch_related(
                    Prefetch(
                        "representative_links",
                        queryset=PartyRepresentative.objects.select_related(
                            "user__practitioner_profile__organisation"
                        ).order_by("user__last_name", "user__username"),
                    )
                )
                .order_by("role", "name"),
            ),
            Prefetch(
                "directions",
                queryset=Direction.objects.prefetch_related("parties", "document_kinds"),
            ),
            Prefetch(
                "practice_note_applications",
                queryset=PracticeNoteApplication.objects.order_by("applied_on"),
            ),
            Prefetch(
                "rule32_orders",
                queryset=Rule32Order.objects.select_related("received_filing__matter"),
            ),
            Prefetch(
                "filings",
                queryset=Filing.objects.select_related("party", "matter")
                .annotate(document_count=Count("documents"))
                .order_by("sequence"),
            ),
        )
        .get(number=number)
    )


def filing_list(
    *,
    status: str = "",
    lodged_from: datetime.date | None = None,
    lodged_to: datetime.date | None = None,
    proceeding_code: str = "",
) -> QuerySet[Filing]:
    """Filings, newest first, filtered by status, lodgment date (Sydney) and proceeding type."""
    filings = Filing.objects.select_related(
        "matter", "matter__proceeding", "party", "lodged_by"
    ).annotate(document_count=Count("documents"))
    if status:
        filings = filings.filter(status=status)
    if lodged_from is not None:
        filings = filings.filter(lodged_at__date__gte=lodged_from)
    if lodged_to is not None:
        filings = filings.filter(lodged_at__date__lte=lodged_to)
    if proceeding_code:
        filings = filings.filter(matter__proceeding_id=proceeding_code)
    return filings.order_by("-lodged_at", "-pk")


def _documents_with_kinds() -> Prefetch:
    return Prefetch(
        "documents",
        queryset=Document.objects.select_related("kind", "annexed_to").order_by("position"),
    )


def review_queue() -> QuerySet[Filing]:
    """Lodged filings waiting for a clerk, oldest first, with their documents."""
    return (
        Filing.objects.filter(status=Filing.Status.LODGED)
        .select_related("matter", "matter__proceeding", "party", "lodged_by", "corrects__matter")
        .prefetch_related(_documents_with_kinds())
        .order_by("lodged_at", "pk")
    )


def filing_detail(*, number: str, sequence: int) -> Filing:
    """One filing with its documents and any rejection reasons; ``Filing.DoesNotExist`` else."""
    return (
        Filing.objects.select_related(
            "matter",
            "matter__proceeding",
            "party",
            "lodged_by",
            "reviewed_by",
            "corrects__matter",
        )
        .prefetch_related(
            _documents_with_kinds(),
            Prefetch(
                "rejections",
                queryset=FilingRejection.objects.select_related("reason", "document").order_by(
                    "document__position", "reason__position"
                ),
            ),
            Prefetch("corrections", queryset=Filing.objects.select_related("matter")),
        )
        .get(matter__number=number, sequence=sequence)
    )


def document_for_download(*, number: str, sequence: int, position: int) -> Document:
    """A document by matter number, filing sequence and position; ``DoesNotExist`` otherwise."""
    return Document.objects.select_related("filing__matter").get(
        filing__matter__number=number, filing__sequence=sequence, position=position
    )


# --- Verdicts stored on each document at lodgment ---


@dataclass(frozen=True)
class Finding:
    """One error or warning of the format validation, with the paragraph it rests on."""

    code: str
    message: str
    paragraph: str


@dataclass(frozen=True)
class DocumentVerdicts:
    """What the format validation (PD16 para 4) and the rules (paras 3, 5, 7) said at lodgment."""

    document: Document
    format: str
    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    rules_status: str
    copy_required: bool
    due_by: datetime.date | None
    rules_reasons: tuple[Finding, ...]

    @property
    def paragraphs(self) -> str:
        return ", ".join(dict.fromkeys(r.paragraph for r in self.rules_reasons))


def _findings(items: Any) -> tuple[Finding, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(
        Finding(
            code=str(item.get("code", "")),
            message=str(item.get("message") or item.get("text") or ""),
            paragraph=str(item.get("paragraph", "")),
        )
        for item in items
        if isinstance(item, dict)
    )


def document_verdicts(document: Document) -> DocumentVerdicts:
    """The stored verdicts of one document, read from its ``validation`` and ``rules_decision``."""
    validation = document.validation or {}
    decision = document.rules_decision or {}
    due_by = decision.get("due_by")
    return DocumentVerdicts(
        document=document,
        format=str(validation.get("format") or document.detected_format or ""),
        errors=_findings(validation.get("errors")),
        warnings=_findings(validation.get("warnings")),
        rules_status=str(decision.get("status", "")),
        copy_required=bool(decision.get("electronic_copy_required")),
        due_by=datetime.date.fromisoformat(due_by) if due_by else None,
        rules_reasons=_findings(decision.get("reasons")),
    )


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


def s106_window_matters(*, today: datetime.date, rules: RulesData) -> QuerySet[Matter]:
    """Matters whose para 3(b) window is still open, or which may still owe copies from it.

    Soonest certificate first. The second test is generous (any document filed before the
    certificate without a copy); ``s106_windows`` then asks the rules which are really owed.
    """
    open_window = Q(pk__in=[])
    codes = []
    for proceeding in rules.proceedings:
        if proceeding.awaits_conciliation_certificate:
            codes.append(proceeding.code)
            days = datetime.timedelta(days=proceeding.period_after_certificate_days or 0)
            open_window |= Q(
                proceeding_id=proceeding.code, conciliation_certificate_on__gte=today - days
            )
    may_owe = Exists(
        Document.objects.filter(
            filing__matter=OuterRef("pk"),
            electronic_copy="",
            filing__lodged_at__date__lt=OuterRef("conciliation_certificate_on"),
        ).exclude(filing__status=Filing.Status.REJECTED)
    )
    return (
        Matter.objects.filter(proceeding_id__in=codes, conciliation_certificate_on__isnull=False)
        .filter(open_window | may_owe)
        .select_related("proceeding")
        .order_by("conciliation_certificate_on", "pk")
    )


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def s106_windows(
    *, matters: Sequence[Matter], today: datetime.date, rules: RulesData
) -> list[S106Window]:
    """``filings.selectors.obligations.s106_outstanding`` for many matters in six queries.

    The same facts are gathered for the same rules (``assess_document``), in bulk rather than
    per matter, so that a page of windows costs the same whatever it holds; a test checks the
    two agree.
    """
    by_pk = {matter.pk: matter for matter in matters}
    parties: dict[int, list[Party]] = {pk: [] for pk in by_pk}
    for party in Party.objects.filter(matter_id__in=by_pk).order_by("role", "name", "pk"):
        parties[party.matter_id].append(party)
    represented = {p.pk: p.is_represented for ps in parties.values() for p in ps}
    directions = _direction_facts(by_pk)
    practice_notes = _practice_note_extents(by_pk)
    owed: dict[int, list[OutstandingDocument]] = {pk: [] for pk in represented}
    documents = (
        Document.objects.filter(filing__matter_id__in=by_pk, electronic_copy="")
        .exclude(filing__status=Filing.Status.REJECTED)
        .select_related("filing", "kind")
        .order_by("filing__lodged_at", "filing__sequence", "position")
    )
    for document in documents:
        filing = document.filing
        matter = by_pk[filing.matter_id]
        filing.matter = matter  # for the reference, without a query
        certificate = matter.conciliation_certificate_on
        if filing.lodged_at >= _start_of_day(certificate):
            continue
        filed_on = timezone.localdate(filing.lodged_at)
        decision = assess_document(
            DocumentFacts(
                proceeding=matter.proceeding_id,
                filed_on=filed_on,
                represented=represented[filing.party_id],
                document_kind=document.kind.name,
                role=document.role,
                annexure_not_readily_available=document.annexure_not_readily_available,
                certificate_of_unsuccessful_conciliation_on=certificate,
                submissions_directed=matter.submissions_directed,
                directions=tuple(
                    fact
                    for covered, fact in directions.get(matter.pk, [])
                    if not covered or filing.party_id in covered
                ),
                practice_note_127=_extent_on(practice_notes.get(matter.pk, []), certificate),
            ),
            rules,
        )
        if decision.electronic_copy_required and decision.due_by is not None:
            owed[filing.party_id].append(
                OutstandingDocument(
                    document_id=document.pk,
                    filing_reference=filing.reference,
                    position=document.position,
                    title=document.title,
                    kind=document.kind.name,
                    filed_on=filed_on,
                    due_by=decision.due_by,
                )
            )
    windows = []
    for matter in matters:
        days = rules.proceeding(matter.proceeding_id).period_after_certificate_days or 0
        period_ends = matter.conciliation_certificate_on + datetime.timedelta(days=days)
        rows = []
        for party in parties[matter.pk]:
            documents_owed = tuple(owed[party.pk])
            due_by = min((d.due_by for d in documents_owed), default=period_ends)
            rows.append(
                PartyOutstanding(
                    party_id=party.pk,
                    party_name=party.name,
                    role=party.role,
                    due_by=due_by,
                    overdue=bool(documents_owed) and today > due_by,
                    documents=documents_owed,
                )
            )
        windows.append(
            S106Window(
                matter=matter,
                certificate_on=matter.conciliation_certificate_on,
                period_ends=period_ends,
                is_open=today <= period_ends,
                parties=tuple(rows),
            )
        )
    return windows


def _direction_facts(matter_ids: Iterable[int]) -> dict[int, list[tuple[set[int], DirectionFact]]]:
    """Each matter's para 7 directions in the order made, with the parties each binds."""
    facts: dict[int, list[tuple[set[int], DirectionFact]]] = {}
    directions = (
        Direction.objects.filter(matter_id__in=list(matter_ids))
        .order_by("made_on", "pk")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.only("pk")),
            Prefetch("document_kinds", queryset=DocumentKind.objects.only("pk", "name")),
        )
    )
    for direction in directions:
        facts.setdefault(direction.matter_id, []).append(
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
    return facts


def _practice_note_extents(
    matter_ids: Iterable[int],
) -> dict[int, list[tuple[datetime.date, str]]]:
    extents: dict[int, list[tuple[datetime.date, str]]] = {}
    applications = PracticeNoteApplication.objects.filter(matter_id__in=list(matter_ids))
    for application in applications.order_by("applied_on", "pk"):
        extents.setdefault(application.matter_id, []).append(
            (application.applied_on, application.extent)
        )
    return extents


def _extent_on(applications: list[tuple[datetime.date, str]], on: datetime.date) -> str | None:
    """PD16 para 8: the extent of the latest PN127 application made by ``on``."""
    made = [extent for applied_on, extent in applications if applied_on <= on]
    return made[-1] if made else None


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
