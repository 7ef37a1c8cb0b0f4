"""The clerks' work queue: lodged filings waiting for review, one compact row each.

Filters (channel, proceeding type, waiting longer than N days, has problems, assigned to) and
tabs (my queue, the section queue of unassigned filings, everything) narrow the same base
query; the count of every filter option comes from a fixed number of aggregate queries, and a
page of rows costs a fixed number more, however many filings there are.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, cast

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django_stubs_ext import WithAnnotations

from filings.models import Document, Filing, Matter
from filings.models.lodgment import DOCUMENT_HAS_PROBLEMS
from workqueue.models import FilingAssignment

TAB_MINE = "mine"
TAB_SECTION = "section"
TAB_ALL = "all"
TABS = (TAB_MINE, TAB_SECTION, TAB_ALL)

# Sort keys the page offers, each with its ORM ordering; "-key" reverses it.
SORTS: dict[str, tuple[str, ...]] = {
    "lodged": ("lodged_at", "pk"),
    "matter": ("matter__year", "matter__sequence", "sequence"),
    "party": ("party__name", "lodged_at", "pk"),
    "channel": ("channel", "lodged_at", "pk"),
    "assignee": ("assignment__assignee__username", "lodged_at", "pk"),
}
DEFAULT_SORT = "lodged"

# Worst first: the scan status a row shows is the worst of its documents'.
_SCAN_ORDER = (
    Document.VirusScan.INFECTED,
    Document.VirusScan.ERROR,
    Document.VirusScan.NOT_SCANNED,
    Document.VirusScan.CLEAN,
)


@dataclass(frozen=True)
class QueueFilters:
    """What the clerk asked to see; empty values mean "any"."""

    tab: str = TAB_ALL
    channel: str = ""
    proceeding: str = ""
    waiting_days: int | None = None
    problems: bool = False
    assignee_id: int | None = None
    sort: str = DEFAULT_SORT


def _problem_documents() -> QuerySet[Document]:
    """Documents a clerk must look at: a virus found or the scanner failed, or the format
    validation warned (PD16 para 4). The partial index ``document_with_problems`` holds just
    these, so testing a filing is one probe of a small index."""
    return Document.objects.filter(DOCUMENT_HAS_PROBLEMS)


class _Problems(TypedDict):
    """The annotation ``_base`` adds to each filing."""

    has_problems: bool


def _base(*, user: Any, tab: str) -> QuerySet[WithAnnotations[Filing, _Problems]]:
    filings = Filing.objects.filter(status=Filing.Status.LODGED).annotate(
        has_problems=Exists(_problem_documents().filter(filing=OuterRef("pk")))
    )
    if tab == TAB_MINE:
        filings = filings.filter(assignment__assignee=user)
    elif tab == TAB_SECTION:
        filings = filings.filter(assignment__isnull=True)
    return filings


def _waiting_since(days: int, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def _filtered(
    filings: QuerySet[WithAnnotations[Filing, _Problems]],
    filters: QueueFilters,
    now: datetime.datetime,
) -> Any:
    if filters.channel:
        filings = filings.filter(channel=filters.channel)
    if filters.proceeding:
        filings = filings.filter(matter__proceeding_id=filters.proceeding)
    if filters.waiting_days is not None:
        filings = filings.filter(lodged_at__lt=_waiting_since(filters.waiting_days, now))
    if filters.problems:
        filings = filings.filter(has_problems=True)
    if filters.assignee_id is not None:
        filings = filings.filter(assignment__assignee_id=filters.assignee_id)
    return filings


def queue_filings(*, user: Any, filters: QueueFilters) -> QuerySet[Filing]:
    """The filings of one tab with the filters applied, sorted, ready to paginate; the page's
    rows are then made by ``queue_rows``."""
    now = timezone.now()
    key = filters.sort.removeprefix("-")
    ordering = SORTS.get(key, SORTS[DEFAULT_SORT])
    if filters.sort.startswith("-"):
        ordering = tuple(f"-{field}" for field in ordering)
    return (
        _filtered(_base(user=user, tab=filters.tab), filters, now)
        .select_related(
            "matter",
            "matter__proceeding",
            "party",
            "assignment",
            "assignment__assignee",
            # The message an e-mail filing came in (sender, subject, attachments' verdicts).
            "inbound_message",
        )
        .order_by(*ordering)
    )


@dataclass(frozen=True)
class QueueRow:
    """One filing in the queue, as the table shows it."""

    filing: Filing
    kinds: tuple[str, ...]
    document_count: int
    waiting: datetime.timedelta
    verdict: str
    has_problems: bool
    scan_status: str
    assignee: Any

    @property
    def waiting_days(self) -> int:
        return self.waiting.days


def _verdict(documents: Sequence[Document]) -> str:
    """A line for the table: how many copies, warnings and scan findings, no detail."""
    copies = sum(1 for d in documents if d.electronic_copy)
    warnings = sum(len((d.validation or {}).get("warnings") or []) for d in documents)
    required = sum(1 for d in documents if (d.rules_decision or {}).get("electronic_copy_required"))
    missing = sum(
        1
        for d in documents
        if (d.rules_decision or {}).get("electronic_copy_required") and not d.electronic_copy
    )
    parts = [f"{copies} of {len(documents)} with a copy"]
    if required:
        parts.append(f"{required} required")
    if missing:
        parts.append(f"{missing} required copy missing" if missing == 1 else f"{missing} missing")
    parts.append("no warnings" if not warnings else f"{warnings} warning{'s' * (warnings > 1)}")
    return "; ".join(parts)


def _scan_status(documents: Iterable[Document]) -> str:
    statuses = {
        d.virus_scan_status or Document.VirusScan.NOT_SCANNED
        for d in documents
        if d.electronic_copy
    }
    if not statuses:
        return "no copies"
    for status in _SCAN_ORDER:
        if status in statuses:
            return str(Document.VirusScan(status).label)
    return ""


def queue_rows(filings: Iterable[Filing]) -> list[QueueRow]:
    """The rows of one page of ``queue_filings``: one query for their documents."""
    filings = list(filings)
    documents = (
        Document.objects.filter(filing__in=filings)
        .select_related("kind")
        .order_by("filing_id", "position")
    )
    by_filing: dict[int, list[Document]] = {f.pk: [] for f in filings}
    for document in documents.only(
        "filing_id",
        "position",
        "kind__name",
        "electronic_copy",
        "validation",
        "rules_decision",
        "virus_scan_status",
    ):
        by_filing[document.filing_id].append(document)
    now = timezone.now()
    rows = []
    for filing in filings:
        docs = by_filing[filing.pk]
        assignment = getattr(filing, "assignment", None) if _has_assignment(filing) else None
        rows.append(
            QueueRow(
                filing=filing,
                kinds=tuple(dict.fromkeys(d.kind.name for d in docs)),
                document_count=len(docs),
                waiting=now - filing.lodged_at,
                verdict=_verdict(docs),
                has_problems=bool(getattr(filing, "has_problems", False)),
                scan_status=_scan_status(docs),
                assignee=assignment.assignee if assignment else None,
            )
        )
    return rows


def _has_assignment(filing: Filing) -> bool:
    try:
        filing.assignment  # noqa: B018 - select_related has read it, or it is absent
    except FilingAssignment.DoesNotExist:
        return False
    return True


@dataclass(frozen=True)
class QueueGroup:
    """The queued filings alike in everything a filter chooses, and how many wait how long."""

    channel: str
    proceeding: str
    assignee_id: int | None
    has_problems: bool
    count: int
    waiting: dict[int, int]


@dataclass(frozen=True)
class FilterCounts:
    """How many filings of the tab each filter option would show."""

    total: int
    channels: dict[str, int]
    proceedings: dict[str, int]
    waiting: dict[int, int]
    problems: int
    assignees: dict[int, int]
    tabs: dict[str, int]
    groups: tuple[QueueGroup, ...] = ()
    user_id: int | None = None

    def matching(self, filters: QueueFilters) -> int:
        """How many filings ``queue_filings`` lists for ``filters``, from the groups already
        counted (so the page needs no count query of its own)."""
        matched = 0
        for group in self.groups:
            if not _in_tab(filters.tab, group.assignee_id, self.user_id):
                continue
            if filters.channel and group.channel != filters.channel:
                continue
            if filters.proceeding and group.proceeding != filters.proceeding:
                continue
            if filters.problems and not group.has_problems:
                continue
            if filters.assignee_id is not None and group.assignee_id != filters.assignee_id:
                continue
            if filters.waiting_days is None:
                matched += group.count
            else:
                matched += group.waiting[filters.waiting_days]
        return matched


def _in_tab(tab: str, assignee_id: int | None, user_id: int | None) -> bool:
    if tab == TAB_MINE:
        return assignee_id is not None and assignee_id == user_id
    if tab == TAB_SECTION:
        return assignee_id is None
    return True


WAITING_CHOICES = (1, 3, 7, 14, 28)


def queue_counts(*, user: Any, tab: str) -> FilterCounts:
    """The count of each filter option within ``tab``, and of each tab: one query whatever the
    size. The queue is grouped once by everything a filter can choose (channel, proceeding,
    assignee, problems), with the waiting times as FILTER aggregates; the few groups are then
    summed here. Each filing's proceeding is looked up through its matter's primary key: a
    join would read every matter to hash them, a cost that grows with the register, not with
    the queue."""
    now = timezone.now()
    proceeding = Subquery(
        Matter.objects.filter(pk=OuterRef("matter_id")).order_by().values("proceeding_id")
    )
    aggregates: dict[str, Any] = {"n": Count("pk")}
    for days in WAITING_CHOICES:
        aggregates[f"waiting_{days}"] = Count(
            "pk", filter=Q(lodged_at__lt=_waiting_since(days, now))
        )
    # Each row: the four group keys and the aggregates (the stubs know only the keys).
    groups: Iterable[dict[str, Any]] = cast(
        Any,
        _base(user=user, tab=TAB_ALL)
        .annotate(proceeding=proceeding)
        .order_by()
        .values("channel", "proceeding", "assignment__assignee_id", "has_problems")
        .annotate(**aggregates),
    )
    found = tuple(
        QueueGroup(
            channel=row["channel"],
            proceeding=row["proceeding"],
            assignee_id=row["assignment__assignee_id"],
            has_problems=bool(row["has_problems"]),
            count=row["n"],
            waiting={days: row[f"waiting_{days}"] for days in WAITING_CHOICES},
        )
        for row in groups
    )
    tabs = {
        name: sum(g.count for g in found if _in_tab(name, g.assignee_id, user.pk)) for name in TABS
    }
    shown = [g for g in found if _in_tab(tab, g.assignee_id, user.pk)]
    channels: Counter[str] = Counter()
    proceedings: Counter[str] = Counter()
    assignees: Counter[int] = Counter()
    for group in shown:
        channels[group.channel] += group.count
        proceedings[group.proceeding] += group.count
        if group.assignee_id is not None:
            assignees[group.assignee_id] += group.count
    return FilterCounts(
        total=sum(g.count for g in shown),
        channels=dict(channels),
        proceedings=dict(proceedings),
        waiting={days: sum(g.waiting[days] for g in shown) for days in WAITING_CHOICES},
        problems=sum(g.count for g in shown if g.has_problems),
        assignees=dict(assignees),
        tabs=tabs,
        groups=found,
        user_id=user.pk,
    )


def clerks() -> QuerySet[Any]:
    """Everyone a filing can be assigned to: the registry clerks and administrators."""
    from registry.roles import ADMINISTRATORS, CLERKS

    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=[CLERKS, ADMINISTRATORS]) | Q(is_superuser=True))
        .filter(is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def queue_neighbours(*, filing: Filing, user: Any) -> tuple[Filing | None, Filing | None]:
    """The previous and next lodged filing in the queue, oldest first, as the clerk works it:
    within the clerk's own queue when this filing is theirs, else the section queue plus theirs.
    Three queries."""
    return _neighbours(
        filing=filing,
        user=user,
        assignment=FilingAssignment.objects.filter(filing_id=filing.pk).first(),
    )


def _neighbours(
    *, filing: Filing, user: Any, assignment: FilingAssignment | None
) -> tuple[Filing | None, Filing | None]:
    base = Filing.objects.filter(status=Filing.Status.LODGED).exclude(pk=filing.pk)
    if assignment is not None and assignment.assignee_id == user.pk:
        base = base.filter(assignment__assignee=user)
    else:
        base = base.filter(Q(assignment__isnull=True) | Q(assignment__assignee=user))
    base = base.select_related("matter")
    # The redundant bound on lodged_at lets the index of queued filings start at this filing;
    # the OR alone would have PostgreSQL read the whole queue to find there is none earlier.
    earlier = Q(lodged_at__lte=filing.lodged_at) & (
        Q(lodged_at__lt=filing.lodged_at) | Q(lodged_at=filing.lodged_at, pk__lt=filing.pk)
    )
    later = Q(lodged_at__gte=filing.lodged_at) & (
        Q(lodged_at__gt=filing.lodged_at) | Q(lodged_at=filing.lodged_at, pk__gt=filing.pk)
    )
    previous = base.filter(earlier).order_by("-lodged_at", "-pk").first()
    following = base.filter(later).order_by("lodged_at", "pk").first()
    return previous, following


def filing_assignment(*, filing: Filing) -> FilingAssignment | None:
    """Who has ``filing``, if anyone (one query)."""
    return FilingAssignment.objects.select_related("assignee").filter(filing_id=filing.pk).first()


@dataclass(frozen=True)
class FilingQueueContext:
    """What the filing page shows of the queue: who has it, and its neighbours."""

    assignment: FilingAssignment | None
    previous: Filing | None
    next: Filing | None
    can_assign: bool
    clerks: tuple[Any, ...]


def filing_queue_context(*, filing: Filing, user: Any) -> FilingQueueContext:
    """For the filing page (four queries at most): the assignment is read once, for the panel
    and to know whose queue the neighbours come from."""
    assignment = filing_assignment(filing=filing)
    previous, following = _neighbours(filing=filing, user=user, assignment=assignment)
    can_assign = user.has_perm("workqueue.assign_filings")
    return FilingQueueContext(
        assignment=assignment,
        previous=previous,
        next=following,
        can_assign=can_assign,
        clerks=tuple(clerks()) if can_assign else (),
    )
