"""Opening and closing matters, and allocating their numbers; each audited with the values
before and after."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import NOBODY, Actor, audit_change, record_values
from filings.limits import max_length
from filings.models import Filing, Matter, MatterNumberCounter, Party
from filings.services.effects import service_atomic
from practice_directions.models import ProceedingType

MATTER_NUMBER_PREFIX = "IRC"


@dataclass(frozen=True)
class PartySpec:
    """A party to record when a matter is opened."""

    name: str
    role: str
    representation: str


def format_matter_number(*, year: int, sequence: int) -> str:
    """The Commission's form: IRC2004/1000 (PD16 para 10, "year/file number")."""
    return f"{MATTER_NUMBER_PREFIX}{year}/{sequence:04d}"


def _allocate_sequence(year: int) -> int:
    # The counter row is created once (a conflicting insert by another clerk is ignored), then
    # locked: concurrent openings in the same year queue on the lock and get consecutive numbers.
    MatterNumberCounter.objects.bulk_create(
        [MatterNumberCounter(year=year, last_sequence=0)], ignore_conflicts=True
    )
    counter = MatterNumberCounter.objects.select_for_update().get(year=year)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return counter.last_sequence


def _check_parties(parties: Sequence[PartySpec]) -> list[ValidationError]:
    problems: list[ValidationError] = []
    roles = set(Party.Role.values)
    representations = set(Party.Representation.values)
    seen: set[tuple[str, str]] = set()
    for spec in parties:
        name = spec.name.strip()
        if not name:
            problems.append(ValidationError("A party needs a name.", code="party.name_missing"))
        if spec.role not in roles:
            problems.append(
                ValidationError(
                    f"Party {name!r}: role {spec.role!r} is not one of {', '.join(sorted(roles))}.",
                    code="party.role_invalid",
                )
            )
        if spec.representation not in representations:
            problems.append(
                ValidationError(
                    f"Party {name!r}: representation {spec.representation!r} is not one of "
                    f"{', '.join(sorted(representations))}.",
                    code="party.representation_invalid",
                )
            )
        if (name.casefold(), spec.role) in seen:
            problems.append(
                ValidationError(
                    f"Party {name!r} is listed twice as {spec.role}.", code="party.duplicate"
                )
            )
        seen.add((name.casefold(), spec.role))
    return problems


def matter_open(
    *,
    proceeding_code: str,
    title: str,
    opened_on: datetime.date,
    abbreviated_title: str = "",
    agreement_short_title: str = "",
    parties: Sequence[PartySpec] = (),
    actor: Actor = NOBODY,
) -> Matter:
    """Open a matter, allocating the next IRCYYYY/NNNN number for the year it is opened in.

    Raises ValidationError (with a dict of field -> errors, every problem at once) and creates
    nothing when the input is wrong.
    """
    errors: dict[str, list[ValidationError]] = {}
    title = title.strip()
    abbreviated_title = abbreviated_title.strip()
    agreement_short_title = agreement_short_title.strip()
    proceeding = ProceedingType.objects.filter(code=proceeding_code).first()
    if proceeding is None:
        codes = ", ".join(ProceedingType.objects.values_list("code", flat=True))
        errors["proceeding"] = [
            ValidationError(
                f"Unknown proceeding type {proceeding_code!r}; expected one of: {codes}.",
                code="matter.proceeding_unknown",
            )
        ]
    if not title:
        errors["title"] = [ValidationError("A matter needs a title.", code="matter.title_missing")]
    elif len(title) > max_length(Matter, "title"):
        errors["title"] = [ValidationError("The title is too long.", code="matter.title_too_long")]
    abbreviated_max = max_length(Matter, "abbreviated_title")
    if not abbreviated_title and len(title) <= abbreviated_max:
        abbreviated_title = title
    if not abbreviated_title and title:
        errors["abbreviated_title"] = [
            ValidationError(
                f"The title is longer than {abbreviated_max} characters: give an abbreviated "
                "title for the label (PD16 para 6).",
                code="matter.abbreviated_title_missing",
            )
        ]
    elif len(abbreviated_title) > abbreviated_max:
        errors["abbreviated_title"] = [
            ValidationError(
                f"The abbreviated title may be at most {abbreviated_max} characters (PD16 para 6).",
                code="matter.abbreviated_title_too_long",
            )
        ]
    if (
        proceeding is not None
        and proceeding.needs_agreement_short_title
        and not agreement_short_title
    ):
        errors["agreement_short_title"] = [
            ValidationError(
                f"{proceeding.name} matters need the agreement's short title: e-mails to the "
                "registry must carry it in their subject (PD16 para 10).",
                code="matter.agreement_short_title_missing",
            )
        ]
    party_problems = _check_parties(parties)
    if party_problems:
        errors["parties"] = party_problems
    if errors:
        raise ValidationError(errors)
    assert proceeding is not None

    with service_atomic():
        sequence = _allocate_sequence(opened_on.year)
        matter = Matter.objects.create(
            number=format_matter_number(year=opened_on.year, sequence=sequence),
            year=opened_on.year,
            sequence=sequence,
            title=title,
            abbreviated_title=abbreviated_title,
            agreement_short_title=agreement_short_title,
            proceeding=proceeding,
            opened_on=opened_on,
        )
        Party.objects.bulk_create(
            [
                Party(
                    matter=matter,
                    name=spec.name.strip(),
                    role=spec.role,
                    representation=spec.representation,
                )
                for spec in parties
            ]
        )
        audit_change(
            action=AuditEvent.Action.MATTER_OPENED,
            actor=actor,
            matter_number=matter.number,
            before=None,
            after={
                **record_values(matter),
                "parties": [
                    {"name": p.name, "role": p.role, "representation": p.representation}
                    for p in matter.parties.order_by("pk")
                ],
            },
        )
    return matter


