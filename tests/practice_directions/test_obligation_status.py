"""The due/met/overdue decision for para 7 directions and Rule 32 awards (para 11): plain facts,
``today`` passed in, no database."""

from __future__ import annotations

import datetime

import pytest

from practice_directions.rules.obligations import (
    AWAITING_REVIEW,
    DUE,
    MET,
    OVERDUE,
    RULE32_PARAGRAPH,
    FilingFact,
    obligation_status,
)

D = datetime.date
DUE_ON = D(2026, 12, 8)


def fact(day: datetime.date, *, awaiting: bool = False, reference: str = "IRC2026/0001-F02"):
    return FilingFact(reference=reference, lodged_on=day, awaiting_review=awaiting)


@pytest.mark.parametrize(
    ("today", "state", "days_left", "words", "code"),
    [
        (D(2026, 12, 1), DUE, 7, "due in 7 days", "obligation.due"),
        (D(2026, 12, 7), DUE, 1, "due in 1 day", "obligation.due"),
        (DUE_ON, DUE, 0, "due today", "obligation.due"),
        (D(2026, 12, 9), OVERDUE, -1, "overdue by 1 day", "obligation.overdue"),
        (D(2027, 5, 25), OVERDUE, -168, "overdue by 168 days", "obligation.overdue"),
    ],
)
def test_nothing_lodged_is_due_then_overdue_the_day_after(today, state, days_left, words, code):
    status = obligation_status(due_on=DUE_ON, today=today, filings=[])
    assert (status.state, status.days_left, status.words) == (state, days_left, words)
    assert status.reason.code == code and status.reason.paragraph == "7"
    assert status.is_open


def test_a_filing_awaiting_review_lodged_in_time_is_never_overdue():
    # Para 11: the lodgment date decides, not the (later) review; the page says so.
    status = obligation_status(
        due_on=DUE_ON,
        today=D(2027, 5, 25),
        filings=[fact(D(2026, 12, 8), awaiting=True)],
        paragraph=RULE32_PARAGRAPH,
    )
    assert status.state == AWAITING_REVIEW and status.on_time is True
    assert status.words == "lodged on time, awaiting review"
    assert (status.reason.code, status.reason.paragraph) == ("obligation.met_on_time", "11")
    assert not status.is_open and status.days_overdue == 0


def test_a_late_lodgment_meets_it_late():
    status = obligation_status(
        due_on=DUE_ON, today=D(2026, 12, 20), filings=[fact(D(2026, 12, 10))]
    )
    assert (status.state, status.on_time, status.reason.code) == (MET, False, "obligation.met_late")
    assert status.words == "met late by IRC2026/0001-F02"


def test_the_earliest_lodgment_decides_and_names_the_filing():
    status = obligation_status(
        due_on=DUE_ON,
        today=D(2026, 12, 20),
        filings=[
            fact(D(2026, 12, 12), reference="IRC2026/0001-F05"),
            fact(D(2026, 12, 5), reference="IRC2026/0001-F03"),
        ],
    )
    assert (status.state, status.met_by, status.on_time) == (MET, "IRC2026/0001-F03", True)
    assert status.words == "met on time by IRC2026/0001-F03"
