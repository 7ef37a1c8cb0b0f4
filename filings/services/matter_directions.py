"""What a registry clerk records about the Commission's directions on a matter beyond para 7:
whether it has directed that submissions of parties be filed (PD16 para 9), which lets those
submissions be e-mailed to the client services address instead of filed on diskette or CD-ROM.

As in ``filings.services.records``: all input is checked first and one ValidationError, keyed by
field (``"__all__"`` for the record as a whole), carries every problem with a stable code;
nothing is written unless everything is right.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from audit.models import AuditEvent
from audit.services import NOBODY, Actor, audit_change, record_values
from filings.models import Matter
from filings.services.effects import service_atomic
from notices.events_records import notify_submissions_direction

Errors = dict[str, list[ValidationError]]


def _add(errors: Errors, field: str, message: str, code: str) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def _raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def matter_record_submissions_direction(
    *, matter: Matter, directed: bool, actor: Actor = NOBODY
) -> Matter:
    """Record that the Commission has directed that submissions of parties be filed in
    ``matter`` (``directed=True``), or withdraw that record (``directed=False``).

    PD16 para 9: in such a matter submissions may be e-mailed to the client services address;
    ``filings.selectors.obligations`` reads the flag for every assessment. Recording what is
    already recorded (or withdrawing what is not) is refused, so that two clerks acting on the
    same page at once learn that the other got there first.
    """
    errors: Errors = {}
    if not isinstance(directed, bool):
        _add(
            errors,
            "directed",
            f"Whether the Commission directed submissions is yes or no, not {directed!r}.",
            "submissions_direction.invalid",
        )
    with service_atomic():
        # The row as it stands, locked: another clerk may have just changed it.
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if locked.status != Matter.Status.OPEN:
            _add(errors, NON_FIELD_ERRORS, f"Matter {locked.number} is closed.", "matter.closed")
        elif directed is True and locked.submissions_directed:
            _add(
                errors,
                NON_FIELD_ERRORS,
                "The Commission's direction that submissions be filed is already recorded on "
                "this matter (PD16 para 9).",
                "submissions_direction.already_recorded",
            )
        elif directed is False and not locked.submissions_directed:
            _add(
                errors,
                NON_FIELD_ERRORS,
                "No direction that submissions be filed is recorded on this matter, so there is "
                "nothing to withdraw (PD16 para 9).",
                "submissions_direction.not_recorded",
            )
        _raise_if(errors)
        before = record_values(locked, ["submissions_directed"])
        locked.submissions_directed = directed
        locked.save(update_fields=["submissions_directed"])
        audit_change(
            action=AuditEvent.Action.DIRECTION_RECORDED
            if directed
            else AuditEvent.Action.DIRECTION_WITHDRAWN,
            actor=actor,
            matter_number=locked.number,
            before=before,
            after=record_values(locked, ["submissions_directed"]),
            detail={"direction": "submissions (PD16 para 9)"},
        )
        notify_submissions_direction(matter=locked, directed=directed)
    return locked
