"""Reads for e-mail lodgments (PD16 paras 9 and 10): which e-mail class a lodgment belongs to
and what is wrong with its subject heading and address. The choice itself is the rules'
(``RulesData.email_class_for``); this module gathers the facts from the records. The lodgment
check (``filings.services.lodgment_check``) and the clerks' live subject check read it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from filings.models import Matter
from practice_directions.models import DocumentKind
from practice_directions.rules import EmailClassRule, RulesData, check_email_subject
from practice_directions.selectors import load_rules


@dataclass(frozen=True)
class EmailProblem:
    """Something wrong with an e-mail lodgment that a clerk may record anyway, then reject."""

    code: str
    message: str
    paragraph: str


def email_class_for(
    *, matter: Matter, kinds: Sequence[DocumentKind], rules: RulesData | None = None
) -> EmailClassRule | None:
    """The para 9 class an e-mail in ``matter`` carrying ``kinds`` of documents belongs to, as
    the rules choose it (None: e-mail lodgment is not open to it)."""
    rules = rules or load_rules()
    return rules.email_class_for(
        rules.proceeding(matter.proceeding_id),
        kinds=tuple(rules.document_kind(kind.name) for kind in kinds),
        submissions_directed=matter.submissions_directed,
    )


def email_lodgment_problems(
    *,
    matter: Matter,
    email_class: EmailClassRule,
    subject: str,
    sent_to: str,
    rules: RulesData | None = None,
) -> list[EmailProblem]:
    """Every para 9 and para 10 problem with an e-mail lodgment (subject checked by the rules)."""
    result = check_email_subject(
        email_class=email_class.code,
        subject=subject,
        matter_number=matter.number,
        matter_title=matter.title,
        agreement_short_title=matter.agreement_short_title,
        rules=rules or load_rules(),
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
