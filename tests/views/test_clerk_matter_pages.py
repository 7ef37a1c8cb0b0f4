"""A matter's filings a page at a time, and the matter list's count bounded: pages whose cost
does not grow with what the register holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.selectors import keyset
from tests.factories import FilingFactory, MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client):
    client.force_login(ClerkFactory())
    return client


def test_a_matter_page_shows_its_filings_a_page_at_a_time(clerk_client):
    party = PartyFactory()
    filings = [FilingFactory(party=party, sequence=n) for n in range(1, 31)]
    url = reverse("clerk:matter", args=[party.matter.number])
    first = clerk_client.get(url)
    assert [f.pk for f in first.context["filings_page"].object_list] == [f.pk for f in filings[:25]]
    assert 'filings_page=2" rel="next"' in first.content.decode()
    second = clerk_client.get(url, {"filings_page": 2})
    assert [f.pk for f in second.context["filings_page"].object_list] == [
        f.pk for f in filings[25:]
    ]
    # Another matter's filings never appear.
    FilingFactory()
    assert len(clerk_client.get(url, {"filings_page": 2}).context["filings_page"].object_list) == 5


def test_a_matter_page_costs_the_same_queries_with_hundreds_of_filings(
    clerk_client, django_assert_num_queries
):
    party = PartyFactory()
    FilingFactory(party=party, sequence=1)
    url = reverse("clerk:matter", args=[party.matter.number])
    with CaptureQueriesContext(connection) as small:
        assert clerk_client.get(url).status_code == 200
    count = len(small.captured_queries)
    FilingFactory.create_batch(120, party=party)
    with django_assert_num_queries(count):
        response = clerk_client.get(url, {"filings_page": 3})
    assert len(response.context["filings_page"].object_list) == 25


def test_the_matter_count_stops_at_its_limit(clerk_client, monkeypatch):
    monkeypatch.setattr(keyset, "COUNT_LIMIT", 30)
    MatterFactory.create_batch(31)
    response = clerk_client.get(reverse("clerk:matters"))
    page = response.context["page"]
    assert page.paginator.count_is_bounded
    assert page.paginator.num_pages == 2  # the first 30 matters, 25 a page
    assert "More than 30 matters" in response.content.decode()
    exact = clerk_client.get(reverse("clerk:matters"), {"q": MatterFactory().title})
    assert not exact.context["page"].paginator.count_is_bounded
    assert "1 matter matching" in exact.content.decode()
