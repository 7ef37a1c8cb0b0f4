"""Reads for the intake pages: the unmatched-mail queue and one received message."""

from __future__ import annotations

from django.db.models import QuerySet

from filings.models import Matter, Party
from intake.models import InboundMessage

QUEUE_STATUSES = (InboundMessage.Status.UNMATCHED, InboundMessage.Status.PARTY_TO_CONFIRM)


def unmatched_mail(*, show_all: bool = False) -> QuerySet[InboundMessage]:
    """The messages waiting for a clerk, oldest first; with ``show_all`` every message."""
    messages = InboundMessage.objects.select_related("matter", "filing__matter")
    if show_all:
        return messages.order_by("-received_at", "-pk")
    return messages.filter(status__in=QUEUE_STATUSES).order_by("received_at", "pk")


def inbound_message(pk: int) -> InboundMessage:
    return InboundMessage.objects.select_related("matter", "filing__matter", "decided_by").get(
        pk=pk
    )


def matter_by_number(number: str) -> Matter | None:
    return Matter.objects.filter(number=number.strip().upper()).first()


def parties_of(matter: Matter | None) -> QuerySet[Party]:
    if matter is None:
        return Party.objects.none()
    return Party.objects.filter(matter=matter).order_by("role", "name")


def stored_text(inbound: InboundMessage, *, limit: int = 20000) -> str:
    """The message's readable text for the clerk (its first text/plain part)."""
    if not inbound.raw:
        return ""
    from intake.mail import MailLimits, parse_message

    with inbound.raw.open("rb") as handle:
        parsed = parse_message(handle.read(), limits=MailLimits.from_settings())
    return parsed.body[:limit]
