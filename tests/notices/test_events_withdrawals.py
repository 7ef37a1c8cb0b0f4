"""Withdrawing a direction, a waiver or an application of PN127 tells the practitioners it
concerned, through the outbox and the worker, to a real SMTP server (PD16 paras 7 and 8)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.services import Actor
from filings.models import Direction
from filings.services.records import direction_record, practice_note_apply
from filings.services.withdrawals import (
    direction_withdraw,
    practice_note_application_withdraw,
)
from notices.models import Notice

pytestmark = pytest.mark.django_db


def _plain(received) -> str:
    return received.message.get_body(preferencelist=("plain",)).get_content()


def test_a_withdrawn_direction_is_told_to_the_practitioners_of_the_parties_it_bound(
    smtp, committed, matter, applicant, respondent, solicitor, opponent, clerk
):
    direction = committed(
        direction_record,
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=matter.opened_on,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        recorded_by=clerk,
        parties=[respondent],
    )
    smtp.reset()
    committed(
        direction_withdraw,
        direction=direction,
        withdrawn_on=timezone.localdate(),
        reason="Vacated at the directions hearing.",
        actor=Actor(user=clerk),
    )
    [received] = smtp.received
    assert received.rcpt_tos == ["opponent@other.example"]
    assert received.message["Subject"] == f"{matter.number} Direction withdrawn (PD16 para 7)"
    text = _plain(received)
    assert "was withdrawn on" in text and "Vacated at the directions hearing." in text
    assert "no longer applies" in text
    notice = Notice.objects.get(kind=Notice.Kind.DIRECTION_WITHDRAWN)
    assert (notice.recipient, notice.state) == (opponent, Notice.State.SENT)


def test_a_withdrawn_waiver_naming_no_party_goes_to_every_party(
    smtp, committed, matter, applicant, respondent, solicitor, opponent, clerk
):
    waiver = committed(
        direction_record,
        matter=matter,
        kind=Direction.Kind.WAIVE,
        made_by=Direction.MadeBy.COMMISSION,
        made_on=matter.opened_on,
        recorded_by=clerk,
    )
    smtp.reset()
    committed(
        direction_withdraw,
        direction=waiver,
        withdrawn_on=timezone.localdate(),
        reason="Revoked.",
        actor=Actor(user=clerk),
    )
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == [
        "opponent@other.example",
        "solicitor@firm.example",
    ]
    assert all("Waiver withdrawn" in r.message["Subject"] for r in smtp.received)


def test_a_withdrawn_pn127_application_goes_to_every_party(
    smtp, committed, matter, applicant, respondent, solicitor, opponent, clerk
):
    application = committed(
        practice_note_apply,
        matter=matter,
        made_by="commission",
        applied_on=matter.opened_on,
        extent="whole",
        recorded_by=clerk,
    )
    smtp.reset()
    committed(
        practice_note_application_withdraw,
        application=application,
        withdrawn_on=timezone.localdate(),
        reason="Set aside on appeal.",
        actor=Actor(user=clerk),
    )
    kinds = sorted(
        Notice.objects.filter(kind=Notice.Kind.PRACTICE_NOTE_WITHDRAWN).values_list(
            "recipient__username", flat=True
        )
    )
    assert kinds == ["opponent", "solicitor"]
    assert len(smtp.received) == 2
    assert all("Set aside on appeal." in _plain(r) for r in smtp.received)


def test_a_refused_withdrawal_queues_no_notice(matter, respondent, opponent, clerk):
    direction = direction_record(
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=matter.opened_on,
        recorded_by=clerk,
    )
    with pytest.raises(ValidationError):
        direction_withdraw(
            direction=direction,
            withdrawn_on=timezone.localdate() + datetime.timedelta(days=1),
            reason="Too early.",
            actor=Actor(user=clerk),
        )
    assert not Notice.objects.filter(kind=Notice.Kind.DIRECTION_WITHDRAWN).exists()
