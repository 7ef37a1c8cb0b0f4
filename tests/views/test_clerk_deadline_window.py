"""The deadlines page lists a window of days around today, worked out in the database: what
falls due from a year ago (overdue, or met late or on time) to three months ahead, each list
paged there. Checked against an oracle that decides each obligation from its due date alone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from filings.models import Direction, Rule32Order
from filings.selectors import deadlines
from filings.selectors.rule32_deadlines import rule32_deadlines
from practice_directions.models import ProceedingType
from practice_directions.selectors import load_rules
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory
from tests.views.test_clerk_deadlines import s106_window

pytestmark = pytest.mark.django_db

URL = reverse("clerk:deadlines")


@pytest.fixture
def clerk_client(client):
    client.force_login(ClerkFactory())
    return client


def today() -> datetime.date:
    return timezone.localdate()


def in_days(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


def order(file_by_in: int, *, received: bool = False) -> Rule32Order:
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="rule32"))
    PartyFactory(matter=matter)
    file_by = in_days(file_by_in)
    return Rule32Order.objects.create(
        matter=matter,
        description=f"Award due in {file_by_in} days",
        made_on=file_by - datetime.timedelta(days=14),
        file_by=file_by,
        received_on=file_by if received else None,
        recorded_by=ClerkFactory(),
    )


def direction(due_in: int, *, kind: str = Direction.Kind.DIRECT) -> Direction:
    matter = MatterFactory()
    PartyFactory(matter=matter)
    due_on = in_days(due_in)
    return Direction.objects.create(
        matter=matter,
        kind=kind,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=due_on - datetime.timedelta(days=21),
        due_on=due_on if kind == Direction.Kind.DIRECT else None,
        recorded_by=ClerkFactory(),
    )


def in_window(due: datetime.date, window: deadlines.DeadlineWindow) -> bool:
    """The oracle: listed when due from ``overdue_days`` ago to ``due_days`` ahead, inclusive."""
    return (
        today() - datetime.timedelta(days=window.overdue_days)
        <= due
        <= today() + (datetime.timedelta(days=window.due_days))
    )


# Days from today: both edges of the window, a day either side of each, and further out.
OFFSETS = (-500, -366, -365, -364, -40, -1, 0, 1, 30, 89, 90, 91, 400)


def test_the_rule32_list_holds_the_open_orders_due_in_the_window(clerk_client):
    window = deadlines.DeadlineWindow(today=today())
    orders = {offset: order(offset) for offset in OFFSETS}
    order(-10, received=True)  # received: never listed, whenever due
    response = clerk_client.get(URL)
    listed = {row.deadline.order_id for row in response.context["rule32_rows"]}
    expected = {o.pk for o in orders.values() if in_window(o.file_by, window)}
    assert listed == expected
    assert {offset for offset, o in orders.items() if o.pk in listed} == {
        -365,
        -364,
        -40,
        -1,
        0,
        1,
        30,
        89,
        90,
    }
    # Soonest due first, and each status as the register-wide list decides it.
    rows = response.context["rule32_rows"]
    assert [row.deadline.file_by for row in rows] == sorted(row.deadline.file_by for row in rows)
    everything = {d.order_id: d for d in rule32_deadlines(today=today())}
    assert all(row.deadline == everything[row.deadline.order_id] for row in rows)


def test_the_directions_list_holds_the_dated_directions_due_in_the_window(clerk_client):
    window = deadlines.DeadlineWindow(today=today())
    directions = {offset: direction(offset) for offset in OFFSETS}
    direction(0, kind=Direction.Kind.WAIVE)  # a waiver has no date to file by
    response = clerk_client.get(URL)
    listed = {row.direction_id for row in response.context["direction_rows"]}
    expected = {d.pk for d in directions.values() if in_window(d.due_on, window)}
    assert listed == expected
    assert len(listed) == 9


def test_the_s106_list_holds_open_periods_and_those_ended_in_the_window_still_owed(clerk_client):
    # The period ends 28 days after the certificate (PD16 para 3(b)).
    owed = {ends: s106_window(28 - ends)[0] for ends in (-400, -366, -365, -200, -1, 0, 10)}
    settled = {ends: s106_window(28 - ends, documents=0)[0] for ends in (-200, -1, 0, 10)}
    response = clerk_client.get(URL)
    listed = {w.matter.pk for w in response.context["windows"]}
    # Owed: listed from the year's edge on; nothing owed: listed only while the period is open.
    assert listed == {owed[e].pk for e in (-365, -200, -1, 0, 10)} | {
        settled[e].pk for e in (0, 10)
    }


def test_a_narrower_window_is_worked_out_in_the_database_too():
    rules = load_rules()
    inside, _, _ = s106_window(28 + 5)  # period ended 5 days ago, a copy owed
    outside, _, _ = s106_window(28 + 15)  # ended 15 days ago
    window = deadlines.DeadlineWindow(today=today(), overdue_days=10, due_days=10)
    matters = deadlines.s106_window_matters(today=today(), rules=rules, window=window)
    assert list(matters) == [inside]
    # The page's own window (a year back) holds both.
    assert set(deadlines.s106_window_matters(today=today(), rules=rules)) == {inside, outside}


def test_each_list_is_paged_in_the_database(clerk_client):
    orders = [order(offset) for offset in range(-20, 10)]  # thirty, all in the window
    first = clerk_client.get(URL)
    second = clerk_client.get(URL, {"rule32_page": 2})
    ids = [row.deadline.order_id for row in first.context["rule32_rows"]] + [
        row.deadline.order_id for row in second.context["rule32_rows"]
    ]
    assert ids == [o.pk for o in orders]
    assert len(first.context["rule32_rows"]) == 25
    assert first.context["rule32_page"].paginator.count == 30


def test_the_page_says_which_days_it_lists(clerk_client):
    html = clerk_client.get(URL).content.decode()
    window = deadlines.DeadlineWindow(today=today())
    assert f"{window.due_from:%-d %B %Y} to {window.due_to:%-d %B %Y}" in html


def test_the_s106_list_is_paged_by_its_keys_in_certificate_order(clerk_client):
    """The s.106 list's keys come sorted from one query; the page counts and cuts them and
    fetches only its own matters. Both pages together are the selector's list, in order."""
    for days in range(27):
        s106_window(days, documents=0)  # every period still open
    first = clerk_client.get(URL)
    second = clerk_client.get(URL, {"s106_page": 2})
    listed = [w.matter.pk for w in first.context["windows"]] + [
        w.matter.pk for w in second.context["windows"]
    ]
    matters = list(deadlines.s106_window_matters(today=today(), rules=load_rules()))
    assert listed == [m.pk for m in matters]
    assert deadlines.s106_window_keys(today=today(), rules=load_rules()) == listed
    assert (len(first.context["windows"]), len(second.context["windows"])) == (25, 2)
    assert first.context["s106_page"].paginator.count == 27
    certificates = [m.conciliation_certificate_on for m in matters]
    assert certificates == sorted(certificates)
