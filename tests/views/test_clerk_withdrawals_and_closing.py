"""The clerk's matter page: "Withdraw" beside each direction and PN127 application (a small
form with date and reason, posted, confirmed), and closing and reopening the matter (a reason,
refused while filings await review, each audited with actor, address, before and after)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from filings.models import Direction, Filing, Matter, PracticeNoteApplication
from filings.services.matters import matter_close
from filings.services.records import direction_record, practice_note_apply
from tests.factories import FilingFactory, MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory

pytestmark = pytest.mark.django_db

CLIENT_IP = "198.51.100.23"


@pytest.fixture
def clerk(client):
    user = ClerkFactory(username="clerk-carol", first_name="Carol", last_name="Nguyen")
    client.force_login(user)
    return user


@pytest.fixture
def matter():
    return MatterFactory(opened_on=timezone.localdate() - datetime.timedelta(days=20))


def today() -> datetime.date:
    return timezone.localdate()


def form_codes(response, field="__all__"):
    return [e.code for e in response.context["form"].errors.as_data().get(field, [])]


def page(client, matter) -> str:
    return client.get(reverse("clerk:matter", args=[matter.number])).content.decode()


def _direction(matter, clerk):
    return direction_record(
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=today() - datetime.timedelta(days=5),
        due_on=today() + datetime.timedelta(days=9),
        recorded_by=clerk,
    )


# --- Withdrawing ---


def test_a_direction_is_withdrawn_from_the_matter_page_and_shown_struck_through(
    client, clerk, matter
):
    direction = _direction(matter, clerk)
    url = reverse("clerk:direction_withdraw", args=[matter.number, direction.pk])
    assert f'href="{url}"' in page(client, matter)
    form_page = client.get(url).content.decode()
    assert "Withdraw a direction or waiver (PD16 para 7)" in form_page
    assert "to be filed by" in form_page  # the clerk sees what is withdrawn before confirming
    response = client.post(
        url,
        {"withdrawn_on": today().isoformat(), "reason": "Vacated by consent."},
        REMOTE_ADDR=CLIENT_IP,
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#directions")
    html = client.get(response["Location"]).content.decode()
    assert "Withdrawn as from" in html  # the confirmation
    assert f'id="direction-{direction.pk}" class="withdrawn"' in html
    assert "<del>" in html and "Withdrawn on" in html and "Vacated by consent." in html
    assert f'href="{url}"' not in html
    event = AuditEvent.objects.get(action=AuditEvent.Action.DIRECTION_WITHDRAWN)
    assert (event.user, event.client_ip) == (clerk, CLIENT_IP)
    assert event.detail["after"]["withdrawal_reason"] == "Vacated by consent."


def test_a_future_date_comes_back_on_the_field_and_withdraws_nothing(client, clerk, matter):
    direction = _direction(matter, clerk)
    response = client.post(
        reverse("clerk:direction_withdraw", args=[matter.number, direction.pk]),
        {"withdrawn_on": (today() + datetime.timedelta(days=1)).isoformat(), "reason": "Soon."},
    )
    assert response.status_code == 400
    assert form_codes(response, "withdrawn_on") == ["withdrawn_on.in_future"]
    assert "The date of withdrawal cannot be in the future." in response.content.decode()
    direction.refresh_from_db()
    assert direction.withdrawn_on is None


def test_withdrawing_twice_is_refused_with_a_message(client, clerk, matter):
    direction = _direction(matter, clerk)
    url = reverse("clerk:direction_withdraw", args=[matter.number, direction.pk])
    data = {"withdrawn_on": today().isoformat(), "reason": "Vacated."}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 400
    assert form_codes(response) == ["direction.already_withdrawn"]
    assert "already withdrawn" in response.content.decode()


def test_another_matters_direction_is_404(client, clerk, matter):
    direction = _direction(MatterFactory(), clerk)
    url = reverse("clerk:direction_withdraw", args=[matter.number, direction.pk])
    assert client.get(url).status_code == 404


def test_a_pn127_application_is_withdrawn_from_the_matter_page(client, clerk, matter):
    application = practice_note_apply(
        matter=matter,
        made_by="commission",
        applied_on=today() - datetime.timedelta(days=3),
        extent="whole",
        recorded_by=clerk,
    )
    url = reverse("clerk:practice_note_withdraw", args=[matter.number, application.pk])
    assert f'href="{url}"' in page(client, matter)
    response = client.post(url, {"withdrawn_on": today().isoformat(), "reason": "Set aside."})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert f'id="pn127-{application.pk}" class="withdrawn"' in html
    assert 'id="pn127-protocol"' not in html  # the protocol panel goes with PN127
    application.refresh_from_db()
    assert application.withdrawn_by == clerk
    assert not PracticeNoteApplication.objects.in_force().exists()


# --- Closing and reopening ---


def test_closing_from_the_matter_page_shows_who_and_when_and_hides_the_actions(
    client, clerk, matter
):
    before = page(client, matter)
    assert 'id="counter-lodgment-link"' in before and 'id="direction-link"' in before
    response = client.post(
        reverse("clerk:matter_close", args=[matter.number]),
        {"reason": "Proceedings discontinued."},
        REMOTE_ADDR=CLIENT_IP,
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert (matter.status, matter.closed_by, matter.closed_reason) == (
        Matter.Status.CLOSED,
        clerk,
        "Proceedings discontinued.",
    )
    html = page(client, matter)
    assert "closed on" in html and "by Carol Nguyen" in html
    assert "Proceedings discontinued." in html
    for action in (
        "counter-lodgment-link",
        "email-lodgment-link",
        "add-party-link",
        "direction-link",
        "practice-note-link",
        "matter-close-link",
        "submissions-form",
    ):
        assert f'id="{action}"' not in html, action
    assert 'id="matter-reopen-link"' in html and 'id="closed-notice"' in html
    event = AuditEvent.objects.get(action=AuditEvent.Action.MATTER_CLOSED)
    assert (event.user, event.client_ip, event.matter_number) == (
        clerk,
        CLIENT_IP,
        matter.number,
    )
    assert event.detail["before"]["status"] == "open"
    assert event.detail["after"]["status"] == "closed"
    assert event.detail["after"]["closed_reason"] == "Proceedings discontinued."
    assert event.detail["after"]["closed_by"] == clerk.pk


def test_closing_needs_a_reason(client, clerk, matter):
    response = client.post(reverse("clerk:matter_close", args=[matter.number]), {"reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    matter.refresh_from_db()
    assert matter.status == Matter.Status.OPEN


def test_closing_is_refused_while_filings_await_review_and_lists_them(client, clerk, matter):
    party = PartyFactory(matter=matter)
    waiting = [FilingFactory(party=party, sequence=n) for n in (1, 3)]
    FilingFactory(
        party=party, sequence=2, status=Filing.Status.ACCEPTED, reviewed_at=timezone.now()
    )
    response = client.post(reverse("clerk:matter_close", args=[matter.number]), {"reason": "Done."})
    assert response.status_code == 400
    assert form_codes(response) == ["matter.filings_awaiting_review"]
    html = response.content.decode()
    assert "2 filings still await review" in html
    assert all(f.reference in html for f in waiting)
    assert f"{matter.number}-F02" not in html
    matter.refresh_from_db()
    assert matter.status == Matter.Status.OPEN
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.MATTER_CLOSED).exists()


def test_closing_a_closed_matter_is_refused(client, clerk, matter):
    matter_close(matter=matter, reason="First.")
    response = client.post(
        reverse("clerk:matter_close", args=[matter.number]), {"reason": "Second."}
    )
    assert response.status_code == 400
    assert form_codes(response) == ["matter.already_closed"]


def test_reopening_needs_a_reason_and_is_audited(client, clerk, matter):
    matter_close(matter=matter, reason="Discontinued.")
    url = reverse("clerk:matter_reopen", args=[matter.number])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    matter.refresh_from_db()
    assert matter.status == Matter.Status.CLOSED
    response = client.post(url, {"reason": "Discontinuance set aside."}, REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 302
    matter.refresh_from_db()
    assert (matter.status, matter.closed_at, matter.closed_reason) == (
        Matter.Status.OPEN,
        None,
        "",
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.MATTER_REOPENED)
    assert (event.user, event.client_ip) == (clerk, CLIENT_IP)
    assert event.detail["before"]["status"] == "closed"
    assert event.detail["before"]["closed_reason"] == "Discontinued."
    assert event.detail["after"] == {
        "status": "open",
        "closed_at": None,
        "closed_by": None,
        "closed_reason": "",
    }
    assert event.detail["reason"] == "Discontinuance set aside."
    assert 'id="counter-lodgment-link"' in page(client, matter)


def test_reopening_an_open_matter_is_refused(client, clerk, matter):
    response = client.post(
        reverse("clerk:matter_reopen", args=[matter.number]), {"reason": "Why not."}
    )
    assert response.status_code == 400
    assert form_codes(response) == ["matter.not_closed"]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.MATTER_REOPENED).exists()


def test_a_closed_matter_refuses_recording_pages_too(client, clerk, matter):
    """Hidden links are not the guard: posting to a record page of a closed matter is refused."""
    direction = _direction(matter, clerk)
    matter_close(matter=matter, reason="Done.")
    response = client.post(
        reverse("clerk:direction_withdraw", args=[matter.number, direction.pk]),
        {"withdrawn_on": today().isoformat(), "reason": "Vacated."},
    )
    assert response.status_code == 400
    assert form_codes(response) == ["matter.closed"]
