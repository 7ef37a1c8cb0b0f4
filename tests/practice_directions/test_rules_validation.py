"""Malformed rules data is found (the pure half of system check practice_directions.E001)."""

import dataclasses
import datetime

import pytest

from practice_directions.rules import DocumentKindRule, validate_rules

from .rules_data import PD16_RULES


def _replace(collection: str, value, **changes):
    rows = getattr(PD16_RULES, collection)
    attribute = "name" if collection == "document_kinds" else "code"
    if collection == "practice_directions":
        attribute = "number"
    replaced = tuple(
        dataclasses.replace(row, **changes) if getattr(row, attribute) == value else row
        for row in rows
    )
    return dataclasses.replace(PD16_RULES, **{collection: replaced})


def _without(collection: str, attribute: str, value):
    rows = tuple(r for r in getattr(PD16_RULES, collection) if getattr(r, attribute) != value)
    return dataclasses.replace(PD16_RULES, **{collection: rows})


def test_the_seeded_rules_are_well_formed():
    assert validate_rules(PD16_RULES) == ()


CASES = [
    (
        "no-direction-in-force",
        lambda: _replace("practice_directions", 16, commences_on=None, gazetted_on=None),
        "rules.no_practice_direction_in_force",
    ),
    (
        "two-commence-the-same-day",
        lambda: _replace("practice_directions", 9, commences_on=datetime.date(2004, 11, 19)),
        "rules.practice_directions_commence_together",
    ),
    (
        "commences-before-gazettal",
        lambda: _replace("practice_directions", 16, commences_on=datetime.date(2004, 11, 1)),
        "rules.commences_before_gazettal",
    ),
    (
        "replaces-unknown",
        lambda: _replace("practice_directions", 16, replaces=7),
        "rules.replaces_unknown",
    ),
    (
        "replaces-itself",
        lambda: _replace("practice_directions", 16, replaces=16),
        "rules.replaces_itself",
    ),
    (
        "bad-address",
        lambda: _replace("email_classes", "s34", address="irc electronic services"),
        "rules.email_address_invalid",
    ),
    (
        "unknown-subject-requirement",
        lambda: _replace("email_classes", "rule32", subject_requirement="anything"),
        "rules.subject_requirement_unknown",
    ),
    (
        "no-submissions-class",
        lambda: _without("email_classes", "code", "submissions"),
        "rules.submissions_class_missing",
    ),
    (
        "certificate-without-period",
        lambda: _replace("proceedings", "s106", period_after_certificate_days=None),
        "rules.certificate_period_missing",
    ),
    (
        "exempt-and-awaiting",
        lambda: _replace(
            "proceedings",
            "s84",
            awaits_conciliation_certificate=True,
            period_after_certificate_days=28,
        ),
        "rules.exempt_and_awaiting",
    ),
    (
        "exempt-with-email-class",
        lambda: _replace("proceedings", "s99", email_class="rule32"),
        "rules.exempt_with_email_class",
    ),
    (
        "unknown-email-class",
        lambda: _replace("proceedings", "other", email_class="fax"),
        "rules.email_class_unknown",
    ),
    (
        "short-title-without-agreement-class",
        lambda: _replace("proceedings", "rule32", needs_agreement_short_title=True),
        "rules.short_title_mismatch",
    ),
    (
        "notify-without-deadline",
        lambda: _replace("proceedings", "other", notify_office_of_industrial_relations=True),
        "rules.notify_without_deadline",
    ),
    (
        "duplicate-kind-names",
        lambda: dataclasses.replace(
            PD16_RULES,
            document_kinds=(*PD16_RULES.document_kinds, DocumentKindRule("  AFFIDAVIT ")),
        ),
        "rules.document_kind_duplicate",
    ),
    (
        "exempt-form-flagged-as-submissions",
        lambda: _replace("document_kinds", "Notice of Appearance", is_submissions=True),
        "rules.exempt_form_flagged",
    ),
    (
        "kind-with-two-flags",
        lambda: _replace("document_kinds", "Submissions", is_award=True),
        "rules.document_kind_flags_conflict",
    ),
    (
        "no-office-of-industrial-relations",
        lambda: _without("recipients", "code", "oir"),
        "rules.oir_recipient_missing",
    ),
    (
        "office-address-blank",
        lambda: _replace("recipients", "oir", address=""),
        "rules.oir_address_invalid",
    ),
]


@pytest.mark.parametrize(("build", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_rules_are_reported(build, code):
    assert code in {problem.code for problem in validate_rules(build())}


def test_every_problem_is_reported_not_just_the_first():
    rules = _replace("proceedings", "s106", period_after_certificate_days=None)
    rules = dataclasses.replace(rules, recipients=(), email_classes=rules.email_classes[:-1])
    codes = {problem.code for problem in validate_rules(rules)}
    assert {
        "rules.certificate_period_missing",
        "rules.oir_recipient_missing",
        "rules.submissions_class_missing",
    } <= codes
