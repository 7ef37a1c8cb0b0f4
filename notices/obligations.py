"""What falls due, for reminders and overdue notices: one list of obligations, each with the
parties it binds and its due date, gathered from the selectors that compute them today.

- Copies (PD16 para 3(b)): in s.106 matters, the documents filed before the Certificate of
  Unsuccessful Conciliation that still lack an electronic copy, per party, due on day 28
  (``filings.selectors.obligations.s106_outstanding_for_matters``).
- Rule 32 awards and variations (para 11) not yet received, due by the time the Commission set
  (``filings.selectors.rule32_deadlines``); they bind the applicant, who "must file a copy of
  the award".
- Para 7 directions with a due date, per bound party not yet met (``directions_falling_due``,
  read through ``filings.selectors.directions_due``).

Queries are fixed in number whatever the number of matters.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from filings.models import Matter, Party
from filings.selectors.directions_due import DirectionObligation, open_direction_obligations
from filings.selectors.obligations import s106_outstanding_for_matters
from filings.selectors.rule32_deadlines import rule32_deadlines
from practice_directions.selectors import load_rules

COPY = "copy"
DIRECTION = "direction"
RULE32 = "rule32"


@dataclass(frozen=True)
class Obligation:
    """Something one or more parties must file by a date."""

    kind: str  # COPY, DIRECTION or RULE32: what a user's preferences are about
    key: str  # stable across runs: the dedupe keys of its notices start with it
    matter: Matter
    party_ids: tuple[int, ...]
    due_on: datetime.date
    what: str  # e.g. "electronic copies of 2 documents (PD16 para 3(b))"


def directions_falling_due(
    *, today: datetime.date, since: datetime.date, until: datetime.date
) -> Sequence[DirectionObligation]:
    """Para 7 directions due from ``since`` to ``until`` and still owed on ``today``, one per
    bound party that has not met it, as ``filings.selectors.directions_due`` decides them (so
    directions it leaves out, and a party's obligation met by a filing, are left out here)."""
    return open_direction_obligations(today=today, due_from=since, due_until=until)


def _copies(today: datetime.date) -> list[Obligation]:
    matters = list(
        Matter.objects.filter(
            status=Matter.Status.OPEN, conciliation_certificate_on__isnull=False
        ).select_related("proceeding")
    )
    outstanding = s106_outstanding_for_matters(matters=matters, today=today, rules=load_rules())
    by_pk = {m.pk: m for m in matters}
    result = []
    for matter_id, parties in outstanding.items():
        for party in parties:
            if not party.documents:
                continue
            count = len(party.documents)
            result.append(
                Obligation(
                    kind=COPY,
                    key=f"copy:{party.party_id}",
                    matter=by_pk[matter_id],
                    party_ids=(party.party_id,),
                    due_on=party.due_by,
                    what=f"electronic copies of {count} document{'s' if count > 1 else ''} "
                    f"filed before the Certificate of Unsuccessful Conciliation, for "
                    f"{party.party_name} (PD16 para 3(b))",
                )
            )
    return result


def _rule32(today: datetime.date) -> list[Obligation]:
    deadlines = [d for d in rule32_deadlines(today=today)]
    matter_ids = {d.matter_id for d in deadlines}
    parties: dict[int, list[Party]] = {}
    for party in Party.objects.filter(matter_id__in=matter_ids).order_by("pk"):
        parties.setdefault(party.matter_id, []).append(party)
    matters = {m.pk: m for m in Matter.objects.filter(pk__in=matter_ids)}
    result = []
    for deadline in deadlines:
        matter_parties = parties.get(deadline.matter_id, [])
        applicants = [p.pk for p in matter_parties if p.role == Party.Role.APPLICANT]
        result.append(
            Obligation(
                kind=RULE32,
                key=f"rule32:{deadline.order_id}",
                matter=matters[deadline.matter_id],
                party_ids=tuple(applicants or [p.pk for p in matter_parties]),
                due_on=deadline.file_by,
                what=f"the award or variation in computer-readable format: "
                f"{deadline.description} (PD16 para 11)",
            )
        )
    return result


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _directions(
    today: datetime.date, since: datetime.date, until: datetime.date
) -> list[Obligation]:
    # One obligation per direction, binding the parties that still owe it: a party whose
    # filing met the direction hears nothing more about it.
    by_direction: dict[int, list[DirectionObligation]] = {}
    for one in directions_falling_due(today=today, since=since, until=until):
        by_direction.setdefault(one.direction_id, []).append(one)
    result = []
    for direction_id, owed in by_direction.items():
        first = owed[0]
        result.append(
            Obligation(
                kind=DIRECTION,
                key=f"direction:{direction_id}",
                matter=first.matter,
                party_ids=tuple(o.party_id for o in owed),
                due_on=first.status.due_on,
                what=f"the direction of {first.made_on:%d/%m/%Y} by "
                f"{_lower_first(first.made_by)} to {first.what} (PD16 para 7)",
            )
        )
    return result


def obligations_falling_due(
    *, today: datetime.date, horizon_days: int, overdue_since: datetime.date
) -> list[Obligation]:
    """Every obligation not yet met that falls due from ``overdue_since`` up to ``horizon_days``
    after ``today``, soonest first."""
    until = today + datetime.timedelta(days=horizon_days)
    found = _copies(today) + _rule32(today) + _directions(today, overdue_since, until)
    return sorted(
        (o for o in found if overdue_since <= o.due_on <= until),
        key=lambda o: (o.due_on, o.key),
    )
