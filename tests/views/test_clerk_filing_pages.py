"""The clerks' filings list paged by keyset: each link names the filing a page ends (or starts)
with, so deep pages cost what the first costs and filings lodged while a clerk pages do not
shift the pages that follow."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.models import Filing
from filings.selectors import keyset
from tests.factories import FilingFactory, MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory

pytestmark = pytest.mark.django_db

URL = reverse("clerk:filings")
NOON = datetime.datetime(2026, 11, 2, 1, 0, tzinfo=datetime.UTC)  # noon in Sydney


@pytest.fixture
def clerk(client):
    user = ClerkFactory()
    client.force_login(user)
    return user


def filings(count, *, start=NOON, step=datetime.timedelta(minutes=1), **fields):
    """``count`` filings one ``step`` apart, oldest first, in one matter."""
    party = PartyFactory(matter=MatterFactory())
    if fields.get("status", Filing.Status.LODGED) != Filing.Status.LODGED:
        fields.setdefault("reviewed_at", start)
    return [
        FilingFactory(party=party, sequence=n + 1, lodged_at=start + n * step, **fields)
        for n in range(count)
    ]


def link(response, rel):
    """The href of the pagination link ``rel`` (next, prev, first), or None."""
    found = re.search(rf'<a href="([^"]*)" rel="{rel}"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def listed(response):
    return [f.pk for f in response.context["page"].object_list]


def newest_first(rows):
    return [f.pk for f in sorted(rows, key=lambda f: (f.lodged_at, f.pk), reverse=True)]


def test_next_and_previous_walk_the_list_newest_first(client, clerk):
    rows = filings(60)
    expected = newest_first(rows)
    first = client.get(URL)
    assert listed(first) == expected[:25]
    assert link(first, "prev") is None and link(first, "first") is None
    second = client.get(URL + link(first, "next"))
    assert listed(second) == expected[25:50]
    third = client.get(URL + link(second, "next"))
    assert listed(third) == expected[50:]
    assert link(third, "next") is None
    back = client.get(URL + link(third, "prev"))
    assert listed(back) == expected[25:50]
    assert listed(client.get(URL + link(back, "prev"))) == expected[:25]
    assert listed(client.get(URL + link(third, "first"))) == expected[:25]


def test_previous_from_near_the_start_shows_the_whole_first_page(client, clerk):
    rows = filings(30)
    expected = newest_first(rows)
    # The row 10th from the top, as if the first page had been 10 long.
    tenth = Filing.objects.get(pk=expected[9])
    cursor = keyset.Cursor(at=tenth.lodged_at, pk=tenth.pk).encode()
    response = client.get(URL, {"before": cursor})
    assert listed(response) == expected[:25]
    assert link(response, "prev") is None


def test_filings_lodged_meanwhile_do_not_shift_the_next_page(client, clerk):
    rows = filings(40)
    expected = newest_first(rows)
    first = client.get(URL)
    # Five lodgments arrive while the clerk reads the first page.
    filings(5, start=NOON + datetime.timedelta(days=1))
    second = client.get(URL + link(first, "next"))
    assert listed(second) == expected[25:]
    seen = listed(first) + listed(second)
    assert sorted(seen) == sorted(expected)  # every filing once, none twice


def test_filings_lodged_at_the_same_instant_are_split_across_pages_by_id(client, clerk):
    # Thirty filings recorded in one instant (a batch at the counter): the page boundary falls
    # among them, and the id settles the order.
    rows = filings(30, step=datetime.timedelta(0))
    expected = sorted((f.pk for f in rows), reverse=True)
    first = client.get(URL)
    second = client.get(URL + link(first, "next"))
    assert listed(first) + listed(second) == expected


def test_the_links_keep_the_filters(client, clerk):
    filings(30, status=Filing.Status.ACCEPTED)
    rejected = filings(27, status=Filing.Status.REJECTED)
    first = client.get(URL, {"status": "rejected"})
    assert "status=rejected" in link(first, "next")
    second = client.get(URL + link(first, "next"))
    assert listed(second) == newest_first(rejected)[25:]


@pytest.mark.parametrize(
    "params",
    [
        {"after": "not-a-cursor"},
        {"before": "12.x"},
        {"after": "999999999999999999.1"},  # beyond the last day a date can name
        {"after": ""},
    ],
)
def test_a_page_link_the_list_did_not_give_shows_the_first_page(client, clerk, params):
    rows = filings(30)
    response = client.get(URL, params)
    assert listed(response) == newest_first(rows)[:25]
    if params == {"after": ""}:  # an empty cursor is no cursor: page 1, nothing to report
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert [e.code for e in response.context["errors"]] == ["filter.page_link_invalid"]
    assert "first page" in response.content.decode()


def test_a_link_past_the_end_shows_the_first_page(client, clerk):
    rows = filings(3)
    oldest = min(rows, key=lambda f: f.lodged_at)
    cursor = keyset.Cursor(at=oldest.lodged_at, pk=oldest.pk).encode()
    response = client.get(URL, {"after": cursor})
    assert response.status_code == 200
    assert listed(response) == newest_first(rows)


def test_the_count_stops_at_its_limit(client, clerk, monkeypatch):
    monkeypatch.setattr(keyset, "COUNT_LIMIT", 20)
    filings(21)
    response = client.get(URL)
    assert response.context["page"].count_is_bounded
    assert "More than 20 filings." in response.content.decode()
    filings(1, status=Filing.Status.REJECTED)
    exact = client.get(URL, {"status": "rejected"})
    assert "1 filing." in exact.content.decode()


def test_a_deep_page_costs_the_queries_of_the_first(client, clerk, django_assert_num_queries):
    filings(80)
    with CaptureQueriesContext(connection) as first:
        response = client.get(URL)
    first_page_queries = len(first.captured_queries)  # the next request clears the log
    second = client.get(URL + link(response, "next"))
    with django_assert_num_queries(first_page_queries):
        client.get(URL + link(second, "next"))


def test_the_count_reads_no_document(client, clerk):
    filings(3)
    with CaptureQueriesContext(connection) as captured:
        client.get(URL)
    counts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    assert len(counts) == 1
    assert "filings_document" not in counts[0]
    assert "LIMIT 1001" in counts[0]
