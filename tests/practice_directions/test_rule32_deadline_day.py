"""PD16 para 11 at the edge of the Commission's time: the deadline day itself is in time.

Added for mutants that survived (issue 10 §5): ``>`` turned into ``>=`` on the deadline.
"""

import datetime

from practice_directions.rules import assess_document, copy_timeliness

from .decision_cases import facts
from .rules_data import PD16_RULES

D = datetime.date
DEADLINE = D(2005, 4, 1)


def _award(filed_on: datetime.date):
    return assess_document(
        facts(
            proceeding="rule32",
            document_kind="Award or award variation",
            commission_deadline=DEADLINE,
            filed_on=filed_on,
        ),
        PD16_RULES,
    )


def _para_11_text(decision) -> str:
    [reason] = [r for r in decision.reasons if r.code == "pd16.rule32_deadline"]
    return reason.text


def test_an_award_filed_on_the_deadline_day_is_not_said_to_be_late():
    decision = _award(DEADLINE)
    assert decision.due_by == DEADLINE
    assert "after that time" not in _para_11_text(decision)
    assert copy_timeliness(decision, copy_filed_on=DEADLINE, today=DEADLINE) == "on_time"


def test_an_award_filed_the_day_after_is_one_day_late():
    decision = _award(DEADLINE + datetime.timedelta(days=1))
    assert "This filing is 1 day after that time." in _para_11_text(decision)
    assert (
        copy_timeliness(
            decision, copy_filed_on=DEADLINE + datetime.timedelta(days=1), today=DEADLINE
        )
        == "late"
    )


def test_an_award_filed_before_the_deadline_is_due_by_the_deadline_not_at_filing():
    decision = _award(DEADLINE - datetime.timedelta(days=10))
    assert decision.due_by == DEADLINE
    assert "after that time" not in _para_11_text(decision)
