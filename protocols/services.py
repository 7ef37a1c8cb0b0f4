"""Writes to a matter's PN127 protocol: proposals, agreements and Court orders.

Who may do what (PN127 paras 12 and 15; para 4 for orders):

- A practitioner proposes, for a party they act for (``filings.PartyRepresentative``), an
  option of a checklist group in scope, or a version of the settings.
- A practitioner agrees to a proposal for a party they act for, other than the proposing party
  (which agrees by proposing), once per party, while the proposal is still open: not replaced by
  its party's later proposal, nor settled by a later agreement or order.
- A registry clerk records a Court order fixing a group's option or the settings.

Each function checks everything first and raises one ``ValidationError`` keyed by field, each
error with a stable code, or ``ProtocolAccessDenied`` when the user does not act for the party;
then writes in one transaction, with the matter row locked so that two practitioners acting at
once are applied one after the other, and records an audit event with what applied before and
after.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from filings.models import Matter, Party, PartyRepresentative
from practice_directions.models import ChecklistGroup, ChecklistOption
from practice_directions.rules.pn127_protocol import (
    DEFAULT_DOCUMENT_ID_PATTERN,
    RECOMMENDED_FIELD_NAMES,
    UNDATED_BLANK,
    PatternError,
    document_id_regex,
    fields_in_use,
    undated_convention_problem,
)

from .models import Protocol, ProtocolAgreement, ProtocolOrder, ProtocolProposal, ProtocolSettings
from .selectors import ProtocolState, SettingsValues, protocol_state

Errors = dict[str, list[ValidationError]]
RESOLUTION_RANGE = (50, 1200)


class ProtocolAccessDenied(PermissionDenied):
    """The user does not act for the party named: pages answer 404."""


@dataclass(frozen=True)
class SettingsInput:
    """The protocol settings as typed (schedules (a)-(d), Recommended Fields)."""

    image_resolution_dpi: int = 200
    filename_structure: str = ProtocolSettings.FilenameStructure.DOCUMENT_ID
    folder_structure: str = ""
    special_considerations: str = ""
    undated_convention: str = UNDATED_BLANK
    document_id_pattern: str = DEFAULT_DOCUMENT_ID_PATTERN
    each_page_numbered: bool = True
    fields_in_use: Sequence[str] = field(default_factory=tuple)


def _add(errors: Errors, name: str, message: str, code: str) -> None:
    errors.setdefault(name, []).append(ValidationError(message, code=code))


def _raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _check_applies(errors: Errors, matter: Matter, state: ProtocolState) -> None:
    if matter.status != Matter.Status.OPEN:
        _add(errors, NON_FIELD_ERRORS, f"Matter {matter.number} is closed.", "matter.closed")
    if not state.applies:
        _add(
            errors,
            NON_FIELD_ERRORS,
            "Practice Note 127 has not been applied to this matter (PD16 para 8).",
            "protocol.pn127_not_applied",
        )


def _check_represents(user: Any, party: Party, matter: Matter) -> None:
    if (
        party.matter_id != matter.pk
        or not PartyRepresentative.objects.filter(party=party, user_id=user.pk).exists()
    ):
        raise ProtocolAccessDenied("You do not act for that party in this matter.")


def _group_and_option(
    errors: Errors, state: ProtocolState, group_code: str, option_id: int | None
) -> tuple[ChecklistGroup | None, ChecklistOption | None]:
    group = ChecklistGroup.objects.filter(code=group_code).first()
    if group is None or state.outcome(group_code) is None:
        _add(
            errors,
            "group",
            "That part of the Technology Check List is not in this matter's protocol.",
            "protocol.group_not_in_scope",
        )
        return None, None
    option = (
        ChecklistOption.objects.filter(pk=option_id, group=group).first()
        if option_id is not None
        else None
    )
    if option is None:
        _add(
            errors,
            "option",
            f"Choose one of the options for {group.label}.",
            "protocol.option_invalid",
        )
    return group, option


def _lock(matter: Matter) -> Protocol:
    """Lock the matter row, so that protocol changes in one matter happen one at a time, and
    find or make its protocol (undone with the transaction if the change is refused)."""
    Matter.objects.select_for_update().filter(pk=matter.pk).first()
    protocol, _ = Protocol.objects.get_or_create(matter=matter)
    return protocol


def _applies_text(state: ProtocolState, subject: str) -> str:
    if subject == "settings":
        basis = state.settings_outcome.basis if state.settings_outcome else "-"
        return f"settings {state.settings.pk or 'PN127 defaults'} ({basis})"
    outcome = state.outcome(subject)
    if outcome is None:
        return "-"
    return f"{outcome.option or 'nothing'} ({outcome.basis})"


def _audit(
    *,
    action: str,
    user: Any,
    matter: Matter,
    subject: str,
    before: ProtocolState,
    client_ip: str | None,
    detail: dict[str, Any],
) -> None:
    after = protocol_state(matter)
    audit_record(
        action=action,
        user=user,
        client_ip=client_ip,
        matter_number=matter.number,
        detail={
            **detail,
            "subject": subject,
            "before": _applies_text(before, subject),
            "after": _applies_text(after, subject),
        },
    )


# --- Proposals ---


def protocol_propose(
    *,
    matter: Matter,
    party: Party,
    user: Any,
    group_code: str,
    option_id: int | None,
    client_ip: str | None = None,
) -> ProtocolProposal:
    """A party proposes an option of a checklist group (PN127 para 15)."""
    _check_represents(user, party, matter)
    with transaction.atomic():
        protocol = _lock(matter)
        state = protocol_state(matter)
        errors: Errors = {}
        _check_applies(errors, matter, state)
        group, option = _group_and_option(errors, state, group_code, option_id)
        _raise_if(errors)
        proposal = ProtocolProposal.objects.create(
            protocol=protocol, party=party, group=group, option=option, proposed_by=user
        )
        _audit(
            action=AuditEvent.Action.PROTOCOL_PROPOSED,
            user=user,
            matter=matter,
            subject=group_code,
            before=state,
            client_ip=client_ip,
            detail={
                "proposal": proposal.pk,
                "party": party.name,
                "option": option.label if option else "",
            },
        )
    return proposal


def _settings_errors(values: SettingsInput) -> tuple[Errors, str, tuple[str, ...]]:
    errors: Errors = {}
    low, high = RESOLUTION_RANGE
    if not low <= values.image_resolution_dpi <= high:
        _add(
            errors,
            "image_resolution_dpi",
            f"Give a resolution between {low} and {high} dpi; PN127 suggests around 200 "
            "(schedule (a)).",
            "settings.resolution_out_of_range",
        )
    if values.filename_structure not in ProtocolSettings.FilenameStructure.values:
        _add(
            errors,
            "filename_structure",
            "Choose how images are named.",
            "settings.filename_invalid",
        )
    elif (
        values.filename_structure == ProtocolSettings.FilenameStructure.FOLDER_STRUCTURE
        and not values.folder_structure.strip()
    ):
        _add(
            errors,
            "folder_structure",
            "Describe the agreed folder structure (schedule (b)).",
            "settings.folder_structure_missing",
        )
    problem = undated_convention_problem(values.undated_convention)
    if problem:
        _add(errors, "undated_convention", *problem)
    regex = ""
    try:
        regex = document_id_regex(values.document_id_pattern)
    except PatternError as error:
        _add(errors, "document_id_pattern", str(error), f"settings.{error.code}")
    unknown = sorted(set(values.fields_in_use) - set(RECOMMENDED_FIELD_NAMES))
    if unknown:
        _add(
            errors,
            "fields_in_use",
            f"Not among the Recommended Fields: {', '.join(unknown)}.",
            "settings.unknown_field",
        )
    return errors, regex, fields_in_use(list(values.fields_in_use))


def _create_settings(
    protocol: Protocol, values: SettingsInput, regex: str, fields: tuple[str, ...], user: Any
) -> ProtocolSettings:
    return ProtocolSettings.objects.create(
        protocol=protocol,
        image_resolution_dpi=values.image_resolution_dpi,
        filename_structure=values.filename_structure,
        folder_structure=values.folder_structure.strip(),
        special_considerations=values.special_considerations.strip(),
        undated_convention=values.undated_convention,
        document_id_pattern=values.document_id_pattern.strip(),
        document_id_regex=regex,
        each_page_numbered=values.each_page_numbered,
        fields_in_use=list(fields),
        created_by=user,
    )


def _check_settings_in_scope(errors: Errors, state: ProtocolState) -> None:
    if state.applies and not state.shows_settings:
        _add(
            errors,
            NON_FIELD_ERRORS,
            "PN127 was applied without the paragraphs on discovery (11-20), which the settings "
            "serve.",
            "protocol.settings_not_in_scope",
        )


def protocol_propose_settings(
    *,
    matter: Matter,
    party: Party,
    user: Any,
    values: SettingsInput,
    client_ip: str | None = None,
) -> ProtocolProposal:
    """A party proposes the protocol's settings (PN127 para 12, schedules (a)-(d))."""
    _check_represents(user, party, matter)
    with transaction.atomic():
        protocol = _lock(matter)
        state = protocol_state(matter)
        errors, regex, fields = _settings_errors(values)
        _check_applies(errors, matter, state)
        _check_settings_in_scope(errors, state)
        _raise_if(errors)
        settings = _create_settings(protocol, values, regex, fields, user)
        proposal = ProtocolProposal.objects.create(
            protocol=protocol, party=party, settings=settings, proposed_by=user
        )
        _audit(
            action=AuditEvent.Action.PROTOCOL_PROPOSED,
            user=user,
            matter=matter,
            subject="settings",
            before=state,
            client_ip=client_ip,
            detail={"proposal": proposal.pk, "party": party.name, "settings": settings.pk},
        )
    return proposal


