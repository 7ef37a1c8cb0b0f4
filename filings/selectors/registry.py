"""Reads for the registry clerks' pages: matter search, filing lists, the review queue and
verdicts (the deadlines page reads ``filings.selectors.deadlines``).

Every list is a queryset whose related rows are joined or prefetched, so a page of it costs the
same number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db.models import Prefetch, Q, QuerySet
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
