"""Which class, matter and party an e-mail belongs to (PD16 paras 9 and 10).

The class comes from the address the message was sent to (para 9: electronic services for
s.34, s.324 and Rule 32 matters; client services for directed submissions), the matter from
the subject (para 10: the agreement's short title for s.34 and s.324; the title of the matter
and its file number for Rule 32 and submissions). The subject is judged by the same rule as
``manage.py check_email_subject`` and the clerks' e-mail lodgment page
(``practice_directions.rules.check_email_subject``), so all three agree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User

from filings.models import Matter, Party
from intake.mail import MailProblem
from practice_directions.models import EmailClass
from practice_directions.rules import check_email_subject
from practice_directions.rules.data import SUBMISSIONS_EMAIL_CLASS, RulesData
from practice_directions.rules.email_subject import MATTER_NUMBER, normalise

# The kind of document an e-mail's principal attachments are, by class (paras 9 and 11).
PRINCIPAL_KIND_BY_CLASS = {
    "s34": "Enterprise agreement",
    "s324": "Contract agreement",
    "rule32": "Award or award variation",
    SUBMISSIONS_EMAIL_CLASS: "Submissions",
}
ANNEXURE_KIND = "Annexure or attachment"


@dataclass(frozen=True)
class MailMatch:
    email_class: str
    matter: Matter | None
    problems: tuple[MailProblem, ...]


def _classes_addressed(recipients: Sequence[str]) -> list[EmailClass]:
    wanted = {r.casefold() for r in recipients}
    return [c for c in EmailClass.objects.order_by("position") if c.address.casefold() in wanted]


def _class_of(matter: Matter, addressed: dict[str, EmailClass]) -> tuple[str, MailProblem | None]:
    """The class ``matter``'s mail belongs to, and a para 9 problem if it was sent elsewhere."""
    proceeding_class = matter.proceeding.email_class_id
    if SUBMISSIONS_EMAIL_CLASS in addressed and proceeding_class not in addressed:
        if matter.submissions_directed:
            return SUBMISSIONS_EMAIL_CLASS, None
        if proceeding_class is not None:
            right = EmailClass.objects.filter(code=proceeding_class).first()
            return proceeding_class, MailProblem(
                "email.address_differs",
                f"{matter.number} is a {matter.proceeding.name} matter; its e-mail goes to "
                f"{right.address if right else 'another address'}.",
                "9",
            )
        return SUBMISSIONS_EMAIL_CLASS, MailProblem(
            "email.submissions_not_directed",
            f"The Commission has not directed that submissions in {matter.number} be filed, so "
            "they cannot be lodged by e-mail.",
            "9",
        )
    if proceeding_class is None:
        return "", MailProblem(
            "email.not_available",
            f"{matter.number} is a {matter.proceeding.name} matter: e-mail lodgment is open to "
            "s.34, s.324 and Rule 32 matters and to submissions the Commission directed.",
            "9",
        )
    if proceeding_class not in addressed:
        right = EmailClass.objects.filter(code=proceeding_class).first()
        return proceeding_class, MailProblem(
            "email.address_differs",
            f"{matter.number} is a {matter.proceeding.name} matter; its e-mail goes to "
            f"{right.address if right else 'another address'}.",
            "9",
        )
    return proceeding_class, None


def _candidates(subject: str, addressed: dict[str, EmailClass]) -> list[Matter]:
    text = unicodedata.normalize("NFKC", subject)
    numbers = {f"IRC{m['year']}/{m['sequence']}" for m in MATTER_NUMBER.finditer(text)}
    found = list(
        Matter.objects.select_related("proceeding").filter(number__in={n.upper() for n in numbers})
    )
    agreement_classes = [
        code for code, c in addressed.items() if c.subject_requirement == "agreement_short_title"
    ]
    if agreement_classes:
        subject_key = normalise(subject)
        titled = (
            Matter.objects.select_related("proceeding")
            .filter(proceeding__email_class__in=agreement_classes)
            .exclude(agreement_short_title="")
        )
        fitting = [
            m
            for m in titled.iterator()
            if normalise(m.agreement_short_title) in subject_key and m not in found
        ]
        # A closed matter is named only when no open one fits: the sender then learns that
        # it is closed (``email.matter_closed``), not that no matter could be found.
        found += [m for m in fitting if m.status == Matter.Status.OPEN] or fitting
    return found


def match_mail(*, subject: str, recipients: Sequence[str], rules: RulesData) -> MailMatch:
    """The class and matter of a message, or every reason none could be found."""
    addressed = {c.code: c for c in _classes_addressed(recipients)}
    if not addressed:
        return MailMatch(
            "",
            None,
            (
                MailProblem(
                    "email.address_unknown",
                    "The message was not sent to one of the registry's e-mail lodgment addresses.",
                    "9",
                ),
            ),
        )
    default_class = next(iter(addressed))
    candidates = _candidates(subject, addressed)
    if not candidates:
        # Judge the subject by the form alone so the sender learns what it lacks.
        result = check_email_subject(
            email_class=default_class,
            subject=subject,
            matter_number=None,
            matter_title=None,
            agreement_short_title=None,
            rules=rules,
        )
        problems: list[MailProblem] = [
            MailProblem(p.code, p.text, p.paragraph) for p in result.problems
        ]
        problems.append(
            MailProblem(
                "email.matter_not_found",
                "No matter could be found from the subject: give the short title of the "
                "agreement (s.34, s.324), or the title of the matter and its file number, for "
                "example IRC2004/1000 (Rule 32, submissions).",
                "10",
            )
        )
        return MailMatch(default_class, None, tuple(problems))
    matched: list[tuple[str, Matter]] = []
    problems = []
    for matter in candidates:
        email_class, problem = _class_of(matter, addressed)
        if problem is not None:
            problems.append(problem)
            continue
        result = check_email_subject(
            email_class=email_class,
            subject=subject,
            matter_number=matter.number,
            matter_title=matter.title,
            agreement_short_title=matter.agreement_short_title,
            rules=rules,
        )
        if result.valid:
            matched.append((email_class, matter))
        else:
            problems += [MailProblem(p.code, p.text, p.paragraph) for p in result.problems]
    if len(matched) == 1:
        email_class, matter = matched[0]
        if matter.status != Matter.Status.OPEN:
            return MailMatch(
                email_class,
                None,
                (MailProblem("email.matter_closed", f"{matter.number} is closed.", "9"),),
            )
        return MailMatch(email_class, matter, ())
    if len(matched) > 1:
        numbers = ", ".join(m.number for _, m in matched)
        problems = [
            MailProblem(
                "email.matter_ambiguous",
                f"The subject fits more than one matter ({numbers}); send one message per matter.",
                "10",
            )
        ]
    email_class = _class_of(candidates[0], addressed)[0] or default_class
    return MailMatch(email_class, None, tuple(problems))


def sender_party(*, matter: Matter, sender: str) -> Party | None:
    """The party in ``matter`` the sender acts for, when exactly one (by their account's
    e-mail address); None when they act for none or several."""
    if not sender:
        return None
    parties = list(
        Party.objects.filter(
            matter=matter, representative_links__user__email__iexact=sender
        ).distinct()[:2]
    )
    return parties[0] if len(parties) == 1 else None


def sender_user(*, party: Party, sender: str) -> User | None:
    """The sender's account among the party's representatives."""
    link = party.representative_links.select_related("user").filter(user__email__iexact=sender)
    first = link.first()
    return first.user if first else None