# --- Agreement ---


def protocol_agree(
    *,
    matter: Matter,
    proposal_id: int,
    party: Party,
    user: Any,
    client_ip: str | None = None,
) -> ProtocolAgreement:
    """``party`` agrees to another party's proposal; the option is agreed once every party has
    (PN127 para 15)."""
    _check_represents(user, party, matter)
    proposal = (
        ProtocolProposal.objects.select_related("protocol", "party")
        .filter(pk=proposal_id, protocol__matter=matter)
        .first()
    )
    if proposal is None:
        raise ProtocolAccessDenied("No such proposal in this matter.")
    with transaction.atomic():
        _lock(matter)
        state = protocol_state(matter)
        errors: Errors = {}
        _check_applies(errors, matter, state)
        if proposal.party_id == party.pk:
            _add(
                errors,
                NON_FIELD_ERRORS,
                f"{party.name} made this proposal: the other parties agree to it.",
                "protocol.own_proposal",
            )
        elif ProtocolAgreement.objects.filter(proposal=proposal, party=party).exists():
            _add(
                errors,
                NON_FIELD_ERRORS,
                f"{party.name} has already agreed to this proposal.",
                "protocol.already_agreed",
            )
        elif not state.is_pending(proposal.pk):
            _add(
                errors,
                NON_FIELD_ERRORS,
                "This proposal is no longer open: a later proposal, agreement or order "
                "replaced it.",
                "protocol.proposal_closed",
            )
        _raise_if(errors)
        agreement = ProtocolAgreement.objects.create(proposal=proposal, party=party, agreed_by=user)
        subject = proposal.group.code if proposal.group else "settings"
        _audit(
            action=AuditEvent.Action.PROTOCOL_AGREED,
            user=user,
            matter=matter,
            subject=subject,
            before=state,
            client_ip=client_ip,
            detail={
                "proposal": proposal.pk,
                "party": party.name,
                "proposed_by_party": proposal.party.name,
            },
        )
    return agreement


