"""Clerks record, on the matter page, that the Commission has directed that submissions of
parties be filed, or withdraw that record (PD16 para 9); the decisions then let submissions in
that matter be e-mailed to the client services address."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from filings.models import Matter
from filings.selectors.obligations import assess_document_for_party
from filings.services.matter_directions import matter_record_submissions_direction
from practice_directions.models import EmailClass
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, represent

pytestmark = pytest.mark.django_db

# PD16 para 9: "matters in which the Commission has directed that submissions of parties be
# filed (by email to: irc_client_services@agd.nsw.gov.au)".
CLIENT_SERVICES = "irc_client_services@agd.nsw.gov.au"
FILED = datetime.date(2026, 5, 4)
DIRECTED_TEXT = "The Commission has directed that submissions be filed (PD16 para 9)"


@pytest.fixture
def clerk(client):
    user = ClerkFactory()
    client.force_login(user)
    return user


@pytest.fixture
def party():
    """A represented party in an open matter of a proceeding with no e-mail class of its own."""
    return PartyFactory(matter=MatterFactory())


def direction_url(matter: Matter) -> str:
    return reverse("clerk:submissions_direction", args=[matter.number])


def matter_page(client, matter: Matter) -> str:
    response = client.get(reverse("clerk:matter", args=[matter.number]))
    assert response.status_code == 200
    return response.content.decode()


def button_value(page: str) -> str:
    """What the matter page's submissions button posts as ``directed``."""
    form = re.search(r'<form[^>]*id="submissions-form".*?</form>', page, re.DOTALL)
    assert form is not None, "no submissions control on the matter page"
    return re.search(r'name="directed" value="(\w+)"', form.group()).group(1)


def submissions_decision(party):
    party.refresh_from_db()
    party.matter.refresh_from_db()
    return assess_document_for_party(
        party=party, document_kind="Submissions", role="principal", filed_on=FILED
    )


def non_field_codes(response) -> list[str]:
    return [e.code for e in response.context["form"].non_field_errors().as_data()]


# ---- who may ----


def test_anonymous_users_are_sent_to_sign_in(client, party):
    response = client.post(direction_url(party.matter), {"directed": "yes"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL) + "?next=")
    party.matter.refresh_from_db()
    assert party.matter.submissions_directed is False


def test_practitioners_get_404_even_in_their_own_matter(client, party):
    practitioner = PractitionerFactory()
    represent(practitioner, party)
    client.force_login(practitioner)
    assert client.post(direction_url(party.matter), {"directed": "yes"}).status_code == 404
    party.matter.refresh_from_db()
    assert party.matter.submissions_directed is False


def test_the_form_needs_its_csrf_token(party):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ClerkFactory())
    page = matter_page(client, party.matter)
    assert re.search(r'id="submissions-form".*?name="csrfmiddlewaretoken"', page, re.DOTALL)
    assert client.post(direction_url(party.matter), {"directed": "yes"}).status_code == 403
    party.matter.refresh_from_db()
    assert party.matter.submissions_directed is False


def test_it_is_posted_not_fetched(client, clerk, party):
    assert client.get(direction_url(party.matter)).status_code == 405


# ---- recording and withdrawing ----


def test_a_clerk_records_it_from_the_matter_page_which_then_shows_it(client, clerk, party):
    matter = party.matter
    before = matter_page(client, matter)
    assert DIRECTED_TEXT not in before

    response = client.post(direction_url(matter), {"directed": button_value(before)})

    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("clerk:matter", args=[matter.number]) + "#submissions"
    )
    matter.refresh_from_db()
    assert matter.submissions_directed is True
    after = matter_page(client, matter)
    assert f"{DIRECTED_TEXT}: submissions may be e-mailed to" in after
    assert f'href="mailto:{CLIENT_SERVICES}"' in after
    assert button_value(after) == "no"  # the button now withdraws it


def test_once_recorded_submissions_may_be_emailed_to_client_services(client, clerk, party):
    before = submissions_decision(party)
    assert before.email_lodgment_allowed is False
    assert before.email_address != CLIENT_SERVICES

    client.post(direction_url(party.matter), {"directed": "yes"})

    after = submissions_decision(party)
    assert after.email_lodgment_allowed is True
    assert after.email_address == CLIENT_SERVICES
    affidavit = assess_document_for_party(
        party=party, document_kind="Affidavit", role="principal", filed_on=FILED
    )
    assert affidavit.email_lodgment_allowed is False  # para 9 is about submissions only


def test_withdrawing_it_closes_email_to_client_services_again(client, clerk, party):
    matter = party.matter
    client.post(direction_url(matter), {"directed": "yes"})
    page = matter_page(client, matter)

    response = client.post(direction_url(matter), {"directed": button_value(page)})

    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.submissions_directed is False
    assert DIRECTED_TEXT not in matter_page(client, matter)
    assert submissions_decision(party).email_lodgment_allowed is False


def test_the_page_shows_the_address_as_the_admin_sets_it(client, clerk, party):
    EmailClass.objects.filter(code="submissions").update(address="submissions@irc.example.org")
    client.post(direction_url(party.matter), {"directed": "yes"})
    page = matter_page(client, party.matter)
    assert "mailto:submissions@irc.example.org" in page
    assert CLIENT_SERVICES not in page


# ---- refusals ----


def test_a_closed_matter_is_refused_and_shows_no_control(client, clerk):
    matter = MatterFactory(status=Matter.Status.CLOSED)
    response = client.post(direction_url(matter), {"directed": "yes"})
    assert response.status_code == 400
    assert non_field_codes(response) == ["matter.closed"]
    matter.refresh_from_db()
    assert matter.submissions_directed is False
    assert 'id="submissions-form"' not in matter_page(client, matter)


def test_recording_twice_or_withdrawing_nothing_is_refused(client, clerk, party):
    matter = party.matter
    withdrawn = client.post(direction_url(matter), {"directed": "no"})
    assert withdrawn.status_code == 400
    assert non_field_codes(withdrawn) == ["submissions_direction.not_recorded"]

    client.post(direction_url(matter), {"directed": "yes"})
    again = client.post(direction_url(matter), {"directed": "yes"})
    assert again.status_code == 400
    assert non_field_codes(again) == ["submissions_direction.already_recorded"]
    assert 'id="error-summary"' in again.content.decode()
    matter.refresh_from_db()
    assert matter.submissions_directed is True


@pytest.mark.parametrize(
    ("posted", "code"),
    [({}, "required"), ({"directed": ""}, "required"), ({"directed": "on"}, "invalid_choice")],
)
def test_an_empty_or_unknown_value_changes_nothing(client, clerk, party, posted, code):
    matter = party.matter
    client.post(direction_url(matter), {"directed": "yes"})
    response = client.post(direction_url(matter), posted)
    assert response.status_code == 400
    assert [e.code for e in response.context["form"].errors.as_data()["directed"]] == [code]
    matter.refresh_from_db()
    assert matter.submissions_directed is True  # a forged or empty post withdraws nothing


def test_the_service_refuses_what_is_not_a_yes_or_no_with_every_problem():
    matter = MatterFactory(status=Matter.Status.CLOSED)
    with pytest.raises(ValidationError) as refused:
        matter_record_submissions_direction(matter=matter, directed="yes")
    codes = {field: [e.code for e in errors] for field, errors in refused.value.error_dict.items()}
    assert codes == {
        "directed": ["submissions_direction.invalid"],
        "__all__": ["matter.closed"],
    }
