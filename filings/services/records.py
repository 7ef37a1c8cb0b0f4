"""What a registry clerk records on a matter: parties and who acts for them, the Certificate of
Unsuccessful Conciliation (PD16 para 3(b)), para 7 directions and waivers, the application of
Practice Note 127 (para 8), and e-mail lodgments with their transmission reports (paras 9-10).

Every function checks all of its input first and raises one ValidationError whose dict is keyed
by the field concerned (``"__all__"`` for the record as a whole), each error with a stable code;
nothing is written unless everything is right. Each writes in one durable transaction with its
audit event: who (``actor``), from where, and the values before and after.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import NOBODY, Actor, audit_change, record_values
from filings.limits import max_length
from filings.models import (
    Direction,
    Matter,
    Organisation,
    Party,
    PartyRepresentative,
    PracticeNoteApplication,
)
from filings.services.effects import service_atomic
from notices.events_records import notify_direction_recorded, notify_practice_note_applied
from practice_directions.models import DocumentKind
from registry.roles import is_practitioner

Errors = dict[str, list[ValidationError]]


def _add(errors: Errors, field: str, message: str, code: str) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def _raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _check_matter_open(errors: Errors, matter: Matter) -> None:
    if matter.status != Matter.Status.OPEN:
        _add(errors, NON_FIELD_ERRORS, f"Matter {matter.number} is closed.", "matter.closed")


def _check_date(
    errors: Errors, *, field: str, value: datetime.date, matter: Matter, today: datetime.date
) -> None:
    if value > today:
        _add(errors, field, "The date cannot be in the future.", f"{field}.in_future")
    elif value < matter.opened_on:
        _add(
            errors,
            field,
            f"The date is before the matter was opened ({matter.opened_on:%d/%m/%Y}).",
            f"{field}.before_matter_opened",
        )


# --- Certificate of Unsuccessful Conciliation (PD16 para 3(b)) ---


def matter_record_conciliation_certificate(
    *,
    matter: Matter,
    issued_on: datetime.date,
    today: datetime.date | None = None,
    actor: Actor = NOBODY,
) -> Matter:
    """Record the date the Certificate of Unsuccessful Conciliation issued in a s.106 matter.

    From that date both parties have 28 days (PD16 para 3(b)) to file electronic copies of
    everything filed so far. The date is recorded once; an administrator corrects mistakes.
    """
    today = today or timezone.localdate()
    errors: Errors = {}
    _check_matter_open(errors, matter)
    if not matter.proceeding.awaits_conciliation_certificate:
        _add(
            errors,
            NON_FIELD_ERRORS,
            f"{matter.proceeding.name} proceedings do not wait for a Certificate of "
            "Unsuccessful Conciliation (PD16 para 3(b) is about s.106 proceedings).",
            "certificate.not_applicable",
        )
    _check_date(errors, field="issued_on", value=issued_on, matter=matter, today=today)
    _raise_if(errors)
    with service_atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if locked.conciliation_certificate_on is not None:
            _add(
                errors,
                NON_FIELD_ERRORS,
                "A certificate is already recorded on this matter "
                f"({locked.conciliation_certificate_on:%d/%m/%Y}).",
                "certificate.already_recorded",
            )
            _raise_if(errors)
        locked.conciliation_certificate_on = issued_on
        locked.save(update_fields=["conciliation_certificate_on"])
        audit_change(
            action=AuditEvent.Action.MATTER_CHANGED,
            actor=actor,
            matter_number=locked.number,
            before={"conciliation_certificate_on": None},
            after={"conciliation_certificate_on": issued_on},
            detail={"record": "conciliation_certificate"},
        )
    return locked


# --- Directions and waivers (PD16 para 7) ---


def direction_record(  # noqa: PLR0913 - keyword-only: each argument is a fact the service records
    *,
    matter: Matter,
    kind: str,
    made_by: str,
    made_on: datetime.date,
    recorded_by: User,
    parties: Iterable[Party] = (),
    document_kinds: Iterable[DocumentKind] = (),
    serve: bool = False,
    scope: str = "",
    due_on: datetime.date | None = None,
    today: datetime.date | None = None,
    actor: Actor | None = None,
) -> Direction:
    """Record a para 7 direction to file (or file and serve) electronic copies, or a waiver.

    No parties means every party to the matter; no document kinds means all documentation.
    ``due_on`` is the date by which to file: the bound parties then see it as due, and a
    filing of a covered document by a bound party meets it.
    """
    today = today or timezone.localdate()
    parties = list(parties)
    document_kinds = list(document_kinds)
    errors: Errors = {}
    _check_matter_open(errors, matter)
    if kind not in Direction.Kind.values:
        _add(errors, "kind", f"{kind!r} is not a kind of direction.", "direction.kind_invalid")
    if made_by not in Direction.MadeBy.values:
        _add(
            errors, "made_by", f"{made_by!r} cannot make a direction.", "direction.made_by_invalid"
        )
    _check_date(errors, field="made_on", value=made_on, matter=matter, today=today)
    strangers = [p.name for p in parties if p.matter_id != matter.pk]
    if strangers:
        _add(
            errors,
            "parties",
            f"Not parties to {matter.number}: {', '.join(strangers)}.",
            "direction.party_not_in_matter",
        )
    if serve and kind == Direction.Kind.WAIVE:
        _add(
            errors,
            "serve",
            "Only a direction to file can also direct service (PD16 para 7).",
            "direction.serve_with_waiver",
        )
    if due_on is not None and kind == Direction.Kind.WAIVE:
        _add(
            errors,
            "due_on",
            "A waiver has no date to file by; only a direction to file has (PD16 para 7).",
            "direction.due_with_waiver",
        )
    elif due_on is not None and due_on < made_on:
        _add(
            errors,
            "due_on",
            "The date to file by cannot be before the direction was made.",
            "direction.due_before_made",
        )
    _raise_if(errors)
    with service_atomic():
        direction = Direction.objects.create(
            matter=matter,
            kind=kind,
            made_by=made_by,
            made_on=made_on,
            serve=serve,
            scope=scope.strip(),
            due_on=due_on,
            recorded_by=recorded_by,
        )
        direction.parties.set(parties)
        direction.document_kinds.set(document_kinds)
        audit_change(
            action=AuditEvent.Action.DIRECTION_RECORDED,
            actor=actor or Actor(user=recorded_by),
            matter_number=matter.number,
            before=None,
            after=record_values(direction),
            detail={"direction": direction.pk},
        )
        notify_direction_recorded(direction=direction)
    return direction


# --- Practice Note 127 (PD16 para 8) ---


def practice_note_apply(
    *,
    matter: Matter,
    made_by: str,
    applied_on: datetime.date,
    extent: str,
    recorded_by: User,
    parts: str = "",
    conditions: str = "",
    today: datetime.date | None = None,
    actor: Actor | None = None,
) -> PracticeNoteApplication:
    """Record that Supreme Court Practice Note 127 was applied to a matter (PD16 para 8)."""
    today = today or timezone.localdate()
    parts = parts.strip()
    errors: Errors = {}
    _check_matter_open(errors, matter)
    if made_by not in Direction.MadeBy.values:
        _add(errors, "made_by", f"{made_by!r} cannot apply PN127.", "pn127.made_by_invalid")
    if extent not in PracticeNoteApplication.Extent.values:
        _add(errors, "extent", f"{extent!r} is not an extent.", "pn127.extent_invalid")
    elif extent == PracticeNoteApplication.Extent.PART and not parts:
        _add(
            errors,
            "parts",
            "Name the paragraphs of PN127 that apply when it is applied in part (PD16 para 8).",
            "pn127.parts_missing",
        )
    elif extent == PracticeNoteApplication.Extent.WHOLE and parts:
        _add(
            errors,
            "parts",
            "Paragraphs are named only when PN127 is applied in part.",
            "pn127.parts_with_whole",
        )
    _check_date(errors, field="applied_on", value=applied_on, matter=matter, today=today)
    _raise_if(errors)
    with service_atomic():
        application = PracticeNoteApplication.objects.create(
            matter=matter,
            made_by=made_by,
            applied_on=applied_on,
            extent=extent,
            parts=parts,
            conditions=conditions.strip(),
            recorded_by=recorded_by,
        )
        audit_change(
            action=AuditEvent.Action.PN127_APPLIED,
            actor=actor or Actor(user=recorded_by),
            matter_number=matter.number,
            before=None,
            after=record_values(application),
            detail={"application": application.pk},
        )
        notify_practice_note_applied(application=application)
    return application


# --- Parties and their representation (PD16 para 3(c)) ---


def _check_representation(
    errors: Errors, representation: str, organisation: Organisation | None
) -> None:
    if representation not in Party.Representation.values:
        _add(
            errors,
            "representation",
            f"{representation!r} is not a kind of representation.",
            "party.representation_invalid",
        )
    elif representation == Party.Representation.UNREPRESENTED and organisation is not None:
        _add(
            errors,
            "representative_organisation",
            "An unrepresented party has no representative organisation.",
            "party.organisation_for_unrepresented",
        )


def party_add(
    *,
    matter: Matter,
    name: str,
    role: str,
    representation: str,
    representative_organisation: Organisation | None = None,
    actor: Actor = NOBODY,
) -> Party:
    """Add a party (applicant, respondent or intervenor, PD16 para 4) to a matter."""
    name = name.strip()
    errors: Errors = {}
    _check_matter_open(errors, matter)
    if not name:
        _add(errors, "name", "A party needs a name.", "party.name_missing")
    elif len(name) > max_length(Party, "name"):
        _add(errors, "name", "The name is too long.", "party.name_too_long")
    if role not in Party.Role.values:
        _add(errors, "role", f"{role!r} is not a party's role.", "party.role_invalid")
    _check_representation(errors, representation, representative_organisation)
    _raise_if(errors)
    with service_atomic():
        # Lock the matter so two clerks cannot add the same party at once.
        Matter.objects.select_for_update().filter(pk=matter.pk).get()
        if matter.parties.filter(name__iexact=name, role=role).exists():
            _add(
                errors,
                "name",
                f"{name} is already a party to {matter.number} as {role}.",
                "party.duplicate",
            )
            _raise_if(errors)
        party = Party.objects.create(
            matter=matter,
            name=name,
            role=role,
            representation=representation,
            representative_organisation=representative_organisation,
        )
        audit_change(
            action=AuditEvent.Action.PARTY_ADDED,
            actor=actor,
            matter_number=matter.number,
            before=None,
            after=record_values(party),
            detail={"party": party.pk},
        )
    return party


def party_set_representation(
    *,
    party: Party,
    representation: str,
    representative_organisation: Organisation | None = None,
    actor: Actor = NOBODY,
) -> Party:
    """Change how a party is represented (which decides PD16 para 3(c))."""
    errors: Errors = {}
    _check_matter_open(errors, party.matter)
    _check_representation(errors, representation, representative_organisation)
    if representation == Party.Representation.UNREPRESENTED and party.representative_links.exists():
        _add(
            errors,
            "representation",
            "Practitioners are still linked to this party: unlink them first.",
            "party.representatives_linked",
        )
    _raise_if(errors)
    fields = ["representation", "representative_organisation"]
    with service_atomic():
        party = Party.objects.select_for_update().select_related("matter").get(pk=party.pk)
        before = record_values(party, fields)
        party.representation = representation
        party.representative_organisation = representative_organisation
        party.save(update_fields=fields)
        audit_change(
            action=AuditEvent.Action.REPRESENTATION_CHANGED,
            actor=actor,
            matter_number=party.matter.number,
            before=before,
            after=record_values(party, fields),
            detail={"party": party.pk, "party_name": party.name},
        )
    return party


def party_link_representative(
    *,
    party: Party,
    user: User,
    since: datetime.date | None = None,
    actor: Actor = NOBODY,
) -> PartyRepresentative:
    """Link a practitioner's account to a party: from now on they see and lodge in the matter."""
    errors: Errors = {}
    _check_matter_open(errors, party.matter)
    if not is_practitioner(user):
        _add(
            errors,
            "user",
            f"{user.get_username()} is not a practitioner's account.",
            "representative.not_practitioner",
        )
    if not party.is_represented:
        _add(
            errors,
            "user",
            f"{party.name} is recorded as unrepresented (PD16 para 3(c)): record the "
            "representation first.",
            "representative.party_unrepresented",
        )
    _raise_if(errors)
    with service_atomic():
        link, created = PartyRepresentative.objects.get_or_create(
            party=party, user=user, defaults={"since": since}
        )
        if not created:
            _add(
                errors,
                "user",
                f"{user.get_username()} already acts for {party.name}.",
                "representative.already_linked",
            )
            _raise_if(errors)
        audit_change(
            action=AuditEvent.Action.REPRESENTATIVE_LINKED,
            actor=actor,
            matter_number=party.matter.number,
            before=None,
            after=_link_values(link),
            detail={"party": party.pk, "party_name": party.name},
        )
    return link


def _link_values(link: PartyRepresentative) -> dict[str, object]:
    return {**record_values(link), "username": link.user.get_username()}


def party_unlink_representative(*, party: Party, user: User, actor: Actor = NOBODY) -> None:
    """Remove a practitioner's link to a party; they lose access to the matter through it."""
    with service_atomic():
        link = (
            PartyRepresentative.objects.select_for_update()
            .filter(party=party, user=user)
            .select_related("user")
            .first()
        )
        if link is not None:
            before = _link_values(link)
            link.delete()
            audit_change(
                action=AuditEvent.Action.REPRESENTATIVE_UNLINKED,
                actor=actor,
                matter_number=party.matter.number,
                before=before,
                after=None,
                detail={"party": party.pk, "party_name": party.name},
            )
    if link is None:
        raise ValidationError(
            {
                "user": [
                    ValidationError(
                        f"{user.get_username()} does not act for {party.name}.",
                        code="representative.not_linked",
                    )
                ]
            }
        )
