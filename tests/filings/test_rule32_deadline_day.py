"""PD16 para 11 with the records: the deadline day is in time, and an award lodged on paper
before the Commission's time is due by that time, not at filing (issue 10 §5)."""

import datetime

import pytest

from filings.selectors.obligations import assess_document_for_party
from filings.selectors.rule32_deadlines import rule32_deadlines
from filings.services.rule32 import rule32_order_record, rule32_receipt_record
from practice_directions.models import ProceedingType
from practice_directions.rules import copy_timeliness
from tests.factories import MatterFactory, PartyFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
MADE, FILE_BY = D(2005, 3, 1), D(2005, 3, 15)


@pytest.fixture
def order():
    matter = MatterFactory(
        proceeding=ProceedingType.objects.get(code="rule32"),
        title="Clerical and Administrative Employees (State) Award",
    )
    return rule32_order_record(
        matter=matter,
        description="Variation of the Clerical Award (wages)",
        made_on=MADE,
        file_by=FILE_BY,
        recorded_by=UserFactory(),
    )


def test_on_the_deadline_day_the_order_is_not_overdue(order):
    [deadline] = rule32_deadlines(today=FILE_BY, matter=order.matter)
    assert (deadline.days_left, deadline.overdue) == (0, False)
    [deadline] = rule32_deadlines(today=FILE_BY + datetime.timedelta(days=1), matter=order.matter)
    assert (deadline.days_left, deadline.overdue) == (-1, True)


def test_receipt_on_the_deadline_day_is_not_called_late(order):
    notification = rule32_receipt_record(order=order, received_on=FILE_BY)
    assert "after the time the Commission specified" not in notification.body


def test_an_award_lodged_on_paper_before_its_deadline_is_due_by_the_deadline(order):
    party = PartyFactory(matter=order.matter)
    filed_on = D(2005, 3, 5)
    decision = assess_document_for_party(
        party=party,
        document_kind="Award or award variation",
        role="principal",
        filed_on=filed_on,
    )
    assert decision.due_by == FILE_BY
    # The copy brought in later, but by the Commission's time, is on time.
    assert (
        copy_timeliness(decision, copy_filed_on=D(2005, 3, 12), today=D(2005, 3, 12)) == "on_time"
    )
    assert copy_timeliness(decision, copy_filed_on=None, today=FILE_BY) == "outstanding"
