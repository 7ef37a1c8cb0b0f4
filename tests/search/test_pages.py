"""The search pages: who may use them, what a bad query says, and the backfill command."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from filings.models import Document
from search.models import DocumentText
from search.services import document_facets_fill
from tests.factories import FilingFactory, document_kind
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    lodge,
    matter_for,
)

pytestmark = pytest.mark.django_db


def _with_text(filing, position, text):
    document = Document.objects.create(
        filing=filing, position=position, kind=document_kind("Affidavit"), title="Affidavit"
    )
    DocumentText.objects.create(
        document=document, status="extracted", text=text, extracted_at=timezone.now()
    )
    document_facets_fill()  # as the worker records them beside the text
    return document


def test_a_practitioner_cannot_open_the_clerks_search_nor_a_clerk_the_practitioners(client):
    client.force_login(PractitionerFactory())
    assert client.get(reverse("search:clerk"), {"q": "award"}).status_code == 404
    client.force_login(ClerkFactory())
    assert client.get(reverse("search:practitioner"), {"q": "award"}).status_code == 404


def test_a_query_with_nothing_to_search_for_says_so(client):
    client.force_login(ClerkFactory())
    response = client.get(reverse("search:clerk"), {"q": "-casual"})
    assert response.status_code == 200
    assert "Type at least one word to search for." in response.content.decode()


def test_a_reversed_period_is_refused(client):
    client.force_login(ClerkFactory())
    response = client.get(
        reverse("search:clerk"),
        {"q": "award", "lodged_from": "2026-12-01", "lodged_to": "2026-11-01"},
    )
    assert "The end of the period is before its start." in response.content.decode()


def test_the_practitioners_page_links_results_to_their_own_filing(client):
    user = PractitionerFactory()
    matter, party = matter_for(user)
    filing = FilingFactory(matter=matter, party=party)
    _with_text(filing, 1, "the award was varied")
    client.force_login(user)

    html = client.get(reverse("search:practitioner"), {"q": "varied"}).content.decode()

    slug = matter.number.replace("/", "-")
    assert f"/lodge/matters/{slug}/filings/{filing.sequence}/" in html
    assert "<mark>varied</mark>" in html


@pytest.mark.parametrize("results", [2, 12])
def test_the_clerks_page_costs_the_same_queries_for_more_results(
    client, django_assert_max_num_queries, results
):
    filing = FilingFactory()
    for position in range(1, results + 1):
        _with_text(filing, position, "penalty rates apply")
    client.force_login(ClerkFactory())
    client.get(reverse("search:clerk"), {"q": "penalty"})  # warm the session and caches
    with django_assert_max_num_queries(9):
        response = client.get(reverse("search:clerk"), {"q": "penalty"})
    assert response.content.decode().count("<mark>penalty</mark>") == results


def test_extract_texts_reads_what_was_lodged_before_and_only_once(capsys):
    user = PractitionerFactory()
    _, party = matter_for(user)
    lodge(party, user, affidavit())

    call_command("extract_texts", "--json")
    assert json.loads(capsys.readouterr().out) == {"extracted": 1, "failed": 0, "unsupported": 0}
    call_command("extract_texts", "--json")
    assert json.loads(capsys.readouterr().out) == {"extracted": 0, "failed": 0, "unsupported": 0}
