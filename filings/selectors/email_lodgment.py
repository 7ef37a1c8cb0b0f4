"""Reads for e-mail lodgments (PD16 paras 9 and 10): which para 9 class an e-mail belongs to,
and what is wrong with its subject line and address. Used by the lodgment check
(``filings.services.lodgment_check``) and by the clerks' live subject check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from filings.models import Matter
from practice_directions.models import DocumentKind, EmailClass
from practice_directions.rules import check_email_subject
from practice_directions.rules.data import SUBMISSIONS_EMAIL_CLASS
from practice_directions.selectors import load_rules


@dataclass(frozen=True)
class EmailProblem:
    """Something wrong with an e-mail lodgment that a clerk may record anyway, then reject."""

    code: str
    message: str
    paragraph: str


def email_class_for(*, matter: Matter, kinds: Sequence[DocumentKind]) -> EmailClass | None:
    """The para 9 class an e-mail in ``matter`` carrying ``kinds`` of documents belongs to.

    As the rules choose it for each document (``practice_directions.rules``, para 9): directed
    submissions go to the submissions class, everything else follows the matter's proceeding
    (s.34, s.324, Rule 32). An e-mail carries one subject, so a mixed e-mail follows the
    proceeding. With no documents yet (a subject typed first), submissions are assumed only where
    the proceeding has no class of its own. None: e-mail lodgment is not open to it.
    """
    proceeding_class = matter.proceeding.email_class
    only_submissions = all(k.is_submissions for k in kinds) and (
        bool(kinds) or proceeding_class is None
    )
    if matter.submissions_directed and only_submissions:
        submissions = EmailClass.objects.filter(code=SUBMISSIONS_EMAIL_CLASS).first()
        if submissions is not None:
            return submissions
    return proceeding_class


def email_lodgment_problems(
    *,
    matter: Matter,
    email_class: EmailClass,
    subject: str,
    sent_to: str,
) -> list[EmailProblem]:
    """Every para 9 and para 10 problem with an e-mail lodgment (subject checked by the rules)."""
    result = check_email_subject(
        email_class=email_class.code,
        subject=subject,
        matter_number=matter.number,
        matter_title=matter.title,
        agreement_short_title=matter.agreement_short_title,
        rules=load_rules(),
    )
    problems = [
        EmailProblem(code=problem.code, message=problem.text, paragraph=problem.paragraph)
        for problem in result.problems
    ]
    if sent_to and sent_to.strip().casefold() != email_class.address.casefold():
        problems.append(
            EmailProblem(
                code="email.address_differs",
                message=f"The transmission report shows it was sent to {sent_to}; "
                f"{email_class.name} go to {email_class.address}.",
                paragraph="9",
            )
        )
    return problems
