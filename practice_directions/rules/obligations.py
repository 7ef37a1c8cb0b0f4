"""Whether an obligation to file by a date is due, met or overdue: para 7 directions and Rule 32
awards (para 11), decided the same way from plain facts.

PD16 para 7: the Registrar or the Commission "may ... direct one or more parties to a matter to
file, or to file and serve, all or any particular documentation in computer-readable format".
A direction with a date binds the parties it names (every party when it names none) for the
kinds of document it names (all documents when it names none). A filing by a bound party of a
covered document meets it.

PD16 para 11: under Rule 32 the applicant must file the award or variation in computer-readable
format "within the time specified by the Commission"; the Registry sends it to the Office of
Industrial Relations "immediately upon receipt". Receipt is lodgment: the filing that carries
the award meets the obligation as soon as it is lodged, by web, counter or e-mail, and the
lodgment date (never the date a clerk reviews it) decides whether it was in time. A filing
awaiting review is therefore never "overdue": it is "lodged on time, awaiting review" (or
"lodged late, awaiting review").

A rejected filing meets nothing (the caller leaves it out); the earliest remaining filing
decides. No clock: ``today`` is passed in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from .decision import Reason, long_date

DUE = "due"
OVERDUE = "overdue"
MET = "met"
AWAITING_REVIEW = "awaiting_review"
STATES = (DUE, OVERDUE, MET, AWAITING_REVIEW)

DIRECTION_PARAGRAPH = "7"
RULE32_PARAGRAPH = "11"


@dataclass(frozen=True)
class FilingFact:
    """A filing that may meet the obligation: its reference, the day it was lodged (Sydney
    time) and whether a clerk has yet to review it. Rejected filings are not facts here."""

    reference: str
    lodged_on: datetime.date
    awaiting_review: bool


@dataclass(frozen=True)
class ObligationStatus:
    """Where an obligation stands on ``today``."""

    state: str
    due_on: datetime.date
    days_left: int
    met_by: str = ""
    lodged_on: datetime.date | None = None
    on_time: bool | None = None
    reason: Reason | None = None

    @property
    def is_open(self) -> bool:
        """Still owed: nothing lodged yet."""
        return self.state in (DUE, OVERDUE)

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left) if self.state == OVERDUE else 0

    @property
    def words(self) -> str:
        """The status as the pages print it."""
        timing = "on time" if self.on_time else "late"
        if self.state == AWAITING_REVIEW:
            return f"lodged {timing}, awaiting review"
        if self.state == MET:
            return f"met {timing} by {self.met_by}"
        if self.state == OVERDUE:
            days = self.days_overdue
            return f"overdue by {days} day{'s' * (days != 1)}"
        if self.days_left == 0:
            return "due today"
        return f"due in {self.days_left} day{'s' * (self.days_left != 1)}"


def obligation_status(
    *,
    due_on: datetime.date,
    today: datetime.date,
    filings: Iterable[FilingFact],
    paragraph: str = DIRECTION_PARAGRAPH,
) -> ObligationStatus:
    """Decide one obligation to file by ``due_on`` from the filings that could meet it."""
    days_left = (due_on - today).days
    earliest = min(filings, key=lambda f: (f.lodged_on, f.reference), default=None)
    what = "direction" if paragraph == DIRECTION_PARAGRAPH else "award or variation"
    if earliest is None:
        if today > due_on:
            return ObligationStatus(
                state=OVERDUE,
                due_on=due_on,
                days_left=days_left,
                reason=Reason(
                    paragraph,
                    f"Nothing was filed under the {what} by {long_date(due_on)}.",
                    "obligation.overdue",
                ),
            )
        return ObligationStatus(
            state=DUE,
            due_on=due_on,
            days_left=days_left,
            reason=Reason(paragraph, f"To be filed by {long_date(due_on)}.", "obligation.due"),
        )
    on_time = earliest.lodged_on <= due_on
    state = AWAITING_REVIEW if earliest.awaiting_review else MET
    timing = "in time" if on_time else "after the time set"
    return ObligationStatus(
        state=state,
        due_on=due_on,
        days_left=days_left,
        met_by=earliest.reference,
        lodged_on=earliest.lodged_on,
        on_time=on_time,
        reason=Reason(
            paragraph,
            f"{earliest.reference} was lodged on {long_date(earliest.lodged_on)}, {timing}"
            + (
                " (the lodgment date decides, not the review)." if earliest.awaiting_review else "."
            ),
            "obligation.met_on_time" if on_time else "obligation.met_late",
        ),
    )
