"""The dashboard and a matter's page: only the practitioner's matters, what is due in each
(s.106 windows, Rule 32 deadlines, copies outstanding, corrections), in a constant number of
queries whatever the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from filings.models import Matter, Rule32Order
from filings.selectors import access
from filings.selectors.obligations import s106_outstanding
from filings.selectors.practitioner import dashboard_page, matters_due
from filings.services.lodgment import filing_lodge
from filings.services.review import RejectionSpec, filing_reject
from practice_directions.models import ProceedingType
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    lodge,
    matter_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner():
    return PractitionerFactory()


@pytest.fixture
def clerk():
    return ClerkFactory()


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def s106_matter(user, *, certificate_days_ago: int):
    """An s.106 matter with an affidavit filed (without a copy) before the certificate."""
    today = timezone.localdate()
    matter, party = matter_for(
        user,
        proceeding=ProceedingType.objects.get(code="s106"),
        opened_on=today - datetime.timedelta(days=90),
    )
    before = timezone.now() - datetime.timedelta(days=certificate_days_ago + 10)
    filing_lodge(party=party, lodged_by=user, documents=[affidavit(path=None)], lodged_at=before)
    matter.conciliation_certificate_on = today - datetime.timedelta(days=certificate_days_ago)
    matter.save(update_fields=["conciliation_certificate_on"])
    return matter, party


def rule32_matter(user, clerk, *, due_in_days: int):
    today = timezone.localdate()
    matter, _ = matter_for(user, proceeding=ProceedingType.objects.get(code="rule32"))
    Rule32Order.objects.create(
        matter=matter,
        description="Clerical Award variation",
        made_on=today - datetime.timedelta(days=30),
        file_by=today + datetime.timedelta(days=due_in_days),
        recorded_by=clerk,
    )
    return matter


def rejected_matter(user, clerk):
    matter, party = matter_for(user)
    filing = lodge(party, user, affidavit())
    filing_reject(
        filing=filing,
        reviewed_by=clerk,
        reasons=[RejectionSpec("text-differs", 1)],
        correction_due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return matter


def test_only_the_practitioners_matters_are_listed(signed_in, practitioner):
    mine, _ = matter_for(practitioner)
    theirs, _ = matter_for(PractitionerFactory())
    html = signed_in.get(reverse("practitioner:dashboard")).content.decode()
    assert mine.number in html
    assert theirs.number not in html


def test_an_s106_window_shows_the_copies_due_within_28_days(signed_in, practitioner):
    matter, _ = s106_matter(practitioner, certificate_days_ago=5)
    due = (matter.conciliation_certificate_on + datetime.timedelta(days=28)).strftime("%-d %B %Y")
    html = signed_in.get(reverse("practitioner:dashboard")).content.decode()
    assert f"Due {due}" in html
    assert "3(b)" in html
    assert "due--overdue" not in html


def test_an_s106_window_past_28_days_is_overdue(signed_in, practitioner):
    s106_matter(practitioner, certificate_days_ago=40)
    html = signed_in.get(reverse("practitioner:dashboard")).content.decode()
    assert "due--overdue" in html
    assert "row--overdue" in html


def test_rule32_deadlines_show_days_left_or_overdue(signed_in, practitioner, clerk):
    soon = rule32_matter(practitioner, clerk, due_in_days=3)
    late = rule32_matter(practitioner, clerk, due_in_days=-2)
    html = signed_in.get(reverse("practitioner:dashboard")).content.decode()
    assert "3 days left" in html
    assert "Overdue since" in html
    assert soon.number in html and late.number in html


def test_a_rejected_filing_awaiting_correction_is_due(signed_in, practitioner, clerk):
    rejected_matter(practitioner, clerk)
    html = signed_in.get(reverse("practitioner:dashboard")).content.decode()
    assert "Correction" in html
    assert (timezone.localdate() + datetime.timedelta(days=7)).strftime("%-d %B %Y") in html


def test_the_batched_s106_answer_matches_the_obligations_selector(practitioner):
    matter, party = s106_matter(practitioner, certificate_days_ago=5)
    today = timezone.localdate()
    (due,) = matters_due(user=practitioner, matters=[matter], today=today)
    expected = [p for p in s106_outstanding(matter=matter, today=today) if p.party_id == party.pk]
    assert list(due.s106) == expected
    assert len(due.outstanding_documents) == 1


def _populate(user, clerk, n):
    for days in range(n):
        s106_matter(user, certificate_days_ago=days + 1)
        rule32_matter(user, clerk, due_in_days=days - 1)
        rejected_matter(user, clerk)
        matter_for(PractitionerFactory())  # someone else's, never shown


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_dashboard_costs_the_same_queries_whatever_the_number_of_matters(
    signed_in, practitioner, clerk, django_assert_num_queries
):
    url = reverse("practitioner:dashboard")
    _populate(practitioner, clerk, 1)
    baseline = _queries(signed_in, url)
    _populate(practitioner, clerk, 5)
    with django_assert_num_queries(baseline):
        response = signed_in.get(url)
    assert len(response.context["rows"]) == 18


def test_a_matters_page_costs_the_same_queries_whatever_the_number_of_filings(
    signed_in, practitioner, clerk, django_assert_num_queries
):
    matter, party = s106_matter(practitioner, certificate_days_ago=3)
    url = reverse("practitioner:matter", args=[access.matter_slug(matter.number)])
    baseline = _queries(signed_in, url)
    for _ in range(6):
        lodge(party, practitioner, affidavit())
    Rule32Order.objects.create(
        matter=matter,
        description="Award",
        made_on=matter.opened_on,
        file_by=timezone.localdate(),
        recorded_by=clerk,
    )
    with django_assert_num_queries(baseline):
        response = signed_in.get(url)
    assert len(response.context["page"].object_list) == 7


def test_the_dashboard_pages_the_practitioner_s_matters_open_ones_first(practitioner):
    """The matters are read once as keys in order, counted and cut; each page's matters are
    fetched by key. Another practitioner's matter is neither listed nor counted."""
    today = timezone.localdate()
    matters = [matter_for(practitioner)[0] for _ in range(5)]
    Matter.objects.filter(pk=matters[-1].pk).update(status=Matter.Status.CLOSED)
    matter_for(PractitionerFactory())
    first, rows = dashboard_page(user=practitioner, today=today, page_number=1, per_page=2)
    pages = [first] + [
        dashboard_page(user=practitioner, today=today, page_number=n, per_page=2)[0] for n in (2, 3)
    ]
    listed = [m.pk for page in pages for m in page.object_list]
    open_matters = sorted(matters[:-1], key=lambda m: (m.year, m.sequence), reverse=True)
    assert listed == [m.pk for m in open_matters] + [matters[-1].pk]
    assert (first.paginator.count, first.paginator.num_pages) == (5, 3)
    assert [row.matter.pk for row in rows] == listed[:2]


def test_a_matter_s_filings_are_counted_once_with_what_is_due(signed_in, practitioner):
    """The list of the practitioner's filings in a matter takes its count from the filings
    already counted by status for what is due: no COUNT query of its own."""
    matter, party = s106_matter(practitioner, certificate_days_ago=3)
    lodge(party, practitioner, affidavit())
    _, elsewhere = matter_for(practitioner)
    lodge(elsewhere, practitioner, affidavit())  # another matter's filing, not counted
    url = reverse("practitioner:matter", args=[access.matter_slug(matter.number)])
    with CaptureQueriesContext(connection) as captured:
        response = signed_in.get(url)
    assert response.context["page"].paginator.count == 2
    assert len(response.context["page"].object_list) == 2
    assert not [q for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