CLOSING_FIELDS = ("status", "closed_at", "closed_by", "closed_reason")
REASON_MAX_LENGTH = 2000


def _reason_problems(reason: str, what: str) -> list[ValidationError]:
    if not reason:
        return [
            ValidationError(
                f"Say why the matter is {what}: the reason goes on the record.",
                code="matter.reason_missing",
            )
        ]
    if len(reason) > REASON_MAX_LENGTH:
        return [
            ValidationError(
                f"The reason may be at most {REASON_MAX_LENGTH} characters.",
                code="matter.reason_too_long",
            )
        ]
    return []


def matter_close(*, matter: Matter, reason: str = "", actor: Actor = NOBODY) -> Matter:
    """Close a matter: from then on nothing is lodged or recorded in it (code ``matter.closed``
    on every channel). Closing a closed matter is refused, so two clerks learn who was first;
    so is closing while filings still await review, which are named so a clerk can decide
    them first (a filing left lodged in a closed matter could be neither accepted nor
    corrected)."""
    reason = reason.strip()
    errors: dict[str, list[ValidationError]] = {}
    if len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = _reason_problems(reason, "closed")
    with service_atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if locked.status == Matter.Status.CLOSED:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                ValidationError(
                    f"Matter {locked.number} is already closed.", code="matter.already_closed"
                )
            )
        else:
            # Under the matter's lock: a lodgment takes it too, so none slips in meanwhile.
            waiting = list(
                Filing.objects.filter(matter=locked, status=Filing.Status.LODGED)
                .order_by("sequence")
                .values_list("sequence", flat=True)
            )
            if waiting:
                references = ", ".join(f"{locked.number}-F{n:02d}" for n in waiting)
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    ValidationError(
                        f"{len(waiting)} filing{'s' if len(waiting) != 1 else ''} still "
                        f"await{'' if len(waiting) != 1 else 's'} review in {locked.number}: "
                        f"{references}. Accept or reject them before closing the matter.",
                        code="matter.filings_awaiting_review",
                    )
                )
        if errors:
            raise ValidationError(errors)
        before = record_values(locked, CLOSING_FIELDS)
        locked.status = Matter.Status.CLOSED
        locked.closed_at = timezone.now()
        user = actor.user if actor.user is not None and actor.user.is_authenticated else None
        locked.closed_by = user
        locked.closed_reason = reason
        locked.save(update_fields=list(CLOSING_FIELDS))
        audit_change(
            action=AuditEvent.Action.MATTER_CLOSED,
            actor=actor,
            matter_number=locked.number,
            before=before,
            after=record_values(locked, CLOSING_FIELDS),
        )
    return locked


def matter_reopen(*, matter: Matter, reason: str, actor: Actor = NOBODY) -> Matter:
    """Reopen a closed matter: lodging and recording are allowed again. The reason is required
    (a closed matter is reopened only for cause) and goes into the audit trail with the
    closing it undoes; the matter itself is back to an open matter's state."""
    reason = reason.strip()
    errors: dict[str, list[ValidationError]] = {}
    problems = _reason_problems(reason, "reopened")
    if problems:
        errors["reason"] = problems
    with service_atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if locked.status != Matter.Status.CLOSED:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                ValidationError(
                    f"Matter {locked.number} is open: there is nothing to reopen.",
                    code="matter.not_closed",
                )
            )
        if errors:
            raise ValidationError(errors)
        before = record_values(locked, CLOSING_FIELDS)
        locked.status = Matter.Status.OPEN
        locked.closed_at = None
        locked.closed_by = None
        locked.closed_reason = ""
        locked.save(update_fields=list(CLOSING_FIELDS))
        audit_change(
            action=AuditEvent.Action.MATTER_REOPENED,
            actor=actor,
            matter_number=locked.number,
            before=before,
            after=record_values(locked, CLOSING_FIELDS),
            detail={"reason": reason},
        )
    return locked
