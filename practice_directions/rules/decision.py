"""What the rules answer: a frozen decision carrying its reasons, each naming its paragraph."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

REQUIRED = "required"
EXEMPT = "exempt"
WAIVED = "waived"
NOT_IN_FORCE = "not_in_force"
AWAITING_CERTIFICATE = "awaiting_certificate"
STATUSES = (REQUIRED, EXEMPT, WAIVED, NOT_IN_FORCE, AWAITING_CERTIFICATE)

# copy_timeliness answers
NOT_REQUIRED = "not_required"
ON_TIME = "on_time"
LATE = "late"
OUTSTANDING = "outstanding"
OVERDUE = "overdue"


@dataclass(frozen=True)
class Reason:
    """One ground of a decision: the paragraph as written in the direction ("3(b)"), a sentence
    a practitioner understands, and a stable code for programs and tests."""

    paragraph: str
    text: str
    code: str

    def to_dict(self) -> dict[str, str]:
        return {"paragraph": self.paragraph, "text": self.text, "code": self.code}


@dataclass(frozen=True)
class Decision:
    """Whether PD16 requires an electronic copy of one document, by when, by which channel.

    ``status`` is one of ``STATUSES`` for pages to show. ``exempt_paragraph`` names the
    paragraph on which "not required" rests ("2", "3(a)" … "3(e)", "7"); it is ``None`` when a
    copy is required. ``practice_direction`` is the number of the direction in force on the
    filing date, if any.
    """

    electronic_copy_required: bool
    due_by: datetime.date | None
    email_lodgment_allowed: bool
    email_address: str | None
    reasons: tuple[Reason, ...]
    status: str
    exempt_paragraph: str | None = None
    practice_direction: int | None = None
    # PD16 para 9: the code of the e-mail class the copy may be lodged under, when it may.
    email_class: str | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(reason.paragraph for reason in self.reasons))

    def to_dict(self) -> dict[str, Any]:
        """Exactly the keys ``assess_filing --json`` prints; JSON-ready (dates as YYYY-MM-DD)."""
        return {
            "electronic_copy_required": self.electronic_copy_required,
            "due_by": self.due_by.isoformat() if self.due_by else None,
            "email_lodgment_allowed": self.email_lodgment_allowed,
            "email_address": self.email_address,
            "reasons": [reason.to_dict() for reason in self.reasons],
        }


def copy_timeliness(
    decision: Decision, *, copy_filed_on: datetime.date | None, today: datetime.date
) -> str:
    """Whether the electronic copy came (or is still) in time.

    A copy filed on the due date is on time and one filed the day after is late: under para
    3(b), day 28 after the certificate is on time and day 29 late. Returns one of
    ``not_required``, ``on_time``, ``late``, ``outstanding`` or ``overdue``.
    """
    if not decision.electronic_copy_required:
        return NOT_REQUIRED
    if copy_filed_on is not None:
        if decision.due_by is None or copy_filed_on <= decision.due_by:
            return ON_TIME
        return LATE
    if decision.due_by is not None and today > decision.due_by:
        return OVERDUE
    return OUTSTANDING


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value: datetime.date) -> str:
    """As a practitioner writes it, whatever the process locale: 19 November 2004."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
