"""The demo's PN127 protocol: Practice Note 127 applied to the O'Connor matter (PD16 para 8)
and its protocol partly agreed, through the registry's own services.

Dates are relative to the day of seeding, so the demo always looks current: PN127 applied three
weeks ago, a Court order a week ago. Idempotent: the application is looked for first, and the
protocol is left alone once it has any proposal.
"""

from __future__ import annotations

import datetime
from typing import Any, Protocol

from django.contrib.auth.models import User
from django.utils import timezone

from filings.models import Matter, PracticeNoteApplication
from filings.services.records import practice_note_apply
from practice_directions.models import ChecklistOption
from protocols.models import ProtocolProposal
from protocols.services import (
    SettingsInput,
    protocol_agree,
    protocol_order,
    protocol_propose,
    protocol_propose_settings,
)

MATTER = "oconnor"
APPLICANT_PRACTITIONER = "solicitor"
RESPONDENT_PRACTITIONER = "barrister"
CLERK = "clerk"
APPLIED_DAYS_AGO = 21
ORDERED_DAYS_AGO = 7

# (group, option, who proposes: "applicant"/"respondent", agreed by the other side)
PROPOSALS = (
    ("discovery-format", "Excel spreadsheet", "applicant", True),
    ("discovery-via", "Electronic mail", "applicant", True),
    ("pre-trial-via", "Electronic mail", "respondent", True),
    ("inspection-images", "PDF", "respondent", False),
    ("discovery-lists", "Electronic copy only", "applicant", False),
)
ORDER = ("trial-via", "CD Rom", "Order 4 of the directions hearing")
SETTINGS = SettingsInput(
    image_resolution_dpi=200,
    filename_structure="document_id_no_dots",
    special_considerations="Privileged passages masked in black, marked REDACTED.",
    undated_convention="01/Jan/1801",
    document_id_pattern="AAA.NNN.NNN.NNNN",
    each_page_numbered=True,
    fields_in_use=("Privilege", "Basis of Privilege", "Status", "Estimated Date"),
)


class Report(Protocol):
    def count(self, what: str, *, created: bool) -> None: ...


def _days_ago(matter: Matter, days: int, today: datetime.date) -> datetime.date:
    return max(matter.opened_on, today - datetime.timedelta(days=days))


def seed_protocol(matters: dict[str, Matter], users: dict[str, User], report: Report) -> None:
    """Apply PN127 to the O'Connor matter and agree part of its protocol."""
    matter = matters[MATTER]
    today = timezone.localdate()
    clerk = users[CLERK]
    applied = PracticeNoteApplication.objects.in_force().filter(matter=matter).exists()
    report.count("PN127 applications", created=not applied)
    if not applied:
        practice_note_apply(
            matter=matter,
            made_by="commission",
            applied_on=_days_ago(matter, APPLIED_DAYS_AGO, today),
            extent="whole",
            recorded_by=clerk,
            conditions="The parties are to agree a protocol before the second directions hearing.",
            today=today,
        )
    started = ProtocolProposal.objects.filter(protocol__matter=matter).exists()
    report.count("PN127 protocols", created=not started)
    if started:
        return
    sides: dict[str, tuple[Any, Any]] = {
        "applicant": (matter.parties.get(role="applicant"), users[APPLICANT_PRACTITIONER]),
        "respondent": (matter.parties.get(role="respondent"), users[RESPONDENT_PRACTITIONER]),
    }
    other = {"applicant": "respondent", "respondent": "applicant"}
    for group, label, side, agreed in PROPOSALS:
        party, user = sides[side]
        proposal = protocol_propose(
            matter=matter,
            party=party,
            user=user,
            group_code=group,
            option_id=ChecklistOption.objects.get(group__code=group, label=label).pk,
        )
        if agreed:
            agreeing_party, agreeing_user = sides[other[side]]
            protocol_agree(
                matter=matter, proposal_id=proposal.pk, party=agreeing_party, user=agreeing_user
            )
    party, user = sides["respondent"]
    settings = protocol_propose_settings(matter=matter, party=party, user=user, values=SETTINGS)
    agreeing_party, agreeing_user = sides["applicant"]
    protocol_agree(matter=matter, proposal_id=settings.pk, party=agreeing_party, user=agreeing_user)
    group, label, terms = ORDER
    protocol_order(
        matter=matter,
        group_code=group,
        option_id=ChecklistOption.objects.get(group__code=group, label=label).pk,
        made_on=_days_ago(matter, ORDERED_DAYS_AGO, today),
        terms=terms,
        recorded_by=clerk,
        today=today,
    )