# --- Court orders (recorded by a clerk) ---


def _check_made_on(
    errors: Errors, matter: Matter, made_on: datetime.date, today: datetime.date
) -> None:
    if made_on > today:
        _add(errors, "made_on", "The date cannot be in the future.", "made_on.in_future")
    elif made_on < matter.opened_on:
        _add(
            errors,
            "made_on",
            f"The date is before the matter was opened ({matter.opened_on:%d/%m/%Y}).",
            "made_on.before_matter_opened",
        )


def protocol_order(
    *,
    matter: Matter,
    group_code: str,
    option_id: int | None,
    made_on: datetime.date,
    recorded_by: Any,
    terms: str = "",
    client_ip: str | None = None,
    today: datetime.date | None = None,
) -> ProtocolOrder:
    """Record the Court's order fixing a group's option (PN127 para 4)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        protocol = _lock(matter)
        state = protocol_state(matter)
        errors: Errors = {}
        _check_applies(errors, matter, state)
        group, option = _group_and_option(errors, state, group_code, option_id)
        _check_made_on(errors, matter, made_on, today)
        _raise_if(errors)
        order = ProtocolOrder.objects.create(
            protocol=protocol,
            group=group,
            option=option,
            made_on=made_on,
            terms=terms.strip(),
            recorded_by=recorded_by,
        )
        _audit(
            action=AuditEvent.Action.PROTOCOL_ORDERED,
            user=recorded_by,
            matter=matter,
            subject=group_code,
            before=state,
            client_ip=client_ip,
            detail={
                "order": order.pk,
                "option": option.label if option else "",
                "made_on": made_on.isoformat(),
            },
        )
    return order


def protocol_order_settings(
    *,
    matter: Matter,
    values: SettingsInput,
    made_on: datetime.date,
    recorded_by: Any,
    terms: str = "",
    client_ip: str | None = None,
    today: datetime.date | None = None,
) -> ProtocolOrder:
    """Record the Court's order fixing the settings (PN127 paras 4 and 16)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        protocol = _lock(matter)
        state = protocol_state(matter)
        errors, regex, fields = _settings_errors(values)
        _check_applies(errors, matter, state)
        _check_settings_in_scope(errors, state)
        _check_made_on(errors, matter, made_on, today)
        _raise_if(errors)
        settings = _create_settings(protocol, values, regex, fields, recorded_by)
        order = ProtocolOrder.objects.create(
            protocol=protocol,
            settings=settings,
            made_on=made_on,
            terms=terms.strip(),
            recorded_by=recorded_by,
        )
        _audit(
            action=AuditEvent.Action.PROTOCOL_ORDERED,
            user=recorded_by,
            matter=matter,
            subject="settings",
            before=state,
            client_ip=client_ip,
            detail={"order": order.pk, "settings": settings.pk, "made_on": made_on.isoformat()},
        )
    return order


def settings_input_from(values: SettingsValues) -> SettingsInput:
    """The settings that apply now, as the starting point of a new proposal or order."""
    return SettingsInput(
        image_resolution_dpi=values.image_resolution_dpi,
        filename_structure=values.filename_structure,
        folder_structure=values.folder_structure,
        special_considerations=values.special_considerations,
        undated_convention=values.undated_convention,
        document_id_pattern=values.document_id_pattern,
        each_page_numbered=values.each_page_numbered,
        fields_in_use=values.fields_in_use,
    )
