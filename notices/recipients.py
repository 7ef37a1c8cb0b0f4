"""Who a notice goes to: the practitioners linked to parties (``PartyRepresentative``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from filings.models import Filing, Matter
from registry.roles import PRACTITIONERS, is_practitioner


def practitioners_of(*, matter: Matter, party_ids: Iterable[int] | None = None) -> list[Any]:
    """The practitioners acting for ``party_ids`` in ``matter`` (every party when None), each
    once, in a stable order."""
    users = get_user_model().objects.filter(
        party_links__party__matter=matter, groups__name=PRACTITIONERS, is_active=True
    )
    if party_ids is not None:
        users = users.filter(party_links__party_id__in=list(party_ids))
    return list(users.distinct().order_by("pk"))


def lodging_practitioners(filing: Filing) -> list[Any]:
    """The practitioner who lodged ``filing``; for a lodgment a clerk recorded (counter,
    e-mail), the practitioners acting for the party that lodged it."""
    if is_practitioner(filing.lodged_by) and filing.lodged_by.is_active:
        return [filing.lodged_by]
    return practitioners_of(matter=filing.matter, party_ids=[filing.party_id])


def other_parties_practitioners(filing: Filing) -> list[Any]:
    """Practitioners of every other party in the matter, less anyone acting for the lodger."""
    own = {user.pk for user in practitioners_of(matter=filing.matter, party_ids=[filing.party_id])}
    others = filing.matter.parties.exclude(pk=filing.party_id).values_list("pk", flat=True)
    return [u for u in practitioners_of(matter=filing.matter, party_ids=others) if u.pk not in own]
