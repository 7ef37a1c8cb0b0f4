"""Who reaches the practitioners' pages: a URL x role matrix.

Anonymous users go to sign-in; practitioner A gets 404 for everything of practitioner B's
(matter, filing, notice, label, ZIP, documents), even in a matter they share; registry clerks
are not practitioners and get 404 on every page here.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from filings.models import Filing
from filings.selectors.access import matter_slug
from tests.factories import PartyFactory
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    ClerkFactory,
    PractitionerFactory,
    lodge,
    matter_for,
    represent,
)

pytestmark = pytest.mark.django_db


def filing_urls(filing: Filing) -> dict[str, str]:
    """Every GET page of one filing, and of its matter."""
    slug = matter_slug(filing.matter.number)
    at = (slug, filing.sequence)
    party, kind = filing.party_id, filing.documents.first().kind_id
    return {
        "matter": reverse("practitioner:matter", args=[slug]),
        "lodge": reverse("practitioner:lodge", args=[slug]),
        "requirement": reverse("practitioner:requirement", args=[slug])
        + f"?party={party}&kind={kind}",
        "filing": reverse("practitioner:filing", args=at),
        "correct": reverse("practitioner:correct", args=at),
        "notice": reverse("practitioner:notice", args=at),
        "notice_text": reverse("practitioner:notice_text", args=at),
        "label": reverse("practitioner:label", args=at) + "?variant=a4",
        "label_text": reverse("practitioner:label_text", args=at),
        "filing_zip": reverse("practitioner:filing_zip", args=at),
        "document": reverse("practitioner:document", args=(*at, 1)),
        "annexure": reverse("practitioner:document", args=(*at, 2)),
    }


@pytest.fixture
def world():
    a, b = PractitionerFactory(), PractitionerFactory()
    shared, party_a = matter_for(a)
    party_b = PartyFactory(matter=shared, role="respondent", representation="solicitor")
    represent(b, party_b)
    _, party_b2 = matter_for(b)
    return {
        "a": a,
        "b": b,
        "filing_a": lodge(party_a, a),
        "filing_b_shared": lodge(party_b, b),
        "filing_b_own": lodge(party_b2, b),
    }


def test_anonymous_users_are_sent_to_sign_in_from_every_page(client, world):
    urls = [reverse("practitioner:dashboard"), *filing_urls(world["filing_a"]).values()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse(settings.LOGIN_URL) + "?next="), url
    response = client.post(reverse("practitioner:validate_copy"))
    assert response.status_code == 302
    response = client.post(filing_urls(world["filing_a"])["lodge"])
    assert response.status_code == 302


def test_the_practitioner_reaches_their_own_pages(client, world):
    client.force_login(world["a"])
    assert client.get(reverse("practitioner:dashboard")).status_code == 200
    for name, url in filing_urls(world["filing_a"]).items():
        response = client.get(url)
        # A filing that was not rejected has nothing to correct: the page sends you back.
        expected = 302 if name == "correct" else 200
        assert response.status_code == expected, name


@pytest.mark.parametrize("other", ["filing_b_shared", "filing_b_own"])
def test_another_practitioners_pages_answer_404(client, world, other):
    client.force_login(world["a"])
    for name, url in filing_urls(world[other]).items():
        if other == "filing_b_shared" and name in {"matter", "lodge", "requirement"}:
            continue  # A acts in that matter too; the party check is tested below
        assert client.get(url).status_code == 404, name


def test_in_a_shared_matter_the_other_sides_party_cannot_be_used(client, world):
    client.force_login(world["a"])
    urls = filing_urls(world["filing_b_shared"])
    assert client.get(urls["requirement"]).status_code == 404
    with open(LODGMENT_FIXTURES / "affidavit.doc", "rb") as handle:
        response = client.post(
            urls["lodge"],
            {
                "party": world["filing_b_shared"].party_id,
                "documents-TOTAL_FORMS": "1",
                "documents-INITIAL_FORMS": "0",
                "documents-0-kind": world["filing_b_shared"].documents.first().kind_id,
                "documents-0-title": "Affidavit",
                "documents-0-role": "principal",
                "documents-0-electronic_copy": handle,
            },
        )
    assert response.status_code == 400
    assert Filing.objects.filter(party=world["filing_b_shared"].party).count() == 1


def test_posting_to_another_practitioners_matter_answers_404_and_lodges_nothing(client, world):
    client.force_login(world["a"])
    before = Filing.objects.count()
    with open(LODGMENT_FIXTURES / "affidavit.doc", "rb") as handle:
        response = client.post(
            filing_urls(world["filing_b_own"])["lodge"], {"documents-0-electronic_copy": handle}
        )
    assert response.status_code == 404
    assert Filing.objects.count() == before


def test_a_clerk_is_not_a_practitioner(client, world):
    client.force_login(ClerkFactory())
    assert client.get(reverse("practitioner:dashboard")).status_code == 404
    for name, url in filing_urls(world["filing_a"]).items():
        assert client.get(url).status_code == 404, name
    assert client.post(reverse("practitioner:validate_copy")).status_code == 404
