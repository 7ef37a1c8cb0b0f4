"""The queue page: one row per filing, filters with their counts, tabs, sorting, paging at a
constant number of queries; and the filing page's assignment panel and next/previous links."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.models import Document, Filing
from tests.workqueue.conftest import waiting_filing
from workqueue.models import FilingAssignment
from workqueue.services import filing_assignment_take

pytestmark = pytest.mark.django_db

QUEUE = "clerk:review_queue"


def filing_url(filing: Filing) -> str:
    return reverse("clerk:filing", args=[filing.matter.number, filing.sequence])


def test_filters_narrow_the_rows_and_each_option_shows_its_count(client, clerk):
    client.force_login(clerk)
    old_email = waiting_filing(days=10, channel=Filing.Channel.EMAIL)
    recent_web = waiting_filing(days=0)
    Document.objects.filter(filing=recent_web).update(virus_scan_status="infected")
    response = client.get(reverse(QUEUE))
    counts = response.context["counts"]
    assert (counts.total, counts.channels, counts.problems) == (2, {"email": 1, "web": 1}, 1)
    assert counts.waiting[7] == 1 and counts.waiting[14] == 0
    html = response.content.decode()
    assert "E-mail with transmission report (PD16 para 9) (1)" in html
    assert "Only filings with problems (1)" in html

    def shown(**params: str) -> list[Filing]:
        page = client.get(reverse(QUEUE), params)
        assert page.status_code == 200
        return [row.filing for row in page.context["rows"]]

    assert shown(channel="email") == [old_email]
    assert shown(waiting="7") == [old_email]
    assert shown(problems="on") == [recent_web]
    assert shown(proceeding="other") == [old_email, recent_web]
    assert shown(sort="-lodged") == [recent_web, old_email]
    row = client.get(reverse(QUEUE), {"problems": "on"}).context["rows"][0]
    assert (row.has_problems, row.scan_status) == (True, "Virus found")


def test_a_bad_filter_value_is_reported_not_a_500(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse(QUEUE), {"waiting": "forever"})
    assert response.status_code == 400


def test_my_queue_and_section_queue_tabs(client, clerk, other_clerk):
    client.force_login(clerk)
    mine, theirs, nobody = waiting_filing(days=3), waiting_filing(days=2), waiting_filing(days=1)
    filing_assignment_take(filing=mine, clerk=clerk)
    filing_assignment_take(filing=theirs, clerk=other_clerk)

    def tab(name: str) -> list[Filing]:
        return [row.filing for row in client.get(reverse(QUEUE), {"tab": name}).context["rows"]]

    assert tab("mine") == [mine]
    assert tab("section") == [nobody]
    assert tab("all") == [mine, theirs, nobody]
    counts = client.get(reverse(QUEUE)).context["counts"]
    assert counts.tabs == {"mine": 1, "section": 1, "all": 3}
    assigned = [
        row.filing
        for row in client.get(reverse(QUEUE), {"assignee": other_clerk.pk}).context["rows"]
    ]
    assert assigned == [theirs]


def test_assign_to_me_from_the_queue_and_the_second_clerk_is_told_who_has_it(
    client, clerk, other_clerk
):
    filing = waiting_filing()
    client.force_login(clerk)
    response = client.post(
        reverse("workqueue:take", args=[filing.pk]), {"next": "/registry/review/"}
    )
    assert response.status_code == 302 and response["Location"] == "/registry/review/"
    assert FilingAssignment.objects.get(filing=filing).assignee == clerk
    client.force_login(other_clerk)
    response = client.post(reverse("workqueue:take", args=[filing.pk]), follow=True)
    assert "Ada Clerk is reviewing" in response.content.decode()
    page = client.get(filing_url(filing)).content.decode()
    assert "Ada Clerk is reviewing this filing." in page
    refused = client.post(
        reverse("clerk:filing_accept", args=[filing.matter.number, filing.sequence])
    )
    assert refused.status_code == 400
    assert "Ada Clerk is reviewing" in refused.content.decode()


def test_only_a_senior_clerk_may_assign_from_the_page(client, clerk, other_clerk, senior):
    filing = waiting_filing()
    client.force_login(clerk)
    response = client.post(
        reverse("workqueue:assign", args=[filing.pk]), {"assignee": other_clerk.pk}
    )
    assert response.status_code == 403
    client.force_login(senior)
    response = client.post(
        reverse("workqueue:assign", args=[filing.pk]), {"assignee": other_clerk.pk}
    )
    assert response.status_code == 302
    assert FilingAssignment.objects.get(filing=filing).assignee == other_clerk


def test_practitioners_cannot_reach_the_queue_actions(client):
    from tests.factories_lodgment import PractitionerFactory

    filing = waiting_filing()
    client.force_login(PractitionerFactory())
    assert client.get(reverse(QUEUE)).status_code == 404
    assert client.post(reverse("workqueue:take", args=[filing.pk])).status_code == 404


def test_next_and_previous_filing_and_a_decision_goes_on_to_the_next(client, clerk):
    client.force_login(clerk)
    first, second, third = waiting_filing(days=3), waiting_filing(days=2), waiting_filing(days=1)
    page = client.get(filing_url(second))
    assert (page.context["queue"].previous, page.context["queue"].next) == (first, third)
    response = client.post(
        reverse("clerk:filing_accept", args=[second.matter.number, second.sequence])
    )
    assert response["Location"] == filing_url(third)


def test_the_queue_costs_the_same_queries_whatever_its_size(
    client, clerk, other_clerk, django_assert_num_queries
):
    client.force_login(clerk)
    filing_assignment_take(filing=waiting_filing(days=2), clerk=other_clerk)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(QUEUE)).status_code == 200
    for days in range(8):
        filing = waiting_filing(days=days, channel=Filing.Channel.EMAIL)
        if days % 2:
            filing_assignment_take(filing=filing, clerk=clerk)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse(QUEUE))
    assert len(response.context["rows"]) == 9


def test_the_page_count_comes_from_the_filter_counts_and_matches_the_rows(
    client, clerk, other_clerk
):
    """The list's own count is summed from the grouped filter counts (no COUNT query of its
    own); whatever the tab and filters, it is the number of rows the list holds."""
    client.force_login(clerk)
    mine = waiting_filing(days=10, channel=Filing.Channel.EMAIL)
    filing_assignment_take(filing=mine, clerk=clerk)
    theirs = waiting_filing(days=5)
    filing_assignment_take(filing=theirs, clerk=other_clerk)
    nobodys = waiting_filing(days=2, channel=Filing.Channel.EMAIL)
    Document.objects.filter(filing=nobodys).update(virus_scan_status="infected")
    waiting_filing(days=0)
    cases = [
        ({}, 4),
        ({"tab": "mine"}, 1),
        ({"tab": "section"}, 2),
        ({"channel": "email"}, 2),
        ({"channel": "email", "waiting": "3"}, 1),
        ({"tab": "section", "problems": "on"}, 1),
        ({"assignee": str(other_clerk.pk)}, 1),
        ({"tab": "mine", "channel": "web"}, 0),
        ({"proceeding": "other", "waiting": "1"}, 3),
    ]
    for params, expected in cases:
        response = client.get(reverse(QUEUE), params)
        assert response.status_code == 200, params
        assert response.context["page"].paginator.count == expected, params
        assert len(response.context["rows"]) == expected, params
    counts = client.get(reverse(QUEUE)).context["counts"]
    assert counts.tabs == {"mine": 1, "section": 2, "all": 4}
    assert counts.assignees == {clerk.pk: 1, other_clerk.pk: 1}


def test_the_filter_counts_are_one_query(client, clerk):
    """Every filter option's count and every tab's come from one grouped query (four queries
    did this before, each reading the whole queue)."""
    client.force_login(clerk)
    waiting_filing(days=2)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(QUEUE)).status_code == 200
    counting = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 1, counting


def test_the_filing_page_reads_the_assignment_once(client, clerk, other_clerk):
    """The panel (who has it) and the neighbours (whose queue) share one read of it."""
    client.force_login(clerk)
    first, second, third = waiting_filing(days=3), waiting_filing(days=2), waiting_filing(days=1)
    filing_assignment_take(filing=second, clerk=other_clerk)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(filing_url(second))
    assert page.context["queue"].assignment.assignee == other_clerk
    assert (page.context["queue"].previous, page.context["queue"].next) == (first, third)
    reads = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "workqueue_filingassignment"')
    ]
    assert len(reads) == 1, reads
