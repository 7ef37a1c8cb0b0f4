"""The deadlines page: s.106 windows after the certificate (PD16 para 3(b)) and Rule 32 awards
(para 11), due and overdue, per party, at a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from filings.models import Direction, Rule32Order
from filings.selectors import deadlines
from filings.selectors.obligations import s106_outstanding
from filings.services.lodgment import filing_lodge
from practice_directions.models import ProceedingType
from practice_directions.selectors import load_rules
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory, affidavit

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client):
    client.force_login(ClerkFactory())
    return client


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def s106_window(certificate_days_ago: int, *, documents: int = 1):
    """A s.106 matter whose certificate issued ``certificate_days_ago`` days ago, with
    ``documents`` affidavits lodged by the applicant before it, without electronic copies."""
    matter = MatterFactory(
        proceeding=ProceedingType.objects.get(code="s106"),
        opened_on=days_ago(certificate_days_ago + 60),
    )
    applicant = PartyFactory(matter=matter, name="Jane Citizen")
    respondent = PartyFactory(matter=matter, name="Acme Widgets Pty Ltd", role="respondent")
    clerk = ClerkFactory()
    lodged_at = timezone.now() - datetime.timedelta(days=certificate_days_ago + 30)
    for number in range(documents):
        filing_lodge(
            party=applicant,
            lodged_by=clerk,
            documents=[affidavit(path=None, original_filename="", title=f"Affidavit {number}")],
            lodged_at=lodged_at,
        )
    matter.conciliation_certificate_on = days_ago(certificate_days_ago)
    matter.save(update_fields=["conciliation_certificate_on"])
    return matter, applicant, respondent


def rule32_order(file_by: datetime.date, **fields) -> Rule32Order:
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="rule32"))
    PartyFactory(matter=matter, name="Australian Services Union of NSW")
    return Rule32Order.objects.create(
        matter=matter,
        description="Clerical Award variation",
        made_on=file_by - datetime.timedelta(days=14),
        file_by=file_by,
        recorded_by=ClerkFactory(),
        **fields,
    )


def test_s106_windows_show_each_party_due_or_overdue(clerk_client):
    overdue, _, _ = s106_window(40)
    open_matter, _, _ = s106_window(10, documents=2)
    response = clerk_client.get(reverse("clerk:deadlines"))
    windows = {w.matter: w for w in response.context["windows"]}
    assert set(windows) == {overdue, open_matter}
    late = windows[overdue]
    assert (late.is_open, late.overdue, late.outstanding_count) == (False, True, 1)
    applicant, respondent = sorted(late.parties, key=lambda p: p.role)
    assert applicant.party_name == "Jane Citizen" and applicant.overdue
    assert applicant.due_by == days_ago(40) + datetime.timedelta(days=28)
    assert respondent.documents == () and not respondent.overdue
    current = windows[open_matter]
    assert (current.is_open, current.overdue, current.outstanding_count) == (True, False, 2)
    html = response.content.decode()
    assert "Overdue" in html and "Due" in html and "Nothing outstanding" in html


def test_a_window_long_closed_with_nothing_owed_is_not_listed(clerk_client):
    matter, _, _ = s106_window(60, documents=0)
    response = clerk_client.get(reverse("clerk:deadlines"))
    assert matter not in {w.matter for w in response.context["windows"]}


def test_a_waiver_removes_what_a_party_owes(clerk_client):
    matter, applicant, _ = s106_window(40)
    waiver = Direction.objects.create(
        matter=matter,
        kind="waive",
        made_by="registrar",
        made_on=days_ago(45),
        recorded_by=ClerkFactory(),
    )
    waiver.parties.add(applicant)
    response = clerk_client.get(reverse("clerk:deadlines"))
    (window,) = response.context["windows"]
    assert window.outstanding_count == 0 and not window.overdue


def test_the_bulk_windows_agree_with_s106_outstanding():
    s106_window(40)
    s106_window(10, documents=3)
    matter, applicant, _ = s106_window(20)
    Direction.objects.create(
        matter=matter,
        kind="waive",
        made_by="commission",
        made_on=days_ago(25),
        recorded_by=ClerkFactory(),
    ).parties.add(applicant)
    today, rules = timezone.localdate(), load_rules()
    matters = list(deadlines.s106_window_matters(today=today, rules=rules))
    for window in deadlines.s106_windows(matters=matters, today=today, rules=rules):
        expected = s106_outstanding(matter=window.matter, today=today, rules=rules)
        assert list(window.parties) == expected


def test_rule32_awards_show_due_and_overdue_with_their_applicants(clerk_client):
    late = rule32_order(days_ago(3))
    soon = rule32_order(days_ago(-5))
    rule32_order(days_ago(10), received_on=days_ago(12))
    response = clerk_client.get(reverse("clerk:deadlines"))
    rows = response.context["rule32_rows"]
    assert [row.deadline.order_id for row in rows] == [late.pk, soon.pk]
    assert [row.days_overdue for row in rows] == [3, 0]
    assert [p.name for p in rows[0].applicants] == ["Australian Services Union of NSW"]
    html = response.content.decode()
    assert "Overdue by 3 days" in html and "Due in 5 days" in html


def test_the_deadlines_page_costs_the_same_queries_whatever_the_rows(
    clerk_client, django_assert_num_queries
):
    s106_window(40)
    rule32_order(days_ago(3))
    url = reverse("clerk:deadlines")
    with CaptureQueriesContext(connection) as small:
        clerk_client.get(url)
    for days in (5, 10, 15, 30, 45):
        s106_window(days, documents=2)
        rule32_order(days_ago(days - 20))
    with django_assert_num_queries(len(small.captured_queries)):
        response = clerk_client.get(url)
    assert len(response.context["windows"]) == 6
    assert len(response.context["rule32_rows"]) == 6


def test_the_bulk_windows_match_an_oracle_worked_out_from_para_3b():
    """Independent of ``s106_outstanding``: the answer worked out by hand from PD16 para 3(b)
    (copies of documents filed before the certificate are due 28 days after it; day 28 is on
    time, day 29 late; a para 7 waiver removes the obligation)."""
    s106_window(40)  # period ended 12 days ago: one copy overdue
    s106_window(10, documents=3)  # 18 days left: three copies owed, none overdue
    s106_window(28)  # the period ends today: owed, not yet overdue
    waived, applicant, _ = s106_window(20)
    Direction.objects.create(
        matter=waived,
        kind="waive",
        made_by="commission",
        made_on=days_ago(25),
        recorded_by=ClerkFactory(),
    ).parties.add(applicant)
    today, rules = timezone.localdate(), load_rules()
    matters = list(deadlines.s106_window_matters(today=today, rules=rules))
    windows = deadlines.s106_windows(matters=matters, today=today, rules=rules)
    answer = {
        (today - w.certificate_on).days: (
            w.period_ends,
            w.is_open,
            [(p.party_name, len(p.documents), p.due_by, p.overdue) for p in w.parties],
        )
        for w in windows
    }
    ends = {days: days_ago(days - 28) for days in (40, 10, 28, 20)}
    assert answer == {
        40: (ends[40], False, [("Jane Citizen", 1, ends[40], True), *_respondent(ends[40])]),
        10: (ends[10], True, [("Jane Citizen", 3, ends[10], False), *_respondent(ends[10])]),
        28: (ends[28], True, [("Jane Citizen", 1, today, False), *_respondent(ends[28])]),
        20: (ends[20], True, [("Jane Citizen", 0, ends[20], False), *_respondent(ends[20])]),
    }


def _respondent(period_ends: datetime.date) -> list[tuple]:
    # The respondent filed nothing before the certificate: nothing owed, due at the period's end.
    return [("Acme Widgets Pty Ltd", 0, period_ends, False)]
