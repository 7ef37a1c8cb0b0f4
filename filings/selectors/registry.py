"""Reads for the registry clerks' pages: matter search, filing lists, the review queue, verdicts
and the deadlines page.

Every list is a queryset whose related rows are joined or prefetched, so a page of it costs the
same number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
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
from filings.selectors import keyset
from filings.selectors.counts import document_count
from filings.selectors.keyset import KeysetPage, keyset_page
from filings.selectors.obligations import (
    PartyOutstanding,
    s106_outstanding_for_matters,
    s106_period_ends,
)
from filings.selectors.rule32_deadlines import Rule32Deadline
from practice_directions.rules import RulesData

# "IRC2004-1000" (as in file names and URLs) and "irc 2004/1000" both mean IRC2004/1000.
_NUMBER_LIKE = re.compile(r"^\s*(?:irc)?\s*(\d{4})\s*[/-]\s*(\d{1,6})\s*$", re.IGNORECASE)


def _normalised_number(query: str) -> str | None:
    match = _NUMBER_LIKE.match(query)
    if match is None:
        return None
    year, sequence = match.groups()
    return f"IRC{year}/{int(sequence):04d}"


def _matters_listed() -> QuerySet[Matter]:
    return Matter.objects.select_related("proceeding").prefetch_related(
        Prefetch("parties", queryset=Party.objects.order_by("role", "name"))
    )


def _word_matches(query: str, proceeding_code: str) -> list[int]:
    """The newest matters (at most ``keyset.COUNT_LIMIT`` and one more, to know there are
    more) whose number, title, agreement short title or a party's name contains ``query``,
    by primary key, newest first.

    Django's icontains compares UPPER(column::text) LIKE UPPER('%word%'), which the trigram
    indexes on those expressions serve on PostgreSQL (migration 0011); SQLite scans. The
    matches are a UNION of the matters' and the parties' own index scans: an OR with an
    EXISTS over parties would make PostgreSQL read every matter and test each. Each match
    carries its sort key, so that sorting reads the matches only.
    """
    by_matter = Matter.objects.filter(
        Q(number__icontains=query)
        | Q(title__icontains=query)
        | Q(abbreviated_title__icontains=query)
        | Q(agreement_short_title__icontains=query)
    )
    by_party = Party.objects.filter(name__icontains=query)
    if proceeding_code:
        by_matter = by_matter.filter(proceeding_id=proceeding_code)
        by_party = by_party.filter(matter__proceeding_id=proceeding_code)
    newest = (
        by_matter.order_by()
        .values_list("pk", "year", "sequence")
        .union(by_party.order_by().values_list("matter_id", "matter__year", "matter__sequence"))
        .order_by("-year", "-sequence")
    )
    return [pk for pk, _, _ in newest[: keyset.COUNT_LIMIT + 1]]


def matter_search(*, query: str = "", proceeding_code: str = "") -> QuerySet[Matter]:
    """Matters whose number, title, agreement short title or a party's name matches ``query``
    (by a word: the newest ``keyset.COUNT_LIMIT`` and one more), newest first."""
    matters = _matters_listed()
    query = query.strip()
    number = _normalised_number(query) if query else None
    if number is not None:
        # A matter number: the unique index answers it alone.
        matters = matters.filter(number=number)
    elif query:
        # Naming the ids spares PostgreSQL hashing every matter to join them to the matches.
        matters = matters.filter(pk__in=_word_matches(query, proceeding_code))
    if proceeding_code:
        matters = matters.filter(proceeding_id=proceeding_code)
    return matters.order_by("-year", "-sequence")


def matter_search_page(
    *, query: str = "", proceeding_code: str = "", page_number: Any = 1, per_page: int = 25
) -> Page:
    """The page ``page_number`` of ``matter_search``, its count bounded at
    ``keyset.COUNT_LIMIT`` (``paginator.count_is_bounded`` says there are more). A search by
    a word reads its matches' keys once, in order, and counts and cuts them here; only the
    page's matters are then fetched, by primary key, instead of a count and a page that each
    name a thousand ids again (``keyset.page_by_keys``)."""
    query = query.strip()
    if query and _normalised_number(query) is None:
        return keyset.page_by_keys(
            _matters_listed(),
            _word_matches(query, proceeding_code),
            page_number=page_number,
            per_page=per_page,
            count_limit=keyset.COUNT_LIMIT,
        )
    matters = matter_search(query=query, proceeding_code=proceeding_code)
    return keyset.BoundedPaginator(matters, per_page).get_page(page_number)


def matter_detail(*, number: str) -> Matter:
    """One matter with everything its page shows but its filings (``matter_filings``, paged);
    ``Matter.DoesNotExist`` when there is none."""
    return (
        Matter.objects.select_related("proceeding", "proceeding__email_class", "closed_by")
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
                queryset=Direction.objects.select_related("withdrawn_by").prefetch_related(
                    "parties", "document_kinds"
                ),
            ),
            Prefetch(
                "practice_note_applications",
                queryset=PracticeNoteApplication.objects.select_related("withdrawn_by").order_by(
                    "applied_on"
                ),
            ),
            Prefetch(
                "rule32_orders",
                queryset=Rule32Order.objects.select_related("received_filing__matter"),
            ),
        )
        .get(number=number)
    )


def matter_filings(*, matter: Matter) -> QuerySet[Filing]:
    """The filings of ``matter`` in the order lodged, each with its number of documents, for
    paging: a matter can hold hundreds, and its page shows them a page at a time."""
    return (
        Filing.objects.filter(matter=matter)
        .select_related("party", "matter")
        .annotate(document_count=document_count())
        .order_by("sequence")
    )


def filing_list(
    *,
    status: str = "",
    lodged_from: datetime.date | None = None,
    lodged_to: datetime.date | None = None,
    proceeding_code: str = "",
) -> QuerySet[Filing]:
    """Filings, newest first, filtered by status, lodgment date (Sydney) and proceeding type."""
    # The count of each listed filing's documents as a correlated subquery: computed for the
    # page's rows only, not aggregated over every filing before the limit.
    filings = Filing.objects.select_related(
        "matter", "matter__proceeding", "party", "lodged_by"
    ).annotate(document_count=document_count())
    if status:
        filings = filings.filter(status=status)
    # Days in Sydney as ranges of instants, which the (lodged_at, id) index serves; a lookup
    # on the date of each row (``lodged_at__date``) would convert every row before comparing.
    if lodged_from is not None:
        filings = filings.filter(lodged_at__gte=_start_of_day(lodged_from))
    if lodged_to is not None:
        filings = filings.filter(
            lodged_at__lt=_start_of_day(lodged_to + datetime.timedelta(days=1))
        )
    if proceeding_code:
        filings = filings.filter(matter__proceeding_id=proceeding_code)
    return filings.order_by("-lodged_at", "-pk")


def _start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the registry's time zone (Sydney)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filing_list_page(
    filings: QuerySet[Filing], *, after: str, before: str, per_page: int
) -> KeysetPage[Filing]:
    """A page of ``filing_list``, newest first, after or before the filing a cursor names (the
    first page without one): two queries at any depth. Raises ``CursorError`` for a cursor the
    list did not give."""
    return keyset_page(filings, field="lodged_at", after=after, before=before, per_page=per_page)


def _documents_with_kinds() -> Prefetch:
    return Prefetch(
        "documents",
        queryset=Document.objects.select_related("kind", "annexed_to").order_by("position"),
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
