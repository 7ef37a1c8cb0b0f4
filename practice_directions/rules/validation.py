"""Malformed rules data: contradictions the decisions could not resolve sensibly.

``validate_rules`` is pure; ``practice_directions.checks`` turns its problems into the system
check ``practice_directions.E001`` so that a bad edit in the admin fails fast.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .data import (
    OFFICE_OF_INDUSTRIAL_RELATIONS,
    SUBJECT_AGREEMENT_SHORT_TITLE,
    SUBJECT_REQUIREMENTS,
    SUBMISSIONS_EMAIL_CLASS,
    RulesData,
    name_key,
)

# Deliberately loose: Django's EmailValidator guards the admin; this catches blanks and typos
# that arrive by other routes (shell, fixtures, data migrations).
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class RulesProblem:
    """One thing wrong with the rules data, and which row it concerns."""

    code: str
    text: str
    obj: str


def validate_rules(rules: RulesData) -> tuple[RulesProblem, ...]:
    """Every problem in the rules data, not just the first."""
    return (
        *_practice_direction_problems(rules),
        *_email_class_problems(rules),
        *_proceeding_problems(rules),
        *_document_kind_problems(rules),
        *_recipient_problems(rules),
    )


def _practice_direction_problems(rules: RulesData) -> list[RulesProblem]:
    problems: list[RulesProblem] = []
    numbers = {pd.number for pd in rules.practice_directions}
    if not any(
        pd.requires_electronic_copies and pd.commences_on is not None
        for pd in rules.practice_directions
    ):
        problems.append(
            RulesProblem(
                "rules.no_practice_direction_in_force",
                "No practice direction requiring electronic copies has a commencement date, so "
                "none is ever in force (PD16 para 2).",
                "practice directions",
            )
        )
    commencing = Counter(pd.commences_on for pd in rules.practice_directions if pd.commences_on)
    for day, count in sorted(commencing.items()):
        if count > 1:
            problems.append(
                RulesProblem(
                    "rules.practice_directions_commence_together",
                    f"{count} practice directions commence on {day.isoformat()}: which is in "
                    "force on that day is ambiguous (PD16 para 2).",
                    "practice directions",
                )
            )
    for pd in rules.practice_directions:
        name = f"Practice Direction No {pd.number}"
        if pd.replaces is not None and pd.replaces not in numbers:
            problems.append(
                RulesProblem(
                    "rules.replaces_unknown", f"It replaces No {pd.replaces}, not known.", name
                )
            )
        if pd.replaces == pd.number:
            problems.append(RulesProblem("rules.replaces_itself", "It replaces itself.", name))
        replaced = rules.practice_direction(pd.replaces)
        if (
            replaced is not None
            and replaced is not pd
            and replaced.commences_on is not None
            and pd.commences_on is not None
            and replaced.commences_on >= pd.commences_on
        ):
            problems.append(
                RulesProblem(
                    "rules.replaces_later_direction",
                    f"It commences on {pd.commences_on.isoformat()}, not after No "
                    f"{replaced.number} which it replaces ({replaced.commences_on.isoformat()}).",
                    name,
                )
            )
        if pd.gazetted_on and pd.commences_on and pd.commences_on < pd.gazetted_on:
            problems.append(
                RulesProblem(
                    "rules.commences_before_gazettal",
                    "It commences before it was published in the Industrial Gazette.",
                    name,
                )
            )
    return problems


def _email_class_problems(rules: RulesData) -> list[RulesProblem]:
    problems: list[RulesProblem] = []
    for email_class in rules.email_classes:
        name = f"E-mail class {email_class.code}"
        if not _ADDRESS.fullmatch(email_class.address or ""):
            problems.append(
                RulesProblem(
                    "rules.email_address_invalid",
                    f"Its address {email_class.address!r} is not an e-mail address (PD16 para 9).",
                    name,
                )
            )
        if email_class.subject_requirement not in SUBJECT_REQUIREMENTS:
            problems.append(
                RulesProblem(
                    "rules.subject_requirement_unknown",
                    f"Its subject requirement {email_class.subject_requirement!r} is not one of "
                    f"{', '.join(SUBJECT_REQUIREMENTS)} (PD16 para 10).",
                    name,
                )
            )
    if rules.email_class_or_none(SUBMISSIONS_EMAIL_CLASS) is None:
        problems.append(
            RulesProblem(
                "rules.submissions_class_missing",
                f"There is no e-mail class {SUBMISSIONS_EMAIL_CLASS!r} for submissions the "
                "Commission directed to be filed (PD16 para 9).",
                "e-mail classes",
            )
        )
    return problems


def _proceeding_problems(rules: RulesData) -> list[RulesProblem]:
    problems: list[RulesProblem] = []
    for proceeding in rules.proceedings:
        name = f"Proceeding type {proceeding.code}"

        def problem(code: str, text: str, name: str = name) -> None:
            problems.append(RulesProblem(code, text, name))

        if proceeding.awaits_conciliation_certificate and not (
            proceeding.period_after_certificate_days
            and proceeding.period_after_certificate_days > 0
        ):
            problem(
                "rules.certificate_period_missing",
                "It awaits a Certificate of Unsuccessful Conciliation but has no period of days "
                "after it (PD16 para 3(b)).",
            )
        if proceeding.exempt_under_3a and proceeding.awaits_conciliation_certificate:
            problem(
                "rules.exempt_and_awaiting",
                "It is both exempt under para 3(a) and awaiting a certificate under para 3(b).",
            )
        if proceeding.exempt_under_3a and proceeding.email_class:
            problem(
                "rules.exempt_with_email_class",
                "It is exempt under para 3(a), so an e-mail class (para 9) can never apply.",
            )
        email_class = rules.email_class_or_none(proceeding.email_class)
        if proceeding.email_class and email_class is None:
            problem(
                "rules.email_class_unknown",
                f"Its e-mail class {proceeding.email_class!r} is unknown.",
            )
        wants_short_title = (
            email_class is not None
            and email_class.subject_requirement == SUBJECT_AGREEMENT_SHORT_TITLE
        )
        if wants_short_title != proceeding.needs_agreement_short_title:
            problem(
                "rules.short_title_mismatch",
                "Whether it needs the agreement's short title does not match the subject "
                "requirement of its e-mail class (PD16 para 10).",
            )
        if proceeding.notify_office_of_industrial_relations and not (
            proceeding.deadline_set_by_commission
        ):
            problem(
                "rules.notify_without_deadline",
                "It notifies the Office of Industrial Relations but has no deadline set by the "
                "Commission (PD16 para 11).",
            )
    return problems


def _document_kind_problems(rules: RulesData) -> list[RulesProblem]:
    problems: list[RulesProblem] = []
    names = Counter(name_key(kind.name) for kind in rules.document_kinds)
    for key, count in sorted(names.items()):
        if count > 1:
            problems.append(
                RulesProblem(
                    "rules.document_kind_duplicate",
                    f"{count} document kinds are named {key!r} ignoring case and spacing; names "
                    "are matched that way.",
                    "document kinds",
                )
            )
    for kind in rules.document_kinds:
        flags = [kind.is_proposed_orders, kind.is_submissions, kind.is_award]
        if kind.exempt_form and any(flags):
            problems.append(
                RulesProblem(
                    "rules.exempt_form_flagged",
                    "It is an exempt form (para 3(e)) and also proposed orders, submissions or "
                    "an award, which PD16 requires.",
                    f"Document kind {kind.name}",
                )
            )
        if sum(flags) > 1:
            problems.append(
                RulesProblem(
                    "rules.document_kind_flags_conflict",
                    "It is flagged as more than one of proposed orders, submissions and award.",
                    f"Document kind {kind.name}",
                )
            )
    return problems


def _recipient_problems(rules: RulesData) -> list[RulesProblem]:
    office = rules.recipient(OFFICE_OF_INDUSTRIAL_RELATIONS)
    if office is None:
        return [
            RulesProblem(
                "rules.oir_recipient_missing",
                "There is no recipient 'oir' for the Office of Industrial Relations, which the "
                "Registry notifies when an award is received (PD16 para 11).",
                "notification recipients",
            )
        ]
    if not _ADDRESS.fullmatch(office.address or ""):
        return [
            RulesProblem(
                "rules.oir_address_invalid",
                f"The Office of Industrial Relations address {office.address!r} is not an "
                "e-mail address (PD16 para 11).",
                "notification recipients",
            )
        ]
    return []
