"""PD16 para 11 and Rule 32: awards and variations the Commission ordered filed, not yet
received, with where each stands. A lodgment carrying the award meets the order as soon as it
is lodged, the lodgment date deciding whether it was in time
(``practice_directions.rules.obligation_status``). Every function costs a fixed number of
queries whatever the number of orders."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from filings.models import Document, Filing, Matter, Rule32Order
from practice_directions.rules import OVERDUE
from practice_directions.rules.obligations import (
    RULE32_PARAGRAPH,
    FilingFact,
    ObligationStatus,
    obligation_status,
)


@dataclass(frozen=True)
class Rule32Deadline:
    """PD16 para 11: an award or variation whose receipt is not yet recorded, the time the
    Commission set, and where it stands: a lodgment carrying an award meets it as soon as it
    is lodged (``status``, from ``practice_directions.rules.obligation_status``)."""

    order_id: int
    matter_id: int
    matter_number: str
    matter_title: str
    description: str
    made_on: datetime.date
    file_by: datetime.date
    days_left: int
    overdue: bool
    status: ObligationStatus


# --- Rule 32: awards and variations not yet received (para 11) ---


def _deadline(order: Rule32Order, matter: Matter, status: ObligationStatus) -> Rule32Deadline:
    return Rule32Deadline(
        order_id=order.pk,
        matter_id=matter.pk,
        matter_number=matter.number,
        matter_title=matter.title,
        description=order.description,
        made_on=order.made_on,
        file_by=order.file_by,
        days_left=status.days_left,
        overdue=status.state == OVERDUE,
        status=status,
    )


def _award_lodgments(matter_ids: Iterable[int]) -> dict[int, list[FilingFact]]:
    """Per matter, the filings carrying an award or variation, by web, counter or e-mail,
    earliest first; rejected filings meet nothing (one query)."""
    # A semi-join (EXISTS) rather than a join and DISTINCT over every column of the filing and
    # its matter: each filing of the matters is probed once, through the documents' index.
    awards = Document.objects.filter(filing=OuterRef("pk"), kind__is_award=True)
    filings = (
        Filing.objects.filter(Exists(awards), matter_id__in=list(matter_ids))
        .exclude(status=Filing.Status.REJECTED)
        .select_related("matter")
        .order_by("lodged_at", "pk")
    )
    found: dict[int, list[FilingFact]] = {}
    for filing in filings:
        found.setdefault(filing.matter_id, []).append(
            FilingFact(
                reference=filing.reference,
                lodged_on=timezone.localdate(filing.lodged_at),
                awaiting_review=filing.status == Filing.Status.LODGED,
            )
        )
    return found


def _rule32_statuses(
    orders: Sequence[Rule32Order], today: datetime.date, matter_ids: Iterable[int] = ()
) -> dict[int, ObligationStatus]:
    """PD16 para 11: each order met by the lodgment that carries its award. Orders are served
    soonest due first, each taking the earliest unused award lodged on or after it was made.
    ``matter_ids`` (default: the orders' matters) fixes the one query whatever the orders."""
    lodgments = _award_lodgments(set(matter_ids) or {order.matter_id for order in orders})
    used: set[str] = set()
    statuses = {}
    for order in sorted(orders, key=lambda o: (o.file_by, o.pk)):
        answer = next(
            (
                f
                for f in lodgments.get(order.matter_id, ())
                if f.reference not in used and f.lodged_on >= order.made_on
            ),
            None,
        )
        if answer is not None:
            used.add(answer.reference)
        statuses[order.pk] = obligation_status(
            due_on=order.file_by,
            today=today,
            filings=[answer] if answer else [],
            paragraph=RULE32_PARAGRAPH,
        )
    return statuses


def rule32_deadlines(*, today: datetime.date, matter: Matter | None = None) -> list[Rule32Deadline]:
    """PD16 para 11: every award or variation whose receipt is not yet recorded, soonest due
    first, each with the days left (negative once passed) and its status: due, overdue, or met
    by a lodgment (awaiting review or accepted). Two queries."""
    orders = Rule32Order.objects.filter(received_on__isnull=True).select_related("matter")
    if matter is not None:
        orders = orders.filter(matter=matter)
    listed = list(orders.order_by("file_by", "pk"))
    statuses = _rule32_statuses(listed, today)
    return [_deadline(order, order.matter, statuses[order.pk]) for order in listed]


def rule32_orders_due(*, due_from: datetime.date, due_to: datetime.date) -> QuerySet[Rule32Order]:
    """PD16 para 11: awards and variations not yet received whose time to file ends between
    ``due_from`` and ``due_to`` (inclusive), soonest due first, for paging; their deadlines come
    from ``rule32_deadlines_for_orders``. The partial index on open orders' ``file_by``
    (migration 0012) serves it."""
    return (
        Rule32Order.objects.filter(
            received_on__isnull=True, file_by__gte=due_from, file_by__lte=due_to
        )
        .select_related("matter")
        .order_by("file_by", "pk")
    )


def rule32_deadlines_for_orders(
    *, orders: Sequence[Rule32Order], today: datetime.date
) -> list[Rule32Deadline]:
    """``rule32_deadlines`` of a page of ``orders`` (as ``rule32_orders_due`` lists them), in
    their order. Each status is worked out beside every open order of the same matters, as
    ``rule32_deadlines`` does, so an award lodged once meets the same order on every page (two
    queries whatever the number of orders)."""
    orders = list(orders)
    if not orders:
        return []
    matter_ids = {order.matter_id for order in orders}
    open_orders = list(
        Rule32Order.objects.filter(matter_id__in=matter_ids, received_on__isnull=True).only(
            "pk", "matter_id", "made_on", "file_by"
        )
    )
    statuses = _rule32_statuses(open_orders, today, matter_ids)
    return [_deadline(order, order.matter, statuses[order.pk]) for order in orders]


def rule32_deadlines_for_matters(
    *, matters: Iterable[Matter], today: datetime.date
) -> dict[int, list[Rule32Deadline]]:
    """``rule32_deadlines`` for each of ``matters``, keyed by matter id, in two queries."""
    by_pk = {matter.pk: matter for matter in matters}
    result: dict[int, list[Rule32Deadline]] = {pk: [] for pk in by_pk}
    orders = list(
        Rule32Order.objects.filter(matter_id__in=list(by_pk), received_on__isnull=True).order_by(
            "file_by", "pk"
        )
    )
    statuses = _rule32_statuses(orders, today, by_pk)
    for order in orders:
        result[order.matter_id].append(_deadline(order, by_pk[order.matter_id], statuses[order.pk]))
    return result
