"""Para 7 directions that bind: per bound party, whether the direction to file by a date is due,
met (and by which filing) or overdue.

The decision is ``practice_directions.rules.obligation_status``; this module gathers the facts:
the directions with a date, the parties each binds (every party to the matter when it names
none), the kinds of document it covers (all when it names none), and the filings by each bound
party, lodged on or after the day the direction was made, that carry a covered document.
Rejected filings meet nothing. A fixed number of queries whatever the number of directions,
parties or filings.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from filings.models import Direction, Document, Filing, Matter, Party
from practice_directions.models import DocumentKind
from practice_directions.rules.obligations import FilingFact, ObligationStatus, obligation_status


@dataclass(frozen=True)
class DirectionObligation:
    """One bound party's obligation under one dated direction."""

    direction_id: int
    matter: Matter
    party_id: int
    party_name: str
    made_on: datetime.date
    made_by: str
    serve: bool
    kinds: tuple[str, ...]
    scope: str
    status: ObligationStatus

    @property
    def what(self) -> str:
        """What is to be filed, as the pages say it."""
        documents = ", ".join(self.kinds) if self.kinds else "all documentation"
        verb = "file and serve" if self.serve else "file"
        return f"{verb} {documents} in computer-readable format"


def dated_directions(
    *,
    matter_ids: Iterable[int] | None = None,
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
) -> QuerySet[Direction]:
    """Directions to file with a date to file by, soonest due first (for paging), withdrawn
    ones left out (they fall due nowhere); only those due from ``due_from`` to ``due_to``
    (inclusive) when given, which the partial index on dated directions serves."""
    directions = Direction.objects.in_force().filter(
        kind=Direction.Kind.DIRECT, due_on__isnull=False
    )
    if matter_ids is not None:
        directions = directions.filter(matter_id__in=list(matter_ids))
    if due_from is not None:
        directions = directions.filter(due_on__gte=due_from)
    if due_to is not None:
        directions = directions.filter(due_on__lte=due_to)
    return directions.select_related("matter").order_by("due_on", "pk")


def direction_obligations(
    *,
    directions: Iterable[Direction],
    today: datetime.date,
    party_ids: Iterable[int] | None = None,
) -> list[DirectionObligation]:
    """Per bound party, each of ``directions`` (as ``dated_directions`` gives them) decided as
    at ``today``; limited to ``party_ids`` when given (a practitioner's own parties). Four
    queries at most."""
    directions = [d for d in directions if d.due_on is not None]
    if not directions:
        return []
    wanted = set(party_ids) if party_ids is not None else None
    pks = [d.pk for d in directions]
    bound = {
        d.pk: d
        for d in Direction.objects.filter(pk__in=pks).prefetch_related(
            Prefetch("parties", queryset=Party.objects.only("pk", "name", "matter_id")),
            Prefetch("document_kinds", queryset=DocumentKind.objects.only("pk", "name")),
        )
    }
    matter_ids = {d.matter_id for d in directions}
    everyone: dict[int, list[Party]] = {}
    for party in Party.objects.filter(matter_id__in=matter_ids).order_by("role", "name", "pk"):
        everyone.setdefault(party.matter_id, []).append(party)
    earliest = min(d.made_on for d in directions)
    documents = (
        Document.objects.filter(
            filing__matter_id__in=matter_ids,
            filing__lodged_at__gte=timezone.make_aware(
                datetime.datetime.combine(earliest, datetime.time.min)
            ),
        )
        .exclude(filing__status=Filing.Status.REJECTED)
        .select_related("filing__matter")
        .only(
            "kind_id",
            "filing__party_id",
            "filing__lodged_at",
            "filing__status",
            "filing__sequence",
            "filing__matter__number",
        )
        .order_by("filing__lodged_at", "filing_id")
    )
    filed: dict[int, list[tuple[int, FilingFact]]] = {}
    for document in documents:
        filing = document.filing
        filed.setdefault(filing.party_id, []).append(
            (
                document.kind_id,
                FilingFact(
                    reference=filing.reference,
                    lodged_on=timezone.localdate(filing.lodged_at),
                    awaiting_review=filing.status == Filing.Status.LODGED,
                ),
            )
        )
    obligations = []
    for direction in directions:
        due_on = direction.due_on
        if due_on is None:  # undated directions were left out above
            continue
        full = bound[direction.pk]
        kinds = list(full.document_kinds.all())
        kind_ids = {k.pk for k in kinds}
        parties = list(full.parties.all()) or everyone.get(direction.matter_id, [])
        for party in parties:
            if wanted is not None and party.pk not in wanted:
                continue
            meeting = {
                fact
                for kind_id, fact in filed.get(party.pk, ())
                if (not kind_ids or kind_id in kind_ids) and fact.lodged_on >= direction.made_on
            }
            obligations.append(
                DirectionObligation(
                    direction_id=direction.pk,
                    matter=direction.matter,
                    party_id=party.pk,
                    party_name=party.name,
                    made_on=direction.made_on,
                    made_by=direction.get_made_by_display(),
                    serve=direction.serve,
                    kinds=tuple(k.name for k in kinds),
                    scope=direction.scope,
                    status=obligation_status(due_on=due_on, today=today, filings=meeting),
                )
            )
    return obligations


def direction_obligations_for_matters(
    *, matters: Iterable[Matter], today: datetime.date, party_ids: Iterable[int] | None = None
) -> dict[int, list[DirectionObligation]]:
    """``direction_obligations`` of every dated direction in ``matters``, keyed by matter id."""
    by_pk = {m.pk: m for m in matters}
    result: dict[int, list[DirectionObligation]] = {pk: [] for pk in by_pk}
    directions = list(dated_directions(matter_ids=by_pk))
    for direction in directions:
        direction.matter = by_pk[direction.matter_id]
    for obligation in direction_obligations(
        directions=directions, today=today, party_ids=party_ids
    ):
        result[obligation.matter.pk].append(obligation)
    return result


def open_direction_obligations(
    *, today: datetime.date, due_from: datetime.date, due_until: datetime.date
) -> list[DirectionObligation]:
    """Per bound party, the dated directions of open matters due from ``due_from`` to
    ``due_until`` that are still owed on ``today`` (due or overdue: nothing lodged by that
    party meets them), for reminders and overdue notices. Whatever ``dated_directions`` leaves
    out is left out here too. Five queries at most."""
    directions = dated_directions().filter(
        matter__status=Matter.Status.OPEN, due_on__gte=due_from, due_on__lte=due_until
    )
    return [
        obligation
        for obligation in direction_obligations(directions=directions, today=today)
        if obligation.status.is_open
    ]
