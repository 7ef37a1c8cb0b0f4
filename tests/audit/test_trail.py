"""A complete audit trail (issue 9 §3): each action on a matter's records leaves one event with
who, when, from where and the values before and after; clerks read a matter's trail on its
page in a constant number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import Actor
from filings.services import records
from filings.services.matter_directions import matter_record_submissions_direction
from filings.services.matters import PartySpec, matter_close, matter_open, matter_reopen
from filings.services.rule32 import rule32_order_record, rule32_receipt_record
from filings.services.withdrawals import direction_withdraw, practice_note_application_withdraw
from practice_directions.models import ProceedingType
from tests.factories import MatterFactory, OrganisationFactory, PartyFactory, document_kind
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, represent
from tests.notices.worker import run_worker

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action
CLIENT_IP = "203.0.113.45"
D = datetime.date


@pytest.fixture
def clerk():
    return ClerkFactory(username="trail-clerk")


@pytest.fixture
def actor(clerk):
    return Actor(user=clerk, client_ip=CLIENT_IP)


def only(action: str) -> AuditEvent:
    found = list(AuditEvent.objects.filter(action=action))
    assert len(found) == 1, [(e.action, e.detail) for e in found]
    event = found[0]
    assert event.at is not None
    return event


def assert_who_and_where(event: AuditEvent, clerk) -> None:
    assert (event.user, event.username, event.client_ip) == (clerk, clerk.username, CLIENT_IP)


def test_opening_a_matter_records_it_with_its_parties(clerk, actor):
    matter = matter_open(
        proceeding_code="other",
        title="Smith v Acme Pty Ltd",
        opened_on=D(2026, 3, 2),
        parties=[PartySpec(name="Smith", role="applicant", representation="solicitor")],
        actor=actor,
    )
    event = only(Action.MATTER_OPENED)
    assert_who_and_where(event, clerk)
    assert event.matter_number == matter.number
    assert event.detail["before"] is None
    assert event.detail["after"]["number"] == matter.number
    assert event.detail["after"]["status"] == "open"
    assert event.detail["after"]["parties"] == [
        {"name": "Smith", "role": "applicant", "representation": "solicitor"}
    ]


def test_closing_a_matter_records_the_status_before_and_after(clerk, actor):
    matter = MatterFactory()
    matter_close(matter=matter, reason="Discontinued.", actor=actor)
    event = only(Action.MATTER_CLOSED)
    assert_who_and_where(event, clerk)
    before, after = event.detail["before"], event.detail["after"]
    assert before == {"status": "open", "closed_at": None, "closed_by": None, "closed_reason": ""}
    assert (after["status"], after["closed_by"], after["closed_reason"]) == (
        "closed",
        clerk.pk,
        "Discontinued.",
    )
    assert after["closed_at"] is not None


def test_reopening_a_matter_records_the_closing_it_undoes(clerk, actor):
    matter = matter_close(matter=MatterFactory(), reason="Discontinued.", actor=actor)
    matter_reopen(matter=matter, reason="Set aside.", actor=actor)
    event = only(Action.MATTER_REOPENED)
    assert_who_and_where(event, clerk)
    assert (event.detail["before"]["status"], event.detail["before"]["closed_reason"]) == (
        "closed",
        "Discontinued.",
    )
    assert event.detail["after"] == {
        "status": "open",
        "closed_at": None,
        "closed_by": None,
        "closed_reason": "",
    }


def test_withdrawing_a_direction_and_a_pn127_application_are_recorded(clerk, actor):
    matter = MatterFactory()
    direction = records.direction_record(
        matter=matter,
        kind="direct",
        made_by="registrar",
        made_on=matter.opened_on,
        recorded_by=clerk,
        actor=actor,
    )
    application = records.practice_note_apply(
        matter=matter,
        made_by="commission",
        applied_on=matter.opened_on,
        extent="whole",
        recorded_by=clerk,
        actor=actor,
    )
    direction_withdraw(
        direction=direction, withdrawn_on=D(2026, 3, 20), reason="Vacated.", actor=actor
    )
    practice_note_application_withdraw(
        application=application, withdrawn_on=D(2026, 3, 21), reason="Set aside.", actor=actor
    )
    for action, day, reason in (
        (Action.DIRECTION_WITHDRAWN, "2026-03-20", "Vacated."),
        (Action.PN127_WITHDRAWN, "2026-03-21", "Set aside."),
    ):
        event = only(action)
        assert_who_and_where(event, clerk)
        assert event.detail["before"] == {
            "withdrawn_on": None,
            "withdrawn_by": None,
            "withdrawal_reason": "",
        }
        assert event.detail["after"] == {
            "withdrawn_on": day,
            "withdrawn_by": clerk.pk,
            "withdrawal_reason": reason,
        }


def test_adding_a_party_records_it(clerk, actor):
    matter = MatterFactory()
    party = records.party_add(
        matter=matter,
        name="Acme Pty Ltd",
        role="respondent",
        representation="solicitor",
        actor=actor,
    )
    event = only(Action.PARTY_ADDED)
    assert_who_and_where(event, clerk)
    assert event.detail["before"] is None
    assert event.detail["after"]["name"] == "Acme Pty Ltd"
    assert event.detail["after"]["id"] == party.pk


def test_a_change_of_representation_records_before_and_after(clerk, actor):
    party = PartyFactory(representation="solicitor")
    firm = OrganisationFactory()
    records.party_set_representation(
        party=party, representation="barrister", representative_organisation=firm, actor=actor
    )
    event = only(Action.REPRESENTATION_CHANGED)
    assert_who_and_where(event, clerk)
    assert event.matter_number == party.matter.number
    assert event.detail["before"] == {
        "representation": "solicitor",
        "representative_organisation": None,
    }
    assert event.detail["after"] == {
        "representation": "barrister",
        "representative_organisation": firm.pk,
    }


def test_linking_and_unlinking_a_practitioner_are_recorded(clerk, actor):
    party, practitioner = PartyFactory(), PractitionerFactory()
    records.party_link_representative(party=party, user=practitioner, actor=actor)
    linked = only(Action.REPRESENTATIVE_LINKED)
    assert_who_and_where(linked, clerk)
    assert linked.detail["before"] is None
    assert linked.detail["after"]["username"] == practitioner.username
    assert linked.detail["after"]["party"] == party.pk
    records.party_unlink_representative(party=party, user=practitioner, actor=actor)
    unlinked = only(Action.REPRESENTATIVE_UNLINKED)
    assert_who_and_where(unlinked, clerk)
    assert unlinked.detail["before"]["username"] == practitioner.username
    assert unlinked.detail["after"] is None


def test_recording_a_para_7_direction_is_recorded(clerk, actor):
    matter = MatterFactory()
    party = PartyFactory(matter=matter)
    direction = records.direction_record(
        matter=matter,
        kind="direct",
        made_by="commission",
        made_on=D(2026, 3, 10),
        recorded_by=clerk,
        parties=[party],
        document_kinds=[document_kind("Affidavit")],
        actor=actor,
    )
    event = only(Action.DIRECTION_RECORDED)
    assert_who_and_where(event, clerk)
    assert event.detail["before"] is None
    assert event.detail["after"]["id"] == direction.pk
    assert event.detail["after"]["kind"] == "direct"
    assert event.detail["after"]["parties"] == [party.pk]
    assert event.detail["after"]["made_on"] == "2026-03-10"


def test_recording_and_withdrawing_the_submissions_direction_are_recorded(clerk, actor):
    matter = MatterFactory()
    matter_record_submissions_direction(matter=matter, directed=True, actor=actor)
    recorded = only(Action.DIRECTION_RECORDED)
    assert_who_and_where(recorded, clerk)
    assert (recorded.detail["before"], recorded.detail["after"]) == (
        {"submissions_directed": False},
        {"submissions_directed": True},
    )
    matter_record_submissions_direction(matter=matter, directed=False, actor=actor)
    withdrawn = only(Action.DIRECTION_WITHDRAWN)
    assert (withdrawn.detail["before"], withdrawn.detail["after"]) == (
        {"submissions_directed": True},
        {"submissions_directed": False},
    )


def test_applying_pn127_is_recorded(clerk, actor):
    matter = MatterFactory()
    records.practice_note_apply(
        matter=matter,
        made_by="commission",
        applied_on=D(2026, 3, 10),
        extent="part",
        parts="5, 6",
        recorded_by=clerk,
        actor=actor,
    )
    event = only(Action.PN127_APPLIED)
    assert_who_and_where(event, clerk)
    assert event.detail["before"] is None
    assert (event.detail["after"]["extent"], event.detail["after"]["parts"]) == ("part", "5, 6")


def test_the_conciliation_certificate_is_recorded(clerk, actor):
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="s106"))
    records.matter_record_conciliation_certificate(
        matter=matter, issued_on=D(2026, 3, 10), today=D(2026, 4, 1), actor=actor
    )
    event = only(Action.MATTER_CHANGED)
    assert_who_and_where(event, clerk)
    assert (event.detail["before"], event.detail["after"]) == (
        {"conciliation_certificate_on": None},
        {"conciliation_certificate_on": "2026-03-10"},
    )


def test_rule32_order_and_receipt_are_recorded(clerk, actor, django_capture_on_commit_callbacks):
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="rule32"))
    order = rule32_order_record(
        matter=matter,
        description="Clerical Award",
        made_on=D(2026, 3, 1),
        file_by=D(2026, 3, 15),
        recorded_by=clerk,
        actor=actor,
    )
    recorded = only(Action.RULE32_ORDER_RECORDED)
    assert_who_and_where(recorded, clerk)
    assert recorded.detail["after"]["file_by"] == "2026-03-15"
    with django_capture_on_commit_callbacks(execute=True):
        rule32_receipt_record(order=order, received_on=D(2026, 3, 14), actor=actor)
    received = only(Action.RULE32_RECEIPT_RECORDED)
    assert_who_and_where(received, clerk)
    assert received.detail["before"]["received_on"] is None
    assert received.detail["after"]["received_on"] == "2026-03-14"
    run_worker()  # the Office's notice leaves through the outbox
    assert len(mail.outbox) == 1


def test_the_clerk_pages_pass_who_and_from_where(client, clerk):
    """Through the page, the event carries the signed-in clerk and the request's address."""
    client.force_login(clerk)
    party = PartyFactory()
    practitioner = PractitionerFactory()
    url = reverse("clerk:representative_link", args=[party.matter.number, party.pk])
    response = client.post(url, {"user": practitioner.username}, REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 302
    event = only(Action.REPRESENTATIVE_LINKED)
    assert_who_and_where(event, clerk)


# --- The matter's trail for clerks ---


def _trail_url(matter) -> str:
    return reverse("clerk:matter_trail", args=[matter.number])


def test_clerks_read_the_matters_trail_newest_first(client, clerk, actor):
    matter = MatterFactory()
    party = PartyFactory(matter=matter)
    other = MatterFactory()
    records.party_set_representation(party=party, representation="barrister", actor=actor)
    matter_close(matter=matter, actor=actor)
    matter_close(matter=other, actor=actor)
    client.force_login(clerk)
    response = client.get(_trail_url(matter))
    assert response.status_code == 200
    events = list(response.context["page"].object_list)
    assert [e.action for e in events] == [Action.MATTER_CLOSED, Action.REPRESENTATION_CHANGED]
    html = response.content.decode()
    assert "Matter closed" in html and CLIENT_IP in html and "barrister" in html


def test_the_trail_page_takes_the_same_queries_however_long(
    client, clerk, actor, django_assert_max_num_queries
):
    matter = MatterFactory()
    party = PartyFactory(matter=matter)
    client.force_login(clerk)
    records.party_set_representation(party=party, representation="barrister", actor=actor)
    client.get(_trail_url(matter))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(_trail_url(matter)).status_code == 200
    for representation in ["solicitor", "barrister"] * 40:
        records.party_set_representation(party=party, representation=representation, actor=actor)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_trail_url(matter))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50
    assert len(many) == len(few)


def test_practitioners_cannot_read_the_trail(client):
    practitioner = PractitionerFactory()
    party = PartyFactory()
    represent(practitioner, party)
    client.force_login(practitioner)
    assert client.get(_trail_url(party.matter)).status_code == 404
