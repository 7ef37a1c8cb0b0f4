"""Who reaches the registry clerks' pages: a URL x role matrix, and CSRF on every form.

Anonymous users go to sign-in; practitioners get 404 on every clerk page, even for a matter in
which they act; clerks and administrators reach them all.
"""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from filings.models import Rule32Order
from practice_directions.models import ProceedingType
from registry.roles import ADMINISTRATORS
from tests.factories import MatterFactory, PartyFactory, UserFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, lodge, represent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    practitioner, clerk = PractitionerFactory(), ClerkFactory()
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="rule32"))
    party = PartyFactory(matter=matter)
    represent(practitioner, party)
    filing = lodge(party, practitioner)
    order = Rule32Order.objects.create(
        matter=matter,
        description="Clerical Award variation",
        made_on=datetime.date(2026, 4, 1),
        file_by=datetime.date(2026, 4, 15),
        recorded_by=clerk,
    )
    return {
        "practitioner": practitioner,
        "clerk": clerk,
        "matter": matter,
        "party": party,
        "filing": filing,
        "order": order,
    }


def get_urls(world) -> dict[str, str]:
    """Every GET page of the clerks' workspace."""
    number = world["matter"].number
    party = (number, world["party"].pk)
    filing = (number, world["filing"].sequence)
    return {
        "dashboard": reverse("clerk:dashboard"),
        "matters": reverse("clerk:matters") + "?q=Applicant",
        "matter_open": reverse("clerk:matter_open"),
        "matter": reverse("clerk:matter", args=[number]),
        "party_add": reverse("clerk:party_add", args=[number]),
        "party_representation": reverse("clerk:party_representation", args=party),
        "representative_link": reverse("clerk:representative_link", args=party),
        "certificate": reverse("clerk:certificate", args=[number]),
        "direction_add": reverse("clerk:direction_add", args=[number]),
        "practice_note": reverse("clerk:practice_note", args=[number]),
        "rule32_order_add": reverse("clerk:rule32_order_add", args=[number]),
        "rule32_receipt": reverse("clerk:rule32_receipt", args=[number, world["order"].pk]),
        "counter_lodgment": reverse("clerk:counter_lodgment", args=[number]),
        "email_lodgment": reverse("clerk:email_lodgment", args=[number]),
        "email_subject_check": reverse("clerk:email_subject_check", args=[number])
        + "?subject=Award",
        "filing": reverse("clerk:filing", args=filing),
        "document_download": reverse("clerk:document_download", args=(*filing, 1)),
        "review_queue": reverse("clerk:review_queue"),
        "filings": reverse("clerk:filings") + "?status=lodged",
        "deadlines": reverse("clerk:deadlines"),
        "search": reverse("search:clerk") + "?q=affidavit",
    }


def post_urls(world) -> dict[str, str]:
    number = world["matter"].number
    filing = (number, world["filing"].sequence)
    return {
        "representative_unlink": reverse(
            "clerk:representative_unlink", args=[number, world["party"].pk]
        ),
        "filing_accept": reverse("clerk:filing_accept", args=filing),
        "filing_reject": reverse("clerk:filing_reject", args=filing),
        **{name: url for name, url in get_urls(world).items() if name not in NOT_FORMS},
    }


# GET-only pages (no form that posts to itself).
NOT_FORMS = {
    "dashboard",
    "matters",
    "matter",
    "email_subject_check",
    "filing",
    "document_download",
    "review_queue",
    "filings",
    "deadlines",
    "search",
}


def test_anonymous_users_are_sent_to_sign_in_from_every_page(client, world):
    sign_in = reverse(settings.LOGIN_URL) + "?next="
    for name, url in get_urls(world).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(sign_in), name
    for name, url in post_urls(world).items():
        response = client.post(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(sign_in), name


def test_practitioners_get_404_on_every_page_even_in_their_own_matter(client, world):
    client.force_login(world["practitioner"])
    for name, url in get_urls(world).items():
        assert client.get(url).status_code == 404, name
    for name, url in post_urls(world).items():
        assert client.post(url).status_code == 404, name
    world["filing"].refresh_from_db()
    assert world["filing"].status == "lodged"


def test_users_without_a_role_get_404(client, world):
    client.force_login(UserFactory())
    for name, url in get_urls(world).items():
        assert client.get(url).status_code == 404, name


def test_clerks_reach_every_page(client, world):
    client.force_login(world["clerk"])
    for name, url in get_urls(world).items():
        response = client.get(url)
        assert response.status_code == 200, name


def test_administrators_count_as_clerks(client, world):
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=ADMINISTRATORS))
    client.force_login(admin)
    assert client.get(get_urls(world)["review_queue"]).status_code == 200
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get(get_urls(world)["deadlines"]).status_code == 200


def test_an_unknown_matter_filing_or_document_is_404_for_clerks(client, world):
    client.force_login(world["clerk"])
    number = world["matter"].number
    for url in [
        reverse("clerk:matter", args=["IRC1999/0001"]),
        reverse("clerk:filing", args=[number, 99]),
        reverse("clerk:document_download", args=[number, world["filing"].sequence, 99]),
        reverse("clerk:party_add", args=["IRC1999/0001"]),
        reverse("clerk:representative_link", args=[number, PartyFactory().pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_every_form_needs_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["clerk"])
    for name, url in post_urls(world).items():
        assert client.post(url, {}).status_code == 403, name
    world["filing"].refresh_from_db()
    assert world["filing"].status == "lodged"


def test_every_form_page_carries_a_csrf_token(client, world):
    client.force_login(world["clerk"])
    urls = get_urls(world)
    for name in set(urls) - NOT_FORMS:
        assert b'name="csrfmiddlewaretoken"' in client.get(urls[name]).content, name
    assert b'name="csrfmiddlewaretoken"' in client.get(urls["filing"]).content
