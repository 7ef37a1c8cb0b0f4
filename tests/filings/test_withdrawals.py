"""Withdrawing a para 7 direction or waiver and an application of PN127 (para 8), issue 9 §3.

The record stays (struck through on the matter page) with when, by whom and why; the audit
event has the actor, the address and the values before and after; the refusals have their
codes; and a withdrawn record stops counting: no longer due anywhere, no longer applied by the
rules, no longer making PN127 apply.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import Actor
from discovery.selectors import list_conventions_for
from filings.models import Direction, Matter, Party, PracticeNoteApplication
from filings.selectors import access
from filings.selectors.directions_due import dated_directions, direction_obligations
from filings.selectors.obligations import assess_document_for_party
from filings.services.matters import matter_close
from filings.services.records import direction_record, practice_note_apply
from filings.services.withdrawals import (
    direction_withdraw,
    practice_note_application_withdraw,
)
from practice_directions.rules.discovery import PN127_DEFAULTS
from protocols.selectors import current_application
from tests.factories import MatterFactory, PartyFactory, document_kind
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, represent

pytestmark = pytest.mark.django_db

CLIENT_IP = "203.0.113.9"


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


@pytest.fixture
def world():
    clerk = ClerkFactory(username="clerk-wendy")
    matter = MatterFactory(opened_on=days(-30))
    applicant = PartyFactory(matter=matter, name="Jane Citizen")
    respondent = PartyFactory(matter=matter, name="Acme Pty Ltd", role=Party.Role.RESPONDENT)
    for_respondent = PractitionerFactory()
    represent(for_respondent, respondent)
    direction = direction_record(
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.COMMISSION,
        made_on=days(-10),
        due_on=days(6),
        parties=[respondent],
        document_kinds=[document_kind("Affidavit")],
        recorded_by=clerk,
    )
    return {
        "clerk": clerk,
        "actor": Actor(user=clerk, client_ip=CLIENT_IP),
        "matter": matter,
        "applicant": applicant,
        "respondent": respondent,
        "for_respondent": for_respondent,
        "direction": direction,
    }


def apply_pn127(world, *, applied_on: datetime.date | None = None) -> PracticeNoteApplication:
    return practice_note_apply(
        matter=world["matter"],
        made_by="commission",
        applied_on=applied_on or days(-5),
        extent="whole",
        recorded_by=world["clerk"],
    )


# --- The record and its audit event ---


def test_withdrawing_a_direction_keeps_it_with_when_who_and_why_and_audits_it(world):
    direction = direction_withdraw(
        direction=world["direction"],
        withdrawn_on=days(-1),
        reason="  Vacated at the directions hearing.  ",
        actor=world["actor"],
    )
    direction.refresh_from_db()
    assert (direction.withdrawn_on, direction.withdrawn_by, direction.withdrawal_reason) == (
        days(-1),
        world["clerk"],
        "Vacated at the directions hearing.",
    )
    assert Direction.objects.filter(pk=direction.pk).exists()
    assert not Direction.objects.in_force().filter(pk=direction.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.DIRECTION_WITHDRAWN)
    assert (event.user, event.username, event.client_ip, event.matter_number) == (
        world["clerk"],
        "clerk-wendy",
        CLIENT_IP,
        world["matter"].number,
    )
    assert event.detail["before"] == {
        "withdrawn_on": None,
        "withdrawn_by": None,
        "withdrawal_reason": "",
    }
    assert event.detail["after"] == {
        "withdrawn_on": days(-1).isoformat(),
        "withdrawn_by": world["clerk"].pk,
        "withdrawal_reason": "Vacated at the directions hearing.",
    }
    assert event.detail["direction"] == direction.pk


def test_withdrawing_a_pn127_application_is_audited_before_and_after(world):
    application = apply_pn127(world)
    practice_note_application_withdraw(
        application=application, withdrawn_on=days(0), reason="Set aside.", actor=world["actor"]
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.PN127_WITHDRAWN)
    assert (event.user, event.client_ip) == (world["clerk"], CLIENT_IP)
    assert event.detail["before"]["withdrawn_on"] is None
    assert event.detail["after"] == {
        "withdrawn_on": days(0).isoformat(),
        "withdrawn_by": world["clerk"].pk,
        "withdrawal_reason": "Set aside.",
    }


# --- Refusals, each with its code, writing nothing ---


def _withdraw_direction(world, **overrides):
    arguments = {
        "direction": world["direction"],
        "withdrawn_on": days(0),
        "reason": "Vacated.",
        "actor": world["actor"],
    }
    return direction_withdraw(**{**arguments, **overrides})


def _withdraw_application(world, **overrides):
    arguments = {
        "application": apply_pn127(world, applied_on=days(-10)),
        "withdrawn_on": days(0),
        "reason": "Vacated.",
        "actor": world["actor"],
    }
    return practice_note_application_withdraw(**{**arguments, **overrides})


@pytest.mark.parametrize("withdraw", [_withdraw_direction, _withdraw_application])
@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"withdrawn_on": days(1)}, {"withdrawn_on": ["withdrawn_on.in_future"]}),
        ({"withdrawn_on": days(-11)}, {"withdrawn_on": ["withdrawn_on.before_made"]}),
        ({"reason": "   "}, {"reason": ["withdrawal.reason_missing"]}),
        ({"reason": "x" * 2001}, {"reason": ["withdrawal.reason_too_long"]}),
    ],
)
def test_bad_withdrawals_are_refused_with_their_codes_and_write_nothing(
    world, withdraw, overrides, expected
):
    with pytest.raises(ValidationError) as error:
        withdraw(world, **overrides)
    assert codes(error.value) == expected
    assert not Direction.objects.exclude(withdrawn_on=None).exists()
    assert not PracticeNoteApplication.objects.exclude(withdrawn_on=None).exists()
    assert not AuditEvent.objects.filter(
        action__in=[AuditEvent.Action.DIRECTION_WITHDRAWN, AuditEvent.Action.PN127_WITHDRAWN]
    ).exists()


def test_a_direction_already_withdrawn_is_refused(world):
    _withdraw_direction(world)
    with pytest.raises(ValidationError) as error:
        _withdraw_direction(world, withdrawn_on=days(-1), reason="Again.")
    assert codes(error.value) == {"__all__": ["direction.already_withdrawn"]}
    world["direction"].refresh_from_db()
    assert (world["direction"].withdrawn_on, world["direction"].withdrawal_reason) == (
        days(0),
        "Vacated.",
    )


def test_a_pn127_application_already_withdrawn_is_refused(world):
    application = apply_pn127(world)
    practice_note_application_withdraw(
        application=application, withdrawn_on=days(0), reason="Set aside.", actor=world["actor"]
    )
    with pytest.raises(ValidationError) as error:
        practice_note_application_withdraw(
            application=application, withdrawn_on=days(0), reason="Again.", actor=world["actor"]
        )
    assert codes(error.value) == {"__all__": ["pn127.already_withdrawn"]}


@pytest.mark.parametrize("withdraw", [_withdraw_direction, _withdraw_application])
def test_nothing_is_withdrawn_in_a_closed_matter(world, withdraw):
    application_first = withdraw is _withdraw_application
    arguments = {"application": apply_pn127(world)} if application_first else {}
    matter_close(matter=world["matter"], reason="Finished.")
    with pytest.raises(ValidationError) as error:
        withdraw(world, **arguments)
    assert codes(error.value) == {"__all__": ["matter.closed"]}


def test_the_database_keeps_date_person_and_reason_together(world):
    direction = world["direction"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Direction.objects.filter(pk=direction.pk).update(withdrawn_on=days(0))
    with pytest.raises(IntegrityError), transaction.atomic():
        Direction.objects.filter(pk=direction.pk).update(
            withdrawn_on=days(-20), withdrawn_by=world["clerk"], withdrawal_reason="Before made."
        )
    application = apply_pn127(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeNoteApplication.objects.filter(pk=application.pk).update(
            withdrawn_on=days(0), withdrawn_by=world["clerk"]
        )


# --- Effects: no longer due, no longer applied ---


def test_a_withdrawn_direction_is_due_nowhere(client, world):
    due = direction_obligations(directions=dated_directions(), today=days(0))
    assert [o.direction_id for o in due] == [world["direction"].pk]
    _withdraw_direction(world)
    assert list(dated_directions()) == []
    assert direction_obligations(directions=dated_directions(), today=days(0)) == []
    client.force_login(world["for_respondent"])
    dashboard = client.get(reverse("practitioner:dashboard")).content.decode()
    assert "6 days left" not in dashboard
    matter_url = reverse("practitioner:matter", args=[access.matter_slug(world["matter"].number)])
    assert "6 days left" not in client.get(matter_url).content.decode()
    client.force_login(world["clerk"])
    response = client.get(reverse("clerk:deadlines"))
    assert list(response.context["direction_rows"]) == []


def test_a_withdrawn_waiver_no_longer_exempts_and_the_earlier_direction_applies(world):
    """PD16 para 7: the last direction covering a document prevails; withdrawn, it is gone."""
    waiver = direction_record(
        matter=world["matter"],
        kind=Direction.Kind.WAIVE,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=days(-3),
        parties=[world["applicant"]],
        recorded_by=world["clerk"],
    )

    def decide():
        return assess_document_for_party(
            party=world["applicant"], document_kind="Affidavit", role="principal", filed_on=days(0)
        )

    assert "pd16.waived" in decide().codes
    direction_withdraw(
        direction=waiver, withdrawn_on=days(0), reason="Waiver revoked.", actor=world["actor"]
    )
    assert "pd16.waived" not in decide().codes


def test_a_withdrawn_pn127_application_no_longer_makes_pn127_apply(world):
    application = apply_pn127(world)

    def decide():
        return assess_document_for_party(
            party=world["applicant"], document_kind="Affidavit", role="principal", filed_on=days(0)
        )

    assert "pd16.pn127_applied" in decide().codes
    assert current_application(world["matter"]) == application
    practice_note_application_withdraw(
        application=application, withdrawn_on=days(0), reason="Set aside.", actor=world["actor"]
    )
    assert "pd16.pn127_applied" not in decide().codes
    assert current_application(world["matter"]) is None
    assert list_conventions_for(world["matter"]) == PN127_DEFAULTS


def test_an_earlier_application_still_in_force_applies_again(world):
    earlier = apply_pn127(world, applied_on=days(-9))
    later = apply_pn127(world, applied_on=days(-2))
    assert current_application(world["matter"]) == later
    practice_note_application_withdraw(
        application=later, withdrawn_on=days(0), reason="Set aside.", actor=world["actor"]
    )
    assert current_application(world["matter"]) == earlier


def test_a_matter_closed_meanwhile_refuses_under_the_lock(world):
    """The view read the matter open; another clerk closed it before the withdrawal."""
    stale = world["direction"]
    Matter.objects.filter(pk=world["matter"].pk).update(status=Matter.Status.CLOSED)
    with pytest.raises(ValidationError) as error:
        _withdraw_direction(world, direction=stale)
    assert codes(error.value) == {"__all__": ["matter.closed"]}
